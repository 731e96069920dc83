"""`corpus strip --explain`: shows a person, in colour on stderr, what went from a record and why."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from corpus_tools.boilerplate.detect import Analysis, Span
from corpus_tools.boilerplate.lineclf import RULE as LINE_RULE
from corpus_tools.errors import printable

if TYPE_CHECKING:
    from rich.console import Console


class Explainer:
    """Prints the first `limit` records; stderr keeps stdout pure JSONL wherever strip sits in a chain."""

    def __init__(self, limit: int, stream: TextIO | None = None) -> None:
        self.limit = limit
        self.shown = 0
        self._stream = stream
        self._console: Console | None = None

    def show(self, record_id: str, text: str, analysis: Analysis, kept: bool) -> None:
        if self.shown >= self.limit:
            return
        self.shown += 1
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self._stream or sys.stderr, highlight=False, soft_wrap=True)
        render(self._console, record_id, text, analysis, kept)


def render(console: Console, record_id: str, text: str, analysis: Analysis, kept: bool) -> None:
    from rich.text import Text

    spans = _outermost(analysis.spans)
    chars = sum(s.end - s.start for s in spans)
    verdict = "" if kept else ", record dropped (empty_after_strip)"
    console.rule(Text(f"{printable(record_id)}: {len(spans)} span(s), {chars:,} characters removed{verdict}",
                      style="bold"), align="left")
    body = Text()
    position = 0
    for span in spans:
        body.append(printable(text[position:span.start]))
        body.append(printable(text[span.start:span.end]), style="red strike")
        score = analysis.scores.get(span.start) if span.rule == LINE_RULE else None
        reason = span.rule if score is None else f"{span.rule} {score:.2f}"
        body.append(f" [{span.category} · {reason}]", style="bold yellow")
        position = span.end
    body.append(printable(text[position:]))
    console.print(body)
    for name, value in analysis.rescued.items():
        console.print(Text(f"  {name} ← {printable(repr(value))} (kept as metadata where the record had none)",
                           style="green"))


def _outermost(spans: Sequence[Span]) -> list[Span]:
    """Spans in order, without any that lie inside an earlier one."""
    result: list[Span] = []
    for span in sorted(spans):
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result
