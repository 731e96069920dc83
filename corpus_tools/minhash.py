"""MinHash for news: normalized word shingles, bulk signatures with numpy, LSH banding and pair verification.

The signatures are those datasketch's `MinHash(num_perm, seed, hashfunc=shingle_hash, scheme="affine32")`
computes when updated with the shingles of `shingles(text, ngram)`, so `to_lean_minhash` hands them to any
datasketch index. Only the speed differs: a whole batch of texts is tokenized, hashed and min-reduced in a few
numpy passes instead of one Python call per shingle.

Normalization, shared by the fast path and the reference functions:
  * a leading dateline ("WASHINGTON (Reuters) - ", "PARIS, May 2 (AFP) — ") is removed;
  * the text is lower-cased; a token is a run of ASCII letters and digits and of non-ASCII characters other
    than punctuation and symbols (U+0080-U+00BF, U+00D7, U+00F7, U+2000-U+2BFF, U+3000-U+303F, U+FEFF);
  * figures stay as written: two tables or notices that share a template but not their numbers are
    different stories, so a figure is as much a part of a shingle as a word;
  * shingles are `ngram` consecutive tokens; a text with fewer tokens has one shingle of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import isfinite
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from datasketch import LeanMinHash

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

SCHEME = "affine32"
"""datasketch's permutation scheme that these signatures follow."""

EMPTY = np.uint32(0xFFFFFFFF)
"""The signature value of an empty set, as datasketch initialises it."""

_MASK64 = (1 << 64) - 1
_TOKEN_PRIME = 0x100000001B3
_SHINGLE_MULTIPLIER = 0x9E3779B97F4A7C15
_DOC_MULTIPLIER = 0xD6E8FEB86659FD93

_DATELINE = re.compile(
    r"\A\s*(?:"
    # An upper-case place, optionally with a date and a credit: "NEW YORK, March 3 (AP) - "
    r"[A-Z][A-Z.'\u2019\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,12}(?:\s+\d{1,2})?)?"
    r"\s*(?:\([A-Za-z][A-Za-z .\-]{0,30}\))?"
    # or any short place followed by a credit: "Paris (AFP) - "
    r"|[A-Z][\w.'\u2019\- ]{1,40}?\s*\([A-Za-z][A-Za-z .\-]{0,30}\)"
    r")\s*[-\u2013\u2014]{1,2}\s+"
)
_TOKEN = re.compile("[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xbf\xd7\xf7\u2000-\u2bff\u3000-\u303f\ufeff]+")


def strip_dateline(text: str) -> str:
    """The text without a leading dateline, which differs between copies of one wire story."""
    match = _DATELINE.match(text)
    return text[match.end():] if match else text


def normalized_tokens(text: str) -> list[str]:
    """The tokens shingles are made of (the reference for what the fast path computes)."""
    return _TOKEN.findall(strip_dateline(text).lower())


def shingles(tokens: Sequence[str], ngram: int) -> list[str]:
    """Word n-grams joined by spaces; a text shorter than `ngram` tokens is one shingle."""
    if not tokens:
        return []
    if len(tokens) < ngram:
        return [" ".join(tokens)]
    return [" ".join(tokens[i:i + ngram]) for i in range(len(tokens) - ngram + 1)]


def _fmix64_int(value: int) -> int:
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & _MASK64
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & _MASK64
    return value ^ (value >> 33)


def token_hash(token: bytes) -> int:
    """64-bit hash of one token: a polynomial over its UTF-8 bytes, then the MurmurHash3 finalizer."""
    value, power = 0, 1
    for byte in token:
        value = (value + byte * power) & _MASK64
        power = (power * _TOKEN_PRIME) & _MASK64
    return _fmix64_int(value)


def shingle_hash(shingle: bytes) -> int:
    """32-bit hash of one shingle (tokens joined by spaces): datasketch's `hashfunc` for these signatures."""
    value, power = 0, 1
    for token in shingle.split(b" "):
        value = (value + token_hash(token) * power) & _MASK64
        power = (power * _SHINGLE_MULTIPLIER) & _MASK64
    return _fmix64_int(value) >> 32


