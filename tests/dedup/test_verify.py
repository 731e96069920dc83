"""Pair scores counted on shingle samples: exact for short records, common shingles weighing less."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_tools.dedup.shingles import normalized_tokens, shingles
from corpus_tools.dedup.signatures import EMPTY, SAMPLE_SIZE, MinHasher, signature_batch
from corpus_tools.dedup.verify import (
    SEARCH_PAIRS,
    _held,
    _held_plain,
    _matched,
    _similarities,
    rare_scores,
    rarity,
    sample_scores,
    shingle_frequency,
)
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


def test_keys_searched_a_block_of_pairs_at_a_time_are_held_as_in_one_search() -> None:
    """`_held` searches each block of SEARCH_PAIRS pairs on its own; its answer must be the one search's
    (`_held_plain`), for blocks cut anywhere, padded samples and pairs of a record with itself."""
    rng = np.random.default_rng(7)
    records, width = 300, SAMPLE_SIZE
    samples = np.full((records, width), EMPTY, dtype=np.uint32)
    for row in range(records):
        size = int(rng.integers(0, width + 1))
        pool = rng.choice(4 * width, size=size, replace=False).astype(np.uint32)  # overlapping values
        samples[row, :size] = np.sort(pool)
    for pairs in (0, 1, SEARCH_PAIRS - 1, SEARCH_PAIRS, 3 * SEARCH_PAIRS + 17):
        first = rng.integers(0, records, pairs)
        second = np.where(rng.random(pairs) < 0.2, first, rng.integers(0, records, pairs))
        row = (np.arange(pairs, dtype=np.uint64) << np.uint64(32))[:, None]
        keys_a, keys_b = (row | samples[first]).ravel(), (row | samples[second]).ravel()
        held = _held(keys_a, keys_b, width)
        assert np.array_equal(held, _held_plain(keys_a, keys_b))
        assert pairs == 0 or held.any()


def test_pairs_score_the_same_whatever_the_chunk_they_are_scored_in(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["\n".join(story(seed, 2 + seed % 3)) for seed in range(40)]
    batch = signature_batch(texts, MinHasher())
    generator = np.random.default_rng(3)
    first, second = generator.integers(0, len(texts), 500), generator.integers(0, len(texts), 500)
    frequency = shingle_frequency(batch.sample, batch.shingles)
    whole = sample_scores(batch.sample, batch.shingles, first, second, frequency)
    monkeypatch.setattr("corpus_tools.dedup.verify.PAIR_CHUNK", 7)
    rechunked = shingle_frequency(batch.sample, batch.shingles)
    chunked = sample_scores(batch.sample, batch.shingles, first, second, rechunked)
    for name in ("jaccard", "containment", "matches", "story_jaccard", "story_containment"):
        assert np.array_equal(getattr(whole, name), getattr(chunked, name))


def test_unweighted_sample_scores_are_the_sums_of_ones_in_floating_point() -> None:
    """sample_scores counts the shared and held shingles of a pair as integers; the scores must be those the
    sums of ones as floats give (`_similarities` with weights of 1)."""
    rng = np.random.default_rng(3)
    records, width = 200, SAMPLE_SIZE
    samples = np.full((records, width), EMPTY, dtype=np.uint32)
    sizes = rng.integers(0, 3 * width, records).astype(np.int32)
    for row in range(records):
        held = min(int(sizes[row]), width)
        samples[row, :held] = np.sort(rng.choice(3 * width, size=held, replace=False)).astype(np.uint32)
    first, second = rng.integers(0, records, 500), rng.integers(0, records, 500)
    scores = sample_scores(samples, sizes, first, second)
    _, _, shared, valid_a, valid_b = _matched(samples, sizes, first, second)
    order = np.sign(sizes[first].astype(np.int64) - sizes[second])
    jaccard, containment = _similarities(shared, valid_a, valid_b, order, 1.0, 1.0)
    assert np.array_equal(scores.jaccard, jaccard) and np.array_equal(scores.containment, containment)
    assert np.array_equal(scores.matches, shared.sum(axis=1)) and (scores.jaccard > 0).any()
