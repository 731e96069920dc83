"""Star clusters: every member verified against its representative, and fitting every member before it."""

from __future__ import annotations

import random

import numpy as np

from corpus_tools.dedup.cluster import COMPATIBLE_BLOCK, star_clusters


def _one_at_a_time(order: list[int], pairs: list[tuple[int, int]], verified: set[tuple[int, int]],
                   fits: np.ndarray) -> list[int]:
    """The rule as written: each candidate, best first, joins if it fits every member already in."""
    neighbours: dict[int, set[int]] = {}
    for a, b in pairs:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    priority = {record: rank for rank, record in enumerate(order)}
    label = [-1] * len(order)
    for rep in order:
        if label[rep] >= 0:
            continue
        label[rep] = rep
        candidates = sorted((c for c in neighbours.get(rep, ()) if label[c] < 0), key=priority.__getitem__)
        tried = {rep, *candidates}
        members: list[int] = []
        while candidates:
            accepted = []
            for candidate in candidates:
                if not members or all(fits[candidate, member] for member in members):
                    members.append(candidate)
                    accepted.append(candidate)
            if not accepted:
                break
            for record in accepted:
                label[record] = rep
            reach = sorted({r for m in accepted for r in neighbours.get(m, ()) if label[r] < 0} - tried)
            tried.update(reach)
            candidates = sorted((r for r in reach if (rep, r) in verified), key=priority.__getitem__)
    return label


def _clusters(order: list[int], pairs: list[tuple[int, int]], verified: set[tuple[int, int]],
              fits: np.ndarray) -> list[int]:
    first = np.array([a for a, _ in pairs], dtype=np.int64)
    second = np.array([b for _, b in pairs], dtype=np.int64)

    def verify(rep: int, candidates: np.ndarray) -> np.ndarray:
        return np.array([(rep, c) in verified for c in candidates.tolist()], dtype=np.bool_)

    def compatible(candidates: np.ndarray, others: np.ndarray) -> np.ndarray:
        return fits[candidates, others]

    return star_clusters(np.array(order, dtype=np.int64), first, second, verify, compatible).tolist()


def test_a_hybrid_representative_takes_only_the_members_that_fit_each_other() -> None:
    # Record 0 is half of one story (1, 2) and half of another (3, 4): it must not bridge them.
    fits = np.ones((5, 5), dtype=np.bool_)
    fits[np.ix_([1, 2], [3, 4])] = fits[np.ix_([3, 4], [1, 2])] = False
    pairs = [(0, 1), (0, 2), (0, 3), (0, 4), (3, 4)]
    assert _clusters([0, 1, 2, 3, 4], pairs, set(), fits) == [0, 0, 0, 3, 3]


def test_clusters_equal_the_one_candidate_at_a_time_rule_across_blocks() -> None:
    generator = random.Random(11)
    for size, edges, share in ((40, 120, 0.7), (700, 2500, 0.97), (COMPATIBLE_BLOCK + 60, 3 * COMPATIBLE_BLOCK, 0.99)):
        order = list(range(size))
        generator.shuffle(order)
        hub = order[0]
        # A hub with more neighbours than one block holds, and random pairs around it.
        pairs = {(hub, other) for other in range(size) if other != hub and generator.random() < 0.5}
        while len(pairs) < edges:
            a, b = generator.sample(range(size), 2)
            pairs.add((a, b))
        verified = {(a, b) for a in range(size) for b in range(size) if generator.random() < 0.8}
        fits = np.array([[generator.random() < share for _ in range(size)] for _ in range(size)])
        ordered_pairs = sorted(pairs)
        assert _clusters(order, ordered_pairs, verified, fits) == _one_at_a_time(order, ordered_pairs, verified, fits)
