"""Pairwise precision/recall and the Adjusted Rand Index, checked against hand-computed examples."""

from __future__ import annotations

import pytest

from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.dedup import adjusted_rand_index, config_from, pair_counts, shares_wording


def test_ari_of_a_hand_computed_example() -> None:
    # truth {0,1,2} {3,4} {5}; predicted {0,1} {2,3} {4,5}
    # pairs together in both: (0,1) = 1; truth pairs 3+1 = 4; predicted pairs 1+1+1 = 3; all pairs 15
    # expected = 4*3/15 = 0.8; ARI = (1 - 0.8) / ((4 + 3)/2 - 0.8) = 0.2 / 2.7
    truth = ["a", "a", "a", "b", "b", "c"]
    predicted = ["x", "x", "y", "y", "z", "z"]
    counts = pair_counts(truth, predicted)
    assert (counts.both, counts.true_pairs, counts.predicted_pairs, counts.total_pairs) == (1, 4, 3, 15)
    assert counts.ari == pytest.approx(0.2 / 2.7)
    assert counts.precision == pytest.approx(1 / 3) and counts.recall == pytest.approx(1 / 4)
    assert counts.f1 == pytest.approx(2 * (1 / 3) * (1 / 4) / (1 / 3 + 1 / 4))


def test_ari_is_one_for_the_same_partition_under_other_names_and_4_7_for_a_merge() -> None:
    assert adjusted_rand_index(["0", "0", "1", "1"], ["1", "1", "0", "0"]) == 1.0
    # truth {0,1} {2} {3}, predicted {0,1} {2,3}: (1 - 1/3) / (3/2 - 1/3) = 4/7
    assert adjusted_rand_index(["0", "0", "1", "2"], ["0", "0", "1", "1"]) == pytest.approx(4 / 7)


def test_all_singletons_everywhere_is_perfect_and_precision_is_vacuous() -> None:
    counts = pair_counts(["a", "b", "c"], ["x", "y", "z"])
    assert counts.ari == 1.0 and counts.precision == 1.0 and counts.recall == 1.0


def test_labelings_must_cover_the_same_records() -> None:
    with pytest.raises(ValueError):
        pair_counts(["a"], ["a", "b"])


def test_set_overrides_type_optional_integers() -> None:
    cfg = config_from({"threshold": "0.5", "bands": "16", "rows": "4", "window_days": "none"})
    assert (cfg.threshold, cfg.bands, cfg.rows, cfg.window_days) == (0.5, 16, 4, None)
    with pytest.raises(CorpusError, match="expected an integer"):
        config_from({"bands": "many"})


REPORT = ("The Riverton port authority said on Tuesday it would spend 42 million dollars deepening the main channel "
          "so that larger container ships can call at the harbour from next spring.")


def test_a_refile_shares_wording_and_a_rewrite_does_not() -> None:
    refile = REPORT.replace("next spring", "the spring")
    rewrite = ("Bigger container vessels will be able to reach Riverton after the harbour's operators approved a "
               "42 million dollar dredging plan for the approach, officials announced.")
    assert shares_wording(REPORT, refile)
    assert not shares_wording(REPORT, rewrite)


def test_tables_that_differ_only_in_figures_share_wording() -> None:
    """Two companies' results tables share no word 3-gram as written; with each digit read as 0 they are one
    template, the kind of pair the judged Reuters set takes whatever its label."""
    ashby = "Shr 1.23 dlrs vs 98 cts\nNet 4,567,000 vs 3,210,000\nRevs 12.3 mln vs 11.1 mln"
    belmont = "Shr 2.05 dlrs vs 1.17 dlrs\nNet 6,120,000 vs 5,980,000\nRevs 15.8 mln vs 14.6 mln"
    assert shares_wording(ashby, belmont)
    assert not shares_wording(ashby, "Ashby Foods said quarterly profit rose on stronger demand.")
