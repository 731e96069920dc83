"""What each chained command hands to the group's result callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corpus_tools.io.readers import ReadConfig
from corpus_tools.io.split import SplitConfig
from corpus_tools.io.writer import WriteConfig
from corpus_tools.pipeline import Stage


@dataclass(frozen=True)
class ReadStep:
    path: str
    config: ReadConfig


@dataclass(frozen=True)
class StageStep:
    stage: Stage


@dataclass(frozen=True)
class WriteStep:
    """The end of a chain: a sharded corpus, or its train/validation/test split."""

    config: WriteConfig | SplitConfig


@dataclass(frozen=True)
class ToolStep:
    """A command that runs alone (eval, generate, ...): its work waits until the chain is checked."""

    name: str
    run: Callable[[], None]


Step = ReadStep | StageStep | WriteStep | ToolStep
