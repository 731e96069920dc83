"""News-length articles recombined from real news, republished by several outlets with their real boilerplate.

The generated corpus is written by the team, so its wording, paragraph lengths and boilerplate are
what the stages were tuned on. This corpus takes every sentence from real articles instead
(FakeNewsCorpus's sample with its scraped publisher boilerplate, and the heads of ISOT's Reuters and
fake-news files), found under the shared data directory at bench time and never stored in the
project. A story is a sequence of paragraphs, each a run of two to four consecutive sentences of a
real paragraph picked at random, until it reaches about 4.5 KB: the real paragraphs number about
25,000, so a 100,000-article corpus built from whole paragraphs would repeat each of them in dozens of
stories, which no real corpus does (dedup rightly takes lines an outlet repeats for its boilerplate).
Each story is republished by one to six outlets. An outlet is a
FakeNewsCorpus domain whose scraped pages repeat paragraphs (share bars, subscription notices,
source databases): each copy gains a few of them at its top and bottom, and some copies are cut short.
"""

from __future__ import annotations

import csv
import gzip
import lzma
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAKENEWS = Path("fakenewscorpus") / "news_sample.csv.gz"
ISOT = (Path("isot") / "True.head1008.csv.xz", Path("isot") / "Fake.head1018.csv.xz")
TARGET_CHARS = 4_200  # the story; an outlet's boilerplate brings a copy to about 4.5 KB
MAX_COPIES = 6
_BLANK_LINE = re.compile(r"\n\s*\n")
# ISOT stores each article as one line: its sentences are regrouped into paragraphs of about this size.
_PARAGRAPH_CHARS = 450
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Outlet:
    domain: str
    header: tuple[str, ...]
    footer: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    title: str
    paragraphs: tuple[str, ...]


_TITLE_WORDS = 12


def available(root: Path | None) -> bool:
    return root is not None and (root / FAKENEWS).exists()


def articles(root: Path, count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` records (`id`, `title`, `text`, `date`, `domain`, `url`, `story_id`), the same for the same seed."""
    sources, outlets = load(root)
    paragraphs = [_SENTENCE_END.split(p) for source in sources for p in source.paragraphs]
    rng = random.Random(seed)
    written = 0
    story = 0
    while written < count:
        title, body = _story(rng, paragraphs)
        copies = min(rng.randint(1, MAX_COPIES), count - written)
        for copy, outlet in enumerate(rng.sample(outlets, min(copies, len(outlets)))):
            kept = body if copy == 0 or rng.random() < 0.7 else body[: max(2, len(body) - rng.randint(1, 3))]
            head = rng.sample(outlet.header, min(len(outlet.header), rng.randint(0, 2)))
            foot = rng.sample(outlet.footer, min(len(outlet.footer), rng.randint(1, 3)))
            slug = outlet.domain.split(".")[-2] if "." in outlet.domain else outlet.domain
            yield {"id": f"{slug}-{story:07d}-{copy}", "title": title, "text": "\n\n".join([*head, *kept, *foot]),
                   "date": f"2017-{1 + story % 12:02d}-{1 + story % 28:02d}", "domain": outlet.domain,
                   "url": f"https://{outlet.domain}/{story:07d}", "story_id": f"r{story:07d}"}
            written += 1
        story += 1


def _story(rng: random.Random, paragraphs: list[list[str]]) -> tuple[str, list[str]]:
    """Runs of 2-4 consecutive sentences of random real paragraphs, up to TARGET_CHARS; the lede's first
    words make the title, as scrapers do for pages without one."""
    body: list[str] = []
    size = 0
    while size < TARGET_CHARS:
        sentences = rng.choice(paragraphs)
        start = rng.randrange(len(sentences))
        paragraph = " ".join(sentences[start: start + rng.randint(2, 4)])
        body.append(paragraph)
        size += len(paragraph) + 2
    return " ".join(body[0].split()[:_TITLE_WORDS]), body


def load(root: Path) -> tuple[list[Source], list[Outlet]]:
    """Real articles as paragraphs, and the outlets whose pages repeat paragraphs (their boilerplate)."""
    fakenews = _csv_rows(root / FAKENEWS)
    sources = [Source(row["title"], tuple(_paragraphs(row["content"]))) for row in fakenews]
    for path in ISOT:
        if (root / path).exists():
            sources += [Source(row["title"], tuple(_regrouped(row["text"])))
                        for row in _csv_rows(root / path)]
    sources = [s for s in sources if s.paragraphs]
    return sources, _outlets(fakenews)


def _outlets(rows: list[dict[str, str]]) -> list[Outlet]:
    """Per domain, paragraphs found on two or more of its pages: those near the top head a copy, the rest end it."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    near_top: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        paragraphs = _paragraphs(row["content"])
        for position, paragraph in enumerate(dict.fromkeys(paragraphs)):
            seen[row["domain"]][paragraph] += 1
            near_top[row["domain"]][paragraph] += position < len(paragraphs) / 3
    outlets = []
    for domain in sorted(seen):
        repeated = sorted(p for p, n in seen[domain].items() if n >= 2)
        if repeated:
            header = tuple(p for p in repeated if near_top[domain][p] * 2 > seen[domain][p])
            footer = tuple(p for p in repeated if p not in header)
            outlets.append(Outlet(domain, header, footer or header))
    return outlets


def _csv_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    opener = gzip.open if path.suffix == ".gz" else lzma.open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def _regrouped(text: str) -> list[str]:
    """Sentences of a one-line article joined into paragraphs of about _PARAGRAPH_CHARS characters."""
    paragraphs: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in _SENTENCE_END.split(text.strip()):
        current.append(sentence)
        size += len(sentence) + 1
        if size >= _PARAGRAPH_CHARS:
            paragraphs.append(" ".join(current))
            current, size = [], 0
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in paragraphs if p.strip()]