@dataclass(frozen=True)
class MinHasher:
    """Shingling and permutation parameters. Picklable and free of global state, so a batch can be signed in
    a worker process; the permutations are datasketch's for the same `num_perm` and `seed`."""

    num_perm: int = 128
    seed: int = 1
    ngram: int = 3
    a: U32 = field(init=False, repr=False, compare=False)
    b: U32 = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.num_perm < 2:
            raise ValueError("num_perm must be at least 2")
        if self.ngram < 1:
            raise ValueError("ngram must be at least 1")
        generator = np.random.RandomState(self.seed)
        a = generator.randint(0, 1 << 31, self.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = generator.randint(0, 1 << 32, self.num_perm, dtype=np.uint32)
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "b", b)

    def __getstate__(self) -> dict[str, int]:
        return {"num_perm": self.num_perm, "seed": self.seed, "ngram": self.ngram}

    def __setstate__(self, state: dict[str, int]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()


@dataclass
class SignatureBatch:
    """What one pass over a batch of texts yields, one row per text."""

    signatures: U32
    """(texts, num_perm) MinHash values; an empty text has all values EMPTY."""
    tokens: npt.NDArray[np.int32]
    """Number of normalized tokens."""
    shingles: npt.NDArray[np.int32]
    """Number of distinct shingles: the size of the set the signature stands for."""
    text_hash: U64
    """Hash of the normalized token sequence: equal for texts that differ only in case, punctuation,
    spacing or dateline."""
    sample: U32
    """(texts, SAMPLE_SIZE) the smallest distinct shingle hashes of each text, ascending, padded with EMPTY:
    the whole shingle set of a text with at most SAMPLE_SIZE shingles, else a uniform sample of it."""


SAMPLE_SIZE = 128
"""Shingle hashes kept per record for exact verification: every pair of records of up to this many
shingles is compared on its real sets, larger ones on a sample that both draw alike (see `sample_scores`)."""


def _fmix64(values: U64) -> U64:
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def _fmix32(values: U32) -> U32:
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


_POWER_TABLES: dict[int, U64] = {}
"""Per base, the longest table of powers made so far: constants, so sharing them changes no result."""


def _powers(base: int, count: int) -> U64:
    """base**0 .. base**(count-1) modulo 2**64, read-only."""
    table = _POWER_TABLES.get(base)
    if table is None or len(table) < count:
        powers = np.full(1 << max(count - 1, 1).bit_length(), base, dtype=np.uint64)
        powers[0] = 1
        table = np.cumprod(powers, dtype=np.uint64)
        table.flags.writeable = False
        _POWER_TABLES[base] = table
    return table[:count]


def _separator_fixups(data: npt.NDArray[np.uint8], is_token: npt.NDArray[np.bool_]) -> None:
    """Mark the bytes of non-ASCII punctuation and symbols as separators, in place."""
    high = np.flatnonzero(data >= 0xC2)
    lead = data[high]
    keep = (lead == 0xC2) | (lead == 0xC3) | (lead == 0xE2) | (lead == 0xE3) | (lead == 0xEF)
    leads, lead = high[keep], lead[keep]
    if not len(leads):
        return
    padded = np.concatenate([data, np.zeros(2, dtype=np.uint8)])
    second = padded[leads + 1]
    third = padded[leads + 2]
    two = (lead == 0xC2) | ((lead == 0xC3) & ((second == 0x97) | (second == 0xB7)))
    three = (((lead == 0xE2) & (second >= 0x80) & (second <= 0xAF)) | ((lead == 0xE3) & (second == 0x80))
             | ((lead == 0xEF) & (second == 0xBB) & (third == 0xBF)))
    for positions, width in ((leads[two], 2), (leads[three], 3)):
        for offset in range(width):
            is_token[positions + offset] = False


_INVERSE_TOKEN_PRIME = pow(_TOKEN_PRIME, -1, 1 << 64)
_INVERSE_DOC_MULTIPLIER = pow(_DOC_MULTIPLIER, -1, 1 << 64)


def _token_hashes(texts: Sequence[str]) -> tuple[U64, I64]:
    """Hashes of the normalized tokens of all texts, laid end to end, and the token count of each text.

    A token's polynomial hash sum(byte_j * P**(j - start)) comes from one running sum over the whole batch:
    H[end] - H[start] is sum(byte_j * P**j), and P**-start shifts it back. No per-token gathers.
    """
    encoded = [strip_dateline(text).lower().encode("utf-8", "surrogatepass") for text in texts]
    blob = b"\n".join(encoded)
    data = np.frombuffer(blob, dtype=np.uint8)
    lowered = data | np.uint8(0x20)
    lowered -= np.uint8(ord("a"))
    figures = data - np.uint8(ord("0"))
    is_token = (lowered < 26) | (figures < 10) | (data >= 0x80)
    if not blob.isascii():
        _separator_fixups(data, is_token)
    padded = np.zeros(len(data) + 2, dtype=np.bool_)
    padded[1:-1] = is_token
    boundaries = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = boundaries[0::2], boundaries[1::2]
    doc_starts = np.zeros(len(encoded), dtype=np.int64)
    if len(encoded) > 1:
        np.cumsum([len(e) + 1 for e in encoded[:-1]], out=doc_starts[1:])
    per_text = np.bincount(np.searchsorted(doc_starts, starts, side="right") - 1, minlength=len(texts))
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), per_text.astype(np.int64)
    running = np.zeros(len(data) + 1, dtype=np.uint64)
    weighted = data.astype(np.uint64)
    weighted *= _powers(_TOKEN_PRIME, len(data))
    weighted *= is_token
    np.cumsum(weighted, out=running[1:])
    hashes = _fmix64((running[ends] - running[starts]) * _powers(_INVERSE_TOKEN_PRIME, len(data))[starts])
    return hashes, per_text.astype(np.int64)


