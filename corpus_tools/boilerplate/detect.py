"""Finds the boilerplate spans of one text by rules and by a learned model, and cuts them out.

The order of the passes matters: whole paragraphs and lines first, then blocks and sentences inside the
lines that are left, then the learned lines; the header and footer regions are filled last, because
what counts as "between two bylines" or "after the footer marker" depends on everything found before.
"""

from __future__ import annotations

import bisect
import functools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from corpus_tools.boilerplate import affixes, appeal, closing, lineclf, segment
from corpus_tools.boilerplate.prefilter import lead_key
from corpus_tools.boilerplate.rules import RESCUE_GROUPS, SUBJECT_GROUP, Rule, matches

if TYPE_CHECKING:
    from corpus_tools.boilerplate.learned import Model
    from corpus_tools.boilerplate.lineclf import LineModel

HEADER_LINES = 12
"""Header rules and the header region look at this many leading lines at most ..."""
HEADER_PROSE = 2
"""... and only as far as this many paragraphs of prose (PROSE_WORDS or more, not label-like: a standfirst,
a cookie notice) into the text: below that, a dated label line is part of the story (the title of a
table), not its dateline."""
PROSE_WORDS = 20
STANDFIRST_WORDS = 45
"""A standfirst under a headline runs to about this many words; a longer paragraph is the story itself."""
FOOTER_START = 0.4
"""A footer marker opens the footer region only this far into the text (share of characters), or when
nothing but boilerplate follows it; earlier, it removes its own line and nothing else."""
HEADLINE_LINES = 3
"""At most this many unremoved lines above the first byline are taken for a headline, kicker and standfirst."""
HEADER_SLACK = 4
"""A header rule matches a line only when at most this many lines above it are not already boilerplate (a
cookie notice, a headline, a kicker, a standfirst): a date below ten lines of figures closes a table."""
WIDGET_LABEL_RULE = "affix.label"
"""The rule of a page's button or widget label glued to a line's end (`affixes.is_widget_label`): the line
classifier still judges the line as a whole, the label with it."""
DATELINE_RULE = "affix.dateline"
"""The rule of a wire dateline cut from a line's start (`affixes.prefix`)."""
DATELINE_LINES = 4
"""A dateline opens one of the first lines of prose: the story's, the one after a headline that is a sentence, or one
below a standfirst and a quote that a paper prints above the story's first paragraph."""
SUMMARY_POINTS = 4
"""How many points a summary box ("Story highlights") may hold above the story's first line."""
CONTACT_WORDS = 8
"""Below a contact heading, lines of at most this many words are its address, phone and email lines, whatever
punctuation ends them ("2nd floor, Example House,")."""
ABOUT_LINES = 3
"""An "about" heading near the end takes at most this many paragraphs after it, when they end the text."""
NOTICE_LINES = 8
"""A "Disclaimer" heading alone on its line takes at most this many lines after it: a legal notice runs longer
than an about paragraph (who made the page, what it is not affiliated with, what may not be done with it)."""
BIO_LINES = 5
"""An author's bio and what continues it are at most this many lines at the end."""
_BIO_SUBJECT = re.compile(r"([A-Z][\w'’-]+)(?: \(@\w+\))?(?:, [^,]{1,15},)? (?:is|was|has|had|serves|served|holds|"
                          r"founded|covers|writes|reports|edits|reviews)\b")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_ABOUT_NAMED = re.compile(r"About (?:[Tt]he )?(?P<name>(?:[A-Z]|[a-z](?=[\w'’.&-]*[A-Z0-9]))[\w'’.&-]*"
                          r"(?: (?:[A-Z][\w'’.&-]*|of|for|and|&)){0,5})"
                          r"(?:/[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3})?(?: \([A-Z][^()\n]{1,60}\))?$")
"""An "about" heading without a colon: About and a name ("About Harbour Outfitters"; a brand may open in lower case
where a capital or digit follows: "About my6harbour"), maybe a second name after a slash or the name in full in
brackets ("About HU (Harbour University)")."""
_ABOUT_CAPS = re.compile(r"ABOUT (?:THE )?(?P<name>[A-Z][A-Z0-9'’.&-]*(?: (?:[A-Z0-9][A-Z0-9'’.&-]*|&)){0,5})"
                         r"(?:,? (?:LLC|L\.L\.C\.|INC\.?|LTD\.?|CORP\.?|PLC|CO\.))?$")
"""The same heading in capitals ("ABOUT HARBOUR OUTFITTERS, LLC"), the company's legal form after its name."""
ABOUT_HEADING = "about-heading"
HEADER_ANCHORS = frozenset({"byline", "taxonomy", "credit"})
LEARNED = "learned"
HEADER_REGION = "header-region"
FOOTER_REGION = "footer-region"
TEASER_LIST = "teaser-list"
TEASERS = 2
"""A related-articles heading opens a list of teasers when this many label lines after it share one shape."""
TEASER_LEAD = 2
"""A teaser list starts at most this many paragraphs (EXCERPT_WORDS or more, not label-like) below its heading."""
EXCERPT_WORDS = 8
"""Shorter lines ("Order here!", "FREE Shipping Available!") belong to whatever stands around them."""
BLURBS = 3
"""... or when at least this many paragraphs follow it, all of them blurbs (see `_Pass._blurbs`) ..."""
BLURB_WORDS = 45
"""... of at most this many words."""
_BLURB = re.compile(r"(?:The )?[A-Z][\w.&'’-]*(?: (?:[A-Z][\w.&'’-]*|of|for|and|&)){0,5},? "
                    r"(?:is|are|offers?|provides?|lists?|features?|covers?|helps?|includes?|brings?|gives?)\b")
EXCERPT_PAGE = "excerpt-page"
EXCERPT_MARK = re.compile(r" \[…\](?= |$)|\.\.\. \d+ Recs\b")
"""Where a blog's software cut another story's excerpt short: a WordPress excerpt's "[…]" (a writer eliding a
quote types "[...]"), a community blog's "... 97 Recs" (the recommendations of the story cut off)."""
EXCERPT_PAGE_MARKS = 2
EXCERPT_PAGE_WORDS = 150
"""An excerpt runs to a few dozen words, with its headline before it: longer pieces are a story's own text."""
AUTHOR_PAGE = "author-page"
AUTHOR_NAME = re.compile(r"(?:[A-Z][a-z'’-]+|[A-Z]\.)(?: (?:[A-Z][a-z'’-]+|[A-Z]\.)){1,3}")
"""A title that is a person's name and nothing else: "Jane Q. Roe"."""
AUTHOR_LISTING = re.compile(r"(?:Most )?(?:Recent|Latest) (?:Articles|Posts|Stories|Columns)"
                            r"(?: (?:by|from) [^:\n]{2,40})?:"
                            r"|\b(?:Articles|Posts|Stories|Columns) by [A-Z][^:\n]{1,40}:|\bSort: ?Newest\b")
"""The heading of a writer's page over the writer's pieces: "Most Recent Articles by Jane Roe:", "Sort: Newest Oldest
Most Read"."""
AUTHOR_BIO_WORDS = 400
"""A writer's page opens on a bio of at most this many words above the heading of the writer's pieces."""
_BIO_VERB = r"(?:is|has|writes|covers|joined|teaches|hosts)\b"
PLEA = "plea-run"
PLEA_REACH = 200
"""How many sentences from an end a site's plea is looked for in: the longest seen ran to 45."""
CUT_TEASERS = "cut-teasers"
CUT_EXCERPTS = 3
"""A page ends on other stories' excerpts, each cut off at one length, when at least this many cut paragraphs ..."""
CUT_SPREAD = 0.06
"""... have lengths within this share of their median (a site cuts every teaser at about as many characters) ..."""
CUT_SHARE = 2 / 3
"""... and make up at least this share of the paragraphs (EXCERPT_WORDS_CUT or more) from the first of them to the end
(an excerpt cut short of the length may end on a full stop) ..."""
CUT_SHARED = 0.3
"""... and share few words with the story above them: of their words of five letters or more, at most this share (the
median over the excerpts) is found there."""
EXCERPT_WORDS_CUT = 15
"""Shorter paragraphs may end without a stop for other reasons (a title, a list's item)."""
CUT_WINDOW = 150
"""A widget lists a few dozen excerpts: the search for the first looks at most this many paragraphs up from the end."""
EXCERPT_SHARE = 0.4
"""Below a related heading, cut excerpts are at least this share of the paragraphs ..."""
EXCERPT_TAIL = 2
"""... and at most this many paragraphs follow the last of them."""
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_CUT_END = re.compile(r"(?:(?<![\w'’-])[^\W\d_A-Z][\w'’-]*|,)$|\w ?(?:\.\.\.|…)$")
"""A paragraph cut off mid-sentence: its last word in lower case, or a comma, or an ellipsis after a word."""
TITLE_REPEAT = "title-repeat"
CLASSIFIED = "classified"
"""The category of the lines the line classifier removes (`--keep-category classified` keeps them)."""
CLOSING_RUN = "closing-run"
BELOW_RIGHTS = "below-rights"
_RIGHTS_NOTICE = re.compile(r"rights reserved|(?:copyright|©|\(c\)) ?(?:©|\(c\))? ?(?:19|20)\d\d"
                            r"|permission|republish|reprint", re.IGNORECASE)
"""A notice of the piece's rights and terms of reprinting, not a picture's credit in a caption ("© Example Press The
mayor at the pier")."""
BELOW_RIGHTS_SHARE = 0.25
"""What a notice of rights in the last part of a text has below it is the site's and the author's closing block (a
bio, a workshop's advertisement, a donation plea, a book's promotion) when it holds at most this share of the text's
kept characters; more is another piece the page reprints."""
_REPORTED = re.compile(rf"{affixes.REPORTING.pattern}|\b(?:wrote|reported)\b")
"""`affixes.REPORTING`, and the words of a story that reports what someone wrote ("... wrote in a post on Twitter."): a
closing block below a notice of rights reports nothing."""
LEAD_UP_QUESTION = "lead-up-question"
LEAD_UP_QUESTIONS = 3
"""An invitation to comment takes at most this many questions before it ("What do you think? How do you feel about it?
Let us know below"): more are an argument that ends on one."""
QUESTION_WORDS = 40
_REACTION = re.compile(r"\b(?:think|thoughts?|opinions?|reactions?|react|feel|agree|disagree|views|your take|to say|"
                       r"to add|share|comments?)\b", re.IGNORECASE)
"""A question that asks for the reader's reaction ("What do you think?", "Have something to add?") leads up to an
invitation to comment; one about the story's subject ("Is the pier worth saving?") is the writer's closing argument,
which readers judge story, invitation or not."""
_INVITATION = re.compile(r"\bcomments? (?:below|section)|\bin the comments\b|\blet (?:us|me) know\b|\btell us\b"
                         r"|\byour thoughts\b", re.IGNORECASE)
"""An invitation to comment; not a comment policy, nor the count of readers' comments."""
RELATED_ITEMS = "related-items"
UNLABELLED_ITEMS = 2
UNNAMED_BIO = "unnamed-bio"
UNNAMED_SOURCE = "unnamed-source"
MASTHEAD = "masthead"
MASTHEAD_LINES = 3
"""How far down the text its outlet's name alone is still its masthead, above or under a byline."""
MASTHEAD_LETTERS = 5
"""A shorter domain name ("cnn", "wsj") spells words a story's first lines may hold alone."""
AFFILIATION = "byline-affiliation"
AFFILIATION_LINES = 3
"""How far down the text a "by <name>" line may stand and still open it, with the writer's outlet under it."""
AFFILIATION_WORDS = 6
"""A line under a byline that opens the text, of at most this many words, is the writer's outlet or role ("by Jane
Roe" over "Harbour Health Review", "Editor, Harbour Impact News")."""
_NOT_AN_AFFILIATION = re.compile(r"\d|[.!?:;,]['\"’”)]*$|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                                 r"|January|February|March|April|June|July|August|September|October|November"
                                 r"|December)\b", re.IGNORECASE)
"""A figure, a sentence's or a lead-in's end, or a day or month: a part's number ("Part 1"), a section's heading
("TUESDAY NIGHT") or the story's first words, not an outlet or a role."""
_BY = re.compile(r"[Bb][Yy] ")
"""A byline that names its writer after "by", as reposts print it over the writer's outlet."""
_SOURCE_WORD = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"
SOURCE_NAME = re.compile(rf"(?<=[.!?\"”’)] )(?:Via[ -])?{_SOURCE_WORD}(?: (?:of|the|and|&|{_SOURCE_WORD})){{0,3}}$")
"""An outlet named after a text's last sentence with no stop of its own ("... in May. Harbour Ledger", "... on
Tuesday. Via-Harbour Post", "... said. WHN"): where a repost copied its story from. `_unnamed_source` takes it
where neither the text nor the title uses its words: a person the story is about is named before, and closing
words that repeat one ("Russia Russia Russia") name nobody."""
BRACKETED_SOURCE = re.compile(rf"(?<=[.!?\"”’] )\( *(?:[Hh]/[Tt]:? |[Vv]ia:? )?(?P<name>{_SOURCE_WORD}"
                              rf"(?: (?:of|the|and|&|{_SOURCE_WORD})){{0,3}}) *\)$")
