"""Renders a RunReport as one self-contained HTML page: inline CSS and SVG charts, no script, no network.

Everything that comes from the corpus (ids, titles, removed text, rule names, languages) is untrusted and
goes through `_esc`; a Content-Security-Policy that allows nothing but inline styles backs that up.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence

from corpus_tools.report.model import Boilerplate, Cluster, ClusterMember, Duplicates, Lengths, RunReport

BLUE = "#3b6ea8"
RED = "#c8553d"
GREEN = "#3f8f5a"
PURPLE = "#7357a4"
TEAL = "#24867a"
ORANGE = "#c7812a"

ROW = 26
BAR_SPACE = 460
HALF_BAR_SPACE = 230
VALUE_SPACE = 150
CHAR_PX = 7.0
EXAMPLE_CHARS = 140
MAX_FILES = 50

CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee5; --panel: #ffffff; --bg: #f3f5f8; --accent: #3b6ea8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: #1f3a5f; color: #fff; padding: 28px 0 20px; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; }
header .sub { margin: 0; color: #c9d6e8; font-size: 13px; }
header code { color: #fff; background: rgba(255,255,255,.12); padding: 1px 5px; border-radius: 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 20px; }
.card { background: rgba(255,255,255,.1); border-radius: 8px; padding: 10px 14px; }
.card .n { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .l { font-size: 12px; color: #c9d6e8; text-transform: uppercase; letter-spacing: .04em; }
nav { margin-top: 18px; font-size: 13px; }
nav a { color: #dce6f3; margin-right: 14px; text-decoration: none; border-bottom: 1px dotted #9fb4cf; }
main.wrap { padding-top: 28px; padding-bottom: 8px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px 20px;
  margin-bottom: 20px; }
h2 { margin: 0 0 2px; font-size: 19px; }
h3 { margin: 18px 0 6px; font-size: 15px; }
.source { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.empty { color: var(--muted); font-style: italic; margin: 6px 0; }
.warn { background: #fff4e5; border: 1px solid #f0c38a; border-radius: 8px; padding: 10px 14px; margin-bottom: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f8f9fb; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.example { color: #3e4c59; font-size: 13px; }
.chart { display: block; width: 100%; height: auto; margin: 6px 0 10px; }
.legend { font-size: 13px; color: var(--muted); margin: 0 0 4px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin: 0 5px -1px 12px; }
.swatch:first-child { margin-left: 0; }
.stats { display: flex; flex-wrap: wrap; gap: 8px 26px; margin: 4px 0 8px; font-size: 14px; }
.stats b { font-variant-numeric: tabular-nums; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
.cluster { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px 6px; margin: 10px 0; }
.cluster h3 { margin: 4px 0; }
.cluster table { table-layout: fixed; }
.cluster td code { overflow-wrap: anywhere; }
.badge { display: inline-block; white-space: nowrap; font-size: 11px; font-weight: 600; padding: 1px 7px;
  border-radius: 10px;
  text-transform: uppercase; letter-spacing: .03em; }
.badge.kept { background: #e1f2e6; color: #23633a; }
.badge.dropped { background: #f9e3de; color: #8f3322; }
.badge.marked { background: #e6ecf6; color: #2c5282; }
.ok { color: #9fe0b0; } .bad { color: #ffb4a2; }
footer { color: var(--muted); font-size: 12px; padding: 4px 0 30px; }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Control characters from a scrape (NUL bytes in a rejected line) are shown, not passed to the browser.
CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n"}


def render_html(report: RunReport) -> str:
    """The whole page as one string; the same report always gives the same bytes."""
    title = f"Corpus report: {report.directory}"
    sections = [
        _stages_section(report),
        _drops_section(report),
        _rejected_section(report),
        _boilerplate_section(report.boilerplate, report),
        _duplicates_section(report.duplicates, report),
        _languages_section(report),
        _lengths_section(report.lengths),
        _files_section(report),
    ]
    warnings = "".join(f'<div class="warn">{_esc(note)}</div>' for note in _warnings(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{_header(report)}\n"
        f'<main class="wrap">\n{warnings}{"".join(sections)}</main>\n'
        f'<footer class="wrap">Written by <code>corpus report</code> (corpus-tools {_esc(report.version or "?")}) '
        f"from <code>{_esc(os.path.join(report.directory, 'manifest.json'))}</code>, the shards and the audit files "
        "of the run. The page is self-contained: it loads nothing from the network.</footer>\n"
        "</body>\n</html>\n"
    )


def _esc(value: object) -> str:
    return html.escape(str(value).translate(CONTROL_ESCAPES), quote=True)


def _n(value: int) -> str:
    return f"{value:,}"


def _clip(text: str, limit: int = EXAMPLE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _warnings(report: RunReport) -> list[str]:
    notes = list(report.notes)
    if not report.balanced:
        notes.insert(0, "The manifest says this run does not balance: input records ≠ written + dropped + rejected.")
    return notes


def _header(report: RunReport) -> str:
    cards = [
        (_n(report.input_records), "input records"),
        (_n(report.written), "written"),
        (_n(report.dropped), "dropped"),
        (_n(report.rejected.count), "rejected lines"),
        (_n(report.duplicates.clusters) if report.duplicates else "–", "duplicate clusters"),
        (_n(len(report.languages.counts)) if report.languages else "–", "languages"),
    ]
    balance = ('<span class="ok">balanced ✓</span>' if report.balanced
               else '<span class="bad">does not balance ✗</span>')
    when = f" · finished {_esc(report.finished)}" if report.finished else ""
    links = [("stages", "Stages"), ("drops", "Drops"), ("rejected", "Rejected"), ("boilerplate", "Boilerplate"),
             ("duplicates", "Duplicates"), ("languages", "Languages"), ("lengths", "Lengths"),
             ("files", "Inputs & outputs")]
    return (
        '<header><div class="wrap">\n'
        f"<h1>Corpus report · {_esc(report.directory)}</h1>\n"
        f'<p class="sub"><code>{_esc(" ".join(report.command) or "?")}</code>{when} · {balance}</p>\n'
        '<div class="cards">'
        + "".join(f'<div class="card"><div class="n">{n}</div><div class="l">{_esc(label)}</div></div>'
                  for n, label in cards)
        + "</div>\n<nav>" + "".join(f'<a href="#{anchor}">{label}</a>' for anchor, label in links) + "</nav>\n"
        "</div></header>"
    )


def _section(anchor: str, title: str, source: str, body: str) -> str:
    source_line = f'<p class="source">{source}</p>' if source else ""
    return f'<section id="{anchor}">\n<h2>{_esc(title)}</h2>\n{source_line}\n{body}\n</section>\n'


def _empty(message: str) -> str:
    return f'<p class="empty">{_esc(message)}</p>'


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool], columns: str = "") -> str:
    """Cells arrive already escaped (some carry markup); `numeric` right-aligns a column."""
    head = "".join(f'<th class="num">{_esc(h)}</th>' if num else f"<th>{_esc(h)}</th>"
                   for h, num in zip(headers, numeric, strict=True))
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if num else f"<td>{c}</td>"
                                    for c, num in zip(row, numeric, strict=True)) + "</tr>" for row in rows)
    return f"<table>{columns}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _stages_section(report: RunReport) -> str:
    if not report.stages:
        return _section("stages", "Records through each stage", "", _empty("The manifest lists no stages."))
    rows = [[f"<code>{_esc(s.name)}</code>", _n(s.records_in), _n(s.records_out), _n(s.modified),
             _n(sum(s.dropped.values())), _esc(", ".join(f"{r} {n:,}" for r, n in sorted(s.dropped.items())) or "–"),
             f"{s.seconds:.2f}"] for s in report.stages]
    legend = (f'<p class="legend"><span class="swatch" style="background:{BLUE}"></span>records out'
              f'<span class="swatch" style="background:{RED}"></span>dropped</p>')
    chart = _stacked_bars([(s.name, s.records_out, sum(s.dropped.values())) for s in report.stages])
    table = _table(["stage", "in", "out", "modified", "dropped", "drop reasons", "seconds"], rows,
                   [False, True, True, True, True, False, True])
    source = (f"From the manifest. {_n(report.input_records)} input records = {_n(report.written)} written + "
              f"{_n(report.dropped)} dropped + {_n(report.rejected.count)} rejected lines.")
    return _section("stages", "Records through each stage", _esc(source), legend + chart + table)


def _drops_section(report: RunReport) -> str:
    if not report.drops:
        return _section("drops", "Drops by reason", "", _empty("No record was dropped in this run."))
    chart = _hbars([(f"{d.reason} ({d.stage})", d.count, f"{d.count:,} · {_pct(d.count, report.input_records)}")
                    for d in report.drops], RED)
    rows = [[f"<code>{_esc(d.reason)}</code>", _esc(d.stage), _n(d.count), _pct(d.count, report.input_records)]
            for d in report.drops]
    table = _table(["reason", "stage", "records", "of input"], rows, [False, False, True, True])
    return _section("drops", "Drops by reason", "From the stages in the manifest.", chart + table)


def _rejected_section(report: RunReport) -> str:
    rejected = report.rejected
    if not rejected.count:
        return _section("rejected", "Rejected input lines", "",
                        _empty("No input line was rejected (bad lines stop a run unless it uses --on-error skip)."))
    chart = _hbars([(reason, n, _n(n)) for reason, n in rejected.by_reason], ORANGE)
    where = f" Every bad line is kept in <code>{_esc(rejected.file)}</code>." if rejected.file else ""
    body = chart
    if rejected.examples:
        rows = [[f"<code>{_esc(e.source)}{':' + str(e.line) if e.line is not None else ''}</code>", _esc(e.reason),
                 f'<span class="mono example">{_esc(_clip(e.raw, 90))}</span>'] for e in rejected.examples]
        body += f"<h3>First {len(rows)} of {_n(rejected.count)}</h3>" + _table(
            ["where", "reason", "line"], rows, [False, False, False])
    return _section("rejected", "Rejected input lines",
                    f"{_n(rejected.count)} input lines could not become records.{where}", body)


def _boilerplate_section(boilerplate: Boilerplate | None, report: RunReport) -> str:
    title = "Boilerplate removed"
    if boilerplate is None:
        return _section("boilerplate", title, "", _empty(
            "No strip in this run: the manifest has no strip stage and there is no removed.jsonl."))
    if not boilerplate.spans:
        return _section("boilerplate", title, "", _empty("strip ran and removed nothing."))
    facts = [f"<span><b>{_n(boilerplate.spans)}</b> spans</span>"]
    if boilerplate.chars is not None:
        facts.append(f"<span><b>{_n(boilerplate.chars)}</b> characters</span>")
    if boilerplate.records is not None:
        facts.append(f"<span>from <b>{_n(boilerplate.records)}</b> records</span>")
    facts.append(f"<span><b>{_n(len(boilerplate.categories))}</b> categories, "
                 f"<b>{_n(boilerplate.rule_total)}</b> rules</span>")
    chart = _hbars([(c.category, c.spans, f"{c.spans:,} · {_pct(c.spans, boilerplate.spans)}")
                    for c in boilerplate.categories], PURPLE, HALF_BAR_SPACE)
    with_chars = boilerplate.chars is not None
    cat_rows = [[f"<code>{_esc(c.category)}</code>", _n(c.spans), _pct(c.spans, boilerplate.spans)]
                + ([_n(c.chars or 0)] if with_chars else []) for c in boilerplate.categories]
    cat_table = _table(["category", "spans", "share"] + (["characters"] if with_chars else []), cat_rows,
                       [False, True, True] + ([True] if with_chars else []))
    with_examples = any(r.example for r in boilerplate.rules)
    rule_rows = [[f"<code>{_esc(r.rule)}</code>", _esc(r.category or "–"), _n(r.spans)]
                 + ([f'<span class="example" title="{_esc(_clip(r.example or "", 600))}">'
                     f'{_esc(_clip(r.example or ""))}</span>'] if with_examples else [])
                 for r in boilerplate.rules]
    rule_table = _table(["rule", "category", "spans"] + (["example"] if with_examples else []), rule_rows,
                        [False, False, True] + ([False] if with_examples else []))
    shown = (f"Top {len(boilerplate.rules)} of {boilerplate.rule_total} rules"
             if len(boilerplate.rules) < boilerplate.rule_total else "Rules")
    body = (f'<div class="stats">{"".join(facts)}</div>'
            f'<div class="grid2"><div><h3>By category</h3>{chart}</div><div>{cat_table}</div></div>'
            f"<h3>{shown}</h3>{rule_table}")
    return _section("boilerplate", title, _source(boilerplate.source, boilerplate.path, report), body)


def _source(description: str, path: str | None, report: RunReport) -> str:
    """Where a section's numbers come from; a file inside the run directory is named relative to it."""
    if path is None:
        return f"From {_esc(description)}."
    rel = os.path.relpath(path, report.directory)
    return f"From {_esc(description)}, <code>{_esc(path if rel.startswith('..') else rel)}</code>."


