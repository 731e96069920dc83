"""Normalization before shingling: what two copies of a story may differ in and still share shingles."""

from __future__ import annotations

from corpus_tools.dedup.shingles import normalized_tokens, strip_dateline


def test_normalization_folds_case_punctuation_and_datelines_but_keeps_figures() -> None:
    assert normalized_tokens("PARIS, May 2 (AFP) \u2014 The U.N. said 1,200 fled.") == \
        ["the", "u", "n", "said", "1", "200", "fled"]
    assert strip_dateline("NEW YORK (AP) \u2014 Stocks rose.") == "Stocks rose."
    assert strip_dateline("A man - or so it seemed") == "A man - or so it seemed"


def test_the_wires_abbreviations_are_written_out() -> None:
    assert normalized_tokens("KELSO MILLS 4TH QTR NET; Qtly div") == \
        ["kelso", "mills", "fourth", "quarter", "net", "quarterly", "dividend"]
    assert normalized_tokens("Qtrs divided") == ["qtrs", "divided"]
