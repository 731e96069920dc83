"""The backbone's chained commands: read, normalize, write. Each parses options into a config."""

from __future__ import annotations

import math

import click
from corpus_tools.cli.options import ChainCommand, PathName, parsing_options
from corpus_tools.cli.steps import ReadStep, StageStep, WriteStep

from corpus_tools.io.readers import FORMATS, ReadConfig
from corpus_tools.io.split import SplitConfig
from corpus_tools.io.writer import WriteConfig
from corpus_tools.stages.conflicts import Conflicts, ConflictsConfig
from corpus_tools.stages.normalize import Normalize, NormalizeConfig


@click.command("read", cls=ChainCommand)
@click.argument("path", type=PathName())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format; auto goes by file name (.jsonl/.json, .csv, .tsv, .txt, .html, .sgm, .parquet, "
                   ".arrow/.feather, .warc[.gz], .xlsx, archives).")
@click.option("--text-field", default=None,
              help="Column or field holding the text [default: text, content, body, article, maintext].")
@click.option("--id-field", default=None, help="Column or field holding the id [default: id].")
@click.option("--title-field", default=None,
              help="Column or field holding the title [default: title; in a table, headline].")
@click.option("--url-field", default=None, help="Column or field holding the URL [default: url; in a table, link].")
@click.option("--date-field", default=None,
              help="Column or field holding the date [default: date; in a table, also published, publish_date].")
@click.option("--domain-field", default=None, help="Column or field holding the outlet [default: domain].")
@click.option("--delimiter", default=None, callback=lambda _c, _p, v: _one_character(v, "--delimiter"),
              help="CSV delimiter [default: ',' for .csv, tab for .tsv].")
@click.option("--quotechar", default='"', show_default=True,
              callback=lambda _c, _p, v: _one_character(v, "--quotechar"), help="CSV quote character.")
@click.option("--columns", default=None,
              help="Comma-separated column names for a CSV without a header row, e.g. label,text.")
@click.option("--dedupe-ids", type=click.Choice(["error", "suffix"]), default="error", show_default=True,
              help="A repeated id is an error, or gets a ~2, ~3 ... suffix.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Read only the files of a directory or members of an archive whose path inside matches, e.g. "
                   "'texts/*.txt'; repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out the files of a directory or members of an archive whose path inside matches; "
                   "repeatable.")
@parsing_options
def read_cmd(path: str, fmt: str, text_field: str | None, id_field: str | None, title_field: str | None,
             url_field: str | None, date_field: str | None, domain_field: str | None, delimiter: str | None,
             quotechar: str, columns: str | None, dedupe_ids: str, include: tuple[str, ...],
             exclude: tuple[str, ...]) -> ReadStep:
    """Read records from a file, a directory (recursively), a glob, a URL, or - for stdin.

    JSONL (plain, .gz, .zst, .xz, .bz2; a .json file may hold one array), CSV/TSV, .txt (one document
    each), .html (article text and metadata extracted), Reuters .sgm, Parquet, Arrow IPC, a
    `datasets.save_to_disk` directory, WARC[.gz] (each HTML response as an .html page) and .xlsx
    (each sheet as a CSV); tar and zip archives are read member by member. Repeat `read` for more
    inputs.

    \b
    Example:
        corpus read raw/ read extra.csv.gz --text-field body normalize write clean/
        corpus read fakebr.tar.xz --exclude '*-meta-information/*' normalize write clean/
    """
    if quotechar == (delimiter or ","):
        which = "the delimiter" if delimiter else "the delimiter of .csv files"
        raise click.UsageError(f"--quotechar {quotechar!r} is also {which}; give them different characters")
    config = ReadConfig(format=fmt, text_field=text_field, id_field=id_field, title_field=title_field,  # type: ignore[arg-type]
                        url_field=url_field, date_field=date_field, domain_field=domain_field,
                        delimiter=delimiter, quotechar=quotechar,
                        columns=tuple(c.strip() for c in columns.split(",")) if columns else None,
                        dedupe_ids=dedupe_ids, include=include, exclude=exclude)  # type: ignore[arg-type]
    return ReadStep(path, config)


@click.command("normalize", cls=ChainCommand)
@click.option("--fix-encoding/--no-fix-encoding", default=True, show_default=True,
              help="Repair mojibake, HTML entities and broken Unicode (ftfy).")
@click.option("--unicode-nfc/--no-unicode-nfc", default=True, show_default=True, help="Compose to Unicode NFC.")
@click.option("--remove-invisible/--no-remove-invisible", default=True, show_default=True,
              help="Remove control characters, zero-width spaces, soft hyphens and BOMs.")
@click.option("--whitespace/--no-whitespace", default=True, show_default=True,
              help="CRLF to LF, collapse runs of spaces, keep paragraph breaks as one blank line.")
@click.option("--html/--no-html", default=True, show_default=True,
              help="Turn HTML tags a scrape left (<blockquote>, <iframe>, <br>) into plain text; code elements go.")
@click.option("--markdown/--no-markdown", default=True, show_default=True,
              help="Turn scraped markdown left-overs such as [Name](#) and **Bold** into plain text.")
