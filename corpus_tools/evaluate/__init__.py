"""Accuracy evaluation on labeled sets: one module per kind, each with `evaluate(truth_path, overrides)`."""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from corpus_tools.errors import CorpusError, OptionError

KINDS = ("strip", "dedup", "langid")


@dataclass
class Target:
    """A figure the README promises, e.g. precision >= 0.98."""

    direction: Literal[">=", "<="]
    value: float

    def met(self, actual: float) -> bool:
        return actual >= self.value if self.direction == ">=" else actual <= self.value


@dataclass
class EvalReport:
    kind: str
    records: int
    metrics: dict[str, float]
    targets: dict[str, Target] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.met(self.metrics[name]) for name, t in self.targets.items())

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "records": self.records, "metrics": self.metrics,
            "targets": {k: f"{t.direction} {t.value}" for k, t in self.targets.items()}, "passed": self.passed,
            "details": self.details,
        }


class Evaluator(Protocol):
    def __call__(self, truth_path: str, overrides: dict[str, str]) -> EvalReport: ...


def evaluator(kind: str) -> Evaluator:
    if kind not in KINDS:
        raise CorpusError(f"unknown evaluation '{kind}'; choose from {', '.join(KINDS)}")
    module = importlib.import_module(f"corpus_tools.evaluate.{kind}")
    return module.evaluate  # type: ignore[no-any-return]


C = TypeVar("C")


def span_problem(spans: Any, length: int, width: int) -> str | None:
    """What makes a truth file's spans unusable for a text of `length` characters, or None: each span is
    [start, end] (`width` 2) or [start, end, category] (3), with 0 <= start <= end <= length."""
    if not isinstance(spans, list):
        return "boilerplate_spans must be a list"
    for span in spans:
        if not isinstance(span, list) or len(span) != width or not all(type(v) is int for v in span[:2]):
            shape = "[start, end]" if width == 2 else "[start, end, category]"
            return f"a span must be {shape} with whole-number offsets, not {span!r}"
        if not 0 <= span[0] <= span[1] <= length:
            return f"span {span[:2]} lies outside the text's {length} characters"
    return None


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def refuse_writes(overrides: dict[str, str], writing: set[str], stage: str) -> None:
    """--set may not name an option of the stage that writes beside its output: an evaluation writes only its
    report, and would leave the option unused without a word."""
    writes = sorted(set(overrides) & writing)
    if writes:
        raise OptionError(f"--set {writes[0]}: an evaluation writes nothing beside its report; run `corpus {stage} "
                          f"--{writes[0]} ...` for that")


def with_overrides(config: C, overrides: dict[str, str]) -> C:
    """A copy of a frozen config with `--set name=value` options applied, typed like the defaults."""
    if not overrides:
        return config
    fields = {f.name: f for f in dataclasses.fields(config)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for name, raw in overrides.items():
        if name not in fields:
            raise OptionError(f"--set {name}: no such option; choose from {', '.join(sorted(fields))}")
        current = getattr(config, name)
        if isinstance(current, bool):
            if raw.lower() not in _TRUE + _FALSE:
                raise OptionError(f"--set {name}={raw}: not true or false")
            changes[name] = raw.lower() in _TRUE
        elif isinstance(current, (int, float)):
            try:
                changes[name] = type(current)(raw)
            except ValueError:
                raise OptionError(f"--set {name}={raw}: not a number ({type(current).__name__})") from None
        elif isinstance(current, tuple):
            changes[name] = tuple(part for part in raw.split(",") if part)
        else:
            changes[name] = raw
    return dataclasses.replace(config, **changes)  # type: ignore[type-var]
