"""Clusters: star clustering around representatives, the outcome per record, and the clusters file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from corpus_tools.dedup.shingles import I64
from corpus_tools.errors import CorpusError
from corpus_tools.io.modes import replaced_whole
from corpus_tools.record import Record
from corpus_tools.spool import RecordSpool

BRIDGE_FLOOR = 0.2
"""Least containment between two members of one cluster. Copies of a story share at least its lede; two
records that share almost nothing belong to different stories, whatever a third record says."""


COMPATIBLE_BLOCK = 256
"""Candidates whose fit with the members is asked at once: one call per candidate cost more than the pairs."""


def star_clusters(order: I64, first: I64, second: I64, verify: Any, compatible: Any = None) -> I64:
    """Cluster records around representatives, so that no chain of pairwise matches can glue two stories.

    `order` lists the records best representative first; (first, second) are verified pairs. A
    representative takes its verified neighbours, then checks its members' neighbours against itself with
    `verify(representative, candidates) -> bool mask`, until nothing more joins: every member is verified
    against the representative, never only against another member. A candidate, best first, also has to fit
    every member already in, which cuts the bridge a hybrid representative (half of one story, half of
    another) would otherwise build between two stories: `compatible(candidates, others) -> bool mask` says
    which pairs (candidates[k], others[k]) may share a cluster.
    Returns each record's representative.
    """
    n = len(order)
    label = np.full(n, -1, dtype=np.int64)
    priority = np.empty(n, dtype=np.int64)
    priority[order] = np.arange(n)
    ends = np.concatenate([first, second])
    others = np.concatenate([second, first])
    neighbours = others[np.argsort(ends, kind="stable")]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(ends, minlength=n))])
    for rep in order.tolist():
        if label[rep] >= 0:
            continue
        label[rep] = rep
        if offsets[rep] == offsets[rep + 1]:
            continue
        candidates = neighbours[offsets[rep]:offsets[rep + 1]]
        candidates = candidates[label[candidates] < 0]
        tried = {rep, *candidates.tolist()}
        members: list[int] = []
        while len(candidates):
            accepted = _fitting(candidates[np.argsort(priority[candidates])], members, compatible)
            if not accepted:
                break
            label[accepted] = rep
            reach = np.unique(np.concatenate([neighbours[offsets[m]:offsets[m + 1]] for m in accepted]))
            reach = reach[label[reach] < 0]
            reach = np.array([r for r in reach.tolist() if r not in tried], dtype=np.int64)
            if not len(reach):
                break
            tried.update(reach.tolist())
            candidates = reach[verify(rep, reach)]
    return label


def _fitting(candidates: I64, members: list[int], compatible: Any) -> list[int]:
    """The candidates, in order, that fit every member in before them (`members` grows by them in place)."""
    if compatible is None:
        everyone: list[int] = candidates.tolist()
        members.extend(everyone)
        return everyone
    accepted: list[int] = []
    for start in range(0, len(candidates), COMPATIBLE_BLOCK):
        block = candidates[start:start + COMPATIBLE_BLOCK]
        # Each candidate's pairs: with every member so far, then with the block's candidates before it, which
        # may join first. Row k's pairs start at starts[k].
        others = np.concatenate([np.array(members, dtype=np.int64), block])
        counts = len(members) + np.arange(len(block))
        starts = np.concatenate([[0], np.cumsum(counts)])
        column = np.arange(starts[-1]) - np.repeat(starts[:-1], counts)
        fits = compatible(np.repeat(block, counts), others[column])
        held = len(members)
        joined: list[int] = []
        for row in range(len(block)):
            with_members = fits[starts[row]:starts[row] + held]
            with_joined = fits[starts[row] + held + np.array(joined, dtype=np.int64)]
            if not (held or joined) or (with_members.all() and with_joined.all()):
                joined.append(row)
        fitted = block[joined].tolist()
        members.extend(fitted)
        accepted.extend(fitted)
    return accepted


@dataclass
class Clustering:
    """The outcome for every record, by arrival index."""

    kept: npt.NDArray[np.int64]
    """Index of the record kept for the record's cluster (itself for a singleton)."""
    size: npt.NDArray[np.int64]
    """Number of records in the record's cluster."""
    exact: npt.NDArray[np.bool_]
    """True where the record's normalized text equals the kept record's."""
    similarity: npt.NDArray[np.float64]
    """Jaccard of the record's story with the kept record's, on their shingle samples (1 for exact copies)."""
    counts: dict[str, int]
    pairs: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Any] | None = None
    """Candidate pairs (as arrival indices) with their scores, for --calibrate and explain."""


def write_clusters(path: str, ids: list[str], result: Clustering, spool: RecordSpool) -> None:
    """One JSON line per cluster of two or more, sorted by cluster id, each member with its similarity to the
    kept record, its title and its date where it has one (read back from the spool), so that a wrong cluster
    shows at a glance (two issues of a report under one title differ in their dates); written whole or not at
    all."""
    members: dict[int, list[int]] = {}
    for index in np.flatnonzero(result.size > 1).tolist():
        members.setdefault(int(result.kept[index]), []).append(index)
    try:
        with replaced_whole(path, ".clusters-") as out:
            for kept in sorted(members, key=ids.__getitem__):
                ordered = sorted(members[kept], key=lambda i: (i != kept, ids[i]))
                out.write(orjson.dumps({
                    "cluster_id": ids[kept], "kept": ids[kept],
                    "members": [_member(ids[i], float(result.similarity[i]), spool.read(i)) for i in ordered],
                }) + b"\n")
    except OSError as err:
        raise CorpusError(f"{path}: cannot write the clusters file ({err.strerror})") from None


def _member(record_id: str, similarity: float, record: Record) -> dict[str, object]:
    title, date = record.get("title"), record.get("date")
    member: dict[str, object] = {"id": record_id, "similarity": round(similarity, 3),
                                 "title": title if isinstance(title, str) else None}
    if isinstance(date, str):
        member["date"] = date
    return member

