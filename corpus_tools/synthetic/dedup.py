"""Labeled dedup corpus: team-written stories republished the way outlets do, with `story_id` as the truth.

Every sentence comes from the grammar in `dedup_grammar.toml` (written for this project). A story is a cast
(people, an organisation, a place, a topic, a handful of story-specific phrases) told in 8 to 26 paragraphs;
outlets then republish it: wrapped in their own boilerplate, abridged by up to 40%, late paragraphs reordered, headline
rewritten, words edited, typos, mojibake, truncated behind "Read more", padded with a local paragraph.

Hard negatives come with it: every outlet wraps all its stories in the same header and footer (some of them
long), and new stories often share the day, topic, place, organisation and a background paragraph of an
earlier one (a follow-up or a rival story of the same day). `count` is the number of records; generation
streams, in blocks shuffled with the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from corpus_tools.synthetic import package_table

_GRAMMAR = package_table("dedup_grammar.toml")


def _words(key: str) -> tuple[str, ...]:
    return tuple(_GRAMMAR[key])


FIRST_NAMES = _words("first_names")
LAST_NAMES = _words("last_names")
PLACES = _words("places")
REGIONS = _words("regions")
MONTHS = _words("months")
WEEKDAYS = _words("weekdays")
ROLES = _words("roles")
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    topic: {key: tuple(values) for key, values in words.items()} for topic, words in _GRAMMAR["topics"].items()
}
ADJECTIVES = _words("adjectives")
NOUNS = _words("nouns")
VERBS = _words("verbs")
BASE_VERBS = _words("base_verbs")
ADVERBS = _words("adverbs")
TIMES = _words("times")
CODENAMES = _words("codenames")
KINDS = _words("kinds")
LEDES = _words("ledes")
BODY = _words("body")
BACKGROUND = _words("background")
HEADLINES = _words("headlines")
HEADLINE_REWRITES = _words("headline_rewrites")
LOCAL_PADDING = _words("local_padding")
WIRES: tuple[tuple[str, str], ...] = tuple((name, credit) for name, credit in _GRAMMAR["wires"])
SYNONYMS: dict[str, str] = _GRAMMAR["synonyms"]
MOJIBAKE = {"\u201c": "\u00e2\u20ac\u0153", "\u201d": "\u00e2\u20ac\ufffd", "\u2019": "\u00e2\u20ac\u2122",
            "\u2014": "\u00e2\u20ac\u201d", "\u00e9": "\u00c3\u00a9", "\u00fc": "\u00c3\u00bc"}

# Outlets: each has a domain, a header and footer it wraps every story in, and habits.
_OUTLET_WORDS = _words("outlet_words")
_HEADER_PARTS = _words("header_parts")
_FOOTER_PARTS = _words("footer_parts")
_GROUPS = _words("groups")


class _Outlet:
    __slots__ = ("domain", "footer", "header", "keeps_dateline", "name", "slug", "teaser_rate")

    def __init__(self, rng: random.Random, index: int) -> None:
        place = PLACES[index % len(PLACES)]
        word = _OUTLET_WORDS[index % len(_OUTLET_WORDS)]
        self.name = f"{place} {word}"
        self.slug = (place + word).lower().replace(" ", "")
        self.domain = f"{self.slug}.{rng.choice(('com', 'net', 'co.uk', 'org', 'news'))}"
        region = rng.choice(REGIONS)
        fmt = {"name": self.name, "year": 2024, "region": region, "group": rng.choice(_GROUPS)}
        self.header = [part.format(**fmt) for part in rng.sample(_HEADER_PARTS, rng.randint(0, 3))]
        # A quarter of the outlets carry long footers: the template trap for short stories.
        footer_count = rng.choice((1, 1, 2, 2, 3, 5))
        self.footer = [part.format(**fmt) for part in rng.sample(_FOOTER_PARTS, footer_count)]
        self.keeps_dateline = rng.random() < 0.6
        self.teaser_rate = rng.choice((0.0, 0.0, 0.1, 0.3))


class _Story:
    __slots__ = ("background", "date", "headline", "paragraphs", "slots", "story_id", "topic", "wire")

    def __init__(self, story_id: str, topic: str, slots: dict[str, Any], headline: str, paragraphs: list[str],
                 background: list[str], day: date, wire: tuple[str, str] | None) -> None:
        self.story_id = story_id
        self.topic = topic
        self.slots = slots
        self.headline = headline
        self.paragraphs = paragraphs
        self.background = background
        self.date = day
        self.wire = wire


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _cast(rng: random.Random, topic: str, previous: _Story | None) -> dict[str, Any]:
    words = TOPICS[topic]
    place, other_place = rng.sample(PLACES, 2)
    slots: dict[str, Any] = {
        "L": place, "L2": other_place, "T": rng.choice(words["thing"]), "V": rng.choice(words["verb"]),
        "G": rng.choice(words["people"]), "D": rng.choice(words["detail"]), "J": rng.choice(ADJECTIVES),
        "P": _person(rng), "Q": _person(rng), "R": rng.choice(ROLES), "S": rng.choice(ROLES),
        "M": rng.choice(MONTHS), "W": rng.choice(WEEKDAYS),
        "X": f"{rng.choice(CODENAMES)} {rng.choice(words['thing'])}",
        "Y": f"{rng.choice(ADJECTIVES)} {rng.choice(CODENAMES)} {rng.choice(KINDS)}",
        # The story's own vocabulary, which the lower-case slots draw from.
        "a": rng.sample(ADJECTIVES, 10), "n": rng.sample(NOUNS, 16), "v": rng.sample(VERBS, 10),
        "b": rng.sample(BASE_VERBS, 6), "d": rng.sample(ADVERBS, 5), "t": rng.sample(TIMES, 5),
    }
    slots["A"] = rng.choice(words["org"]).format(place=place)
    slots["A2"] = rng.choice(words["org"]).format(place=other_place)
    if previous is not None:
        # A rival or follow-up story: same day, topic, place and organisation, one shared person and the
        # shared background; a different event, people and phrases otherwise.
        for key in ("L", "A", "X", "P"):
            slots[key] = previous.slots[key]
    return slots


def _compile(frame: str) -> tuple[tuple[str, str], ...]:
    """A frame as (literal, slot) pairs, parsed once so that filling is a join."""
    parts = []
    for chunk in frame.split("{"):
        if "}" in chunk:
            slot, literal = chunk.split("}", 1)
            parts.append(("", slot))
            if literal:
                parts.append((literal, ""))
        elif chunk:
            parts.append((chunk, ""))
    return tuple(parts)


_COMPILED: dict[str, tuple[tuple[str, str], ...]] = {}


def _fill(rng: random.Random, frame: str, slots: dict[str, Any]) -> str:
    parts = _COMPILED.get(frame)
    if parts is None:
        parts = _COMPILED[frame] = _compile(frame)
    out = []
    for literal, slot in parts:
        if not slot:
            out.append(literal)
        elif slot == "k":
            out.append(str(rng.randint(2, 950)))
        else:
            value = slots[slot]
            if isinstance(value, list):
                value = rng.choice(value)
                if "{" in value:
                    value = value.format(W=slots["W"], M=slots["M"])
            out.append(value)
    return "".join(out)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _new_story(rng: random.Random, serial: int, day: date, previous: _Story | None) -> _Story:
    topic = previous.topic if previous is not None else rng.choice(tuple(TOPICS))
    slots = _cast(rng, topic, previous)
    brief = rng.random() < 0.06
    paragraph_count = rng.randint(2, 4) if brief else rng.randint(10, 28)
    background = ([_capitalise(_fill(rng, frame, slots)) for frame in BACKGROUND] if previous is None
                  else previous.background)
    paragraphs = [_capitalise(_fill(rng, rng.choice(LEDES), slots))]
    for _ in range(paragraph_count - 1):
        take = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(_capitalise(_fill(rng, rng.choice(BODY), slots)) for _ in range(take)))
    if not brief:
        paragraphs.insert(rng.randint(3, 5), " ".join(background))
    headline = _capitalise(_fill(rng, rng.choice(HEADLINES), slots))
    wire = rng.choice(WIRES) if rng.random() < 0.5 else None
    return _Story(f"s{serial:07d}", topic, slots, headline, paragraphs, background, day, wire)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _edit_words(rng: random.Random, paragraph: str, edits: int, typos: int) -> str:
    words = paragraph.split(" ")
    for _ in range(edits):
        i = rng.randrange(len(words))
        replacement = SYNONYMS.get(words[i])
        if replacement is not None:
            words[i] = replacement
        elif rng.random() < 0.5 and len(words) > 6:
            del words[i]
        else:
            words.insert(i, rng.choice(("also", "now", "still", "reportedly", "again", "however,")))
    for _ in range(typos):
        i = rng.randrange(len(words))
        words[i] = _typo(rng, words[i])
    return " ".join(words)


def _mojibake(text: str) -> str:
    for good, bad in MOJIBAKE.items():
        text = text.replace(good, bad)
    return text


def _republish(rng: random.Random, story: _Story, outlet: _Outlet, original: bool) -> tuple[str, str]:
    """(title, text) of one outlet's copy of the story."""
    paragraphs = list(story.paragraphs)
    title = story.headline
    if not original:
        n = len(paragraphs)
        if n > 4 and rng.random() < 0.5:
            drop = rng.randint(1, max(1, int(n * 0.4)))
            if rng.random() < 0.6:
                paragraphs = paragraphs[:n - drop]
            else:
                for _ in range(drop):
                    del paragraphs[rng.randrange(1, len(paragraphs))]
        if len(paragraphs) > 5 and rng.random() < 0.4:
            cut = len(paragraphs) * 2 // 3
            tail = paragraphs[cut:]
            rng.shuffle(tail)
            paragraphs[cut:] = tail
        if rng.random() < 0.5:
            title = _capitalise(_fill(rng, rng.choice(HEADLINE_REWRITES), story.slots))
        if rng.random() < 0.7:
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(paragraphs))
                paragraphs[i] = _edit_words(rng, paragraphs[i], rng.randint(1, 4), rng.randint(0, 2))
        if rng.random() < 0.25:
            where = rng.randint(1, len(paragraphs))
            paragraphs.insert(where, _fill(rng, rng.choice(LOCAL_PADDING), story.slots))
        if len(paragraphs) > 4 and rng.random() < outlet.teaser_rate:
            keep = max(2, int(len(paragraphs) * rng.uniform(0.35, 0.6)))
            paragraphs = paragraphs[:keep] + [f"Read more at {outlet.domain}"]
    if story.wire is not None and (original or outlet.keeps_dateline):
        city = story.slots["L"].upper()
        paragraphs[0] = f"{city} {story.wire[1]} \u2014 {paragraphs[0]}"
    body = "\n\n".join([*outlet.header, title, *paragraphs, *outlet.footer])
    if not original and rng.random() < 0.08:
        body = _mojibake(body)
    return title, body


