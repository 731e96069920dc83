"""Cuts a text into lines, paragraphs and sentences with their character offsets, and keys lines for learning."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from hashlib import blake2b
from typing import NamedTuple

from corpus_tools.dates import iso_date
from corpus_tools.markdown import strip_markdown


class Line(NamedTuple):
    """One non-blank line, trimmed; `paragraph` numbers the blank-line-separated block it belongs to."""

    start: int
    end: int
    paragraph: int


_LINE = re.compile(r"[^\n]+")
_RUN_END = re.compile(r"[.!?\u2026]++(?:[\"'\u201d\u2019\u00bb)\]]| \u201d)*\s+")
"""A run of stops, its closing quotes and the space after them: where a sentence may end. A closing double quote
may stand after a space, as texts run through a tokenizer and back print it ("... for everybody. \u201d Follow ...")."""
_SENTENCE_END = re.compile(r"(?<![.!?\u2026])" + _RUN_END.pattern)
"""`_RUN_END` from the first stop of a run only: tried from every stop of a long run that no space follows
("Contents........"), the search took time in the square of the run's length."""
_CLOSERS = "\"'\u201d\u2019\u00bb)]* "
_STOPS = frozenset(".!?\u2026")
_CLOSED_END = re.compile(r"[.!?\u2026:;](?:[\"'\u201d\u2019\u00bb)\]*]| \u201d)*$")
_GLUED_STOP = re.compile(r"[.!?:\]](?<=[A-Za-z][.!?:]|[\w ]\])(?=[A-Z][A-Za-z])")
_GLUED_CAPITALS = re.compile(r"[A-Z][A-Z][A-Z]+(?=[A-Z][a-z][a-z])")
"""Where a scrape glued a sentence to the one before, the next sentence starting at the match's end: after a stop
("the show.Please like", "get involved!THIS SHOW IS ...", "THE PIER:THE PIER IS ...", "BELOW ENJOY!Reference Links:",
"H/T [ Harbour Post ]Featured image via ...")
or after a heading in capitals ("WHO ARE THE HARBOUR TRUSTEESBut the trustees ..."). Two expressions, each opening
on a character class, search a long line several times faster than one with alternatives."""
SENTENCE_OPENERS = ("The", "A", "An", "In", "On", "At", "As", "It", "Its", "This", "That", "These", "Those", "When",
                    "While", "After", "Before", "Although", "Though", "Even", "Our", "We", "If", "For", "With",
                    "Despite", "Since", "There", "What", "How", "Why", "Last", "According", "Following", "None")
"""Words a sentence may open on that no company's name continues with ("Harbour BancGroup said" is one name)."""
GLUED_OPENERS = frozenset({*SENTENCE_OPENERS, "Many", "Most", "Some", "So", "But", "And", "Here", "Now", "Newly", "He",
                           "She", "They", "Meanwhile", "Watch", "Listen", "Notice", "Thanks", "Once"})
"""`SENTENCE_OPENERS` and more words the writer's next paragraph opens on, glued to the name that ends the one before
("... Harbour PostMany readers ...", "Read more here: Jane RoeOnce you read ..."), that continue no name."""
_GLUED_WORD = re.compile(r"[A-Z](?<=[a-z][A-Z])[a-z]+(?= [a-z])")
"""A capitalised word glued to the lower-case letter before it, a lower-case word after it."""
_GLUED_POST_DATE = re.compile(r"\(@\w+\) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, "
                              r"(?:19|20)\d\d(?:,? +)?(?=[A-Z][a-z])")
