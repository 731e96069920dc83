"""The dedup index's own command (`corpus index stats DIR`) and `corpus overlap A B`, both standalone."""

from __future__ import annotations

import os
from typing import Any

import click
import orjson
from corpus_tools.cli.options import ChainCommand, PathName, dedup_config, similarity_options, warn
from corpus_tools.cli.steps import ToolStep


@click.command("index", cls=ChainCommand)
@click.argument("action", type=click.Choice(["stats"]))
@click.argument("directory", type=PathName(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def index_cmd(action: str, directory: str, as_json: bool) -> ToolStep:
    """Inspect a dedup index made by `dedup --index DIR`: records, dates, parameters, bytes on disk.

    \b
    Example:
        corpus index stats seen-index/
    """
    return ToolStep("index", lambda: _print_stats(directory, as_json))


def _print_stats(directory: str, as_json: bool) -> None:
    from corpus_tools.dedup.index import index_stats

    stats = index_stats(directory)
    if as_json:
        click.echo(orjson.dumps(stats, option=orjson.OPT_INDENT_2).decode())
        return
    dates = stats["dates"]
    click.echo(f"index {directory} (format {stats['format']})")
    click.echo(f"  records      {stats['records']:,} in {stats['segments']:,} segment(s)")
    click.echo(f"  dates        {f'{dates[0]} to {dates[1]}' if dates else 'none'}")
    click.echo(f"  parameters   num-perm {stats['num_perm']}, ngram {stats['ngram']}, seed {stats['seed']}, "
               f"bands {stats['bands']} x rows {stats['rows']}")
    click.echo(f"  on disk      {stats['bytes']:,} bytes")


@click.command("overlap", cls=ChainCommand)
@click.argument("reference", type=PathName())
@click.argument("test", type=PathName())
@similarity_options
def overlap_cmd(reference: str, test: str, **values: Any) -> ToolStep:
    """Find the records of corpus TEST that have a near-duplicate in REFERENCE (a corpus or a dedup index).

    Prints one JSON line per overlapping TEST record with its matches, and a summary on stderr. Both take
    what `read` takes; an index keeps its own num-perm, ngram, seed and banding.

    \b
    Example:
        corpus overlap train/ test/ > leaked.jsonl
        corpus overlap seen-index/ today.jsonl
    """
    if reference == test == "-":
        raise click.UsageError("REFERENCE and TEST cannot both be - : stdin can be read only once")
    config = dedup_config(**values)
    return ToolStep("overlap", lambda: _print_overlap(reference, test, config))


def _print_overlap(reference: str, test: str, config: Any) -> None:
    from corpus_tools.dedup.index import HEADER, overlap
    from corpus_tools.io.readers import Reader
    from corpus_tools.io.rejects import RejectPolicy

    is_index = os.path.isdir(reference) and os.path.exists(os.path.join(reference, HEADER))
    source = reference if is_index else Reader(RejectPolicy("fail"), warn).read(reference)
    total, lines = overlap(source, Reader(RejectPolicy("fail"), warn).read(test), config)
    with click.open_file("-", "wb") as out:
        for line in lines:
            out.write(orjson.dumps(line) + b"\n")
    share = f" ({len(lines) / total:.1%})" if total else ""
    click.echo(f"{len(lines):,} of {total:,} test records{share} have a near-duplicate in the "
               f"{'index' if is_index else 'training set'}", err=True)
