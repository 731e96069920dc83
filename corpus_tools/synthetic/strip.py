"""Labeled records for `corpus eval strip`: team-written stories wrapped in outlet boilerplate with known spans.

Each record carries `boilerplate_spans: [[start, end, category], ...]`, character offsets into `text` of
everything a perfect strip would remove; the rest is story. The set is built to be hard in the ways real
corpora are: outlets whose boilerplate no shipped rule knows (only learning can find it), stories
republished by other outlets, re-crawled, abridged or re-introduced (their paragraphs recur but must
stay), background paragraphs shared by a short series of stories, stock news sentences, and story
sentences that use the words boilerplate uses ("share prices", "by the end of", "subscribers").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus_tools.synthetic import package_table

Piece = tuple[str, str | None]
"""A piece of text and its boilerplate category, or None for story text."""
Line = list[Piece]
Paragraph = list[Line]

_STORIES = package_table("strip_stories.toml")
SLOTS: dict[str, list[str]] = _STORIES["slots"]
_TOPICS: dict[str, list[str]] = _STORIES["topics"]
"""Story sentences by topic. Slots in braces; {n}, {m} and {pct} are fresh numbers each time."""
HEADLINES: dict[str, list[str]] = _STORIES["headlines"]
_STOCK: list[str] = _STORIES["stock"]
"""Standalone stock paragraphs that real stories repeat; they are story text and must stay."""
_SUBHEADINGS: list[str] = _STORIES["subheadings"]
AUTHORS: list[str] = _STORIES["authors"]


@dataclass
class Story:
    """A story's paragraphs (each a list of sentences), its headline, and the stock paragraph it may end on."""

    headline: str
    paragraphs: list[list[str]]
    ident: int


@dataclass
class Context:
    """What outlet boilerplate may mention: the outlet, the author, the date."""

    rng: random.Random
    outlet: Outlet
    author: str
    date: tuple[int, int, int]
    story: Story

    @property
    def long_date(self) -> str:
        year, month, day = self.date
        return f"{SLOTS['month'][month - 1]} {day}, {year}"


Make = Callable[[Context], list[Line]]
"""Boilerplate maker: the lines of one boilerplate paragraph (each line a list of pieces)."""


@dataclass
class Outlet:
    name: str
    domain: str | None
    header: list[Make] = field(default_factory=list)
    footer: list[tuple[float, Make]] = field(default_factory=list)
    inline: list[tuple[float, str, str]] = field(default_factory=list)
    """(probability, sentence, category): a call to action appended to a story paragraph."""
    between: list[tuple[float, str, str]] = field(default_factory=list)
    """(probability, line, category): a line placed between two story paragraphs."""
    headline_in_text: bool = False
    weight: float = 1.0


def _one(text: str, category: str) -> Make:
    return lambda ctx: [[(text, category)]]


def _fmt(template: str, category: str) -> Make:
    return lambda ctx: [[(template.format(outlet=ctx.outlet.name, author=ctx.author, date=ctx.long_date,
                                          year=ctx.date[0]), category)]]


def _lines(*parts: tuple[str, str]) -> Make:
    return lambda ctx: [[(text.format(outlet=ctx.outlet.name, author=ctx.author, date=ctx.long_date,
                                      year=ctx.date[0]), category)] for text, category in parts]


def _related(ctx: Context) -> list[Line]:
    headlines = ctx.rng.sample([h for hs in HEADLINES.values() for h in hs], 3)
    filled = [fill(h, ctx.rng, draw_entities(ctx.rng)) for h in headlines]
    lines: list[Line] = [[("Related Articles", "related")]]
    return lines + [[(h, "related")] for h in filled]


