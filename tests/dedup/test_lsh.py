"""LSH banding and candidate pairs against datasketch's MinHashLSH."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHashLSH
from datasketch.lsh import _optimal_param

from corpus_tools.dates import NO_DATE
from corpus_tools.dedup import lsh
from corpus_tools.dedup.lsh import (
    band_key,
    band_keys,
    candidate_pairs,
    keyed_pairs,
    optimal_bands,
    sample_candidate_pairs,
)
from corpus_tools.dedup.signatures import MinHasher, signature_batch, to_lean_minhash
from corpus_tools.synthetic.dedup import generate
from tests.dedup_helpers import story


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


def test_candidate_pairs_over_some_rows_are_those_of_a_copy_of_the_rows() -> None:
    rng = np.random.default_rng(4)
    signatures = rng.integers(0, 2**32, size=(400, 32), dtype=np.uint64).astype(np.uint32)
    for copy in range(1, 400, 3):
        signatures[copy, :16] = signatures[rng.integers(0, copy), :16]
    records = rng.permutation(400)[:250]
    rank = rng.permutation(250).astype(np.int64)
    copied = candidate_pairs(signatures[records], 4, 8, rank)
    in_place = candidate_pairs(signatures, 4, 8, rank, records=records)
    assert len(copied[0]) > 20
    assert np.array_equal(copied[0], in_place[0]) and np.array_equal(copied[1], in_place[1])


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


def test_a_brief_inside_a_much_longer_story_is_a_sample_candidate() -> None:
    full = story(27, 20)
    texts = ["\n".join(full), "\n".join(full[:2]), "\n".join(story(28, 20))]
    batch = signature_batch(texts, MinHasher())
    first, second = sample_candidate_pairs(batch.sample, batch.shingles)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 1)]


def test_records_under_one_key_pair_within_the_window_and_a_crowded_key_is_cut() -> None:
    keys = np.array([7, 7, 7, 9, 0, 0, 7], dtype=np.uint32)
    days = np.array([100, 101, 103, 100, 100, 100, NO_DATE], dtype=np.int64)
    first, second = keyed_pairs(keys, days, np.arange(7), 1)
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 1)]
    crowded = np.full(40, 5, dtype=np.uint32)
    rank = np.arange(40)[::-1].copy()
    first, second = keyed_pairs(crowded, np.full(40, 100, dtype=np.int64), rank, 1, most=4)
    assert len(first) == 4 * 40 - (1 + 2 + 3 + 4)
    assert set(zip(first.tolist(), second.tolist(), strict=True)) == {
        (i, j) for i in range(40) for j in range(i + 1, min(i + 5, 40))}


def _sample_pairs_plain(samples: np.ndarray, sizes: np.ndarray, prefix: int, least: int, most_records: int,
                        ) -> set[tuple[int, int]]:
    """`sample_candidate_pairs` the straightforward way: per record, which records hold its smallest values."""
    held = np.minimum(sizes, samples.shape[1])
    holders: dict[int, list[int]] = {}
    for record in range(len(samples)):
        for value in samples[record, :held[record]].tolist():
            holders.setdefault(value, []).append(record)
    shared: dict[tuple[int, int], list[int]] = {}
    for record in range(len(samples)):
        for value in samples[record, :min(held[record], prefix)].tolist():
            if len(holders[value]) > most_records:
                continue
            for other in holders[value]:
                if other != record:
                    pair = (min(record, other), max(record, other))
                    counts = shared.setdefault(pair, [0, 0])
                    counts[record > other] += 1
    return {pair for pair, counts in shared.items() if max(counts) >= least}


@pytest.mark.parametrize("block", [3, lsh.RECORD_BLOCK])
def test_sample_pairs_are_those_of_the_plain_search(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lsh, "RECORD_BLOCK", block)
    rng = np.random.default_rng(3)
    width, empty = 8, 2**32 - 1
    for _ in range(30):
        records = int(rng.integers(1, 40))
        rows = [np.unique(rng.choice(60, size=int(rng.integers(0, width + 1)))) for _ in range(records)]
        samples = np.array([np.concatenate([row, np.full(width - len(row), empty)]) for row in rows], dtype=np.uint32)
        # A record larger than its sample has a full row; one of fewer values holds all of them.
        sizes = np.array([len(row) + (int(rng.integers(0, 5)) if len(row) == width else 0) for row in rows],
                         dtype=np.int32)
        first, second = sample_candidate_pairs(samples, sizes, prefix=3, least=2, most_records=5)
        assert set(zip(first.tolist(), second.tolist(), strict=True)) == _sample_pairs_plain(samples, sizes, 3, 2, 5)
        # The same records as some rows of a larger table, in another order.
        rows = rng.permutation(records + 7)[:records]
        table = np.full((records + 7, width), 5, dtype=np.uint32)
        table_sizes = np.full(records + 7, width, dtype=np.int32)
        table[rows], table_sizes[rows] = samples, sizes
        first, second = sample_candidate_pairs(table, table_sizes, prefix=3, least=2, most_records=5, records=rows)
        assert set(zip(first.tolist(), second.tolist(), strict=True)) == _sample_pairs_plain(samples, sizes, 3, 2, 5)