def _duplicates_section(duplicates: Duplicates | None, report: RunReport) -> str:
    title = "Duplicate clusters"
    if duplicates is None:
        message = ("dedup ran and found no duplicates (or ran without --clusters and wrote no cluster_id)."
                   if report.has_stage("dedup") else
                   "No dedup in this run: no clusters.jsonl, and no written record carries cluster_id and dup_count.")
        return _section("duplicates", title, "", _empty(message))
    seen = next((s.records_in for s in report.stages if s.name == "dedup"), None)
    share = (f"<span>copies beyond the first are <b>{_pct(duplicates.duplicates, seen)}</b> of the "
             f"{_n(seen)} records dedup saw</span>" if seen else "")
    facts = (f'<div class="stats"><span><b>{_n(duplicates.clusters)}</b> clusters of two or more</span>'
             f"<span><b>{_n(duplicates.duplicates)}</b> copies beyond the first</span>"
             f"<span>largest: <b>{_n(duplicates.sizes[-1][0]) if duplicates.sizes else '–'}</b> copies</span>"
             f"{share}</div>")
    chart = _columns([(str(size), count) for size, count in duplicates.sizes], "copies in the cluster",
                     "clusters", TEAL, edges=None)
    clusters = "".join(_cluster_html(c) for c in duplicates.biggest)
    heading = (f"The {len(duplicates.biggest)} biggest clusters" if len(duplicates.biggest) < duplicates.clusters
               else "Every cluster")
    body = f"{facts}<h3>Cluster sizes</h3>{chart}<h3>{heading}</h3>{clusters}"
    return _section("duplicates", title, _source(duplicates.source, duplicates.path, report), body)


