"""strip: remove publisher boilerplate (bylines, calls to action, footers) by rule and by what an outlet repeats."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO, Any, ClassVar

import orjson

from corpus_tools.boilerplate.detect import CLASSIFIED, Analysis, Detector, remove_spans
from corpus_tools.boilerplate.explain import Explainer
from corpus_tools.boilerplate.learned import Learner, Model, learn_spooled
from corpus_tools.boilerplate.lineclf import RULE as LINE_RULE
from corpus_tools.boilerplate.lineclf import LineModel, load_weights, shipped
from corpus_tools.boilerplate.rules import Rule, load_rules
from corpus_tools.dates import iso_date_multilingual
from corpus_tools.errors import OutputError
from corpus_tools.executors import Executor, batched, map_batches
from corpus_tools.io.modes import named_errors
from corpus_tools.pipeline import BATCH_SIZE, Drop, apply_record_stage, apply_stream_stage
from corpus_tools.record import Record, outlet_of
from corpus_tools.spool import RecordSpool
from corpus_tools.stats import StageStats

EMPTY = "empty_after_strip"


@dataclass(frozen=True)
class StripConfig:
    """What strip removes and how; every field is one `corpus strip` option."""

    rules: tuple[str, ...] = ()
    builtin_rules: bool = True
    keep_category: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()
    learn: bool = True
    """Learn each outlet's recurring lines from the input itself; a saved `model` replaces this."""
    model: str | None = None
    min_stories: int = 5
    min_share: float = 0.1
    classify: bool = True
    """Score the edge lines rules left with the line classifier (`lineclf`) and remove those above its threshold."""
    line_weights: str | None = None
    """The classifier's weights from this file (`corpus boilerplate fit-lines`) instead of the shipped ones."""
    rescue: bool = True
    removed: str | None = None
    explain: bool = False
    explain_limit: int = 5
    side_files: ClassVar[tuple[str, ...]] = ("removed",)
    """Fields that name a file the stage writes beside the output: the runner writes it with the corpus."""


def rules_in_force(cfg: StripConfig) -> tuple[list[Rule], list[str]]:
    """The rules a config selects, and the rule-file versions they come from (for the manifest)."""
    rules, versions = load_rules(cfg.rules, cfg.builtin_rules, cfg.keep_category)
    if cfg.lang:
        wanted = set(cfg.lang)
        rules = [r for r in rules if "*" in r.languages or wanted & set(r.languages)]
    return rules, versions


def categories(cfg: StripConfig) -> list[str]:
    """Every category the config's rule files know, whatever --keep-category says."""
    rules, _ = load_rules(cfg.rules, cfg.builtin_rules)
    # Besides the rules': learning's, the title repeated, the classifier's, and the wire dateline that only the
    # in-line finders (`affixes`) take.
    return sorted({r.category for r in rules} | {"learned", "headline", CLASSIFIED, "dateline"})


def keep_category_problem(cfg: StripConfig) -> str | None:
    """What is wrong with the categories the config keeps, if one of them is none strip removes."""
    known = categories(cfg)
    unknown = [c for c in cfg.keep_category if c not in known]
    return f"no rule has category '{unknown[0]}'; categories: {', '.join(known)}" if unknown else None


def rule_languages(cfg: StripConfig) -> set[str]:
    """The languages the config's rule files have rules for ("*" rules apply to every language)."""
    rules, _ = load_rules(cfg.rules, cfg.builtin_rules)
    return {language for rule in rules for language in rule.languages} - {"*"}


