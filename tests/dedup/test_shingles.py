"""Normalization before shingling: what two copies of a story may differ in and still share shingles."""

from __future__ import annotations

from corpus_tools.dedup.shingles import fold_arabic, normalized_tokens, strip_dateline


def test_normalization_folds_case_punctuation_and_datelines_but_keeps_figures() -> None:
    assert normalized_tokens("PARIS, May 2 (AFP) \u2014 The U.N. said 1,200 fled.") == \
        ["the", "u", "n", "said", "1", "200", "fled"]
    assert strip_dateline("NEW YORK (AP) \u2014 Stocks rose.") == "Stocks rose."
    assert strip_dateline("A man - or so it seemed") == "A man - or so it seemed"


def test_the_wires_abbreviations_are_written_out() -> None:
    assert normalized_tokens("KELSO MILLS 4TH QTR NET; Qtly div") == \
        ["kelso", "mills", "fourth", "quarter", "net", "quarterly", "dividend"]
    assert normalized_tokens("Qtrs divided") == ["qtrs", "divided"]


def test_arabic_copies_share_words_whatever_their_vowels_hamzas_and_articles() -> None:
    assert fold_arabic("\u0623\u064e\u0639\u0652\u0644\u064e\u0646\u064e") == fold_arabic("\u0627\u0639\u0644\u0646")
    assert fold_arabic("\u0645\u062f\u064a\u0646\u0629 \u0645\u0628\u0646\u0649") == \
        "\u0645\u062f\u064a\u0646\u0647 \u0645\u0628\u0646\u064a"
    minister = "\u0648\u0632\u064a\u0631"
    for written in ("\u0627\u0644", "\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0644\u0644"):
        assert fold_arabic(written + minister) == fold_arabic(minister)
    carter = "\u0643\u0627\u0631\u062a\u0631"
    assert fold_arabic("\u0648" + carter) == carter
    assert fold_arabic("\u0648\u0637\u0646") == "\u0648\u0637\u0646"
    assert fold_arabic("\u0627\u0644\u0645") == "\u0627\u0644\u0645"


def test_text_without_arabic_letters_is_not_folded() -> None:
    text = "Caf\u00e9 owners met the mayor \u2014 twice."
    assert fold_arabic(text) is text
