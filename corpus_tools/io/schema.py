"""One type per field in the output, so that pyarrow, datasets, pandas and DuckDB load it as written.

Pass-through fields come from whatever the inputs held: `tags` may be a list in a JSONL feed and a
string in a CSV scrape. Loaders infer one column type per field and fail on such a mix. The writer
watches the kinds of every field and, where they disagree, settles on one:

- integers beside floats are written as floats (loaders that read shard by shard would otherwise
  give one shard an integer column and the next a float column), unless one of the integers is beyond
  what a float holds exactly (2**53: tweet ids, say): then the field is a string, and no value changes;
- a list beside scalars is a list: each scalar becomes a one-element list;
- any other mix is a string: each value that is not a string is written as its JSON text.

Null is allowed beside any kind. Each settled field is named in a warning with a record of each kind,
and the manifest counts the values changed as `retyped.<field>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corpus_tools.record import Record, json_text

_KIND = {str: "string", bool: "boolean", int: "integer", float: "number", list: "list", dict: "object"}
_NUMERIC = {"integer", "number"}
_EXACT = 2**53
"""The largest integer every float up to it holds exactly."""


def kind_of(value: Any) -> str | None:
    """The JSON kind of a value (None for null); subclasses count as their base kind."""
    if value is None:
        return None
    kind = _KIND.get(type(value))
    if kind is not None:
        return kind
    for base, name in _KIND.items():
        if isinstance(value, base):
            return name
    return type(value).__name__


@dataclass
class FieldKinds:
    """How often a field held each kind, and the first record that showed each."""

    counts: dict[str, int] = field(default_factory=dict)
    first_id: dict[str, str] = field(default_factory=dict)
    wide: bool = False
    """Whether an integer beyond what a float holds exactly (2**53) was seen."""


@dataclass(frozen=True)
class Settled:
    """The one kind a field is written as, because its records disagreed."""

    name: str
    kind: str
    kinds: FieldKinds

    def describe(self) -> str:
        seen = " and ".join(f"{_article(kind)} {kind} in {count:,} record(s) (first: '{self.kinds.first_id[kind]}')"
                            for kind, count in self.kinds.counts.items())
        rule = {"list": "each other value as a one-element list", "number": "each integer as a float"}.get(
            self.kind, "each other value as its JSON text")
        if self.kinds.wide and set(self.kinds.counts) == _NUMERIC:
            rule += " (an integer of it is beyond what a float holds exactly)"
        return f"field '{self.name}' is {seen}: written as {_article(self.kind)} {self.kind}, {rule}"


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


class FieldTypes:
    """Observes records as they are written; afterwards says which fields disagreed and retypes records."""

    def __init__(self) -> None:
        self.fields: dict[str, FieldKinds] = {}
        self._last_kind: dict[str, str] = {}

    def observe(self, record: Record) -> None:
        last = self._last_kind
        for name, value in record.items():
            kind = kind_of(value)
            if kind is None:
                continue
            if last.get(name) == kind:
                kinds = self.fields[name]
            else:
                kinds = self.fields.setdefault(name, FieldKinds())
                if kind not in kinds.counts:
                    kinds.counts[kind] = 0
                    kinds.first_id[kind] = str(record.get("id"))
                last[name] = kind
            kinds.counts[kind] += 1
            if kind == "integer" and not -_EXACT <= value <= _EXACT:
                kinds.wide = True

    def settled(self) -> list[Settled]:
        """The fields whose records disagreed in a way a loader cannot take, in order of first appearance."""
        result = []
        for name, kinds in self.fields.items():
            seen = set(kinds.counts)
            if len(seen) < 2:
                continue
            result.append(Settled(name, _settled_kind(seen, kinds.wide), kinds))
        return result


def _settled_kind(seen: set[str], wide: bool) -> str:
    if seen == _NUMERIC and not wide:
        return "number"
    return "list" if "list" in seen and "object" not in seen else "string"


Retype = Callable[[Record], tuple[Record, list[str]]]


def retyper(settled: list[Settled]) -> Retype:
    """A function that rewrites a record's settled fields, returning it with the names of the fields changed."""
    targets = {s.name: s.kind for s in settled}

    def retype(record: Record) -> tuple[Record, list[str]]:
        changed = []
        for name, kind in targets.items():
            value = record.get(name)
            if value is None or kind_of(value) == kind:
                continue
            changed.append(name)
        if not changed:
            return record, changed
        record = dict(record)
        for name in changed:
            value = record[name]
            if targets[name] == "list":
                record[name] = [value]
            elif targets[name] == "number":
                record[name] = float(value)
            else:
                record[name] = json_text(value)
        return record, changed

    return retype
