"""Commands that stand alone rather than chain: eval and generate."""

from __future__ import annotations

import os
from contextlib import nullcontext

import click
import orjson
from corpus_tools.cli.options import ChainCommand, PathName
from corpus_tools.cli.steps import ToolStep

from corpus_tools.errors import CorpusError
from corpus_tools.evaluate import KINDS, EvalReport, evaluator
from corpus_tools.io.modes import replaced_whole
from corpus_tools.io.writer import compressed
from corpus_tools.record import dump_record
from corpus_tools.synthetic import GENERATORS, generator


def _parse_sets(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"'{pair}' is not NAME=VALUE", param_hint="--set")
        overrides[name.strip().replace("-", "_")] = value
    return overrides


@click.command("eval", cls=ChainCommand)
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--truth", type=PathName(exists=True, dir_okay=False), default=None,
              help="Labeled JSONL, as `corpus generate KIND` writes it.")
@click.option("--corpus", type=PathName(exists=True, dir_okay=False), default=None,
              help="strip only: the judged set's input texts; --truth then holds their judged spans, each "
                   "article's body as people marked it (`body`), or phrases of its article and of its boilerplate "
                   "(`with`, `without`).")
@click.option("--pairs", type=PathName(exists=True, dir_okay=False), default=None,
              help="dedup only: judged pairs (JSONL, may be gzipped: a, b, label same/different/borderline) "
                   "to score the run given with --run against, instead of --truth.")
@click.option("--run", "run_path", type=PathName(exists=True, dir_okay=False), default=None,
              help="dedup only, with --pairs: the output of `dedup --mode mark` on the corpus of the pairs.")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="Override one option of the stage under test (repeatable), e.g. --set threshold=0.5.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--check", is_flag=True, help="Exit 1 when a target is missed.")
def eval_cmd(kind: str, truth: str | None, corpus: str | None, pairs: str | None, run_path: str | None,
             sets: tuple[str, ...], as_json: bool, check: bool) -> ToolStep:
    """Measure a stage's accuracy on a labeled set and compare it with the README's targets.

    \b
    Example:
        corpus generate dedup truth.jsonl --count 2000 --seed 1
        corpus eval dedup --truth truth.jsonl
        corpus eval strip --truth judged/truth.jsonl.gz --corpus judged/corpus.jsonl.gz
        corpus read corpus.tar.xz normalize strip dedup --mode mark > marked.jsonl
        corpus eval dedup --pairs pairs.jsonl.gz --run marked.jsonl
    """
    if corpus is not None and kind != "strip":
        raise click.BadParameter("only `eval strip` scores a judged corpus", param_hint="--corpus")
    if pairs is not None or run_path is not None:
        if kind != "dedup" or pairs is None or run_path is None or truth is not None or sets:
            raise click.UsageError("--pairs and --run go together, with `eval dedup` and without --truth "
                                   "or --set (the run's own options decided its clusters)")
        return ToolStep("eval", lambda: _print_pairs_eval(pairs, run_path, as_json, check))
    if truth is None:
        raise click.UsageError("give --truth (or, for dedup, --pairs with --run)")
    overrides = _parse_sets(sets)
    return ToolStep("eval", lambda: _print_eval(kind, truth, corpus, overrides, as_json, check))


def _print_pairs_eval(pairs: str, run_path: str, as_json: bool, check: bool) -> None:
    from corpus_tools.evaluate.dedup import evaluate_pairs

    _print_report("dedup", evaluate_pairs(pairs, run_path), f"records ({run_path}) against judged pairs {pairs}",
                  as_json, check)


def _print_eval(kind: str, truth: str, corpus: str | None, overrides: dict[str, str], as_json: bool,
                check: bool) -> None:
    if corpus:
        from corpus_tools.evaluate.strip_judged import evaluate_judged

        report = evaluate_judged(truth, corpus, overrides)
    else:
        report = evaluator(kind)(truth, overrides)
    _print_report(kind, report, f"labeled records ({truth})", as_json, check)


