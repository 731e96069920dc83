"""`corpus run pipeline.toml`: a chain and its options written in a TOML file, run as that command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click
from click.core import ParameterSource
from corpus_tools.cli.options import ChainCommand, PathName, Settings, settings
from corpus_tools.cli.steps import ToolStep

from corpus_tools.errors import CorpusError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def recipe_argv(group: click.Group, recipe: dict[str, Any], source: str, overrides: Sequence[str] = ()) -> list[str]:
    """The command line a recipe stands for: run options first (then `overrides`, run options given on the
    command line, which win), then each `[[step]]` in order.

    Keys are option names without the dashes (`text-field` or `text_field`) and argument names
    (`path`, `directory`); `true` gives a flag, `false` its `--no-` form, a list repeats the option."""
    steps = recipe.get("step", [])
    if not isinstance(steps, list) or not steps:
        raise CorpusError(f"{source}: no steps; add a [[step]] table with command = \"read\" and so on")
    run_options = {k: v for k, v in recipe.items() if k != "step"}
    argv = [*_options(group, run_options, f"{source}: top level"), *overrides]
    for number, step in enumerate(steps, 1):
        where = f"{source}: step {number}"
        if not isinstance(step, dict):
            raise CorpusError(f"{where}: a step is a [[step]] table with command = \"read\" and so on, not "
                              f"{step!r}")
        step = dict(step)
        name = step.pop("command", None)
        command = group.commands.get(name) if isinstance(name, str) and name != "run" else None
        if command is None:
            known = ", ".join(sorted(set(group.commands) - {"run"}))
            raise CorpusError(f"{where}: command = {name!r} is not a corpus command (one of: {known})")
        argv.extend([name, *_options(command, step, f"{where} ({name})")])
    return argv


def _options(command: click.Command, values: dict[str, Any], where: str) -> list[str]:
    by_key: dict[str, click.Parameter] = {}
    for param in command.params:
        if isinstance(param, click.Argument):
            by_key[str(param.name)] = param
        else:
            for opt in [*param.opts, *param.secondary_opts]:
                if opt.startswith("--"):
                    by_key[opt[2:]] = param
    arguments: list[str] = []
    options: list[str] = []
    given: dict[str, str] = {}
    for key, value in values.items():
        param = by_key.get(key.replace("_", "-")) or by_key.get(key)
        if param is None:
            raise CorpusError(f"{where}: unknown option {key!r}; `corpus {command.name} --help` lists them"
                              if command.name != "cli" else f"{where}: unknown run option {key!r}; "
                              "`corpus --help` lists them")
        if str(param.name) in given:
            raise CorpusError(f"{where}: {given[str(param.name)]!r} and {key!r} are one option; give it once")
        given[str(param.name)] = key
        if isinstance(param, click.Argument):
            if isinstance(value, list):
                raise CorpusError(f"{where}: {key} takes one value, not a list (a [[step]] each, or a glob)")
            argument = str(value)
            # A relative path that starts with a dash would be read as an option.
            arguments.append(f"./{argument}" if argument.startswith("-") and argument != "-" else argument)
            continue
        assert isinstance(param, click.Option)
        flag = max(param.opts, key=len)
        if param.is_flag:
            if not isinstance(value, bool):
                raise CorpusError(f"{where}: {key} takes true or false, not {value!r}")
            if value:
                options.append(flag)
            elif param.secondary_opts:
                options.append(max(param.secondary_opts, key=len))
        elif isinstance(value, list):
            if not param.multiple:
                raise CorpusError(f"{where}: {key} takes one value, not a list")
            for item in value:
                options.extend([flag, str(item)])
        else:
            options.extend([flag, str(value).lower() if isinstance(value, bool) else str(value)])
    return [*arguments, *options]


PASSED_ON = ("workers", "engine", "scheduler", "manifest", "drops", "on_error", "rejects")
"""Run options that, given before `run` (`corpus --workers 1 run r.toml`), override the recipe's."""


def _given_run_options(ctx: click.Context, outer: Settings) -> list[str]:
    root = ctx.find_root()
    given = []
    for param in root.command.params:
        if param.name in PASSED_ON and root.get_parameter_source(param.name) == ParameterSource.COMMANDLINE:
            assert isinstance(param, click.Option)
            given += [max(param.opts, key=len), str(getattr(outer, param.name))]
    return given


@click.command("run", cls=ChainCommand)
@click.argument("recipe", type=PathName(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the command line and the plan; read and write nothing.")
@click.pass_context
def run_cmd(ctx: click.Context, recipe: str, dry_run: bool) -> ToolStep:
    """Run the chain written in a TOML recipe, exactly as its command line would.

    \b
    Example:
        corpus run pipeline.toml --dry-run
        corpus run pipeline.toml
    """
    group = ctx.find_root().command
    assert isinstance(group, click.Group)
    try:
        with open(recipe, "rb") as handle:
            parsed = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise CorpusError(f"{recipe}: not valid TOML ({err})") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{recipe}: not UTF-8 text; save the recipe as UTF-8") from None
    outer = settings(ctx)
    argv = recipe_argv(group, parsed, recipe, _given_run_options(ctx, outer))
    argv = [*(["--quiet"] if outer.quiet else []), *(["--verbose"] if outer.verbose else []), *argv]
    if dry_run or outer.dry_run:
        argv = ["--dry-run", *argv]

    def run() -> None:
        settings = Settings(argv=["corpus", *[a for a in argv if a != "--dry-run"]])
        code = group.main(args=argv, prog_name="corpus", obj=settings, standalone_mode=False)
        if code:
            ctx.exit(code)

    return ToolStep("run", run)
