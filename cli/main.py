"""The chain group, its result callback, and the one place where errors become messages."""

from __future__ import annotations

import os
import shlex
import sys
from typing import Any

import click
from corpus_tools.cli.commands import conflicts_cmd, normalize_cmd, read_cmd, split_cmd, write_cmd
from corpus_tools.cli.dedup import dedup_cmd, explain_cmd
from corpus_tools.cli.index import index_cmd, overlap_cmd
from corpus_tools.cli.langid import filter_cmd, langid_cmd
from corpus_tools.cli.options import PathName, parsing_options, printable, settings, warn, warn_skipped
from corpus_tools.cli.progress import interactive, print_summary, run_progress
from corpus_tools.cli.recipe import run_cmd
from corpus_tools.cli.report import report_cmd
from corpus_tools.cli.steps import ReadStep, StageStep, Step, ToolStep, WriteStep
from corpus_tools.cli.strip import boilerplate_cmd, strip_cmd
from corpus_tools.cli.tools import bench_cmd, eval_cmd, generate_cmd

import corpus_tools
from corpus_tools.errors import CorpusError, OptionError
from corpus_tools.plan import describe, refused
from corpus_tools.runner import Interrupted, RunSpec, run

EXIT_INTERRUPTED = 130
MAX_WORKERS_PER_CORE = 4


class CorpusGroup(click.Group):
    """Turns CorpusError into `Error: ...` with exit 1 (2 for a misused option), and Ctrl-C into a message with
    exit 130."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """Ctrl-C while the options are read exits as it does later (130), not as click's "Aborted!" (1)."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorpusError as err:
            if settings(ctx).verbose:
                raise
            click.echo(f"Error: {printable(str(err))}", err=True)
            ctx.exit(2 if isinstance(err, OptionError) else 1)
        except BrokenPipeError:
            raise
        except OSError as err:
            # Disk full, a read-only or vanished directory: the system's reason, and where.
            if settings(ctx).verbose:
                raise
            where = f"{printable(os.fsdecode(err.filename))}: " if err.filename else ""
            click.echo(f"Error: {where}{err.strerror or err}", err=True)
            ctx.exit(1)
        except Interrupted as err:
            if err.committed:
                click.echo(f"Interrupted as the run ended; its output ({err.records_written:,} records) was "
                           f"committed first.", err=True)
            elif err.to_stdout and err.records_written:
                kept = "they stay partial, and nothing else (index, side files) was changed"
                click.echo(f"Interrupted after {err.records_written:,} records went to stdout; {kept}.", err=True)
            else:
                click.echo(f"Interrupted after {err.records_written:,} records; no output was written.", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=CorpusGroup, chain=True, invoke_without_command=True)
@click.version_option(corpus_tools.__version__, prog_name="corpus")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks for errors.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="all cores",
              help="Processes for the per-record stages; output is identical for any number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the per-record stages and dedup signatures here, or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: the scheduler to use [default: start a local cluster of --workers processes].")
@click.option("--manifest", type=PathName(dir_okay=False), default=None,
              help="Also write the manifest here (the only manifest when no `write` ends the chain).")
@click.option("--drops", type=PathName(dir_okay=False), default=None, metavar="FILE",
              help="List each record a stage drops (id, stage, reason), one JSON line each, as the manifest counts "
                   "them.")
@click.option("--dry-run", is_flag=True,
              help="Print the plan (inputs, stages and options, outputs) and stop; nothing is read or written.")
@parsing_options
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool, workers: int, engine: str, scheduler: str | None,
        manifest: str | None, drops: str | None, dry_run: bool) -> None:
    """Clean and de-duplicate news corpora: chain commands, JSONL flows from one to the next.

    With no `read`, records come as JSONL on stdin; with no `write`, they leave as JSONL on stdout.

    \b
    Example:
        corpus read raw/ normalize strip langid dedup write clean/
    """
    options = settings(ctx)
    cap = MAX_WORKERS_PER_CORE * (os.cpu_count() or 1)
    if workers > cap and engine == "local":
        click.echo(f"Warning: --workers {workers} is more than {MAX_WORKERS_PER_CORE} per core; using {cap}",
                   err=True)
        workers = cap
    options.quiet, options.verbose, options.workers, options.manifest = quiet, verbose, workers, manifest
    options.engine, options.scheduler, options.dry_run, options.drops = engine, scheduler, dry_run, drops
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask.")
    if not options.argv:  # `corpus run` hands in the command line its recipe stands for
        options.argv = ["corpus", *sys.argv[1:]] if os.path.basename(sys.argv[0]).startswith("corpus") else ["corpus"]
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.result_callback()
@click.pass_context
def run_chain(ctx: click.Context, /, steps: list[Step | None], **_: Any) -> None:
    """Check the order of the chain, then run it."""
    steps = [s for s in steps if s is not None]
    if not steps:
        return
    tools = [s for s in steps if isinstance(s, ToolStep)]
    if tools:
        if len(steps) > 1:
            raise click.UsageError(f"`{tools[0].name}` runs alone, not in a chain.")
        if settings(ctx).dry_run and tools[0].name != "run":
            raise click.UsageError(f"--dry-run plans a chain or a recipe; `{tools[0].name}` has no plan to show.")
        tools[0].run()
        return
    reads = [s for s in steps if isinstance(s, ReadStep)]
    writes = [s for s in steps if isinstance(s, WriteStep)]
    if len(writes) > 1 or (writes and steps[-1] is not writes[0]):
        raise click.UsageError("`write` (or `split`) must come once, at the end of the chain.")
    if any(isinstance(s, ReadStep) for s in steps[len(reads):]):
        raise click.UsageError("`read` must come before the other commands.")
    options = settings(ctx)
    spec = RunSpec(
        inputs=[(r.path, r.config) for r in reads],
        stages=[s.stage for s in steps if isinstance(s, StageStep)],
        write=writes[0].config if writes else None,
        on_error=options.on_error,
        rejects_path=options.rejects,
        manifest_path=options.manifest,
        drops_path=options.drops,
        workers=options.workers,
        engine=options.engine,
        scheduler=options.scheduler,
        command=options.argv,
    )

    if options.dry_run:
        plan = describe(spec)
        click.echo("\n".join(["Command: " + shlex.join(options.argv), *plan]))
        if refused(plan):
            raise CorpusError("a real run would refuse what the plan marks \"would fail\"")
        return

    stdout = sys.stdout.buffer
    with run_progress(interactive(options.quiet)) as watch:
        result = run(spec, stdout, warn, watch)
    if result.rejects.count:
        kept = options.rejects or (os.path.join(spec.write.directory, "rejects.jsonl") if spec.write else None)
        warn_skipped(result.rejects.count, kept, result.rejects.examples[0])
    if interactive(options.quiet):
        print_summary(result.stages, result.rejects.count)


COMMANDS = (read_cmd, normalize_cmd, strip_cmd, filter_cmd, langid_cmd, dedup_cmd, conflicts_cmd, write_cmd,
            split_cmd, explain_cmd, boilerplate_cmd, report_cmd, eval_cmd, generate_cmd, bench_cmd, index_cmd,
            overlap_cmd, run_cmd)
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="corpus")