def _cluster_html(cluster: Cluster) -> str:
    with_similarity = any(m.similarity is not None for m in cluster.members)
    with_date = any(m.date is not None for m in cluster.members)
    rows = [[_status(m), f"<code>{_esc(m.id)}</code>", _esc(m.title) if m.title else '<span class="empty">–</span>']
            + ([_esc(m.date) if m.date else "–"] if with_date else [])
            + ([f"{m.similarity:.2f}" if m.similarity is not None else "–"] if with_similarity else [])
            for m in cluster.members]
    listed = "" if len(cluster.members) == cluster.size else f" ({len(cluster.members)} in the shards)"
    columns = ('<colgroup><col style="width:104px"><col style="width:42%"><col>'
               + ('<col style="width:180px">' if with_date else "")
               + ('<col style="width:96px">' if with_similarity else "") + "</colgroup>")
    return (f'<div class="cluster"><h3>{_n(cluster.size)} copies · cluster <code>{_esc(cluster.cluster_id)}</code>'
            f"{listed}</h3>"
            + _table(["", "id", "title (when written)"] + (["date"] if with_date else [])
                     + (["similarity"] if with_similarity else []), rows,
                     [False, False, False] + ([False] if with_date else []) + ([True] if with_similarity else []),
                     columns)
            + "</div>")


