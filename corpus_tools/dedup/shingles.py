"""Shingles of news text: dateline-free, lower-cased word n-grams and the hashes of tokens and shingles.

Normalization, shared by the fast numpy path (`signatures`) and these reference functions:
  * a leading dateline ("WASHINGTON (Reuters) - ", "PARIS, May 2 (AFP) — ") is removed;
  * the text is lower-cased; a token is a run of ASCII letters and digits and of non-ASCII characters other
    than punctuation and symbols (U+0080-U+00BF, U+00D7, U+00F7, U+2000-U+2BFF, U+3000-U+303F, U+FEFF);
  * figures stay as written: two tables or notices that share a template but not their numbers are
    different stories, so a figure is as much a part of a shingle as a word;
  * the wire's abbreviations are written out (`qtr` is `quarter`, `2nd` is `second`, `div` is `dividend`):
    a rewrite spells out what its first version abbreviated, and a story what its title abbreviates;
  * Arabic is folded (`fold_arabic`): copies of one wire item differ in how each paper writes its vowels,
    hamzas and article, not in their words;
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


_ARABIC_MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")
_ARABIC_FORMS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                               "\u0629": "\u0647", "\u0649": "\u064a"})
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARABIC_ARTICLES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
                    "\u0644\u0644", "\u0627\u0644")
"""The article and the article with a joined preposition or conjunction: wal-, bil-, kal-, fal-, lil-, al-."""
CONJUNCTION_WORD_LETTERS = 4
"""Letters a word needs for a leading waw to be cut as the conjunction: three-letter words keep it."""
ARABIC_STEM_LETTERS = 2
"""Letters a word keeps once its article is cut."""


def fold_arabic(text: str) -> str:
    """Arabic text as copies of one item share it: without short vowels, tatweel and dagger alef; hamza forms
    of alef, teh marbuta and alef maqsura written as their bare letters; each word of four letters or more
    without a leading wa- ("and"), and then without its article and a preposition joined to it (al-, bil-,
    lil-, ...), as light stemmers of Arabic cut them. A word of its own that opens with waw loses it in every
    copy alike, with its article or without. Text without Arabic letters is returned as it is."""
    if text.isascii() or not _has_arabic_block(text.encode("utf-8")):
        return text
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FORMS)
    return _ARABIC_WORD.sub(_without_article, text)


def _has_arabic_block(encoded: bytes) -> bool:
    """Whether UTF-8 text holds a character of U+0600-U+067F (its lead byte 0xD8 or 0xD9): a byte search,
    three times faster than a regular expression over the text."""
    return b"\xd8" in encoded or b"\xd9" in encoded


def _without_article(word: re.Match[str]) -> str:
    """The word without its conjunction and article. A waw goes again after them, so that "the minister",
    "and the minister", "and minister" and "minister" (a word opening with waw) fold alike."""
    text = _without_conjunction(word.group())
    for article in _ARABIC_ARTICLES:
        if text.startswith(article) and len(text) - len(article) >= ARABIC_STEM_LETTERS:
            text = text[len(article):]
            break
    return _without_conjunction(text)


def _without_conjunction(word: str) -> str:
    return word[1:] if word.startswith("\u0648") and len(word) >= CONJUNCTION_WORD_LETTERS else word


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

