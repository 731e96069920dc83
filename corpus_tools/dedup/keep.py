"""Which record of a cluster survives: by the keep policy, the most complete copy unless told otherwise."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_tools.dates import NO_DATE
from corpus_tools.dedup.config import Keep

I64 = npt.NDArray[np.int64]


def kept_records(root: I64, policy: Keep, meta: npt.NDArray[Any], id_rank: I64,
                 signatures: npt.NDArray[np.uint32]) -> tuple[I64, I64]:
    """The record each cluster keeps (clusters given as each record's root) and the size of each record's
    cluster. `id_rank` breaks ties, so the choice does not depend on arrival order."""
    n = len(root)
    size = np.bincount(root, minlength=n)[root] if n else np.zeros(0, dtype=np.int64)
    kept = root.copy()
    multi = np.flatnonzero(size > 1)
    if not len(multi):
        return kept, size
    order = multi[np.argsort(root[multi], kind="stable")]
    cuts = np.flatnonzero(np.diff(root[order])) + 1
    for members in np.split(order, cuts):
        kept[members] = best_member(members, policy, meta, id_rank, signatures)
    return kept, size


def best_member(members: I64, policy: Keep, meta: npt.NDArray[Any], id_rank: I64,
                signatures: npt.NDArray[np.uint32]) -> int:
    ranks = id_rank[members]
    if policy == "first":
        return int(members.min())
    if policy == "longest":
        return int(members[np.lexsort((ranks, -meta["length"][members].astype(np.int64)))[0]])
    if policy == "earliest":
        days = meta["day"][members].astype(np.int64)
        days = np.where(days == NO_DATE, np.iinfo(np.int64).max, days)
        return int(members[np.lexsort((ranks, days))[0]])
    completeness = np.round(completeness_of(signatures[members]) * 20)
    wire = (meta["wire"][members] > 0).astype(np.int64)
    keys = [ranks, -meta["length"][members].astype(np.int64), -wire,
            meta["defects"][members].astype(np.int64), -completeness]
    if policy == "wire":
        keys.append(-wire)
    return int(members[np.lexsort(tuple(keys))[0]])


def completeness_of(signatures: npt.NDArray[np.uint32]) -> npt.NDArray[np.float64]:
    """Share of the cluster's shared story each member (a row of signatures) holds.

    Per permutation, the cluster's smallest value is a shingle of the union; where two or more members
    hold it, it is story, not one copy's padding. A member's score is how many of those it holds.
    """
    smallest = signatures.min(axis=0)
    holds = signatures == smallest
    shared = holds.sum(axis=0) >= 2
    if not shared.any():
        return np.zeros(len(signatures))
    result: npt.NDArray[np.float64] = holds[:, shared].mean(axis=1)
    return result
