"""Labeled records in outlets the shipped rules were not written from: a held-out check of strip.

The team outlets of `synthetic.strip` wear boilerplate written beside the rules. Here each seed draws its own
outlets, and each outlet picks, per kind it wears (bylines, crumbs, mastheads, datelines glued to the first
sentence, ads, embed residue, pointers to other stories, donation appeals, newsletter and app pitches,
share runs, bios, copyright, related lists, comment notes, corrections), one wording of
`strip_unseen.toml` with its variable parts (author, dates, times, counts, headlines) filled per record.
Stories, republishing and stock sentences are those of `synthetic.strip`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus_tools.synthetic import package_table
from corpus_tools.synthetic.strip import (
    AUTHORS,
    HEADLINES,
    SLOTS,
    Builder,
    Line,
    Paragraph,
    Story,
    draw_entities,
    fill,
    new_story,
    variant,
)

_NAME_FIRST = ["Cinder", "Juniper", "Saltmarsh", "Copper Kettle", "Wrenfield", "Blue Heron", "Tallgrass",
               "Ironbark", "Lowland", "Foxglove", "Driftwood", "Quarrystone", "Amberly", "Sedge", "Hollowell"]
_NAME_SECOND = ["Dispatch", "Examiner", "Wire", "Sentinel", "Beacon", "Post", "Chronicle", "Report", "Times",
                "Herald", "Mercury", "Journal"]
_SECTIONS = ["Politics", "Business", "Health", "Transport", "Environment", "Education", "Sport", "Culture"]
_HANDLE_PARTS = ["river", "watch", "desk", "daily", "north", "civic", "local", "news", "field", "town"]


def wordings() -> dict[str, dict[str, list[str]]]:
    """The package's unseen wordings: {place: {kind: [template, ...]}}."""
    return package_table("strip_unseen.toml")


@dataclass
class UnseenOutlet:
    """One drawn outlet: the wording it chose per kind and how often each appears."""

    name: str
    domain: str | None
    section: str
    header: list[tuple[float, str, str]] = field(default_factory=list)
    lead: tuple[float, str] | None = None
    between: list[tuple[float, str, str]] = field(default_factory=list)
    footer: list[tuple[float, str, list[str]]] = field(default_factory=list)
    """(probability, kind, templates): a footer block of one or more lines."""


def draw_outlets(rng: random.Random, count: int) -> list[UnseenOutlet]:
    """`count` outlets, each wearing a random choice of kinds and one wording per kind."""
    words = wordings()
    names = rng.sample([f"The {a} {b}" if rng.random() < 0.3 else f"{a} {b}"
                        for a in _NAME_FIRST for b in _NAME_SECOND], count)
    outlets = []
    for name in names:
        slug = "".join(ch for ch in name.lower().removeprefix("the ") if ch.isalnum())
        domain = None if rng.random() < 0.1 else f"{slug}.example"
        outlet = UnseenOutlet(name, domain, rng.choice(_SECTIONS))
        for kind in rng.sample(sorted(words["header"]), rng.randint(1, 2)):
            outlet.header.append((rng.uniform(0.6, 1.0), kind, rng.choice(words["header"][kind])))
        if rng.random() < 0.35:
            outlet.lead = (rng.uniform(0.7, 1.0), rng.choice(words["lead"]["dateline"]))
        for kind in rng.sample(sorted(words["between"]), rng.randint(0, 2)):
            outlet.between.append((rng.uniform(0.2, 0.6), kind, rng.choice(words["between"][kind])))
        for kind in rng.sample(sorted(words["footer"]), rng.randint(2, 4)):
            first = rng.choice(words["footer"][kind])
            block = [first, "{headline}", "{headline}", "{headline}"] if kind == "related" else [first]
            outlet.footer.append((rng.uniform(0.5, 1.0), kind, block))
        outlets.append(outlet)
    return outlets


def _filler(rng: random.Random, outlet: UnseenOutlet, author: str) -> dict[str, str]:
    year, month, day = rng.randint(2015, 2019), rng.randint(1, 12), rng.randint(1, 28)
    city = rng.choice(SLOTS["city"])
    return {
        "outlet": outlet.name, "OUTLET": outlet.name.upper(), "author": author, "year": str(year),
        "date": f"{SLOTS['month'][month - 1]} {day}, {year}",
        "short_date": f"{SLOTS['month'][month - 1][:3]} {day}, {year}",
        "time": f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(('a.m.', 'p.m.'))}",
        "n": str(rng.randint(2, 60)), "city": city, "CITY": city.upper(), "section": outlet.section,
        "domain": outlet.domain or "example.org",
        "handle": rng.choice(_HANDLE_PARTS) + rng.choice(_HANDLE_PARTS) + str(rng.randint(1, 99)),
    }


def _headline(rng: random.Random) -> str:
    return fill(rng.choice([h for hs in HEADLINES.values() for h in hs]), rng, draw_entities(rng))


def _fmt(template: str, rng: random.Random, slots: dict[str, str]) -> str:
    return template.format(**slots, headline=_headline(rng) if "{headline}" in template else "")


def _record(rng: random.Random, index: int, outlet: UnseenOutlet, story: Story) -> dict[str, Any]:
    slots = _filler(rng, outlet, rng.choice(AUTHORS))
    paragraphs: list[Paragraph] = []
    for probability, kind, template in outlet.header:
        if rng.random() < probability:
            paragraphs.append([[(_fmt(template, rng, slots), kind)]])
    body: list[Paragraph] = [[[(sentence, None) for sentence in sentences]] for sentences in story.paragraphs]
    if outlet.lead and rng.random() < outlet.lead[0]:
        first_line: Line = body[0][0]
        first_line.insert(0, (_fmt(outlet.lead[1], rng, slots), "dateline"))
    for probability, kind, template in outlet.between:
        if rng.random() < probability and len(body) > 2:
            body.insert(rng.randint(1, len(body) - 1), [[(_fmt(template, rng, slots), kind)]])
    paragraphs.extend(body)
    for probability, kind, block in outlet.footer:
        if rng.random() < probability:
            paragraphs.append([[(_fmt(template, rng, slots), kind)] for template in block])
    builder = Builder()
    builder.paragraphs(paragraphs)
    record: dict[str, Any] = {"id": f"unseen-{index:06d}"}
    if outlet.domain:
        record["domain"] = outlet.domain
    if rng.random() < 0.7:
        record["title"] = story.headline
    record["text"] = builder.text
    record["story"] = story.ident
    record["boilerplate_spans"] = builder.spans
    return record


def generate(count: int, seed: int, outlets: int = 24) -> Iterator[dict[str, Any]]:
    """`count` labeled records in `outlets` outlets drawn from `seed`; a fifth republish an earlier story."""
    rng = random.Random(seed)
    drawn = draw_outlets(rng, outlets)
    published: list[tuple[Story, UnseenOutlet]] = []
    for index in range(count):
        outlet = rng.choice(drawn)
        if published and rng.random() < 0.2:
            original, home = rng.choice(published[-200:])
            if rng.random() < 0.2:
                outlet = home
            story = variant(rng, original)
        else:
            story = new_story(rng, index)
        published.append((story, outlet))
        yield _record(rng, index, outlet, story)