"""The date that ends an embedded post's signature, glued to the paragraph after it or run into it without a stop:
"... Harbour News (@HarbourNews) October 20, 2017The dinner is ...", "... (@HarbourNews) January 28, 2017,  Jane Roe
is ..."."""
_CAPITAL_MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                            r"Dezember)\b")
_FLATTEN = str.maketrans("\r\n", "  ")
_LINK_ONLY = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}")
"""A unit that is a link, a mailbox or a handle and nothing else (`fullmatch` it: a `^` would not match at a line's
start inside a text)."""
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
EDGE_LINES = 5
"""Lines this close to either end of a text are keyed by shape whatever they look like (see `learning_key`)."""
WRAP_SLACK = 1.25
UNWRAPPED_SHARE = 0.1
"""A text is hard-wrapped only where at most this share of its lines is longer than `WRAP_SLACK` times its width."""
_OPEN_END = re.compile(r"\S\s+\S*[^\W\d_]$|[,–—({\[-]$")
"""How a line that a stray break cut mid-sentence ends, in a text that is not hard-wrapped: on a word of letters after
at least one other word ("... of the latest" over "stories from ..."), or on a comma, a dash or an opening bracket
(a script's "(function() {" over its body). A line that ends on a figure or a sign is a block of its own (a date
range over "copyright <site> 2019"), and so is a single word (a label) or a bare link."""
_PROSE_END = frozenset(".!?\u2026\"'\u201d\u2019)")
STAGE_DIRECTION = re.compile(
    r"\((?:(?:BEGIN|END) (?:VIDEO|AUDIO)(?: ?CLIP| ?TAPE)?|(?:APPLAUSE|LAUGHTER|CROSSTALK|COMMERCIAL BREAK|INAUDIBLE"
    r"|UNINTELLIGIBLE|OFF[- ]MIC(?:K?E)?|CHEERS|CHEERING|BOOING|BOOS|MUSIC|SILENCE|PAUSE)"
    r"(?:(?:,| AND) (?:APPLAUSE|LAUGHTER|CHEERS|CHEERING|BOOING|BOOS|MUSIC))*)\.?\)", re.IGNORECASE)
SHAPE_CHARS = 200
"""Lines longer than this are keyed by their text, not their shape (see `shape_key`)."""
SHAPE_CACHE = 1 << 14
"""Short lines whose shape keys a process remembers: an outlet repeats its template lines in every story, and
learning and stripping each key them, so most shape keys are asked for again (65-78% of them on the bench
corpora); 16,384 lines of at most SHAPE_CHARS characters hold a few megabytes."""
_LINKS = re.compile(r"(?:https?://|www\.)\S+|@\w+")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*")
_NAMED = re.compile(r"(?<![\w'’])([a-z][\w'’]*[,:]?|[|/·»›—–-]) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*")
"""Capitalised words after a lower-case word or a separator: the names and headlines a template fills in."""
_LABEL_LEAD = re.compile(r"[^\W\d][^\d:|▸»›·—–.!?]{0,40}?[:|▸»›·—–] ")
LABEL_LEAD_WORDS = 4
"""The label of a label line ("Keep reading: ", "Home » ", "Topics | "): what follows it is filled in."""
_OPENERS = "\"'\u201c\u2018\u00ab(["
_STARTERS = _OPENERS + "@#"
"""What a sentence may start with besides a capital or a digit: a quote, a bracket, a handle, a hashtag."""
_DASH_OPENED = re.compile(r"[—–•] [A-Z]")
"""A dash or a bullet and a capital after a stop open a sentence too: a writer's bio under the story ("... of it.
– Jane Roe is director of ..."), an item of a list run into one line."""
# A full stop after these does not end a sentence ("Dr. Smith", "Jan. 5", "No. 10").
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "maj", "cmdr", "adm", "rev", "fr", "pres", "supt", "insp", "det", "no", "nos", "vs", "etc",
    "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "approx", "dept", "est", "fig", "vol", "pp", "ca", "cf", "al", "op", "ed",
    "hon", "amb", "atty", "gov't", "nr", "tel", "ext", "art", "abs", "ch", "sec"
})


def lines(text: str) -> list[Line]:
    """The lines of a text as rules see them: non-blank, trimmed, numbered by paragraph, and with the
    physical lines of a hard-wrapped sentence joined into one (see `_unwrap`)."""
    return _unwrap(text, physical_lines(text))


def physical_lines(text: str) -> list[Line]:
    """The non-blank lines of a text, trimmed of surrounding whitespace, each with its paragraph number."""
    result: list[Line] = []
    paragraph = -1
    previous_end = -1
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            previous_end = -2  # a whitespace-only line separates paragraphs like an empty one
            continue
        if previous_end == -1 or previous_end == -2 or text.count("\n", previous_end, start) > 1:
            paragraph += 1
        result.append(Line(start, end, paragraph))
        previous_end = end
    return result


