"""What a run did, gathered from its output directory: the manifest, the shards and the audit files.

Every section is optional: a run without strip has no boilerplate figures, a run without dedup no
clusters. The renderers (`html`, `terminal`) say so instead of failing.
"""

from __future__ import annotations

import heapq
import math
import os
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.commit import MANIFEST
from corpus_tools.io.jsonl import json_lines
from corpus_tools.io.output import listed_shard
from corpus_tools.report.model import (
    Boilerplate,
    CategoryCount,
    Cluster,
    ClusterMember,
    DropCount,
    Duplicates,
    InputFile,
    Languages,
    LengthBin,
    Lengths,
    OutputShard,
    Rejected,
    RejectedLine,
    RuleCount,
    RunReport,
    StageFlow,
)

REMOVED = "removed.jsonl"
CLUSTERS = "clusters.jsonl"
REJECTED_EXAMPLES = 5
TARGET_BINS = 20


def gather(directory: str, removed: str | None = None, clusters: str | None = None,
           top_rules: int = 15, top_clusters: int = 10) -> RunReport:
    """Read everything a report shows from a run's output directory (one or two passes over the shards)."""
    if not os.path.isdir(directory):
        raise InputError(f"{directory}: not a directory (give the directory that `corpus ... write DIR` created)")
    manifest = _load_manifest(os.path.join(directory, MANIFEST))
    removed_path = _audit_path(directory, removed, REMOVED)
    clusters_path = _audit_path(directory, clusters, CLUSTERS)
    stages = [_stage_flow(s) for s in _list(manifest, "stages")]
    shards = _shard_paths(directory, manifest)

    cluster_file = _ClusterFile(clusters_path, top_clusters) if clusters_path else None
    wanted = {m["id"] for c in cluster_file.biggest for m in c["members"]} if cluster_file else set()
    scan = _scan_shards(shards, wanted_ids=wanted)

    duplicates: Duplicates | None = None
    if cluster_file:
        duplicates = _duplicates_from_file(cluster_file, scan)
    elif scan.cluster_sizes:
        top = sorted(scan.cluster_sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:top_clusters]
        members = _scan_shards(shards, wanted_clusters={cid for cid, _ in top}).cluster_members
        duplicates = _duplicates_from_shards(scan.cluster_sizes, top, members)

    balance = manifest.get("balance") or {}
    written = int(balance.get("written", scan.records))
    input_records = int(balance.get("input_records", scan.records))
    dropped = sum(int(n) for n in (balance.get("dropped") or {}).values()) if isinstance(
        balance.get("dropped"), dict) else sum(n for s in stages for n in s.dropped.values())
    # The figures must add up, whatever the manifest says of them (a hand-edited or damaged one may say nothing).
    adds_up = input_records == written + dropped + int(balance.get("rejected", 0) or 0) and dropped >= 0
    outputs = [OutputShard(str(o.get("path", "")), int(o.get("records", 0)), int(o.get("bytes", 0)))
               for o in _list(manifest.get("write") or {}, "outputs")]
    notes = []
    if outputs and scan.records != written:
        notes.append(f"The shards hold {scan.records:,} records but the manifest says {written:,} were written: "
                     "the directory was changed after the run.")
    return RunReport(
        directory=directory,
        command=[str(a) for a in manifest.get("command") or []],
        started=manifest.get("started"),
        finished=manifest.get("finished"),
        version=(manifest.get("tool") or {}).get("version"),
        input_records=input_records,
        written=written,
        balanced=bool(balance.get("balanced", True)) and adds_up,
        inputs=[InputFile(str(f.get("path", "")), str(f.get("format", "")), int(f.get("records", 0)),
                          int(f.get("rejected", 0))) for f in _list(manifest.get("read") or {}, "files")],
        stages=stages,
        drops=sorted((DropCount(s.name, reason, n) for s in stages for reason, n in s.dropped.items() if n),
                     key=lambda d: (-d.count, d.stage, d.reason)),
        rejected=_rejected(directory, manifest.get("rejected") or {}),
        outputs=outputs,
        boilerplate=(_boilerplate_from_file(removed_path, top_rules) if removed_path
                     else _boilerplate_from_manifest(manifest, top_rules)),
        duplicates=duplicates,
        languages=_languages(scan.langs, manifest),
        lengths=_lengths(scan.words),
        notes=notes,
    )


