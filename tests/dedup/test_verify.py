"""Pair scores counted on shingle samples: exact for short records, common shingles weighing less."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_tools.dedup.shingles import normalized_tokens, shingles
from corpus_tools.dedup.signatures import SAMPLE_SIZE, MinHasher, signature_batch
from corpus_tools.dedup.verify import rare_scores, rarity, sample_scores, shingle_frequency
from tests.dedup_helpers import story


def test_sample_scores_are_exact_for_records_of_up_to_the_sample_size() -> None:
    full = "\n".join(story(23, 3))
    texts = [full, full[: len(full) // 2], "\n".join(story(24, 3))]
    batch = signature_batch(texts, MinHasher())
    assert (batch.shingles <= SAMPLE_SIZE).all()
    sets = [set(shingles(normalized_tokens(t), 3)) for t in texts]
    first, second = np.array([0, 0, 1]), np.array([1, 2, 2])
    scores = sample_scores(batch.sample, batch.shingles, first, second)
    for k, (a, b) in enumerate(zip(first, second, strict=True)):
        common = len(sets[a] & sets[b])
        assert scores.jaccard[k] == pytest.approx(common / len(sets[a] | sets[b]))
        assert scores.containment[k] == pytest.approx(common / min(len(sets[a]), len(sets[b])))
        assert scores.matches[k] == common


def test_shared_shingles_of_many_records_weigh_less_unless_the_record_has_nothing_rarer() -> None:
    footer = " ".join(story(25, 2))
    texts = [f"{' '.join(story(26 + i, 2))} {footer}" for i in range(10)] + [footer] * 2
    batch = signature_batch(texts, MinHasher())
    frequency = shingle_frequency(batch.sample, batch.shingles)
    scores = sample_scores(batch.sample, batch.shingles, np.array([0, 10]), np.array([1, 11]), frequency)
    assert scores.story_containment is not None
    assert scores.containment[0] > 0.5 and scores.story_containment[0] < 0.3  # two stories, one footer
    assert scores.story_containment[1] == scores.containment[1] == 1.0  # the footer's own copies


def test_a_pair_of_records_of_one_size_scores_the_same_from_either_side() -> None:
    empty = np.uint32(0xFFFFFFFF)
    samples = np.array([[1, 2, 3, empty], [1, 2, 4, empty]] + [[4, 5, 6, 7]] * 6, dtype=np.uint32)
    sizes = np.array([3, 3] + [4] * 6, dtype=np.int32)
    weights = rarity(samples, sizes)
    forward = rare_scores(samples, sizes, np.array([0]), np.array([1]), weights)
    backward = rare_scores(samples, sizes, np.array([1]), np.array([0]), weights)
    assert forward == backward
    assert forward[1][0] == pytest.approx(float(weights.weights(np.array([1, 2], dtype=np.uint32)).sum())
                                          / float(weights.weights(np.array([1, 2, 3], dtype=np.uint32)).sum()))