def _unwrap(text: str, physical: list[Line]) -> list[Line]:
    """Join the physical lines that only a hard wrap separates.

    A line that stops without closing punctuation and is followed, in its paragraph, by a line that starts in
    lower case and is not a bare link continues a sentence ("... push share\nprices to ..."): rules anchored
    at a line's start must not see the second half as a line of its own; in a text that is not hard-wrapped, only
    where the line ends as a cut sentence does (`_OPEN_END`). A text with two or more such breaks is hard-wrapped,
    and the longest line before one of them shows the wrap width. In such a text a line also continues when the
    next line's first word would not have fitted on it, or when it is at least half the width long and stops in the
    middle of a clause (on a lower-case word or a comma): "... between February 1, 1985 and\nApril 2, 1987" is one
    sentence, not a sentence and a dateline. Short lines (labels, ends of paragraphs) stay lines of their own.
    """
    if len(physical) < 2:
        return physical
    same = [physical[i].paragraph == physical[i + 1].paragraph for i in range(len(physical) - 1)]
    continued = [same[i] and not _CLOSED_END.search(text, physical[i].start, physical[i].end)
                 and text[physical[i + 1].start].islower()
                 and not _LINK_ONLY.fullmatch(text, physical[i + 1].start, physical[i + 1].end)
                 and not _repeats_last_word(text, physical[i], physical[i + 1])
                 for i in range(len(physical) - 1)]
    breaks = [physical[i].end - physical[i].start for i, flag in enumerate(continued) if flag]
    if not breaks:
        return physical
    width = max(breaks) if len(breaks) >= 2 else None
    if width is not None and _longer(physical, width) > len(physical) * UNWRAPPED_SHARE:
        width = None  # lines run past the would-be width: one paragraph a line, with a few breaks by chance
    joined = [physical[0]]
    for i in range(len(physical) - 1):
        line, following = physical[i], physical[i + 1]
        length = line.end - line.start
        if width is None:
            wrapped = continued[i] and bool(_OPEN_END.search(text, line.start, line.end)) and not _LINK_ONLY.fullmatch(
                text, line.start, line.end)
        else:
            wrapped = continued[i] or (same[i] and (
                length + 1 + _first_word_length(text, following) > width
                or (2 * length >= width and (text[line.end - 1].islower() or text[line.end - 1] == ","))))
        if wrapped:
            joined[-1] = Line(joined[-1].start, following.end, joined[-1].paragraph)
        else:
            joined.append(following)
    return joined


def _repeats_last_word(text: str, line: Line, following: Line) -> bool:
    """Whether the next line opens on the word this one ends on: a heading over a paragraph that names its subject
    ("About my6harbour" over "my6harbour offers ..."), which a hard wrap never makes."""
    space = text.rfind(" ", line.start, line.end)
    word = text[space + 1 if space >= 0 else line.start:line.end]
    return any(text.startswith(word + after, following.start) for after in (" ", "’", "'"))


def _longer(lines: list[Line], width: int) -> int:
    """How many lines are longer than a hard wrap at `width` allows (`WRAP_SLACK` for the line the width was read
    from being shorter than the longest)."""
    return sum(1 for line in lines if line.end - line.start > width * WRAP_SLACK)


def _first_word_length(text: str, line: Line) -> int:
    space = text.find(" ", line.start, line.end)
    return (space if space != -1 else line.end) - line.start


