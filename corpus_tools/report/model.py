"""What `corpus report` shows: a run's figures section by section; a section is None where the run had no such stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageFlow:
    """One stage's line in the manifest: records in and out, and why the difference went."""

    name: str
    records_in: int
    records_out: int
    modified: int
    dropped: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class DropCount:
    stage: str
    reason: str
    count: int


@dataclass(frozen=True)
class RejectedLine:
    source: str
    line: int | None
    reason: str
    raw: str


@dataclass(frozen=True)
class Rejected:
    """Input lines that never became records (`--on-error skip`), with the first few as examples."""

    count: int
    by_reason: list[tuple[str, int]]
    file: str | None
    examples: list[RejectedLine]


@dataclass(frozen=True)
class CategoryCount:
    category: str
    spans: int
    chars: int | None


@dataclass(frozen=True)
class RuleCount:
    rule: str
    category: str | None
    spans: int
    chars: int | None
    example: str | None


@dataclass(frozen=True)
class Boilerplate:
    """What strip cut. From removed.jsonl when there is one (chars, examples, records touched),
    otherwise from the strip stage's counts in the manifest (spans only). `path` is the file it came from."""

    source: str
    path: str | None
    spans: int
    chars: int | None
    records: int | None
    categories: list[CategoryCount]
    rules: list[RuleCount]
    rule_total: int


@dataclass(frozen=True)
class ClusterMember:
    id: str
    similarity: float | None
    title: str | None
    kept: bool
    written: bool
    date: str | None = None


@dataclass(frozen=True)
class Cluster:
    cluster_id: str
    size: int
    members: list[ClusterMember]


@dataclass(frozen=True)
class Duplicates:
    """Clusters of two or more copies: how many, how big, and the biggest with their members."""

    source: str
    path: str | None
    clusters: int
    duplicates: int
    sizes: list[tuple[int, int]]
    biggest: list[Cluster]


@dataclass(frozen=True)
class Languages:
    source: str
    total: int
    counts: list[tuple[str, int]]


@dataclass(frozen=True)
class LengthBin:
    low: int
    high: int | None
    count: int

    @property
    def label(self) -> str:
        return f"≥ {self.low:,}" if self.high is None else f"{self.low:,}–{self.high - 1:,}"


@dataclass(frozen=True)
class Lengths:
    """Words per written record (whitespace-separated tokens), as a histogram and a few quantiles."""

    records: int
    words: int
    min: int
    median: int
    mean: float
    p90: int
    max: int
    bins: list[LengthBin]


@dataclass(frozen=True)
class InputFile:
    path: str
    format: str
    records: int
    rejected: int


@dataclass(frozen=True)
class OutputShard:
    path: str
    records: int
    bytes: int


@dataclass(frozen=True)
class RunReport:
    directory: str
    command: list[str]
    started: str | None
    finished: str | None
    version: str | None
    input_records: int
    written: int
    balanced: bool
    inputs: list[InputFile]
    stages: list[StageFlow]
    drops: list[DropCount]
    rejected: Rejected
    outputs: list[OutputShard]
    boilerplate: Boilerplate | None
    duplicates: Duplicates | None
    languages: Languages | None
    lengths: Lengths | None
    notes: list[str]

    @property
    def dropped(self) -> int:
        return sum(d.count for d in self.drops)

    def has_stage(self, name: str) -> bool:
        return any(s.name == name for s in self.stages)
