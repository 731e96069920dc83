"""What a datasketch user would run: MinHash.bulk on word 3-grams, MinHashLSH at a threshold, union-find.

Reads JSONL records on stdin and writes `{"id", "cluster_id"}` lines on stdout, the shape
`corpus eval dedup --pairs FILE --run MARKED` scores, so that the baseline and `corpus dedup --mode mark`
are measured the same way on judged pairs:

    python -m corpus_tools.bench.dedup_baseline --threshold 0.5 < stripped.jsonl > datasketch-0.5.jsonl
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from corpus_tools.bench.dedup_bench import NUM_PERM, _shingle_strings, _union_find_labels


def cluster_ids(records: list[dict[str, Any]], threshold: float) -> list[str]:
    """Each record's cluster, named by its first member's id."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    minhashes: list[Any] = []
    for start in range(0, len(records), 1000):
        chunk = [_shingle_strings(r["text"]) for r in records[start:start + 1000]]
        minhashes.extend(LeanMinHash(m) for m in MinHash.bulk(chunk, num_perm=NUM_PERM))
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for key, minhash in enumerate(minhashes):
            session.insert(key, minhash, check_duplication=False)
    edges = ((key, other) for key, minhash in enumerate(minhashes) for other in lsh.query(minhash) if other != key)
    labels = _union_find_labels(len(records), edges)
    return [records[label]["id"] for label in labels]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.5, help="MinHashLSH threshold")
    args = parser.parse_args(argv)
    records = [orjson.loads(line) for line in sys.stdin.buffer if line.strip()]
    for record, cluster in zip(records, cluster_ids(records, args.threshold), strict=True):
        sys.stdout.buffer.write(orjson.dumps({"id": record["id"], "cluster_id": cluster}) + b"\n")


if __name__ == "__main__":
    main()
