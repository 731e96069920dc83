"""filter: every named filter drops its junk, keeps the near miss, and can be switched off."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pytest

from corpus_tools.errors import CorpusError
from corpus_tools.pipeline import Drop
from corpus_tools.stages.filter import (
    FILTERS,
    Filter,
    FilterConfig,
    count_words,
    filter_records,
    is_link_line,
    non_letter_share,
)
from corpus_tools.stats import StageStats
from tests.conftest import make_record

ARTICLE = (
    "The regional water board approved a plan on Thursday to replace the old pumping station.\n\n"
    "Engineers said the station, built in the 1950s, fails several times each winter and floods the lower "
    "streets of the town.\n\n"
    "Work is due to start in the spring and should take about eighteen months, the board said."
)
LINKS = "\n".join([
    "https://news.example.org/2024/03/harbour-plan",
    "#harbour #ferry #commuters",
    "@portnews @cityhall",
    "www.example.com/ferry-times",
])
TABLE = "Shr 1.12 vs 0.98\nNet 4,512,000 vs 3,904,000\nRevs 88.1 mln vs 79.6 mln\nQtr 3/4 2.1% 1.7%"

# (filter name, config that enables it where the default does not, record it drops, near miss it keeps)
CASES: list[tuple[str, FilterConfig, dict[str, Any], dict[str, Any]]] = [
    ("too_few_words", FilterConfig(),
     make_record("Loading comments"),
     make_record("Ferry fares rise next week.")),
    ("too_few_words", FilterConfig(),
     make_record("港务局表示"),
     make_record("港务局周一表示渡轮时刻表将调整。")),
    ("too_many_words", FilterConfig(max_words=50),
     make_record(" ".join(["word"] * 51)),
     make_record(" ".join(["word"] * 50))),
    ("non_letter_share", FilterConfig(),
     make_record(TABLE),
     make_record("Net profit rose to 4,512,000 dollars from 3,904,000 dollars a year earlier.")),
    ("link_lines", FilterConfig(),
     make_record("Read the latest on the harbour plan:\n" + LINKS),
     make_record(ARTICLE + "\n" + LINKS)),
    ("repeated_lines", FilterConfig(),
     make_record("Subscribe to our newsletter for daily updates\n" * 3 + "Ferry fares rise next week."),
     make_record(ARTICLE + "\nShare\nShare\nShare\nShare")),
    ("table_lines", FilterConfig(max_table_line_share=0.5),
     make_record("Shr 41 cts vs 29 cts\nNet 7.4 mln vs 5.1 mln\nRevs 231.6 mln vs 204.9 mln\nYear\n"
                 "Shr 1.62 dlrs vs 1.17 dlrs\nNet 29.3 mln vs 20.5 mln"),
     make_record("Net profit rose to 7.4 mln dlrs from 5.1 mln, the company said.\nRevenue was 231.6 mln.\n"
                 "Shr 41 cts vs 29 cts")),
    ("title_only", FilterConfig(),
     make_record("Water board  approves pumping station", title="Water board approves pumping station"),
     make_record("Water board approves pumping station. Work starts in spring.",
                 title="Water board approves pumping station")),
    ("headline_only", FilterConfig(headline_only=True),
     make_record("Water board approves new pumping station by the river"),
     make_record("Water board approves new pumping station by the river.")),
    ("teaser_only", FilterConfig(),
     make_record("The regional water board approved a plan to replace the pumping station... Read more »"),
     make_record("The regional water board approved a plan to replace the old pumping station. "
                 "Read more about the board's other plans in our weekly newsletter, out on Friday.")),
    ("teaser_only", FilterConfig(),
     make_record("Der Wasserverband hat den Neubau des Pumpwerks am Fluss beschlossen. Weiterlesen"),
     make_record(ARTICLE + "\n\n" + ARTICLE + "\n\nRead more")),
    ("teaser_only", FilterConfig(teaser_ellipsis=True),
     make_record("The regional water board approved a plan on Thursday to replace the old pumping…"),
     make_record("The regional water board approved a plan on Thursday to replace the old pumping station.")),
]


def outcome(record: dict[str, Any], cfg: FilterConfig) -> dict[str, Any] | Drop:
    return Filter(cfg).process(record, Counter())


@pytest.mark.parametrize("name,cfg,junk,near_miss", CASES)
def test_filter_drops_junk_under_its_name(name: str, cfg: FilterConfig, junk: dict[str, Any],
                                          near_miss: dict[str, Any]) -> None:
    assert outcome(junk, cfg) == Drop(name)


@pytest.mark.parametrize("name,cfg,junk,near_miss", CASES)
def test_filter_keeps_the_near_miss_unchanged(name: str, cfg: FilterConfig, junk: dict[str, Any],
                                              near_miss: dict[str, Any]) -> None:
    assert outcome(near_miss, cfg) is near_miss


SWITCH_OFF = {
    "too_few_words": {"min_words": 0}, "too_many_words": {"max_words": 0},
    "non_letter_share": {"max_non_letter_share": 1.0}, "link_lines": {"max_link_line_share": 1.0},
    "repeated_lines": {"max_repeated_share": 1.0}, "table_lines": {"max_table_line_share": 1.0},
    "title_only": {"title_only": False},
    "headline_only": {"headline_only": False}, "teaser_only": {"teaser_only": False},
}


@pytest.mark.parametrize("name,cfg,junk,near_miss", CASES)
def test_each_filter_switches_off(name: str, cfg: FilterConfig, junk: dict[str, Any],
                                  near_miss: dict[str, Any]) -> None:
    assert outcome(junk, replace(cfg, **SWITCH_OFF[name])) != Drop(name)


def test_every_filter_has_a_case_and_a_switch() -> None:
    assert {case[0] for case in CASES} == set(FILTERS) == set(SWITCH_OFF)


def test_defaults_keep_a_plain_article_and_switch_headline_and_ellipsis_off() -> None:
    cfg = FilterConfig()
    assert not cfg.headline_only and not cfg.teaser_ellipsis
    record = make_record(ARTICLE)
    assert outcome(record, cfg) is record


def test_counts_drops_by_name_and_balances() -> None:
    stats = StageStats("filter")
    records = [make_record(ARTICLE, "a"), make_record("Loading comments", "b"), make_record(TABLE, "c"),
               make_record("Read the latest:\n" + LINKS, "d"), make_record(ARTICLE, "e")]
    kept = list(filter_records(records, FilterConfig(), stats))
    assert [r["id"] for r in kept] == ["a", "e"]
    assert stats.dropped == Counter({"too_few_words": 1, "non_letter_share": 1, "link_lines": 1})
    assert stats.balanced and stats.modified == 0


def test_words_count_cjk_characters_and_ignore_punctuation() -> None:
    assert count_words("Ferry fares -- rise 5% (again)!") == 5
    assert count_words("港务局表示 ferry") == 4


def test_non_letter_share_ignores_spaces() -> None:
    assert non_letter_share("ab  12") == 0.5
    assert non_letter_share("   ") == 0.0


@pytest.mark.parametrize("line,expected", [
    ("https://example.org/a/very/long/path", True),
    ("Photos: https://example.org/gallery/harbour", True),
    ("#ferry #harbour @portnews", True),
    ("The ferry company said fares rise next week, see example.org", False),
    ("Emails to the council: 1,200", False),
])
def test_link_lines(line: str, expected: bool) -> None:
    assert is_link_line(line) is expected


def test_config_rejects_bad_values() -> None:
    with pytest.raises(CorpusError, match="between 0 and 1"):
        FilterConfig(max_repeated_share=1.5)
    with pytest.raises(CorpusError, match="0 or more"):
        FilterConfig(min_words=-1)
