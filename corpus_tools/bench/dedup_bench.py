"""Dedup speed and memory, side by side with what users would otherwise reach for, in one run.

`run(count, seed)` generates `count` labeled articles once, then times each engine in its own process (so
that peak memory is its own): our dedup stage on all of them and on a subset, and on the same subset
datasketch's per-token `MinHash.update` loop, datasketch's `MinHash.bulk`, datatrove's MinHash pipeline and
text-dedup's MinHash, each with LSH and clustering. An engine that is not installed (the `bench` extra) gets
a row that says so. Every engine uses 3-word shingles and 128 permutations; the others band them as they
would for a Jaccard threshold of 0.5 (our verification threshold), which is kinder to them than our lower
candidate threshold would be. Each engine's clusters are scored against the truth (ARI, pairwise precision).
"""

from __future__ import annotations

import json
import os
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import orjson

ENGINES = ("corpus-tools", "datasketch-update", "datasketch-bulk", "datatrove", "text-dedup")
BASELINE_SUBSET = 5000
NUM_PERM = 128
NGRAM = 3
_WORD = re.compile(r"\w+")


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _shingle_strings(text: str) -> list[bytes]:
    """What a datasketch user writes: lower-cased regex words, 3-grams joined by spaces, as bytes."""
    words = _WORD.findall(text.lower())
    return list({" ".join(words[i:i + NGRAM]).encode() for i in range(max(len(words) - NGRAM + 1, 1))})


def _banding() -> tuple[int, int]:
    """What datasketch's MinHashLSH(threshold=0.5) and text-dedup choose for 128 permutations."""
    from corpus_tools.dedup.lsh import optimal_bands

    return optimal_bands(0.5, NUM_PERM)


def _union_find_labels(count: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    parent = list(range(count))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(count)]


def _datasketch_lsh(minhashes: list[Any]) -> list[int]:
    from datasketch import LeanMinHash, MinHashLSH

    bands, rows = _banding()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))
    lean = [LeanMinHash(m) for m in minhashes]
    with lsh.insertion_session() as session:
        for key, minhash in enumerate(lean):
            session.insert(key, minhash, check_duplication=False)
    edges = ((key, other) for key, minhash in enumerate(lean) for other in lsh.query(minhash) if other != key)
    return _union_find_labels(len(lean), edges)


def engine_corpus_tools(records: list[dict[str, Any]]) -> dict[str, Any]:
    from corpus_tools.dedup.config import DedupConfig
    from corpus_tools.stages.dedup import Dedup
    from corpus_tools.stats import StageStats

    stage = Dedup(DedupConfig(mode="mark"))
    labels = [r["cluster_id"] for r in stage.run(iter(records), StageStats("dedup"))]
    return {"labels": labels, "held_bytes": stage.held_bytes,
            "note": "whole stage: boilerplate pass, signatures, LSH, verification, clustering, output"}


def engine_datasketch_update(records: list[dict[str, Any]]) -> dict[str, Any]:
    from datasketch import MinHash

    minhashes = []
    for record in records:
        minhash = MinHash(num_perm=NUM_PERM)
        for shingle in _shingle_strings(record["text"]):
            minhash.update(shingle)
        minhashes.append(minhash)
    return {"labels": _datasketch_lsh(minhashes),
            "note": "MinHash.update per shingle, MinHashLSH, union-find"}


def engine_datasketch_bulk(records: list[dict[str, Any]]) -> dict[str, Any]:
    from datasketch import MinHash

    minhashes: list[Any] = []
    for start in range(0, len(records), 1000):
        chunk = [_shingle_strings(r["text"]) for r in records[start:start + 1000]]
        minhashes.extend(MinHash.bulk(chunk, num_perm=NUM_PERM))
    return {"labels": _datasketch_lsh(minhashes), "note": "MinHash.bulk, MinHashLSH, union-find"}


def engine_datatrove(records: list[dict[str, Any]]) -> dict[str, Any]:
    from datatrove.data import Document
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.utils.word_tokenizers import WordTokenizer

    class RegexTokenizer(WordTokenizer):  # type: ignore[misc]
        """The regex tokenizer: datatrove's default spaCy one is ten times slower."""

        def word_tokenize(self, text: str) -> list[str]:
            return _WORD.findall(text)

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [m.span() for m in _WORD.finditer(text)]

    bands, rows = _banding()
    config = MinhashConfig(n_grams=NGRAM, num_buckets=bands, hashes_per_bucket=rows)
    with tempfile.TemporaryDirectory(prefix="bench-datatrove-") as folder:

        def documents() -> Iterable[Any]:
            return (Document(text=r["text"], id=r["id"]) for r in records)

        signatures, buckets, clusters = (os.path.join(folder, name)
                                         for name in ("sigs", "buckets", "clusters"))
        list(MinhashDedupSignature(output_folder=signatures, config=config, language=RegexTokenizer()).run(
            documents()) or [])
        for rank in range(bands):
            list(MinhashDedupBuckets(input_folder=signatures, output_folder=buckets, config=config).run(
                None, rank=rank, world_size=bands) or [])
        list(MinhashDedupCluster(input_folder=buckets, output_folder=clusters, config=config,
                                 save_cluster_id=True).run(None) or [])
        kept = sum(1 for _ in MinhashDedupFilter(input_folder=clusters).run(documents()))
        labels = list(range(len(records)))
        cluster_file = os.path.join(clusters, "000000.clusters")
        if os.path.exists(cluster_file):
            with open(cluster_file, "rb") as handle:
                data = handle.read()
            for index, cluster in struct.iter_unpack("<2I", data):
                labels[index] = len(records) + cluster
    assert kept == len(set(labels))
    return {"labels": labels, "note": "signature, buckets, cluster, filter steps; regex word tokenizer"}


