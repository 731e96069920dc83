"""Dedup accuracy on a labeled set: pairwise precision, recall, F1 and the clusters' Adjusted Rand Index."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.shingles import normalized_tokens, shingles
from corpus_tools.errors import BadRecord, CorpusError, OptionError
from corpus_tools.evaluate import EvalReport, Target, refuse_writes, with_overrides
from corpus_tools.io.jsonl import json_lines
from corpus_tools.record import Record
from corpus_tools.stages.dedup import Dedup
from corpus_tools.stages.normalize import Normalize
from corpus_tools.stats import StageStats

TARGETS = {"ari": Target(">=", 0.95), "pairwise_precision": Target(">=", 0.99)}
_OPTIONAL_INTS = ("bands", "rows", "window_days")


@dataclass
class PairCounts:
    """Pairs of records placed together by the truth, by the prediction, and by both."""

    true_pairs: int
    predicted_pairs: int
    both: int
    total_pairs: int

    @property
    def precision(self) -> float:
        return self.both / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ari(self) -> float:
        """Adjusted Rand Index (Hubert and Arabie): the pair agreement corrected for chance."""
        if not self.total_pairs:
            return 1.0
        expected = self.true_pairs * self.predicted_pairs / self.total_pairs
        best = (self.true_pairs + self.predicted_pairs) / 2
        if best == expected:
            return 1.0
        return (self.both - expected) / (best - expected)


def _pairs(counts: npt.NDArray[np.int64]) -> int:
    return int((counts * (counts - 1) // 2).sum())


def pair_counts(truth: Sequence[str], predicted: Sequence[str]) -> PairCounts:
    """Counts from the contingency table of two labelings of the same records."""
    if len(truth) != len(predicted):
        raise ValueError("both labelings must cover the same records")
    _, truth_codes = np.unique(np.asarray(truth, dtype=object).astype(str), return_inverse=True)
    _, predicted_codes = np.unique(np.asarray(predicted, dtype=object).astype(str), return_inverse=True)
    truth_codes = truth_codes.ravel().astype(np.int64)
    predicted_codes = predicted_codes.ravel().astype(np.int64)
    width = int(predicted_codes.max(initial=0)) + 1
    cells = np.unique(truth_codes * width + predicted_codes, return_counts=True)[1]
    n = len(truth)
    return PairCounts(
        true_pairs=_pairs(np.bincount(truth_codes)), predicted_pairs=_pairs(np.bincount(predicted_codes)),
        both=_pairs(cells), total_pairs=n * (n - 1) // 2,
    )


def adjusted_rand_index(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return pair_counts(truth, predicted).ari


def read_truth(path: str) -> Iterator[Record]:
    """Labeled records: JSONL with `id`, `text` and the truth label `story_id`."""
    seen: set[str] = set()
    for line_no, record in json_lines(path):
        if not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str) \
                or record.get("story_id") is None:
            raise BadRecord(path, line_no, "a truth record needs id and text (strings) and a story_id",
                            "write one with `corpus generate dedup`")
        if record["id"] in seen:
            raise BadRecord(path, line_no, f"id {record['id']!r} appears twice; each record must be there once")
        seen.add(record["id"])
        yield record


def config_from(overrides: dict[str, str]) -> DedupConfig:
    """DedupConfig with --set overrides; options that default to None take integers."""
    refuse_writes(overrides, {"index", "clusters"}, "dedup")
    plain = {k: v for k, v in overrides.items() if k not in _OPTIONAL_INTS}
    cfg = with_overrides(DedupConfig(), plain)
    optional: dict[str, Any] = {}
    names = {f.name for f in fields(DedupConfig)}
    for name in _OPTIONAL_INTS:
        if name in overrides and name in names:
            raw = overrides[name]
            try:
                optional[name] = None if raw.lower() in ("", "none") else int(raw)
            except ValueError:
                raise CorpusError(f"--set {name}: expected an integer, got '{raw}'") from None
    cfg = replace(cfg, **optional) if optional else cfg
    try:
        cfg.validate()
    except CorpusError as err:
        raise OptionError(f"--set: {err}") from None
    return cfg


def evaluate(truth_path: str, overrides: dict[str, str]) -> EvalReport:
    """Run normalize and dedup (mark mode) as a user's chain would; score the clusters against story_id."""
    cfg = replace(config_from(overrides), mode="mark", calibrate=False)
    truth: dict[str, str] = {}

    def labeled() -> Iterator[Record]:
        for record in read_truth(truth_path):
            truth[record["id"]] = str(record["story_id"])
            yield record

    normalize = Normalize()
    normalize_stats = StageStats("normalize")

    def normalized() -> Iterator[Record]:
        for record in labeled():
            result = normalize.process(record, normalize_stats.counts)
            yield record if not isinstance(result, dict) else result

    stage = Dedup(cfg)
    stats = StageStats("dedup")
    started = time.perf_counter()
    predicted: dict[str, str] = {}
    for record in stage.run(normalized(), stats):
        predicted[record["id"]] = record["cluster_id"]
    seconds = time.perf_counter() - started
    if not truth:
        raise CorpusError(f"{truth_path}: no labeled records; make a set with `corpus generate dedup`")
    ids = sorted(truth)
    counts = pair_counts([truth[i] for i in ids], [predicted[i] for i in ids])
    stories = len(set(truth.values()))
    clusters = len(set(predicted.values()))
    return EvalReport(
        kind="dedup", records=len(ids),
        metrics={"pairwise_precision": counts.precision, "pairwise_recall": counts.recall,
                 "pairwise_f1": counts.f1, "ari": counts.ari},
        targets=dict(TARGETS),
        details=[f"stories {stories:,}, clusters found {clusters:,}; true pairs {counts.true_pairs:,}, "
                 f"predicted {counts.predicted_pairs:,}, both {counts.both:,}",
                 f"normalize + dedup in {seconds:.1f} s ({len(ids) / max(seconds, 1e-9):,.0f} records/s); "
                 f"candidates {stats.counts['candidate_pairs']:,}, verified "
                 f"{stats.counts['verified_pairs']:,}",
                 "options: " + ", ".join(f"{k}={v}" for k, v in sorted(overrides.items())) if overrides
                 else "options: defaults"],
    )


