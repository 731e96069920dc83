"""The Python API: the command line's stages over dicts, a pandas DataFrame or a datasets.Dataset.

    from corpus_tools.api import clean
    result = clean(records, ["normalize", "strip", "dedup"])
    result.records, result.manifest.balance

A run here is a run of the command line (same reader checks, stages, writer and manifest); see docs/api.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import orjson

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.errors import InputError
from corpus_tools.io.readers import ReadConfig
from corpus_tools.io.writer import WriteConfig
from corpus_tools.pipeline import Stage
from corpus_tools.record import Record
from corpus_tools.runner import RunSpec, run
from corpus_tools.stages.conflicts import Conflicts, ConflictsConfig
from corpus_tools.stages.dedup import Dedup
from corpus_tools.stages.filter import Filter, FilterConfig
from corpus_tools.stages.langid import LangId, LangIdConfig
from corpus_tools.stages.normalize import Normalize, NormalizeConfig
from corpus_tools.stages.strip import StripConfig, strip_stage

StepConfig = NormalizeConfig | StripConfig | FilterConfig | LangIdConfig | DedupConfig | ConflictsConfig

_STAGES: dict[type, Callable[[Any], Stage]] = {
    NormalizeConfig: Normalize, StripConfig: strip_stage, FilterConfig: Filter, LangIdConfig: LangId,
    DedupConfig: Dedup, ConflictsConfig: Conflicts,
}
_DEFAULTS: dict[str, type] = {
    "normalize": NormalizeConfig, "strip": StripConfig, "filter": FilterConfig, "langid": LangIdConfig,
    "dedup": DedupConfig, "conflicts": ConflictsConfig,
}


@dataclass(frozen=True)
class StageSummary:
    """One stage's line in the manifest."""

    name: str
    records_in: int
    records_out: int
    dropped: dict[str, int]
    counts: dict[str, Any]
    options: dict[str, Any]


@dataclass(frozen=True)
class Manifest:
    """manifest.json as an object: the same data, with the figures most often wanted as attributes."""

    data: dict[str, Any]

    @property
    def written(self) -> int:
        return int(self.data["balance"]["written"])

    @property
    def dropped(self) -> dict[str, int]:
        return dict(self.data["balance"]["dropped"])

    @property
    def rejected(self) -> int:
        return int(self.data["balance"]["rejected"])

    @property
    def balance(self) -> dict[str, Any]:
        return dict(self.data["balance"])

    @property
    def stages(self) -> list[StageSummary]:
        return [StageSummary(s["name"], s["records_in"], s["records_out"], s.get("dropped", {}),
                             s.get("counts", {}), s.get("options", {})) for s in self.data["stages"]]

    def stage(self, name: str) -> StageSummary:
        """The first stage of that name; KeyError names the stages there are."""
        for summary in self.stages:
            if summary.name == name:
                return summary
        raise KeyError(f"no stage '{name}' in this run (stages: {', '.join(s.name for s in self.stages)})")

    @classmethod
    def load(cls, path: str) -> Manifest:
        """The manifest of a finished run: `Manifest.load("clean/manifest.json")`."""
        with open(path, "rb") as handle:
            return cls(orjson.loads(handle.read()))


@dataclass
class Result:
    """What a run gives back: the records (empty when they went to a directory) and the manifest."""

    records: list[Record]
    manifest: Manifest
    warnings: list[str]

    def to_pandas(self) -> Any:
        import pandas

        return pandas.DataFrame.from_records(self.records)

    def to_dataset(self) -> Any:
        import datasets

        return datasets.Dataset.from_list(self.records)


def clean(
    data: Any,
    steps: Sequence[StepConfig | str] = ("normalize", "strip", "langid", "dedup"),
    *,
    write: str | WriteConfig | None = None,
    text_field: str | None = None,
    id_field: str | None = None,
    on_error: Literal["fail", "skip"] = "fail",
    workers: int = 1,
) -> Result:
    """Run `steps` over `data`: an iterable of dicts, a pandas DataFrame, a datasets.Dataset, or a path
    that `corpus read` takes. Each step is a stage's config (`DedupConfig(threshold=0.6)`) or its name
    for the defaults. With `write` (a directory, or a WriteConfig), records go there as the command
    line writes them and `records` is empty.

    A record without `text` raises BadRecord naming its position (`<records>:3: missing field 'text'`),
    as the command line does for a line of input; a record without `id` gets one from its position."""
    if on_error not in ("fail", "skip"):
        raise ValueError(f"on_error is 'fail' or 'skip', not {on_error!r}")
    if type(workers) is not int or workers < 1:
        raise ValueError(f"workers is a positive integer, not {workers!r}")
    stages = [_stage(step) for step in ([steps] if isinstance(steps, str) else steps)]
    read = ReadConfig(text_field=text_field, id_field=id_field)
    kept: list[Record] = []
    warnings: list[str] = []
    spec = RunSpec(stages=stages, on_error=on_error, workers=workers, command=["corpus_tools.api.clean"],
                   write=WriteConfig(write) if isinstance(write, str) else write)
    if isinstance(data, str):
        spec.inputs = [(data, read)]
    else:
        spec.inputs = [("<records>", read)]
        spec.records = rows(data)
    result = run(spec, kept.append, warnings.append)
    return Result(kept, Manifest(result.manifest), warnings)


def _stage(step: StepConfig | str) -> Stage:
    if isinstance(step, str):
        if step not in _DEFAULTS:
            raise ValueError(f"no stage named '{step}' (stages: {', '.join(_DEFAULTS)})")
        return _STAGES[_DEFAULTS[step]](_DEFAULTS[step]())
    factory = _STAGES.get(type(step))
    if factory is None:
        raise TypeError(f"a step is a stage's config or its name, not {type(step).__name__}")
    return factory(step)


def rows(data: Any) -> Iterable[Mapping[str, Any]]:
    """Plain dicts from an iterable of mappings, a pandas DataFrame or a datasets.Dataset.

    DataFrame cells that pandas fills for a missing field (None, NaN, NaT) are left out, numpy values
    become Python values, timestamps ISO 8601 strings."""
    if hasattr(data, "to_dict") and hasattr(data, "columns") and hasattr(data, "iloc"):
        return _frame_rows(data)
    return iter(cast(Iterable[Mapping[str, Any]], data))


def _frame_rows(frame: Any) -> Iterator[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    repeated = next((name for name, count in Counter(columns).items() if count > 1), None)
    if repeated is not None:
        # A record keeps one value per field: the other column's values would be lost without a word.
        raise InputError(f"<records>: the DataFrame names column {repeated!r} twice; rename one")
    for values in frame.itertuples(index=False, name=None):
        yield {name: _python(value) for name, value in zip(columns, values, strict=True) if not _missing(value)}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _python(value: Any) -> Any:
    if type(value) in (str, int, float, bool):
        return value
    if hasattr(value, "tolist"):  # numpy scalars and arrays (list columns read from Parquet)
        return _python(value.tolist())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [_python(v) for v in value]
    if isinstance(value, dict):
        return {k: _python(v) for k, v in value.items()}
    return value
