"""The whole chain on generated news and on news recombined from real articles, at several sizes, with the
hand-written chain and the stage baselines run in the same invocation."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any

import orjson

from corpus_tools.bench import real_news, shared_data
from corpus_tools.bench.memory import run_measured
from corpus_tools.errors import CorpusError
from corpus_tools.record import dump_record
from corpus_tools.synthetic import generator

CHAIN = ("normalize", "strip", "langid", "dedup")
CORPORA = ("generated", "real")
BASELINE_MODULES = ("corpus_tools.bench.dedup_bench", "corpus_tools.bench.langid_bench")
TARGET_CHAIN_RATE = 1000.0
TARGET_PEAK_BYTES = {100_000: 2 * 1024**3, 1_000_000: 4 * 1024**3}
TARGET_HANDWRITTEN_SPEEDUP = 8.0
STAGE_SAMPLE = 5000
"""Articles each stage's CPU time per record is measured on, in this process."""
_WARM_UP = 50


@dataclass
class StageRow:
    stage: str
    records_in: int
    seconds: float
    records_per_s: float
    mb_per_s: float


@dataclass
class ChainResult:
    corpus: str
    size: int
    workers: int
    input_mb: float
    seconds: float
    cpu_seconds: float
    records_per_s: float
    cpu_ms_per_record: float
    peak_rss_mb: float
    """The process tree's resident memory, shared pages counted in every process that maps them."""
    peak_pss_mb: float
    """The process tree's proportional memory, each shared page counted once: what the targets measure."""
    written: int
    dropped: dict[str, int]
    stages: list[StageRow] = field(default_factory=list)

    @property
    def meets_speed(self) -> bool:
        return self.records_per_s >= TARGET_CHAIN_RATE

    @property
    def meets_memory(self) -> bool | None:
        """None where the issue sets no memory target for this size. Measured on proportional memory: the worker
        processes fork from the main process and share its pages, which their resident sizes count again."""
        peak_limit = TARGET_PEAK_BYTES.get(self.size)
        return None if peak_limit is None else self.peak_pss_mb * 1024**2 <= peak_limit


def available_chain() -> list[str]:
    return [name for name in CHAIN if importlib.util.find_spec(f"corpus_tools.stages.{name}") is not None]


def available_corpora(requested: Sequence[str], log: Callable[[str], None]) -> list[str]:
    """The real-text corpus needs the shared real data; without it the run reports the generated corpus only."""
    corpora = []
    for corpus in requested:
        if corpus not in CORPORA:
            raise CorpusError(f"unknown bench corpus '{corpus}'; choose from {', '.join(CORPORA)}")
        if corpus == "real" and not real_news.available(shared_data()):
            log("real-text corpus skipped: no shared real data (../shared/data or $CORPUS_SHARED_DATA)")
            continue
        corpora.append(corpus)
    return corpora


def corpus_records(corpus: str, count: int, seed: int) -> Iterator[dict[str, Any]]:
    if corpus == "real":
        root = shared_data()
        if root is None:
            raise CorpusError("the real-text corpus needs the shared real data")
        return real_news.articles(root, count, seed)
    return generator("dedup")(count, seed)


def corpus_file(out_dir: str, corpus: str, count: int, seed: int, log: Callable[[str], None]) -> str:
    """The corpus as JSONL in the output directory, written once and reused by later runs."""
    path = os.path.join(out_dir, f"{'news' if corpus == 'generated' else corpus}-{count}.jsonl")
    if not os.path.exists(path):
        log(f"writing {count:,} {corpus} articles -> {path}")
        partial = path + ".partial"
        with open(partial, "wb") as out:
            for record in corpus_records(corpus, count, seed):
                out.write(dump_record(record))
        os.replace(partial, path)
    return path


