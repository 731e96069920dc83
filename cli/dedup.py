"""The dedup command (chained) and explain (alone): options map one to one onto DedupConfig."""

from __future__ import annotations

from typing import Any

import click
from corpus_tools.cli.options import (
    ChainCommand,
    PathName,
    Settings,
    dedup_config,
    parsing_options,
    settings,
    similarity_options,
    warn,
    warn_skipped,
)
from corpus_tools.cli.steps import StageStep, ToolStep

from corpus_tools.dedup.config import KEEP_POLICIES, DedupConfig

DEFAULTS = DedupConfig()


@click.command("dedup", cls=ChainCommand)
@similarity_options
@click.option("--keep", type=click.Choice(KEEP_POLICIES), default=DEFAULTS.keep, show_default=True,
              help="Which copy survives: the most complete, the longest text, the earliest date, the first "
                   "to arrive, or a wire-credited copy first.")
@click.option("--mode", type=click.Choice(["drop", "mark"]), default=DEFAULTS.mode, show_default=True,
              help="drop: one record per cluster; mark: every record, with its cluster_id and dup_count.")
@click.option("--clusters", type=PathName(dir_okay=False), default=None,
              help="Write one JSON line per cluster of two or more records to this file.")
@click.option("--index", type=PathName(file_okay=False), default=None,
              help="Dedup against the records kept by earlier runs in this index directory, and add this run's "
                   "new stories to it once the run succeeds (created when missing).")
@click.option("--calibrate", is_flag=True,
              help="Print the S-curve and sample candidate pairs per similarity band to stderr; records pass "
                   "through as with --mode mark.")
@parsing_options
def dedup_cmd(**values: Any) -> StageStep:
    """Find copies of the same story (exact, re-wrapped, abridged, edited) and keep one per cluster.

    Each record written gains cluster_id (the id of the copy kept) and dup_count (the cluster's size);
    drops count as duplicate_exact or duplicate_near (duplicate_indexed with --index, cluster_id then the
    indexed record's id). Output keeps the input order.

    \b
    Example:
        corpus read raw/ normalize dedup --clusters clusters.jsonl write clean/
        corpus dedup --mode mark --window-days 3 < corpus.jsonl > marked.jsonl
        corpus dedup --calibrate < corpus.jsonl > /dev/null
        corpus read today/ normalize dedup --index seen-index/ write clean-today/
    """
    from corpus_tools.stages.dedup import Dedup

    return StageStep(Dedup(dedup_config(**values)))


@click.command("explain", cls=ChainCommand)
@click.argument("id_a")
@click.argument("id_b")
@click.option("--input", "input_path", default="-", show_default=True,
              help="Corpus to read (a file, directory or glob, as `read` takes); - is JSONL on stdin.")
@similarity_options
@parsing_options
@click.pass_context
def explain_cmd(ctx: click.Context, id_a: str, id_b: str, input_path: str, **values: Any) -> ToolStep:
    """Show why two records are or are not duplicates: Jaccard, containment, shared passages, thresholds.

    The whole corpus is read, since what an outlet repeats (its boilerplate) and the clusters depend on it.

    \b
    Example:
        corpus explain apnews-0001 localpaper-0417 < corpus.jsonl
    """
    config = dedup_config(**values)
    options = settings(ctx)
    return ToolStep("explain", lambda: _print_explanation(id_a, id_b, input_path, config, options))


def _print_explanation(id_a: str, id_b: str, input_path: str, config: DedupConfig, options: Settings) -> None:
    from corpus_tools.dedup.explain import explain
    from corpus_tools.io.readers import Reader
    from corpus_tools.io.rejects import RejectPolicy

    policy = RejectPolicy(options.on_error, options.rejects)
    reader = Reader(policy, warn)
    try:
        for line in explain(reader.read(input_path), id_a, id_b, config):
            click.echo(line)
    finally:
        policy.close()
    if policy.count:
        warn_skipped(policy.count, options.rejects, policy.examples[0])
