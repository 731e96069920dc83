"""The chain a user would write by hand with the same libraries, for `corpus bench` to time beside ours.

ftfy on every text, langdetect seeded for repeatable answers, datasketch's `MinHash.bulk` over 3-word
shingles (128 permutations) in a pool of worker processes, then datasketch's `MinHashLSH` at Jaccard 0.5
in the parent, keeping the first copy of each story. No boilerplate removal: no library does it for
news, so the hand-written chain does less work than ours.

    python -m corpus_tools.bench.handwritten_chain IN.jsonl OUT.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from multiprocessing import Pool
from typing import Any

import orjson

NUM_PERM = 128
NGRAM = 3
THRESHOLD = 0.5
BATCH = 256
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    return list({" ".join(words[i:i + NGRAM]).encode() for i in range(max(len(words) - NGRAM + 1, 1))})


def _language(text: str) -> str:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return "und"


def clean_batch(lines: list[bytes]) -> list[tuple[dict[str, Any], Any]]:
    """Repair, label and sign one batch of JSONL lines (runs in a worker process)."""
    import ftfy
    from datasketch import LeanMinHash, MinHash

    records = [orjson.loads(line) for line in lines]
    for record in records:
        record["text"] = ftfy.fix_text(record["text"])
        record["lang"] = _language(record["text"])
    signatures = MinHash.bulk([_shingles(r["text"]) for r in records], num_perm=NUM_PERM)
    return [(record, LeanMinHash(signature)) for record, signature in zip(records, signatures, strict=True)]


def _batches(path: str) -> Iterator[list[bytes]]:
    with open(path, "rb") as handle:
        while batch := list(islice(handle, BATCH)):
            yield batch


def run(source: str, target: str, workers: int) -> tuple[int, int]:
    """(records read, records written): the first copy of each near-duplicate group is kept."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    read = written = 0
    with Pool(workers) as pool, open(target, "wb") as out:
        for batch in pool.imap(clean_batch, _batches(source)):
            for record, signature in batch:
                read += 1
                if lsh.query(signature):
                    continue
                lsh.insert(str(read), signature)
                out.write(orjson.dumps(record) + b"\n")
                written += 1
    return read, written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    run(args.source, args.target, args.workers)


if __name__ == "__main__":
    main()