"""The same outlet in brackets ("... currently. ( Politico)", "(h/t Harbour Post)"): a bracket of names alone after
the last sentence credits the piece's source even where the story named the outlet."""
SOURCE_NAME_CHARS = 40
_WIRE_MARK = re.compile(r"(?:REUTERS?|Reuters?)\w*(?: [A-Z]+)?|MORE")
"""A wire story's sign-off after its last sentence ("REUTER", "REUTER TAW"), judged neither story nor boilerplate and
kept as on its own line, or its "MORE", which says a part follows."""
PLAYLIST_TITLE = "playlist-title"
PLAYLIST_RULE = "en.embed.video-playlist"
PLAYLIST_TITLE_WORDS = 25
"""A clip's title in a video player's playlist runs to at most this many words."""
_CLIP_LENGTH = re.compile(r"\d{1,2}:[0-5]\d(?::[0-5]\d)?")
SHOUTED_HEADLINE = "shouted-headline"
LONE_HEADLINE = "lone-headline"
SHOUTED_WORDS = 7
"""A line in capitals between paragraphs of a story in mixed case, of at least this many words, is another story's
headline, as some large outlets print their links inside a story ("HARBOUR TRUST SAYS FERRY STRIKE WILL END BY
FRIDAY, AFTER CREWS REJECT DEAL") ..."""
SHOUTED_MOST = 2
"""... where the text holds at most this many such lines: a report that sets out its sections or its figures in
capitals, or a post that shouts, holds more ..."""
SHOUTED_MOST_LINKED = 6
"""... or this many, where a rule already took a line of the text in capitals ("CLICK HERE TO GET THE <OUTLET> APP"):
the outlet prints its links so, and a story of theirs may carry five or six other stories' headlines."""
SHOUTED_TOPICAL = 11
"""In such a text, a line of at least this many words goes even when it shares a topic word with the paragraph above
or below: the outlet links its stories on the same topic ("HARBOUR BOARD DELAYS FERRY BUDGET VOTE AS COUNCIL ROW OVER
PIER REPAIRS DEEPENS" in a story on the budget), and a story's own crossheads are shorter."""
BRACKETED_HEADLINE = "bracketed-headline"
BRACKETED_LEAST = 2
"""`en.related.bracketed-headline` takes another story's headline in square brackets between paragraphs when it holds no
full stop or colon; where the text holds at least this many bracketed headlines, those with a sentence end or a colon
go too ("[The board has failed. It is up to voters to decide.]"): one such line alone may be an editor's aside."""
_BRACKETED_LINE = re.compile(r"\[(?!(?:Note|NOTE|Editor|Ed\.|Image|Photo|Picture|Video|Audio|Update|UPDATE|Correction"
                             r"|Source|Above|Below|Via|See)\b)(?![\w’'-]+: )"
                             r"(?![^\]]*\b(?:I|I’m|I'm|I’ll|I'll|me|my|we|our)\b)[A-Z0-9‘'“\"][^\[\]]{10,200}\]")
"""A bracketed line that opens on a capital: not a note or a credit by its label, not a speaker's line ("[Jane: ...]"),
and not in the writer's voice ("[Roe replied again. And I answered ...]")."""
_SHOUTED_LINE = re.compile(r"[A-Z0-9‘'“\"(](?:[A-Z0-9 ,'’‘:;$%&/()\"“”-]|(?<=[A-Z])\.(?=[ A-Z]))+(?<![.!?:;,])")
"""A line in capitals, its abbreviations' stops too ("LT. GOV.", "U.S."), that does not end on a stop."""
PITCH = "pitch"
PITCHED = frozenset({"cta", "ad", "promo", "app", "newsletter", "subscription", "donation"})
"""The categories of a call to action that the selling line before it goes with."""
CLOSING_LABEL_WORDS = 8
"""A label line (a sign-off name, a heading, a list item) in a closing run has at most this many words."""
SOURCE_NAME_LINES = 2
"""At most this many lines between the story and a source credit are the source's name ("<Blog Name>", then
"Source: <link>"), where each reads as a name (`_names`)."""
NAME_CAPITALS = 0.6
"""The share of a name's words that are capitalized, at least."""
CLOSING_RUN_PIECE = "cta"
"""The category of a closing run whose boilerplate above is a piece of a line (an invitation to comment)."""
NOTICE_PAGE = "notice-page"
NOTICE_PAGE_WORDS = 100
"""A page that shows a notice (`Rule.page`) is the notice's page when fewer words than this stay after every pass:
the notice's own explanation ("Reload the current page", "Help Center"), not a news brief, which runs longer."""
UNIT_MEMO = 1 << 16
"""How many distinct texts each memo of text-only facts (`_Compiled.unit` and the others beside it) keeps in one
process before it forgets them all and starts over."""
K = TypeVar("K")
V = TypeVar("V")


class Span(NamedTuple):
    """A removed piece of the input text: text[start:end], why it went (category) and what found it (rule)."""

    start: int
    end: int
    category: str
    rule: str


@dataclass
class Analysis:
    spans: list[Span] = field(default_factory=list)
    rescued: dict[str, str] = field(default_factory=dict)
    """date, author and title found in removed header lines."""
    scores: dict[int, float] = field(default_factory=dict)
    """The line classifier's probability for each span it removed, by the span's start."""


class _Group:
    """The rules of one scope, and which of them a unit may wake.

    Each rule owns some bits (slots, one per gate term) of the masks `_Compiled.woken` computes. A unit wakes
    the rules with a term whose gate words it has (see `_Compiled`), whose lead key (see `lead_key`) it starts
    with, and whose word limit it keeps. News text wakes few rules and the same few again and again, so the
    list for each mask is built once per detector and reused.
    """

    def __init__(self, rules: list[Rule], slots: list[int]) -> None:
        self.rules = rules
        self.slots = slots
        """slots[i]: the mask of rules[i]'s slot bits."""
        self.members = sum(slots)
        self.unanchored = sum(slot for slot, rule in zip(slots, rules, strict=True) if rule.leads is None)
        self.led_by: dict[str, int] = {}
        for slot, rule in zip(slots, rules, strict=True):
            for key in rule.leads or ():
                self.led_by[key] = self.led_by.get(key, 0) | slot
        longest = max((rule.max_words for rule in rules if rule.max_words is not None), default=0)
        self.fitting = [sum(slot for slot, rule in zip(slots, rules, strict=True)
                            if rule.max_words is None or size <= rule.max_words) for size in range(longest + 2)]
        """fitting[n]: the rules a unit of n words may match; the last entry serves every longer unit."""
        self._owner = {bit: index for index, slot in enumerate(slots) for bit in _set_bits(slot)}
        """The rule (its index) each slot bit belongs to."""
        self._picked: dict[int, list[Rule]] = {}

    def pick(self, woken: int, key: str | None, size: int | None = None) -> list[Rule]:
        """The woken rules that a unit starting with `key` and `size` words long may match, in file order."""
        mask = woken & self.members
        if key is not None:
            mask &= self.unanchored | self.led_by.get(key, 0)
        if size is not None:
            mask &= self.fitting[min(size, len(self.fitting) - 1)]
        rules = self._picked.get(mask)
        if rules is None:
            rules = self._picked[mask] = [self.rules[index] for index in sorted(self._owners(mask))]
        return rules

    def _owners(self, mask: int) -> set[int]:
        """The rules (their indexes) that own a bit of `mask`: a walk over its few set bits, not over every rule
        (a long line wakes rules in many combinations, so most masks are asked once)."""
        return {self._owner[bit] for bit in _set_bits(mask)}


def _set_bits(mask: int) -> Iterator[int]:
    """The positions of a mask's set bits, lowest first: as many steps as bits set, however high they lie (a
    detector's masks run to thousands of bits, few of them set)."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _Unit(NamedTuple):
    """What a line's or a sentence's text decides by itself, wherever it stands. Syndicated copies of a story and an
    outlet's repeated lines bring the same texts back record after record, so each distinct text is worked out once
    (`_Compiled.unit`). Tuples of plain values, which the garbage collector stops tracking: a memo of objects it
    tracks would make every full collection walk it."""

    requirements: int
    size: int
    lead: str | None


class _Compiled:
    """The rules for one language, grouped by where they apply, with their gate words as bit arithmetic.

    Each term of a rule's gate words (`Rule.gate_terms`) with k word sets owns k requirement bits and, above
    them, a slot bit. A unit's requirement mask has the bits of the sets its words hit; adding one at each
    term's lowest requirement bit carries into the slot exactly when all k are set. So one dictionary lookup
    per word and one addition tell every rule whether the unit has the words one of its terms needs.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        def pick(scopes: tuple[str, ...], footer: bool) -> list[Rule]:
            return [r for r in rules if r.scope in scopes and (r.position == "footer") == footer]

        self.requirement: dict[str, int] = {}
        self.lows = self.slots = self.ungated = 0
        self._next_bit = 0
        self.paragraph = self._group(pick(("paragraph",), False) + pick(("paragraph",), True))
        self.line = self._group(pick(("line", "trailing"), False))
        self.sentence = self._group(pick(("sentence",), False))
        self.block = self._group(pick(("block",), False))
        self.footer_line = self._group(pick(("line", "trailing"), True))
        self.footer_sentence = self._group(pick(("sentence",), True))
        self.page_rules = frozenset(rule.id for rule in rules if rule.page)
        self.vocabulary = frozenset(self.requirement)
        self.ascii_requirement = {word.encode(): bits for word, bits in self.requirement.items() if word.isascii()}
        self.ascii_vocabulary = frozenset(self.ascii_requirement)
        self._units: dict[str, _Unit] = {}
        self._pieces: dict[str, tuple[tuple[int, int, str, str | None], ...]] = {}
        self._affixes: dict[str, tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]]] = {}
        self._matched: dict[tuple[str, str], re.Match[str] | None] = {}
        self._matching: dict[tuple[int, str], tuple[tuple[Rule, re.Match[str]], ...]] = {}

    def unit(self, view: str) -> _Unit:
        """The facts of a line or sentence as rules see it (`segment.view`), from the memo when its text came before."""
        unit = self._units.get(view)
        if unit is None:
            unit = _remembered(self._units, view, _Unit(self.requirements_of(view), len(view.split()), lead_key(view)))
        return unit

    def sentences(self, line: str) -> tuple[tuple[int, int, str, str | None], ...]:
        """`segment.sentences` of a line's text, offsets from the line's start, each with its view and the view's
        `lead_key` (the sentence pass asks every sentence for it, the same sentences record after record)."""
        pieces = self._pieces.get(line)
        if pieces is None:
            cuts = segment.unglued_sentences(line, 0, len(line))
            views = [segment.view(line, start, end) for start, end in cuts]
            pieces = _remembered(self._pieces, line, tuple(
                (start, end, view, lead_key(view)) for (start, end), view in zip(cuts, views, strict=True)))
        return pieces

    def affixes(self, view: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]]:
        """`affixes.tail` and `affixes.inline` of a line as rules see it."""
        found = self._affixes.get(view)
        if found is None:
            found = _remembered(self._affixes, view, (tuple(affixes.tail(view)), tuple(affixes.inline(view))))
        return found

    def match(self, rule: Rule, view: str, size: int) -> re.Match[str] | None:
        """`matches(rule, view, size)`; rule ids are unique among the rules of one `_Compiled`."""
        key = (rule.id, view)
        if key in self._matched:
            return self._matched[key]
        return _remembered(self._matched, key, matches(rule, view, size))

    def matching(self, rules: list[Rule], view: str, size: int) -> tuple[tuple[Rule, re.Match[str]], ...]:
        """The rules among `rules` (a list `_Group.pick` keeps) that match `view`, in order, with their matches.

        A line or sentence that comes back wakes the same rules again, and most of them fail on it: one lookup
        per unit instead of one per rule it wakes (`match`, which the passes that stop at their first rule use)."""
        key = (id(rules), view)
        found = self._matching.get(key)
        if found is None:
            found = _remembered(self._matching, key, tuple(
                (rule, match) for rule in rules if (match := self.match(rule, view, size))))
        return found

    def _group(self, rules: list[Rule]) -> _Group:
        return _Group(rules, [sum(self._term(term) for term in rule.gate_terms or [()]) for rule in rules])

    def _term(self, sets: tuple[frozenset[str], ...]) -> int:
        """Lay out one term's requirement bits and slot; its slot bit."""
        first = self._next_bit
        for offset, words in enumerate(sets):
            for word in words:
                self.requirement[word] = self.requirement.get(word, 0) | 1 << (first + offset)
        slot = 1 << (first + len(sets))
        if sets:
            self.lows |= 1 << first
        else:
            self.ungated |= slot
        self.slots |= slot
        self._next_bit = first + len(sets) + 1
        return slot

    def woken(self, requirements: int) -> int:
        """The slot bits of every term all of whose word sets the requirement mask hits."""
        return ((requirements + self.lows) & self.slots) | self.ungated

    def requirements_of(self, view: str) -> int:
        """The requirement mask of a unit: the bits of every gate word among its words (`\\w+` in lower case).

        `_requirements_plain` is the straightforward version. This one splits a line whose lower case is ASCII
        once the usual marks outside ASCII (curly quotes, dashes) are spaces as bytes, where every byte that is
        not a word character becomes a space: a third faster than the regular expression on news lines (most of
        which are ASCII but for their quotes), the same words. Other lines take the regular expression."""
        lowered = view.lower()
        if not lowered.isascii():
            for mark in _NON_WORD_MARKS:
                if mark in lowered:
                    lowered = lowered.replace(mark, " ")
            if not lowered.isascii():
                return _requirements_plain(self, lowered)
        mask = 0
        requirement = self.ascii_requirement
        for word in self.ascii_vocabulary.intersection(lowered.encode("ascii").translate(_ASCII_NON_WORD).split()):
            mask |= requirement[word]
        return mask


