"""The whole chain on generated news at several sizes, with the stage baselines run in the same invocation."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from corpus_tools.bench import generator
from corpus_tools.bench.memory import run_measured
from corpus_tools.errors import CorpusError
from corpus_tools.record import dump_record

CHAIN = ("normalize", "strip", "langid", "dedup")
BASELINE_MODULES = ("corpus_tools.bench.dedup_bench", "corpus_tools.bench.langid_bench")
TARGET_CHAIN_RATE = 1000.0
TARGET_PEAK_BYTES = {100_000: 2 * 1024**3, 1_000_000: 4 * 1024**3}


@dataclass
class StageRow:
    stage: str
    records_in: int
    seconds: float
    records_per_s: float
    mb_per_s: float


@dataclass
class ChainResult:
    size: int
    workers: int
    input_mb: float
    seconds: float
    records_per_s: float
    peak_rss_mb: float
    written: int
    dropped: dict[str, int]
    stages: list[StageRow] = field(default_factory=list)

    @property
    def meets_speed(self) -> bool:
        return self.records_per_s >= TARGET_CHAIN_RATE

    @property
    def meets_memory(self) -> bool | None:
        """None where the issue sets no memory target for this size."""
        peak_limit = TARGET_PEAK_BYTES.get(self.size)
        return None if peak_limit is None else self.peak_rss_mb * 1024**2 <= peak_limit


def available_chain() -> list[str]:
    return [name for name in CHAIN if importlib.util.find_spec(f"corpus_tools.stages.{name}") is not None]


def write_corpus(path: str, count: int, seed: int) -> None:
    with open(path, "wb") as out:
        for record in generator("dedup")(count, seed):
            out.write(dump_record(record))


def run_chain(source: str, out_dir: str, size: int, workers: int, chain: Sequence[str]) -> ChainResult:
    """One subprocess per run, so peak memory is the chain's own (workers included)."""
    command = [sys.executable, "-m", "corpus_tools", "--quiet", "--workers", str(workers), "read", source,
               *chain, "write", out_dir, "--force"]
    measured = run_measured(command)
    if measured.returncode != 0:
        raise CorpusError(f"benchmark run failed: {measured.stderr.strip()}")
    with open(os.path.join(out_dir, "manifest.json")) as handle:
        manifest = json.load(handle)
    input_mb = sum(f["bytes"] for f in manifest["read"]["files"]) / 1e6
    rows = []
    for stage in manifest["stages"]:
        seconds = stage["seconds"]
        rate = stage["records_in"] / seconds if seconds else float("inf")
        rows.append(StageRow(stage["name"], stage["records_in"], round(seconds, 2), round(rate, 1),
                             round(input_mb / seconds, 2) if seconds else float("inf")))
    return ChainResult(size=size, workers=workers, input_mb=round(input_mb, 1), seconds=round(measured.seconds, 2),
                       records_per_s=round(size / measured.seconds, 1),
                       peak_rss_mb=round(measured.peak_rss_bytes / 1024**2, 1),
                       written=manifest["balance"]["written"], dropped=manifest["balance"]["dropped"], stages=rows)


def run_baselines(count: int, seed: int, log: Callable[[str], None]) -> dict[str, list[dict[str, Any]]]:
    """Each stage's own comparison (ours against datasketch, datatrove, plain langdetect ...)."""
    results: dict[str, list[dict[str, Any]]] = {}
    for module_name in BASELINE_MODULES:
        if importlib.util.find_spec(module_name) is None:
            continue
        log(f"baselines: {module_name.rsplit('.', 1)[1]} on {count:,} articles")
        module = importlib.import_module(module_name)
        results[module_name.rsplit(".", 1)[1]] = module.run(count, seed)
    return results


def bench(sizes: Sequence[int], workers: int, out_dir: str, seed: int, baseline_count: int,
          log: Callable[[str], None]) -> dict[str, Any]:
    os.makedirs(out_dir, exist_ok=True)
    chain = available_chain()
    chain_results = []
    for size in sizes:
        source = os.path.join(out_dir, f"news-{size}.jsonl")
        if not os.path.exists(source):
            log(f"generating {size:,} articles -> {source}")
            write_corpus(source, size, seed)
        log(f"chain {' '.join(chain)} on {size:,} articles, {workers} workers")
        chain_results.append(run_chain(source, os.path.join(out_dir, f"clean-{size}"), size, workers, chain))
    baselines = run_baselines(baseline_count, seed, log) if baseline_count else {}
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "chain": [{**asdict(r), "meets_speed": r.meets_speed, "meets_memory": r.meets_memory} for r in chain_results],
        "baselines": baselines,
    }
    with open(os.path.join(out_dir, "results.json"), "w") as handle:
        json.dump(report, handle, indent=2)
    return report


def markdown(report: dict[str, Any]) -> str:
    """The tables the README carries."""
    def verdict(met: bool | None) -> str:
        return "-" if met is None else "met" if met else "MISSED"

    lines = ["| articles | workers | input MB | seconds | articles/s | peak RSS MB | 1,000/s | memory (2 GB at 100k, "
             "4 GB at 1M) |", "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in report["chain"]:
        lines.append(f"| {r['size']:,} | {r['workers']} | {r['input_mb']} | {r['seconds']} | {r['records_per_s']:,} "
                     f"| {r['peak_rss_mb']:,} | {verdict(r['meets_speed'])} | {verdict(r['meets_memory'])} |")
    if report["chain"]:
        largest = report["chain"][-1]
        lines += ["", f"Per stage, {largest['size']:,} articles (stage seconds exclude waiting on other stages; "
                  "per-record stages run in the worker pool, so their seconds add up CPU time across workers):",
                  "", "| stage | records in | seconds | records/s | MB/s |", "| --- | ---: | ---: | ---: | ---: |"]
        for s in largest["stages"]:
            lines.append(f"| {s['stage']} | {s['records_in']:,} | {s['seconds']} | {s['records_per_s']:,} "
                         f"| {s['mb_per_s']} |")
    for name, rows in report["baselines"].items():
        if not rows:
            continue
        columns = list(rows[0])
        lines += ["", f"Baselines: {name}", "", "| " + " | ".join(columns) + " |",
                  "| " + " | ".join("---" for _ in columns) + " |"]
        lines += ["| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"