def engine_text_dedup(records: list[dict[str, Any]]) -> dict[str, Any]:
    from collections import defaultdict

    import numpy as np
    from text_dedup.minhash import embed_func
    from text_dedup.utils import UnionFind, xxh3_32hash

    bands, rows = _banding()
    ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
    prime, max_hash = np.uint64((1 << 61) - 1), np.uint32((1 << 32) - 1)
    rng = np.random.RandomState(42)
    permutations = (rng.randint(1, prime, size=(NUM_PERM,), dtype=np.uint64),
                    rng.randint(0, prime, size=(NUM_PERM,), dtype=np.uint64))
    tables: list[dict[bytes, set[int]]] = [defaultdict(set) for _ in range(bands)]
    for index, record in enumerate(records):
        embedded = embed_func(record["text"], index, num_perm=NUM_PERM, ngram_size=NGRAM, min_length=0,
                              hashranges=ranges, permutations=permutations, hash_func=xxh3_32hash,
                              dtype=np.uint64, max_hash=max_hash, modulo_prime=prime)
        for table, key in zip(tables, embedded["__signatures__"], strict=True):
            table[key].add(index)
    union_find = UnionFind()
    for table in tables:
        for bucket in table.values():
            if len(bucket) > 1:
                head = min(bucket)
                for member in bucket:
                    union_find.union(member, head)
    labels = [union_find.find(i) for i in range(len(records))]
    return {"labels": labels,
            "note": "its embed_func, hash tables and union-find, without the HF datasets I/O"}


ENGINE_FUNCTIONS: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {
    "corpus-tools": engine_corpus_tools, "datasketch-update": engine_datasketch_update,
    "datasketch-bulk": engine_datasketch_bulk, "datatrove": engine_datatrove, "text-dedup": engine_text_dedup,
}


ENGINE_MODULES = {
    "corpus-tools": ("numpy", "corpus_tools.stages.dedup"),
    "datasketch-update": ("numpy", "datasketch"), "datasketch-bulk": ("numpy", "datasketch"),
    "datatrove": ("numpy", "datatrove.pipeline.dedup.minhash", "datatrove.utils.word_tokenizers"),
    "text-dedup": ("numpy", "text_dedup.minhash", "text_dedup.utils"),
}


def measure(engine: str, corpus: str, limit: int | None) -> dict[str, Any]:
    """Run one engine on the first `limit` records of a JSONL corpus in this process. Its modules are
    imported before the memory baseline is taken, so that growth counts the engine's data, not code."""
    import importlib

    with open(corpus, "rb") as handle:
        records = [orjson.loads(line) for line in islice(handle, limit)]
    # Serialising a non-ASCII string makes CPython keep a UTF-8 copy inside it; do it once for everyone
    # before the baseline, so that the copies count as corpus, not as the engine's memory.
    for record in records:
        orjson.dumps(record)
    try:
        for module in ENGINE_MODULES[engine]:
            importlib.import_module(module)
    except ImportError as err:
        return {"engine": engine, "records": len(records), "error": f"not installed ({err.name}); "
                "pip install -e '.[bench]'"}
    baseline = _peak_rss_bytes()
    started = time.perf_counter()
    outcome = ENGINE_FUNCTIONS[engine](records)
    seconds = time.perf_counter() - started
    peak = _peak_rss_bytes()
    from corpus_tools.evaluate.dedup import pair_counts

    labels = [str(label) for label in outcome.pop("labels")]
    scores = pair_counts([str(r["story_id"]) for r in records], labels)
    row = {"engine": engine, "records": len(records), "seconds": round(seconds, 2),
           "records_per_s": round(len(records) / seconds, 1), "peak_rss_mb": round(peak / 2**20, 1),
           "rss_growth_mb": round(max(peak - baseline, 0) / 2**20, 1), "clusters": len(set(labels)),
           "ari": round(scores.ari, 4), "precision": round(scores.precision, 4), **outcome}
    held = row.pop("held_bytes", None)
    row["bytes_per_record_held"] = round(held / len(records)) if held else None
    return row