_NON_WORD_MARKS = "’“”‘–—…→©£®»«•€™°\ufffd"
"""Characters outside ASCII that news lines hold most and that are not word characters (`\\w`), so a space may
stand for them when a line is cut into words."""
_ASCII_NON_WORD = bytes(byte if chr(byte).isalnum() or byte == ord("_") else ord(" ") for byte in range(128)) + \
    b" " * 128
"""bytes.translate's table: ASCII word characters (as `\\w` has them) stay, every other byte becomes a space."""


def _cut_off(view: str) -> bool:
    """Whether a paragraph ends as a site cuts an excerpt off (`_CUT_END`); a bulleted list's items may end so too.
    Most paragraphs end on a stop or a quote, which `_ends_uncut` rules out without the search."""
    return not _ends_uncut(view) and bool(_CUT_END.search(view[-40:])) and not closing.bulleted(view)


def _ends_uncut(view: str) -> bool:
    """Whether the last character alone rules `_CUT_END` out: it is no word character, apostrophe, hyphen, comma or
    ellipsis, or a stop that is not the last of three."""
    last = view[-1:]
    return not (last.isalnum() or last in "_'’-,.…") or (last == "." and not view.endswith("..."))


def _long_words(line: str) -> list[str]:
    """A line's words of five letters or more, in lower case."""
    return [word.lower() for word in _LONG_WORD.findall(line)]


def _share_in(line: str, vocabulary: set[str]) -> float:
    """The share of a line's `_long_words` that `vocabulary` holds."""
    words = _long_words(line)
    return sum(word in vocabulary for word in words) / len(words) if words else 0.0


def _remembered(memo: dict[K, V], key: K, value: V) -> V:
    """Put a value in a memo of at most UNIT_MEMO entries, which forgets everything when full."""
    if len(memo) >= UNIT_MEMO:
        memo.clear()
    memo[key] = value
    return value


def _requirements_plain(compiled: _Compiled, lowered: str) -> int:
    """The requirement mask of a unit already in lower case, the straightforward way (see `requirements_of`)."""
    mask = 0
    for word in compiled.vocabulary.intersection(_WORD.findall(lowered)):
        mask |= compiled.requirement[word]
    return mask


class Detector:
    """Rules plus an optional learned model; `analyse` is pure, so one detector serves every record."""

    def __init__(self, rules: Sequence[Rule], model: Model | None = None, keep: frozenset[str] = frozenset(),
                 line_model: LineModel | None = None, kept_rules: Sequence[Rule] = ()) -> None:
        self.rules = list(rules)
        self.model = model
        self.keep = keep
        self.line_model = line_model
        """The line classifier (`lineclf`) for the edges rules left undecided; None switches it off."""
        self.kept_rules = list(kept_rules)
        """The rules of the categories the user keeps: a line one of them matches stops the classifier's walk,
        which would otherwise take what the user asked to keep (a copyright line) as unknown boilerplate."""
        """Categories the user keeps: the in-line finders (`affixes`) leave them too, as the rules do."""
        self._compiled: dict[str | None, _Compiled] = {}

    def __getstate__(self) -> dict[str, object]:
        """Without the compiled rules: they are rebuilt where the detector lands, and their memos hold rule
        matches, which do not pickle (a Dask worker pickles a detector it has used to hand it to another)."""
        return {**self.__dict__, "_compiled": {}}

    def _for_language(self, language: str | None) -> _Compiled:
        compiled = self._compiled.get(language)
        if compiled is None:
            compiled = _Compiled([r for r in self.rules if r.applies_to(language)])
            self._compiled[language] = compiled
        return compiled

    def analyse(self, text: str, language: str | None = None, outlet: str = "", title: str | None = None
                ) -> Analysis:
        """The spans to remove. A text scraped as one line has its last sentences read a second time, each on a
        line of its own, so that the rules for a footer's lines reach the writer's bio, the source pointer or the
        contact line that the scrape ran into the story's end; of that reading only what joins the removed run at
        the text's end is taken. A sentence in the middle of a story is story whatever it looks like alone, a
        post's first sentence alone looks like a header's label ("Disclaimer: I grew up by the harbour ..."), and
        the line classifier took a wire story's closing sentence ("... was unable to reach him for comment.") from
        a text's last sentences read alone (`_told`)."""
        analysis = _Pass(self, text, language, outlet, title).run()
        closing = segment.closing_lines(text, CLOSING_SENTENCES)
        if closing is None:
            return analysis
        offset, lines = closing
        reading = _Pass(self, lines, language, outlet, None if offset else title, (offset, len(text))).run()
        taken = segment.merged_runs((span.start, span.end) for span in analysis.spans)
        starts = [start for start, _end in taken]
        extra = []
        for span in reading.spans:
            if span.rule == lineclf.RULE and _told(lines[span.start:span.end]):
                continue
            span = span._replace(start=span.start + offset, end=span.end + offset)
            before = bisect.bisect_left(starts, span.end) - 1
            if before < 0 or taken[before][1] <= span.start:
                extra.append(span)
        closing_run = _closing_run(text, analysis.spans, extra)
        for span in closing_run:
            if span.rule == lineclf.RULE:
                analysis.scores[span.start] = reading.scores[span.start - offset]
        analysis.spans = sorted({*analysis.spans, *closing_run})
        return analysis


def _told(sentence: str) -> bool:
    """Whether a sentence reads as told, a plain sentence or the lead-in to a quote: the line classifier weighs a
    line by the text around it, and a one-line text's last sentences read alone show it little of that."""
    body = sentence.rstrip("\"'”’) ")
    return body.endswith(":") or segment.one_sentence(body) and "@" not in body and "/" not in body


CLOSING_SENTENCES = 6
"""How many of a one-line text's last sentences its second reading sees: a footer run into the story's end is a
few sentences long, and reading the whole text again doubled strip's time on such texts."""


def _closing_run(text: str, spans: Sequence[Span], extra: Sequence[Span]) -> list[Span]:
    """The extra spans that belong, with the spans already taken, to the run of removed text that closes the text."""
    edge: set[Span] = set()
    position = len(text)
    for span in sorted([*spans, *extra], key=lambda span: span.end, reverse=True):
        if text[span.end:position].strip():
            break
        edge.add(span)
        position = min(position, span.start)
    return [span for span in extra if span in edge]


_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]+")
"""The capitalised words of a name that may name its bearer elsewhere ("Jane", "Roe"; not the initial "W.")."""
_POSSESSIVE = re.compile(r"['’]s?$")


def _name_words(text: str) -> list[str]:
    """`_NAME_WORD`s without a possessive's ending: "Roe’s relationship" names Jane Roe."""
    return [_POSSESSIVE.sub("", word) for word in _NAME_WORD.findall(text)]


def _names_below(heading: re.Match[str], below: str) -> bool:
    """Whether the paragraph under an "about" heading speaks of what the heading names: it holds the name's last
    word ("About Harbour Outfitters" over "... Harbour Outfitters makes ..."); under a heading in capitals, which a
    story's subheading may be too, it opens with the name's first word ("ABOUT HARBOUR OUTFITTERS, LLC" over
    "Harbour Outfitters, Inc. is ...")."""
    name = heading.group("name").split()
    if heading.re is _ABOUT_NAMED:
        return name[-1] in below
    words = below.split(maxsplit=2)
    if words[:1] == ["The"]:
        words = words[1:]
    return bool(words) and _POSSESSIVE.sub("", words[0].rstrip(",")).lower() == _POSSESSIVE.sub("", name[0]).lower()