def run_chain(source: str, out_dir: str, size: int, workers: int, chain: Sequence[str],
              corpus: str = "generated") -> ChainResult:
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
    return ChainResult(corpus=corpus, size=size, workers=workers, input_mb=round(input_mb, 1),
                       seconds=round(measured.seconds, 2), cpu_seconds=round(measured.cpu_seconds, 2),
                       records_per_s=round(size / measured.seconds, 1),
                       cpu_ms_per_record=round(measured.cpu_seconds / size * 1000, 3),
                       peak_rss_mb=round(measured.peak_rss_bytes / 1024**2, 1),
                       peak_pss_mb=round(measured.peak_pss_bytes / 1024**2, 1),
                       written=manifest["balance"]["written"], dropped=manifest["balance"]["dropped"], stages=rows)


def stage_cpu(source: str, chain: Sequence[str], limit: int) -> list[dict[str, Any]]:
    """CPU milliseconds per record of each stage, run one after the other in this process.

    CPU time, unlike the manifest's seconds, does not grow when other jobs share the machine. Models and
    rule files load during a warm-up pass first, as each worker process loads them once in a chain run.
    """
    with open(source, "rb") as handle:
        records = [orjson.loads(line) for line in islice(handle, limit)]
    stages = [getattr(importlib.import_module(f"corpus_tools.stages.{name}"), name) for name in chain]
    warm: Any = records[:_WARM_UP]
    for stage in stages:
        warm = list(stage(warm))
    rows = []
    for name, stage in zip(chain, stages, strict=True):
        count = len(records)
        started = time.process_time()
        records = list(stage(records))
        seconds = time.process_time() - started
        rows.append({"stage": name, "records_in": count,
                     "cpu_ms_per_record": round(seconds / count * 1000, 3) if count else 0.0})
    return rows


def compare_handwritten(source: str, out_dir: str, count: int, workers: int, chain: Sequence[str],
                        corpus: str) -> dict[str, Any]:
    """Our chain and the hand-written one (`handwritten_chain`) on the same file, one after the other."""
    ours = run_chain(source, os.path.join(out_dir, f"clean-{corpus}-{count}"), count, workers, chain, corpus)
    target = os.path.join(out_dir, f"handwritten-{corpus}-{count}.jsonl")
    theirs = run_measured([sys.executable, "-m", "corpus_tools.bench.handwritten_chain", source, target,
                           "--workers", str(workers)])
    if theirs.returncode != 0:
        raise CorpusError(f"hand-written chain failed: {theirs.stderr.strip()}")
    with open(target, "rb") as handle:
        written = sum(1 for _ in handle)
    speedup = theirs.seconds / ours.seconds
    return {"corpus": corpus, "articles": count, "workers": workers,
            "ours_s": ours.seconds, "ours_cpu_s": ours.cpu_seconds, "ours_written": ours.written,
            "handwritten_s": round(theirs.seconds, 2), "handwritten_cpu_s": round(theirs.cpu_seconds, 2),
            "handwritten_written": written, "speedup": round(speedup, 1),
            "cpu_speedup": round(theirs.cpu_seconds / ours.cpu_seconds, 1) if ours.cpu_seconds else 0.0,
            "meets_speedup": speedup >= TARGET_HANDWRITTEN_SPEEDUP}


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
          log: Callable[[str], None], corpora: Sequence[str] = CORPORA) -> dict[str, Any]:
    os.makedirs(out_dir, exist_ok=True)
    chain = available_chain()
    corpora = available_corpora(corpora, log)
    chain_results = []
    for size in sizes:
        for corpus in corpora:
            source = corpus_file(out_dir, corpus, size, seed, log)
            log(f"chain {' '.join(chain)} on {size:,} {corpus} articles, {workers} workers")
            chain_results.append(run_chain(source, os.path.join(out_dir, f"clean-{corpus}-{size}"), size, workers,
                                           chain, corpus))
    stage_rows: dict[str, list[dict[str, Any]]] = {}
    handwritten = []
    for corpus in corpora:
        sample = min([baseline_count or STAGE_SAMPLE, *sizes, STAGE_SAMPLE])
        log(f"CPU time per stage on {sample:,} {corpus} articles")
        stage_rows[corpus] = stage_cpu(corpus_file(out_dir, corpus, sample, seed, log), chain, sample)
        if baseline_count:
            log(f"hand-written chain and ours on {baseline_count:,} {corpus} articles")
            handwritten.append(compare_handwritten(corpus_file(out_dir, corpus, baseline_count, seed, log), out_dir,
                                                   baseline_count, workers, chain, corpus))
    baselines = run_baselines(baseline_count, seed, log) if baseline_count else {}
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "chain": [{**asdict(r), "meets_speed": r.meets_speed, "meets_memory": r.meets_memory} for r in chain_results],
        "stage_cpu": stage_rows,
        "handwritten": handwritten,
        "baselines": baselines,
    }
    with open(os.path.join(out_dir, "results.json"), "w") as handle:
        json.dump(report, handle, indent=2)
    return report


