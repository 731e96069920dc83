"""LSH banding: the S-curve, bands and rows for a threshold, band keys, and candidate pairs (local or on Dask)."""

from __future__ import annotations

import functools
import operator
from functools import lru_cache
from math import isfinite
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from corpus_tools.dates import NO_DATE
from corpus_tools.dedup.shingles import I64, MASK64, SHINGLE_MULTIPLIER, U32, U64, fmix64
from corpus_tools.executors import DaskCluster, Executor


def candidate_probability(similarity: npt.ArrayLike, bands: int, rows: int) -> npt.NDArray[np.float64]:
    """Probability that a pair of this Jaccard similarity shares at least one band: 1 - (1 - s^r)^b."""
    s = np.asarray(similarity, dtype=np.float64)
    return 1.0 - (1.0 - s ** rows) ** bands


@lru_cache(maxsize=64)
def optimal_bands(threshold: float, num_perm: int, false_positive_weight: float = 0.5,
                  false_negative_weight: float = 0.5) -> tuple[int, int]:
    """Bands and rows (bands * rows <= num_perm, at least 2 bands) that minimise the weighted areas under the
    S-curve below the threshold (pairs that become candidates needlessly) and above it (pairs missed)."""
    if not 0.0 < threshold < 1.0 or not isfinite(threshold):
        raise ValueError("threshold must be between 0 and 1")
    grid = np.linspace(0.0, 1.0, 2001)
    below, above = grid <= threshold, grid >= threshold
    best: tuple[float, int, int] | None = None
    for rows in range(1, num_perm // 2 + 1):
        for bands in range(2, num_perm // rows + 1):
            curve = candidate_probability(grid, bands, rows)
            false_positive = float(np.trapezoid(curve[below], grid[below]))
            false_negative = float(np.trapezoid(1.0 - curve[above], grid[above]))
            error = false_positive_weight * false_positive + false_negative_weight * false_negative
            if best is None or error < best[0] - 1e-12:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


def band_keys(signatures: U32, bands: int, rows: int) -> U64:
    """(records, bands) 64-bit keys, one per band of `rows` consecutive values (see `band_key`)."""
    return np.stack([band_key(signatures, band, rows) for band in range(bands)], axis=1)


def band_key(signatures: U32, band: int, rows: int, records: I64 | None = None) -> U64:
    """The key of one band for every record (or for the rows `records`): its `rows` signature values mixed into
    64 bits. The candidate search makes one band's keys at a time, never holding every band's (8 bytes per
    record and band)."""
    picked = slice(None) if records is None else records
    keys = np.zeros(len(signatures) if records is None else len(records), dtype=np.uint64)
    multiplier = 1
    for row in range(rows):
        keys += signatures[picked, band * rows + row].astype(np.uint64) * np.uint64(multiplier)
        multiplier = (multiplier * SHINGLE_MULTIPLIER) & MASK64
    return fmix64(keys)


def _distinct(values: I64) -> I64:
    """Sorted distinct values; sorting is several times faster here than np.unique's hash table."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=np.bool_)
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def candidate_pairs(signatures: U32, bands: int, rows: int, rank: I64, window: int = 4,
                    records: I64 | None = None) -> tuple[I64, I64]:
    """Pairs (i < j, record indices) that share a band key (see `band_keys`). With `records`, the records are
    those rows of `signatures` (i and j are positions in `records`): a copy of the rows would hold every
    signature twice at the stage's peak.

    Within a bucket, members are taken in `rank` order (0 first). Each member is paired with the bucket's
    first member and with the `window` members before it, not with all of them: star clustering needs the
    edges to the best representative, and a neighbour's neighbours are checked anyway. A story copied 30
    times, or a template shared by thousands, then costs linear work and memory instead of quadratic.
    """
    n = len(signatures) if records is None else len(records)
    index = np.arange(n, dtype=np.int64)
    found: list[I64] = []
    pending: list[I64] = []
    pending_size = 0
    for band in range(bands):
        pending.append(bucket_pairs(band_key(signatures, band, rows, records), rank, index, n, window))
        pending_size += len(pending[-1])
        # Merging now and then keeps memory near the number of distinct pairs, not pairs times bands.
        if pending_size > max(2 * sum(len(f) for f in found), 1 << 23):
            found = [_distinct(np.concatenate(found + pending))]
            pending, pending_size = [], 0
    return _unpack(np.concatenate(found + pending) if found or pending else np.zeros(0, dtype=np.int64), n)


def bucket_pairs(column: U64, rank: I64, index: I64, n: int, window: int = 4) -> I64:
    """The pairs `candidate_pairs` takes from one band's keys, packed as i * n + j (i < j) over the records
    `index`. Buckets are independent, so any set of whole buckets gives its share of the pairs."""
    order = np.lexsort((rank, column))
    sorted_keys = column[order]
    same = sorted_keys[1:] == sorted_keys[:-1]
    if not same.any():
        return np.zeros(0, dtype=np.int64)
    starts = np.concatenate([[True], ~same])
    head = order[np.flatnonzero(starts)[np.cumsum(starts) - 1]]
    left, right = [head[1:][same], order[:-1][same]], [order[1:][same], order[1:][same]]
    run = same.copy()
    for distance in range(2, window + 1):
        run = run[:-1] & same[distance - 1:]
        if not run.any():
            break
        left.append(order[:len(order) - distance][run])
        right.append(order[distance:][run])
    first, second = index[np.concatenate(left)], index[np.concatenate(right)]
    packed: I64 = np.minimum(first, second) * n + np.maximum(first, second)
    return packed


def keyed_pairs(keys: npt.NDArray[np.uint32], days: I64, rank: I64, window: int, most: int = 16
                ) -> tuple[I64, I64]:
    """Pairs (i < j) of records with the same non-zero key (a company's ticker) dated at most `window` days
    apart (records without a date pair with none). Each record pairs with at most `most` records after it in
    (key, day, rank) order: one key on more records than that within days is a template, not one company's
    news, and must not cost a comparison per pair; `rank` (the id order) keeps the cut the same whatever the
    input order."""
    keyed = np.flatnonzero((keys != 0) & (days != NO_DATE))
    order = keyed[np.lexsort((rank[keyed], days[keyed], keys[keyed]))]
    found: list[I64] = []
    for step in range(1, most + 1):
        a, b = order[:-step], order[step:]
        near = (keys[a] == keys[b]) & (days[b] - days[a] <= window)
        if not near.any():
            break
        found.append(np.minimum(a[near], b[near]) * len(keys) + np.maximum(a[near], b[near]))
    return _unpack(np.concatenate(found) if found else np.zeros(0, dtype=np.int64), len(keys))


def union_pairs(one: tuple[I64, I64], other: tuple[I64, I64], n: int) -> tuple[I64, I64]:
    """The pairs (i < j) of either list, sorted, each once."""
    packed = np.concatenate([one[0] * n + one[1], other[0] * n + other[1]])
    return _unpack(packed, n)


def _unpack(packed: I64, n: int) -> tuple[I64, I64]:
    packed = _distinct(packed)
    packed = packed[packed // n != packed % n]
    return packed // n, packed % n


def sample_candidate_pairs(samples: U32, sizes: npt.NDArray[np.int32], prefix: int = 4, least: int = 2,
                           most_records: int = 64, queries: tuple[U32, npt.NDArray[np.int32]] | None = None,
                           records: I64 | None = None) -> tuple[I64, I64]:
    """Pairs (i < j) where `least` of one record's `prefix` smallest shingles sit in the other's sample
    (or, with `queries`, `least` of its values of those: a record's title words among others' words).
    With `records`, the records are those rows of `samples` and `sizes` (i and j are positions in `records`), read
    a block at a time: a copy of the rows would hold every sample twice at the stage's peak.

    LSH bands aim at Jaccard, and a brief copied whole into a story ten times its length has a Jaccard of
    0.1: it never shares a band. But every shingle of the brief below the story's sample limit is in the
    story's sample, and its smallest ones are below that limit unless the story is hundreds of times
    longer. A shingle more than `most_records` records hold is a template, not evidence, and is skipped.
    """
    records = np.arange(len(samples), dtype=np.int64) if records is None else records
    n, width = len(records), samples.shape[1]
    held = np.minimum(sizes[records], width)
    holdings = _holdings(samples, records, held)
    # A pair's count on one side comes from that side's queries only, so askers can be taken a block at a time.
    found = []
    for begin in range(0, n, RECORD_BLOCK):
        block = records[begin:begin + RECORD_BLOCK]
        if queries is None:
            asked, asked_sizes = samples[block], sizes[block]
        else:
            asked, asked_sizes = queries[0][begin:begin + RECORD_BLOCK], queries[1][begin:begin + RECORD_BLOCK]
        found.append(_asked_pairs(holdings, asked, asked_sizes, begin, n, prefix, least, most_records))
    pairs = _distinct(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return pairs // n, pairs % n


RECORD_BLOCK = 8192
"""Records `sample_candidate_pairs` takes at once, to key their values and to match their queries: one block's
arrays stay small, where all records at once took 3 KB a record at the stage's peak."""


def _holdings(samples: U32, records: I64, held: npt.NDArray[np.int32]) -> U64:
    """Every (value, record) of the first `held` columns of the rows `records` of the samples as one key
    value << 32 | record (its position in `records`), sorted: the values in order and each value's records in
    order, built a block of rows at a time."""
    holdings = np.empty(int(held.sum()), dtype=np.uint64)
    columns = np.arange(samples.shape[1])
    position = 0
    for begin in range(0, len(records), RECORD_BLOCK):
        block_held = held[begin:begin + RECORD_BLOCK]
        block = samples[records[begin:begin + RECORD_BLOCK]][columns < block_held[:, None]].astype(np.uint64)
        block <<= np.uint64(32)
        block |= np.repeat(np.arange(begin, begin + len(block_held), dtype=np.uint64), block_held)
        holdings[position:position + len(block)] = block
        position += len(block)
    holdings.sort()
    return holdings


_RECORD_BITS = np.uint64(0xFFFFFFFF)


def _asked_pairs(holdings: U64, asked: U32, asked_sizes: npt.NDArray[np.int32], begin: int, n: int, prefix: int,
                 least: int, most_records: int) -> I64:
    """The pairs (packed i * n + j) that records begin, begin + 1, ... (`asked`, their values) find in
    `holdings` with `least` of their first `prefix` values."""
    asking = np.arange(asked.shape[1]) < np.minimum(asked_sizes, prefix)[:, None]
    query = asked[asking].astype(np.uint64) << np.uint64(32)
    asker = np.broadcast_to(np.arange(begin, begin + len(asked), dtype=np.int64)[:, None], asked.shape)[asking]
    low = np.searchsorted(holdings, query, side="left")
    high = np.searchsorted(holdings, query | _RECORD_BITS, side="right")
    lengths = np.where(high - low <= most_records, high - low, 0)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    step = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    partner = (holdings[np.repeat(low, lengths) + step] & _RECORD_BITS).astype(np.int64)
    mine = np.repeat(asker, lengths)
    other = mine != partner
    mine, partner = mine[other], partner[other]
    packed = np.minimum(mine, partner) * n + np.maximum(mine, partner)
    # A pair found from both sides counts each shingle once per side; ask for `least` from one side.
    keys, counts = np.unique(packed * 2 + (mine > partner), return_counts=True)
    pairs: I64 = keys[counts >= least] // 2
    return pairs


def shuffled_candidate_pairs(client: Any, signatures: U32, bands: int, rows: int, rank: I64, window: int = 4,
                             records: I64 | None = None, partitions: int | None = None) -> tuple[I64, I64]:
    """`candidate_pairs` as a shuffle on band keys over a Dask cluster: the same pairs, in the same order.

    Map tasks take slices of the signatures, compute their band keys and split the rows (band, key, rank,
    record) by a hash of band and key into `partitions` pieces; reduce task p takes piece p of every map
    task (workers send them to each other), so each bucket lands whole in one task, which pairs its members
    as `bucket_pairs` does. The driver only gathers the pairs, which it needs for verification anyway.
    """
    n = len(signatures) if records is None else len(records)
    workers = max(1, len(client.scheduler_info()["workers"]))
    partitions = partitions or 2 * workers
    slices = max(1, min(2 * workers, n // 1024))
    bounds = np.linspace(0, n, slices + 1).astype(np.int64)
    maps = [client.submit(_shuffle_map, signatures[a:b] if records is None else signatures[records[a:b]], rank[a:b],
                          int(a), bands, rows, partitions, pure=False)
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    reduces = [client.submit(_shuffle_reduce, n, window, *[client.submit(operator.getitem, m, p) for m in maps],
                             pure=False) for p in range(partitions)]
    packed = [future.result() for future in reduces]
    return _unpack(np.concatenate(packed) if packed else np.zeros(0, dtype=np.int64), n)


_Piece = tuple[npt.NDArray[np.int32], U64, I64, I64]
"""Rows of a shuffle: band, key, rank and record index."""


def _shuffle_map(signatures: U32, rank: I64, offset: int, bands: int, rows: int, partitions: int) -> list[_Piece]:
    keys = band_keys(signatures, bands, rows)
    band = np.broadcast_to(np.arange(bands, dtype=np.int32), keys.shape).ravel()
    flat = keys.ravel()
    ranks = np.repeat(rank, bands)
    records = np.repeat(np.arange(offset, offset + len(signatures), dtype=np.int64), bands)
    target = (flat ^ fmix64(band.astype(np.uint64))) % np.uint64(partitions)
    return [(band[mine], flat[mine], ranks[mine], records[mine]) for mine in (target == p for p in range(partitions))]


def _shuffle_reduce(n: int, window: int, *pieces: _Piece) -> I64:
    band = np.concatenate([piece[0] for piece in pieces])
    keys = np.concatenate([piece[1] for piece in pieces])
    rank = np.concatenate([piece[2] for piece in pieces])
    records = np.concatenate([piece[3] for piece in pieces])
    found = [np.zeros(0, dtype=np.int64)]
    for value in np.unique(band):
        mine = band == value
        found.append(bucket_pairs(keys[mine], rank[mine], records[mine], n, window))
    return _distinct(np.concatenate(found))


class PairSearch(Protocol):
    """The candidate search by band keys: `candidate_pairs` or, on a cluster, `shuffled_candidate_pairs`."""

    def __call__(self, signatures: U32, bands: int, rows: int, rank: I64, *, records: I64 | None = None
                 ) -> tuple[I64, I64]: ...


def pair_search_for(executor: Executor | None) -> PairSearch:
    """On a Dask cluster, the candidate search runs there as a shuffle on band keys."""
    if isinstance(executor, DaskCluster):
        return functools.partial(shuffled_candidate_pairs, executor.client)
    return candidate_pairs