class _Pass:
    """The state of one analysis: which lines are gone, by what, and what metadata they carried.

    Rules are gated twice: a rule whose gate terms (`Rule.gate_terms`) the text does not fit is
    skipped for the whole record, and one whose terms a line does not fit is skipped for that line; a
    unit that does not start as an anchored rule must (`Rule.leads`) skips that rule too. Most news text
    wakes few rules, so most regular expressions never run.
    """

    def __init__(self, detector: Detector, text: str, language: str | None, outlet: str, title: str | None,
                 within: tuple[int, int] | None = None) -> None:
        self.text = text
        offset, length = within or (0, len(text))
        self.footer_floor = FOOTER_START * length - offset
        """Where the last part of the whole text starts, in this text's offsets: `within` gives where a one-line
        text's last sentences, read again (`Detector.analyse`), start in it and its length."""
        compiled = detector._for_language(language)
        self.model = detector.model
        self.line_model = detector.line_model
        self.kept_rules = detector.kept_rules
        self.keep = detector.keep
        self.outlet = outlet
        self.title = title
        self.language = language
        self.lines = segment.lines(text)
        self.views = [segment.view(text, line.start, line.end) for line in self.lines]
        units = [compiled.unit(view) for view in self.views]
        self.requirements = [unit.requirements for unit in units]
        everything = 0
        for mask in self.requirements:
            everything |= mask
        self.woken = [compiled.woken(mask) for mask in self.requirements]
        self.sizes = [unit.size for unit in units]
        self.leads = [unit.lead for unit in units]
        self.compiled = compiled
        self.awake = compiled.woken(everything)
        """The rules the whole record wakes; a group with none of them is skipped without looking at a line."""
        self.header_end = _header_end(self.views, self.sizes)
        self.removed: list[Span | None] = [None] * len(self.lines)
        self.spans: list[Span] = []
        self.found: list[tuple[int, dict[str, str]]] = []
        self.markers: list[tuple[int, str]] = []
        """The lines that open a footer section (a trailing rule's, an "about" heading's), with their category, in the
        text's order whatever pass found them."""
        self.scores: dict[int, float] = {}
        self.reference_lists: list[tuple[int, int]] | None = None
        """The text's own lists of references (`_reference_lists`), found when a pass first asks."""

    def run(self) -> Analysis:
        if not self.lines:
            return Analysis()
        everywhere = range(len(self.lines))
        self._title_repeat()
        self._paragraphs()
        self._lines(self.compiled.line, everywhere)
        self._blocks()
        self._sentences(self.compiled.sentence, everywhere)
        self._learned()
        self._affixes()
        self._teaser_list()
        self._cut_teasers()
        self._excerpt_page()
        self._author_page()
        self._about_headings()
        footer = self._footer_start()
        footer_zone = sorted({*range(footer if footer is not None else len(self.lines), len(self.lines)),
                              len(self.lines) - 1})
        self._lines(self.compiled.footer_line, footer_zone)
        self._sentences(self.compiled.footer_sentence, footer_zone)
        self._above_tail()
        if footer is not None:
            self._above_footer(footer)
        self._bio_run()
        self._header_region()
        self._masthead()
        self._byline_affiliation()
        if footer is not None:
            self._footer_region(footer)
            # The region's contact lines may have been what ended the text: the footer rules get the lines above.
            self._above_tail()
        self._related_items()
        self._playlist_titles()
        self._shouted_headlines()
        self._bracketed_headlines()
        self._lead_up_questions()
        self._closing_run()
        self._below_rights()
        self._pitches()
        self._unnamed_bio()
        self._unnamed_source()
        self._classified()
        self._bio_run()
        self._plea_runs()
        self._above_tail()
        self._lone_headline()
        self._keep_reference_list()
        self._keep_cited_links()
        self._notice_page()
        return Analysis(sorted(set(self.spans)), self._rescued(), self.scores)

    def _references(self) -> list[tuple[int, int]]:
        if self.reference_lists is None:
            self.reference_lists = _reference_lists(self.views)
        return self.reference_lists

    def _closing_references(self) -> int | None:
        """The heading's line of a list of references that ends the text, with only removed lines or labels below it
        (what a closing run takes later: "End of <series>")."""
        for start, end in reversed(self._references()):
            if all(self.removed[j] is not None or segment.is_label(self.views[j]) for j in range(end, len(self.lines))):
                return start
        return None

    def _keep_reference_list(self) -> None:
        """The text's own list of sources under its heading ("Sources:", then numbered citations with their links)
        is the piece's, as an essay's references are: what any pass took inside it is given back. A single
        "Source: <link>" line is no such list and stays the rules' to take."""
        for start, end in self._references():
            low, high = self.lines[start].start, self.lines[end - 1].end
            self.spans = [span for span in self.spans if not (low <= span.start and span.end <= high)]
            for index in range(start, end):
                taken = self.removed[index]
                if taken is not None and low <= taken.start and taken.end <= high:
                    self.removed[index] = None

    def _keep_cited_links(self) -> None:
        """A link alone on its line right below a kept sentence that ends on a colon and does not speak to the
        reader ("The port authority set out its reasons in a report:") is the story's citation, not a source line:
        given back, unless it links to a social post (`_SOCIAL_POST`). Under "Read more:" (a heading) or "You can
        read it here:" the link stays the rules', as it does in a text in another language, whose ways of
        speaking to the reader `closing.cites` does not know."""
        cited = [(index, span) for index, span in enumerate(self.removed)
                 if span is not None and span.rule == CITED_LINK_RULE and index > 0 and self.removed[index - 1] is None
                 and closing.cites(self.views[index - 1]) and not _SOCIAL_POST.search(self.views[index])]
        if cited and self._english:
            for index, span in cited:
                self.spans.remove(span)
                self.removed[index] = None

    @functools.cached_property
    def _english(self) -> bool:
        """Whether the text reads as English (`lineclf.reads_english`), for the steps whose cues are English words;
        asked only where one of them has something to decide."""
        return lineclf.reads_english(self.text, self.language)

    def _notice_page(self) -> None:
        """A scrape that caught a notice page instead of the article (`Rule.page`) goes whole when what stays is
        shorter than a news brief: the notice's own lines that no rule knows ("See one of the following pages for
        possible options:") are no story either, and a record of them alone would reach the clean corpus."""
        notice = next((span for span in self.spans if span.rule in self.compiled.page_rules), None)
        if notice is None:
            return
        kept = [index for index, span in enumerate(self.removed) if span is None]
        if sum(len(self._left(index).split()) for index in kept) >= NOTICE_PAGE_WORDS:
            return
        for index in kept:
            self._remove_line(index, notice.category, NOTICE_PAGE)

    def _wakes(self, group: _Group) -> bool:
        return bool(self.awake & group.members)

    def _for_line(self, group: _Group, index: int) -> list[Rule]:
        """The rules that may match the whole line."""
        return group.pick(self.woken[index], self.leads[index], self.sizes[index])

    def _in_header(self, index: int) -> bool:
        return index < self.header_end and sum(1 for j in range(index) if self.removed[j] is None) <= HEADER_SLACK

    def _remove_line(self, index: int, category: str, rule: str) -> None:
        line = self.lines[index]
        span = Span(line.start, line.end, category, rule)
        self.removed[index] = span
        self.spans.append(span)

    def _remove_part(self, index: int, span: Span) -> None:
        """Removes `span`, a part of line `index`; the line counts as removed once nothing of it is left."""
        self.spans.append(span)
        if self._taken(index):
            self.removed[index] = span

    def _fits(self, rule: Rule, index: int, match: re.Match[str]) -> bool:
        """An `unnamed` rule's line goes only when no word of its subject's name is in what the other lines keep
        (not in a sentence a rule took, not in a byline's credit: `closing.without_writer_credits`); in the footer,
        not as the text's last line where that line is most of the text (`FOOTER_START`); in the header, only as a
        paragraph of its own right above prose (where a byline stands, not a section's title, not the first line of
        a wrapped paragraph), and only the name's last word is looked for."""
        if not rule.unnamed:
            return True
        if (rule.position == "footer" and index == len(self.lines) - 1
                and self.lines[index].start < FOOTER_START * len(self.text)):
            return False  # a text that is mostly its last line is a story about the person, not a bio
        names = _name_words(match.group(SUBJECT_GROUP) or "")
        if rule.position == "header":
            if not self._above_prose(index) or self._story_above(index) or self._opens_below(index):
                return False
            names = names[-1:]  # a byline's given name may be another person's in the story; its surname is not
        words = set(names)
        return not any(self.removed[j] is None
                       and words.intersection(_name_words(closing.without_writer_credits(self._left(j))))
                       for j in range(len(self.lines)) if j != index)

    def _opens_below(self, index: int) -> bool:
        """Whether the paragraph under line `index` opens on the line's words in any case: a heading that the story
        goes on to define ("Keyless Encryption" over "Keyless encryption is ..."), not a writer's name."""
        below = self._kept_after(index)
        return below is not None and self.views[below].casefold().startswith(self.views[index].casefold())

    def _story_above(self, index: int) -> bool:
        """Whether a kept paragraph above line `index` is longer than a standfirst: a byline stands above the story,
        and a name alone on a line below its first paragraph is a section's heading ("Billy Bob Thornton" over the
        part of a star's life with him)."""
        return any(self.removed[j] is None and self.sizes[j] > STANDFIRST_WORDS for j in range(index))

    def _take(self, index: int, rule: Rule, match: re.Match[str]) -> None:
        if index < self.header_end:
            groups = {k: v.strip() for k, v in match.groupdict().items()
                      if k in RESCUE_GROUPS and v and v.strip()}
            if groups:
                self.found.append((index, groups))
        if rule.scope == "trailing":
            bisect.insort(self.markers, (index, rule.category))

    def _title_repeat(self) -> None:
        if self.title and segment.same_unit(self.views[0], self.title):
            self._remove_line(0, "headline", TITLE_REPEAT)

    def _paragraphs(self) -> None:
        group = self.compiled.paragraph
        if not self._wakes(group):
            return
        # A text without a blank line (an extractor's, one paragraph a line) has its paragraphs on its lines.
        single = self.lines[-1].paragraph == self.lines[0].paragraph
        groups: dict[int, list[int]] = {}
        for index, line in enumerate(self.lines):
            groups.setdefault(index if single else line.paragraph, []).append(index)
        for indexes in groups.values():
            if any(self.removed[i] for i in indexes):
                continue
            requirements = 0
            for i in indexes:
                requirements |= self.requirements[i]
            woken = self.compiled.woken(requirements) & group.members
            if not woken:
                continue
            first, last = self.lines[indexes[0]], self.lines[indexes[-1]]
            unit = "\n".join(self.views[i] for i in indexes)
            for rule in group.pick(woken, lead_key(unit)):
                match = matches(rule, unit)
                if match:
                    span = Span(first.start, last.end, rule.category, rule.id)
                    self.spans.append(span)
                    for i in indexes:
                        self.removed[i] = span
                    self._take(indexes[0], rule, match)
                    break

    def _lines(self, group: _Group, indexes: Sequence[int]) -> None:
        if not self._wakes(group):
            return
        for index in indexes:
            if self.removed[index]:
                continue
            for rule, match in self.compiled.matching(self._for_line(group, index), self.views[index],
                                                      self.sizes[index]):
                if rule.position == "header" and not self._in_header(index):
                    continue
                if self._fits(rule, index, match):
                    part = self._reported_beside(rule, index)
                    if part is None:
                        self._remove_line(index, rule.category, rule.id)
                    else:
                        self.spans.append(Span(*part, rule.category, rule.id))
                    self._take(index, rule, match)
                    break

    def _reported_beside(self, rule: Rule, index: int) -> tuple[int, int] | None:
        """Where a line rule's match takes a line of several sentences: the shortest run of its first (or last)
        sentences that the rule matches alone, when the sentences left report ("said", "told", "according to"),
        as a story's do and a notice's, a bio's or a promotion's do not. A scrape that ran a notice and the story's
        first sentence into one line ("The page you requested cannot be found. The harbour trust said ...") then loses
        the notice only. None: the whole line goes."""
        line = self.lines[index]
        pieces = self.compiled.sentences(self.text[line.start:line.end])
        if len(pieces) < 2 or not affixes.REPORTING.search(self.views[index]):
            return None
        starts = [line.start + start for start, _end, _unit, _lead in pieces]
        ends = [line.start + end for _start, end, _unit, _lead in pieces]
        for count in range(1, len(pieces)):
            for low, high, rest in ((starts[0], ends[count - 1], (ends[count - 1], line.end)),
                                    (starts[-count], line.end, (line.start, starts[-count]))):
                if matches(rule, segment.view(self.text, low, high)) and \
                        affixes.REPORTING.search(segment.view(self.text, *rest)):
                    return low, high
        return None

    def _blocks(self) -> None:
        group = self.compiled.block
        if not self._wakes(group):
            return
        for index in range(len(self.lines)):
            taken = self.removed[index]
            if taken is not None and (taken.start < self.lines[index].start or taken.end > self.lines[index].end):
                continue  # inside a larger removal; a label removed on its own may still open a block
            for rule in group.pick(self.woken[index], self.leads[index]):
                if not matches(rule, self.views[index]) or rule.end_regex is None:
                    continue
                window = range(index + 1, min(index + rule.max_lines + 1, len(self.lines)))
                ends = [j for j in window if rule.end_regex.search(self.views[j])]
                if rule.run:
                    ends = [j for offset, j in enumerate(ends) if j == index + 1 + offset]
                if not ends:
                    continue
                last = ends[-1]
                span = Span(self.lines[index].start, self.lines[last].end, rule.category, rule.id)
                for j in range(index, last + 1):
                    if self.removed[j] is None:
                        self.removed[j] = span
                self.spans = [s for s in self.spans if not (span.start <= s.start and s.end <= span.end)]
                self.spans.append(span)
                break

    def _sentences(self, group: _Group, indexes: Sequence[int]) -> None:
        if not self._wakes(group):
            return
        text = self.text
        for index in indexes:
            if self.removed[index]:
                continue
            awake = self.woken[index] & group.members
            if not awake:
                continue
            line = self.lines[index]
            pieces = self.compiled.sentences(text[line.start:line.end])
            gone = 0
            for start, end, unit, lead in pieces:
                if not group.pick(awake, lead):
                    continue  # no rule may start this way: the piece's words and length are not needed
                glued = (start and not text[line.start + start - 1].isspace()) or (
                    line.start + end < line.end and not text[line.start + end].isspace())
                if glued and (unit.endswith(":") or affixes.REPORTING.search(unit)):
                    continue  # a glued lead-in to what the scrape dropped, or a report: the story's own words
                facts = self.compiled.unit(unit)
                # A line of many sentences (an article on one line) wakes rules by words of other sentences.
                wakes = awake if len(pieces) == 1 else awake & self.compiled.woken(facts.requirements)
                start, end = line.start + start, line.start + end
                for rule, match in self.compiled.matching(group.pick(wakes, facts.lead, facts.size), unit, facts.size):
                    if rule.position == "header" and not self._in_header(index):
                        continue
                    cut = _narrow(text, start, end, unit, match, rule)
                    self.spans.append(Span(*cut, rule.category, rule.id))
                    self._take(index, rule, match)
                    gone += cut == (start, end)
                    break
            if gone == len(pieces):
                self.removed[index] = self.spans[-1]

    def _learned(self) -> None:
        model = self.model
        if model is None:
            return
        known = model.lines_of(self.outlet)
        if not known:
            return
        total = len(self.views)
        for index, view in enumerate(self.views):
            if self.removed[index] is None and segment.learning_key(view, index, total) in known:
                self._remove_line(index, LEARNED, LEARNED)

    def _affixes(self) -> None:
        """Pieces of lines (see `affixes`): the first story line's dateline (a wire story's, with its agency, on any
        line), every line's closing credits and cues, embedded posts' attributions anywhere. A line whose pieces
        cover it goes as a whole."""
        prose = [i for i in range(self._kept_header_end()) if self.removed[i] is None
                 and not segment.is_label(self.views[i])]
        openers = set(prose[:DATELINE_LINES])
        # A dateline alone on its line looks like a label ("HARBOUR CITY, OREGON -"): it is one when it is all the line.
        openers.update(i for i in range(min(self.header_end, DATELINE_LINES + 1))
                       if self.removed[i] is None and affixes.covers(affixes.prefix(self.views[i]), self.views[i]))
        openers.update(i for i, view in enumerate(self.views)
                       if self.removed[i] is None and affixes.WIRE_DATELINE.match(view))
        if self.lines and self.removed[0] is None and affixes.STORY_LABEL.match(self.views[0]):
            # A summary box opens the text: its label is glued to its first point, and its points come before
            # the story's first line and its dateline.
            openers.update({0, *prose[:DATELINE_LINES + SUMMARY_POINTS]})
        for index, line in enumerate(self.lines):
            if self.removed[index] is not None:
                continue
            unit = self.views[index]
            if len(unit) != line.end - line.start:
                continue  # markup: offsets in the view are not offsets in the text
            opening = affixes.prefix(unit) if index in openers else []
            if index == 0 and self.title and not opening:
                opening = affixes.glued_headline(unit, self.title)
            if index in openers or index < self.header_end:
                opening.extend(affixes.header_bylines(unit, index == 0, opening[-1][1] if opening else 0))
            tails, inline = self.compiled.affixes(unit)
            if not (opening or tails or inline):
                continue  # most lines: nothing to assemble
            pieces = [(start, end, category, f"affix.{category}") for start, end, category in opening]
            pieces.extend((start, end, category,
                           WIDGET_LABEL_RULE if affixes.is_widget_label(unit[start:end]) else "affix.tail")
                          for start, end, category in tails)
            pieces.extend((start, end, category, f"affix.{category}") for start, end, category in inline)
            pieces = _outermost([piece for piece in pieces if piece[2] not in self.keep])
            if not pieces:
                continue
            taken = [(span.start, span.end) for span in self.spans if line.start <= span.start and span.end <= line.end]
            for start, end, category, rule in pieces:
                span = Span(line.start + start, line.start + end, category, rule)
                if not any(low <= span.start and span.end <= high for low, high in taken):
                    self.spans.append(span)  # else a sentence rule took it already: the audit lists it once
            covered = sorted((start, end) for start, end, _category, _rule in pieces)
            reach = 0
            for start, end in covered:
                if unit[reach:start].strip():
                    break
                reach = max(reach, end)
            else:
                if not unit[reach:].strip():
                    self.removed[index] = self.spans[-1]

    def _kept_header_end(self) -> int:
        """The header's end counted over the lines rules have not removed: photo captions above the story ("FILE -
        In this photo ... (AP Photo/...)") are prose, but they do not push the story's first line out of the header."""
        if all(span is None for span in self.removed[:self.header_end]):
            return self.header_end  # nothing above its end was removed: the same lines count
        kept = [i for i in range(min(HEADER_LINES, len(self.views))) if self.removed[i] is None]
        end = _header_end([self.views[i] for i in kept], [self.sizes[i] for i in kept])
        return kept[end] if end < len(kept) else min(HEADER_LINES, len(self.views))

    def _teaser_list(self) -> None:
        """A related-articles heading followed by teasers goes with them: the teasers are excerpts of other
        stories, each under a label line of one shape ("Aug 26, 2017 — Jane Roe"); items of a bulleted list (a wiki's
        list of appearances) are no such labels. A heading followed by nothing but blurbs goes with everything after
        it."""
        for index, category in self.markers:
            if category != "related":
                continue
            after = [j for j in range(index + 1, len(self.lines)) if self.removed[j] is None]
            if all(segment.is_label(self.views[j]) for j in after):
                continue  # no excerpts: a plain list of headlines, which the footer region takes
            listed = self._teasers(after) or (after if self._blurbs(after) or self._cut_excerpts(after) else [])
            for j in listed:
                self._remove_line(j, "related", TEASER_LIST)
            if listed:
                return

    def _excerpt_page(self) -> None:
        """A listing page scraped as one line: other stories' excerpts one after another, each cut off by the blog
        software's mark (`EXCERPT_MARK`), the last of them ending the text. With no line breaks the teaser rules
        cannot see the list, so the page is read here and goes whole, as the readers of listing pages mark it."""
        if len(self.lines) != 1 or self.removed[0] is not None:
            return
        view = self.views[0]
        marks = list(EXCERPT_MARK.finditer(view))
        if len(marks) < EXCERPT_PAGE_MARKS or view[marks[-1].end():].strip():
            return
        starts = [0, *(mark.end() for mark in marks[:-1])]
        pieces = [view[start:mark.start()] for start, mark in zip(starts, marks, strict=True)]
        if all(len(piece.split()) <= EXCERPT_PAGE_WORDS for piece in pieces):
            self._remove_line(0, "related", EXCERPT_PAGE)

    def _author_page(self) -> None:
        """A writer's page, not an article: its title is the writer's name, the text opens on it and a bio of them
        ("Jane Roe is ...", "Jane is ..."), then a heading over the writer's pieces (`AUTHOR_LISTING`), whose
        headlines and teasers fill the rest. The page goes whole: its bio as `bio`, the listing as `related` (a user
        who keeps either category keeps that part). A profile or an obituary under a bare name has no such heading."""
        title = (self.title or "").strip()
        if not AUTHOR_NAME.fullmatch(title) or not self.text.lstrip().startswith(title):
            return
        listing = AUTHOR_LISTING.search(self.text)
        if listing is None:
            return
        head = self.text[:listing.start()]
        names = "|".join(re.escape(word) for word in {title, *title.split()} if len(word) > 2)
        if len(head.split()) > AUTHOR_BIO_WORDS or not re.search(rf"\b(?:{names}) {_BIO_VERB}", head):
            return
        for start, end, category in ((0, listing.start(), "bio"), (listing.start(), len(self.text), "related")):
            if category in self.keep:
                continue
            for index, line in enumerate(self.lines):
                first, last = max(start, line.start), min(end, line.end)
                if first < last and self.removed[index] is None:
                    self._remove_part(index, Span(first, last, category, AUTHOR_PAGE))

    def _plea_runs(self) -> None:
        """A site's plea for money in its own words (`appeal`), read sentence by sentence from each end of what the
        rules kept inwards; a line it leaves nothing of is removed. The end is read first, and the start then only up
        to what the end's plea took: a short story above a plea is a run of sentences that do not plead, as many as
        may stand between a plea's parts. A user who keeps category donation keeps it."""
        if "donation" in self.keep or not appeal.may_plead(self.text):
            return
        stem = lineclf.outlet_stem(self.outlet)
        for backwards in (True, False):
            read: list[tuple[int, int, int]] = []
            count = appeal.edge_run(self._kept_sentences(backwards, read), stem)
            for index, start, end in read[:count]:
                self._remove_part(index, Span(start, end, "donation", PLEA))

    def _kept_sentences(self, backwards: bool, read: list[tuple[int, int, int]]) -> Iterator[str]:
        """The sentences of the kept lines that no span covers, from the text's end or its start, each noted in
        `read` (line, start, end) as it is handed out: the walk stops long before the text's other end in most."""
        order = range(len(self.lines) - 1, -1, -1) if backwards else range(len(self.lines))
        for index in order:
            line = self.lines[index]
            if self.removed[index] is not None:
                continue
            taken = [(span.start, span.end) for span in self.spans if line.start <= span.start < line.end]
            pieces = [(start, end) for start, end in segment.sentences(self.text, line.start, line.end)
                      if not any(first < end and start < last for first, last in taken)]
            for start, end in reversed(pieces) if backwards else pieces:
                if len(read) >= PLEA_REACH:
                    return
                read.append((index, start, end))
                yield self.text[start:end]

    def _cut_teasers(self) -> None:
        """Other stories' excerpts that end a page, each cut off mid-sentence at about one length (a site's "more
        stories" widget without a heading), go with the lines between them: from the first cut excerpt from which, to
        the end, CUT_EXCERPTS or more cut paragraphs have lengths within CUT_SPREAD of their median and are CUT_SHARE
        of the paragraphs, when a paragraph that is not cut stands above them and they share few words with it
        (CUT_SHARED). A story's paragraphs do not end mid-sentence (a hard-wrapped one is joined by then)."""
        paragraphs = [j for j in range(len(self.lines))
                      if self.removed[j] is None and self.sizes[j] >= EXCERPT_WORDS_CUT]
        cut = {j for j in paragraphs if _cut_off(self.views[j])}
        if len(cut) < CUT_EXCERPTS:
            return
        first = None
        lengths: list[int] = []
        for count, j in enumerate(islice(reversed(paragraphs), CUT_WINDOW), start=1):
            if j not in cut:
                continue
            lengths.append(len(self.views[j]))
            middle = statistics.median(lengths)
            near = sum(abs(length - middle) <= CUT_SPREAD * middle for length in lengths)
            if near >= CUT_EXCERPTS and near >= CUT_SHARE * count:
                first = j
        if first is None or all(j in cut for j in paragraphs if j < first):
            return  # no story above them: a page of excerpts, or a story whose paragraphs all end so
        story = {word for j in range(first) if self.removed[j] is None for word in _long_words(self.views[j])}
        shared = [_share_in(self.views[j], story) for j in paragraphs if j >= first and j in cut]
        if statistics.median(shared) > CUT_SHARED:
            return  # the story's own points, unpunctuated (an infographic's boxes, a list of key facts)
        for j in range(first, len(self.lines)):
            if self.removed[j] is None:
                self._remove_line(j, "related", CUT_TEASERS)

    def _teasers(self, after: Sequence[int]) -> list[int]:
        """The lines of a teaser list among `after`: TEASERS or more label lines of one shape, the first of them
        right below the heading (an ad's lead may stand above its labels), and every line down to where, below a
        label, more paragraphs follow than any teaser's excerpt has, or than one where they have none (the story
        going on below the widget; the last teaser keeps an excerpt as long as the others'), or to the end of the
        text."""
        shape_of = {j: segment.shape_key(self.views[j]) for j in after if segment.is_label(self.views[j])}
        shapes = Counter(key for j, key in shape_of.items() if not closing.list_item(self.views[j]))
        shapes.pop(None, None)
        shape, count = shapes.most_common(1)[0] if shapes else (None, 0)
        if count < TEASERS:
            return []
        labels = shape_of.keys()
        prose = [j not in labels and self.sizes[j] >= EXCERPT_WORDS for j in after]
        shaped = [position for position, j in enumerate(after) if j in labels and shape_of[j] == shape]
        if sum(prose[:shaped[0]]) > TEASER_LEAD:
            return []  # the labels are further down the story: credits under photos, say
        excerpt = max(sum(prose[a + 1:b]) for a, b in pairwise(shaped))
        first_label = next(position for position, j in enumerate(after) if j in labels)
        run = 0
        for position, j in enumerate(after[first_label:], start=first_label):
            run = 0 if j in labels else run + prose[position]
            if run > max(1, excerpt):
                paragraphs = [p for p in range(position + 1) if prose[p]][-run:]
                label_above = max(p for p in range(paragraphs[0]) if after[p] in labels)
                return list(after[:paragraphs[excerpt if label_above in shaped else 0]])
        return list(after)

    def _cut_excerpts(self, after: Sequence[int]) -> bool:
        """Whether the lines after a related heading are other stories' excerpts, cut off by the site: at least
        CUT_EXCERPTS of the paragraphs end mid-sentence or on an ellipsis ("... and Pro Max, XS and XS Max, and..."),
        they are at least EXCERPT_SHARE of the paragraphs (a teaser may hold a whole paragraph above its cut one), and
        at most EXCERPT_TAIL paragraphs follow the last of them (the story going on below the widget would be more)."""
        paragraphs = [j for j in after if self.sizes[j] >= EXCERPT_WORDS and not segment.is_label(self.views[j])]
        cut = [position for position, j in enumerate(paragraphs) if _cut_off(self.views[j])]
        return (len(cut) >= CUT_EXCERPTS and len(cut) >= EXCERPT_SHARE * len(paragraphs)
                and len(paragraphs) - 1 - cut[-1] <= EXCERPT_TAIL)

    def _blurbs(self, after: Sequence[int]) -> bool:
        """Whether the lines after a related heading are a list of blurbs: short paragraphs, each saying what
        another site, book or resource is or offers ("Example.com offers a free guide to ..."), none reporting."""
        return len(after) >= BLURBS and all(
            segment.word_count(self.views[j]) <= BLURB_WORDS and _BLURB.match(self.views[j])
            and not affixes.REPORTING.search(self.views[j]) for j in after)

    def _footer_start(self) -> int | None:
        """The first footer marker far enough into the text, or followed by nothing that looks like body."""
        for index, _category in self.markers:
            if self.lines[index].start >= FOOTER_START * len(self.text):
                return index
            if self._only_boilerplate_after(index):
                return index
        return None

    def _above_tail(self) -> None:
        """Footer rules also take the lines just above the boilerplate that ends the text (an author's bio
        above the tip line, share bar and copyright), or above the piece's own list of references that ends it (its
        writer's bio above "Sources:"), one line at a time while they match. It runs again after the line
        classifier, whose closing lines ("<Site> needs your help. Please donate.") may stand between a bio and
        the end."""
        if not self._wakes_footer():
            return
        last = len(self.lines) - 1
        references = self._closing_references()
        index = last if references is None else references - 1
        while index > 0 and self.removed[index] is not None:
            index -= 1
        if index == last and references is None:
            return  # the last line had its turn with the footer zone
        self._footer_rules_upwards(index)

    def _above_footer(self, footer: int) -> None:
        """Footer rules also take the lines just above the line that opens the footer (an author's bio above the
        copyright notice), one line at a time while they match, whatever follows the footer (a shop's ad no rule
        knows, which keeps `_above_tail` from reaching them)."""
        if footer > 0 and self._wakes_footer():
            self._footer_rules_upwards(footer - 1)

    def _wakes_footer(self) -> bool:
        """Whether the text wakes any footer rule, line or sentence: the walks up run them, or need not start."""
        return self._wakes(self.compiled.footer_line) or self._wakes(self.compiled.footer_sentence)

    def _footer_rules_upwards(self, index: int) -> None:
        """Footer rules on line `index` (or the first kept line above it), then on the next kept line up, while they
        remove the line; a line whose every sentence a rule took is passed over as a removed one ("Contributed by
        <site>." between a writer's bio and the site's own)."""
        while True:
            while index > 0 and self._taken(index):
                index -= 1
            if self._taken(index):
                return  # nothing but boilerplate is left
            self._lines(self.compiled.footer_line, [index])
            self._sentences(self.compiled.footer_sentence, [index])
            if self.removed[index] is None:
                return

    def _taken(self, index: int) -> bool:
        """Whether line `index` is removed, or nothing of it is left but spaces and punctuation."""
        return self.removed[index] is not None or not any(c.isalnum() for c in self._left(index))

    def _bio_run(self) -> None:
        """An author's bio near the end runs on over the lines after it that speak of the same person (that
        name the person or say he/she/his/her): the whole run goes when it reaches the end of the text. It is looked
        for again after the line classifier, whose closing lines ("<Site> Videos: Comment on this article") may be
        what stood between the bio and the end."""
        group = self.compiled.footer_line
        if not self._wakes(group):
            return
        left = [i for i in range(len(self.lines)) if self.removed[i] is None][-BIO_LINES:]
        for position, index in enumerate(left):
            if self.lines[index].start < self.footer_floor:
                continue
            view = self.views[index]
            subject = _BIO_SUBJECT.search(view)  # cheaper than the bio rules, and a run needs both
            if subject is None:
                continue
            size = self.sizes[index]
            rule = next((r for r in self._for_line(group, index) if r.category == "bio"
                         and (found := self.compiled.match(r, view, size)) and self._fits(r, index, found)), None)
            if rule is None:
                continue
            name = subject.group(1)
            rest = left[position + 1:]
            if all(name in self.views[j] or _PRONOUN.search(self.views[j]) for j in rest):
                for j in (index, *rest):
                    self._remove_line(j, "bio", rule.id)
                return

    def _unnamed_bio(self) -> None:
        """The writer's bio that ends the last kept line, or is it (`closing.bio_start`), in the text's last part."""
        last = self._last_plain_line("bio")
        if last is None:
            return
        line = self.lines[last]
        view = self._without_bylines(last)
        elsewhere = "\n".join([self.title or "", *(self.views[j] for j in range(last) if self.removed[j] is None)])
        kept = view[:self._kept_end(last)]  # the bio may end what the spans left: a share line, a source after it
        start = closing.bio_start(kept, elsewhere)
        if start is None:
            start = self._glued_bio_sentence(kept, elsewhere)
        if start is None or line.start + start < FOOTER_START * len(self.text):
            return
        if start == 0:
            self._remove_line(last, "bio", UNNAMED_BIO)
        else:
            self.spans.append(Span(line.start + start, line.end, "bio", UNNAMED_BIO))

    def _unnamed_source(self) -> None:
        """The outlet a repost names after its last sentence (`SOURCE_NAME`, `BRACKETED_SOURCE`), in the text's last
        part."""
        last = self._last_plain_line("source")
        if last is None:
            return
        line, view = self.lines[last], self.views[last]
        end = self._kept_end(last)
        bracketed = BRACKETED_SOURCE.search(view, max(0, end - SOURCE_NAME_CHARS), end)
        if (bracketed and not _WIRE_MARK.fullmatch(bracketed["name"])
                and not segment.STAGE_DIRECTION.fullmatch(bracketed.group())
                and line.start + bracketed.start() >= FOOTER_START * len(self.text) and self._english):
            self.spans.append(Span(line.start + bracketed.start(), line.start + end, "source", UNNAMED_SOURCE))
            return
        match = SOURCE_NAME.search(view, max(0, end - SOURCE_NAME_CHARS), end)
        if match is None or _WIRE_MARK.fullmatch(match.group()):
            return
        words = match.group().split()
        names = [word for word in _NAME_WORD.findall(match.group())
                 if word != "Via" and (len(word) > 2 or word.isupper())]
        if not names or len(set(words)) < len(words) or line.start + match.start() < FOOTER_START * len(self.text):
            return
        elsewhere = "\n".join([self.title or "", *(self.views[j] for j in range(last))])
        if closing.named_before(names, view[:match.start()], elsewhere) or not self._english:
            return
        self.spans.append(Span(line.start + match.start(), line.start + end, "source", UNNAMED_SOURCE))

    def _last_plain_line(self, category: str) -> int | None:
        """The last line nothing has removed, if the user keeps no `category` and offsets in its view are offsets in
        the text (markup makes them differ)."""
        last = next((i for i in range(len(self.lines) - 1, -1, -1) if self.removed[i] is None), None)
        if last is None or category in self.keep:
            return None
        line = self.lines[last]
        return last if len(self.views[last]) == line.end - line.start else None

    def _kept_end(self, index: int) -> int:
        """Where what the spans left of line `index` ends, as an offset in its view."""
        line = self.lines[index]
        end = line.end
        for span in sorted(self.spans, key=lambda span: span.end, reverse=True):
            if span.start < end <= span.end:
                end = span.start
                while end > line.start and self.text[end - 1].isspace():
                    end -= 1
        return end - line.start

    def _without_bylines(self, index: int) -> str:
        """Line `index` as rules see it, with the bylines strip took from it blanked out: the byline at the top of a
        one-line text names its writer, not a person of the story (`closing.without_writer_credits` blanks one strip
        left in place)."""
        line, view = self.lines[index], self.views[index]
        for span in self.spans:
            start, end = max(span.start, line.start) - line.start, min(span.end, line.end) - line.start
            if start < end and span.category == "byline":
                view = view[:start] + " " * (end - start) + view[end:]
        return view

    def _glued_bio_sentence(self, view: str, elsewhere: str) -> int | None:
        """Where the last sentence of the text's last kept line begins, when it is a one-sentence bio that a bio
        rule knows by its words ("Jane Roe is the author of ...", not only "X is a ...", which the rules for
        unnamed bios take on a line of its own) of a person the text names nowhere else: a scrape ran it into the
        story's last paragraph. A story's own last sentence about a writer names them earlier."""
        pieces = self.compiled.sentences(view)
        if len(pieces) < 2:
            return None  # a line that is the bio alone is the line rules' to take
        start, _end, sentence, _lead = pieces[-1]
        facts = self.compiled.unit(sentence)
        group = self.compiled.footer_line
        woken = self.compiled.woken(facts.requirements)
        if not any(rule.category == "bio" and not rule.unnamed and self.compiled.match(rule, sentence, facts.size)
                   for rule in group.pick(woken, facts.lead, facts.size)):
            return None
        subject = _BIO_SUBJECT.search(sentence)
        names = [word for word in _NAME_WORD.findall(sentence[:subject.start(1) + len(subject.group(1))])
                 if len(word) > 2] if subject else []
        if not names or closing.named_before(names, view[:start], elsewhere):
            return None
        return start

    def _kept_after(self, index: int) -> int | None:
        """The first line after line `index` that nothing has removed."""
        return next((j for j in range(index + 1, len(self.lines)) if self.removed[j] is None), None)

    def _above_prose(self, index: int) -> bool:
        """Whether line `index` is a paragraph of its own and the next kept line is prose."""
        paragraph = self.lines[index].paragraph
        if any(0 <= j < len(self.lines) and self.lines[j].paragraph == paragraph for j in (index - 1, index + 1)):
            return False
        below = self._kept_after(index)
        return below is not None and self.sizes[below] >= PROSE_WORDS and not segment.is_label(self.views[below])

    def _header_region(self) -> None:
        """Label-like lines above the last byline of the header (a headline, a repeated author name) go too.

        Above the first byline only a few lines can be a headline, kicker or standfirst: a longer run of
        label-like lines there is content (a table of figures), whatever follows it."""
        anchor = -1
        first = None
        for index in range(self.header_end):
            span = self.removed[index]
            if span is None and not segment.is_label(self.views[index]):
                break
            if span is not None and span.category in HEADER_ANCHORS:
                anchor = index
                first = index if first is None else first
        if first is not None and sum(1 for i in range(first) if self.removed[i] is None) > HEADLINE_LINES:
            return
        for index in range(anchor):
            if self.removed[index] is None:
                headline = index == 0 and segment.word_count(self.views[0]) >= 3
                self._remove_line(index, "headline" if headline else "byline", HEADER_REGION)
                if headline:
                    self.found.append((0, {"title": self.views[0]}))

    def _masthead(self) -> None:
        """The outlet's name alone on one of the text's first lines, spelt as its domain spells it ("Harbour Impact
        News" in harbourimpactnews.com): the page's masthead, or the outlet a byline above it writes for."""
        stem = lineclf.outlet_stem(self.outlet)
        if len(stem) < MASTHEAD_LETTERS:
            return
        for index in range(min(MASTHEAD_LINES, len(self.lines))):
            if self.removed[index] is None and lineclf.spelt(self.views[index]) == stem:
                self._remove_line(index, "byline", MASTHEAD)

    def _byline_affiliation(self) -> None:
        """The line right under a "by <name>" line that a rule took among the text's first lines, where it is short
        and reads as a name, not a sentence or a heading (`AFFILIATION_WORDS`, `_NOT_AN_AFFILIATION`): the outlet or
        role the writer signs with, which goes with the byline. Reposts print it so ("by Jane Roe" over "Harbour
        Health Review", then the story). A dated byline is a magazine's, over the piece's own headline."""
        for index in range(min(AFFILIATION_LINES, len(self.lines) - 2)):
            span = self.removed[index]
            if span is None or span.category != "byline" or not _BY.match(self.views[index]):
                continue
            if any(c.isdigit() for c in self.views[index]):
                return  # a magazine's "By Jane Roe — May 2, 2016, Issue" stands over the piece's own headline
            below = self.views[index + 1]
            if (self.removed[index + 1] is None and 0 < segment.word_count(below) <= AFFILIATION_WORDS
                    and not _NOT_AN_AFFILIATION.search(below)):
                self._remove_line(index + 1, "byline", AFFILIATION)
            return

    def _about_headings(self) -> None:
        """A heading "About <name>" without a colon in the text's last part opens an about section, as "About
        <name>:" does, when the paragraph under it names <name> ("About Harbour Outfitters" over "Harbour
        Outfitters makes ..."): a press release's closing words on a company, where the rules ask for the colon.
        Before that part, only where nothing but boilerplate and labels follows that paragraph (a release whose
        notice on forward-looking statements is longer than its story), and the paragraph goes with the heading."""
        if "bio" in self.keep:
            return
        floor = FOOTER_START * len(self.text)
        for index, view in enumerate(self.views):
            match = _ABOUT_NAMED.match(view) or _ABOUT_CAPS.match(view)
            if match is None or self.removed[index] is not None:
                continue
            below = self._kept_after(index)
            early = self.lines[index].start < floor
            if below is None or (early and not self._only_boilerplate_after(below)):
                continue
            if _names_below(match, self.views[below]):
                self._remove_line(index, "bio", ABOUT_HEADING)
                bisect.insort(self.markers, (index, "bio"))
                if early:
                    self._remove_line(below, "bio", ABOUT_HEADING)  # the footer starts too late to take it

    def _only_boilerplate_after(self, index: int) -> bool:
        """Whether every line after line `index` is removed or a label, or a short line under a contact heading a
        rule took (a contact block's "Harbour Ferries Ltd.")."""
        contact = False
        for j in range(index + 1, len(self.lines)):
            contact = contact or self._contact_heading(j)
            if not (self.removed[j] or segment.is_label(self.views[j])
                    or contact and segment.word_count(self.views[j]) <= CONTACT_WORDS):
                return False
        return True

    def _contact_heading(self, index: int) -> bool:
        """Whether a contact rule took line `index` and it ends in a colon ("Contact:", not "Contact: Jane Roe", a
        line complete in itself): the short lines under it are the contact's."""
        span = self.removed[index]
        return span is not None and span.category == "contact" and self.views[index].rstrip().endswith(":")

    def _footer_region(self, start: int) -> None:
        """After the footer marker, label-like lines go unless a body paragraph follows (a subheading). After
        an "about" heading (an author's or a publisher's), or a disclaimer's heading alone on its line, its
        paragraphs go too when they end the text or the next footer marker follows them (a press release's
        contact block). Under a contact heading (a marker, or a line a contact rule took that ends in a colon:
        "Contact:"), short lines go too: a name, a company, a number."""
        marker = self.removed[start]
        category = marker.category if marker else "source"
        abouts = [(i, kind) for i, kind in self.markers if i >= start and (
            kind == "bio" or kind == "disclaimer" and segment.is_label(self.views[i]))]
        # One section after another (a press release on two organisations, then its notice on forward-looking
        # statements): each runs to the next marker, or to a line a rule took (its contact line: "Contact: Jane Roe").
        for heading, kind in abouts:
            end = min((index for index, _kind in self.markers if index > heading), default=len(self.lines))
            end = next((j for j in range(heading + 1, end) if self.removed[j] is not None), end)
            section = range(heading + 1, end)
            if len(section) > (ABOUT_LINES if kind == "bio" else NOTICE_LINES):
                continue  # more than an about paragraph or a notice: the release's own background ("About AML")
            for index in section:
                self._remove_line(index, kind, FOOTER_REGION)
            if end == len(self.lines) and abouts[0][0] == start:
                return  # the sections run to the end; below a marker of another kind, its labels are left
        contact = min((index for index, kind in self.markers if index >= start and kind == "contact"),
                      default=len(self.lines))
        contact = next((j for j in range(start, contact) if self._contact_heading(j)), contact)
        next_is_body = False
        for index in range(len(self.lines) - 1, start, -1):
            if self.removed[index]:
                continue
            view = self.views[index]
            label = segment.is_label(view) or (index > contact and segment.word_count(view) <= CONTACT_WORDS)
            if label and not next_is_body:
                self._remove_line(index, "contact" if index > contact else category, FOOTER_REGION)
                continue
            next_is_body = not label

    def _related_items(self) -> None:
        """Bulleted items that end the text (with only removed boilerplate below them) under a related heading that
        a rule took ("Editors' Recommendations:"), not under another item, are that list, however long each
        headline is; so are lines that read as headlines without bullets under such a heading ("You may also like..."
        over "Who will make the Hall of Fame in 2020?"), and an opinion page's links to columns under a heading with
        a colon ("Read more:" over "Jane Roe: The pier deserves better. Fund it."; a link in brackets above a quote
        introduced by its speaker is no such heading). Without a heading, UNLABELLED_ITEMS or more bulleted
        headlines in Title Case right above the boilerplate that ends the text are a related list whose heading the
        scrape lost ("- 15 Amazing Images of Stars" above "Originally published on <site>.")."""
        for is_item in (closing.list_item, closing.plain_headline, closing.writer_link):
            items, above = self._items_ending_text(is_item)
            if not items or above is None:
                continue
            heading, view = self.removed[above], self.views[above]
            if heading is not None:
                listed = (heading.category == "related" and segment.is_label(view.removesuffix("...").rstrip("…"))
                          and not closing.list_item(view)
                          and (is_item is not closing.writer_link or closing.heading(view)))
            else:
                listed = (is_item is closing.list_item and len(items) >= UNLABELLED_ITEMS
                          and items[0] < len(self.lines) - 1
                          and all(closing.headline(closing.unbulleted(self.views[item])) for item in items))
            if listed:
                for item in items:
                    self._remove_line(item, "related", RELATED_ITEMS)
                return

    def _items_ending_text(self, is_item: Callable[[str], bool]) -> tuple[list[int], int | None]:
        """The kept lines that `is_item` accepts in the run that ends the text (removed lines below them passed over),
        last first, and the line above them (None where they open the text)."""
        items: list[int] = []
        for index in range(len(self.lines) - 1, -1, -1):
            if self.removed[index] is None and is_item(self.views[index]):
                items.append(index)
            elif self.removed[index] is None or items:
                return items, index
        return items, None

    def _shouted_headlines(self) -> None:
        """Other stories' headlines in capitals between two kept paragraphs in mixed case (`SHOUTED_WORDS`,
        `SHOUTED_MOST`) go as related; the story's first lines are its own headline and deck. Only in English,
        where outlets print their links so: a Spanish story sets its own crossheads in capitals ("NO SE PUEDE
        CONFUNDIR UN VIRUS CON UNA BACTERIA"). A headline's words hold letters, so a table's title ("FRESH PORK
        CUTS - FOB OMAHA BASIS") stays, though it still counts among the text's lines in capitals. So does a line
        that shares a topic word with the paragraph above or below it: the story's own crosshead, which names what
        that section tells ("FLU SHOT MANDATES FOR HEALTH CARE WORKERS" over "... mandate health care workers
        receive a yearly flu vaccine"), unless the outlet links in capitals and the line is long (`SHOUTED_TOPICAL`).
        So does a headline that the line above introduces with a colon ("Via <site>, Feb. 4, 2015:" over it): a story
        quoting another piece. And so does one under a short line: a table's or a notice's heading (a dividend notice
        naming each fund in capitals over its figures)."""
        capitals = [index for index, view in enumerate(self.views)
                    if _SHOUTED_LINE.fullmatch(view) and len(view.split()) >= SHOUTED_WORDS]
        shouted = [index for index in capitals if self.removed[index] is None]
        linked = len(shouted) < len(capitals)
        most = SHOUTED_MOST_LINKED if linked else SHOUTED_MOST
        if not shouted or len(shouted) > most or not self._english:
            return
        for index in shouted:
            if (2 <= index < len(self.lines) - 1 and _lettered_words(self.views[index]) >= SHOUTED_WORDS and all(
                    self.removed[near] is None and any(c.islower() for c in self.views[near])
                    for near in (index - 1, index + 1)) and self.sizes[index - 1] >= SHOUTED_WORDS
                    and (linked and self.sizes[index] >= SHOUTED_TOPICAL or not self._crosshead(index))
                    and not self.views[index - 1].endswith(":")):
                self._remove_line(index, "related", SHOUTED_HEADLINE)

    def _bracketed_headlines(self) -> None:
        """Other stories' headlines in square brackets between two kept paragraphs, as a newspaper links them inside a
        story, go as related where the text holds BRACKETED_LEAST or more of them, counting those a rule took
        (`_BRACKETED_LINE`: a bracketed line of HEADLINE_WORDS words, not a note, a credit or the writer's own
        aside), and only in English."""
        bracketed = [index for index, view in enumerate(self.views) if _BRACKETED_LINE.fullmatch(view)
                     and closing.HEADLINE_WORDS[0] <= self.sizes[index] <= closing.HEADLINE_WORDS[1]]
        if len(bracketed) < BRACKETED_LEAST or not self._english:
            return
        for index in bracketed:
            if 0 < index < len(self.lines) - 1 and all(
                    self.removed[near] is None for near in (index - 1, index, index + 1)):
                self._remove_line(index, "related", BRACKETED_HEADLINE)

    def _crosshead(self, index: int) -> bool:
        """Whether a line shares a topic word with the line above or below it."""
        words = lineclf.content_words(self.views[index])
        return any(not words.isdisjoint(lineclf.content_words(self.views[near]))
                   for near in (index - 1, index + 1))

    def _playlist_titles(self) -> None:
        """A video player's playlist prints each clip as its length, its title and its channel with the length again
        ("01:34" / "<title>" / "NFL Arizona Cardinals | 01:34"): a title (PLAYLIST_TITLE_WORDS or fewer words, no
        full stop at its end) under a length alone on its line and above another line `PLAYLIST_RULE` took goes with
        them. A story's paragraph ends on a stop; a story's subheading between two video widgets has no length alone
        above it."""
        if "embed" in self.keep:
            return
        for index in range(1, len(self.lines) - 1):
            above, below = self.removed[index - 1], self.removed[index + 1]
            if (self.removed[index] is None and above is not None and below is not None
                    and above.rule == below.rule == PLAYLIST_RULE and _CLIP_LENGTH.fullmatch(self.views[index - 1])
                    and self.sizes[index] <= PLAYLIST_TITLE_WORDS and not self.views[index].rstrip().endswith(".")):
                self._remove_line(index, "embed", PLAYLIST_TITLE)

    def _lone_headline(self) -> None:
        """A text whose one kept line is another story's headline (`closing.headline`), sharing no topic word with the
        record's title, is a scrape that caught only an aggregator's link to that story: the line goes as related, and
        the record is left empty. Without a title there is nothing to tell another story's headline from its own."""
        if not self.title:
            return
        kept = [index for index, span in enumerate(self.removed) if span is None]
        if len(kept) != 1 or self._left(kept[0]) != self.views[kept[0]] or not closing.headline(self.views[kept[0]]):
            return
        if lineclf.content_words(self.title).isdisjoint(lineclf.content_words(self.views[kept[0]])):
            self._remove_line(kept[0], "related", LONE_HEADLINE)

    def _closing_run(self) -> None:
        """Lines in the last part of the text that stand between removed boilerplate lines and are label lines
        or speak for the site (`closing.speaks_for_the_site`: a sign-off, a site's disclaimer) go with the
        boilerplate above them; so do such lines that end the text, where they speak for the site or the
        boilerplate above them is a heading (a list under "You might also like"). Walking up from the end, the
        first line that is neither ends the run: story text above it stays."""
        pending: list[int] = []
        ending = True
        floor = FOOTER_START * len(self.text)
        for index in range(len(self.lines) - 1, -1, -1):
            span = self.removed[index]
            view = self.views[index]
            if span is not None:
                heading = segment.is_label(view)
                for j in pending:
                    if not ending or heading or closing.speaks_for_the_site(self._left(j)):
                        self._remove_line(j, span.category, CLOSING_RUN)
                pending = []
                ending = False
                continue
            if self.lines[index].start < floor:
                return
            left = self._left(index)
            if not (segment.is_label(view, CLOSING_LABEL_WORDS) or closing.speaks_for_the_site(left)):
                if self._left(index, DATELINE_RULE) != view and not ending:
                    for j in pending:  # a rule took a piece of this line (not the dateline a wire story opens on)
                        self._remove_line(j, CLOSING_RUN_PIECE, CLOSING_RUN)
                elif (pending and not ending and closing.heading(self.views[pending[-1]])
                      and all(segment.is_label(self.views[j], CLOSING_LABEL_WORDS) for j in pending)):
                    below = next(s for s in self.removed[pending[0] + 1:] if s is not None)
                    for j in pending:  # a heading ("Links:") over the boilerplate, and what stands under it
                        self._remove_line(j, below.category, CLOSING_RUN)
                elif pending and not ending and self._source_named(pending):
                    for j in pending:  # the name of the site or blog whose "Source: <link>" follows
                        self._remove_line(j, "source", CLOSING_RUN)
                return
            pending.append(index)

    def _lead_up_questions(self) -> None:
        """The questions right before a removed invitation to comment in the last part of the text ("Have something to
        add? Share it in the comments below."; "What is your reaction?" on the line above "Let us know in the
        comments") lead up to it and go with it. A question to the reader with no invitation after it is the writer's
        and stays."""
        floor = FOOTER_START * len(self.text)
        invitations = sorted((span for span in self.spans
                              if span.start >= floor and _INVITATION.search(self.text[span.start:span.end])),
                             key=lambda span: span.start)
        starts = [line.start for line in self.lines]
        for invitation in invitations:
            index = bisect.bisect_right(starts, invitation.start) - 1
            line = self.lines[index]
            before = [piece for piece in segment.parts(self.text, line.start, line.end) if piece[1] <= invitation.start]
            if not before and index > 0 and self.removed[index - 1] is None and self.removed[index] is not None:
                line = self.lines[index - 1]
                before = segment.parts(self.text, line.start, line.end)
                if all(self._question(start, end) for start, end in before) and len(before) <= LEAD_UP_QUESTIONS:
                    self._remove_line(index - 1, invitation.category, LEAD_UP_QUESTION)
                continue
            questions: list[tuple[int, int]] = []
            for start, end in reversed(before):
                if not self._question(start, end) or self._covered(start, end):
                    break
                questions.append((start, end))
            if len(questions) <= LEAD_UP_QUESTIONS:
                self.spans.extend(Span(start, end, invitation.category, LEAD_UP_QUESTION) for start, end in questions)

    def _question(self, start: int, end: int) -> bool:
        """Whether text[start:end] asks for the reader's reaction in a question of at most QUESTION_WORDS words, or is a
        question too short to be about the story's subject ("Huh?")."""
        sentence = self.text[start:end].strip(" *")
        words = len(sentence.split())
        return sentence.endswith("?") and (words <= 2 or words <= QUESTION_WORDS and bool(_REACTION.search(sentence)))

    def _covered(self, start: int, end: int) -> bool:
        return any(span.start <= start and end <= span.end for span in self.spans)

    def _below_rights(self) -> None:
        """The kept lines below a notice of rights (`_RIGHTS_NOTICE`) that a rule removed in the last part of the text
        go with it, where more removed boilerplate ends the text and none of them reports. A page's author signs off
        their piece with its rights and the terms of reprinting it; what a blog prints between that and its source
        line is its closing block (a bio, a workshop, a plea), whose paragraphs rules take one sentence of at most."""
        floor = FOOTER_START * len(self.text)
        notice = next((index for index, span in enumerate(self.removed)
                       if span is not None and span.category == "copyright" and self.lines[index].start >= floor
                       and _RIGHTS_NOTICE.search(self.views[index])),
                      None)
        if notice is None:
            return
        below = [index for index in range(notice + 1, len(self.lines)) if self.removed[index] is None]
        if not below or self.removed[-1] is None or any(_REPORTED.search(self.views[index]) for index in below):
            return  # the block stands between boilerplate, and it reports nothing
        kept = sum(len(self._left(index)) for index, span in enumerate(self.removed) if span is None)
        if sum(len(self._left(index)) for index in below) > BELOW_RIGHTS_SHARE * kept:
            return
        for index in below:
            self._remove_line(index, "copyright", BELOW_RIGHTS)

    def _source_named(self, lines: list[int]) -> bool:
        """Whether the kept lines right above a removed source credit read as that source's name."""
        below = self.removed[lines[0] + 1]
        return (below is not None and below.category == "source" and len(lines) <= SOURCE_NAME_LINES
                and all(self._left(j) == self.views[j] and _names(self.views[j]) for j in lines))

    def _pitches(self) -> None:
        """A line that leads up to a call to action and sells (`closing.sells`: "... you can too. Learn how with
        a free kit ...", then "Click here to get ..." in the same line or the next) is the same advertisement:
        it goes with the call to action, as that one's category (from where a story's sentences before it end,
        `_story_before_pitch`). So does a line that holds an offer (an `ad` span: "FREE GIFT!") and ends on a call
        to action: what stands between them is the same advertisement. A marker below ("Advertisement") calls for
        nothing (`closing.asks`): a page prints it above its advertisement, under whatever paragraph of the story
        comes before."""
        # Only a rule's call to action ends a pitch: an in-line finder's pointer that ends a line ("Watch:", "SEE MORE
        # ... HERE") is where an embed or a link stood, and a text scraped as one line would go whole with it.
        ending = {span.end: span for span in self.spans
                  if span.category in PITCHED and not span.rule.startswith("affix.")}
        # An advertisement's marker inside a line ("- Advertisement -") interrupts the story; it offers nothing.
        offers = {span.start for span in self.spans if span.category == "ad" and span.rule != "affix.ad"}
        for index, line in enumerate(self.lines):
            if self.removed[index] is not None:
                continue
            below = self.removed[index + 1] if index + 1 < len(self.lines) else None
            call = ending.get(line.end) if line.end in ending and ending[line.end].start >= line.start else below
            if call is None or call.category not in PITCHED:
                continue
            if call is below and not closing.asks(self.views[index + 1]):
                continue
            offered = call is not below and any(line.start <= start < call.start for start in offers)
            if not (offered or closing.sells(self._left(index))):
                continue
            start = self._story_before_pitch(index)
            if start is None:
                self._remove_line(index, call.category, PITCH)
            else:
                self.spans.append(Span(line.start + start, line.end, call.category, PITCH))

    def _story_before_pitch(self, index: int) -> int | None:
        """Where a pitch starts in line `index` when a story's sentences come before it: a scrape ran the story's
        last paragraph and the site's appeals into one line ("... a populist vote. Article by ... Email us at ...
        Help support the ministry ... with your gift. DONATE NOW !"). The story is the line's opening run of
        sentences that neither ask something of the reader (`closing.asks`), sell (`closing.pitch`) nor were taken
        by a span, when it is two sentences or more: an advertisement opens on one such sentence at most ("With
        tensions rising, thousands are moving their savings."). None where the whole line is the pitch."""
        line, view = self.lines[index], self.views[index]
        if len(view) != line.end - line.start:
            return None  # markup: offsets in the view are not offsets in the text
        taken = [(s.start - line.start, s.end - line.start) for s in self.spans if line.start <= s.start < line.end]
        for story, (begin, end, sentence, _lead) in enumerate(self.compiled.sentences(view)):
            if (closing.asks(sentence) or closing.pitch(sentence) > 0
                    or any(a <= begin < b or a < end <= b for a, b in taken)):
                return begin if story >= 2 else None
        return None

    def _classified(self) -> None:
        """The line classifier's edge runs (`lineclf.edge_runs`), scored against what the rules decided."""
        line_model = self.line_model
        if line_model is None or CLASSIFIED in self.keep:
            return
        removed = [span is not None for span in self.removed]
        context: lineclf.Context | None = None
        outlet = lineclf.outlet_stem(self.outlet)

        def built() -> lineclf.Context:
            nonlocal context
            if context is None:
                context = lineclf.Context(self.views, [not gone for gone in removed], self.title, self.outlet)
            return context

        def score(index: int) -> float:
            if self._left(index, WIDGET_LABEL_RULE) != self.views[index] or (self.kept_rules and self._kept(index)):
                return 0.0  # rules took a piece of the line and left the rest as story, or the user keeps it
            probability = lineclf.score(line_model, built, index, self.views[index], outlet)
            return probability if probability and self._english else 0.0

        for index, probability in lineclf.edge_runs(len(self.lines), removed, score, line_model.threshold,
                                                    self.sizes, self._bridges):
            self._remove_line(index, CLASSIFIED, lineclf.RULE)
            self.scores[self.lines[index].start] = round(probability, 3)

    def _bridges(self, index: int) -> bool:
        return lineclf.bridges(self.views[index]) and self._left(index) == self.views[index]

    def _kept(self, index: int) -> bool:
        """Whether a rule of a category the user keeps matches line `index` or one of its sentences."""
        line = self.lines[index]
        units = [self.views[index]] + [segment.view(self.text, start, end)
                                       for start, end in segment.sentences(self.text, line.start, line.end)]
        return any(matches(rule, unit) for rule in self.kept_rules for unit in units)

    def _left(self, index: int, ignored: str | None = None) -> str:
        """What of line `index` no span has taken yet (pieces and sentences a rule removed are cut out), but for the
        spans of rule `ignored`."""
        line, view = self.lines[index], self.views[index]
        inside = sorted((s.start, s.end) for s in self.spans if line.start <= s.start < line.end and s.rule != ignored)
        if not inside or len(view) != line.end - line.start:
            return view
        kept, reach = [], line.start
        for start, end in inside:
            kept.append(view[reach - line.start:max(reach, start) - line.start])
            reach = max(reach, end)
        kept.append(view[reach - line.start:])
        return " ".join(kept)

    def _rescued(self) -> dict[str, str]:
        rescued: dict[str, str] = {}
        for _index, groups in sorted(self.found, key=lambda item: item[0]):
            for name, value in groups.items():
                rescued.setdefault(name, value)
        return rescued


