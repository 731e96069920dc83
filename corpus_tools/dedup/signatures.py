"""MinHash signatures of whole batches of texts in a few numpy passes, equal to datasketch's.

The signatures are those datasketch's `MinHash(num_perm, seed, hashfunc=shingle_hash, scheme="affine32")`
computes when updated with the shingles of `shingles(normalized_tokens(text), ngram)`, so `to_lean_minhash`
hands them to any datasketch index. Only the speed differs: a whole batch of texts is tokenized, hashed and
min-reduced in a few numpy passes instead of one Python call per shingle.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from corpus_tools.dedup.shingles import (
    I64,
    MASK64,
    SHINGLE_MULTIPLIER,
    TOKEN_PRIME,
    U32,
    U64,
    WRITTEN_OUT,
    fmix64,
    fmix64_int,
    strip_dateline,
    token_hash,
)

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SCHEME = "affine32"
"""datasketch's permutation scheme that these signatures follow."""

EMPTY = np.uint32(0xFFFFFFFF)
"""The signature value of an empty set, as datasketch initialises it."""

_DOC_MULTIPLIER = 0xD6E8FEB86659FD93


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
    words: U32
    """(texts, WORD_SAMPLE) the smallest distinct word hashes of each text, ascending, padded with EMPTY: what
    a rewrite of a story keeps when its sentences, and so its shingles, are new."""
    word_count: npt.NDArray[np.int32]
    """Number of distinct words."""
    title_words: U32
    """(texts, TITLE_SAMPLE) the smallest distinct word hashes of each title, hashed as `words` are."""
    title_count: npt.NDArray[np.int32]
    """Number of distinct title words."""


WORD_SAMPLE = 64
"""Word hashes kept per record: all the words of a brief, a sample of a longer story's."""
TITLE_SAMPLE = 8
"""Title word hashes kept per record."""
SAMPLE_SIZE = 128
"""Shingle hashes kept per record for exact verification: every pair of records of up to this many
shingles is compared on its real sets, larger ones on a sample that both draw alike (see `sample_scores`)."""


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


_SCRATCH = threading.local()
"""Per thread, the running sums' buffer (see `_running_sums`); threads of one worker sign batches at once."""
SCRATCH_LIMIT = 1 << 24
"""Entries of the largest running-sum buffer kept between batches (128 MB); a larger one is used once."""


def _running_sums(values: npt.NDArray[np.uint8] | U64, base: int) -> U64:
    """[0, v0, v0 + v1 * base, ...]: the prefix sums of values[j] * base**j modulo 2**64, in a buffer the
    thread reuses. A fresh array of eight bytes per byte of text is faulted in page by page on every batch,
    which cost a third of the token pass. Valid until the thread's next call."""
    size = len(values) + 1
    buffer: U64 | None = getattr(_SCRATCH, "buffer", None)
    if buffer is None or len(buffer) < size:
        buffer = np.empty(1 << max(size - 1, 1).bit_length(), dtype=np.uint64)
        if len(buffer) <= SCRATCH_LIMIT:
            _SCRATCH.buffer = buffer
    running = buffer[:size]
    running[0] = 0
    np.multiply(values, _powers(base, len(values)), out=running[1:])
    np.cumsum(running[1:], out=running[1:])
    return running


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


_INVERSETOKEN_PRIME = pow(TOKEN_PRIME, -1, 1 << 64)
_INVERSE_DOC_MULTIPLIER = pow(_DOC_MULTIPLIER, -1, 1 << 64)


def _token_hashes(texts: Sequence[str], datelines: bool = True) -> tuple[U64, I64]:
    """Hashes of the normalized tokens of all texts, laid end to end, and the token count of each text.
    Without `datelines`, nothing is taken for one: a title such as "INDIA BUYS SUGAR - TRADE" opens on its
    subject, not on a place.

    A token's polynomial hash sum(byte_j * P**(j - start)) comes from one running sum over the whole batch:
    H[end] - H[start] is sum(byte_j * P**j), and P**-start shifts it back. No per-token gathers.
    """
    encoded = [(strip_dateline(text) if datelines else text).lower().encode("utf-8", "surrogatepass")
               for text in texts]
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
    # Tokens are in text order: each text's count is the distance between the first tokens of it and the next.
    per_text = np.diff(np.searchsorted(starts, doc_starts), append=len(starts))
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), per_text.astype(np.int64)
    # Separators need no mask: a token's difference H[end] - H[start] spans its own bytes only.
    running = _running_sums(data, TOKEN_PRIME)
    hashes = fmix64((running[ends] - running[starts]) * _powers(_INVERSETOKEN_PRIME, len(data))[starts])
    return _written_out(hashes), per_text.astype(np.int64)