def shingle_values(texts: Sequence[str], ngram: int) -> tuple[U32, I64]:
    """The 32-bit shingle hashes of each text (with repeats, in text order) and how many each text has.

    Equal to `[shingle_hash(s.encode()) for s in shingles(normalized_tokens(text), ngram)]` per text.
    """
    hashes, per_text = _token_hashes(texts)
    return _shingles_from_tokens(hashes, per_text, ngram)


SHINGLE_CHUNK = 1 << 14
"""Shingle rows min-reduced at a time: a (rows, num_perm) uint32 block that stays in the CPU cache."""


def signature_batch(texts: Sequence[str], hasher: MinHasher) -> SignatureBatch:
    """MinHash signatures and set sizes of a batch of texts, in a handful of numpy passes.

    A pure function of its arguments: safe to run in worker processes on different batches.
    """
    n = len(texts)
    hashes, per_text = _token_hashes(texts)
    text_hash = np.full(n, np.uint64(_fmix64_int(0)), dtype=np.uint64)
    signatures = np.full((n, hasher.num_perm), EMPTY, dtype=np.uint32)
    sample = np.full((n, SAMPLE_SIZE), EMPTY, dtype=np.uint32)
    distinct = np.zeros(n, dtype=np.int32)
    if len(hashes):
        # The same running-sum trick as for tokens: sum(t_i * R**(i - first)) per text.
        bounds = np.concatenate([[0], np.cumsum(per_text)])
        running = np.zeros(len(hashes) + 1, dtype=np.uint64)
        np.cumsum(hashes * _powers(_DOC_MULTIPLIER, len(hashes)), out=running[1:])
        present = per_text > 0
        first, last = bounds[:-1][present], bounds[1:][present]
        sums = (running[last] - running[first]) * _powers(_INVERSE_DOC_MULTIPLIER, len(hashes))[first]
        text_hash[present] = _fmix64(sums ^ per_text[present].astype(np.uint64))
        values, counts = _shingles_from_tokens(hashes, per_text, hasher.ngram)
        # Sorting by (text, value) drops repeated shingles, which change no minimum, and yields set sizes.
        text_of_value = np.repeat(np.arange(n, dtype=np.uint64), counts)
        keys = np.sort((text_of_value << np.uint64(32)) | values.astype(np.uint64))
        keep = np.ones(len(keys), dtype=np.bool_)
        keep[1:] = keys[1:] != keys[:-1]
        keys = keys[keep]
        owner = (keys >> np.uint64(32)).astype(np.int64)
        distinct = np.bincount(owner, minlength=n).astype(np.int32)
        # Keys are sorted by text, then value: a text's first SAMPLE_SIZE keys are its smallest shingles.
        column = np.arange(len(keys)) - np.concatenate([[0], np.cumsum(distinct[:-1], dtype=np.int64)])[owner]
        take = column < SAMPLE_SIZE
        sample[owner[take], column[take]] = keys[take].astype(np.uint32)
        mixed = _fmix32(keys.astype(np.uint32))
        _min_reduce(mixed, distinct, hasher, signatures)
    return SignatureBatch(signatures, per_text.astype(np.int32), distinct, text_hash, sample)