def _print_report(kind: str, report: EvalReport, source: str, as_json: bool, check: bool) -> None:
    if as_json:
        click.echo(orjson.dumps(report.to_json(), option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo(f"{kind} on {report.records:,} {source}")
        for name, value in report.metrics.items():
            target = report.targets.get(name)
            verdict = "" if target is None else f"  target {target.direction} {target.value}  " + (
                "ok" if target.met(value) else "MISSED")
            counted = isinstance(value, int) or (value > 1 and float(value).is_integer())
            shown = f"{value:10,.0f}" if counted else f"{value:10.4f}"
            click.echo(f"  {name:<28} {shown}{verdict}")
        for line in report.details:
            click.echo(f"  {line}")
    if check and not report.passed:
        raise CorpusError("a target was missed")


@click.command("generate", cls=ChainCommand)
@click.argument("kind", type=click.Choice(GENERATORS))
@click.argument("output", type=PathName(dir_okay=False, allow_dash=True))
@click.option("--count", type=click.IntRange(min=1), default=1000, show_default=True,
              help="How many records to generate.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed; the same seed, the same file.")
@click.option("--outlets", type=click.Choice(["team", "unseen"]), default="team", show_default=True,
              help="strip only: `unseen` draws outlets whose boilerplate wordings no rule was written from.")
def generate_cmd(kind: str, output: str, count: int, seed: int, outlets: str) -> ToolStep:
    """Write a labeled synthetic corpus from team-written text, for `corpus eval` and `make bench`.

    \b
    Example:
        corpus generate strip strip-truth.jsonl --count 500 --seed 7
    """
    if outlets != "team" and kind != "strip":
        raise click.BadParameter("only `generate strip` has unseen outlets", param_hint="--outlets")
    if output.lower().endswith((".xz", ".bz2")):
        raise click.BadParameter(f"{output}: generate compresses as .gz or .zst; name it so, or .jsonl",
                                 param_hint="OUTPUT")
    return ToolStep("generate", lambda: _write_generated(kind, output, count, seed, outlets))


def _write_generated(kind: str, output: str, count: int, seed: int, outlets: str) -> None:
    generate = generator("strip_unseen" if outlets == "unseen" else kind)
    suffix = output.lower()
    compress = "gzip" if suffix.endswith(".gz") else "zstd" if suffix.endswith(".zst") else "none"
    target = nullcontext(click.get_binary_stream("stdout")) if output == "-" else replaced_whole(output, ".generate-")
    with target as raw:
        out = compressed(raw, compress)  # as its name says, so that `read` can read it back
        for record in generate(count, seed):
            out.write(dump_record(record))
        if out is not raw:
            out.close()


@click.command("bench", cls=ChainCommand)
@click.option("--sizes", default="10000,100000", show_default=True,
              help="Comma-separated corpus sizes (articles of news length, generated once into --out).")
@click.option("--full", is_flag=True, help="Add the 1,000,000-article run.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="all cores",
              help="Worker processes for the chain.")
@click.option("--baseline-count", type=click.IntRange(min=0), default=5000, show_default=True,
              help="Articles for the side-by-side baselines (0 skips them).")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the generated corpora.")
@click.option("--corpora", default="generated,real", show_default=True,
              help="generated (team-written) and real (recombined from the shared real news, where present).")
@click.option("--out", "out_dir", type=PathName(file_okay=False), default="bench-out", show_default=True,
              help="Where corpora, outputs and results.json/results.md go.")
def bench_cmd(sizes: str, full: bool, workers: int, baseline_count: int, seed: int, corpora: str,
              out_dir: str) -> ToolStep:
    """Measure the whole chain and each stage against baselines; prints the README's tables.

    \b
    Example:
        corpus bench --sizes 10000,100000 --workers 2
    """
    counts = _sizes(sizes) + ([1_000_000] if full else [])
    if not counts:
        raise click.BadParameter("names no size: give at least one count of articles", param_hint="--sizes")
    names = [name.strip() for name in corpora.split(",") if name.strip()]
    if not names:
        raise click.BadParameter("names no corpus: give generated, real or both", param_hint="--corpora")
    return ToolStep("bench", lambda: _run_bench(counts, workers, out_dir, seed, baseline_count, names))


def _sizes(sizes: str) -> list[int]:
    """--sizes as article counts, each a whole number of at least 1."""
    counts = []
    for size in (part.strip() for part in sizes.split(",")):
        if size and not (size.isdigit() and int(size) >= 1):
            raise click.BadParameter(f"{size!r} is not a count of articles (a whole number, at least 1)",
                                     param_hint="--sizes")
        if size:
            counts.append(int(size))
    return counts


def _run_bench(counts: list[int], workers: int, out_dir: str, seed: int, baseline_count: int,
               corpora: list[str]) -> None:
    from corpus_tools.bench.chain_bench import bench, markdown

    report = bench(counts, workers, out_dir, seed, baseline_count, lambda line: click.echo(line, err=True), corpora)
    table = markdown(report)
    with open(os.path.join(out_dir, "results.md"), "w") as handle:
        handle.write(table)
    click.echo(table)
