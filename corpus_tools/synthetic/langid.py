"""Labeled langid records: news paragraphs and articles, short texts, and two-language documents.

Every record carries `truth_lang` and `kind` (`paragraph`, `article`, `short` or `mixed`). A mixed
document also names both languages in `truth_langs` and carries `truth_share`, the majority
language's share of the non-space characters. The majority has 1.2 to 2 times the minority's
characters (three times that against a Chinese minority), so that it holds whether one counts
characters, words or bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from corpus_tools.stages.langid import content_chars
from corpus_tools.synthetic import package_table

SENTENCES: dict[str, tuple[str, ...]] = {
    lang: tuple(sentences) for lang, sentences in package_table("langid_sentences.toml").items()
}
"""News-like sentences the team wrote, 40 per language; `{n}` becomes a number."""
LANGUAGES = tuple(sorted(SENTENCES))
KINDS = ("paragraph", "article", "short", "mixed")
_KIND_WEIGHTS = (0.35, 0.15, 0.3, 0.2)
_NO_SPACES = frozenset({"zh"})
# Scripts that pack several Latin letters' worth of content into one character.
_DENSE = frozenset({"zh"})
SHORT_MIN, SHORT_MAX = 20, 120
PARAGRAPH_MIN = 200


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for index in range(count):
        kind = rng.choices(KINDS, _KIND_WEIGHTS)[0]
        record_id = f"langid-{index:05d}"
        lang = rng.choice(LANGUAGES)
        if kind == "mixed":
            yield mixed_document(rng, record_id)
            continue
        if kind == "paragraph":
            text = paragraph(rng, lang, PARAGRAPH_MIN)
        elif kind == "article":
            text = article(rng, lang)
        else:
            text = short_text(rng, lang)
        yield {"id": record_id, "text": text, "truth_lang": lang, "kind": kind}


class SentencePool:
    """Draws one language's sentences without repeats until all are used, then starts a new round."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng, self.lang, self._left = rng, lang, list[str]()

    def draw(self) -> str:
        if not self._left:
            self._left = list(SENTENCES[self.lang])
            self.rng.shuffle(self._left)
        return self._left.pop().replace("{n}", str(self.rng.randint(2, 95)))

    def join(self, parts: list[str]) -> str:
        return ("" if self.lang in _NO_SPACES else " ").join(parts)

    def paragraph(self, min_chars: int) -> str:
        """At least two sentences, and at least min_chars characters."""
        parts = [self.draw(), self.draw()]
        while len(self.join(parts)) < min_chars:
            parts.append(self.draw())
        return self.join(parts)


def paragraph(rng: random.Random, lang: str, min_chars: int) -> str:
    return SentencePool(rng, lang).paragraph(min_chars)


def article(rng: random.Random, lang: str) -> str:
    """A news article of three to six paragraphs, about 2,000 characters on average (700 in Chinese)."""
    pool = SentencePool(rng, lang)
    scale = 0.35 if lang in _DENSE else 1.0
    return "\n\n".join(pool.paragraph(int(rng.randint(250, 600) * scale)) for _ in range(rng.randint(3, 6)))


def short_text(rng: random.Random, lang: str) -> str:
    """A headline-length fragment of SHORT_MIN to SHORT_MAX characters, cut at a word boundary."""
    target = rng.randint(SHORT_MIN, SHORT_MAX)
    pool = SentencePool(rng, lang)
    running = pool.join([pool.draw() for _ in range(4)])
    if lang in _NO_SPACES:
        return running[:target]
    words = running.split(" ")
    text = words[0]
    for word in words[1:]:
        if len(text) >= SHORT_MIN and len(text) + 1 + len(word) > target:
            break
        text = f"{text} {word}"
    return text


def mixed_document(rng: random.Random, record_id: str) -> dict[str, Any]:
    """Majority paragraphs with one or two minority paragraphs spliced in; a third pair zh with en."""
    if rng.random() < 0.3:
        major, minor = rng.sample(("zh", "en"), 2)
    else:
        major, minor = rng.sample(LANGUAGES, 2)
    major_pool, minor_pool = SentencePool(rng, major), SentencePool(rng, minor)
    minor_blocks = [minor_pool.paragraph(60 if minor in _DENSE else 120) for _ in range(rng.randint(1, 2))]
    minor_chars = sum(content_chars(b) for b in minor_blocks)
    # A Chinese character says about what three Latin letters say, so a Chinese minority needs more margin.
    density = 3.0 if minor in _DENSE and major not in _DENSE else 1.0
    needed = minor_chars * density * rng.uniform(1.2, 2.0)
    major_blocks: list[str] = []
    while sum(content_chars(b) for b in major_blocks) < needed or len(major_blocks) < 2:
        size = rng.randint(60, 150) if major in _DENSE else rng.randint(120, 300)
        major_blocks.append(major_pool.paragraph(size))
    blocks = list(major_blocks)
    for block in minor_blocks:
        blocks.insert(rng.randint(0, len(blocks)), block)
    major_chars = sum(content_chars(b) for b in major_blocks)
    return {
        "id": record_id, "text": "\n\n".join(blocks), "truth_lang": major, "kind": "mixed",
        "truth_langs": [major, minor], "truth_share": round(major_chars / (major_chars + minor_chars), 4),
    }