def _shingles_from_tokens(hashes: U64, per_text: I64, ngram: int) -> tuple[U32, I64]:
    total = len(hashes)
    counts = np.where(per_text >= ngram, per_text - ngram + 1, np.minimum(per_text, 1))
    windows = max(total - ngram + 1, 0)
    mixed = np.zeros(windows, dtype=np.uint64)
    multiplier = 1
    for offset in range(ngram):
        if windows:
            mixed += hashes[offset:offset + windows] * np.uint64(multiplier)
        multiplier = (multiplier * _SHINGLE_MULTIPLIER) & _MASK64
    text_of_token = np.repeat(np.arange(len(per_text)), per_text)
    valid = text_of_token[:windows] == text_of_token[ngram - 1:ngram - 1 + windows]
    values = mixed[valid]
    short = np.flatnonzero((per_text > 0) & (per_text < ngram))
    if len(short):
        # Texts with fewer tokens than a shingle: one shingle of all their tokens, spliced in text order.
        token_offsets = np.concatenate([[0], np.cumsum(per_text)])
        shingle_offsets = np.concatenate([[0], np.cumsum(counts)])
        full = np.zeros(int(shingle_offsets[-1]), dtype=np.uint64)
        full[np.repeat(per_text >= ngram, counts)] = values
        for text in short:
            value, power = 0, 1
            for token in hashes[token_offsets[text]:token_offsets[text + 1]].tolist():
                value = (value + token * power) & _MASK64
                power = (power * _SHINGLE_MULTIPLIER) & _MASK64
            full[shingle_offsets[text]] = value
        values = full
    return (_fmix64(values) >> np.uint64(32)).astype(np.uint32), counts


def _min_reduce(mixed: U32, sizes: npt.NDArray[np.int32], hasher: MinHasher, out: U32) -> None:
    """out[t] = min over the values of text t of a * value + b (mod 2**32), for each permutation.

    The block is laid out (permutations, values) so that each text's minimum is a reduction along
    contiguous memory; the (values, permutations) layout was measured 10x slower.
    """
    offsets = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    texts = np.flatnonzero(sizes > 0)
    a, b = hasher.a[:, None], hasher.b[:, None]
    begin = 0
    while begin < len(texts):
        end = begin
        rows = 0
        while end < len(texts) and (rows == 0 or rows + sizes[texts[end]] <= SHINGLE_CHUNK):
            rows += int(sizes[texts[end]])
            end += 1
        chunk = texts[begin:end]
        first, last = int(offsets[chunk[0]]), int(offsets[chunk[-1] + 1])
        block = a * mixed[None, first:last]
        block += b
        out[chunk] = np.minimum.reduceat(block, offsets[chunk] - first, axis=1).T
        begin = end


def to_lean_minhash(signature: U32, hasher: MinHasher) -> LeanMinHash:
    """A datasketch LeanMinHash of one signature row, for use in datasketch's indexes."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=hasher.seed, hashvalues=signature, scheme=SCHEME)


# LSH banding ----------------------------------------------------------------------------------------------


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


def band_key(signatures: U32, band: int, rows: int) -> U64:
    """The key of one band for every record: its `rows` signature values mixed into 64 bits. The candidate
    search makes one band's keys at a time, never holding every band's (8 bytes per record and band)."""
    keys = np.zeros(len(signatures), dtype=np.uint64)
    multiplier = 1
    for row in range(rows):
        keys += signatures[:, band * rows + row].astype(np.uint64) * np.uint64(multiplier)
        multiplier = (multiplier * _SHINGLE_MULTIPLIER) & _MASK64
    return _fmix64(keys)


def _distinct(values: I64) -> I64:
    """Sorted distinct values; sorting is several times faster here than np.unique's hash table."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=np.bool_)
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def candidate_pairs(signatures: U32, bands: int, rows: int, rank: I64, window: int = 4) -> tuple[I64, I64]:
    """Pairs (i < j, record indices) that share a band key (see `band_keys`).

    Within a bucket, members are taken in `rank` order (0 first). Each member is paired with the bucket's
    first member and with the `window` members before it, not with all of them: star clustering needs the
    edges to the best representative, and a neighbour's neighbours are checked anyway. A story copied 30
    times, or a template shared by thousands, then costs linear work and memory instead of quadratic.
    """
    n = len(signatures)
    index = np.arange(n, dtype=np.int64)
    found: list[I64] = []
    pending: list[I64] = []
    pending_size = 0
    for band in range(bands):
        pending.append(bucket_pairs(band_key(signatures, band, rows), rank, index, n, window))
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


