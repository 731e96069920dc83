"""The dedup command (chained) and explain (alone): options map one to one onto DedupConfig."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from corpus_tools.cli.options import ChainCommand, parsing_options
from corpus_tools.cli.steps import StageStep, ToolStep

from corpus_tools.errors import CorpusError
from corpus_tools.stages.dedup import KEEP_POLICIES, Dedup, DedupConfig

F = TypeVar("F", bound=Callable[..., Any])
DEFAULTS = DedupConfig()


def similarity_options(func: F) -> F:
    """The options that decide whether two records are copies; dedup and explain share them."""
    options = [
        click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                     default=DEFAULTS.threshold, show_default=True,
                     help="Jaccard similarity of the shingle sets above which two records are copies."),
        click.option("--containment", type=click.FloatRange(0, 1, min_open=True),
                     default=DEFAULTS.containment, show_default=True,
                     help="Share of the smaller record's shingles found in the larger one above which it "
                          "is an (abridged) copy."),
        click.option("--num-perm", type=click.IntRange(min=16), default=DEFAULTS.num_perm, show_default=True,
                     help="MinHash permutations (signature length)."),
        click.option("--ngram", type=click.IntRange(min=1), default=DEFAULTS.ngram, show_default=True,
                     help="Words per shingle."),
        click.option("--seed", type=int, default=DEFAULTS.seed, show_default=True,
                     help="Seed of the permutations (datasketch's MinHash seed)."),
        click.option("--bands", type=click.IntRange(min=1), default=None,
                     help="LSH bands [default: chosen from --threshold and --containment]; give --rows "
                          "too."),
        click.option("--rows", type=click.IntRange(min=1), default=None,
                     help="Signature values per band [default: chosen with --bands]; give --bands too."),
        click.option("--window-days", type=click.IntRange(min=0), default=None,
                     help="Only records whose dates are at most N days apart can be copies [default: any]."),
        click.option("--same-domain", type=click.Choice(["compare", "skip"]), default=DEFAULTS.same_domain,
                     show_default=True,
                     help="skip: never merge two records of one outlet (its own updates)."),
        click.option("--min-tokens", type=click.IntRange(min=1), default=DEFAULTS.min_tokens,
                     show_default=True,
                     help="Records with fewer words are matched by title or exact text instead of MinHash."),
        click.option("--short-match", type=click.Choice(["title", "text"]), default=DEFAULTS.short_match,
                     show_default=True,
                     help="How short records match: same normalized title, or exact text only."),
        click.option("--outlet-boilerplate", type=click.IntRange(min=0), default=DEFAULTS.outlet_boilerplate,
                     show_default=True,
                     help="A line one outlet repeats in this many records is its boilerplate and is left "
                          "out of the shingles (0: off)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _config(**values: Any) -> DedupConfig:
    config = DedupConfig(**values)
    try:
        config.validate()
    except CorpusError as err:
        raise click.UsageError(str(err)) from None
    return config


@click.command("dedup", cls=ChainCommand)
@similarity_options
@click.option("--keep", type=click.Choice(KEEP_POLICIES), default=DEFAULTS.keep, show_default=True,
              help="Which copy survives: the most complete, the longest text, the earliest date, the first "
                   "to arrive, or a wire-credited copy first.")
@click.option("--mode", type=click.Choice(["drop", "mark"]), default=DEFAULTS.mode, show_default=True,
              help="drop: one record per cluster; mark: every record, with its cluster_id and dup_count.")
@click.option("--clusters", type=click.Path(dir_okay=False), default=None,
              help="Write one JSON line per cluster of two or more records to this file.")
@click.option("--index", type=click.Path(file_okay=False), default=None,
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
    return StageStep(Dedup(_config(**values)))


@click.command("explain", cls=ChainCommand)
@click.argument("id_a")
@click.argument("id_b")
@click.option("--input", "input_path", default="-", show_default=True,
              help="Corpus to read (a file, directory or glob, as `read` takes); - is JSONL on stdin.")
@similarity_options
def explain_cmd(id_a: str, id_b: str, input_path: str, **values: Any) -> ToolStep:
    """Show why two records are or are not duplicates: Jaccard, containment, shared passages, thresholds.

    The whole corpus is read, since what an outlet repeats (its boilerplate) and the clusters depend on it.

    \b
    Example:
        corpus explain apnews-0001 localpaper-0417 < corpus.jsonl
    """
    config = _config(**values)
    return ToolStep("explain", lambda: _print_explanation(id_a, id_b, input_path, config))


def _print_explanation(id_a: str, id_b: str, input_path: str, config: DedupConfig) -> None:
    from corpus_tools.dedup_report import explain
    from corpus_tools.io.readers import Reader
    from corpus_tools.io.rejects import RejectPolicy

    def warn(message: str) -> None:
        click.echo(f"Warning: {message}", err=True)

    reader = Reader(RejectPolicy("fail"), warn)
    for line in explain(reader.read(input_path), id_a, id_b, config):
        click.echo(line)
