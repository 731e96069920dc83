"""What dedup reads from a record besides its shingles."""

from __future__ import annotations

import random
import zlib

from corpus_tools.dedup.features import (
    _CLOCK,
    _SESSION,
    SESSION_BASE,
    batch_figures,
    clock_key,
    company_keys,
    figure_samples,
    figures_of,
    is_correction,
    lead_sample,
    stem,
    ticker_keys,
    title_head,
)
from corpus_tools.dedup.signatures import MinHasher, signature_batch


def test_times_of_day_in_a_title_or_first_line_make_the_clock_key() -> None:
    assert clock_key("Grain futures 11:20 EDT", "Corn up") == clock_key("Spreads", "1120 hrs edt\nCorn up")
    assert clock_key("Grain futures 11:20 EDT", "") != clock_key("Grain futures 11:31 EDT", "")
    assert clock_key("Shares rose", "The 1,500 workers met at noon.\nLater, at 14:00, they left.") == 0
    assert clock_key(None, "At 0930 GMT the market opened.") != 0


def test_the_trading_session_a_title_names_is_part_of_the_clock_key() -> None:
    early = clock_key("CBT CORN FUTURES TRADE QUIETLY MIXED EARLY", "Corn futures traded firmer early.")
    assert early == clock_key("CBT corn futures mixed early", "Refiled.")
    assert early != clock_key("CBT CORN FUTURES HOLD GAINS AT MIDSESSION", "Corn futures held gains.") != 0
    assert clock_key("LME COPPER CLOSES LOWER", "") == clock_key("LME copper at the close", "")
    assert clock_key("LME COPPER CLOSES LOWER", "") != clock_key("LME COPPER MIDSESSION FEATURES", "")
    assert clock_key("Wheat at midday", "") == clock_key("Wheat at mid-session", "")
    for no_session in ("ACME EXPANDS PLANT", "ACME TO CLOSE PLANT", "EARLY RETIREMENT PLAN OFFERED",
                       "Harbour levy (padded-early)", "STORE TO OPEN IN MAY"):
        assert clock_key(no_session, "Closing costs rose early in the year.") == 0, no_session


def _clock_key_plain(title: object, text: str) -> int:
    """`clock_key` with the expressions run on every title and first line."""
    found = {SESSION_BASE + match.lastindex
             for match in _SESSION.finditer(title.strip() if isinstance(title, str) else "") if match.lastindex}
    for match in _CLOCK.finditer(f"{title if isinstance(title, str) else ''}\n{text.lstrip().split(chr(10), 1)[0]}"):
        hour, minute = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        found.add(int(hour) * 60 + int(minute))
    return zlib.crc32(" ".join(map(str, sorted(found))).encode()) | 1 if found else 0


def test_the_clock_key_is_the_expressions_wherever_it_skips_the_search() -> None:
    pieces = ["11", ":", "20", "1120", "9", ".", "05", " ", "\n", "hrs", "EDT", "gmt", "At", "noon", "2", "x", "  ",
              "EARLY", "closes", "Midsession", "late", "opening", "mid", "higher", "at the close"]
    rng = random.Random(5)
    for _ in range(3000):
        title = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) if rng.random() < 0.8 else None
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert clock_key(title, text) == _clock_key_plain(title, text), (title, text)


def test_amounts_of_millions_compare_rounded_and_prices_as_written() -> None:
    written, amounts = figure_samples("Revs 9.7 mln vs 8.4 mln")
    assert amounts == figure_samples("Revs 9,729,000 vs 8,367,000")[1]
    assert written != figure_samples("Revs 9,729,000 vs 8,367,000")[0]
    assert figure_samples("top 51.50 dlrs")[1] != figure_samples("top 51.75 dlrs")[1]
    assert figure_samples("no figures here") == (([], 0), ([], 0))


def test_every_unit_scales_its_number_wherever_it_stands() -> None:
    in_full = figure_samples("Sales 9,700,000,000 and 4,200,000")[1]
    for text in ("Sales 9.7 billion and 4.2 million", "Sales 9.7 bln and 4.2 mln", "Sales 9.7 bln and 4.2 million",
                 "Lincoln kiln sales 9.7 billion and 4.2 mln"):
        assert figure_samples(text)[1] == in_full, text
    assert figure_samples("9.7 bln")[1] == figure_samples("9,700,000,000")[1]


def test_a_batch_finds_the_figures_the_regular_expression_finds() -> None:
    texts = ["", "1", "-", "6-3/16 dlrs", "4,583,000.", ".5 and 5.", "1..2 3.-4", "rate 7.25%-7.50%",
             "at 11:00\n12:30", "x9y8", "price 1\u00e9,5 \u20ac2.000", "\ud800 19/20", "end 3,", "1..2", "7.-8",
             "9\n9", "10.5.", "-3.25/4"]
    generator = random.Random(7)
    alphabet = "0123456789.,:/- ab\n\u00e9\u2014"
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randrange(40))) for _ in range(500)]
    assert batch_figures(texts) == [figures_of(text) for text in texts]
    assert batch_figures([]) == []
    assert batch_figures(["no figures", "", "none"]) == [set(), set(), set()]