def union_pairs(one: tuple[I64, I64], other: tuple[I64, I64], n: int) -> tuple[I64, I64]:
    """The pairs (i < j) of either list, sorted, each once."""
    packed = np.concatenate([one[0] * n + one[1], other[0] * n + other[1]])
    return _unpack(packed, n)


def _unpack(packed: I64, n: int) -> tuple[I64, I64]:
    packed = _distinct(packed)
    packed = packed[packed // n != packed % n]
    return packed // n, packed % n


def sample_candidate_pairs(samples: U32, sizes: npt.NDArray[np.int32], prefix: int = 4, least: int = 2,
                           most_records: int = 64) -> tuple[I64, I64]:
    """Pairs (i < j) where `least` of one record's `prefix` smallest shingles sit in the other's sample.

    LSH bands aim at Jaccard, and a brief copied whole into a story ten times its length has a Jaccard of
    0.1: it never shares a band. But every shingle of the brief below the story's sample limit is in the
    story's sample, and its smallest ones are below that limit unless the story is hundreds of times
    longer. A shingle more than `most_records` records hold is a template, not evidence, and is skipped.
    """
    n, width = samples.shape
    held = np.minimum(sizes, width)
    column = np.arange(width)
    owner = np.broadcast_to(np.arange(n, dtype=np.int64)[:, None], samples.shape)
    valid = column < held[:, None]
    values, records = samples[valid], owner[valid]
    order = np.argsort(values, kind="stable")
    values, records = values[order], records[order]
    asking = column < np.minimum(held, prefix)[:, None]
    query, asker = samples[asking], owner[asking]
    low = np.searchsorted(values, query, side="left")
    high = np.searchsorted(values, query, side="right")
    lengths = np.where(high - low <= most_records, high - low, 0)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    step = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    partner = records[np.repeat(low, lengths) + step]
    mine = np.repeat(asker, lengths)
    packed = np.minimum(mine, partner) * n + np.maximum(mine, partner)
    packed = packed[mine != partner]
    # A pair found from both sides counts each shingle once per side; ask for `least` from one side.
    keys, counts = np.unique(packed * 2 + (mine[mine != partner] > partner[mine != partner]), return_counts=True)
    pairs = _distinct(keys[counts >= least] // 2)
    return pairs // n, pairs % n


def shuffled_candidate_pairs(client: Any, signatures: U32, bands: int, rows: int, rank: I64, window: int = 4,
                             partitions: int | None = None) -> tuple[I64, I64]:
    """`candidate_pairs` as a shuffle on band keys over a Dask cluster: the same pairs, in the same order.

    Map tasks take slices of the signatures, compute their band keys and split the rows (band, key, rank,
    record) by a hash of band and key into `partitions` pieces; reduce task p takes piece p of every map
    task (workers send them to each other), so each bucket lands whole in one task, which pairs its members
    as `bucket_pairs` does. The driver only gathers the pairs, which it needs for verification anyway.
    """
    import operator

    n = len(signatures)
    workers = max(1, len(client.scheduler_info()["workers"]))
    partitions = partitions or 2 * workers
    slices = max(1, min(2 * workers, n // 1024))
    bounds = np.linspace(0, n, slices + 1).astype(np.int64)
    maps = [client.submit(_shuffle_map, signatures[a:b], rank[a:b], int(a), bands, rows, partitions, pure=False)
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
    target = (flat ^ _fmix64(band.astype(np.uint64))) % np.uint64(partitions)
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


# Verification ---------------------------------------------------------------------------------------------


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


PAIR_CHUNK = 1 << 15


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
    """Count each sampled shingle's records. A record whose sample stops below a hash cannot show it, so a
    hash's count is scaled by the share of records whose sample reaches it."""
    width = samples.shape[1]
    held = np.minimum(sizes, width)
    valid = np.arange(width) < held[:, None]
    known, count = np.unique(samples[valid], return_counts=True)
    limits = np.sort(np.where(sizes > width, samples[:, width - 1], EMPTY))
    reaching = len(limits) - np.searchsorted(limits, known, side="left")
    # A shingle of one record stays at 1: scaling it would only blur a record's own part.
    scaled = np.where(count > 1, np.minimum(np.round(count * len(limits) / np.maximum(reaching, 1)), 65535), 1)
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
    width = samples.shape[1]
    column = np.arange(width)
    for start in range(0, count, PAIR_CHUNK):
        i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
        a, b = samples[i], samples[j]
        # Per pair, not over the whole table: the clustering scores a few pairs at a time, many times.
        size_i, size_j = sizes[i], sizes[j]
        cut = np.minimum(np.where(size_i > width, a[:, width - 1], EMPTY),
                         np.where(size_j > width, b[:, width - 1], EMPTY))[:, None]
        valid_a = (column < np.minimum(size_i, width)[:, None]) & (a <= cut)
        valid_b = (column < np.minimum(size_j, width)[:, None]) & (b <= cut)
        row = (np.arange(len(i), dtype=np.uint64) << np.uint64(32))[:, None]
        keys_a, keys_b = (row | a).ravel(), (row | b).ravel()
        found = np.minimum(np.searchsorted(keys_b, keys_a), len(keys_b) - 1)
        shared = (keys_b[found] == keys_a).reshape(a.shape) & valid_a
        part = slice(start, start + len(i))
        smaller_first = size_i <= size_j
        jaccard[part], containment[part] = _similarities(shared, valid_a, valid_b, smaller_first, 1.0, 1.0)
        matches[part] = shared.sum(axis=1)
        if frequency is None:
            continue
        level = np.maximum(frequency.reference[i], frequency.reference[j])[:, None]
        weight_a = _weights(frequency.counts[i], level)
        weight_b = _weights(frequency.counts[j], level)
        story_jaccard[part], story_containment[part] = _similarities(shared, valid_a, valid_b, smaller_first,
                                                                     weight_a, weight_b)
    if frequency is None:
        return PairScores(jaccard, containment, matches)
    return PairScores(jaccard, containment, matches, story_jaccard, story_containment)


def _weights(counts: npt.NDArray[np.uint16], level: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """1 up to the pair's reference level, then the level over the shingle's count."""
    weights: npt.NDArray[np.float64] = np.minimum(level / counts.astype(np.float32), 1.0).astype(np.float64)
    return weights


def _similarities(shared: npt.NDArray[np.bool_], valid_a: npt.NDArray[np.bool_], valid_b: npt.NDArray[np.bool_],
                  smaller_first: npt.NDArray[np.bool_], weight_a: Any, weight_b: Any
                  ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    both = (shared * weight_a).sum(axis=1)
    size_a, size_b = (valid_a * weight_a).sum(axis=1), (valid_b * weight_b).sum(axis=1)
    union = size_a + size_b - both
    smaller = np.where(smaller_first, size_a, size_b)
    jaccard = np.divide(both, union, out=np.zeros(len(both)), where=union > 0)
    containment = np.minimum(np.divide(both, smaller, out=np.zeros(len(both)), where=smaller > 0), 1.0)
    return jaccard, containment


# Clustering -----------------------------------------------------------------------------------------------


def star_clusters(order: I64, first: I64, second: I64, verify: Any, compatible: Any = None) -> I64:
    """Cluster records around representatives, so that no chain of pairwise matches can glue two stories.

    `order` lists the records best representative first; (first, second) are verified pairs. A
    representative takes its verified neighbours, then checks its members' neighbours against itself with
    `verify(representative, candidates) -> bool mask`, until nothing more joins: every member is verified
    against the representative, never only against another member. A candidate also has to pass
    `compatible(candidate, members) -> bool` against the members already in, which cuts the bridge a hybrid
    representative (half of one story, half of another) would otherwise build between two stories.
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
            accepted = []
            for candidate in candidates[np.argsort(priority[candidates])].tolist():
                fits = compatible is None or not members or compatible(candidate, np.array(members))
                if fits:
                    members.append(candidate)
                    accepted.append(candidate)
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
