"""The langid and filter commands: options in, a configured stage out."""

from __future__ import annotations

import click
from corpus_tools.cli.options import ChainCommand, parsing_options
from corpus_tools.cli.steps import StageStep

from corpus_tools.errors import CorpusError
from corpus_tools.language import ENGINES
from corpus_tools.stages.filter import Filter, FilterConfig
from corpus_tools.stages.langid import LangId, LangIdConfig, parse_languages

SHARE = click.FloatRange(0, 1)
COUNT = click.IntRange(min=0)
DEFAULT = FilterConfig()


@click.command("langid", cls=ChainCommand)
@click.option("--languages", default=None, metavar="CODES",
              help="Keep only these languages, e.g. en,de (add und to keep unlabelled texts); "
                   "drop the rest [default: keep all].")
@click.option("--keep", "old_keep", default=None, hidden=True, help="Old spelling of --languages.")
@click.option("--min-chars", type=COUNT, default=20, show_default=True,
              help="Texts (with --per-paragraph: paragraphs) shorter than this get `und`, not a guess.")
@click.option("--overwrite", is_flag=True, help="Relabel records that already have a `lang` field.")
@click.option("--detector", type=click.Choice(ENGINES), default="langdetect", show_default=True,
              help="langdetect: its profiles, scored all at once (fast, deterministic); langdetect-classic: "
                   "its own sampler, seeded; py3langid: needs the langid-extra extra.")
@click.option("--engine", "old_engine", type=click.Choice(ENGINES), default=None, hidden=True,
              help="Old spelling of --detector.")
@click.option("--per-paragraph", is_flag=True,
              help="Label each paragraph; `lang` is the language of most characters, `lang_share` its share.")
@click.option("--min-lang-share", type=SHARE, default=0.0, show_default=True,
              help="With --per-paragraph: drop records whose main language holds less than this share.")
@click.option("--min-share", "old_min_share", type=SHARE, default=None, hidden=True,
              help="Old spelling of --min-lang-share.")
@parsing_options
def langid_cmd(languages: str | None, old_keep: str | None, min_chars: int, overwrite: bool, detector: str,
               old_engine: str | None, per_paragraph: bool, min_lang_share: float,
               old_min_share: float | None) -> StageStep:
    """Add each record's language (`lang`, ISO 639-1 or und) and `lang_score`; optionally keep only some.

    \b
    Example:
        corpus read raw/ normalize langid --languages en,de --per-paragraph write clean/
    """
    # --keep, --engine and --min-share meant other things in dedup, the run and strip: the old spellings
    # still work here, unlisted.
    try:
        config = LangIdConfig(languages=parse_languages(languages or old_keep or ""), min_chars=min_chars,
                              overwrite=overwrite, detector=old_engine or detector, per_paragraph=per_paragraph,
                              min_lang_share=min_lang_share if old_min_share is None else old_min_share)
    except CorpusError as err:
        raise click.UsageError(str(err)) from None
    return StageStep(LangId(config))


@click.command("filter", cls=ChainCommand)
@click.option("--min-words", type=COUNT, default=DEFAULT.min_words, show_default=True,
              help="Drop records with fewer words (too_few_words); two Chinese or Japanese characters "
                   "count as a word; 0 turns it off.")
@click.option("--max-words", type=COUNT, default=DEFAULT.max_words, show_default=True,
              help="Drop records with more words (too_many_words); 0 turns it off.")
@click.option("--max-non-letter-share", type=SHARE, default=DEFAULT.max_non_letter_share, show_default=True,
              help="Drop records whose non-space characters are more than this share digits, punctuation "
                   "or symbols (non_letter_share); 1 turns it off.")
@click.option("--max-link-line-share", type=SHARE, default=DEFAULT.max_link_line_share, show_default=True,
              help="Drop records with more than this share of their characters in lines that are mostly "
                   "links, #hashtags or @handles (link_lines); 1 turns it off.")
@click.option("--max-repeated-share", type=SHARE, default=DEFAULT.max_repeated_share, show_default=True,
              help="Drop records with more than this share of their characters in lines that repeat an "
                   "earlier line (repeated_lines); 1 turns it off.")
@click.option("--max-table-line-share", type=SHARE, default=DEFAULT.max_table_line_share, show_default=True,
              help="Drop records with more than this share of their characters in lines of a table: a figure, "
                   "at most 8 words, no sentence's end (table_lines); 1 (the default) turns it off.")
@click.option("--title-only/--no-title-only", default=DEFAULT.title_only, show_default=True,
              help="Drop records whose text is just their title (title_only).")
@click.option("--headline-only/--no-headline-only", default=DEFAULT.headline_only, show_default=True,
              help="Drop one-line texts of at most --headline-max-words words that do not end like a "
                   "sentence (headline_only).")
@click.option("--headline-max-words", type=COUNT, default=DEFAULT.headline_max_words, show_default=True,
              help="Longest headline for --headline-only, in words.")
@click.option("--teaser-only/--no-teaser-only", default=DEFAULT.teaser_only, show_default=True,
              help="Drop short records that end in a 'Read more' link (teaser_only).")
@click.option("--teaser-max-words", type=COUNT, default=DEFAULT.teaser_max_words, show_default=True,
              help="Longest teaser for --teaser-only, in words.")
@click.option("--teaser-ellipsis", is_flag=True,
              help="Also count short records that break off in '...' or '\u2026' as teasers.")
@parsing_options
def filter_cmd(min_words: int, max_words: int, max_non_letter_share: float, max_link_line_share: float,
               max_repeated_share: float, max_table_line_share: float, title_only: bool, headline_only: bool,
               headline_max_words: int, teaser_only: bool, teaser_max_words: int, teaser_ellipsis: bool) -> StageStep:
    """Drop junk records by named content filters, each drop counted under the filter's name.

    \b
    Example:
        corpus read raw/ normalize filter --min-words 50 --headline-only langid --languages en write clean/
    """
    config = FilterConfig(min_words=min_words, max_words=max_words, max_non_letter_share=max_non_letter_share,
                          max_link_line_share=max_link_line_share, max_repeated_share=max_repeated_share,
                          max_table_line_share=max_table_line_share,
                          title_only=title_only, headline_only=headline_only,
                          headline_max_words=headline_max_words, teaser_only=teaser_only,
                          teaser_max_words=teaser_max_words, teaser_ellipsis=teaser_ellipsis)
    return StageStep(Filter(config))
