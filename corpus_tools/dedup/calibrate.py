"""`corpus dedup --calibrate`: the S-curve of the banding, the largest clusters and candidate pairs per band
of similarity side by side, so that a threshold can be chosen by looking."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

import numpy as np

from corpus_tools.dedup.cluster import Clustering
from corpus_tools.dedup.engine import DedupEngine
from corpus_tools.dedup.explain import side_by_side
from corpus_tools.dedup.lsh import candidate_probability
from corpus_tools.dedup.table import RecordTable
from corpus_tools.errors import printable
from corpus_tools.spool import RecordSpool


def calibration_report(engine: DedupEngine, result: Clustering, spool: RecordSpool, out: IO[str],
                       table: RecordTable, samples: int = 2) -> None:
    """The S-curve of the banding and, per band of estimated similarity, the candidates found and a sample
    of them side by side, so that a threshold can be chosen by looking."""
    cfg = engine.cfg
    bands, rows = engine.bands, engine.rows

    def write(text: str) -> None:  # ids, titles and texts are the corpus's: their control characters are shown
        out.write(printable(text))

    write(f"dedup --calibrate: {len(engine.table.ids):,} records, {cfg.ngram}-word shingles, {cfg.num_perm} "
          f"permutations, {bands} bands x {rows} rows, threshold {cfg.threshold}, "
          f"containment {cfg.containment}\n\n")
    write("P(candidate) for a pair of Jaccard similarity J\n")
    grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    if cfg.threshold not in grid:
        grid = sorted([*grid, cfg.threshold])
    for similarity in grid:
        probability = float(candidate_probability(similarity, bands, rows))
        bar = "#" * int(round(probability * 40))
        mark = "  <- threshold" if similarity == cfg.threshold else ""
        write(f"  J={similarity:4.2f}  {probability:6.3f}  {bar}{mark}\n")
    _largest_clusters(engine, result, spool, write)
    if result.pairs is None:
        return
    first, second, scores = result.pairs
    passed = engine.passes(scores) & engine.rules.allowed(first, second)
    write(f"\ncandidate pairs by Jaccard on their shingle samples ({len(first):,} candidates, "
          f"{int(passed.sum()):,} verified)\n")
    edges = np.linspace(0.0, 1.0, 11)
    bucket = np.minimum((scores.jaccard * 10).astype(np.int64), 9)
    ids = engine.table.ids
    for number in range(9, -1, -1):
        members = np.flatnonzero(bucket == number)
        verified = int(passed[members].sum())
        write(f"  {edges[number]:.1f}-{edges[number + 1]:.1f}  {len(members):8,} pairs  "
              f"{verified:8,} verified\n")
    for number in range(9, -1, -1):
        members = np.flatnonzero(bucket == number)
        if not len(members):
            continue
        # A sample that does not depend on arrival order: the pairs with the smallest id pairs.
        chosen = sorted(members.tolist(), key=lambda k: (ids[first[k]], ids[second[k]]))[:samples]
        write(f"\n=== J {edges[number]:.1f}-{edges[number + 1]:.1f}: {len(members):,} pairs, sample of "
              f"{len(chosen)} ===\n")
        for k in chosen:
            a, b = int(first[k]), int(second[k])
            verdict = "verified" if passed[k] else "rejected"
            together = "same" if result.kept[a] == result.kept[b] else "different"
            write(f"\n{ids[a]}  vs  {ids[b]}: J {scores.jaccard[k]:.3f}, containment "
                  f"{scores.containment[k]:.3f}, {verdict}, {together} cluster\n")
            text_a = table.story(a, spool.read(a)["text"])
            text_b = table.story(b, spool.read(b)["text"])
            for row in side_by_side(text_a, text_b):
                write(f"  {row}\n")


def _largest_clusters(engine: DedupEngine, result: Clustering, spool: RecordSpool, write: Callable[[str], None],
                      count: int = 5, limit: int = 12) -> None:
    """The biggest clusters with their members' titles and similarity to the kept record."""
    sizes = np.bincount(result.kept, minlength=len(result.kept)) if len(result.kept) else np.zeros(0)
    biggest = sorted(np.flatnonzero(sizes > 1).tolist(), key=lambda k: (-sizes[k], engine.table.ids[k]))[:count]
    if not biggest:
        return
    write(f"\nlargest clusters (of {int(np.sum(sizes > 1)):,} with two or more records)\n")
    ids = engine.table.ids
    for kept in biggest:
        members = sorted(np.flatnonzero(result.kept == kept).tolist(),
                         key=lambda i: (i != kept, -result.similarity[i], ids[i]))
        write(f"\n  {int(sizes[kept])} records, kept {ids[kept]}\n")
        for i in members[:limit]:
            title = spool.read(i).get("title")
            write(f"    {result.similarity[i]:5.3f}  {ids[i]:<24} {title if isinstance(title, str) else '-'}\n")
        if len(members) > limit:
            write(f"    ... and {len(members) - limit} more\n")