def test_a_title_that_opens_on_a_correction_mark_is_a_correction() -> None:
    assert is_correction("CORRECTED - KELSO MILLS <KLM> 4TH QTR LOSS")
    assert is_correction("(CORRECTED) - KELSO MILLS UNIT ARRANGES NOTES")
    assert is_correction("Correction: Kelso Mills results")
    assert not is_correction("KELSO MILLS CORRECTED ITS FORECAST")
    assert not is_correction("Corrections officers strike")
    assert not is_correction(None)


def test_six_figure_amounts_compare_to_the_thousand() -> None:
    assert figure_samples("Net loss 214,006 vs profit 187,352")[1] == figure_samples(
        "Net loss 214,000 vs profit 187,000")[1]
    assert figure_samples("Net loss 214,006")[1] != figure_samples("Net loss 215,006")[1]
    assert figure_samples("Avg shrs 48,512")[1] != figure_samples("Avg shrs 48,000")[1]


def test_the_first_ticker_of_a_title_makes_the_ticker_keys() -> None:
    key, initial = ticker_keys("KELSO MILLS INC <KLM> 4TH QTR NET")
    assert (key, initial) == ticker_keys("KELSO MILLS <KLM.N> SETS QTRLY PAYOUT")
    assert initial == ord("K") and key != 0
    assert ticker_keys("KELSO MILLS <KLMS> 4TH QTR NET") == (ticker_keys("X <KLMS>")[0], ord("K"))
    assert ticker_keys("KELSO MILLS <KLMS> 4TH QTR NET")[0] != key
    assert ticker_keys("KELSO MILLS SETS PAYOUT") == (0, 0)
    assert ticker_keys(None) == (0, 0)


def test_a_company_is_known_by_the_ticker_of_its_title_or_lead_and_by_its_title_name() -> None:
    company, name, letters = company_keys("KELSO MILLS INC <KLM> 4TH QTR NET", "Shr 41 cts vs 29 cts")
    assert company == ticker_keys("KELSO MILLS INC <KLM> 4TH QTR NET")[0] != 0
    assert company_keys("KELSO MILLS STUDIES OPTIONS", "Kelso Mills Inc <KLM> said it may sell a mill.") \
        == (company, name, letters)
    assert company_keys("KELSO MILLS 4TH QTR NET", "Shr 41 cts vs 29 cts") == (0, name, 0)
    assert company_keys("KELSO MILLS SETS PAYOUT", "Kelso Mills said it will pay.\n" + "x " * 200
                        + "Brindle Marine <BRN> is a customer.")[0] == 0
    assert company_keys("BRINDLE MARINE <BRN> 4TH QTR NET", "")[1] != name
    assert company_keys(None, "") == (0, 0, 0)


def test_a_company_without_a_ticker_is_known_by_the_name_in_brackets_its_title_opens_on() -> None:
    _, name, _ = company_keys("KELSO MILLS 4TH QTR JAN 31 LOSS", "Shr loss 12 cts vs profit 3 cts")
    assert name != 0
    assert company_keys("<KELSO MILLS INC> 3RD QTR LOSS", "Shr loss 12 cts vs profit 3 cts") == (0, name, 0)
    assert company_keys("<BRINDLE MARINE LTD> 3RD QTR LOSS", "")[1] not in (0, name)


def test_a_ticker_with_two_letters_swapped_keeps_its_letters_key() -> None:
    company, _, letters = company_keys("KELSO MILLS <KLM> SETS PAYOUT", "")
    swapped, _, same_letters = company_keys("KELSO MILLS <KML> SETS PAYOUT", "")
    assert swapped != company and same_letters == letters != 0
    assert company_keys("KELSO MILLS <KLX> SETS PAYOUT", "")[2] != letters


def test_a_lead_is_the_first_sentence_after_the_dateline() -> None:
    lead, count = lead_sample("TARROW, March 3 - Harwell Optics Inc said it sold its U.S. lens unit. "
                              "The buyer was Calloway Brothers.")
    assert lead == lead_sample("Harwell Optics Inc said it sold its U.S. lens unit.")[0]
    assert count == 11
    assert lead_sample("") == ([], 0)


def test_a_leads_words_lose_their_inflections() -> None:
    assert {stem(w) for w in ("purchases", "purchased", "purchase")} == {"purchas"}
    assert stem("offering") == stem("offer") == "offer"
    assert stem("services") == stem("service")
    assert [stem(w) for w in ("its", "was", "used", "red")] == ["its", "was", "used", "red"]
    assert lead_sample("Harwell Optics Inc purchased Selby Glass Services.")[0] == \
        lead_sample("Harwell Optics Inc purchases Selby Glass Service.")[0]


def test_a_titles_first_words_are_hashed_in_order_as_the_storys_words_are() -> None:
    title = "HALVORSEN SHIPPING <HLS> ISSUES BOND"
    batch = signature_batch(["Halvorsen Shipping is issuing a bond, it said."], MinHasher(128, 3, 1), [title])
    head = title_head(title)
    words = set(batch.words[0, :batch.word_count[0]].tolist())
    assert head[0] in words and head[1] in words
    assert head[2:] == title_head("ISSUES BOND")[:2] + [0] * 2
    assert title_head("CORRECTED - <HALVORSEN SHIPPING> ISSUES BOND") == title_head("ISSUES BOND")
    assert title_head("RPT-HALVORSEN SHIPPING ISSUES BOND") == title_head(title)
    assert title_head(None) == [0] * 6