_REFERENCE_HEADING = re.compile(r"^(?:(?:Additional|Further|Other|Selected) )?(?:Sources?|References?|Notes|Footnotes"
                                r"|Endnotes|Citations|Bibliography|Works cited)(?: \([^()\n]{1,60}\))?\s*:?\s*$",
                                re.IGNORECASE)
"""Not "Links:": readers judge the links under it a piece's references as often as the site's closing links. A word
before it or a note after it are the heading's too ("Additional References (not linked in the article)")."""
_CITATION = re.compile(r"^(?:\[?\d{1,3}[.)\]]\s+)?[\"“][^\"”\n]{5,250}[\"”][^\n]{0,150}"
                       r"\b(?:1[89]|20)\d{2}\b[^\n]{0,20}$")
"""A cited work: its title in quotes, then who published it and when ("2. \"Title,\" Example News, May 3, 2024")."""
_LINK_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
_NUMBERED_LINK = re.compile(r"^\[?\d{1,3}[.)\]]?\s+(?:https?://|www\.)\S+(?: [^\n]{1,200})?$")
"""A footnote's number and its link ("17 http://example.org/report", maybe with a note after it): the piece cites it
where the number stands."""
_LINK_REST = re.compile(r"^[\w?&=%./#~+,;:-]*[/?&=][\w?&=%./#~+,;:-]*$")
"""The rest of a link a scrape wrapped onto the next line ("archive/2008/report.html", "?year=2008&page=2")."""
_LABELLED_LINK = re.compile(r"^[^\n:]{2,80}:\s*(?:https?://|www\.)\S+$")
"""A cited page: what it is, then its link ("Harbour survey 2023: https://example.org/survey")."""
_LINK_LABEL = re.compile(r"^[^\n.!?]{2,80}$")
"""What a cited page is, on the line above its link ("Ways hemp can change the world:")."""
_LINK_THEN_LABEL = re.compile(r"^(?:https?://|www\.)\S+ [^\n]{2,80}:$")
"""A link with the next page's label glued after it, as a scrape joins two lines of a list."""
REFERENCE_CITATIONS = 2
"""How many cited works make a list of references rather than one source line."""


