"""Pairwise precision/recall and the Adjusted Rand Index, checked against hand-computed examples."""

from __future__ import annotations

import pytest

from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.dedup import adjusted_rand_index, config_from, pair_counts


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
