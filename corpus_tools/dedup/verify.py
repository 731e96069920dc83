"""Pair verification: Jaccard and containment of candidate pairs, estimated from signatures or counted on
shingle samples, with shingles that many records carry counting for less; the verdict on each pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.shingles import I64, U32
from corpus_tools.dedup.signatures import EMPTY


@dataclass
class PairScores:
    """Similarities of pairs of records: estimated from signatures, or counted on shingle samples."""

    jaccard: npt.NDArray[np.float64]
    """Jaccard similarity of the two shingle sets."""
    containment: npt.NDArray[np.float64]
    """Share of the smaller set found in the larger one."""
    matches: npt.NDArray[np.int64]
    """Permutations (or sampled shingles) on which both agree."""
    story_jaccard: npt.NDArray[np.float64] | None = None
    """Jaccard with shingles that many records carry counting for less (see `ShingleFrequency`)."""
    story_containment: npt.NDArray[np.float64] | None = None
    """Containment, weighted alike."""


PAIR_CHUNK = 1 << 12
"""Pairs scored at a time: each of a chunk's (pairs, SAMPLE_SIZE) arrays takes 2-4 MB, which stays in the cache
and below the size for which numpy asks for huge pages, which a process faults in and zeroes anew for every
temporary (chunks of 32,768 pairs made the whole stage 9% slower)."""


def score_pairs(signatures: U32, sizes: npt.NDArray[np.float64], first: I64, second: I64) -> PairScores:
    """Estimated Jaccard and containment of each pair (first[k], second[k]).

    Containment follows from Jaccard and the two set sizes: |A & B| = J / (1 + J) * (|A| + |B|).
    """
    count = len(first)
    matches = np.zeros(count, dtype=np.int64)
    for start in range(0, count, PAIR_CHUNK):
        i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
        matches[start:start + len(i)] = np.count_nonzero(signatures[i] == signatures[j], axis=1)
    jaccard = matches / signatures.shape[1] if count else np.zeros(0)
    size_i, size_j = sizes[first], sizes[second]
    smaller = np.maximum(np.minimum(size_i, size_j), 1.0)
    containment = np.minimum(jaccard / (1.0 + jaccard) * (size_i + size_j) / smaller, 1.0)
    return PairScores(jaccard, containment, matches)


@dataclass
class ShingleFrequency:
    """How many records carry each sampled shingle, and per record the level of its own rarer part.

    A shingle that many records carry (a footer, a disclaimer, a table's labels) says little about which
    story a record tells: in a pair it weighs the pair's reference level over its own count, at most 1.
    A record's reference is the count RARE_SHARE of its shingles stay at or below: a short story under a
    long shared footer has a rare part of its own, so the footer weighs little; every copy of a story
    printed a hundred times has almost nothing rarer than the story itself, so its shingles keep weight 1.
    """

    counts: npt.NDArray[np.uint16]
    """(records, SAMPLE_SIZE) records carrying each sampled shingle (estimated where samples are partial,
    at most 65,535), 1 on padding."""
    reference: npt.NDArray[np.float32]
    """Per record, its reference level (1 for a record whose rarer part is its own)."""


RARE_SHARE = 0.2


def shingle_frequency(samples: U32, sizes: npt.NDArray[np.int32]) -> ShingleFrequency:
    """Count each sampled shingle's records, scaled as `_holders` does."""
    held, valid, known, holders = _holders(samples, sizes)
    scaled = np.minimum(np.round(holders), 65535)
    counts = np.ones(samples.shape, dtype=np.uint16)
    reference = np.ones(len(samples), dtype=np.float32)
    for start in range(0, len(samples), PAIR_CHUNK):
        part = slice(start, start + PAIR_CHUNK)
        found = np.minimum(np.searchsorted(known, samples[part]), max(len(known) - 1, 0))
        mine = np.where(valid[part], scaled[found] if len(known) else 1, 1).astype(np.uint16)
        counts[part] = mine
        ordered = np.sort(np.where(valid[part], mine, np.iinfo(np.uint16).max), axis=1)
        rank = np.maximum(np.ceil(held[part] * RARE_SHARE).astype(np.int64) - 1, 0)
        level = np.take_along_axis(ordered, rank[:, None], axis=1)[:, 0]
        reference[part] = np.where(held[part] > 0, level, 1)
    return ShingleFrequency(counts, reference)


def sample_scores(samples: U32, sizes: npt.NDArray[np.int32], first: I64, second: I64,
                  frequency: ShingleFrequency | None = None) -> PairScores:
    """Jaccard and containment of each pair (first[k], second[k]) counted on their shingle samples.

    Both records are cut at the lower of their two sample limits (the largest hash a full sample holds),
    so each side is every shingle of its record below that limit: exact for records of up to SAMPLE_SIZE
    shingles, a uniform sample drawn alike on both sides otherwise. With `frequency`, a shingle that many
    records carry counts for less (see `ShingleFrequency`).
    """
    count = len(first)
    jaccard, containment = np.zeros(count), np.zeros(count)
    story_jaccard, story_containment = np.zeros(count), np.zeros(count)
    matches = np.zeros(count, dtype=np.int64)
    for start in range(0, count, PAIR_CHUNK):
        i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
        _, _, shared, valid_a, valid_b = _matched(samples, sizes, i, j)
        part = slice(start, start + len(i))
        order = np.sign(sizes[i].astype(np.int64) - sizes[j])
        matches[part] = shared.sum(axis=1)
        # Unweighted, each sum counts ones: as integers, exactly what the sums of ones in float64 give.
        jaccard[part], containment[part] = _ratios(matches[part].astype(np.float64),
                                                   valid_a.sum(axis=1).astype(np.float64),
                                                   valid_b.sum(axis=1).astype(np.float64), order)
        if frequency is None:
            continue
        level = np.maximum(frequency.reference[i], frequency.reference[j])[:, None]
        weight_a = _weights(frequency.counts[i], level)
        weight_b = _weights(frequency.counts[j], level)
        story_jaccard[part], story_containment[part] = _similarities(shared, valid_a, valid_b, order,
                                                                     weight_a, weight_b)
    if frequency is None:
        return PairScores(jaccard, containment, matches)
    return PairScores(jaccard, containment, matches, story_jaccard, story_containment)


def _matched(samples: U32, sizes: npt.NDArray[np.int32], i: I64, j: I64
             ) -> tuple[U32, U32, npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The two sides' samples, which of the first side's values the second holds, and which values of each
    side count: both are cut at the lower of their two sample limits (the largest hash a full sample holds).
    Per pair, not over the whole table: the clustering scores a few pairs at a time, many times."""
    width = samples.shape[1]
    column = np.arange(width)
    a, b = samples[i], samples[j]
    size_i, size_j = sizes[i], sizes[j]
    cut = np.minimum(np.where(size_i > width, a[:, width - 1], EMPTY),
                     np.where(size_j > width, b[:, width - 1], EMPTY))[:, None]
    valid_a = (column < np.minimum(size_i, width)[:, None]) & (a <= cut)
    valid_b = (column < np.minimum(size_j, width)[:, None]) & (b <= cut)
    row = (np.arange(len(i), dtype=np.uint64) << np.uint64(32))[:, None]
    keys_a, keys_b = (row | a).ravel(), (row | b).ravel()
    return a, b, _held(keys_a, keys_b, width).reshape(a.shape) & valid_a, valid_a, valid_b


SEARCH_PAIRS = 256
"""Pairs whose keys are searched at once: a key of pair k can only equal a key of pair k (the pair's number is
in its high bits), so each block of pairs is searched on its own, in a sorted array that stays in the cache
(a block of 256 pairs is 256 KB; the whole chunk, 4 MB): the search takes about half the time."""


def _held(keys_a: npt.NDArray[np.uint64], keys_b: npt.NDArray[np.uint64], width: int) -> npt.NDArray[np.bool_]:
    """Which of `keys_a` `keys_b` holds, both sorted, `width` keys a pair (`_held_plain` in one search)."""
    held = np.empty(len(keys_a), dtype=np.bool_)
    step = SEARCH_PAIRS * width
    for start in range(0, len(keys_a), step):
        part_a, part_b = keys_a[start:start + step], keys_b[start:start + step]
        found = np.minimum(np.searchsorted(part_b, part_a), len(part_b) - 1)
        held[start:start + step] = part_b[found] == part_a
    return held


def _held_plain(keys_a: npt.NDArray[np.uint64], keys_b: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """`_held` in one search over all the keys, the straightforward way."""
    found = np.minimum(np.searchsorted(keys_b, keys_a), len(keys_b) - 1)
    held: npt.NDArray[np.bool_] = keys_b[found] == keys_a
    return held


@dataclass
class Rarity:
    """How many records hold each value of a table of samples (words, say): a value few records hold says
    more about which story a record tells than one most records hold, so it weighs log(records / holders)."""

    known: U32
    """The distinct values, sorted."""
    holders: npt.NDArray[np.float64]
    """Records holding each, scaled up where samples are partial (see `shingle_frequency`)."""
    records: int

    def holders_of(self, values: U32) -> npt.NDArray[np.float64]:
        """How many records hold each value; a value no sample shows counts as held by one."""
        if not len(self.known):
            return np.ones(values.shape)
        found = np.minimum(np.searchsorted(self.known, values), len(self.known) - 1)
        holders: npt.NDArray[np.float64] = np.where(self.known[found] == values, self.holders[found], 1.0)
        return holders

    def weights(self, values: U32) -> npt.NDArray[np.float64]:
        if not len(self.known):
            return np.zeros(values.shape)
        weights: npt.NDArray[np.float64] = np.log(self.records / np.maximum(self.holders_of(values), 1.0))
        return weights


def rarity(samples: U32, sizes: npt.NDArray[np.int32]) -> Rarity:
    """Count the records holding each sampled value, scaled as `_holders` does."""
    _, _, known, holders = _holders(samples, sizes)
    return Rarity(known, holders, max(len(samples), 1))


def _holders(samples: U32, sizes: npt.NDArray[np.int32]
             ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_], U32, npt.NDArray[np.float64]]:
    """Each sampled value (`known`) and the records holding it. A record whose sample stops below a hash
    cannot show it, so a hash's count is scaled by the share of records whose sample reaches it; a value of
    one record stays at 1: scaling it would only blur a record's own part. Also returns how many values each
    record's sample holds and which sample cells are filled."""
    width = samples.shape[1]
    held = np.minimum(sizes, width)
    valid = np.arange(width) < held[:, None]
    known, count = np.unique(samples[valid], return_counts=True)
    limits = np.sort(np.where(sizes > width, samples[:, width - 1], EMPTY))
    reaching = len(limits) - np.searchsorted(limits, known, side="left")
    holders = np.where(count > 1, count * len(limits) / np.maximum(reaching, 1), 1.0)
    return held, valid, known, holders


def rare_scores(samples: U32, sizes: npt.NDArray[np.int32], first: I64, second: I64,
                weights: Rarity) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Jaccard and containment of each pair with each value weighted by its rarity: a rewrite of a story
    keeps its names, places and figures in other sentences; two issues of a template keep the template's
    common words and differ in their rare ones."""
    jaccard, containment = np.zeros(len(first)), np.zeros(len(first))
    for start in range(0, len(first), PAIR_CHUNK):
        i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
        a, b, shared, valid_a, valid_b = _matched(samples, sizes, i, j)
        weight_a, weight_b = weights.weights(a), weights.weights(b)
        part = slice(start, start + len(i))
        jaccard[part], containment[part] = _similarities(shared, valid_a, valid_b,
                                                         np.sign(sizes[i].astype(np.int64) - sizes[j]),
                                                         weight_a, weight_b)
    return jaccard, containment


def _weights(counts: npt.NDArray[np.uint16], level: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """1 up to the pair's reference level, then the level over the shingle's count."""
    weights: npt.NDArray[np.float64] = np.minimum(level / counts.astype(np.float32), 1.0).astype(np.float64)
    return weights


def _similarities(shared: npt.NDArray[np.bool_], valid_a: npt.NDArray[np.bool_], valid_b: npt.NDArray[np.bool_],
                  order: npt.NDArray[np.int64], weight_a: Any, weight_b: Any
                  ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    both = (shared * weight_a).sum(axis=1)
    size_a, size_b = (valid_a * weight_a).sum(axis=1), (valid_b * weight_b).sum(axis=1)
    return _ratios(both, size_a, size_b, order)


def _ratios(both: npt.NDArray[np.float64], size_a: npt.NDArray[np.float64], size_b: npt.NDArray[np.float64],
            order: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Jaccard and containment from the (weighted) shared part and the two sides' sizes."""
    union = size_a + size_b - both
    # The smaller record by its size; between records of one size, the larger weight, so that a pair scores
    # the same whichever side it is given from (the stricter of its two containments).
    smaller = np.where(order < 0, size_a, np.where(order > 0, size_b, np.maximum(size_a, size_b)))
    jaccard = np.divide(both, union, out=np.zeros(len(both)), where=union > 0)
    containment = np.minimum(np.divide(both, smaller, out=np.zeros(len(both)), where=smaller > 0), 1.0)
    return jaccard, containment


NEAR_IDENTICAL = 0.85
"""Jaccard at which a pair is a copy whatever its shingles' frequency: every copy of a story printed many
times carries shingles that many records carry, and that is its story, not a template."""
STORY_SHARE = 0.6
"""Share of --threshold and --containment a pair must still reach once common shingles count for less. A
pair that shares its story keeps most of its similarity; one that shares a footer keeps a fraction of it."""
MIN_SHARED_SHINGLES = 5
"""Shingles a pair must share to pass on containment: counted exactly, a teaser card of a dozen shingles
inside its story passes, a stock phrase of two or three does not."""


def min_matches(cfg: DedupConfig) -> int:
    """Equal signature values a containment estimate needs: it rests on few of them when the sizes differ a
    lot, so ask for a number that random agreement between unrelated texts does not reach."""
    return max(8, cfg.num_perm // 12)


def verified_copies(cfg: DedupConfig, scores: PairScores, least_matches: int | None = None) -> npt.NDArray[np.bool_]:
    """Verified as copies: similar enough as sets, or the smaller one mostly inside the larger (on at least
    `least_matches` equal values; by default what signature estimates need, see `min_matches`)."""
    least = min_matches(cfg) if least_matches is None else least_matches
    by_jaccard = scores.jaccard >= cfg.threshold
    by_containment = (scores.containment >= cfg.containment) & (scores.matches >= least)
    result: npt.NDArray[np.bool_] = by_jaccard | by_containment
    if scores.story_jaccard is not None and scores.story_containment is not None:
        # Below near-identity, the pair must also pass once shingles that many records carry count for
        # less: a shared footer or template is not a shared story.
        near_identical = scores.jaccard >= NEAR_IDENTICAL
        story = ((scores.story_jaccard >= STORY_SHARE * cfg.threshold)
                 | (scores.story_containment >= STORY_SHARE * cfg.containment))
        result &= near_identical | story
    return result


def missing_share(queries: U32, query_sizes: npt.NDArray[np.int32], samples: U32, sizes: npt.NDArray[np.int32],
                  first: I64, second: I64, weights: Rarity) -> npt.NDArray[np.float64]:
    """Per pair, the rarity-weighted share of the first record's query values (its title words) that the
    second's sample shows to be absent. A value above the second's sample limit can be neither seen nor
    missed, and counts on neither side."""
    width, query_width = samples.shape[1], queries.shape[1]
    result = np.zeros(len(first))
    for start in range(0, len(first), PAIR_CHUNK):
        i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
        a, b = queries[i], samples[j]
        limit = np.where(sizes[j] > width, b[:, width - 1], EMPTY)[:, None]
        checkable = (np.arange(query_width) < np.minimum(query_sizes[i], query_width)[:, None]) & (a <= limit)
        row = (np.arange(len(i), dtype=np.uint64) << np.uint64(32))[:, None]
        keys_a, keys_b = (row | a).ravel(), (row | b).ravel()
        found = np.minimum(np.searchsorted(keys_b, keys_a), len(keys_b) - 1)
        present = (keys_b[found] == keys_a).reshape(a.shape)
        weight = weights.weights(a) * checkable
        total = weight.sum(axis=1)
        absent = (weight * ~present).sum(axis=1)
        result[start:start + len(i)] = np.divide(absent, total, out=np.zeros(len(i)), where=total > 0)
    return result
