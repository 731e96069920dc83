"""What dedup reads from a record besides its shingles: wire credit, date, outlet, title words, figures,
line keys for an outlet's boilerplate, and marks of a damaged copy."""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from corpus_tools.dedup.shingles import WRITTEN_OUT, fold_arabic, strip_dateline, title_tokens, token_hash

WIRE_NAMES = ("", "AP", "Reuters", "AFP")
_WIRE_CREDIT = re.compile(
    r"\((AP|Reuters|AFP)\)|\b(AP|Reuters|AFP)\s*[-\u2013\u2014]\s"
    r"|\b(Associated Press|Agence France-Presse)\b")
WIRE_CODES = {"AP": 1, "Associated Press": 1, "Reuters": 2, "AFP": 3, "Agence France-Presse": 3}
_WIRE_HINTS = ("AP", "Reuters", "AFP", "Associated Press", "Agence France")
_TRUNCATION_MARKS = ("read more", "continue reading", "read the full")
# What UTF-8 read as Windows-1252 leaves behind: "â€" (quotes, dashes), "Ã" (accented letters), U+FFFD.
_MOJIBAKE_MARKS = ("\u00e2\u20ac", "\u00c3", "\ufffd")
FIGURE_SAMPLE = 8
"""Figure (and title word) hashes kept per record: all of a notice's or a short report's, a sample of a
table's."""


def detect_wire(text: str) -> str | None:
    """The news agency credited at the start or end of a text: AP, Reuters or AFP."""
    for part in (text[:400], text[-400:]):
        if not any(hint in part for hint in _WIRE_HINTS):
            continue
        match = _WIRE_CREDIT.search(part)
        if match:
            return WIRE_NAMES[WIRE_CODES[next(g for g in match.groups() if g)]]
    return None


