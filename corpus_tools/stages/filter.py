"""filter: drop junk records by named content filters; the filter's name is the drop reason.

Defaults drop only what no news corpus wants (an empty stub, a dump of symbols, a list of links,
the same line over and over, a record that is only its title or a "Read more" teaser). Stricter
settings are judgement calls about a particular corpus and are left to the user; docs/langid.md
gives the reasoning behind each default.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from corpus_tools.errors import OptionError
from corpus_tools.pipeline import Drop, apply_record_stage
from corpus_tools.record import Record
from corpus_tools.stats import StageStats

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

FILTERS = ("too_few_words", "too_many_words", "non_letter_share", "link_lines", "repeated_lines", "table_lines",
           "title_only", "headline_only", "teaser_only")


@dataclass(frozen=True)
class FilterConfig:
    """A word limit of 0, a share of 1.0 or False switches that filter off."""

    min_words: int = 5
    max_words: int = 100_000
    max_non_letter_share: float = 0.5
    max_link_line_share: float = 0.5
    max_repeated_share: float = 0.5
    max_table_line_share: float = 1.0
    title_only: bool = True
    headline_only: bool = False
    headline_max_words: int = 12
    teaser_only: bool = True
    teaser_max_words: int = 100
    teaser_ellipsis: bool = False

    def __post_init__(self) -> None:
        for name in ("max_non_letter_share", "max_link_line_share", "max_repeated_share", "max_table_line_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise OptionError(f"--{name.replace('_', '-')} must be between 0 and 1, not {getattr(self, name)}")
        if min(self.min_words, self.max_words, self.headline_max_words, self.teaser_max_words) < 0:
            raise OptionError("word limits must be 0 or more")
        if self.max_words and self.min_words > self.max_words:  # 0 switches the upper limit off
            raise OptionError(f"--min-words {self.min_words} is above --max-words {self.max_words}: every record "
                              f"would be dropped")


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_LINK_TOKEN = re.compile(
    r"(?:https?://|www\.)\S+|[#@][^\W_]\w*|\S+\.(?:com|org|net|html?|php)\S*", re.IGNORECASE
)
# Every _LINK_TOKEN contains one of these; lines without any skip the regular expression.
_LINK_MARKS = ("://", "www.", "#", "@", ".com", ".org", ".net", ".htm", ".php")
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"'”’»)\]]\s*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*$")
_TAIL = 300  # a "Read more" marker with its link fits in the last 300 characters
# "Read more" in the languages of the langid eval set, ending the text (a trailing arrow or link allowed).
_READ_MORE_PHRASES = (
    "read more", "read the full story", "read the full article", "continue reading", "full story",
    "weiterlesen", "mehr lesen", "lire la suite", "en savoir plus", "leer más", "seguir leyendo",
    "leia mais", "continuar lendo", "continua a leggere", "leggi tutto", "lees meer", "verder lezen",
    "læs mere", "les mer", "läs mer", "czytaj więcej", "czytaj dalej", "čtěte více", "čítajte viac",
    "читать далее", "подробнее", "читати далі", "детальніше", "阅读全文", "查看全文", "全文",
)
_READ_MORE = re.compile(
    "(?:" + "|".join(map(re.escape, _READ_MORE_PHRASES)) + r")[\s.:…»>→\-]*(?:(?:https?://|www\.)\S+)?\s*$",
    re.IGNORECASE,
)


class Filter:
    """The filter stage: the first filter that fires names the drop."""

    name = "filter"

    def __init__(self, config: FilterConfig | None = None) -> None:
        self.config = config or FilterConfig()

    def process(self, record: Record, counts: Counter[str]) -> Record | Drop:
        reason = first_failing_filter(record, self.config)
        return record if reason is None else Drop(reason)


def first_failing_filter(record: Record, cfg: FilterConfig) -> str | None:
    """The name of the first filter the record fails, in the order of FILTERS, or None."""
    text: str = record["text"]
    counts = char_counts(text)
    words = counts.words
    if cfg.min_words and words < cfg.min_words:
        return "too_few_words"
    if cfg.max_words and words > cfg.max_words:
        return "too_many_words"
    if cfg.max_non_letter_share < 1.0 and counts.non_letter_share > cfg.max_non_letter_share:
        return "non_letter_share"
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if cfg.max_link_line_share < 1.0 and link_line_share(lines) > cfg.max_link_line_share:
        return "link_lines"
    if cfg.max_repeated_share < 1.0 and repeated_share(lines) > cfg.max_repeated_share:
        return "repeated_lines"
    if cfg.max_table_line_share < 1.0 and table_line_share(lines) > cfg.max_table_line_share:
        return "table_lines"
    title = record.get("title")
    if cfg.title_only and isinstance(title, str) and same_text(text, title):
        return "title_only"
    if cfg.headline_only and is_headline(text, lines, cfg.headline_max_words):
        return "headline_only"
    if cfg.teaser_only and words <= cfg.teaser_max_words and is_teaser(text, cfg.teaser_ellipsis):
        return "teaser_only"
    return None


class CharCounts(NamedTuple):
    """What the word and character filters need, from one pass over the text."""

    non_space: int
    letters: int
    words: int

    @property
    def non_letter_share(self) -> float:
        return 1.0 - self.letters / self.non_space if self.non_space else 0.0


def char_counts(text: str) -> CharCounts:
    """Non-space characters, letters, and words: runs of letters and digits, plus one word per two
    Chinese or Japanese characters (a word there is one to three characters)."""
    import numpy as np

    classes = _char_classes()
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = classes[np.minimum(points, 0xFFFF)]
    beyond = np.flatnonzero(points > 0xFFFF)
    if beyond.size:
        kinds = kinds.copy()
        kinds[beyond] = [_char_class(chr(int(points[i]))) for i in beyond]
    tally = np.bincount(kinds, minlength=5)
    in_word = (kinds == _LETTER) | (kinds == _DIGIT)
    starts = int(np.count_nonzero(in_word[1:] & ~in_word[:-1])) + int(in_word[:1].sum())
    return CharCounts(
        non_space=len(text) - int(tally[_SPACE]),
        letters=int(tally[_LETTER] + tally[_CJK_LETTER]),
        words=starts + (int(tally[_CJK_LETTER]) + 1) // 2,
    )


_SPACE, _LETTER, _DIGIT, _OTHER, _CJK_LETTER = range(5)


def _char_class(ch: str) -> int:
    if ch.isspace():
        return _SPACE
    if ch.isalpha():
        return _CJK_LETTER if _CJK_CHAR.match(ch) else _LETTER
    return _DIGIT if ch.isalnum() else _OTHER


@functools.cache
def _char_classes() -> npt.NDArray[np.intp]:
    import numpy as np

    return np.array([_char_class(chr(cp)) for cp in range(0x10000)], dtype=np.intp)


def count_words(text: str) -> int:
    return char_counts(text).words


def non_letter_share(text: str) -> float:
    """Digits, punctuation and symbols as a share of the non-space characters."""
    return char_counts(text).non_letter_share


def is_link_line(line: str) -> bool:
    """Mostly links, #hashtags or @handles: they hold at least half of the line's non-space characters."""
    if not any(mark in line for mark in _LINK_MARKS):
        return False
    chars = len("".join(line.split()))
    linked = sum(len(m.group()) for m in _LINK_TOKEN.finditer(line))
    return chars > 0 and linked * 2 >= chars


