"""How long a dedup index takes to open: writes a synthetic index of N records, then times DedupIndex.open.

    python -m corpus_tools.bench.index_bench /tmp/idx1m --count 1000000

Signatures are random and samples empty (opening does not look at them); the layout is exactly what
`dedup --index` writes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

import numpy as np
import orjson

from corpus_tools.dedup.features import FIGURE_SAMPLE
from corpus_tools.dedup.index import FORMAT, HEADER, DedupIndex, Segment
from corpus_tools.dedup.lsh import band_keys
from corpus_tools.dedup.signatures import EMPTY, SAMPLE_SIZE, TITLE_SAMPLE, WORD_SAMPLE
from corpus_tools.dedup.table import RecordTable


def build(directory: str, count: int, num_perm: int = 128, bands: int = 35, rows: int = 3) -> None:
    """A one-segment index of `count` records with random signatures."""
    rng = np.random.default_rng(1)
    ids = [f"rec-{i:07d}".encode() for i in range(count)]
    offsets = np.zeros(count + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(i) for i in ids])
    signatures = rng.integers(0, 2**32, size=(count, num_perm), dtype=np.uint32)
    keys = band_keys(signatures, bands, rows).T
    order = np.argsort(keys, axis=1, kind="stable").astype(np.int32)
    meta = np.zeros(count, dtype=RecordTable.META)
    meta["day"] = 738000
    widths = {"sample": SAMPLE_SIZE, "words": WORD_SAMPLE, "subject": TITLE_SAMPLE, "figures": FIGURE_SAMPLE,
              "title_words": FIGURE_SAMPLE,
              "amounts": FIGURE_SAMPLE}
    story: dict[str, Any] = {name: np.full((count, width), EMPTY, dtype=np.uint32) for name, width in widths.items()}
    story.update({name: np.zeros(count, dtype=np.int32)
                  for name in ("word_count", "subject_count", "figure_count", "title_count",
                                "amount_count")})
    os.makedirs(os.path.join(directory, "seg-000001"), exist_ok=True)
    Segment(
        ids=np.frombuffer(b"".join(ids), dtype=np.uint8).copy(), id_offsets=offsets, signatures=signatures,
        sizes=rng.integers(50, 900, count, dtype=np.int32),
        text_hash=rng.integers(0, 2**63, count, dtype=np.uint64),
        tokens=rng.integers(50, 900, count, dtype=np.int32), meta=meta,
        **story,
        band_keys=np.ascontiguousarray(np.take_along_axis(keys, order, axis=1)), band_rows=order,
    ).save(os.path.join(directory, "seg-000001"))
    with open(os.path.join(directory, HEADER), "wb") as handle:
        handle.write(orjson.dumps({"format": FORMAT, "num_perm": num_perm, "ngram": 3, "seed": 1, "bands": bands,
                                   "rows": rows, "segments": [{"name": "seg-000001", "records": count}]}))


def time_open(directory: str) -> float:
    started = time.perf_counter()
    index = DedupIndex.open(directory)
    index.segments[-1].id(index.records - 1)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--count", type=int, default=1_000_000)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.directory, HEADER)):
        build(args.directory, args.count)
    # Each timing in a fresh interpreter, so that nothing of the index is mapped already.
    code = "import sys; from corpus_tools.bench.index_bench import time_open; print(time_open(sys.argv[1]))"
    for _ in range(3):
        seconds = float(subprocess.check_output([sys.executable, "-c", code, args.directory]))
        print(f"opened {args.directory}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
