"""`corpus eval strip`: character-level precision and recall of removed boilerplate, and story text lost.

Characters are counted without whitespace, so that where a span's edges fall between paragraphs does
not matter. Strip runs as a user would run it on a new corpus (`--learn` over the truth set itself),
and once more with rules alone, to show what learning adds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus_tools.boilerplate import segment
from corpus_tools.boilerplate.learned import Learner
from corpus_tools.errors import CorpusError, OptionError
from corpus_tools.evaluate import EvalReport, Target, refuse_writes, span_problem, with_overrides
from corpus_tools.io.jsonl import json_lines
from corpus_tools.record import Record
from corpus_tools.stages.strip import Strip, StripConfig, keep_category_problem

TARGETS = {"precision": Target(">=", 0.98), "recall": Target(">=", 0.95), "body_lost": Target("<=", 0.005)}
JUDGED_TARGETS = {"precision": Target(">=", 0.98), "recall": Target(">=", 0.90), "body_lost": Target("<=", 0.005)}
"""Real text judged by reading: boilerplate no generator imitated, so recall is held to a lower bar."""


@dataclass
class Tally:
    """Characters of boilerplate and story, removed or kept: removed boilerplate (hit), removed story (wrong),
    boilerplate left (missed), all story; boilerplate also per category. Generated sets count non-whitespace
    characters, judged sets the characters of aligned tokens."""

    hit: int = 0
    wrong: int = 0
    missed: int = 0
    story: int = 0
    total_by_category: Counter[str] = field(default_factory=Counter)
    missed_by_category: Counter[str] = field(default_factory=Counter)
    wrong_examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        removed = self.hit + self.wrong
        return self.hit / removed if removed else 1.0

    @property
    def recall(self) -> float:
        boilerplate = self.hit + self.missed
        return self.hit / boilerplate if boilerplate else 1.0

    @property
    def body_lost(self) -> float:
        return self.wrong / self.story if self.story else 0.0

    def recall_by_category(self) -> str:
        return ", ".join(f"{category} {1 - self.missed_by_category[category] / total:.3f}"
                         for category, total in sorted(self.total_by_category.items()) if total)


def load_truth(path: str) -> list[Record]:
    records = []
    seen: set[Any] = set()
    for line_no, record in json_lines(path):
        if "boilerplate_spans" not in record or not isinstance(record.get("text"), str):
            raise CorpusError(f"{path}:{line_no}: no boilerplate_spans; make the set with `corpus generate strip`")
        problem = span_problem(record["boilerplate_spans"], len(record["text"]), 3)
        if problem:
            raise CorpusError(f"{path}:{line_no}: {problem}")
        if record.get("id") in seen:
            raise CorpusError(f"{path}:{line_no}: id {record.get('id')!r} is judged twice")
        seen.add(record.get("id"))
        records.append(record)
    if not records:
        raise CorpusError(f"{path}: no labeled records; make a set with `corpus generate strip`")
    return records


def measure(records: Sequence[Record], cfg: StripConfig) -> tuple[Tally, int]:
    """Run strip over labeled records and score it; also return how many lines it learned."""
    stage = Strip(dataclasses.replace(cfg, learn=False))
    learned = 0
    if cfg.learn:
        learner = Learner(cfg.min_stories, cfg.min_share)
        for record in records:
            learner.count(record)
        for record in records:
            learner.observe(record)
        stage.model = learner.model()
        learned = len(stage.model)
    tally = Tally()
    for record in records:
        text = record["text"]
        removed = segment.merged_runs((s.start, s.end) for s in stage.analyse(record).spans)
        truth = [(int(s), int(e), str(c)) for s, e, c in record["boilerplate_spans"]]
        _score(text, removed, truth, tally, record["id"])
    return tally, learned


def _score(text: str, removed: list[tuple[int, int]], truth: list[tuple[int, int, str]], tally: Tally,
           record_id: str) -> None:
    solid = [0]
    for char in text:
        solid.append(solid[-1] + (not char.isspace()))

    def count(start: int, end: int) -> int:
        return solid[end] - solid[start] if end > start else 0

    truth_spans = segment.merged_runs((s, e) for s, e, _ in truth)
    hit = sum(count(max(a, c), min(b, d)) for a, b in removed for c, d in truth_spans)
    removed_total = sum(count(a, b) for a, b in removed)
    truth_total = sum(count(c, d) for c, d in truth_spans)
    tally.hit += hit
    tally.wrong += removed_total - hit
    tally.missed += truth_total - hit
    tally.story += count(0, len(text)) - truth_total
    for start, end, category in truth:
        size = count(start, end)
        got = sum(count(max(a, start), min(b, end)) for a, b in removed)
        tally.total_by_category[category] += size
        tally.missed_by_category[category] += size - got
    if removed_total > hit and len(tally.wrong_examples) < 5:
        for a, b in removed:
            if count(a, b) > sum(count(max(a, c), min(b, d)) for c, d in truth_spans):
                tally.wrong_examples.append(f"{record_id}: {text[a:b][:90]!r}")
                break


def config_from(base: StripConfig, overrides: dict[str, str]) -> StripConfig:
    """A strip config with --set overrides, checked as `corpus strip` checks its options (a usage error, exit 2):
    an unknown category to keep, learning's limits; an evaluation writes nothing beside its report."""
    refuse_writes(overrides, {"removed", "explain"}, "strip")
    cfg = with_overrides(base, overrides)
    problem = keep_category_problem(cfg)
    if problem:
        raise OptionError(f"--set keep_category: {problem}")
    if cfg.min_stories < 2 or not 0 <= cfg.min_share <= 1:
        raise OptionError("--set: min_stories is at least 2 and min_share between 0 and 1")
    return cfg


def evaluate(truth_path: str, overrides: dict[str, str]) -> EvalReport:
    records = load_truth(truth_path)
    cfg = config_from(StripConfig(learn=True), overrides)
    tally, learned = measure(records, cfg)
    metrics = {"precision": tally.precision, "recall": tally.recall, "body_lost": tally.body_lost}
    details = [f"learned {learned:,} boilerplate line(s) from the set (--learn, min_stories={cfg.min_stories}, "
               f"min_share={cfg.min_share})"]
    if cfg.learn:
        rules_only, _ = measure(records, dataclasses.replace(cfg, learn=False))
        metrics.update({"rules_only.precision": rules_only.precision, "rules_only.recall": rules_only.recall,
                        "rules_only.body_lost": rules_only.body_lost})
    details.append("recall by category: " + tally.recall_by_category())
    details.extend(f"story text removed: {example}" for example in tally.wrong_examples)
    return EvalReport("strip", len(records), metrics, dict(TARGETS), details)