def markdown(report: dict[str, Any]) -> str:
    """The tables the README carries."""
    def verdict(met: bool | None) -> str:
        return "-" if met is None else "met" if met else "MISSED"

    lines = ["| corpus | articles | workers | input MB | seconds | articles/s | CPU ms/article | peak RSS MB "
             "| peak PSS MB | 1,000/s | memory (PSS: 2 GB at 100k, 4 GB at 1M) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in report["chain"]:
        lines.append(f"| {r['corpus']} | {r['size']:,} | {r['workers']} | {r['input_mb']} | {r['seconds']} "
                     f"| {r['records_per_s']:,} | {r['cpu_ms_per_record']} | {r['peak_rss_mb']:,} "
                     f"| {r['peak_pss_mb']:,} | {verdict(r['meets_speed'])} | {verdict(r['meets_memory'])} |")
    stage_cpu = report.get("stage_cpu", {})
    if stage_cpu:
        corpora = list(stage_cpu)
        samples = ", ".join(f"{rows[0]['records_in']:,} {corpus}" for corpus, rows in stage_cpu.items() if rows)
        lines += ["", f"CPU ms per record of each stage, in one process ({samples} articles):", "",
                  "| stage | " + " | ".join(corpora) + " |", "| --- |" + " ---: |" * len(corpora)]
        by_stage: dict[str, dict[str, float]] = {}
        for corpus, rows in stage_cpu.items():
            for row in rows:
                by_stage.setdefault(row["stage"], {})[corpus] = row["cpu_ms_per_record"]
        for stage, values in by_stage.items():
            lines.append(f"| {stage} | " + " | ".join(str(values.get(c, "")) for c in corpora) + " |")
    if report["chain"]:
        largest = max(r["size"] for r in report["chain"])
        lines += ["", f"Per stage, {largest:,} articles (stage seconds exclude waiting on other stages; per-record "
                  "stages run in the worker pool, so their seconds add up time across workers):", "",
                  "| corpus | stage | records in | seconds | records/s | MB/s |",
                  "| --- | --- | ---: | ---: | ---: | ---: |"]
        for r in report["chain"]:
            if r["size"] == largest:
                lines += [f"| {r['corpus']} | {s['stage']} | {s['records_in']:,} | {s['seconds']} "
                          f"| {s['records_per_s']:,} | {s['mb_per_s']} |" for s in r["stages"]]
    if report.get("handwritten"):
        lines += ["", "Against the hand-written chain (ftfy, seeded langdetect, datasketch MinHash.bulk and "
                  "MinHashLSH, same workers), same files, same run:", "",
                  "| corpus | articles | ours s | ours CPU s | hand-written s | hand-written CPU s | ours is "
                  "| CPU ratio | 8x |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        lines += [f"| {h['corpus']} | {h['articles']:,} | {h['ours_s']} | {h['ours_cpu_s']} | {h['handwritten_s']} "
                  f"| {h['handwritten_cpu_s']} | {h['speedup']}x | {h['cpu_speedup']}x "
                  f"| {verdict(h['meets_speedup'])} |" for h in report["handwritten"]]
    for name, rows in report["baselines"].items():
        if not rows:
            continue
        columns = list(rows[0])
        lines += ["", f"Baselines: {name}", "", "| " + " | ".join(columns) + " |",
                  "| " + " | ".join("---" for _ in columns) + " |"]
        lines += ["| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"