def _status(member: ClusterMember) -> str:
    if member.kept:
        return '<span class="badge kept">kept</span>'
    if member.written:
        return '<span class="badge marked">marked</span>'
    return '<span class="badge dropped">dropped</span>'


def _languages_section(report: RunReport) -> str:
    languages = report.languages
    if languages is None:
        return _section("languages", "Languages", "", _empty(
            "No language information: no langid stage in this run and no written record carries lang."))
    chart = _hbars([(lang, n, f"{n:,} · {_pct(n, languages.total)}") for lang, n in languages.counts], GREEN,
                   HALF_BAR_SPACE)
    rows = [[f"<code>{_esc(lang)}</code>", _n(n), _pct(n, languages.total)] for lang, n in languages.counts]
    table = _table(["language", "records", "share"], rows, [False, True, True])
    body = f'<div class="grid2"><div>{chart}</div><div>{table}</div></div>'
    return _section("languages", "Languages", _source(languages.source, None, report), body)


def _lengths_section(lengths: Lengths | None) -> str:
    if lengths is None:
        return _section("lengths", "Text lengths", "", _empty("No records were written."))
    facts = "".join(f"<span>{label} <b>{value}</b></span>" for label, value in [
        ("records", _n(lengths.records)), ("words", _n(lengths.words)), ("min", _n(lengths.min)),
        ("median", _n(lengths.median)), ("mean", f"{lengths.mean:,.0f}"), ("90th percentile", _n(lengths.p90)),
        ("max", _n(lengths.max))])
    edges = [b.low for b in lengths.bins] + ([lengths.bins[-1].high] if lengths.bins[-1].high is not None else [])
    chart = _columns([(b.label, b.count) for b in lengths.bins], "words per record", "records", BLUE,
                     edges=[_n(e) for e in edges])
    return _section("lengths", "Text lengths", "Words per written record (whitespace-separated).",
                    f'<div class="stats">{facts}</div>{chart}')


