"""`corpus report`: what a run did, as one self-contained HTML page or as tables on stdout."""

from __future__ import annotations

import os
import sys

import click
import orjson
from corpus_tools.cli.options import ChainCommand, PathName, refuse_overwriting, warn
from corpus_tools.cli.steps import ToolStep
from rich.console import Console

from corpus_tools.errors import CorpusError
from corpus_tools.io.commit import pending_commit
from corpus_tools.io.modes import is_device
from corpus_tools.report.gather import CLUSTERS, MANIFEST, REMOVED, gather
from corpus_tools.report.html import render_html
from corpus_tools.report.terminal import print_report

PIPE_WIDTH = 120


@click.command("report", cls=ChainCommand)
@click.argument("directory", type=PathName(exists=True, file_okay=False))
@click.option("-o", "--output", type=PathName(dir_okay=False, allow_dash=True), default=None,
              help="Write the HTML page here (`-` for stdout); without it, print the numbers as tables.")
@click.option("--removed", type=PathName(exists=True, dir_okay=False), default=None,
              help="strip's removed spans [default: removed.jsonl in DIRECTORY, when present].")
@click.option("--clusters", type=PathName(exists=True, dir_okay=False), default=None,
              help="dedup's clusters [default: clusters.jsonl in DIRECTORY, when present].")
@click.option("--top-rules", type=click.IntRange(min=1), default=15, show_default=True,
              help="How many boilerplate rules to list.")
@click.option("--top-clusters", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the biggest duplicate clusters to list with their members.")
def report_cmd(directory: str, output: str | None, removed: str | None, clusters: str | None,
               top_rules: int, top_clusters: int) -> ToolStep:
    """Report on a run's output directory: stages, drops, boilerplate, duplicates, languages, lengths.

    \b
    Example:
        corpus read raw/ normalize strip --removed clean-removed.jsonl dedup write clean/
        corpus report clean/ --removed clean-removed.jsonl -o report.html
        corpus report clean/
    """
    if output not in (None, "-") and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        raise click.BadParameter(f"no such directory: {os.path.dirname(output)}", param_hint="-o")
    if output is not None:
        refuse_overwriting(output, _files_read(directory, removed, clusters))

    def run() -> None:
        unfinished = [path for path in (directory, removed, clusters) if path and pending_commit(path)]
        if unfinished:
            warn(f"{unfinished[0]}: the commit of an interrupted run is unfinished, so its side files may be the "
                 f"run before's; the next run that writes there finishes it")
        try:
            report = gather(directory, removed=removed, clusters=clusters, top_rules=top_rules,
                            top_clusters=top_clusters)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            # A manifest of the right shape with values of the wrong types: edited by hand, or not ours.
            raise CorpusError(f"{os.path.join(directory, 'manifest.json')}: not a manifest this version can "
                              f"read ({type(err).__name__}: {err})") from None
        if output is None:
            width = None if sys.stdout.isatty() else PIPE_WIDTH
            print_report(report, Console(highlight=False, width=width))
            return
        with click.open_file(output, "w", encoding="utf-8", atomic=output != "-" and not is_device(output)) as out:
            out.write(render_html(report))
        if output != "-":
            click.echo(f"Report written to {output}", err=True)

    return ToolStep("report", run)


def _files_read(directory: str, removed: str | None, clusters: str | None) -> list[str]:
    """The files the report reads: the manifest, the audit files, and the shards the manifest lists."""
    files = [os.path.join(directory, name) for name in (MANIFEST, REMOVED, CLUSTERS)]
    files += [path for path in (removed, clusters) if path]
    try:
        with open(os.path.join(directory, MANIFEST), "rb") as handle:
            written = orjson.loads(handle.read()).get("write") or {}
        files += [os.path.join(directory, str(entry["path"])) for key in ("outputs", "audit")
                  for entry in written.get(key) or [] if isinstance(entry, dict) and "path" in entry]
    except (OSError, ValueError, AttributeError, TypeError):
        pass  # the report itself names what is wrong with the manifest
    return files
