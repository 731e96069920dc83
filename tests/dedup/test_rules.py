"""Pair rules and the story-level check, through the stage: which records end in one cluster."""

from __future__ import annotations

from typing import Any

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.stages.dedup import Dedup
from corpus_tools.stats import StageStats
from corpus_tools.synthetic.dedup import generate
from tests.dedup_helpers import record

OFFERING = ("Harwell Optics Inc said it filed with regulators a registration statement for a proposed offering "
            "of 90 mln dlrs of convertible subordinated debentures due 2031. Harwell said the proceeds will pay "
            "for a larger lens plant in Tarrow and for new grinding lines. A group of underwriters led by "
            "Calloway Brothers will manage the offering, the company said.")
REWRITE = ("Harwell Optics Inc has filed a registration statement for a public offering of 90 mln dlrs of "
           "convertible subordinated debentures due 2031, the company said. Proceeds will pay for the lens plant "
           "in Tarrow and for new grinding lines. Calloway Brothers will lead the underwriters of the offering.")
OTHER_COMPANY = REWRITE.replace("Harwell Optics", "Brindle Marine").replace("Harwell", "Brindle") \
    .replace("lens plant in Tarrow", "shipyard in Selby").replace("grinding lines", "dry docks") \
    .replace("Calloway Brothers", "Dunmore Hatch")
MARKET = ("{time} EDT\nCORN MAY 1.55-1/2 OFF 1/4 JUL 1.59 OFF 1/2\nWHEAT MAY 2.83 UP 1 JUL 2.61 UP 1/2\n"
          "OATS MAY 1.44 UNCH JUL 1.38 OFF 1/4\nSOYBEANS MAY 5.01 UP 2 JUL 5.02-1/2 UP 1-1/2\n")


def clusters(records: list[dict[str, Any]]) -> dict[str, str]:
    """Clusters among a few hundred other stories: how rare a word is needs a corpus to count it in."""
    background = list(generate(300, 4))
    out = Dedup(DedupConfig(mode="mark")).run(iter(background + records), StageStats("dedup"))
    return {r["id"]: r["cluster_id"] for r in out}


def test_a_rewrite_of_an_offering_joins_its_first_version() -> None:
    found = clusters([record("first", [OFFERING], title="Harwell Optics files for debenture offering"),
                      record("rewrite", [REWRITE], title="Harwell Optics files to offer convertible debentures")])
    assert found["rewrite"] == found["first"]


def test_the_same_wording_about_another_company_stays_apart() -> None:
    found = clusters([record("first", [OFFERING], title="Harwell Optics files for debenture offering"),
                      record("rewrite", [REWRITE], title="Harwell Optics files to offer convertible debentures"),
                      record("other", [OTHER_COMPANY], title="Brindle Marine files to offer convertible debentures")])
    assert found["other"] == "other"
    assert found["rewrite"] == found["first"]


def test_intraday_issues_of_a_market_report_stay_apart_and_a_refile_joins() -> None:
    found = clusters([
        record("early", [MARKET.format(time="11:20")], title="Midwest grain futures 11:20 EDT"),
        record("late", [MARKET.format(time="11:40").replace("2.83 UP 1", "2.84 UP 2")],
               title="Midwest grain futures 11:40 EDT"),
        record("refile", [MARKET.format(time="11:20").replace("5.01 UP 2", "5.01 UP 3")],
               title="Midwest grain futures 11:20 EDT"),
    ])
    assert found["late"] == "late"
    assert found["refile"] == found["early"]


TABLE = ("Shr profit 41 cts vs profit 29 cts\nNet profit 7,412,000 vs profit 5,118,000\nRevs 231.6 mln vs 204.9 mln\n"
         "Year\nShr profit 1.62 dlrs vs profit 1.17 dlrs\nNet profit 29,271,000 vs profit 20,540,000\n"
         "Revs 902.4 mln vs 811.3 mln\nNOTE: 1986 year net includes gain of 3,180,000 dlrs from sale of the "
         "Penrith mill division.")
RESENT = ("Shr profit 41 cts vs profit 29 cts\nNet profit 7.4 mln vs profit 5.1 mln\nRevs 231.6 mln vs 204.9 mln\n"
          "Qtly div 11 cts vs 11 cts\nAvg shrs 18.3 mln vs 17.6 mln\nYear\nShr profit 1.62 dlrs vs profit 1.17 dlrs\n"
          "Net profit 29.3 mln vs profit 20.5 mln\nRevs 902.4 mln vs 811.3 mln\nAvg shrs 18.1 mln vs 17.5 mln\n"
          "NOTE: 1986 year net includes gain of 3.2 mln dlrs from sale of the Penrith mill division.")
POSTING = ("{company} said it raised the contract price it will pay for all grades of crude oil by 50 cts a barrel, "
           "effective today. The increase brings {short}'s posted price for West Texas Intermediate to 18.00 dlrs "
           "a barrel. The price was last changed on March four.")


def test_a_table_resent_with_other_rounding_joins_under_the_same_ticker_and_event() -> None:
    def resent(title: str) -> bool:
        found = clusters([record("table", [TABLE], title=title, date="1987-03-03T11:50:00"),
                          record("resent", [RESENT], title=title, date="1987-03-03T12:48:00")])
        return found["resent"] == found["table"]

    assert resent("KELSO MILLS INC <KLM> 4TH QTR NET")
    assert not resent("KELSO MILLS INC 4TH QTR NET")


def test_one_template_under_tickers_of_other_companies_stays_apart() -> None:
    apart = clusters([
        record("sun", [POSTING.format(company="Sun Co", short="Sun")], title="SUN <SUN> RAISES CRUDE POSTINGS",
               date="1987-03-12T15:11:00"),
        record("phillips", [POSTING.format(company="Phillips Petroleum", short="Phillips")],
               title="PHILLIPS <P> RAISES CRUDE POSTINGS", date="1987-03-12T15:35:00"),
        record("refile", [POSTING.format(company="Sun Co", short="Sun")], title="SUN <SUN.N> RAISES CRUDE POSTINGS",
               date="1987-03-12T15:40:00"),
    ])
    assert apart["phillips"] == "phillips"
    assert apart["refile"] == apart["sun"]
    untickered = clusters([
        record("sun", [POSTING.format(company="Sun Co", short="Sun")], title="SUN RAISES CRUDE POSTINGS",
               date="1987-03-12T15:11:00"),
        record("phillips", [POSTING.format(company="Phillips Petroleum", short="Phillips")],
               title="PHILLIPS RAISES CRUDE POSTINGS", date="1987-03-12T15:35:00"),
    ])
    assert untickered["phillips"] == untickered["sun"]