def _outlets() -> list[Outlet]:
    """The outlets of the set. The first five wear boilerplate the shipped rules know; the Lantern,
    Granite, Old Mill and Bytown outlets wear their own, which only learning can find."""
    return [
        Outlet("Harbor Ledger", "harborledger.example", weight=1.2,
               header=[_fmt("By {author}", "byline"), _fmt("Published {date}", "byline")],
               footer=[(1.0, _fmt("© {year} Harbor Ledger Media. All rights reserved.", "copyright")),
                       (0.7, _one("Sign up for our morning newsletter to get the day's top stories in your inbox.",
                                  "newsletter"))]),
        Outlet("Northwind Daily", "northwind.example", headline_in_text=True,
               header=[_fmt("By {author}", "byline"), _fmt("Northwind Daily, {date}", "byline"),
                       _one("Topics: Regional News, Politics", "taxonomy")],
               footer=[(1.0, _lines(("The original source of this article is Northwind Daily", "source"),
                                    ("Copyright © {author}, Northwind Daily, {year}", "copyright"))),
                       (0.8, _one("Comment on Northwind Daily articles on our Facebook page", "comments")),
                       (0.6, _related)]),
        Outlet("Prairie Voice", "prairievoice.example",
               header=[_fmt("Posted on {date} by {author}", "byline")],
               footer=[(0.9, _one("If you value what we do, please support our newsroom. Every gift helps: "
                                  "PayPal: desk@prairievoice.example or https://www.patreon.com/prairievoice",
                                  "donation")),
                       (0.8, _one("Featured image is from the Prairie Voice archive.", "credit")),
                       (0.5, _one("Follow us on Twitter and Facebook for live updates.", "share"))]),
        Outlet("Coastal Courier", "coastalcourier.example",
               inline=[(0.5, "Click here to see our interactive map of the affected area.", "cta"),
                       (0.3, "Related Videos", "related")],
               between=[(0.4, "Advertisement", "ad")],
               footer=[(0.7, _one("This article originally appeared on Coastal Courier.", "source")),
                       (0.6, _one("Share this article:", "share"))]),
        Outlet("Metro Pulse", "metropulse.example", weight=0.8,
               between=[(0.5, "Story continues below advertisement", "ad")],
               footer=[(0.8, _fmt("Jane Doe is a freelance writer who covers {outlet} stories for regional papers.",
                                  "bio")),
                       (0.9, _one("Terms of Use | Privacy Policy | Contact Us", "widget"))]),
        Outlet("Lantern Radio", "lanternradio.example",
               header=[_one("Lantern Radio · the valley's voice since 1962", "promo")],
               footer=[(1.0, _one("Lantern Radio brings you the valley's stories every weekday at dawn.", "promo")),
                       (0.9, _one("Tips and letters reach the newsroom through the red mailbox on Mill Street.",
                                  "contact")),
                       (0.5, _one("Our reporters travel the river roads so that you do not have to.", "promo"))]),
        Outlet("Granite Gazette", "granitegazette.example",
               footer=[(1.0, _one("The Granite Gazette is owned by its readers and answers to no one else.",
                                  "promo")),
                       (0.4, _lines(("The Gazette's annual almanac for {year} is now at the front desk.", "promo"),
                                    ("It lists every tide, festival and council meeting of the coming year.",
                                     "promo"),
                                    ("Readers who bring an old copy receive a new one at half the cover price.",
                                     "promo")))]),
        Outlet("Old Mill Review", "oldmillreview.example", weight=0.8,
               header=[_one("Old Mill Review | Weekly notes from the mill towns", "promo")],
               footer=[(0.6, _lines(("The Review's field guide to the river birds returns this spring in a second "
                                     "edition.", "promo"),
                                    ("Its pages follow herons, kingfishers and dippers through a whole year on the "
                                     "water.", "promo"),
                                    ("Copies wait for you at the Review office on Tannery Lane.", "promo"))),
                       (0.8, _one("Letters to the editor are welcome and are printed every Thursday.", "comments"))]),
        Outlet("Bytown Bulletin", "bytownbulletin.example",
               header=[_fmt("By {author}", "byline")],
               footer=[(1.0, _one("Bytown Bulletin readers fund this work one subscription at a time.", "donation")),
                       (0.7, _one("Sign up for our morning newsletter.", "newsletter"))]),
        Outlet("Wire Desk", "wiredesk.example", weight=1.2,
               footer=[(0.9, _fmt("(Reporting by {author}; Editing by Sam Hale)", "credit"))]),
        Outlet("Valley Notes", None, weight=0.6,
               footer=[(1.0, _one("Valley Notes is written by volunteers and printed on recycled paper.", "promo")),
                       (0.6, _one("Find Valley Notes at every library in the county.", "promo"))]),
        Outlet("Plain Text Wire", None, weight=0.6),
    ]


def draw_entities(rng: random.Random) -> dict[str, str]:
    return {name: rng.choice(values) for name, values in SLOTS.items()}


def fill(template: str, rng: random.Random, entities: dict[str, str]) -> str:
    numbers = {"n": str(rng.randint(3, 950)), "m": str(rng.randint(2, 9)), "pct": str(rng.randint(2, 40))}
    filled = template.format(**entities, **numbers)
    return filled[0].upper() + filled[1:]


def new_story(rng: random.Random, ident: int, paragraphs: int | None = None) -> Story:
    topic = rng.choice(sorted(_TOPICS))
    entities = draw_entities(rng)
    bank = _TOPICS[topic][:]
    rng.shuffle(bank)
    count = paragraphs or rng.randint(4, 8)
    body: list[list[str]] = []
    while len(body) < count:
        if not bank:
            bank = _TOPICS[topic][:]
            rng.shuffle(bank)
        size = min(rng.choice((1, 2, 2, 3)), len(bank))
        body.append([fill(bank.pop(), rng, entities) for _ in range(size)])
    if rng.random() < 0.15:
        body.insert(rng.randint(2, len(body)), [rng.choice(_SUBHEADINGS)])
    if rng.random() < 0.35:
        body.insert(rng.randint(len(body) - 1, len(body)), [rng.choice(_STOCK)])
    return Story(fill(rng.choice(HEADLINES[topic]), rng, entities), body, ident)