_ABBREVIATED = sorted((token_hash(short.encode()), token_hash(word.encode())) for short, word in WRITTEN_OUT.items())
_SHORT_HASHES = np.array([short for short, _ in _ABBREVIATED], dtype=np.uint64)
_WORD_HASHES = np.array([word for _, word in _ABBREVIATED], dtype=np.uint64)
_LOW_BITS = np.uint64(0xFFFF)
_MAYBE_SHORT = np.zeros(1 << 16, dtype=np.bool_)
_MAYBE_SHORT[(_SHORT_HASHES & _LOW_BITS).astype(np.int64)] = True


def _written_out(hashes: U64) -> U64:
    """Token hashes with each abbreviation's replaced by its word's (see `shingles.WRITTEN_OUT`), in place.
    A lookup of the low bits first: a binary search of every token costs three times as much."""
    maybe = np.flatnonzero(_MAYBE_SHORT[(hashes & _LOW_BITS).astype(np.int64)])
    found = np.minimum(np.searchsorted(_SHORT_HASHES, hashes[maybe]), len(_SHORT_HASHES) - 1)
    hit = _SHORT_HASHES[found] == hashes[maybe]
    hashes[maybe[hit]] = _WORD_HASHES[found[hit]]
    return hashes


def shingle_values(texts: Sequence[str], ngram: int) -> tuple[U32, I64]:
    """The 32-bit shingle hashes of each text (with repeats, in text order) and how many each text has.

    Equal to `[shingle_hash(s.encode()) for s in shingles(normalized_tokens(text), ngram)]` per text.
    """
    hashes, per_text = _token_hashes(texts)
    return _shingles_from_tokens(hashes, per_text, ngram)


SHINGLE_CHUNK = 1 << 12
"""Shingle rows min-reduced at a time: a (rows, num_perm) uint32 block of 2 MB that stays in the CPU cache and
below numpy's size for huge pages (see `verify.PAIR_CHUNK`)."""


def signature_batch(texts: Sequence[str], hasher: MinHasher, titles: Sequence[str] | None = None
                    ) -> SignatureBatch:
    """MinHash signatures and set sizes of a batch of texts (and the words of their titles), in a handful of
    numpy passes.

    A pure function of its arguments: safe to run in worker processes on different batches.
    """
    n = len(texts)
    hashes, per_text = _token_hashes(texts)
    text_hash = np.full(n, np.uint64(fmix64_int(0)), dtype=np.uint64)
    signatures = np.full((n, hasher.num_perm), EMPTY, dtype=np.uint32)
    sample = np.full((n, SAMPLE_SIZE), EMPTY, dtype=np.uint32)
    words = np.full((n, WORD_SAMPLE), EMPTY, dtype=np.uint32)
    distinct = np.zeros(n, dtype=np.int32)
    word_count = np.zeros(n, dtype=np.int32)
    if len(hashes):
        # The same running-sum trick as for tokens: sum(t_i * R**(i - first)) per text.
        bounds = np.concatenate([[0], np.cumsum(per_text)])
        running = _running_sums(hashes, _DOC_MULTIPLIER)
        present = per_text > 0
        first, last = bounds[:-1][present], bounds[1:][present]
        sums = (running[last] - running[first]) * _powers(_INVERSE_DOC_MULTIPLIER, len(hashes))[first]
        text_hash[present] = fmix64(sums ^ per_text[present].astype(np.uint64))
        values, counts = _shingles_from_tokens(hashes, per_text, hasher.ngram)
        keys, distinct = _smallest(values, counts, sample)
        _, word_count = _smallest((hashes >> np.uint64(32)).astype(np.uint32), per_text, words)
        mixed = _fmix32(keys.astype(np.uint32))
        _min_reduce(mixed, distinct, hasher, signatures)
    title_words = np.full((n, TITLE_SAMPLE), EMPTY, dtype=np.uint32)
    title_count = np.zeros(n, dtype=np.int32)
    if titles is not None:
        title_hashes, per_title = _token_hashes(titles, datelines=False)
        _, title_count = _smallest((title_hashes >> np.uint64(32)).astype(np.uint32), per_title, title_words)
    return SignatureBatch(signatures, per_text.astype(np.int32), distinct, text_hash, sample, words, word_count,
                          title_words, title_count)


