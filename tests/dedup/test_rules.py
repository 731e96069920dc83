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


def alone(records: list[dict[str, Any]]) -> dict[str, str]:
    """Clusters among the records alone: with no other stories, every shingle they share is rare."""
    out = Dedup(DedupConfig(mode="mark")).run(iter(records), StageStats("dedup"))
    return {r["id"]: r["cluster_id"] for r in out}


def joins(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether the second record ends in the first one's cluster (see `clusters`)."""
    found = clusters([first, second])
    return found[second["id"]] == found[first["id"]]


def test_a_rewrite_of_an_offering_joins_its_first_version() -> None:
    found = clusters([record("first", [OFFERING], title="Harwell Optics files for debenture offering"),
                      record("rewrite", [REWRITE], title="Harwell Optics files to offer convertible debentures")])
    assert found["rewrite"] == found["first"]


def test_two_papers_copies_of_each_wording_of_one_item_are_one_cluster() -> None:
    found = clusters([
        record("first", [OFFERING], title="Harwell Optics files for debenture offering"),
        record("first-copy", [OFFERING + " Harwell shares closed unchanged."],
               title="Harwell Optics files for debenture offering"),
        record("rewrite", [REWRITE], title="Harwell Optics files to offer convertible debentures"),
        record("rewrite-copy", [REWRITE + " Harwell shares closed unchanged."],
               title="Harwell Optics files to offer convertible debentures"),
    ])
    assert found["first-copy"] == found["rewrite"] == found["rewrite-copy"] == found["first"]


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


BARGES = "{n} barges were unloading and {m} more were anchored off Tarrow quay on {day}, the harbour office said."


def test_issues_of_a_notice_that_counts_in_words_stay_apart_and_its_refile_joins() -> None:
    title = "BARGES AT TARROW QUAY"
    found = alone([
        record("feb", [BARGES.format(n="Seven", m="four", day="Thursday")], title=title, date="1987-02-26T16:00:00"),
        record("refile", [BARGES.format(n="Seven", m="four", day="Thursday afternoon")], title=title,
               date="1987-02-26T17:30:00"),
        record("mar", [BARGES.format(n="Three", m="two", day="Monday")], title=title, date="1987-03-09T16:05:00"),
    ])
    assert found["refile"] == found["feb"]
    assert found["mar"] == "mar"


def _weekly_fuel(week: int) -> str:
    """A weekly fuel report of about 240 words; the week changes its first 16 figures, not the last 8."""
    figures = [f"{(week * 7 + k * 13) % 90 + 10}.{(week + k) % 10}" if k < 16 else f"{k * 3}.5" for k in range(24)]
    return (f"Fuel demand in the Harbour region rose {figures[0]} pct in the four weeks to {figures[1]} mln litres "
            f"a day from {figures[2]} mln a year earlier, the Harbour Energy Office said in its weekly report. "
            f"Diesel demand was {figures[3]} mln litres a day against {figures[4]} mln, and heating oil demand "
            f"fell to {figures[5]} mln from {figures[6]} mln a year ago. Petrol stocks stood at {figures[7]} mln "
            f"litres, against {figures[8]} mln the week before and {figures[9]} mln a year earlier. Refineries ran "
            f"at {figures[10]} pct of capacity, against {figures[11]} pct the week before, processing "
            f"{figures[12]} mln litres a day. Imports of crude averaged {figures[13]} mln litres a day, exports "
            f"{figures[14]} mln. Jet fuel demand was {figures[15]} mln litres a day against {figures[16]} mln a "
            f"year earlier, and the office put the region's total stocks at {figures[17]} mln litres, "
            f"{figures[18]} pct above the average of the last five years for the time of year. Residual fuel "
            f"demand stood at {figures[19]} mln litres a day and propane demand at {figures[20]} mln, while the "
            f"price of a litre of diesel at the pump averaged {figures[21]} cents against {figures[22]} cents a "
            f"week earlier. The office said demand for the season as a whole was running {figures[23]} pct ahead "
            f"of its forecast, helped by a cold spell in the north and by the reopening of the Tarrow refinery "
            f"after repairs to its main cracking unit that had kept it shut for most of the winter months.")


def test_weekly_issues_of_a_longer_report_stay_apart_and_its_version_days_later_joins() -> None:
    title = "HARBOUR FUEL DEMAND REPORT"
    first, next_week = _weekly_fuel(1), _weekly_fuel(2)
    expanded = first.replace("of the winter months.", "of the winter months. The office will publish its "
                             "monthly outlook on Friday, with revised forecasts for the spring.")
    found = alone([
        record("week1", [first], title=title, date="1987-03-04T18:30:00"),
        record("week2", [next_week], title=title, date="1987-03-11T18:30:00"),
        record("expanded", [expanded], title=title, date="1987-03-06T09:00:00"),
    ])
    assert found["week2"] == "week2"
    assert found["expanded"] == found["week1"]


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
        return joins(record("table", [TABLE], title=title, date="1987-03-03T11:50:00"),
                     record("resent", [RESENT], title=title, date="1987-03-03T12:48:00"))

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


SELLER = ("Halvern Foods Inc said it agreed to sell its Corby Bakeries unit to Marlow Baking Co of Leeds for 42 mln "
          "dlrs.\nThe company said the sale, subject to regulatory approval, should close by the end of June. Corby "
          "had sales of 118 mln dlrs last year and employs about 900 people at two plants.\nHalvern said it will "
          "use the proceeds to reduce its bank debt.")
BUYER = ("Marlow Baking Co of Leeds said it agreed to buy the Corby Bakeries unit of Halvern Foods Inc for 42 mln "
         "dlrs.\nMarlow, a maker of biscuits, said Corby, with two plants, about 900 workers and sales of 118 mln "
         "dlrs last year, will double its capacity. It expects the sale to close by the end of June, once "
         "regulators approve it.")
NEXT_STEP = ("Halvern Foods Inc said its board named finance director Ruth Okafor chief executive, succeeding Alan "
             "Pryce, who retires in May.\nOkafor, 51, led the talks on the 42 mln dlr sale of the Corby Bakeries "
             "unit to Marlow Baking of Leeds, agreed earlier today. Corby, with two plants, 900 workers and 118 mln "
             "dlrs of sales last year, goes by the end of June, subject to approval, and its proceeds will reduce "
             "bank debt.")

def test_the_sellers_and_the_buyers_release_of_one_deal_join_under_its_ticker() -> None:
    found = clusters([
        record("seller", [SELLER], title="HALVERN FOODS <HLV> TO SELL BAKERY UNIT", date="1987-03-02T10:10:00"),
        record("buyer", [BUYER], title="MARLOW BAKING BUYING HALVERN <HLV> UNIT", date="1987-03-02T11:40:00"),
        record("next", [NEXT_STEP], title="HALVERN FOODS <HLV> NAMES CHIEF AFTER BAKERY UNIT SALE",
               date="1987-03-02T15:05:00"),
    ])
    assert found["buyer"] == found["seller"]
    assert found["next"] == "next"


def test_the_deal_told_without_tickers_stays_apart_from_its_other_side() -> None:
    found = clusters([
        record("seller", [SELLER.replace("Inc said", "Inc <HLV> said")], title="HALVERN FOODS TO SELL BAKERY UNIT",
               date="1987-03-02T10:10:00"),
        record("buyer", [BUYER], title="MARLOW BAKING BUYING HALVERN UNIT", date="1987-03-02T11:40:00"),
    ])
    assert found["buyer"] == "buyer"


SCOTTS = ("<Kelby Hospitality Inc> said it acquired all the issued shares of Tanner Catering Ltd of Dunmore. Terms "
          "were not disclosed.\nKelby said Tanner had 1986 sales of more than 20 mln dlrs and will keep its name "
          "and its present management.\nTanner provides meals to several Dunmore hospitals and schools.")
SCOTTS_REWRITE = ("<Kelby Hospitality Inc> said it acquired Tanner Catering Ltd, the largest caterer in Dunmore, "
                  "for undisclosed terms.\nKelby said it would run Tanner as a separate unit under its present name "
                  "and management.")
SHORTAGE = ("The Norland central bank said it expected a shortage of about 800 mln crowns in the money market today.\n"
            "Maturing loans and new bill sales will take out 505 mln crowns, while government payments put back "
            "about 140 mln crowns.")
REVISED = ("The Norland central bank said it now expected a shortage of about 750 mln crowns in the money market "
           "today.\nIt now sees maturing loans and bill sales taking out 455 mln crowns.")

def test_a_rewrite_under_the_same_untickered_title_joins_and_a_revised_forecast_stays_apart() -> None:
    found = clusters([
        record("first", [SCOTTS], title="KELBY HOSPITALITY ACQUIRES TANNER CATERING", date="1987-03-02T16:19:00"),
        record("rewrite", [SCOTTS_REWRITE], title="KELBY HOSPITALITY ACQUIRES TANNER CATERING",
               date="1987-03-03T09:53:00"),
        record("forecast", [SHORTAGE],
               title="NORLAND MONEY MARKET DEFICIT SEEN AT 800 MLN CROWNS", date="1987-03-03T08:01:00"),
        record("revised", [REVISED],
               title="NORLAND MONEY MARKET DEFICIT ESTIMATE CUT", date="1987-03-03T10:32:00"),
    ])
    assert found["rewrite"] == found["first"]
    assert found["revised"] == "revised"


def test_a_table_resent_under_its_name_without_the_ticker_joins() -> None:
    def resent(title: str) -> bool:
        return joins(record("table", [TABLE], title="KELSO MILLS INC <KLM> 4TH QTR NET", date="1987-03-03T11:50:00"),
                     record("resent", [RESENT], title=title, date="1987-03-04T09:48:00"))

    assert resent("KELSO MILLS 4TH QTR NET")
    assert not resent("BRINDLE MARINE 4TH QTR NET")


def test_a_ticker_typed_with_two_letters_swapped_still_names_the_company() -> None:
    def buys(buyer_ticker: str) -> bool:
        return joins(
            record("seller", [SELLER], title="HALVERN FOODS <HLV> TO SELL BAKERY UNIT", date="1987-03-02T10:10:00"),
            record("buyer", [BUYER], title=f"MARLOW BAKING BUYING HALVERN <{buyer_ticker}> UNIT",
                   date="1987-03-02T11:40:00"))

    assert buys("HVL")
    assert not buys("HLX")


def test_a_notice_under_an_abbreviated_title_joins_its_rewrite_under_a_written_out_one() -> None:
    notice = "Qtly div 22 cts vs 22 cts prior\nPay April 10\nRecord March 30"
    found = clusters([
        record("notice", [notice], title="KELSO MILLS INC <KLM> QTLY DIV", date="1987-03-20T11:40:00"),
        record("rewrite", [notice.replace("Qtly div", "Quarterly dividend")],
               title="KELSO MILLS INC <KLM> REGULAR QUARTERLY DIVIDEND", date="1987-03-20T13:17:00"),
    ])
    assert found["rewrite"] == found["notice"]


OPERATING = ("Oper shr profit 35 cts vs profit 31 cts\nOper net profit 6,310,000 vs profit 5,480,000\n"
             "Revs 231.6 mln vs 204.9 mln\nYear\nOper shr profit 1.45 dlrs vs profit 1.21 dlrs\n"
             "Oper net profit 26,090,000 vs profit 21,260,000\nRevs 902.4 mln vs 811.3 mln\n"
             "NOTE: 1986 oper net excludes gain of 3,180,000 dlrs from sale of the Penrith mill division in the "
             "year and tax credits of 1,102,000 dlrs in the quarter.")


def test_one_companys_results_reported_and_operating_join_and_another_quarters_stay_apart() -> None:
    def operating(title: str) -> bool:
        return joins(record("reported", [TABLE], title="KELSO MILLS INC <KLM> 4TH QTR NET", date="1987-03-03T11:50:00"),
                     record("operating", [OPERATING], title=title, date="1987-03-03T14:05:00"))

    assert operating("KELSO MILLS INC <KLM> 4TH QTR OPER NET")
    assert not operating("KELSO MILLS INC <KLM> SETS SPECIAL PAYOUT")


PRIME = "{bank} said it will lift its prime lending rate to 8-1/4 pct from eight pct starting today."
HARBOR = (PRIME.format(bank="Harbor National Bank") + " Harbor, the third largest lender in Ardmore, last moved its "
          "prime on January 12, when it cut the rate by a quarter point.")
WESTMERE = (PRIME.format(bank="Westmere Trust Co") + " Westmere, which is based in Kilbride and owns the Pellham "
            "Savings chain, had kept its rate unchanged since December.")
ROUNDUP = ("More Ardmore banks raised their prime lending rates today, following a rise in money market rates "
           "last week.\n" + HARBOR + "\n" + WESTMERE + "\nDealers said the higher rates had been expected since "
           "Thursday, when the central bank let its discount window rate move up by a quarter point, and that "
           "smaller banks would follow.")


def test_two_banks_moves_quoted_in_one_roundup_stay_apart() -> None:
    found = clusters([
        record("roundup", [ROUNDUP], title="MORE ARDMORE BANKS RAISE PRIME RATE", date="1987-04-01T13:30:00"),
        record("harbor", [HARBOR],
               title="HARBOR NATIONAL <HNB> RAISES PRIME RATE TO 8-1/4 PCT", date="1987-04-01T10:05:00"),
        record("westmere", [WESTMERE],
               title="WESTMERE TRUST <WTC> RAISES PRIME RATE", date="1987-04-01T10:09:00"),
    ])
    assert found["harbor"] != found["westmere"]
    assert found["roundup"] in (found["harbor"], found["westmere"])


PRICE_CUT = ("Dorrington Smelting Ltd said its refining division lowered the price for zinc metal sold in the "
             "domestic market by one cent a pound to {price} cents a pound.")
HOGS = "Private sources see hog prices unchanged to {move} dlr up, with {head} head due at the yards."


def test_a_notice_told_under_two_headlines_joins_and_two_cities_notices_stay_apart() -> None:
    found = clusters([
        record("first", [PRICE_CUT.format(price="41")], title="<DORRINGTON SMELTING LTD> LOWERS PRICE OF ZINC METAL",
               date="1987-04-01T10:08:00"),
        record("second", [PRICE_CUT.format(price="41")], title="DORRINGTON SMELTING CUTS DOMESTIC ZINC PRICE",
               date="1987-04-01T10:31:00"),
        record("fenby", [HOGS.format(move="0.50", head="2,500")], title="FENBY HOGS SEEN UP - PRIVATE SOURCES",
               date="1987-04-07T08:02:00"),
        record("carlow", [HOGS.format(move="1.00", head="900")], title="CARLOW HOGS SEEN HIGHER",
               date="1987-04-07T08:40:00"),
    ])
    assert found["second"] == found["first"]
    assert found["carlow"] == "carlow" and found["fenby"] == "fenby"


RESERVES_TITLE = "CENTRAL BANK ADDS RESERVES THROUGH REPOS"
RESERVES = ("The central bank added {amount} of temporary reserves to the banking system through customer "
            "repurchase agreements this morning, a bank spokeswoman said. Dealers quoted overnight funds at 6-1/8 "
            "pct as the operation began, a level they said left the market well supplied.")


def test_a_daily_report_at_the_same_hour_of_the_next_day_stays_apart_and_a_refile_joins() -> None:
    found = clusters([
        record("monday", [RESERVES.format(amount="two billion dlrs")], title=RESERVES_TITLE,
               date="1987-03-30T11:45:00"),
        record("tuesday", [RESERVES.format(amount="1.5 billion dlrs")], title=RESERVES_TITLE,
               date="1987-03-31T11:43:00"),
        record("refile", [RESERVES.format(amount="1.5 billion dlrs").replace("Dealers quoted", "Traders quoted")],
               title=RESERVES_TITLE, date="1987-03-31T12:05:00"),
    ])
    assert found["tuesday"] != found["monday"]
    assert found["refile"] == found["tuesday"]


IN_FULL = ("Shr loss 23 cts vs profit 46 cts\nNet loss 214,006 vs profit 452,318\nYear\nShr profit 38 cts vs profit "
           "17 cts\nNet profit 1,812,447 vs profit 806,120")
ROUNDED = ("Shr loss five cts vs profit ten cts\nNet loss 214,000 vs profit 452,000\nRevs 6,108,000 vs 7,925,000\n"
           "Avg shrs 5,102,330 vs 5,087,118\nYear\nShr profit 35 cts vs profit 16 cts\nNet profit 1,812,000 vs profit "
           "806,000\nRevs 27.4 mln vs 29.9 mln\nAvg shrs 5,094,870 vs 5,087,118\nNOTE: 1986 net includes tax credits "
           "of 41,200 dlrs in quarter and 77,000 dlrs in year.")


def test_a_table_resent_with_its_amounts_rounded_to_the_thousand_joins() -> None:
    found = clusters([
        record("rounded", [ROUNDED], title="PELLHAM SAVINGS CORP <PSAV> 4TH QTR LOSS", date="1987-03-25T10:37:00"),
        record("in_full", [IN_FULL], title="PELLHAM SAVINGS CORP <PSAV> 4TH QTR LOSS", date="1987-03-25T11:51:00"),
    ])
    assert found["in_full"] == found["rounded"]


BOND = ("{issuer} is launching a 60 mln dlr eurobond maturing May 14, 1994 with a 7-1/4 pct coupon, priced at "
        "101-1/8, said lead manager Crane Marwick Ltd. The bond cannot be called, comes in notes of 5,000 dlrs and "
        "will trade in Luxembourg. Its total fees are 1-7/8 pct.")


ISSUERS = ("Arvel", "Brenmoor", "Castlow", "Dunvane", "Elsworth", "Fenwary", "Garrow", "Hollin", "Ivelby",
           "Jorvane", "Kestley", "Lanmore", "Mardell", "Norwick", "Orlan", "Penholt", "Quarley", "Rowden")


def test_one_bond_template_for_two_issuers_stays_apart_and_a_rewrite_joins_its_issuer() -> None:
    # A wire's other bond notices of the month: the template's words are common, the issuers' names are not.
    month = [record(f"bond-{n}", [BOND.format(issuer=f"{name} Holdings").replace("60 mln", f"{100 + 5 * n} mln")
                                  .replace("7-1/4", f"{n % 4 + 6}-1/2")],
                    title=f"{name.upper()} HOLDINGS ISSUES {100 + 5 * n} MLN DLR EUROBOND",
                    date=f"1987-03-{n + 2:02d}T07:00:00") for n, name in enumerate(ISSUERS)]
    found = clusters(month + [
        record("halvorsen", [BOND.format(issuer="Halvorsen Shipping")],
               title="HALVORSEN SHIPPING ISSUES 60 MLN DLR EUROBOND", date="1987-04-09T06:18:00"),
        record("tamsworth", [BOND.format(issuer="Tamsworth Electric")],
               title="TAMSWORTH ELECTRIC ISSUES 60 MLN DLR EUROBOND", date="1987-04-09T09:30:00"),
        record("retitled", [BOND.format(issuer="Tamsworth Electric").replace(" Its total fees are 1-7/8 pct.", "")],
               title="TAMSWORTH ELECTRIC PRICES BOND AT 101-1/8", date="1987-04-09T09:41:00"),
    ])
    assert found["tamsworth"] != found["halvorsen"]
    assert found["retitled"] == found["tamsworth"]


WARRANT_BOND = ("{issuer} is issuing a 40 mln dlr equity warrant eurobond due April 28, 1992 with an indicated "
                "coupon of 2-1/2 pct, priced at par, said lead manager Kelso Securities Co Ltd. The issue will be "
                "listed in Luxembourg and fees total 2-1/4 pct.")


def test_one_template_around_two_names_stays_apart_even_when_the_names_open_alike() -> None:
    # The wire's other warrant bonds of the month: the template's words are common, and so are the words many
    # issuers' names open with.
    month = [record(f"bond-{n}", [WARRANT_BOND.format(issuer=f"{first} {name} Co").replace("40 mln", f"{50 + n} mln")],
                    title=f"{first.upper()} {name.upper()} ISSUES EQUITY WARRANT BOND",
                    date=f"1987-03-{n + 2:02d}T05:00:00")
             for n, name in enumerate(ISSUERS) for first in ("Nippon", "St")]
    issuers = {"nippon_optical": "Nippon Harbour Optical", "marlow_estate": "Marlow Real Estate",
               "st_andrews": "St Andrews Shipping", "st_bride": "St Bride Marine"}
    found = clusters(month + [
        record(key, [WARRANT_BOND.format(issuer=f"{issuer} Co Ltd")],
               title=f"{issuer.upper()} ISSUES EQUITY WARRANT {'EUROBOND' if n % 2 else 'BOND'}",
               date=f"1987-04-08T05:{10 + n:02d}:00") for n, (key, issuer) in enumerate(issuers.items())])
    assert len({found[key] for key in issuers}) == len(issuers)


def test_a_refile_under_a_reworded_title_that_opens_with_the_same_name_joins() -> None:
    found = clusters([
        record("first", [WARRANT_BOND.format(issuer="Harbour Optical Co Ltd")],
               title="HARBOUR OPTICAL <HOPT> ISUES EQUITY WARRANT BOND", date="1987-04-08T05:10:00"),
        record("refile", [WARRANT_BOND.format(issuer="Harbour Optical Co Ltd")],
               title="HARBOUR OPTICAL ISSUES WARRANT EUROBOND", date="1987-04-08T05:31:00"),
    ])
    assert found["refile"] == found["first"]


VOTE_LEAD = ("The Harbour City council voted on Tuesday to close the old Kelso ferry pier by the end of June, "
             "Mayor Jane Marlow said, after engineers found its timber piles rotten below the waterline.")
UNION_SAID = ("The Kelso ferry crews' union said the Harbour City council's decision to close the pier would cost "
              "forty-two jobs and asked the council to keep a temporary landing open through the summer season.")
UNION_ITEM = (UNION_SAID + " Union secretary Tom Reed said members would meet on Thursday to decide on a "
              "protest at the town hall.")
MAIN_STORY = (VOTE_LEAD + "\n\nThe vote was seven to two. Councillors who opposed it said the city had ignored "
              "warnings about the piles for a decade and should have repaired them while the cost was small. "
              "Engineers told the meeting the pier could not carry vehicles safely after the spring tides. The "
              "ferry will move to the Selby slipway, about a mile south, where passengers will need a shuttle bus "
              "from the old town.\n\nShopkeepers near the pier warned that the move would empty the waterfront "
              "in the busiest months. The chamber of commerce asked for free parking near the new landing and "
              "for signs on the coast road.\n\n" + UNION_SAID + " Tom Reed, its secretary, said the crews would "
              "decide at a meeting on Thursday whether to protest at the town hall. Marlow said the city would "
              "talk to the union but had no money for a second landing this year. A new pier is planned for 2027 "
              "if the regional grant is approved in the autumn.\n\nThe ferry carried about 310,000 passengers "
              "last year, most of them between May and September, according to the operator's figures. The operator "
              "says its timetable will not change when it moves.")
FIRST_TAKE = ("Harbour City's council voted on Tuesday to shut the old Kelso ferry pier by the end of June because "
              "engineers found rotten timber piles below the waterline, Mayor Jane Marlow said. Seven councillors "
              "backed the closure and two opposed it.")


def test_a_short_item_that_the_main_story_quotes_stays_apart_and_a_first_take_joins_its_full_story() -> None:
    found = clusters([
        record("main", [MAIN_STORY], title="HARBOUR CITY COUNCIL TO CLOSE KELSO FERRY PIER",
               date="1987-04-14T16:30:00"),
        record("union", [UNION_ITEM], title="KELSO FERRY UNION SAYS PIER CLOSURE WOULD COST JOBS",
               date="1987-04-14T15:10:00"),
        record("first_take", [FIRST_TAKE], title="HARBOUR CITY TO CLOSE KELSO FERRY PIER",
               date="1987-04-14T13:05:00"),
    ])
    assert found["first_take"] == found["main"]
    assert found["union"] != found["main"]


def test_an_item_the_main_story_carries_whole_further_down_stays_apart_though_it_is_inside() -> None:
    main = MAIN_STORY.replace(UNION_SAID + " Tom Reed, its secretary, said the crews would decide at a meeting on "
                              "Thursday whether to protest at the town hall.", UNION_ITEM)
    assert UNION_ITEM in main
    found = clusters([
        record("main", [main], title="HARBOUR CITY COUNCIL TO CLOSE KELSO FERRY PIER", date="1987-04-14T16:30:00"),
        record("union", [UNION_ITEM], title="KELSO FERRY UNION SAYS PIER CLOSURE WOULD COST JOBS",
               date="1987-04-14T15:10:00"),
        record("first_take", [FIRST_TAKE], title="HARBOUR CITY TO CLOSE KELSO FERRY PIER",
               date="1987-04-14T13:05:00"),
    ])
    assert found["union"] != found["main"]
    assert found["first_take"] == found["main"]