def _files_section(report: RunReport) -> str:
    parts = []
    if report.inputs:
        rows = [[f"<code>{_esc(f.path)}</code>", _esc(f.format), _n(f.records), _n(f.rejected)]
                for f in report.inputs[:MAX_FILES]]
        more = (f'<p class="empty">… and {_n(len(report.inputs) - MAX_FILES)} more files (all in the manifest).</p>'
                if len(report.inputs) > MAX_FILES else "")
        parts.append(f"<h3>Inputs ({_n(len(report.inputs))} files)</h3>"
                     + _table(["file", "format", "records", "rejected"], rows, [False, False, True, True]) + more)
    if report.outputs:
        rows = [[f"<code>{_esc(o.path)}</code>", _n(o.records), _n(o.bytes)] for o in report.outputs]
        parts.append("<h3>Shards</h3>" + _table(["shard", "records", "bytes"], rows, [False, True, True]))
    body = "".join(parts) or _empty("The manifest lists no input files and no shards.")
    return _section("files", "Inputs and outputs", "From the manifest.", body)


def _label_width(labels: Sequence[str]) -> int:
    return int(min(280, max(60, CHAR_PX * max((len(label) for label in labels), default=4) + 12)))


def _fit(label: str, width: int) -> str:
    room = int((width - 12) / CHAR_PX)
    return label if len(label) <= room else label[: max(1, room - 1)] + "…"


def _svg(width: int, height: int, label: str, body: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" '
            f'style="max-width:{width}px" role="img" aria-label="{_esc(label)}" '
            f'font-family="system-ui, sans-serif" font-size="12">{body}</svg>')


def _hbars(rows: Sequence[tuple[str, int, str]], color: str, bar_space: int = BAR_SPACE) -> str:
    """Horizontal bars, one per (label, value, value text), longest label decides the label column."""
    label_w = _label_width([r[0] for r in rows])
    top = max((r[1] for r in rows), default=0) or 1
    width, height = label_w + bar_space + VALUE_SPACE, ROW * len(rows) + 8
    parts = []
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * ROW
        bar = max(1.0, bar_space * value / top) if value else 0.0
        parts.append(
            f'<g><title>{_esc(label)}: {_esc(text)}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="#1f2933">{_esc(_fit(label, label_w))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{ROW - 8}" rx="3" fill="{color}"/>'
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 17}" fill="#52606d">{_esc(text)}</text></g>')
    return _svg(width, height, "bar chart", "".join(parts))