def _load_manifest(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            manifest = orjson.loads(handle.read())
    except FileNotFoundError:
        raise InputError(f"{path}: not found (give the directory that `corpus ... write DIR` created)") from None
    except orjson.JSONDecodeError as err:
        raise InputError(f"{path}: invalid JSON ({err})") from None
    if not isinstance(manifest, dict):
        raise InputError(f"{path}: not a manifest (expected one JSON object)")
    return manifest


def _audit_path(directory: str, given: str | None, default_name: str) -> str | None:
    if given is not None:
        if not os.path.isfile(given):
            raise InputError(f"{given}: not found")
        return given
    default = os.path.join(directory, default_name)
    return default if os.path.isfile(default) else None


def _list(mapping: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = mapping.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _stage_flow(stage: dict[str, Any]) -> StageFlow:
    return StageFlow(
        name=str(stage.get("name", "?")),
        records_in=int(stage.get("records_in", 0)),
        records_out=int(stage.get("records_out", 0)),
        modified=int(stage.get("modified", 0)),
        dropped={str(k): int(v) for k, v in (stage.get("dropped") or {}).items()},
        seconds=float(stage.get("seconds", 0.0)),
    )


def _shard_paths(directory: str, manifest: dict[str, Any]) -> list[str]:
    """The shards the manifest lists; the shard names on disk when it lists none."""
    listed = [str(o["path"]) for o in _list(manifest.get("write") or {}, "outputs") if "path" in o]
    if listed:
        paths = [listed_shard(directory, name) for name in listed]
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            raise InputError(f"{missing[0]}: listed in the manifest but missing; the run directory is incomplete")
        return paths
    return [os.path.join(directory, name) for name in sorted(os.listdir(directory))
            if name.startswith("part-") and name.endswith(SHARD_ENDINGS)]


SHARD_ENDINGS = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet")


def _json_lines(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """A shard's or audit file's objects: JSON lines, or the rows of a Parquet shard."""
    if path.endswith(".parquet"):
        from corpus_tools.io.columnar import table_rows

        with open(path, "rb") as raw:
            yield from table_rows(raw.read(), "parquet", path)
        return
    yield from json_lines(path)


@dataclass
class _ShardScan:
    records: int = 0
    words: array[int] = field(default_factory=lambda: array("Q"))
    langs: Counter[str] = field(default_factory=Counter)
    cluster_sizes: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    cluster_members: dict[str, list[tuple[str, str | None, str | None]]] = field(default_factory=dict)


def _scan_shards(shards: list[str], wanted_ids: set[str] | None = None,
                 wanted_clusters: set[str] | None = None) -> _ShardScan:
    """One pass over the shards. Titles are kept only for the ids and clusters asked for, so memory stays
    small whatever the corpus size."""
    scan = _ShardScan()
    first_pass = wanted_clusters is None
    for path in shards:
        for _, record in _json_lines(path):
            record_id = str(record.get("id", ""))
            title = record.get("title") if isinstance(record.get("title"), str) else None
            cluster_id = record.get("cluster_id")
            if wanted_clusters is not None and isinstance(cluster_id, str) and cluster_id in wanted_clusters:
                date = record.get("date") if isinstance(record.get("date"), str) else None
                scan.cluster_members.setdefault(str(cluster_id), []).append((record_id, title, date))
            if not first_pass:
                continue
            scan.records += 1
            text = record.get("text")
            scan.words.append(len(text.split()) if isinstance(text, str) else 0)
            lang = record.get("lang")
            if isinstance(lang, str) and lang:
                scan.langs[lang] += 1
            size = record.get("dup_count")
            if isinstance(cluster_id, str) and isinstance(size, int) and size > 1:
                scan.cluster_sizes[cluster_id] = max(size, scan.cluster_sizes.get(cluster_id, 0))
            if wanted_ids and record_id in wanted_ids:
                scan.titles[record_id] = title
    return scan


def _read_clusters(path: str) -> Iterator[dict[str, Any]]:
    for number, line in _json_lines(path):
        members = line.get("members")
        if not isinstance(line.get("cluster_id"), str) or not isinstance(members, list) or not all(
                isinstance(m, dict) and isinstance(m.get("id"), str) for m in members):
            raise BadRecord(path, number, "not a cluster line",
                            'expected {"cluster_id": ..., "kept": ..., "members": [{"id": ..., "similarity": ...}]}')
        yield line


class _ClusterFile:
    """One streaming pass over clusters.jsonl: the size distribution and only the biggest clusters in memory."""

    def __init__(self, path: str, top: int) -> None:
        self.path = path
        self.sizes: Counter[int] = Counter()
        self.biggest = heapq.nsmallest(top, self._counted(), key=lambda c: (-len(c["members"]), c["cluster_id"]))

    def _counted(self) -> Iterator[dict[str, Any]]:
        for line in _read_clusters(self.path):
            self.sizes[len(line["members"])] += 1
            yield line


def _duplicates_from_file(cluster_file: _ClusterFile, scan: _ShardScan) -> Duplicates:
    clusters = []
    for line in cluster_file.biggest:
        kept = line.get("kept", line["cluster_id"])
        members = [ClusterMember(
            id=m["id"],
            similarity=float(m["similarity"]) if isinstance(m.get("similarity"), int | float) else None,
            title=scan.titles.get(m["id"]) or (m["title"] if isinstance(m.get("title"), str) else None),
            kept=m["id"] == kept,
            written=m["id"] in scan.titles,
            date=m["date"] if isinstance(m.get("date"), str) else None,
        ) for m in line["members"]]
        clusters.append(Cluster(line["cluster_id"], len(members), members))
    sizes = cluster_file.sizes
    return Duplicates(source="dedup's clusters file", path=cluster_file.path, clusters=sum(sizes.values()),
                      duplicates=sum((size - 1) * n for size, n in sizes.items()), sizes=sorted(sizes.items()),
                      biggest=clusters)


def _duplicates_from_shards(cluster_sizes: dict[str, int], top: list[tuple[str, int]],
                            members: dict[str, list[tuple[str, str | None, str | None]]]) -> Duplicates:
    """Without clusters.jsonl only what the shards carry: sizes from dup_count, and as members the
    copies that were written (all of them with `dedup --mode mark`, the kept one otherwise)."""
    clusters = [Cluster(cid, size, [ClusterMember(mid, None, title, mid == cid, True, date)
                                    for mid, title, date in sorted(members.get(cid, []),
                                                                   key=lambda m: (m[0] != cid, m[0]))])
                for cid, size in top]
    return Duplicates(source="cluster_id and dup_count in the shards", path=None, clusters=len(cluster_sizes),
                      duplicates=sum(size - 1 for size in cluster_sizes.values()),
                      sizes=sorted(Counter(cluster_sizes.values()).items()), biggest=clusters)


def _rejected(directory: str, rejected: dict[str, Any]) -> Rejected:
    file = rejected.get("file")
    examples: list[RejectedLine] = []
    path = os.path.join(directory, str(file)) if file else None
    if path and os.path.isfile(path):
        for _, line in _json_lines(path):
            raw_line = line.get("line")
            examples.append(RejectedLine(str(line.get("source", "")), raw_line if isinstance(raw_line, int) else None,
                                         str(line.get("reason", "")), str(line.get("raw", ""))))
            if len(examples) == REJECTED_EXAMPLES:
                break
    by_reason = sorted(((str(k), int(v)) for k, v in (rejected.get("by_reason") or {}).items()),
                       key=lambda kv: (-kv[1], kv[0]))
    return Rejected(int(rejected.get("count", 0)), by_reason, str(file) if file else None, examples)


def _boilerplate_from_file(path: str, top_rules: int) -> Boilerplate:
    spans: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    rule_spans: Counter[str] = Counter()
    rule_chars: Counter[str] = Counter()
    rule_category: dict[str, str] = {}
    examples: dict[str, str] = {}
    records: set[str] = set()
    for number, line in _json_lines(path):
        category, rule, text = line.get("category"), line.get("rule"), line.get("text")
        if not isinstance(category, str) or not isinstance(rule, str):
            raise BadRecord(path, number, "not a removed-span line",
                            'expected {"id", "category", "rule", "text", "start", "end"}')
        size = len(text) if isinstance(text, str) else _span_size(line)
        spans[category] += 1
        chars[category] += size
        rule_spans[rule] += 1
        rule_chars[rule] += size
        rule_category.setdefault(rule, category)
        if isinstance(text, str) and text.strip():
            examples.setdefault(rule, text)
        records.add(str(line.get("id", "")))
    categories = [CategoryCount(c, n, chars[c]) for c, n in _ranked(spans)]
    rules = [RuleCount(r, rule_category[r], n, rule_chars[r], examples.get(r)) for r, n in _ranked(rule_spans)]
    return Boilerplate(source="strip's removed spans", path=path, spans=sum(spans.values()),
                       chars=sum(chars.values()), records=len(records), categories=categories,
                       rules=rules[:top_rules], rule_total=len(rules))


def _span_size(line: dict[str, Any]) -> int:
    start, end = line.get("start"), line.get("end")
    return end - start if isinstance(start, int) and isinstance(end, int) else 0


def _boilerplate_from_manifest(manifest: dict[str, Any], top_rules: int) -> Boilerplate | None:
    """The strip stage's counts: `removed.category.<c>` and `removed.rule.<id>` per span, `removed.chars`."""
    strip = next((s for s in _list(manifest, "stages") if s.get("name") == "strip"), None)
    if strip is None:
        return None
    counts = {str(k): int(v) for k, v in (strip.get("counts") or {}).items() if isinstance(v, int)}
    categories = Counter({k.removeprefix("removed.category."): v for k, v in counts.items()
                          if k.startswith("removed.category.")})
    rules = Counter({k.removeprefix("removed.rule."): v for k, v in counts.items() if k.startswith("removed.rule.")})
    ranked_rules = _ranked(rules)
    return Boilerplate(
        source="the strip stage's counts in the manifest",
        path=None,
        spans=counts.get("removed.spans", sum(categories.values())),
        chars=counts.get("removed.chars"),
        records=None,
        categories=[CategoryCount(c, n, None) for c, n in _ranked(categories)],
        rules=[RuleCount(r, None, n, None, None) for r, n in ranked_rules[:top_rules]],
        rule_total=len(ranked_rules),
    )


def _languages(langs: Counter[str], manifest: dict[str, Any]) -> Languages | None:
    """The `lang` of the written records; failing that, what langid counted (before later stages dropped any)."""
    if langs:
        return Languages("the lang field of the written records", sum(langs.values()), _ranked(langs))
    langid = next((s for s in _list(manifest, "stages") if s.get("name") == "langid"), None)
    counts = Counter({str(k).removeprefix("lang."): int(v) for k, v in ((langid or {}).get("counts") or {}).items()
                      if str(k).startswith("lang.") and isinstance(v, int)})
    if not counts:
        return None
    return Languages("the langid stage's counts in the manifest", sum(counts.values()), _ranked(counts))


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _lengths(words: array[int]) -> Lengths | None:
    import numpy as np

    if not words:
        return None
    ordered = np.sort(np.frombuffer(words, dtype=np.uint64))
    n = len(ordered)

    def quantile(q: float) -> int:
        return int(ordered[min(n - 1, int(q * (n - 1) + 0.5))])

    # Bins cover up to the 99th percentile so that one giant record does not squash the histogram.
    top = quantile(0.99)
    width = _nice_width(max(top, 1) / TARGET_BINS)
    last = top // width
    counts = np.bincount(np.minimum(ordered // width, last + 1).astype(np.int64), minlength=last + 2)
    bins = [LengthBin(i * width, (i + 1) * width, int(counts[i])) for i in range(last + 1)]
    if counts[last + 1]:
        bins.append(LengthBin((last + 1) * width, None, int(counts[last + 1])))
    total = int(ordered.sum())
    return Lengths(records=n, words=total, min=int(ordered[0]), median=quantile(0.5), mean=total / n,
                   p90=quantile(0.9), max=int(ordered[-1]), bins=bins)


def _nice_width(raw: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at least `raw`: bin edges a reader can add up."""
    if raw <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))