def _timed(engine: str, corpus: str, limit: int, progress: Callable[[str], None] | None) -> dict[str, Any]:
    if progress:
        progress(f"{engine} on {limit:,} articles ...")
    row = _in_subprocess(engine, corpus, limit)
    if progress:
        progress("  " + json.dumps(row))
    return row


def _in_subprocess(engine: str, corpus: str, limit: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "corpus_tools.bench.dedup_bench", "--engine", engine, "--corpus", corpus,
               "--limit", str(limit)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        tail = (finished.stderr.strip().splitlines() or ["no output"])[-1]
        return {"engine": engine, "records": limit, "error": f"failed: {tail}"}
    row: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return row


def run(count: int, seed: int, subset: int = BASELINE_SUBSET, engines: Iterable[str] = ENGINES,
        progress: Callable[[str], None] | None = None, rounds: int = 2) -> list[dict[str, Any]]:
    """Rows of measurements, ours on all `count` records first, then every engine on the same subset, with
    `speedup` = our records/s on the subset divided by the engine's.

    The subset runs go round-robin `rounds` times and each engine keeps its fastest round, so that a burst
    of load from elsewhere on the machine does not land on one engine only."""
    from corpus_tools.synthetic.dedup import generate

    subset = min(subset, count)
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as folder:
        corpus = os.path.join(folder, "corpus.jsonl")
        started = time.perf_counter()
        with open(corpus, "wb") as out:
            for record in generate(count, seed):
                out.write(orjson.dumps(record) + b"\n")
        generated = time.perf_counter() - started
        if progress:
            progress(f"generated {count:,} articles in {generated:.1f} s")
        rows: list[dict[str, Any]] = [{
            "engine": "generator", "records": count, "seconds": round(generated, 2),
            "records_per_s": round(count / generated, 1), "note": f"corpus generate dedup, seed {seed}"}]
        if count > subset:
            rows.append(_timed(engine="corpus-tools", corpus=corpus, limit=count, progress=progress))
        best: dict[str, dict[str, Any]] = {}
        for _ in range(max(rounds, 1)):
            for engine in engines:
                row = _timed(engine=engine, corpus=corpus, limit=subset, progress=progress)
                kept = best.get(engine)
                if kept is None or row.get("records_per_s", 0) > kept.get("records_per_s", 0):
                    best[engine] = row
        rows.extend(best.values())
    ours = next((float(r["records_per_s"]) for r in rows[1:] if r["engine"] == "corpus-tools"
                 and r["records"] == subset and "records_per_s" in r), None)
    for row in rows[1:]:
        if ours is not None and "records_per_s" in row and row["records"] == subset:
            row["speedup"] = round(ours / float(row["records_per_s"]), 2)
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    header = f"{'engine':<18} {'records':>8} {'seconds':>8} {'rec/s':>8} {'ours x':>7} {'peak MB':>8} " \
             f"{'+MB':>7} {'B/rec held':>10} {'clusters':>8} {'ARI':>6} {'prec.':>6}"
    lines = [header, "-" * len(header)]
    for row in rows:
        if "error" in row:
            lines.append(f"{row['engine']:<18} {row['records']:>8,}  {row['error']}")
            continue
        lines.append(
            f"{row['engine']:<18} {row['records']:>8,} {row['seconds']:>8.1f} {row['records_per_s']:>8,.0f} "
            f"{row.get('speedup', ''):>7} {row.get('peak_rss_mb', ''):>8} {row.get('rss_growth_mb', ''):>7} "
            f"{row.get('bytes_per_record_held') or '':>10} {row.get('clusters', ''):>8} "
            f"{row.get('ari', ''):>6} {row.get('precision', ''):>6}")
    notes = [f"  {row['engine']}: {row['note']}" for row in rows if row.get("note")]
    return "\n".join(lines + ["", "engines:", *dict.fromkeys(notes)])


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--subset", type=int, default=BASELINE_SUBSET)
    parser.add_argument("--rounds", type=int, default=2, help="runs on the subset; the best counts")
    parser.add_argument("--engine", choices=ENGINES,
                        help="time only this engine, in this process, on --corpus (prints one JSON row)")
    parser.add_argument("--corpus", help="with --engine: a JSONL file of generated dedup articles")
    parser.add_argument("--limit", type=int, help="with --engine: its first LIMIT records [default: all]")
    args = parser.parse_args(argv)
    if args.engine and not args.corpus:
        parser.error("--engine needs --corpus FILE, e.g. from `corpus generate dedup FILE --count 5000`")
    if args.engine:
        print(json.dumps(measure(args.engine, args.corpus, args.limit)))
        return
    rows = run(args.count, args.seed, args.subset, progress=lambda line: print(line, file=sys.stderr),
               rounds=args.rounds)
    print(format_table(rows))


if __name__ == "__main__":
    main()
