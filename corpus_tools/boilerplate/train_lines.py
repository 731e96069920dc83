"""Fits the line classifier (`lineclf`) on span-judged real articles, and measures it outlet by outlet.

Every line of a judged set becomes one example: its features as strip sees them after the rules and the
learned lines (the classifier runs last), and its label from the judged spans (boilerplate when most of its
judged characters are; lines holding only undecided `neutral` text are left out). The weights are a
logistic regression fitted by Newton's method with an L2 penalty: a few hundred lines of boilerplate from a
few dozen outlets cannot support more than a linear model over a handful of features, and with numpy it is
a few lines of code instead of a dependency.

Generalization is measured by leaving each outlet out: the weights are fitted without its articles, and
`normalize strip` with those weights scores its articles. The threshold is the lowest on a grid at which
what the classifier removed across those held-out outlets keeps precision and story (see `choose_threshold`);
strip removes a line only at or above it.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tools.boilerplate import lineclf, segment
from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.strip import Tally
from corpus_tools.evaluate.strip_judged import (
    NEUTRAL,
    load_judged,
    score_record,
    stripped_texts,
    tokens,
)
from corpus_tools.pipeline import Drop
from corpus_tools.record import Record, outlet_of
from corpus_tools.stages.normalize import Normalize
from corpus_tools.stages.strip import Strip, StripConfig, learns

if TYPE_CHECKING:
    import numpy as np

L2 = 1.0
"""The penalty on the weights (not on the bias): a few hundred examples per kind, so weights stay small."""
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
PRECISION = 0.98
"""What the classifier removes from outlets it was not fitted on must be at least this share boilerplate ..."""
STORY_LOST = 0.0005
"""... or, on sets where rules leave little to find, cost at most this share of their story (characters), with
the precision of everything removed still at PRECISION."""
SETS = ("truth.jsonl.gz", "corpus.jsonl.gz")


@dataclass(frozen=True)
class JudgedLine:
    """One line of a judged article: its outlet, its features and whether it is boilerplate."""

    outlet: str
    record: str
    vector: tuple[float, ...]
    boilerplate: bool
    kept: bool
    """Whether the rules and learned lines left the line (the lines the classifier decides on)."""
    text: str
    outlet_stem: str


@dataclass(frozen=True)
class JudgedSet:
    corpus: list[Record]
    truth: dict[str, Record]


def judged_sets(folder: str) -> list[JudgedSet]:
    """The judged set in `folder` (truth.jsonl.gz and corpus.jsonl.gz), or one per sub-folder that has them."""
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(f"{folder}: not a folder of judged sets (truth.jsonl.gz and corpus.jsonl.gz)")
    places = [root] if (root / SETS[0]).exists() else sorted(p for p in root.iterdir() if (p / SETS[0]).exists())
    if not places:
        raise CorpusError(f"{folder}: has no {SETS[0]} and {SETS[1]}, nor sub-folders with them")
    return [JudgedSet(*load_judged(str(place / SETS[0]), str(place / SETS[1]))) for place in places]


def group_of(record: Record, truth: Record) -> str:
    """The outlet a judged article is held out with: its domain, else its source (a wire's copy, one site)."""
    return outlet_of(record) or f"source:{truth.get('source', '')}"


def judged_lines(judged: JudgedSet, cfg: StripConfig) -> list[JudgedLine]:
    """Every labelled line of the set, with the features strip would compute for it."""
    normalizer, counts = Normalize(), Counter[str]()
    normalized = []
    for record in judged.corpus:
        result = normalizer.process(record, counts)
        normalized.append(record if isinstance(result, Drop) else result)
    rules_only = dataclasses.replace(cfg, classify=False, removed=None, explain=False)
    core = Strip(rules_only)
    if learns(cfg):
        from corpus_tools.boilerplate.learned import learn

        core.model = learn(normalized, cfg.min_stories, cfg.min_share)
    found: list[JudgedLine] = []
    for raw, record in zip(judged.corpus, normalized, strict=True):
        truth = judged.truth.get(raw["id"])
        if truth is None:
            continue
        text = record["text"]
        labels = _token_labels(raw["text"], text, truth)
        lines = segment.lines(text)
        views = [segment.view(text, line.start, line.end) for line in lines]
        spans = core.analyse(record).spans
        removed = [_covered(text, line.start, line.end, spans) for line in lines]
        title = record.get("title")
        context = lineclf.Context(views, [not gone for gone in removed], title if isinstance(title, str) else None,
                                  outlet_of(record))
        group = group_of(record, truth)
        for index, line in enumerate(lines):
            weights = Counter[bool]()
            for start, size, boilerplate in labels:
                if line.start <= start < line.end and boilerplate is not None:
                    weights[boilerplate] += size
            if weights:
                vector = tuple(lineclf.features(context, index))
                found.append(JudgedLine(group, raw["id"], vector, weights[True] > weights[False], not removed[index],
                                        views[index], context.outlet))
    return found


def _token_labels(original: str, normalized: str, truth: Record) -> list[tuple[int, int, bool | None]]:
    """Each token of the normalized text: its offset, its length, and whether the judge called it boilerplate
    (None for undecided text and for what normalize added), carried over from the original by alignment."""
    spans = [(int(s), int(e), str(k)) for (s, e), k in zip(truth["boilerplate_spans"], truth["boilerplate_kinds"],
                                                            strict=True)]
    words, starts = tokens(original)
    kinds = [next((k for s, e, k in spans if s <= start < e), "") for start in starts]
    new_words, new_starts = tokens(normalized)
    label: list[bool | None] = [None] * len(new_words)
    matcher = difflib.SequenceMatcher(None, words, new_words, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            kind = kinds[block.a + offset]
            label[block.b + offset] = None if kind == NEUTRAL else kind != ""
    return [(start, len(word), flag) for start, word, flag in zip(new_starts, new_words, label, strict=True)]


def _covered(text: str, start: int, end: int, spans: Sequence[tuple[int, int, str, str]]) -> bool:
    """Whether the spans leave nothing but spaces of text[start:end]."""
    reach = start
    for span_start, span_end, _category, _rule in sorted(spans):
        if span_end <= reach or span_start >= end:
            continue
        if text[reach:span_start].strip():
            return False
        reach = max(reach, span_end)
    return not text[reach:end].strip()


def fit(vectors: np.ndarray, labels: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression weights by Newton's method; the first column is the bias, which is not penalized."""
    import numpy as np

    weights = np.zeros(vectors.shape[1])
    penalty = np.full(vectors.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(100):
        probability = 1.0 / (1.0 + np.exp(-np.clip(vectors @ weights, -30, 30)))
        gradient = vectors.T @ (probability - labels) + penalty * weights
        curvature = (vectors * (probability * (1 - probability))[:, None]).T @ vectors + np.diag(penalty + 1e-9)
        step = np.linalg.solve(curvature, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return weights


def fit_lines(lines: Sequence[JudgedLine], l2: float = L2) -> tuple[float, ...]:
    import numpy as np

    if not any(line.boilerplate for line in lines) or all(line.boilerplate for line in lines):
        raise CorpusError("the judged sets need lines of both boilerplate and story to fit a classifier")
    vectors = np.array([line.vector for line in lines], dtype=float)
    labels = np.array([float(line.boilerplate) for line in lines])
    return tuple(float(w) for w in fit(vectors, labels, l2))


@dataclass
class Fold:
    """What strip did to one held-out outlet's articles at each threshold."""

    outlet: str
    records: int
    with_classifier: dict[float, Tally]
    without: Tally


def cross_validate(sets: Sequence[JudgedSet], lines: Sequence[JudgedLine], cfg: StripConfig,
                   thresholds: Sequence[float] = THRESHOLDS) -> list[Fold]:
    """Leave each outlet out: fit on the others, strip the whole set with those weights, score its articles."""
    folds = []
    for judged, outlet in _outlets(sets):
        weights = fit_lines([line for line in lines if line.outlet != outlet])
        members = {r["id"] for r in judged.corpus if group_of(r, judged.truth[r["id"]]) == outlet}
        tallies = {}
        for threshold in thresholds:
            with _weights_file(lineclf.LineModel(weights, threshold)) as path:
                tallies[threshold] = _score(judged, members, dataclasses.replace(cfg, line_weights=path))
        without = _score(judged, members, dataclasses.replace(cfg, classify=False))
        folds.append(Fold(outlet, len(members), tallies, without))
    return folds


def _outlets(sets: Sequence[JudgedSet]) -> Iterator[tuple[JudgedSet, str]]:
    for judged in sets:
        seen: list[str] = []
        for record in judged.corpus:
            truth = judged.truth.get(record["id"])
            if truth is not None and (outlet := group_of(record, truth)) not in seen:
                seen.append(outlet)
        for outlet in seen:
            yield judged, outlet


def _score(judged: JudgedSet, members: set[str], cfg: StripConfig) -> Tally:
    tally = Tally()
    for record, stripped in stripped_texts(judged.corpus, cfg):
        if record["id"] in members:
            truth = judged.truth[record["id"]]
            spans = [(int(s), int(e), str(k)) for (s, e), k in zip(truth["boilerplate_spans"],
                                                                    truth["boilerplate_kinds"], strict=True)]
            score_record(record["text"], stripped, spans, tally, record["id"])
    return tally


class _weights_file:
    """A temporary weights file for one fold and threshold."""

    def __init__(self, model: lineclf.LineModel) -> None:
        self.model = model
        self.path = ""

    def __enter__(self) -> str:
        handle, self.path = tempfile.mkstemp(prefix="corpus-line-weights-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.model.to_json(), out)
        return self.path

    def __exit__(self, *_exc: object) -> None:
        os.unlink(self.path)


@dataclass(frozen=True)
class Added:
    """What the classifier added over the rules, pooled over held-out outlets, at one threshold."""

    threshold: float
    boilerplate: int
    story: int
    story_total: int
    recall_before: float
    recall_after: float
    precision_after: float
    story_lost_after: float

    @property
    def precision(self) -> float:
        removed = self.boilerplate + self.story
        return self.boilerplate / removed if removed else 1.0

    @property
    def story_lost(self) -> float:
        return self.story / self.story_total if self.story_total else 0.0


def added(folds: Sequence[Fold], threshold: float) -> Added:
    """The classifier's own removals (tally with it minus tally without) and the pooled scores with it."""
    pooled, base = Tally(), Tally()
    for fold in folds:
        _merge(pooled, fold.with_classifier[threshold])
        _merge(base, fold.without)
    return Added(threshold, max(pooled.hit - base.hit, 0), max(pooled.wrong - base.wrong, 0), pooled.story,
                 base.recall, pooled.recall, pooled.precision, pooled.body_lost)


def _merge(into: Tally, tally: Tally) -> None:
    into.hit += tally.hit
    into.missed += tally.missed
    into.wrong += tally.wrong
    into.story += tally.story
    into.total_by_category.update(tally.total_by_category)
    into.missed_by_category.update(tally.missed_by_category)


def choose_threshold(folds: Sequence[Fold], thresholds: Sequence[float] = THRESHOLDS,
                     alone: Sequence[Alone] = ()) -> float:
    """The threshold that gains the most recall on held-out outlets among those at which what the classifier
    removes is PRECISION precise, or costs at most STORY_LOST of the story while all that strip removes stays
    PRECISION precise. Of thresholds that gain the same, the one whose walk alone (`walk_alone`, where no rule
    knew the outlet) finds the most closing boilerplate at PRECISION: on sets the rules were written from,
    the rules leave the classifier little to show, and outlets nobody wrote rules for are its purpose; then
    the highest (the same gain for fewer guesses). The highest threshold when none qualifies."""
    gains = [added(folds, threshold) for threshold in sorted(thresholds)]
    qualified = [gain for gain in gains if gain.precision >= PRECISION
                 or (gain.story_lost <= STORY_LOST and gain.precision_after >= PRECISION)]
    if not qualified:
        return max(thresholds)
    best = max(gain.recall_after for gain in qualified)
    found = {walk.threshold: walk.boilerplate for walk in alone if walk.precision >= PRECISION}
    return max((found.get(gain.threshold, 0), gain.threshold) for gain in qualified if gain.recall_after == best)[1]


@dataclass(frozen=True)
class Alone:
    """The walk alone on held-out outlets, as if no rule existed: characters of the boilerplate that closes
    the judged articles that it took, and of story."""

    threshold: float
    closing: int
    boilerplate: int
    story: int

    @property
    def precision(self) -> float:
        removed = self.boilerplate + self.story
        return self.boilerplate / removed if removed else 1.0


def walk_alone(lines: Sequence[JudgedLine], threshold: float) -> Alone:
    """Each outlet's articles walked up from the end with weights fitted without that outlet, every line
    still in place: how much of the boilerplate that closes them would the classifier find where no rule knew
    it (the case of outlets nobody wrote rules for), and at what cost. An estimate: features were computed
    beside what the rules removed, and lines that hold only undecided text are not there."""
    closing_chars = taken = lost = 0
    for outlet in sorted({line.outlet for line in lines}):
        model = lineclf.LineModel(fit_lines([line for line in lines if line.outlet != outlet]), threshold)
        articles: dict[str, list[JudgedLine]] = {}
        for line in lines:
            if line.outlet == outlet:
                articles.setdefault(line.record, []).append(line)
        for article in articles.values():
            for line in reversed(article):
                if not line.boilerplate:
                    break
                closing_chars += len(line.text)
            for index, _probability in _walk(article, model):
                if article[index].boilerplate:
                    taken += len(article[index].text)
                else:
                    lost += len(article[index].text)
    return Alone(threshold, closing_chars, taken, lost)


def _walk(article: Sequence[JudgedLine], model: lineclf.LineModel) -> list[tuple[int, float]]:
    """What strip's walk (`lineclf.edge_runs`) takes of one article's lines when none was removed before it."""
    probability = [model.probability(line.vector) if lineclf.has_cue(line.text, line.outlet_stem) else 0.0
                   for line in article]
    short = [lineclf.bridges(line.text) for line in article]
    return lineclf.edge_runs(len(article), [False] * len(article), probability.__getitem__, model.threshold,
                             [len(line.text.split()) for line in article], short.__getitem__)


def write_weights(model: lineclf.LineModel, path: str) -> None:
    Path(path).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Training:
    """Fitted weights with the threshold cross-validation chose, and what cross-validation measured."""

    model: lineclf.LineModel
    lines: int
    boilerplate: int
    outlets: int
    folds: list[Fold]
    alone: list[Alone]

    def report(self) -> list[str]:
        out = [f"{self.lines:,} judged lines ({self.boilerplate:,} boilerplate) of {self.outlets} outlet(s)",
               "leave-outlet-out, what the classifier adds to rules and learning (characters of aligned tokens):",
               "threshold  boilerplate  story  its precision  story lost  recall before -> after  precision after"]
        for threshold in sorted(self.folds[0].with_classifier) if self.folds else ():
            gain = added(self.folds, threshold)
            chosen = "  <- chosen" if threshold == self.model.threshold else ""
            out.append(f"{threshold:9.2f}  {gain.boilerplate:11,}  {gain.story:5,}  {gain.precision:13.3f}  "
                       f"{gain.story_lost:10.4f}  {gain.recall_before:13.3f} -> {gain.recall_after:.3f}  "
                       f"{gain.precision_after:15.4f}{chosen}")
        out.append("leave-outlet-out, the classifier alone (no rule, no learning) on the boilerplate that closes "
                   "each article:")
        out.append("threshold  found / closing boilerplate  story taken  precision")
        for alone in self.alone:
            found = alone.boilerplate / alone.closing if alone.closing else 0.0
            out.append(f"{alone.threshold:9.2f}  {alone.boilerplate:6,} / {alone.closing:<7,} {found:7.2f}  "
                       f"{alone.story:11,}  {alone.precision:9.3f}")
        return out


def train(folder: str, cfg: StripConfig, threshold: float | None = None) -> Training:
    """Fit on every judged set in `folder`; cross-validate by outlet to choose the threshold unless given."""
    sets = judged_sets(folder)
    lines = [line for judged in sets for line in judged_lines(judged, cfg)]
    weights = fit_lines(lines)
    folds = cross_validate(sets, lines, cfg)
    alone = [walk_alone(lines, level) for level in THRESHOLDS]
    chosen = choose_threshold(folds, alone=alone) if threshold is None else threshold
    return Training(lineclf.LineModel(weights, chosen), len(lines), sum(line.boilerplate for line in lines),
                    len({line.outlet for line in lines}), folds,
                    [walk for walk in alone if walk.threshold in {*THRESHOLDS[:4], chosen}])