@parsing_options
def normalize_cmd(fix_encoding: bool, unicode_nfc: bool, remove_invisible: bool, whitespace: bool, html: bool,
                  markdown: bool) -> StageStep:
    """Repair encoding, Unicode, invisible characters, whitespace, and HTML and markdown left-overs.

    Records left with no text are dropped and counted as `empty`.

    \b
    Example:
        corpus normalize < raw.jsonl > normalized.jsonl
    """
    config = NormalizeConfig(fix_encoding=fix_encoding, unicode_nfc=unicode_nfc,
                             remove_invisible=remove_invisible, whitespace=whitespace, html=html,
                             markdown=markdown)
    return StageStep(Normalize(config))


@click.command("write", cls=ChainCommand)
@click.argument("directory", type=PathName(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Shard format: part-NNNNN.jsonl, or part-NNNNN.parquet with one schema for all shards.")
@click.option("--shard-size", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Records per shard.")
@click.option("--compress", type=click.Choice(["none", "gzip", "zstd"]), default="none", show_default=True,
              help="Compress each shard (.jsonl.gz, .jsonl.zst; inside the file for Parquet).")
@click.option("--force", is_flag=True, help="Replace DIRECTORY if it exists.")
@parsing_options
def write_cmd(directory: str, fmt: str, shard_size: int, compress: str, force: bool) -> WriteStep:
    """Write the corpus as shards plus manifest.json; DIRECTORY appears only when the run succeeds.

    A field whose records disagree on its type (a list here, a string there) is written as one type,
    with a warning naming the field and a record of each kind.

    \b
    Example:
        corpus read raw/ normalize write clean/ --shard-size 50000 --compress zstd
        corpus read raw/ normalize write clean/ --format parquet --compress zstd
    """
    if directory == "-":
        raise click.BadParameter("`write` needs a directory; to send JSONL to stdout, end the chain without "
                                 "`write` (e.g. `corpus read raw/ normalize > clean.jsonl`).",
                                 param_hint="DIRECTORY")
    return WriteStep(WriteConfig(directory, shard_size, compress, force, fmt))  # type: ignore[arg-type]


def _one_character(value: str | None, option: str) -> str | None:
    """The csv module takes one character for these; anything else fails deep inside the reader."""
    if value is not None and (len(value) != 1 or value in "\r\n"):
        raise click.BadParameter(f"one character other than a line break, not {value!r}", param_hint=option)
    return value


def _ratios(value: str) -> tuple[float, float, float]:
    try:
        parts = [float(part) for part in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 3 or not all(math.isfinite(part) and part >= 0 for part in parts) \
            or abs(sum(parts) - 1) > 1e-6:
        raise click.BadParameter(f"three shares that add up to 1, e.g. 0.8,0.1,0.1, not {value!r}",
                                 param_hint="--ratios")
    return parts[0], parts[1], parts[2]


@click.command("split", cls=ChainCommand)
@click.argument("directory", type=PathName(file_okay=False))
@click.option("--by", type=click.Choice(["cluster", "date"]), default="cluster", show_default=True,
              help="Hash whole duplicate clusters into splits, or cut by date (a cluster dated by its earliest "
                   "copy; every record needs a `date`).")
@click.option("--ratios", default="0.8,0.1,0.1", show_default=True,
              help="Shares of train, validation, test for --by cluster.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the cluster hash.")
@click.option("--cutoff", "cutoffs", multiple=True, metavar="DATE",
              help="--by date: train before the first cutoff; with a second, validation before it; test after.")
@click.option("--shard-size", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Records per shard in each split.")
@click.option("--compress", type=click.Choice(["none", "gzip", "zstd"]), default="none", show_default=True,
              help="Compress each shard.")
@click.option("--force", is_flag=True, help="Replace DIRECTORY if it exists.")
@parsing_options
def split_cmd(directory: str, by: str, ratios: str, seed: int, cutoffs: tuple[str, ...], shard_size: int,
              compress: str, force: bool) -> WriteStep:
    """Write train/validation/test so that no duplicate cluster spans two splits.

    Needs `cluster_id` on every record: run `dedup --mode mark` before it. The manifest counts records and
    clusters per split, and the clusters found in two splits (always 0).

    \b
    Example:
        corpus read raw/ normalize strip dedup --mode mark split splits/ --ratios 0.8,0.1,0.1 --seed 7
    """
    return WriteStep(SplitConfig(directory, by, _ratios(ratios), seed, tuple(cutoffs), shard_size,  # type: ignore[arg-type]
                                 compress, force))  # type: ignore[arg-type]


@click.command("conflicts", cls=ChainCommand)
@click.option("--label-field", default="type", show_default=True, help="The field holding the label.")
@click.option("--drop-conflicting", is_flag=True, help="Drop every record of a cluster whose copies disagree.")
@click.option("--report", type=PathName(dir_okay=False), default=None,
              help="Write one JSON line per conflicting cluster: cluster_id, label counts, member ids.")
@parsing_options
def conflicts_cmd(label_field: str, drop_conflicting: bool, report: str | None) -> StageStep:
    """Find duplicate clusters whose copies disagree on a label; list them, or drop them.

    Needs `cluster_id` on every record (run `dedup --mode mark` first). The manifest counts the
    conflicting clusters by label pair; dropped records count as `label_conflict`.

    \b
    Example:
        corpus read news.csv normalize strip dedup --mode mark conflicts --label-field type --report c.jsonl
    """
    return StageStep(Conflicts(ConflictsConfig(label_field, drop_conflicting, report)))