def _smallest(values: U32, counts: I64, out: U32) -> tuple[U64, npt.NDArray[np.int32]]:
    """Each text's distinct values, smallest first, into the rows of `out` (as many as fit); returns the
    sorted distinct (text << 32 | value) keys and how many distinct values each text has."""
    n = len(counts)
    # Sorting by (text, value) drops repeated values, which change no minimum, and yields set sizes.
    text_of_value = np.repeat(np.arange(n, dtype=np.uint64), counts)
    keys = np.sort((text_of_value << np.uint64(32)) | values.astype(np.uint64))
    keep = np.ones(len(keys), dtype=np.bool_)
    keep[1:] = keys[1:] != keys[:-1]
    keys = keys[keep]
    owner = (keys >> np.uint64(32)).astype(np.int64)
    distinct = np.bincount(owner, minlength=n).astype(np.int32)
    # Keys are sorted by text, then value: a text's first columns are its smallest values.
    column = np.arange(len(keys)) - np.concatenate([[0], np.cumsum(distinct[:-1], dtype=np.int64)])[owner]
    take = column < out.shape[1]
    out[owner[take], column[take]] = keys[take].astype(np.uint32)
    return keys, distinct


def _shingles_from_tokens(hashes: U64, per_text: I64, ngram: int) -> tuple[U32, I64]:
    total = len(hashes)
    counts = np.where(per_text >= ngram, per_text - ngram + 1, np.minimum(per_text, 1))
    windows = max(total - ngram + 1, 0)
    mixed = np.zeros(windows, dtype=np.uint64)
    multiplier = 1
    for offset in range(ngram):
        if windows:
            mixed += hashes[offset:offset + windows] * np.uint64(multiplier)
        multiplier = (multiplier * SHINGLE_MULTIPLIER) & MASK64
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
                value = (value + token * power) & MASK64
                power = (power * SHINGLE_MULTIPLIER) & MASK64
            full[shingle_offsets[text]] = value
        values = full
    return (fmix64(values) >> np.uint64(32)).astype(np.uint32), counts


def _min_reduce(mixed: U32, sizes: npt.NDArray[np.int32], hasher: MinHasher, out: U32) -> None:
    """out[t] = min over the values of text t of a * value + b (mod 2**32), for each permutation.

    The block is laid out (permutations, values) so that each text's minimum is a reduction along
    contiguous memory; the (values, permutations) layout was measured 10x slower.
    """
    offsets = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
    texts = np.flatnonzero(sizes > 0)
    if not len(texts):
        return
    a, b = hasher.a[:, None], hasher.b[:, None]
    # One buffer for every chunk's block (a text longer than a chunk is a chunk of its own): a fresh block
    # per chunk made the whole reduction a third slower.
    buffer = np.empty((hasher.num_perm, max(SHINGLE_CHUNK, int(sizes.max()))), dtype=np.uint32)
    begin = 0
    while begin < len(texts):
        end = begin
        rows = 0
        while end < len(texts) and (rows == 0 or rows + sizes[texts[end]] <= SHINGLE_CHUNK):
            rows += int(sizes[texts[end]])
            end += 1
        chunk = texts[begin:end]
        first, last = int(offsets[chunk[0]]), int(offsets[chunk[-1] + 1])
        block = buffer[:, :last - first]
        np.multiply(a, mixed[None, first:last], out=block)
        block += b
        out[chunk] = np.minimum.reduceat(block, offsets[chunk] - first, axis=1).T
        begin = end


def to_lean_minhash(signature: U32, hasher: MinHasher) -> LeanMinHash:
    """A datasketch LeanMinHash of one signature row, for use in datasketch's indexes."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=hasher.seed, hashvalues=signature, scheme=SCHEME)