def link_line_share(lines: list[str]) -> float:
    """The share of the text, in characters, in link lines: a long article keeps its few link lines."""
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if is_link_line(line)) / total if total else 0.0


TABLE_LINE_WORDS = 8
"""A line of a table holds a figure and at most this many words, and ends no sentence ("Net 12.6 mln vs 15.8
mln", "Shr loss 22 cts vs loss 18 cts")."""
_DIGIT_IN = re.compile(r"\d")


def is_table_line(line: str) -> bool:
    return (len(line.split()) <= TABLE_LINE_WORDS and _DIGIT_IN.search(line) is not None
            and not _SENTENCE_END.search(line))


def table_line_share(lines: list[str]) -> float:
    """The share of the text, in characters, in table lines (`is_table_line`): a results table or a price list
    in words and figures, which no language's prose is and which langid labels at random."""
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if is_table_line(line)) / total if total else 0.0


def repeated_share(lines: list[str]) -> float:
    """The share of the text, in characters, in lines that repeat an earlier line of the same record.

    Counted in characters, so a repeated "Share" button line does not outweigh the article around it.
    """
    total = sum(len(line) for line in lines)
    seen: set[str] = set()
    repeated = 0
    for line in lines:
        key = " ".join(line.casefold().split())
        if key in seen:
            repeated += len(line)
        seen.add(key)
    return repeated / total if total else 0.0


def same_text(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def is_headline(text: str, lines: list[str], max_words: int) -> bool:
    """One short line that does not end like a sentence: a headline or a caption, not an article."""
    return len(lines) == 1 and count_words(text) <= max_words and not _SENTENCE_END.search(text)


def is_teaser(text: str, ellipsis: bool) -> bool:
    """Ends in a "Read more" link (or, when asked, breaks off in an ellipsis)."""
    tail = text[-_TAIL:]
    # The regular expression is slow to try at every position; most texts contain none of the phrases.
    lowered = tail.lower()
    if any(phrase in lowered for phrase in _READ_MORE_PHRASES) and _READ_MORE.search(tail):
        return True
    return ellipsis and bool(_ELLIPSIS_END.search(tail))


def filter_records(records: Iterable[Record], cfg: FilterConfig | None = None,
                   stats: StageStats | None = None) -> Iterator[Record]:
    """Drop the records that fail a filter; each drop is counted under the filter's name."""
    return apply_record_stage(Filter(cfg), records, stats or StageStats("filter"))
