"""Options, and the warning format, shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from corpus_tools.dedup.config import MAX_NGRAM, MAX_NUM_PERM, MAX_SEED, DedupConfig
from corpus_tools.errors import CorpusError, printable
from corpus_tools.io.rejects import OnError

F = TypeVar("F", bound=Callable[..., Any])
def warn(message: str) -> None:
    """`Warning: ...` on stderr, for what a run skips or doubts but goes on with."""
    click.echo(f"Warning: {printable(message)}", err=True)


def warn_skipped(count: int, rejects: str | None, first: str) -> None:
    """The one warning for bad input lines set aside under --on-error skip: how many, where they went, the first."""
    where = f"written to {rejects}" if rejects else "not kept; add --rejects FILE to keep them"
    warn(f"skipped {count:,} bad input line(s), {where}; first: {first}")


@dataclass
class Settings:
    """Run-wide settings; the group sets them and any command may add the parsing ones."""

    quiet: bool = False
    verbose: bool = False
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    manifest: str | None = None
    on_error: OnError = "fail"
    rejects: str | None = None
    drops: str | None = None
    dry_run: bool = False
    argv: list[str] = field(default_factory=list)


class PathName(click.Path):
    """A path that must name something: an empty one (an unset shell variable, `directory = ""` in a recipe)
    was read as the current directory, and `write "$OUT" --force` replaced it, or as no file at all, and
    `--manifest ""` wrote none."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            self.fail("an empty path names nothing (an unset variable?)", param, ctx)
        return super().convert(value, param, ctx)


def refuse_overwriting(output: str, read: list[str], option: str = "-o") -> None:
    """A command must not replace a file it reads: `output` may be none of `read` nor inside a directory of
    them (stdin, stdout and devices aside)."""
    if output == "-" or not os.path.exists(output) or not os.path.isfile(output):
        return
    target = os.path.realpath(output)
    for path in read:
        if path == "-" or not os.path.exists(path):
            continue
        source = os.path.realpath(path)
        if target == source:
            raise click.BadParameter(f"{output} is a file this command reads; write somewhere else",
                                     param_hint=option)
        if os.path.isdir(source) and os.path.commonpath([target, source]) == source:
            raise click.BadParameter(f"{output} lies inside {path}, which this command reads; write somewhere "
                                     f"else", param_hint=option)


def settings(ctx: click.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def _store(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value is not None:
            setattr(settings(ctx), name, value)

    return callback


def parsing_options(func: F) -> F:
    """--on-error and --rejects, accepted wherever records are parsed (the group, read, any stage)."""
    func = click.option(
        "--rejects", type=PathName(dir_okay=False), default=None, expose_value=False, callback=_store("rejects"),
        help="With --on-error skip: file for the bad lines [default: rejects.jsonl in the output directory].",
    )(func)
    return click.option(
        "--on-error", type=click.Choice(["fail", "skip"]), default=None, expose_value=False,
        callback=_store("on_error"),
        help="On a bad input line: stop with a message (fail, the default) or set it aside and count it (skip).",
    )(func)


class ChainCommand(click.Command):
    """A chained command whose options may follow its arguments: `write out/ --force normalize ...`.

    In chain mode click stops a command's option parsing at its first argument. This parser
    instead takes tokens up to the next sibling command's name, once the command's own arguments
    are satisfied, and hands the rest back to the chain.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        parent = ctx.parent.command if ctx.parent is not None else None
        siblings = parent.commands if isinstance(parent, click.Group) else {}
        needed = sum(p.nargs for p in self.params if isinstance(p, click.Argument) and p.required and p.nargs > 0)
        takes_value = {name for p in self.params if isinstance(p, click.Option) and not p.is_flag and not p.count
                       for name in p.opts}
        end, positionals = 0, 0
        while end < len(args):
            token = args[end]
            if token.startswith("-") and token != "-":
                end += 2 if token in takes_value else 1
                continue
            if positionals >= needed and token in siblings:
                break
            positionals += 1
            end += 1
        own, rest = args[:end], args[end:]
        ctx.allow_interspersed_args = True
        super().parse_args(ctx, own)
        ctx.args = [*ctx.args, *rest]
        return ctx.args


DEDUP_DEFAULTS = DedupConfig()


def similarity_options(func: F) -> F:
    """The options that decide whether two records are copies; dedup and explain share them."""
    options = [
        click.option("--threshold", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                     default=DEDUP_DEFAULTS.threshold, show_default=True,
                     help="Jaccard similarity of the shingle sets above which two records are copies."),
        click.option("--containment", type=click.FloatRange(0, 1, min_open=True),
                     default=DEDUP_DEFAULTS.containment, show_default=True,
                     help="Share of the smaller record's shingles found in the larger one above which it "
                          "is an (abridged) copy."),
        click.option("--num-perm", type=click.IntRange(16, MAX_NUM_PERM), default=DEDUP_DEFAULTS.num_perm,
                     show_default=True,
                     help="MinHash permutations (signature length)."),
        click.option("--ngram", type=click.IntRange(1, MAX_NGRAM), default=DEDUP_DEFAULTS.ngram, show_default=True,
                     help="Words per shingle."),
        click.option("--seed", type=click.IntRange(0, MAX_SEED), default=DEDUP_DEFAULTS.seed, show_default=True,
                     help="Seed of the permutations (datasketch's MinHash seed)."),
        click.option("--bands", type=click.IntRange(min=1), default=None,
                     help="LSH bands [default: chosen from --threshold and --containment]; give --rows "
                          "too."),
        click.option("--rows", type=click.IntRange(min=1), default=None,
                     help="Signature values per band [default: chosen with --bands]; give --bands too."),
        click.option("--window-days", type=click.IntRange(min=0), default=None,
                     help="Only records whose dates are at most N days apart can be copies [default: any]."),
        click.option("--same-domain", type=click.Choice(["compare", "skip"]), default=DEDUP_DEFAULTS.same_domain,
                     show_default=True,
                     help="skip: never merge two records of one outlet (its own updates)."),
        click.option("--min-tokens", type=click.IntRange(min=1), default=DEDUP_DEFAULTS.min_tokens,
                     show_default=True,
                     help="Records with fewer words are matched by title or exact text instead of MinHash."),
        click.option("--short-match", type=click.Choice(["title", "text"]), default=DEDUP_DEFAULTS.short_match,
                     show_default=True,
                     help="How short records match: same normalized title, or exact text only."),
        click.option("--outlet-boilerplate", type=click.IntRange(min=0), default=DEDUP_DEFAULTS.outlet_boilerplate,
                     show_default=True,
                     help="A line one outlet repeats in this many records is its boilerplate and is left "
                          "out of the shingles (0: off)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def dedup_config(**values: Any) -> DedupConfig:
    """The dedup config of the parsed options; a combination it rejects is a usage error."""
    config = DedupConfig(**values)
    try:
        config.validate()
    except CorpusError as err:
        raise click.UsageError(str(err)) from None
    return config
