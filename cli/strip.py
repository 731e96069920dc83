"""`corpus strip` (chained) and `corpus boilerplate learn` (alone): options into configs, nothing more."""

from __future__ import annotations

import click
from click.core import ParameterSource
from corpus_tools.cli.options import (
    ChainCommand,
    F,
    PathName,
    parsing_options,
    refuse_overwriting,
    settings,
    warn,
    warn_skipped,
)
from corpus_tools.cli.steps import StageStep, ToolStep

from corpus_tools.boilerplate.learned import learn
from corpus_tools.boilerplate.rules import shipped_rules_replaced
from corpus_tools.io.readers import FORMATS, ReadConfig, Reader
from corpus_tools.io.rejects import RejectPolicy
from corpus_tools.stages.normalize import normalize as normalize_stage
from corpus_tools.stages.strip import StripConfig, keep_category_problem, rule_languages, strip_stage


def learning_thresholds(func: F) -> F:
    """--min-stories and --min-share, shared by `strip --learn` and `boilerplate learn`."""
    func = click.option("--min-share", type=click.FloatRange(0, 1), default=0.1, show_default=True,
                        help="... and with at least this share of its outlet's records (a tenth of it for a line of "
                             "60+ characters that is not one plain sentence, an advertisement, a promotion; for "
                             "a line between such lines; for a label that ends the text).")(func)
    return click.option("--min-stories", type=click.IntRange(min=2), default=5, show_default=True,
                        help="Learning: a line is boilerplate when it occurs with at least this many distinct "
                             "stories ...")(func)


@click.command("strip", cls=ChainCommand)
@click.option("--rules", "rules", multiple=True, type=PathName(exists=True, dir_okay=False), metavar="FILE",
              help="A TOML file of extra rules (repeatable); a rule with a shipped rule's id replaces it.")
@click.option("--builtin-rules/--no-builtin-rules", default=True, show_default=True,
              help="Use the shipped rules (English, and starter sets for de, fr, es, pt, it, da, no, sv).")
@click.option("--keep-category", multiple=True, metavar="CAT",
              help="Keep what this category would remove (repeatable), e.g. --keep-category byline.")
@click.option("--lang", multiple=True, metavar="CODE",
              help="Only rules for these languages (repeatable); a record's own `lang` field narrows further. "
                   "[default: all]")
@click.option("--learn/--no-learn", default=True, show_default=True,
              help="Learn each outlet's recurring lines from this input (reads it twice via a temporary file).")
@click.option("--model", type=PathName(exists=True, dir_okay=False), default=None, metavar="FILE",
              help="Remove the lines a saved model learned (`corpus boilerplate learn`) instead of learning.")
@learning_thresholds
@click.option("--classify/--no-classify", default=True, show_default=True,
              help="Score the lines rules and learning left at the end of a text with the line classifier, "
                   "walking up from the last line, and remove the run it finds boilerplate (category "
                   "`classified`).")
@click.option("--line-weights", type=PathName(exists=True, dir_okay=False), default=None, metavar="FILE",
              help="The line classifier's weights from this file (`corpus boilerplate fit-lines`). "
                   "[default: the shipped weights]")
@click.option("--rescue/--no-rescue", default=True, show_default=True,
              help="Move a removed header's date, author and headline into date, meta.author, title if missing.")
@click.option("--removed", type=PathName(dir_okay=False, writable=True), default=None, metavar="FILE",
              help="Write one JSON line per removed span: id, category, rule, text, start, end (and the "
                   "classifier's score for a `classified` line).")