def variant(rng: random.Random, story: Story) -> Story:
    """A republished copy: whole, abridged, or with a new opening paragraph."""
    paragraphs = [p[:] for p in story.paragraphs]
    roll = rng.random()
    if roll < 0.3 and len(paragraphs) > 3:
        paragraphs = paragraphs[: rng.randint(3, len(paragraphs) - 1)]
    elif roll < 0.5:
        entities = draw_entities(rng)
        paragraphs[0] = [fill("{person} reported from {city} for this edition.", rng, entities)] + paragraphs[0]
    return Story(story.headline, paragraphs, story.ident)


class Builder:
    """Joins pieces into a text and records the offsets of the boilerplate pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[list[Any]] = []

    def add(self, text: str, category: str | None) -> None:
        if category is not None and text:
            if self.spans and self.spans[-1][1] == self.length and self.spans[-1][2] == category:
                self.spans[-1][1] = self.length + len(text)
            else:
                self.spans.append([self.length, self.length + len(text), category])
        self.parts.append(text)
        self.length += len(text)

    def separator(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def paragraphs(self, paragraphs: list[Paragraph]) -> None:
        for p_index, paragraph in enumerate(paragraphs):
            if p_index:
                self.separator("\n\n")
            for l_index, line in enumerate(paragraph):
                if l_index:
                    self.separator("\n")
                for i_index, (text, category) in enumerate(line):
                    if i_index:
                        self.separator(" ")
                    self.add(text, category)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _record(rng: random.Random, index: int, outlet: Outlet, story: Story) -> dict[str, Any]:
    author = rng.choice(AUTHORS)
    date = (rng.randint(2015, 2019), rng.randint(1, 12), rng.randint(1, 28))
    ctx = Context(rng, outlet, author, date, story)
    paragraphs: list[Paragraph] = []
    if outlet.headline_in_text:
        paragraphs.append([[(story.headline, "headline")]])
    paragraphs.extend(make(ctx) for make in outlet.header)
    body: list[Paragraph] = [[[(sentence, None) for sentence in sentences]] for sentences in story.paragraphs]
    for probability, sentence, category in outlet.inline:
        if rng.random() < probability:
            target = rng.choice([p for p in body if not _is_heading(p)] or body)
            target[-1].append((sentence, category))
    for probability, line, category in outlet.between:
        if rng.random() < probability and len(body) > 2:
            body.insert(rng.randint(1, len(body) - 1), [[(line, category)]])
    paragraphs.extend(body)
    paragraphs.extend(make(ctx) for probability, make in outlet.footer if rng.random() < probability)
    builder = Builder()
    builder.paragraphs(paragraphs)
    record: dict[str, Any] = {"id": f"strip-{index:06d}"}
    if outlet.domain:
        record["domain"] = outlet.domain
    if not outlet.headline_in_text and rng.random() < 0.7:
        record["title"] = story.headline
    record["text"] = builder.text
    record["story"] = story.ident
    record["boilerplate_spans"] = builder.spans
    return record


def _is_heading(paragraph: Paragraph) -> bool:
    return len(paragraph) == 1 and len(paragraph[0]) == 1 and not paragraph[0][0][0].endswith(".")


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` labeled records. About a fifth are republished copies of earlier stories: on another outlet
    (syndication, sometimes abridged or re-introduced), or again on the same one (a re-crawl)."""
    rng = random.Random(seed)
    outlets = _outlets()
    weights = [o.weight for o in outlets]
    published: list[tuple[Story, Outlet]] = []
    for index in range(count):
        outlet = rng.choices(outlets, weights)[0]
        if published and rng.random() < 0.2:
            original, home = rng.choice(published[-200:])
            if rng.random() < 0.2:
                outlet = home
            story = variant(rng, original)
        elif published and rng.random() < 0.05:
            original, home = rng.choice(published[-50:])
            outlet = home
            story = new_story(rng, index)
            story.paragraphs.insert(1, original.paragraphs[-1][:])  # a series re-uses its background paragraph
        else:
            story = new_story(rng, index)
        published.append((story, outlet))
        yield _record(rng, index, outlet, story)


def news_records(count: int, seed: int, words: int = 700) -> Iterator[dict[str, Any]]:
    """News-length records (about `words` words of story each) in the same outlets, for speed measurements."""
    rng = random.Random(seed)
    outlets = _outlets()
    for index in range(count):
        story = new_story(rng, index, paragraphs=max(2, words // 27))
        yield _record(rng, index, rng.choice(outlets), story)