CITED_LINK_RULE = "en.source.url-line"
"""The rule that takes a link alone on its line, which `_keep_cited_links` gives back below a citing sentence."""
_SOCIAL_POST = re.compile(r"(?:twitter\.com|t\.co|facebook\.com|instagram\.com|youtube\.com|youtu\.be)/",
                          re.IGNORECASE)
"""A link to a post, which is what an embedded post left where it stood, not a citation."""


def _reference_lists(views: Sequence[str]) -> list[tuple[int, int]]:
    """(first, past-last) line indexes of each run under a references heading of cited works and their links."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(views):
        if not _REFERENCE_HEADING.match(views[index]):
            index += 1
            continue
        end, citations = index + 1, 0
        while end < len(views):
            line = views[end]
            labelled = end + 1 < len(views) and _LINK_LABEL.match(line) is not None and \
                (_LINK_LINE.match(views[end + 1]) or _LINK_THEN_LABEL.match(views[end + 1])) is not None
            cited = (_CITATION.match(line) is not None or _LABELLED_LINK.match(line) is not None or labelled
                     or _NUMBERED_LINK.match(line) is not None)
            if not (cited or _LINK_LINE.match(line) or _LINK_THEN_LABEL.match(line) or _LINK_REST.match(line)):
                break
            citations += cited
            end += 1
        if citations >= REFERENCE_CITATIONS:
            found.append((index, end))
        index = end
    return found


_NAME_LIKE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _lettered_words(view: str) -> int:
    """How many of a line's words hold a letter: a dash, a figure or a year is no word of a headline."""
    return sum(any(c.isalpha() for c in word) for word in view.split())


