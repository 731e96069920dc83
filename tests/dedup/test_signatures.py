"""The fast MinHash path against a straightforward reference: datasketch's MinHash, one document at a time."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from corpus_tools.dedup.shingles import normalized_tokens, shingle_hash, shingles
from corpus_tools.dedup.signatures import (
    EMPTY,
    SAMPLE_SIZE,
    MinHasher,
    shingle_values,
    signature_batch,
    to_lean_minhash,
)
from corpus_tools.synthetic.dedup import generate
from tests.dedup_helpers import reference_signature, story

EDGE_CASES = [
    "", "...", "one", "two words", "WASHINGTON (Reuters) - The Senate voted 51-49 on Tuesday.",
    "Caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve stra\u00dfe \u00fcber 2017 \u4e2d\u6587 x\u00a0y",
    "don\u2019t  stop\n\nnow",
    "KELSO MILLS <KLM> 4TH QTR NET\nQtly div 10 cts vs 10 cts prior, 2nd qtrly div of the yr",
]


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


def test_signatures_do_not_depend_on_how_many_shingles_are_reduced_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["\n".join(story(seed, 3)) for seed in range(30)] + ["", "one", "two words"]
    whole = signature_batch(texts, MinHasher())
    monkeypatch.setattr("corpus_tools.dedup.signatures.SHINGLE_CHUNK", 50)
    assert np.array_equal(signature_batch(texts, MinHasher()).signatures, whole.signatures)


def test_a_batch_signs_alike_after_any_other_batch_and_beside_other_threads(texts: list[str]) -> None:
    hasher = MinHasher()
    large = ["\n".join(story(seed, 12)) for seed in range(40)]
    alone = signature_batch(texts, hasher)
    signature_batch(large, hasher)
    after_large = signature_batch(texts, hasher)
    with ThreadPoolExecutor(max_workers=4) as pool:
        at_once = list(pool.map(lambda batch: signature_batch(batch, hasher), [texts, large] * 4))
    for batch in [after_large, *at_once[::2]]:
        assert np.array_equal(batch.signatures, alone.signatures)
        assert np.array_equal(batch.text_hash, alone.text_hash)
        assert np.array_equal(batch.sample, alone.sample)


def test_hasher_pickles_for_worker_processes() -> None:
    hasher = MinHasher(64, 9, 4)
    copy = pickle.loads(pickle.dumps(hasher))
    assert copy == hasher and np.array_equal(copy.a, hasher.a) and np.array_equal(copy.b, hasher.b)


def test_a_title_keeps_the_words_before_its_dash() -> None:
    batch = signature_batch(["India bought white sugar.", "x"], MinHasher(32, 1, 3),
                            titles=["INDIA BUYS WHITE SUGAR - TRADE", "TRADE"])
    assert batch.title_count.tolist() == [5, 1]
    assert batch.title_words[1][0] in batch.title_words[0]