def _stacked_bars(rows: Sequence[tuple[str, int, int]]) -> str:
    """Per stage: records out, then the dropped ones in another colour; together they are the records in."""
    label_w = _label_width([r[0] for r in rows])
    top = max((out + dropped for _, out, dropped in rows), default=0) or 1
    width, height = label_w + BAR_SPACE + VALUE_SPACE + 40, ROW * len(rows) + 8
    parts = []
    for i, (name, out, dropped) in enumerate(rows):
        y = 4 + i * ROW
        out_w = BAR_SPACE * out / top
        drop_w = max(2.0, BAR_SPACE * dropped / top) if dropped else 0.0
        text = f"{out + dropped:,} → {out:,}" + (f" (−{dropped:,})" if dropped else "")
        parts.append(
            f'<g><title>{_esc(name)}: {out + dropped:,} in, {out:,} out, {dropped:,} dropped</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="#1f2933">{_esc(_fit(name, label_w))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{out_w:.1f}" height="{ROW - 8}" fill="{BLUE}"/>'
            + (f'<rect x="{label_w + out_w:.1f}" y="{y + 4}" width="{drop_w:.1f}" height="{ROW - 8}" fill="{RED}"/>'
               if dropped else "")
            + f'<text x="{label_w + out_w + drop_w + 6:.1f}" y="{y + 17}" fill="#52606d">{_esc(text)}</text></g>')
    return _svg(width, height, "records in and out of each stage", "".join(parts))


def _columns(bars: Sequence[tuple[str, int]], x_title: str, y_title: str, color: str,
             edges: Sequence[str] | None) -> str:
    """Vertical bars with a y axis. With `edges` the x labels sit on the bin boundaries (a histogram);
    without, each bar carries its own label (categories such as cluster sizes)."""
    left, right, top_pad, bottom = 56, 16, 14, 48
    plot_w = max(240, min(900, 44 * len(bars)))
    plot_h = 200
    width, height = left + plot_w + right, top_pad + plot_h + bottom
    peak = max((v for _, v in bars), default=0)
    step = _tick_step(peak)
    y_max = max(step, math.ceil(peak / step) * step)
    slot = plot_w / max(1, len(bars))
    gap = 2 if edges is not None else slot * 0.25
    parts = []
    for tick in range(0, y_max + 1, step):
        y = top_pad + plot_h - plot_h * tick / y_max
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e8ee"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#52606d">{tick:,}</text>')
    for i, (label, value) in enumerate(bars):
        x = left + i * slot + gap / 2
        h = plot_h * value / y_max
        y = top_pad + plot_h - h
        parts.append(f'<g><title>{_esc(label)}: {value:,}</title>'
                     f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot - gap:.1f}" height="{h:.1f}" fill="{color}"/>'
                     + (f'<text x="{x + (slot - gap) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                        f'font-size="11" fill="#52606d">{value:,}</text>' if value and slot >= 22 else "")
                     + "</g>")
        if edges is None:
            parts.append(f'<text x="{left + (i + 0.5) * slot:.1f}" y="{top_pad + plot_h + 16}" '
                         f'text-anchor="middle" fill="#1f2933">{_esc(label)}</text>')
    if edges is not None:
        every = max(1, math.ceil(len(edges) * 46 / plot_w))
        for i, edge in enumerate(edges):
            if i % every == 0:
                parts.append(f'<text x="{left + i * slot:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
                             f'fill="#1f2933">{_esc(edge)}</text>')
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" '
                 'stroke="#9aa5b1"/>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
                 f'fill="#52606d">{_esc(x_title)}</text>')
    parts.append(f'<text transform="translate(14 {top_pad + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                 f'fill="#52606d">{_esc(y_title)}</text>')
    return _svg(width, height, f"{y_title} by {x_title}", "".join(parts))


def _tick_step(peak: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving about five gridlines."""
    if peak <= 5:
        return 1
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))