def stable_hash(text: str) -> int:
    """A 64-bit hash of a text that is the same in every process and run (Python's own is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


_TITLE_TOKEN = re.compile(r"\w+")


def title_key(title: str) -> str:
    """A title reduced to its words and figures, abbreviations written out (see `shingles.WRITTEN_OUT`): what
    short records are matched by."""
    words = _TITLE_TOKEN.findall(title.lower())
    if WRITTEN_OUT.keys().isdisjoint(words):
        return " ".join(words)
    return " ".join([WRITTEN_OUT.get(word, word) for word in words])


_FIGURES = bytes.maketrans(b"123456789", b"000000000")
ASCII_SPACE = " \t\r\x0b\x0c"
"""What bytes.strip() removes (besides newlines): `story` must skip exactly the lines `line_hashes` skips."""


def line_hashes(text: str) -> list[int]:
    """Hashes of the non-blank lines of a text, ignoring figures (dates, counters), for counting boilerplate.

    Python's own hash is used: only equality matters, and it costs a tenth of a digest. Bytes, because
    translating figures there is three times faster than a regular expression over the string, and split
    plus hash beat a numpy pass over every byte (measured 4x). Case is kept: an outlet's template repeats
    with its own capitals, and lower-casing would double the cost.
    """
    lines = text.encode("utf-8", "surrogatepass").translate(_FIGURES).split(b"\n")
    return [hash(line) for raw in lines if (line := raw.strip())]


_FIGURE = re.compile(r"[0-9]+(?:[.,:/-][0-9]+)*")
_JOINERS = np.zeros(256, dtype=np.bool_)
_JOINERS[list(b".,:/-")] = True


def figures_of(text: str) -> set[str]:
    """The figures of a text: runs of digits, joined by single marks ("6-3/16", "4,583,000", "11:00")."""
    return set(_FIGURE.findall(text))


def batch_figures(texts: Sequence[str]) -> list[set[str]]:
    """`figures_of` each text of a batch, found in one numpy pass over its bytes: a regular expression
    visits every character of a story to find its few figures, and took half of a story's samples' time.

    A figure is a run of digits in which single marks may stand between two digits: what `_FIGURE` matches,
    as its digits start every match and its marks must be followed by one. Digits are few in a story, so
    the runs are found among their positions: the next digit joins a figure if it follows at once, or
    after one mark.
    """
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    blob = b"\n".join(encoded)
    found: list[set[str]] = [set() for _ in texts]
    data = np.frombuffer(blob, dtype=np.uint8)
    digits = np.flatnonzero((data - np.uint8(ord("0"))) < 10)
    if not len(digits):
        return found
    gaps = np.diff(digits)
    linked = (gaps == 1) | ((gaps == 2) & _JOINERS[data[digits[:-1] + 1]])
    starts = digits[np.concatenate([[True], ~linked])]
    ends = digits[np.concatenate([~linked, [True]])] + 1
    text_starts = np.cumsum([0] + [len(text) + 1 for text in encoded[:-1]])
    owners = np.searchsorted(text_starts, starts, side="right") - 1
    for owner, start, end in zip(owners.tolist(), starts.tolist(), ends.tolist(), strict=True):
        found[owner].add(blob[start:end].decode("ascii"))
    return found


_NUMBER_BEFORE = re.compile(r"([0-9]+(?:[.,][0-9]+)*)\s*$")
_SCALE = {"mln": 1e6, "million": 1e6, "bln": 1e9, "billion": 1e9}
LARGE_AMOUNT = 1e6
"""Amounts from which rounding is compared: a re-issued table rounds millions, not prices."""
THOUSANDS_AMOUNT = 1e5
"""Amounts written in full from which a re-issued table may round to thousands ("103,005" and "103,000"):
below LARGE_AMOUNT, compared to three significant digits, that is to the thousand."""


def figure_samples(text: str, found: set[str] | None = None) -> tuple[tuple[list[int], int], tuple[list[int], int]]:
    """The FIGURE_SAMPLE smallest 32-bit hashes of the figures in a text, and how many different ones it holds:
    as written ("6-3/16", "1.5", "4,583,000", "11:00"); and as amounts, where a million or more is compared
    to two significant digits ("9.7 mln", "9,729,000" and "9,700,000" are one amount, as a table re-issued
    with other rounding gives them), six-figure amounts to the thousand ("103,005" and "103,000"), and
    prices, rates and counts stay as written (a market's next report differs from the last in those).
    `found` is `figures_of(text)` where a batch has found them already."""
    figures = found if found is not None else figures_of(text)
    written = sorted(zlib.crc32(figure.encode()) for figure in figures)
    scaled: dict[str, float] = {}
    # From each unit back to its number: units are few and str.find is fast; a regex over the text is not.
    for unit, start in _unit_places(text):
        number = _NUMBER_BEFORE.search(text, max(0, start - 24), start)
        if number:
            scaled[number.group(1)] = float(number.group(1).replace(",", "")) * _SCALE[unit]
    large = {figure for figure in figures
             if figure in scaled or (len(figure) >= 7 and figure.replace(",", "").isdigit())}
    if not large:
        return (written[:FIGURE_SAMPLE], len(written)), (written[:FIGURE_SAMPLE], len(written))
    amounts = figures - large
    for figure in large:
        plain = figure.replace(",", "")
        value = scaled.get(figure, float(plain) if plain.isdigit() else 0.0)
        amounts.add(f"{value:.2g}" if value >= LARGE_AMOUNT
                    else f"{value:.3g}" if value >= THOUSANDS_AMOUNT else figure)
    rounded = sorted({zlib.crc32(amount.encode()) for amount in amounts})
    return (written[:FIGURE_SAMPLE], len(written)), (rounded[:FIGURE_SAMPLE], len(rounded))


_UNIT_ORDER = {unit: rank for rank, unit in enumerate(_SCALE)}


def _unit_places(text: str) -> list[tuple[str, int]]:
    """Where the units of _SCALE stand in a text, unit after unit in _SCALE's order and each by position, the
    order in which a number's later reading overrides its earlier one. "mln" and "bln" end alike, as do
    "million" and "billion": two searches of the text find all four."""
    places = []
    for ending in ("ln", "illion"):
        start = text.find(ending, 1)
        while start >= 0:
            unit = text[start - 1] + ending
            if unit in _UNIT_ORDER:
                places.append((_UNIT_ORDER[unit], start - 1, unit))
            start = text.find(ending, start + len(ending))
    places.sort()
    return [(unit, start) for _rank, start, unit in places]


def word_sample(title: str) -> tuple[list[int], int]:
    """The FIGURE_SAMPLE smallest 32-bit hashes of a title's words (see `title_key`), and how many it has."""
    found = {zlib.crc32(word.encode("utf-8")) for word in title_key(title).split()}
    return sorted(found)[:FIGURE_SAMPLE], len(found)


def with_title(story: str, title: Any) -> str:
    """The story as dedup signs it: `titled`, with Arabic folded (see `shingles.fold_arabic`)."""
    return fold_arabic(titled(story, title))


def titled(story: str, title: Any) -> str:
    """The story with its title after it: who and what a short notice or a table is about is often only in
    its title, and a title at the end leaves a leading dateline where it can be found."""
    return f"{story}\n{title}" if isinstance(title, str) and title.strip() else story


def defects(text: str) -> int:
    """Marks of a damaged copy: cut short behind "Read more", or mojibake."""
    tail = text[-300:].lower()
    truncated = any(mark in tail for mark in _TRUNCATION_MARKS)
    return int(truncated) + int(not text.isascii() and any(mark in text for mark in _MOJIBAKE_MARKS))


_CLOCK = re.compile(r"\b([01]?[0-9]|2[0-3])[:.]?([0-5][0-9])\s*(?:hrs\b|hours\b|[ECMP][SD]T\b|GMT\b|BST\b)"
                    r"|\b([01]?[0-9]|2[0-3]):([0-5][0-9])\b", re.IGNORECASE)
_TWO_FIGURES = re.compile(r"[0-9]{2}")
_MOVE = r"(?:HIGHER|LOWER|MIXED|STEADY|FIRM|FIRMER|EASIER|WEAKER|STRONGER|UNCHANGED|QUIET|QUIETLY|UP|DOWN|OFF)\b"
_SESSION = re.compile(
    rf"\b(OPEN(?:S|ED|ING)?(?=\s+{_MOVE}))|\b(EARLY)$|\b(MID-?MORNING)\b|\b(MIDDAY|MID-?SESSION)\b|\b(LATE)$"
    rf"|\b(CLOS(?:E|ES|ED|ING)(?=\s+{_MOVE})|AT\s+(?:THE\s+)?CLOSE\b)", re.IGNORECASE)
"""The session a market report's title names, one group each: "... OPENS LOWER", "... MIXED EARLY", "... AT
MIDSESSION", "... CLOSES HIGHER" or "... AT THE CLOSE". Words that are sessions only in such places ("early",
"close") count only there: "EARLY RETIREMENT", "TO CLOSE PLANT" name none."""
_SESSION_STEMS = ("open", "early", "mid", "late", "clos")
SESSION_BASE = 24 * 60
"""Sessions of a trading day key above every minute of it, so that a time and a session never collide."""


def clock_key(title: Any, text: str) -> int:
    """A 32-bit key of the times of day in a title and a text's first line ("11:20 EDT", "1000 hrs cdt") and
    of the trading session a title names ("... MIXED EARLY", "... AT MIDSESSION", "... CLOSE HIGHER"), 0
    when there are none: intraday issues of a report differ in little but their time and figures."""
    opening = text.lstrip()
    line_end = opening.find("\n")
    title = title if isinstance(title, str) else ""
    searched = f"{title}\n{opening if line_end < 0 else opening[:line_end]}"
    found: set[int] = set()
    # The session expression costs 4 us a title; a session word holds one of these, which cost a tenth of it.
    lowered = title.lower()
    if any(stem in lowered for stem in _SESSION_STEMS):
        found.update(SESSION_BASE + match.lastindex for match in _SESSION.finditer(title.strip()) if match.lastindex)
    # Every time of day has two figures in a row; the expression costs 45 ns a character wherever it looks.
    if _TWO_FIGURES.search(searched):
        for match in _CLOCK.finditer(searched):
            hour, minute = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            found.add(int(hour) * 60 + int(minute))
    return zlib.crc32(" ".join(map(str, sorted(found))).encode()) | 1 if found else 0


_TICKER = re.compile(r"<([A-Z][A-Z0-9]{0,5})(?:\.[A-Z]{1,2})?>")


def ticker_keys(title: Any) -> tuple[int, int]:
    """A 32-bit key of the first exchange ticker a title gives ("ACME CORP <ACM> 4TH QTR NET") and the code of
    its first letter, (0, 0) when it gives none: the wire names the company a story is about that way,
    whatever words the title rephrases. A refile may write the same company's ticker another way (an
    exchange suffix, a corrected symbol) but keeps its first letter, the company's initial."""
    match = _TICKER.search(title) if isinstance(title, str) else None
    return (zlib.crc32(match.group(1).encode()) | 1, ord(match.group(1)[0])) if match else (0, 0)


LEAD_CHARS = 300
"""Characters of a text where the wire names the company a story is about ("Acme Corp <ACM> said ...")."""
NAME_WORDS = 2
"""Title words that name a company: "KELSO MILLS 4TH QTR NET" and "KELSO MILLS INC <KLM> 4TH QTR NET"."""


def company_keys(title: Any, text: str) -> tuple[int, int, int]:
    """Keys of the company a story is about, 0 where unknown: the ticker of its title or else the first one
    of its lead, keyed as `ticker_keys` keys them (a title that drops the ticker the story's first line
    gives); the first NAME_WORDS words of its title before any ticker, the company's name as the wire
    writes it (a refile whose title lost the ticker keeps the name; or the words of a name in brackets that
    opens the title); and the letters of that ticker in
    alphabetical order, which a ticker typed with two letters swapped keeps (`<TLXN>` and `<TXLN>`)."""
    title = title if isinstance(title, str) else ""
    ticker = _TICKER.search(title) or _TICKER.search(text, 0, LEAD_CHARS)
    company = zlib.crc32(ticker.group(1).encode()) | 1 if ticker else 0
    letters = zlib.crc32("".join(sorted(ticker.group(1))).encode()) | 1 if ticker else 0
    head = title.split("<", 1)[0]
    if not head.strip():
        bracketed = _BRACKETED_NAME.match(title)
        head = bracketed.group(1) if bracketed else ""
    words = title_key(head).split()[:NAME_WORDS]
    return company, zlib.crc32(" ".join(words).encode()) | 1 if words else 0, letters


_BRACKETED_NAME = re.compile(r"\s*<([^<>]+)>")
"""A title that opens on a name in brackets, as the wire writes a company without a ticker ("<KELSO MILLS INC> 4TH
QTR NET"): the name is the bracket's words."""


_CORRECTION = re.compile(r"\s*\(?(?:CORRECTED|CORRECTION)\b", re.IGNORECASE)


def is_correction(title: Any) -> bool:
    """Whether a title marks its story as a correction ("CORRECTED - ACME ...", "(CORRECTED) - ACME ..."): a
    corrected table or notice differs from its first version in a figure, and is the same story."""
    return isinstance(title, str) and _CORRECTION.match(title) is not None


HEAD_WORDS = 6
"""Title words kept in order, for the name a title opens with ("ST PAUL HOGS ...", "TOKYO OPTICAL ISSUES ...")."""
_TITLE_MARK = re.compile(r"\s*(?:\(?(?:CORRECTED|CORRECTION|REPEAT|RPT|REFILED|REFILE|UPDATED|UPDATE)\b\)?\s*[-:]?"
                         r"|\w+(?: \w+)?:(?= ))", re.IGNORECASE)
"""What may open a title before its subject: a wire's mark ("CORRECTED -", "RPT") or an outlet's label
("Explainer:")."""
_TICKER_GROUP = re.compile(r"<[^<>]*>")


def title_head(title: Any) -> list[int]:
    """The 32-bit hashes of a title's first HEAD_WORDS words, in order and hashed as the words of a story are
    (see `signatures.signature_batch`), 0 where it has fewer: a template's notices open on the name of their
    subject ("KESTLEY HOLDINGS ISSUES ...", "ST PAUL HOGS SEEN STEADY"). A wire's mark ("CORRECTED -", "RPT"),
    an outlet's label ("Explainer:", "Live updates:") and tickers in brackets are not words of the name."""
    if not isinstance(title, str):
        return [0] * HEAD_WORDS
    mark = _TITLE_MARK.match(title)
    words = title_tokens(_TICKER_GROUP.sub(" ", title[mark.end():] if mark else title))[:HEAD_WORDS]
    return [_head_word_hash(word) for word in words] + [0] * (HEAD_WORDS - len(words))


@functools.lru_cache(maxsize=1 << 16)
def _head_word_hash(word: str) -> int:
    """A title word's 32-bit hash, cached: `token_hash` walks a word's bytes in Python, and titles repeat
    their words."""
    return token_hash(word.encode("utf-8")) >> 32


LEAD_WORDS = 40
"""Words of a story's first sentence kept as its lead."""
LEAD_SAMPLE = 32
"""Lead word hashes kept per record: all of a lead's distinct words, but for a long one."""
LEAD_HEAD = 600
"""Characters of a story searched for its first sentence: a dateline and LEAD_WORDS words fit."""
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2}[.!?])\s+(?=[A-Z\"(<])")


_ENDINGS = ("ing", "ed", "e")
STEM_LETTERS = 4
"""Letters a word keeps once `stem` has cut its ending."""


def stem(word: str) -> str:
    """A word without a plural's `s` and one of `_ENDINGS`, where STEM_LETTERS letters stay: a rewrite's lead
    says "has purchased" or "is offering" where the first said "purchases" or "will offer"."""
    if len(word) > STEM_LETTERS and word.endswith("s"):
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_LETTERS:
            return word[:-len(ending)]
    return word


@functools.lru_cache(maxsize=1 << 16)
def _lead_word_hash(word: str) -> int:
    """The 32-bit hash of a lead word's stem, cached: a corpus's leads repeat a few thousand words."""
    return zlib.crc32(stem(word).encode("utf-8"))


def lead_sample(story: str) -> tuple[list[int], int]:
    """The LEAD_SAMPLE smallest 32-bit hashes of the words of a story's first sentence (at most LEAD_WORDS
    words, after any dateline), and how many it has. A rewrite restates its first version's lead (who did
    what to whom) in other later sentences; the next step of an affair opens on a new lead and repeats the
    old one further down, as background. A stop after an initial ("U.S.") ends no sentence."""
    head = strip_dateline(story[:LEAD_HEAD])
    end = _SENTENCE_END.search(head)
    words = _TITLE_TOKEN.findall((head[:end.start()] if end else head).lower())[:LEAD_WORDS]
    found = sorted(set(map(_lead_word_hash, words)))
    return found[:LEAD_SAMPLE], len(found)
