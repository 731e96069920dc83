"""Shingles of news text: dateline-free, lower-cased word n-grams and the hashes of tokens and shingles.

Normalization, shared by the fast numpy path (`signatures`) and these reference functions:
  * a leading dateline ("WASHINGTON (Reuters) - ", "PARIS, May 2 (AFP) — ") is removed;
  * the text is lower-cased; a token is a run of ASCII letters and digits and of non-ASCII characters other
    than punctuation and symbols (U+0080-U+00BF, U+00D7, U+00F7, U+2000-U+2BFF, U+3000-U+303F, U+FEFF);
  * figures stay as written: two tables or notices that share a template but not their numbers are
    different stories, so a figure is as much a part of a shingle as a word;
  * the wire's abbreviations are written out (`qtr` is `quarter`, `2nd` is `second`, `div` is `dividend`):
    a rewrite spells out what its first version abbreviated, and a story what its title abbreviates;
  * shingles are `ngram` consecutive tokens; a text with fewer tokens has one shingle of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

MASK64 = (1 << 64) - 1
TOKEN_PRIME = 0x100000001B3
SHINGLE_MULTIPLIER = 0x9E3779B97F4A7C15

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


WRITTEN_OUT = {"qtr": "quarter", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
               "qtly": "quarterly", "qtrly": "quarterly", "div": "dividend", "yr": "year", "mths": "months",
               "oper": "operating"}
"""The wire's abbreviations of a results table or a dividend notice, and the words a story writes instead."""


def normalized_tokens(text: str) -> list[str]:
    """The tokens shingles are made of (the reference for what the fast path computes)."""
    return title_tokens(strip_dateline(text))


def title_tokens(title: str) -> list[str]:
    """The tokens of a title as its words are hashed: like `normalized_tokens`, but nothing is taken for a
    dateline (a title opens on its subject)."""
    return [WRITTEN_OUT.get(token, token) for token in _TOKEN.findall(title.lower())]


def shingles(tokens: Sequence[str], ngram: int) -> list[str]:
    """Word n-grams joined by spaces; a text shorter than `ngram` tokens is one shingle."""
    if not tokens:
        return []
    if len(tokens) < ngram:
        return [" ".join(tokens)]
    return [" ".join(tokens[i:i + ngram]) for i in range(len(tokens) - ngram + 1)]


def fmix64_int(value: int) -> int:
    """The MurmurHash3 64-bit finalizer of one value."""
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & MASK64
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & MASK64
    return value ^ (value >> 33)


def token_hash(token: bytes) -> int:
    """64-bit hash of one token: a polynomial over its UTF-8 bytes, then the MurmurHash3 finalizer."""
    value, power = 0, 1
    for byte in token:
        value = (value + byte * power) & MASK64
        power = (power * TOKEN_PRIME) & MASK64
    return fmix64_int(value)


def shingle_hash(shingle: bytes) -> int:
    """32-bit hash of one shingle (tokens joined by spaces): datasketch's `hashfunc` for these signatures."""
    value, power = 0, 1
    for token in shingle.split(b" "):
        value = (value + token_hash(token) * power) & MASK64
        power = (power * SHINGLE_MULTIPLIER) & MASK64
    return fmix64_int(value) >> 32


def fmix64(values: U64) -> U64:
    """The MurmurHash3 64-bit finalizer, element-wise."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))

