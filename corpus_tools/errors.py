"""Typed errors that the CLI turns into one-line messages, and what makes any message safe to print."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A message with control characters (ANSI escapes from an id or a line, say) shown, not obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class CorpusError(Exception):
    """An error caused by the user's data or files, reported without a traceback."""


class BadRecord(CorpusError):
    """One input line or row that cannot become a record."""

    def __init__(self, path: str, line: int | None, reason: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.reason = reason
        self.hint = hint
        super().__init__(str(self))

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        text = f"{self.where}: {self.reason}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(CorpusError):
    """An input that cannot be opened or read at all."""


class OutputError(CorpusError):
    """An output that cannot be written as asked."""


class OptionError(CorpusError):
    """An option the user gave that cannot apply (exit 2, like click's own usage errors)."""