class Strip:
    """The strip stage with rules and, optionally, a saved model; per-record, so it runs in workers."""

    name = "strip"

    def __init__(self, config: StripConfig | None = None, model: Model | None = None) -> None:
        self.config = config or StripConfig()
        cfg = self.config
        rules, _versions = rules_in_force(cfg)
        if model is None and cfg.model:
            model = Model.load(cfg.model)
        line_model: LineModel | None = None
        if cfg.classify:
            line_model = load_weights(cfg.line_weights) if cfg.line_weights else shipped()
        kept_rules: list[Rule] = []
        if line_model is not None and cfg.keep_category:
            every, _versions = rules_in_force(dataclasses.replace(cfg, keep_category=()))
            kept_rules = [rule for rule in every if rule.category in cfg.keep_category]
        self.detector = Detector(rules, model, frozenset(cfg.keep_category), line_model, kept_rules)

    @property
    def model(self) -> Model | None:
        return self.detector.model

    @model.setter
    def model(self, model: Model | None) -> None:
        old = self.detector
        self.detector = Detector(old.rules, model, old.keep, old.line_model, old.kept_rules)

    def analyse(self, record: Record) -> Analysis:
        language = record.get("lang")
        title = record.get("title")
        return self.detector.analyse(record["text"], language if isinstance(language, str) and language else None,
                                     outlet_of(record), title if isinstance(title, str) else None)

    def process(self, record: Record, counts: Counter[str]) -> Record | Drop:
        return self.apply(record, self.analyse(record), counts)

    def apply(self, record: Record, analysis: Analysis, counts: Counter[str]) -> Record | Drop:
        """The record without the analysed spans, with rescued metadata; counts what went."""
        if not analysis.spans:
            return record
        for span in analysis.spans:
            counts[f"removed.category.{span.category}"] += 1
            counts[f"removed.rule.{span.rule}"] += 1
            counts["removed.chars"] += span.end - span.start
        counts["removed.spans"] += len(analysis.spans)
        text = remove_spans(record["text"], analysis.spans)
        if not text:
            return Drop(EMPTY)
        changed = {**record, "text": text}
        if self.config.rescue:
            _rescue(changed, analysis.rescued, counts)
        return changed


def _rescue(record: Record, found: dict[str, str], counts: Counter[str]) -> None:
    """Metadata from removed header lines goes where the record has none; existing values always win."""
    date = found.get("date")
    if date and not record.get("date"):
        record["date"] = iso_date_multilingual(date)
        counts["rescued.date"] += 1
    author = found.get("author")
    meta = record.get("meta")
    if author and (meta is None or (isinstance(meta, dict) and not meta.get("author"))):
        record["meta"] = {**(meta or {}), "author": author}
        counts["rescued.author"] += 1
    title = found.get("title")
    if title and not record.get("title"):
        record["title"] = title
        counts["rescued.title"] += 1


class StripStream:
    """strip as a whole-stream stage: for --learn (which needs the input twice), --removed and --explain
    (which must write in input order, so they run in the main process)."""

    name = "strip"

    def __init__(self, config: StripConfig) -> None:
        self.config = config
        self.core = Strip(config)

    def run(self, records: Iterable[Record], stats: StageStats, executor: Executor) -> Iterator[Record]:
        cfg = self.config
        with ExitStack() as cleanup:
            audit = _open_audit(cfg.removed) if cfg.removed else None
            if audit is not None:
                cleanup.callback(_close_audit, audit, str(cfg.removed))
            source = records
            if learns(cfg):
                # Learning ends before the executor sees the stripper: an executor may ship it to its workers
                # (Dask scatters it) as soon as `map_ordered` is called.
                spool = cleanup.enter_context(RecordSpool("corpus-strip-"))
                self._learn(records, spool, stats, executor)
                source = spool
            explainer = Explainer(cfg.explain_limit) if cfg.explain else None
            if audit is None and explainer is None:
                yield from self._stripped(source, stats, executor)
                return
            # Analysis, the costly part, runs on the executor; audit and output stay in input order here.
            analysed = executor.map_ordered(_analyse_batch, self.core, batched(source, BATCH_SIZE))
            for record, analysis in (pair for batch in analysed for pair in batch):
                result = self.core.apply(record, analysis, stats.counts)
                if audit is not None:
                    with named_errors(str(cfg.removed)):
                        _write_audit(audit, record, analysis)
                if explainer is not None:
                    explainer.show(record["id"], record["text"], analysis, not isinstance(result, Drop))
                yield from _counted(record, result, stats)

    def _stripped(self, records: Iterable[Record], stats: StageStats, executor: Executor) -> Iterator[Record]:
        """Without an audit or an explanation to write, the executor strips too: the analyses (many small
        objects, slow to ship) stay where they were made, and a record strip leaves alone is not sent back."""
        for batch, (results, counts) in map_batches(executor, _strip_batch, self.core, records, BATCH_SIZE):
            stats.counts.update(counts)
            for record, result in zip(batch, results, strict=True):
                yield from _counted(record, record if result is None else result, stats)

    def _learn(self, records: Iterable[Record], spool: RecordSpool, stats: StageStats, executor: Executor) -> None:
        """Spool the records to a temporary file (stdin cannot be read twice; upstream stages must not run
        twice) and learn from two passes over the spool, which then feeds the stripper."""
        model = learn_spooled(records, Learner(self.config.min_stories, self.config.min_share), spool, executor)
        self.core.model = model
        stats.counts["learned.lines"] = len(model)
        stats.counts["learned.outlets"] = sum(1 for o in model.outlets.values() if o.lines)