def _names(view: str) -> bool:
    """A line that reads as a name, not as a sign-off or a heading: most of its words capitalized, and no comma and
    no closing colon ("Harbour Notes Blog", "Credit to Example News"; not "Blessed be, Jane" or "In closing:")."""
    words: list[str] = _NAME_LIKE_WORD.findall(view)
    if not words or view.rstrip().endswith(":") or "," in view:
        return False
    return sum(word[0].isupper() for word in words) >= NAME_CAPITALS * len(words)


def _outermost(pieces: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Pieces not inside another (a photographer's name inside the "Featured image via ..." credit that holds it);
    of pieces with the same bounds, the first found. In one sweep by start (and by end, longest first): a piece is
    inside another exactly when a piece before it in that order reaches as far, so a line of thousands of pieces
    costs no more than their sort."""
    order = sorted(range(len(pieces)), key=lambda index: (pieces[index][0], -pieces[index][1], index))
    kept: set[int] = set()
    reach = -1
    for index in order:
        if pieces[index][1] > reach:
            kept.add(index)
            reach = pieces[index][1]
    return [piece for index, piece in enumerate(pieces) if index in kept]


def _header_end(views: Sequence[str], sizes: Sequence[int]) -> int:
    """How many leading lines header rules may look at (see HEADER_LINES and HEADER_PROSE); `sizes` are the lines'
    word counts."""
    prose = 0
    for index, (unit, size) in enumerate(zip(views[:HEADER_LINES], sizes, strict=False)):
        if size >= PROSE_WORDS and not segment.is_label(unit, words=size):
            prose += 1
            if prose > HEADER_PROSE:
                return index
    return min(HEADER_LINES, len(views))


def _narrow(text: str, start: int, end: int, unit: str, match: re.Match[str], rule: Rule) -> tuple[int, int]:
    """The part of the sentence text[start:end] that a rule's match in it touches (see `segment.parts`).

    Where markup made the view longer or shorter than the text, offsets do not carry over: the parts that
    the rule matches on their own go then, or the whole sentence when none does."""
    pieces = segment.parts(text, start, end)
    if len(pieces) == 1:
        return start, end
    if len(unit) == end - start:
        low, high = start + match.start(), start + max(match.end(), match.start() + 1)
        touched = [(a, b) for a, b in pieces if a < high and low < b]
        opens = bool(touched) and not text[touched[0][0]:low].strip()
    else:
        touched = [(a, b) for a, b in pieces if matches(rule, segment.view(text, a, b))]
        opens = True
    if not touched:
        return start, end
    first = pieces.index(touched[0])
    while opens and first and text[pieces[first - 1][1] - 1] == ":":
        first -= 1  # a lead-in goes with the call it introduces ("Listen to the show: Click here ...")
    return pieces[first][0], touched[-1][1]


_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def remove_spans(text: str, spans: Sequence[Span]) -> str:
    """The text without the spans. Whole lines go with their line break, sentences with the space after them;
    paragraph breaks stay single blank lines."""
    cuts: list[tuple[int, int]] = []
    for start, end, _category, _rule in sorted(spans):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
        if whole_line:
            start, end = line_start, min(line_end + 1, len(text))
        else:
            while end < line_end and text[end] in " \t":
                end += 1
            if end == line_end:
                while start > line_start and text[start - 1] in " \t":
                    start -= 1
        if cuts and start <= cuts[-1][1]:
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], end))
        else:
            cuts.append((start, end))
    pieces = []
    position = 0
    for start, end in cuts:
        glued_left = start > 0 and text[start - 1] not in " \t\n"
        if glued_left and end < len(text) and text[end] != "\n" and text[end - 1] in " \t":
            end -= 1  # a piece cut from between two words ("the chart (click here) showing") leaves a space
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    kept = "".join(pieces)
    if " \n" in kept or "\t\n" in kept:
        kept = _TRAILING_SPACE.sub("\n", kept)
    if "\n\n\n" in kept:  # with no trailing spaces left, a blank run is three or more line breaks in a row
        kept = _BLANK_RUNS.sub("\n\n", kept)
    return kept.strip()