PAIR_TARGETS = {"same_together": Target(">=", 0.95), "different_together": Target("<=", 0.02)}
PAIR_LABELS = ("same", "different", "borderline")


def read_pairs(path: str) -> list[tuple[str, str, str]]:
    """Judged pairs: JSONL (gzip or plain) with `a`, `b` and `label` (same, different, or borderline)."""
    pairs = []
    for line_no, pair in json_lines(path):
        if not isinstance(pair.get("a"), str) or not isinstance(pair.get("b"), str) \
                or pair.get("label") not in PAIR_LABELS:
            raise BadRecord(path, line_no, "a judged pair needs ids a and b and a label same, different "
                            "or borderline", "one JSON object per line")
        pairs.append((pair["a"], pair["b"], pair["label"]))
    return pairs


def read_run(path: str, wanted: set[str] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Each record's cluster from a run's output in mark mode (`dedup --mode mark`), id -> cluster_id, and the
    text of each record `wanted` names, id -> text (where the run keeps its records' texts)."""
    clusters: dict[str, str] = {}
    texts: dict[str, str] = {}
    for line_no, record in json_lines(path):
        if not isinstance(record.get("id"), str) or not isinstance(record.get("cluster_id"), str):
            raise BadRecord(path, line_no, "a record of the run needs id and cluster_id",
                            "score the output of `dedup --mode mark`")
        clusters[record["id"]] = record["cluster_id"]
        if wanted is not None and record["id"] in wanted and isinstance(record.get("text"), str):
            texts[record["id"]] = record["text"]
    return clusters, texts


WORDING_JACCARD = 0.3
WORDING_CONTAINMENT = 0.6
"""A pair shares wording when its word 3-grams reach either bound, numbers as written or each digit as 0: the
pairs the shared judged Reuters set takes every one of. Below both, the two texts tell one story in other words."""
_DIGIT = re.compile(r"[0-9]")


def shares_wording(text_a: str, text_b: str) -> bool:
    """Whether two texts share wording (`WORDING_JACCARD`, `WORDING_CONTAINMENT`), word 3-grams counted exactly."""
    for digits in (False, True):
        grams_a, grams_b = (set(shingles(normalized_tokens(_DIGIT.sub("0", text) if digits else text), 3))
                            for text in (text_a, text_b))
        if not grams_a or not grams_b:
            continue
        common = len(grams_a & grams_b)
        if common >= WORDING_JACCARD * len(grams_a | grams_b) or \
                common >= WORDING_CONTAINMENT * min(len(grams_a), len(grams_b)):
            return True
    return False


def _by_wording(pairs: list[tuple[str, str, str]], cluster: dict[str, str], texts: dict[str, str]) -> list[str]:
    """Report lines: per label, how many pairs that share wording and how many that do not are in one cluster.
    Misses of the second kind are rewrites, which shingles cannot see; of the first, what dedup decided."""
    lines = []
    for label in ("same", "different"):
        counts = {True: [0, 0], False: [0, 0]}
        for a, b, judged in pairs:
            if judged == label:
                count = counts[shares_wording(texts[a], texts[b])]
                count[0] += 1
                count[1] += cluster[a] == cluster[b]
        lines.append(f"{label} pairs sharing wording: {counts[True][1]:,} of {counts[True][0]:,} in one cluster; "
                     f"in other words: {counts[False][1]:,} of {counts[False][0]:,}")
    return lines


def evaluate_pairs(pairs_path: str, run_path: str) -> EvalReport:
    """Score a run (its records' cluster_id) against judged pairs: how many same-story pairs it put in one
    cluster, how many different-story pairs it merged, its largest cluster and how many records it drops."""
    pairs = read_pairs(pairs_path)
    judged_ids = {i for a, b, _ in pairs for i in (a, b)}
    cluster, texts = read_run(run_path, judged_ids)
    missing = sorted(judged_ids - cluster.keys())
    if missing:
        raise CorpusError(f"{run_path}: {len(missing):,} record(s) of the judged pairs are not in the run, "
                          f"e.g. {missing[0]}; run dedup --mode mark on the corpus the pairs come from")
    together = {label: [cluster[a] == cluster[b] for a, b, judged in pairs if judged == label]
                for label in ("same", "different")}
    sizes = Counter(cluster.values())
    merged_different = sum(together["different"])
    return EvalReport(
        kind="dedup", records=len(cluster),
        metrics={"same_together": _share(together["same"]), "different_together": _share(together["different"]),
                 "largest_cluster": max(sizes.values(), default=0),
                 "records_dropped": len(cluster) - len(sizes)},
        targets=dict(PAIR_TARGETS),
        details=[f"judged pairs: {len(together['same']):,} same ({sum(together['same']):,} in one cluster), "
                 f"{len(together['different']):,} different ({merged_different:,} in one cluster)",
                 f"clusters of two or more: {sum(1 for s in sizes.values() if s > 1):,}; "
                 f"over 10 records: {sum(1 for s in sizes.values() if s > 10):,}",
                 *(_by_wording(pairs, cluster, texts) if judged_ids <= texts.keys() else [])],
    )


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0
