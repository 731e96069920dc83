"""langid: label each record's language (`lang`, `lang_score`, optionally `lang_share`) and keep only some."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from corpus_tools.errors import CorpusError, OptionError
from corpus_tools.language import (
    ENGINES,
    UND,
    UNDETERMINED,
    Engine,
    Guess,
    check_available,
    known_languages,
    load_engine,
)
from corpus_tools.pipeline import Drop, apply_record_stage
from corpus_tools.record import Record
from corpus_tools.stats import StageStats

_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2}|und)$")
GUESS_MEMO = 1 << 16
"""Guesses each process keeps by a digest of their text: a pile of syndicated copies repeats whole texts once
strip has taken each outlet's wrapping, and a text's guess costs a third of a millisecond. About 10 MB."""
_BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class LangIdConfig:
    """`languages` empty keeps every language; `min_lang_share` needs `per_paragraph`."""

    languages: tuple[str, ...] = ()
    min_chars: int = 20
    overwrite: bool = False
    detector: str = "langdetect"
    per_paragraph: bool = False
    min_lang_share: float = 0.0

    def __post_init__(self) -> None:
        if self.detector not in ENGINES:
            raise CorpusError(f"unknown language detector '{self.detector}'; choose from {', '.join(ENGINES)}")
        for code in self.languages:
            if not _LANGUAGE_CODE.match(code):
                raise OptionError(f"languages: '{code}' is not a two-letter ISO 639-1 code (or und), e.g. en,de")
        known = known_languages(self.detector) if self.languages else None
        unknown = [code for code in self.languages if known is not None and code not in known]
        if unknown:
            raise OptionError(f"languages: {self.detector} never gives '{unknown[0]}', so every record would be "
                              f"dropped; it knows {', '.join(sorted(known or ()))}")
        if self.min_chars < 0:
            raise OptionError("--min-chars must be 0 or more")
        if not 0.0 <= self.min_lang_share <= 1.0:
            raise OptionError(f"--min-lang-share must be between 0 and 1, not {self.min_lang_share}")
        if self.min_lang_share and not self.per_paragraph:
            raise OptionError("--min-lang-share needs --per-paragraph: the share is measured over paragraphs")


def parse_languages(value: str) -> tuple[str, ...]:
    """`en, DE,fr` -> ('en', 'de', 'fr'), as --languages takes it."""
    return tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))


class LangId:
    """The langid stage. The engine loads on the first record, in whichever process runs the stage, or in the
    main process before a process pool forks (`preload`)."""

    name = "langid"

    def __init__(self, config: LangIdConfig | None = None, remember: bool = True) -> None:
        """`remember=False` guesses every text anew: what a benchmark of the engines times."""
        self.config = config or LangIdConfig()
        check_available(self.config.detector)
        self._engine: Engine | None = None
        self._guesses: dict[bytes, Guess] | None = {} if remember else None

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "_engine": None, "_guesses": None if self._guesses is None else {}}

    def process(self, record: Record, counts: Counter[str]) -> Record | Drop:
        cfg = self.config
        existing = record.get("lang")
        if existing and not cfg.overwrite:
            counts["existing_lang"] += 1
            lang, changed = existing, record
            if cfg.min_lang_share and "lang_share" not in record:
                # The share filter needs the share of the language the record came with.
                changed = {**record, "lang_share": round(self.share_of(record["text"], existing), 4)}
        else:
            labels = self.label(record["text"])
            lang = labels["lang"]
            changed = {**record, **labels}
        counts[f"lang.{lang}"] += 1
        if cfg.languages and lang not in cfg.languages:
            return Drop("language")
        if cfg.min_lang_share and changed.get("lang_share", 1.0) < cfg.min_lang_share:
            return Drop("mixed_language")
        return changed

    def label(self, text: str) -> dict[str, Any]:
        """The fields this stage adds for one text."""
        if self.config.per_paragraph:
            guess, share = self.detect_paragraphs(text)
            return {"lang": guess.lang, "lang_score": round(guess.score, 4), "lang_share": round(share, 4)}
        guess = self.detect(text)
        return {"lang": guess.lang, "lang_score": round(guess.score, 4)}

    def preload(self) -> Engine:
        """The engine, loaded now if it was not yet (a process pool calls this before it forks its workers)."""
        if self._engine is None:
            self._engine = load_engine(self.config.detector)
        return self._engine

    def detect(self, text: str) -> Guess:
        """The engine's guess, from the memo when the same text came before (a guess depends on the text alone)."""
        if len(text.strip()) < self.config.min_chars:
            return UNDETERMINED
        if self._guesses is None:
            return self.preload().detect(text)
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        guess = self._guesses.get(key)
        if guess is None:
            if len(self._guesses) >= GUESS_MEMO:
                self._guesses.clear()
            guess = self._guesses[key] = self.preload().detect(text)
        return guess

    def detect_paragraphs(self, text: str) -> tuple[Guess, float]:
        """The main language by content and its share, weighing each paragraph by its non-space characters.

        Weighing by content rather than counting votes (or n-grams, as a whole-text guess does) keeps a
        page that is mostly Chinese labelled zh even when its English paragraphs outnumber its Chinese ones.
        """
        weights, scores = self._paragraph_weights(text)
        if not weights:
            guess = self.detect(text)
            return guess, 0.0 if guess.lang == UND else 1.0
        main = min(weights, key=lambda lang: (-weights[lang], lang))
        return Guess(main, scores[main] / weights[main]), weights[main] / sum(weights.values())

    def share_of(self, text: str, lang: str) -> float:
        """The share of the text's content in paragraphs of `lang`, weighed as `detect_paragraphs` weighs them."""
        weights, _scores = self._paragraph_weights(text)
        if not weights:
            return 1.0 if self.detect(text).lang == lang else 0.0
        return weights.get(lang, 0) / sum(weights.values())

    def _paragraph_weights(self, text: str) -> tuple[dict[str, int], dict[str, float]]:
        """Per language guessed for a paragraph: its paragraphs' non-space characters, and their scores so
        weighted."""
        weights: dict[str, int] = defaultdict(int)
        scores: dict[str, float] = defaultdict(float)
        for paragraph in paragraphs(text):
            guess = self.detect(paragraph)
            if guess.lang == UND:
                continue
            weight = content_chars(paragraph)
            weights[guess.lang] += weight
            scores[guess.lang] += weight * guess.score
        return weights, scores


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines is split at its line breaks instead."""
    blocks = [b for b in _BLANK_LINE.split(text) if b.strip()]
    if len(blocks) > 1:
        return blocks
    return [line for line in text.split("\n") if line.strip()]


def content_chars(text: str) -> int:
    """Characters other than white space: the weight of a paragraph in --per-paragraph."""
    return len("".join(text.split()))


def langid(records: Iterable[Record], cfg: LangIdConfig | None = None,
           stats: StageStats | None = None) -> Iterator[Record]:
    """Label a stream of records with their language; records outside `languages` are dropped as `language`."""
    return apply_record_stage(LangId(cfg), records, stats or StageStats("langid"))