def _analyse_batch(core: Strip, batch: list[Record]) -> list[tuple[Record, Analysis]]:
    return [(record, core.analyse(record)) for record in batch]


def _strip_batch(core: Strip, batch: list[Record]) -> tuple[list[Record | Drop | None], Counter[str]]:
    """Each record's result, None where strip leaves the record as it is, and the batch's counts."""
    counts: Counter[str] = Counter()
    results: list[Record | Drop | None] = []
    for record in batch:
        result = core.process(record, counts)
        results.append(None if result is record else result)
    return results, counts


def _counted(record: Record, result: Record | Drop, stats: StageStats) -> Iterator[Record]:
    """The result, unless it is a drop; what happened to the record goes into the stage's stats."""
    if isinstance(result, Drop):
        stats.drop(result.reason, record["id"])
        return
    if result is not record:
        stats.modified += 1
    yield result


def _open_audit(path: str) -> IO[bytes]:
    try:
        return open(path, "wb")
    except OSError as err:
        raise OutputError(f"{path}: cannot write the removed-spans file ({err.strerror})") from None


def _close_audit(audit: IO[bytes], path: str) -> None:
    with named_errors(path):  # its last writes reach the file as it closes
        audit.close()


def _write_audit(audit: IO[bytes], record: Record, analysis: Analysis) -> None:
    text = record["text"]
    for span in analysis.spans:
        entry: dict[str, Any] = {"id": record["id"], "category": span.category, "rule": span.rule,
                                 "text": text[span.start:span.end], "start": span.start, "end": span.end}
        if span.rule == LINE_RULE:
            entry["score"] = analysis.scores[span.start]
        audit.write(orjson.dumps(entry) + b"\n")


def learns(cfg: StripConfig) -> bool:
    """Whether strip learns from its input: by default, unless switched off or given a saved model."""
    return cfg.learn and not cfg.model


def strip_stage(cfg: StripConfig | None = None) -> Strip | StripStream:
    """The per-record stage when it can be one, the whole-stream stage when learning, auditing or explaining."""
    cfg = cfg or StripConfig()
    if learns(cfg) or cfg.removed or cfg.explain:
        return StripStream(cfg)
    return Strip(cfg)


def strip(records: Iterable[Record], cfg: StripConfig | None = None, stats: StageStats | None = None
          ) -> Iterator[Record]:
    """Strip a stream of records; records left with no text are dropped as `empty_after_strip`."""
    stage = strip_stage(cfg)
    stats = stats or StageStats("strip")
    if isinstance(stage, StripStream):
        return apply_stream_stage(stage, records, stats)
    return apply_record_stage(stage, records, stats)
