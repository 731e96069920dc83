"""Prints a RunReport as rich tables: the same numbers as the HTML page, for a terminal or a pipe."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from corpus_tools.report.model import ClusterMember, RunReport

BAR_WIDTH = 24
EXAMPLE_CHARS = 60
MAX_FILES = 20


def print_report(report: RunReport, console: Console) -> None:
    """Every section in the page's order; a section without data says why in one line."""
    heading = Text("corpus report: ", style="bold")
    heading.append(_plain(report.directory))
    console.print(heading)
    if report.command:
        console.print(Text(_plain(" ".join(report.command)), style="dim"))
    balance = "balanced" if report.balanced else "DOES NOT BALANCE"
    console.print(f"{report.input_records:,} input records = {report.written:,} written + {report.dropped:,} dropped"
                  f" + {report.rejected.count:,} rejected lines ({balance})", markup=False)
    for note in report.notes:
        console.print(Text(f"Note: {note}", style="yellow"))
    _stages(report, console)
    _drops(report, console)
    _rejected(report, console)
    _boilerplate(report, console)
    _duplicates(report, console)
    _languages(report, console)
    _lengths(report, console)
    _files(report, console)


def _plain(text: str, limit: int | None = None) -> str:
    """One line without control characters: corpus text must not move the cursor or recolour a terminal."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _bar(value: int, top: int) -> str:
    return "█" * max(1, round(BAR_WIDTH * value / top)) if value and top else ""


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _table(columns: Sequence[str], numeric: Sequence[bool], fold: Sequence[str] = ()) -> Table:
    """Numbers never wrap; the columns named in `fold` (ids) break anywhere rather than lose characters."""
    table = Table()
    for column, num in zip(columns, numeric, strict=True):
        table.add_column(column, justify="right" if num else "left", no_wrap=num,
                         overflow="fold" if column in fold else "ellipsis")
    return table


def _title(console: Console, title: str, facts: str = "") -> None:
    console.print()
    line = Text(title, style="bold")
    if facts:
        line.append(f": {facts}")
    console.print(line)


def _absent(console: Console, title: str, message: str) -> None:
    _title(console, title)
    console.print(Text(message, style="italic"))


def _stages(report: RunReport, console: Console) -> None:
    if not report.stages:
        _absent(console, "Records through each stage", "The manifest lists no stages.")
        return
    table = _table(["stage", "in", "out", "modified", "dropped", "seconds"], [False, True, True, True, False, True])
    for s in report.stages:
        reasons = ", ".join(f"{reason} {n:,}" for reason, n in sorted(s.dropped.items())) or "-"
        table.add_row(Text(_plain(s.name)), f"{s.records_in:,}", f"{s.records_out:,}", f"{s.modified:,}",
                      Text(_plain(reasons)), f"{s.seconds:.2f}")
    _title(console, "Records through each stage")
    console.print(table)


def _drops(report: RunReport, console: Console) -> None:
    if not report.drops:
        _absent(console, "Drops by reason", "No record was dropped in this run.")
        return
    table = _table(["reason", "stage", "records", "of input", ""], [False, False, True, True, False])
    top = report.drops[0].count
    for d in report.drops:
        table.add_row(Text(_plain(d.reason)), Text(_plain(d.stage)), f"{d.count:,}",
                      _pct(d.count, report.input_records), _bar(d.count, top))
    _title(console, "Drops by reason", f"{report.dropped:,} records")
    console.print(table)


def _rejected(report: RunReport, console: Console) -> None:
    rejected = report.rejected
    if not rejected.count:
        _absent(console, "Rejected input lines", "No input line was rejected.")
        return
    table = _table(["reason", "lines"], [False, True])
    for reason, n in rejected.by_reason:
        table.add_row(Text(_plain(reason)), f"{n:,}")
    where = f", kept in {rejected.file}" if rejected.file else ""
    _title(console, "Rejected input lines", _plain(f"{rejected.count:,}{where}"))
    console.print(table)
    if rejected.examples:
        examples = _table(["where", "reason", "line"], [False, False, False], fold=["where"])
        for e in rejected.examples:
            where = e.source if e.line is None else f"{e.source}:{e.line}"
            examples.add_row(Text(_plain(where)), Text(_plain(e.reason)), Text(_plain(e.raw, EXAMPLE_CHARS)))
        console.print(Text(f"First {len(rejected.examples)} of {rejected.count:,}"))
        console.print(examples)


def _boilerplate(report: RunReport, console: Console) -> None:
    boilerplate = report.boilerplate
    if boilerplate is None:
        _absent(console, "Boilerplate removed",
                "No strip in this run: the manifest has no strip stage and there is no removed.jsonl.")
        return
    if not boilerplate.spans:
        _absent(console, "Boilerplate removed", "strip ran and removed nothing.")
        return
    facts = [f"{boilerplate.spans:,} spans"]
    if boilerplate.chars is not None:
        facts.append(f"{boilerplate.chars:,} characters")
    if boilerplate.records is not None:
        facts.append(f"from {boilerplate.records:,} records")
    with_chars = boilerplate.chars is not None
    table = _table(["category", "spans", "share"] + (["characters"] if with_chars else []) + [""],
                   [False, True, True] + ([True] if with_chars else []) + [False])
    top = boilerplate.categories[0].spans if boilerplate.categories else 0
    for c in boilerplate.categories:
        table.add_row(Text(_plain(c.category)), f"{c.spans:,}", _pct(c.spans, boilerplate.spans),
                      *([f"{c.chars or 0:,}"] if with_chars else []), _bar(c.spans, top))
    _title(console, "Boilerplate removed", ", ".join(facts))
    console.print(Text(f"source: {_plain(boilerplate.path or boilerplate.source)}", style="dim"))
    console.print(table)
    with_examples = any(r.example for r in boilerplate.rules)
    rules = _table(["rule", "category", "spans"] + (["example"] if with_examples else []),
                   [False, False, True] + ([False] if with_examples else []), fold=["rule"])
    for r in boilerplate.rules:
        rules.add_row(Text(_plain(r.rule)), Text(_plain(r.category or "-")), f"{r.spans:,}",
                      *([Text(_plain(r.example or "", EXAMPLE_CHARS))] if with_examples else []))
    shown = (f"Top {len(boilerplate.rules)} of {boilerplate.rule_total} rules"
             if len(boilerplate.rules) < boilerplate.rule_total else f"All {boilerplate.rule_total} rules")
    console.print(Text(shown))
    console.print(rules)


def _duplicates(report: RunReport, console: Console) -> None:
    duplicates = report.duplicates
    if duplicates is None:
        _absent(console, "Duplicate clusters",
                "dedup ran and found no duplicates (or ran without --clusters and wrote no cluster_id)."
                if report.has_stage("dedup") else
                "No dedup in this run: no clusters.jsonl, and no written record carries cluster_id and dup_count.")
        return
    sizes = _table(["copies", "clusters", ""], [True, True, False])
    top = max((count for _, count in duplicates.sizes), default=0)
    for size, count in duplicates.sizes:
        sizes.add_row(f"{size:,}", f"{count:,}", _bar(count, top))
    _title(console, "Duplicate clusters",
           f"{duplicates.clusters:,} clusters of two or more, {duplicates.duplicates:,} copies beyond the first")
    console.print(Text(f"source: {_plain(duplicates.path or duplicates.source)}", style="dim"))
    console.print(sizes)
    with_similarity = any(m.similarity is not None for c in duplicates.biggest for m in c.members)
    with_date = any(m.date is not None for c in duplicates.biggest for m in c.members)
    # A cluster is named after the copy it kept, so the kept member's row names the cluster.
    biggest = _table(["copies", "member", "status"] + (["similarity"] if with_similarity else [])
                     + (["date"] if with_date else []) + ["title"],
                     [True, False, False] + ([True] if with_similarity else []) + ([False] if with_date else [])
                     + [False], fold=["member"])
    for cluster in duplicates.biggest:
        for i, m in enumerate(cluster.members):
            biggest.add_row(f"{cluster.size:,}" if i == 0 else "", Text(_plain(m.id)), _status(m),
                            *([f"{m.similarity:.2f}" if m.similarity is not None else "-"] if with_similarity else []),
                            *([Text(_plain(m.date or "-"))] if with_date else []),
                            Text(_plain(m.title or "-", EXAMPLE_CHARS)), end_section=i == len(cluster.members) - 1)
    shown = (f"The {len(duplicates.biggest)} biggest clusters" if len(duplicates.biggest) < duplicates.clusters
             else "Every cluster")
    console.print(Text(f"{shown} (a cluster is named after the copy it kept)"))
    console.print(biggest)


def _status(member: ClusterMember) -> str:
    if member.kept:
        return "kept"
    return "marked" if member.written else "dropped"


def _languages(report: RunReport, console: Console) -> None:
    languages = report.languages
    if languages is None:
        _absent(console, "Languages",
                "No language information: no langid stage in this run and no written record carries lang.")
        return
    table = _table(["language", "records", "share", ""], [False, True, True, False])
    top = languages.counts[0][1] if languages.counts else 0
    for lang, n in languages.counts:
        table.add_row(Text(_plain(lang)), f"{n:,}", _pct(n, languages.total), _bar(n, top))
    _title(console, "Languages", f"{languages.total:,} records")
    console.print(Text(f"source: {_plain(languages.source)}", style="dim"))
    console.print(table)


def _lengths(report: RunReport, console: Console) -> None:
    lengths = report.lengths
    if lengths is None:
        _absent(console, "Text lengths", "No records were written.")
        return
    table = _table(["words", "records", ""], [True, True, False])
    top = max((b.count for b in lengths.bins), default=0)
    for b in lengths.bins:
        table.add_row(b.label, f"{b.count:,}", _bar(b.count, top))
    _title(console, "Text lengths in words",
           f"{lengths.records:,} records, median {lengths.median:,}, mean {lengths.mean:,.0f}, "
           f"90th percentile {lengths.p90:,}, min {lengths.min:,}, max {lengths.max:,}")
    console.print(table)


def _files(report: RunReport, console: Console) -> None:
    if not report.inputs and not report.outputs:
        _absent(console, "Inputs and outputs", "The manifest lists no input files and no shards.")
        return
    table = _table(["file", "format", "records", "rejected", "bytes"], [False, False, True, True, True], fold=["file"])
    shown = report.inputs[:MAX_FILES]
    more = len(report.inputs) - len(shown)
    for i, f in enumerate(shown):
        table.add_row(Text(_plain(f.path)), Text(_plain(f.format)), f"{f.records:,}", f"{f.rejected:,}", "",
                      end_section=not more and i == len(shown) - 1)
    if more:
        table.add_row(Text(f"... and {more:,} more input files"), "", "", "", "", end_section=True)
    for o in report.outputs:
        table.add_row(Text(_plain(o.path)), "shard", f"{o.records:,}", "", f"{o.bytes:,}")
    _title(console, "Inputs and outputs",
           f"{_count(len(report.inputs), 'input file')}, {_count(len(report.outputs), 'shard')} holding "
           f"{sum(o.records for o in report.outputs):,} records")
    console.print(table)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
