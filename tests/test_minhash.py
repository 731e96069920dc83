"""The fast MinHash path against a straightforward reference: datasketch's MinHash, one document at a time."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from corpus_tools.minhash import (
    EMPTY,
    SAMPLE_SIZE,
    MinHasher,
    band_key,
    band_keys,
    candidate_pairs,
    normalized_tokens,
    optimal_bands,
    sample_candidate_pairs,
    sample_scores,
    shingle_frequency,
    shingle_hash,
    shingle_values,
    shingles,
    signature_batch,
    strip_dateline,
    to_lean_minhash,
)
from corpus_tools.stages.dedup import FIGURE_SAMPLE, DedupConfig, DedupEngine, FrozenTable
from corpus_tools.synthetic.dedup import generate
from tests.dedup_helpers import story

EDGE_CASES = [
    "", "...", "one", "two words", "WASHINGTON (Reuters) - The Senate voted 51-49 on Tuesday.",
    "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve stra\u00dfe \u00fcber 2017 \u4e2d\u6587 x\u00a0y",
    "don\u2019t  stop\n\nnow",
]


def reference_signature(text: str, hasher: MinHasher) -> np.ndarray:
    minhash = MinHash(num_perm=hasher.num_perm, seed=hasher.seed, hashfunc=shingle_hash, scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in shingles(normalized_tokens(text), hasher.ngram)])
    return minhash.hashvalues


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [r["text"] for r in generate(60, 11)] + EDGE_CASES


@pytest.mark.parametrize(("num_perm", "seed", "ngram"), [(128, 1, 3), (64, 7, 5), (32, 3, 1)])
def test_signatures_equal_datasketch_minhash_of_the_same_shingles(texts: list[str], num_perm: int, seed: int,
                                                                  ngram: int) -> None:
    hasher = MinHasher(num_perm, seed, ngram)
    batch = signature_batch(texts, hasher)
    for row, text in enumerate(texts):
        assert np.array_equal(batch.signatures[row], reference_signature(text, hasher)), text[:60]
        expected = shingles(normalized_tokens(text), ngram)
        assert batch.tokens[row] == len(normalized_tokens(text))
        assert batch.shingles[row] == len(set(expected))
        smallest = sorted({shingle_hash(s.encode("utf-8")) for s in expected})[:SAMPLE_SIZE]
        assert batch.sample[row][:len(smallest)].tolist() == smallest
        assert (batch.sample[row][len(smallest):] == EMPTY).all()


def test_shingle_values_equal_the_reference_hash(texts: list[str]) -> None:
    values, counts = shingle_values(texts, 3)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    for row, text in enumerate(texts):
        expected = [shingle_hash(s.encode("utf-8")) for s in shingles(normalized_tokens(text), 3)]
        assert values[offsets[row]:offsets[row + 1]].tolist() == expected


def test_normalization_folds_case_punctuation_and_datelines_but_keeps_figures() -> None:
    assert normalized_tokens("PARIS, May 2 (AFP) \u2014 The U.N. said 1,200 fled.") == \
        ["the", "u", "n", "said", "1", "200", "fled"]
    assert strip_dateline("NEW YORK (AP) \u2014 Stocks rose.") == "Stocks rose."
    assert strip_dateline("A man - or so it seemed") == "A man - or so it seemed"


def test_estimates_agree_with_exact_jaccard() -> None:
    full = story(21, 20)
    pairs = [(full, full[:14]), (full, full[5:]), (full, story(22, 20))]
    hasher = MinHasher(256)
    for left, right in pairs:
        a, b = "\n".join(left), "\n".join(right)
        set_a, set_b = set(shingles(normalized_tokens(a), 3)), set(shingles(normalized_tokens(b), 3))
        exact = len(set_a & set_b) / len(set_a | set_b)
        signatures = signature_batch([a, b], hasher).signatures
        estimate = float(np.mean(signatures[0] == signatures[1]))
        assert abs(estimate - exact) < 0.08


def test_signatures_load_into_datasketch_lean_minhash_and_lsh() -> None:
    hasher = MinHasher()
    texts = ["\n".join(story(23)), "\n".join(story(23)[:-2]), "\n".join(story(24))]
    signatures = signature_batch(texts, hasher).signatures
    lean = [to_lean_minhash(s, hasher) for s in signatures]
    assert lean[0].jaccard(lean[1]) == pytest.approx(float(np.mean(signatures[0] == signatures[1])))
    assert lean[0].jaccard(MinHash(num_perm=128, seed=1, hashvalues=reference_signature(texts[1], hasher),
                                   scheme="affine32")) == lean[0].jaccard(lean[1])
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for key, minhash in zip("abc", lean, strict=True):
        lsh.insert(key, minhash)
    assert set(lsh.query(lean[0])) == {"a", "b"}


def test_candidate_pairs_equal_datasketch_lsh_buckets() -> None:
    records = list(generate(150, 12))
    hasher = MinHasher()
    signatures = signature_batch([r["text"] for r in records], hasher).signatures
    bands, rows = optimal_bands(0.35, 128)
    first, second = candidate_pairs(signatures, bands, rows, np.arange(len(records)), window=len(records))
    ours = set(zip(first.tolist(), second.tolist(), strict=True))
    first, second = candidate_pairs(signatures, bands, rows, np.arange(len(records)))
    windowed = set(zip(first.tolist(), second.tolist(), strict=True))
    lsh = MinHashLSH(num_perm=128, params=(bands, rows))
    lean = [to_lean_minhash(s, hasher) for s in signatures]
    for index, minhash in enumerate(lean):
        lsh.insert(index, minhash)
    theirs = {(min(i, j), max(i, j)) for i, minhash in enumerate(lean) for j in lsh.query(minhash) if i != j}
    assert ours == theirs and ours
    assert windowed <= theirs


def test_one_band_key_is_that_column_of_all_band_keys() -> None:
    signatures = np.random.default_rng(3).integers(0, 2**32, size=(300, 128), dtype=np.uint64).astype(np.uint32)
    keys = band_keys(signatures, 35, 3)
    assert all(np.array_equal(band_key(signatures, band, 3), keys[:, band]) for band in range(35))


def test_optimal_bands_agree_with_datasketch() -> None:
    for threshold in (0.2, 0.35, 0.5, 0.8):
        assert optimal_bands(threshold, 128) == _optimal_param(threshold, 128, 0.5, 0.5)


def test_a_big_bucket_costs_linear_work_but_keeps_its_head() -> None:
    """500 records in one bucket: 8 pairs per record at most, and every one paired with the first."""
    signatures = np.zeros((500, 4), dtype=np.uint32)
    first, second = candidate_pairs(signatures, 1, 4, np.arange(500), window=8)
    assert len(first) < 500 * 9
    assert set(range(1, 500)) <= set(second[first == 0].tolist())


def test_hasher_pickles_for_worker_processes() -> None:
    hasher = MinHasher(64, 9, 4)
    copy = pickle.loads(pickle.dumps(hasher))
    assert copy == hasher and np.array_equal(copy.a, hasher.a) and np.array_equal(copy.b, hasher.b)


def test_clusters_from_reference_signatures_equal_the_fast_ones() -> None:
    records = list(generate(200, 13))
    texts = [r["text"] for r in records]
    cfg = DedupConfig(outlet_boilerplate=0)
    hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram)
    fast = signature_batch(texts, hasher)
    meta = np.zeros(len(records), dtype=[("length", np.int32), ("day", np.int32), ("outlet", np.int32),
                                         ("title", np.uint64), ("wire", np.uint8), ("defects", np.uint8)])
    meta["length"] = [len(t) for t in texts]

    def clusters(signatures: np.ndarray) -> list[int]:
        ids = [r["id"] for r in records]
        none = np.zeros((len(ids), FIGURE_SAMPLE), dtype=np.uint32), np.zeros(len(ids), np.int32)
        table = FrozenTable(ids, signatures, fast.tokens, fast.shingles, fast.text_hash, meta, fast.sample,
                            *none, *none)
        return DedupEngine(cfg, table).run().kept.tolist()

    reference = np.array([reference_signature(t, hasher) for t in texts], dtype=np.uint32)
    assert clusters(reference) == clusters(fast.signatures)
    assert len(set(clusters(reference))) < len(records)



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


def test_a_brief_inside_a_much_longer_story_is_a_sample_candidate() -> None:
    full = story(27, 20)
    texts = ["\n".join(full), "\n".join(full[:2]), "\n".join(story(28, 20))]
    batch = signature_batch(texts, MinHasher())
    first, second = sample_candidate_pairs(batch.sample, batch.shingles)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 1)]