@click.option("--explain", is_flag=True, help="Show on stderr, in colour, what went from the first records and why.")
@click.option("--explain-limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many records --explain shows.")
@parsing_options
@click.pass_context
def strip_cmd(ctx: click.Context, rules: tuple[str, ...], builtin_rules: bool, keep_category: tuple[str, ...],
              lang: tuple[str, ...],
              learn: bool, model: str | None, min_stories: int, min_share: float, classify: bool,
              line_weights: str | None, rescue: bool,
              removed: str | None, explain: bool, explain_limit: int) -> StageStep:
    """Remove publisher boilerplate: bylines, credits, calls to action, donation and promotion blocks, footers.

    Records left with no text are dropped and counted as `empty_after_strip`. Counts per category and
    per rule go to the manifest.

    \b
    Example:
        corpus read raw/ normalize strip --removed removed.jsonl write clean/
        head -n 3 corpus.jsonl | corpus normalize strip --explain > /dev/null
    """
    if model and learn and ctx.get_parameter_source("learn") is ParameterSource.COMMANDLINE:
        raise click.UsageError("use either --learn or --model, not both (a saved model replaces learning)")
    config = StripConfig(rules=rules, builtin_rules=builtin_rules, keep_category=keep_category, lang=lang,
                         learn=learn, model=model, min_stories=min_stories, min_share=min_share,
                         classify=classify, line_weights=line_weights, rescue=rescue,
                         removed=removed, explain=explain, explain_limit=explain_limit)
    problem = keep_category_problem(config)
    if problem:
        raise click.BadParameter(problem, param_hint="--keep-category")
    for path, rule_id in shipped_rules_replaced(rules):
        warn(f"strip --rules {path}: rule '{rule_id}' replaces the shipped rule of that id (give it an id of "
             f"its own to add a rule beside it)")
    written = rule_languages(config)
    for code in (c for c in lang if c not in written):
        warn(f"strip --lang {code}: no rule is written for it, so only the rules for any language apply "
             f"(rules exist for {', '.join(sorted(written))})")
    return StageStep(strip_stage(config))


@click.command("boilerplate", cls=ChainCommand)
@click.argument("action", type=click.Choice(["learn", "fit-lines"]))
@click.argument("input_path", type=PathName(), metavar="INPUT")
@click.option("-o", "--output", required=True, type=PathName(dir_okay=False, writable=True),
              help="Where to write the model (JSON).")
@learning_thresholds
@click.option("--normalize/--no-normalize", default=True, show_default=True,
              help="Normalize the text first, as `corpus read ... normalize strip` would.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format, as for `corpus read`.")
@click.option("--text-field", default=None,
              help="Column or field holding the text [default: the first of text, content, body, article, "
                   "maintext].")
@click.option("--domain-field", default=None, help="Column or field holding the outlet [default: domain].")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="fit-lines: remove lines at or above this probability [default: chosen by cross-validation].")
@parsing_options
@click.pass_context
def boilerplate_cmd(ctx: click.Context, action: str, input_path: str, output: str, min_stories: int,
                    min_share: float, normalize: bool, fmt: str, text_field: str | None,
                    domain_field: str | None, threshold: float | None) -> ToolStep:
    """Learn each outlet's repeated boilerplate lines for `strip --model`, or fit the line classifier.

    learn: INPUT is anything `corpus read` takes (a file, a directory, a glob, or - for stdin).
    fit-lines: INPUT is a span-judged set (truth.jsonl.gz and corpus.jsonl.gz, as `eval strip --corpus`
    reads) or a folder of them; writes weights for `strip --line-weights` and reports leave-outlet-out
    cross-validation on stderr.

    \b
    Example:
        corpus boilerplate learn raw/ -o model.json
        corpus read new/ normalize strip --model model.json write clean/
        corpus boilerplate fit-lines judged/ -o line_weights.json
    """
    refuse_overwriting(output, [input_path])
    if action == "fit-lines":
        return _fit_lines(input_path, output, StripConfig(min_stories=min_stories, min_share=min_share), threshold)
    options = settings(ctx)
    read = ReadConfig(format=fmt, text_field=text_field, domain_field=domain_field)  # type: ignore[arg-type]

    def run() -> None:
        policy = RejectPolicy(options.on_error, options.rejects)  # type: ignore[arg-type]
        try:
            records = Reader(policy, warn).read(input_path, read)
            model = learn(normalize_stage(records) if normalize else records, min_stories, min_share)
        finally:
            policy.close()
        model.save(output)
        outlets = sum(1 for o in model.outlets.values() if o.lines)
        click.echo(f"learned {len(model):,} boilerplate line(s) in {outlets:,} of {len(model.outlets):,} "
                   f"outlet(s); model written to {output}", err=True)
        if policy.count:
            warn_skipped(policy.count, options.rejects, policy.examples[0])

    return ToolStep(f"boilerplate {action}", run)


def _fit_lines(folder: str, output: str, config: StripConfig, threshold: float | None) -> ToolStep:
    def run() -> None:
        from corpus_tools.boilerplate.train_lines import train, write_weights

        training = train(folder, config, threshold)
        for line in training.report():
            click.echo(line, err=True)
        write_weights(training.model, output)
        click.echo(f"threshold {training.model.threshold}; weights written to {output}", err=True)

    return ToolStep("boilerplate fit-lines", run)