def view(text: str, start: int, end: int) -> str:
    """text[start:end] as rules see it: `plain`, with the line breaks of joined lines turned into spaces.

    Outside markdown, a view has the length of the text it shows, so offsets in it are offsets in the text.
    """
    unit = plain(text[start:end])
    return unit.translate(_FLATTEN) if "\n" in unit or "\r" in unit else unit


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; errs towards fewer splits, since a rule removes whole sentences."""
    return _split(text, start, end, weak=False)


def merged_runs(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans as sorted, disjoint (start, end) runs, overlapping or touching spans joined."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def one_sentence(line: str) -> bool:
    """Whether the line is one plain sentence: a stop at its end (before closing quotes), none and no colon before."""
    body = line.rstrip("\"'”’)")
    return body[-1:] in (".", "!", "?") and not any(stop in body[:-1] for stop in ".!?:")


SEPARATOR = re.compile(r" [—–\-_=*~]{6,} ")
"""A rule drawn in dashes between a story and what the site adds below it ("... enough.” ————— <Writer> is the
editor of ..."): where the text has no line breaks, it opens the line of what follows it, as it would a paragraph."""


def closing_lines(text: str, count: int) -> tuple[int, str] | None:
    """The last `count` sentences of a text without line breaks, each on a line of its own (the space after a
    sentence made a line break, so offsets in them are offsets in the text from where they start), and where they
    start. None where the text has line breaks or one sentence."""
    if "\n" in text:
        return None
    cuts = sentences(text, 0, len(text))[-count:]
    start = cuts[0][0]
    chars = list(text[start:])
    for (_start, end), (following, _end) in itertools.pairwise(cuts):
        if following == end + 1 and text[end] == " ":
            chars[end - start] = "\n"
    for rule in SEPARATOR.finditer(text, start):
        chars[rule.start() - start] = "\n"
    lines = "".join(chars)
    return (start, lines) if "\n" in lines else None


_ADDRESS = re.compile(r"www\.|://|[@#]|\.(?:com|org|net|gov|edu|info|tv|co\.uk)\b", re.IGNORECASE)
"""A word that is a site's or a mailbox's address, a handle or a hashtag: "www.TheDailySheeple.com", "@HarbourNEWSDesk"
hold no glued sentence."""


def unglued_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`sentences`, and a sentence also where a scrape glued two together ("... the show.Please like ...", "... Jane
    RoeOnce you read ..."; of the openers glued to a word, only "The" and longer ones: "LinkedIn and ..." is a name),
    but not inside an address."""
    cuts = sentences(text, start, end)
    found = [glue.end() for pattern in (_GLUED_STOP, _GLUED_CAPITALS) for glue in pattern.finditer(text, start, end)]
    found.extend(word.start() for word in _GLUED_WORD.finditer(text, start, end)
                 if word.group() in GLUED_OPENERS and (len(word.group()) > 3 or word.group() == "The"))
    if "(@" in text:
        found.extend(date.end() for date in _GLUED_POST_DATE.finditer(text, start, end))
    glues = sorted(at for at in found if not _in_address(text, at))
    if not glues:
        return cuts
    pieces = []
    for first, last in cuts:
        for glue in glues:
            if first < glue < last:
                pieces.append((first, glue))
                first = glue
        pieces.append((first, last))
    return pieces


def _in_address(text: str, at: int) -> bool:
    word_start = text.rfind(" ", 0, at) + 1
    word_end = text.find(" ", at)
    return _ADDRESS.search(text, word_start, len(text) if word_end < 0 else word_end) is not None


def parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut also where a boundary is only possible: after an abbreviation ("... 1 p.m. Click here")
    or where a scrape glued two sentences together ("... the best:If you ..."). A rule that matches a sentence
    removes only the parts its match touches, so a guess that was wrong costs a fragment of boilerplate, never
    a sentence of news."""
    return _split(text, start, end, weak=True)


def _split(text: str, start: int, end: int, weak: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _sentence_ends(text, start, end):
        after = match.end()
        if after >= end:
            break
        following = text[after]
        if not (following.isupper() or following.isdigit() or following in _STARTERS
                or _DASH_OPENED.match(text, after, end)):
            continue
        if not weak and text[match.start()] == "." and match.group().rstrip().endswith(".") and (
                _abbreviation_before(text, begin, match.start()) or _ordinal_date(text, begin, match.start(), after)):
            continue
        spans.append((begin, match.start() + len(match.group().rstrip())))
        begin = after
        aside = _BRACKETED_ASIDE.match(text, after, end)
        if aside:
            spans.append((after, aside.end() - 1))
            begin = aside.end()
    spans.append((begin, end))
    return [piece for first, last in spans for piece in _possible_cuts(text, first, last)] if weak else spans


_BRACKETED_ASIDE = re.compile(r"\([^().!?\n]{1,40}\) (?=[A-Z])")
"""A short bracket without a stop between two sentences is a sentence of its own: an outlet credited after a story's
last sentence ("... currently. (Politico) Follow Jane Roe on Twitter"), a transcript's "(Applause)"."""


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Where sentences may end in text[start:end]: a run of stops may begin at `start` itself even where the
    text before it ends on a stop."""
    if start and text[start - 1] in _STOPS:
        first = _RUN_END.match(text, start, end)
        if first:
            yield first
            start = first.end()
    yield from _SENTENCE_END.finditer(text, start, end)


def _possible_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    for match in _WEAK_BOUNDARY.finditer(text, start, end):
        if match.start() == match.end() or len(text[match.end():end].split()) >= INTRODUCED_WORDS:
            pieces.append((start, match.start()))
            start = match.end()
    pieces.append((start, end))
    return pieces


_CALLS = r"(?:Please|Click|Watch|Read|Share|Subscribe|Follow|Donate|Join|Sign up|Listen|Tune in)\b"
_WEAK_BOUNDARY = re.compile(
    r"(?:(?<=[a-z][.!?:])|(?<=[a-z\d]\)))(?=[A-Z][A-Za-z])"  # a glued stop or bracket
    rf"|(?<=[a-z]{{2}})(?={_CALLS})"  # a call to action glued to a word
    r"|(?<=[a-z]:) +(?=[A-Z\"'\u201c])")  # a colon before what it introduces
"""Where `parts` cuts a sentence besides its possible ends: a glued stop ("the best:If you"), a glued bracket
("(Image Source: Daily Mail)Active Shooter or Live Drill?"), a call to action glued to a word ("Employment
AssistancePlease donate here"), and a colon before what it introduces if that is a sentence's worth
(INTRODUCED_WORDS): "Click here to see more readers speak out: The agenda is ..." loses its pointer and keeps the
words it points at."""
INTRODUCED_WORDS = 6


def _abbreviation_before(text: str, begin: int, dot: int) -> bool:
    space = max(text.rfind(" ", begin, dot), begin - 1)
    word = text[space + 1:dot].lstrip(_OPENERS).lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy"
    return word in _ABBREVIATIONS or ("." in word and len(word) <= 5)  # "U.S.", "a.m."


def _ordinal_date(text: str, begin: int, dot: int, after: int) -> bool:
    """A German ordinal date ("am 15. Mai"): the full stop is part of the day, not the end of a sentence."""
    space = max(text.rfind(" ", begin, dot), begin - 1)
    day = text[space + 1:dot]
    return day.isdigit() and len(day) <= 2 and _CAPITAL_MONTH.match(text, after) is not None


def word_count(unit: str) -> int:
    return len(unit.split())


def is_label(unit: str, max_words: int = 12, words: int | None = None) -> bool:
    """A short line without closing punctuation (a name's "Jr." or a time's "a.m." closes nothing): a heading, a
    name, a list item, a button, a date stamp; not prose. `words` is the unit's word count where the caller knows
    it already (rules test many labels per unit)."""
    return bool(_LINK_ONLY.fullmatch(unit)) or (
        (not closes(unit) or unit.endswith(("Jr.", "Sr.", ".m.")) and _UNCLOSING_END.search(unit) is not None)
        and (word_count(unit) if words is None else words) <= max_words)


_UNCLOSING_END = re.compile(r"\b[A-Z][a-z]+,? (?:Jr|Sr)\.$|\d\s?[ap]\.m\.$")
"""A name that ends on "Jr." or "Sr.", or a time on "a.m." or "p.m.": its full stop closes no sentence ("by Jane
Roe Jr.", "posted on March 3, 2016, at 9:05 a.m.")."""


def closes(unit: str) -> bool:
    """The unit ends on a full stop, question or exclamation mark or ellipsis, maybe inside quotes or brackets (a
    closing quote after a space too, as a tokenizer leaves it: "... for everybody. ”")."""
    return unit.rstrip(_CLOSERS)[-1:] in _STOPS


def plain(unit: str) -> str:
    """The unit as rules see it: markdown links, emphasis and escapes gone, as `normalize` would leave it."""
    if "[" in unit or "*" in unit or "\\" in unit or "_" in unit or "<http" in unit or "#" in unit:
        return strip_markdown(unit)
    return unit


def unit_key(unit: str) -> int | None:
    """A 64-bit key for a line that ignores case, punctuation, markup and numbers (years, counts)."""
    return _folded_key(folded(unit))


def _folded_key(text: str) -> int | None:
    """The key of a `folded` text. blake2b rather than hash(): keys are written to model files and must be the same
    in every process."""
    if not text:
        return None
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "little")


def folded(unit: str) -> str:
    """What `unit_key` hashes: the unit case-folded, numbers as 0, every run of punctuation and space one space."""
    return _NON_WORD.sub(" ", _DIGITS.sub("0", unit.casefold())).strip()


def same_unit(unit: str, other: str) -> bool:
    """Whether two units fold alike, as `unit_key` compares them, reading of a long unit only a start as long as
    `other` could fold from: a start of a unit folds to a start of the unit's folding, so a start that folds to
    no start of the other's settles it (a whole article on one line against its title)."""
    target = folded(other)
    head = unit[:2 * len(other) + 64]
    if len(head) < len(unit) and not target.startswith(folded(head)):
        return False
    return folded(unit) == target


def shape_key(unit: str) -> int | None:
    """A key for a line's shape, for learning: `unit_key` with links and handles masked and, in a line that
    carries a number or a date, its capitalised words (names, months, headlines) too. So "Nov 16, 2017 / Ben
    Underwood / 12 comments" and "Dec 2, 2017 / Ann Lee / 3 comments" are one template line. In a line of words
    without closing punctuation (a label line), capitalised words that follow a lower-case word or a separator
    are masked ("Written by Ann Lee"), and where the line opens on a label of up to four words and a
    separator, everything after it ("Keep reading: <any headline>", "Home » <any section>"); a line's first
    words keep their wording ("Read More", "The Story So Far" are not one shape), and so does a line that is
    only a link (a cited source is not a template).

    A long line (a paragraph) is keyed by its case-folded text alone: template lines are short, a recurring
    paragraph recurs word for word, and keying it costs one hash instead of three passes of expressions."""
    if len(unit) > SHAPE_CHARS:
        return text_key(unit)
    return _short_shape_key(unit)


def _is_date(unit: str) -> bool:
    """A date as news sources write one ("July 26, 2006", "26 Jul 2006", "7/26/2006")."""
    written = unit.strip()
    return iso_date(written) != written


@lru_cache(maxsize=SHAPE_CACHE)
def _short_shape_key(unit: str) -> int | None:
    """`shape_key` of a short line. A line that masks to one name and numbers ("name 0 0") keeps its own words,
    unless it is a date: a date line that closes an outlet's stories ("July 26, 2006") took a price or a numbered
    heading of a story with it ("Gold $1,359.00", "THURSDAY 11/14"). A template of more parts ("May 2, 2024 — Jane
    Roe") keeps its shape."""
    if _LINK_ONLY.fullmatch(unit):
        return unit_key(unit)
    masked = _LINKS.sub(" link ", unit) if "/" in unit or "@" in unit or "www." in unit else unit
    if _DIGITS.search(masked):
        masked = _CAPITALISED.sub("name", masked)
    elif not closes(masked):
        lead = _LABEL_LEAD.match(masked)
        if lead and len(lead.group().split()) <= LABEL_LEAD_WORDS + 1:
            masked = lead.group() + "filled"
        else:
            masked = _NAMED.sub(r"\1 name", masked)
    shape = folded(masked)
    if [word for word in shape.split() if word.isalpha()] == ["name"] and not _is_date(unit):
        return unit_key(unit)
    return _folded_key(shape)


def text_key(unit: str) -> int:
    """A key for a line's case-folded text as it stands: one hash, no expressions."""
    return int.from_bytes(blake2b(unit.casefold().encode(), digest_size=8).digest(), "little")


def learning_key(unit: str, index: int, total: int) -> int | None:
    """The key learning gives line `index` of `total`: its shape near the ends of the text or where it stops
    without closing punctuation (where templates sit), its text in the middle of the story (a sentence of
    prose recurs word for word or not at all, and shaping every line would triple the cost of learning). A
    transcript's stage direction ("(APPLAUSE)", "(BEGIN VIDEO CLIP)") gets none: it recurs in every transcript
    of a broadcaster, but it is the transcript's own, as readers judge it."""
    if unit[:1] == "(" and STAGE_DIRECTION.fullmatch(unit):
        return None
    if EDGE_LINES <= index < total - EDGE_LINES and unit[-1:] in _PROSE_END:
        return text_key(unit)
    return shape_key(unit)