def _copy_count(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.45:
        return 1
    if roll < 0.75:
        return rng.randint(2, 3)
    if roll < 0.95:
        return rng.randint(4, 8)
    return rng.randint(9, 30)


OUTLET_COUNT = 48
BLOCK = 512


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` labeled records; the same (count, seed) always gives the same records in the same order."""
    rng = random.Random(seed)
    outlets = [_Outlet(rng, i) for i in range(OUTLET_COUNT)]
    start = date(2024, 1, 1)
    made = 0
    story_serial = 0
    previous: _Story | None = None
    pending: list[dict[str, Any]] = []
    while made < count:
        day = start + timedelta(days=story_serial // 120)
        related = previous if previous is not None and rng.random() < 0.25 else None
        story = _new_story(rng, story_serial, day, related)
        story_serial += 1
        previous = story
        copies = min(_copy_count(rng), count - made, len(outlets))
        for index, outlet in enumerate(rng.sample(outlets, copies)):
            title, text = _republish(rng, story, outlet, index == 0)
            published = story.date + timedelta(days=0 if index == 0 else rng.choice((0, 0, 1, 1, 2, 3)))
            serial = made * 0x9E3779B1 % (1 << 32)
            pending.append({
                "id": f"{outlet.slug}-{serial:08x}", "title": title, "text": text,
                "date": published.isoformat(), "domain": outlet.domain,
                "url": f"https://www.{outlet.domain}/{published.year}/{story.topic}/{serial:08x}",
                "story_id": story.story_id,
            })
            made += 1
        if len(pending) >= BLOCK:
            rng.shuffle(pending)
            yield from pending
            pending = []
    rng.shuffle(pending)
    yield from pending
