"""The dedup engine: from a frozen table of signed records to clusters and the record each one keeps.

Exact copies first (one group per normalized text), then candidate pairs of the long records (LSH bands and
shared smallest shingles), each verified on its shingle samples and by the pair rules, then star clusters
around the best representatives; short records join by title; each cluster keeps one record.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from corpus_tools.dedup.cluster import BRIDGE_FLOOR, Clustering, star_clusters
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.keep import kept_records
from corpus_tools.dedup.lsh import PairSearch, candidate_pairs, keyed_pairs, sample_candidate_pairs, union_pairs
from corpus_tools.dedup.rules import STORY_DAYS, SUBJECT_HOLDERS, PairRules, StoryCheck
from corpus_tools.dedup.signatures import EMPTY
from corpus_tools.dedup.table import FrozenTable
from corpus_tools.dedup.verify import (
    MIN_SHARED_SHINGLES,
    PAIR_CHUNK,
    PairScores,
    sample_scores,
    shingle_frequency,
    verified_copies,
)

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

SUBJECT_WORDS = 8
"""Candidates by subject, for rewrites whose shingles share no band: a record is paired with each record
whose words hold one of its title words (of the SUBJECT_WORDS smallest hashes) that at most
SUBJECT_HOLDERS records hold: a name, not a template's word."""


class DedupEngine:
    """Clusters a frozen table; separate from the stage so that `explain` and the tests can use it."""

    def __init__(self, cfg: DedupConfig, table: FrozenTable, keep_pairs: bool = False,
                 pair_search: PairSearch = candidate_pairs) -> None:
        self.cfg = cfg
        self.table = table
        self.keep_pairs = keep_pairs
        self.pair_search = pair_search
        self.bands, self.rows = cfg.banding()
        self.rules = PairRules(cfg, table)
        self.story = StoryCheck(table)
        self.frequency = shingle_frequency(table.sample, table.shingles)
        self.story_size = table.shingles.astype(np.float64)
        n = len(table.ids)
        self.id_rank = np.empty(n, dtype=np.int64)
        self.id_rank[sorted(range(n), key=table.ids.__getitem__)] = np.arange(n)
        self.exact_leader = np.arange(n, dtype=np.int64)
        """Each record's exact-copy leader, once `run` has found them."""

    def score(self, first: I64, second: I64) -> PairScores:
        """Jaccard and containment of each pair, counted on the records' shingle samples (exact for all but
        long records), not estimated from signatures: a MinHash estimate of a small set is too coarse to
        tell a template shared by two different notices from a copy."""
        return sample_scores(self.table.sample, self.table.shingles, first, second, self.frequency)

    def passes(self, scores: PairScores) -> Mask:
        """Verified as copies: similar enough as sets, or the smaller one mostly inside the larger."""
        return verified_copies(self.cfg, scores, MIN_SHARED_SHINGLES)

    @property
    def min_matches(self) -> int:
        return MIN_SHARED_SHINGLES

    def verify(self, first: I64, second: I64, by_story: bool = True) -> Mask:
        """Pairs that are copies by their shingles (or, `by_story`, by the story-level check), and that the
        pair rules allow."""
        by_shingles, either = self.verdicts(first, second, by_story)
        return either if by_story else by_shingles

    def verdicts(self, first: I64, second: I64, by_story: bool = True) -> tuple[Mask, Mask]:
        """Pairs that the pair rules allow and that are copies by their shingles; and by either their
        shingles or the story-level check (skipped unless `by_story`)."""
        allowed = self.rules.allowed(first, second)
        scores = self.score(first, second)
        by_shingles: Mask = self.passes(scores) & allowed
        # Held only by containment, a short item in prose inside a longer story is its abridged copy when the
        # story opens as the item does; one told further down is the story's quote of another item.
        inside = np.flatnonzero(by_shingles & (scores.jaccard < self.cfg.threshold))
        inside = inside[self.story.item_in_prose(first[inside], second[inside])]
        if len(inside):
            by_shingles[inside] = ~self.story.quotes_item(first[inside], second[inside])
        either = by_shingles.copy()
        rest = np.flatnonzero(allowed & ~by_shingles)
        if by_story and len(rest):
            either[rest] = self.story.passes(first[rest], second[rest])
        return by_shingles, either

    def run(self) -> Clustering:
        cfg, table = self.cfg, self.table
        n = len(table.ids)
        counts: dict[str, int] = {}
        leader, counts["exact_groups"] = self._exact_leaders()
        self.exact_leader = leader
        leaders = np.unique(leader)
        long_mask = table.tokens[leaders] >= cfg.min_tokens
        nodes, shorts = leaders[long_mask], leaders[~long_mask]
        counts["short_records"] = int(np.sum(table.tokens < cfg.min_tokens))
        # Best representative first: the biggest story, then the smallest id.
        order = np.lexsort((self.id_rank[nodes], -self.story_size[nodes]))
        first, second = self._candidates(nodes, order)
        counts["candidate_pairs"] = len(first)
        by_shingles = np.zeros(len(first), dtype=np.bool_)
        verified = np.zeros(len(first), dtype=np.bool_)
        # Verified a slice at a time: the scores of every pair would cost some 60 bytes a pair.
        for start in range(0, len(first), PAIR_CHUNK):
            part = slice(start, start + PAIR_CHUNK)
            by_shingles[part], verified[part] = self.verdicts(first[part], second[part])
        counts["verified_pairs"] = int(verified.sum())
        root = np.arange(n, dtype=np.int64)
        label = self._stars(nodes, order, first[by_shingles], second[by_shingles])
        story_only = verified & ~by_shingles
        self._join_alone(nodes, order, label, first[story_only], second[story_only])
        self._join_clusters(nodes, order, label, first[verified], second[verified])
        root[nodes] = nodes[label]
        self._attach_short(shorts, nodes, root, order)
        kept, size = kept_records(root[leader], cfg.keep, table.meta, self.id_rank, table.signatures)
        exact = table.text_hash == table.text_hash[kept]
        similarity = np.ones(n, dtype=np.float64)
        near = np.flatnonzero(~exact)
        if len(near):
            similarity[near] = self.score(near, kept[near]).jaccard
        counts["clusters"] = int(np.sum((size > 1) & (kept == np.arange(n))))
        pairs = (first, second, self.score(first, second)) if self.keep_pairs else None
        return Clustering(kept, size, exact, similarity, counts, pairs)

    def _exact_leaders(self) -> tuple[I64, int]:
        """Each record's exact-copy leader (one group per normalized text, led by its smallest id), and the
        number of groups of two or more."""
        n = len(self.table.ids)
        if not n:
            return np.zeros(0, dtype=np.int64), 0
        _, group = np.unique(self.table.text_hash, return_inverse=True)
        group = group.ravel()
        leader_by_group = np.full(group.max() + 1, n, dtype=np.int64)
        for record in np.argsort(self.id_rank)[::-1].tolist():
            leader_by_group[group[record]] = record
        return leader_by_group[group], int(np.sum(np.bincount(group) > 1))

    def _candidates(self, nodes: I64, order: I64) -> tuple[I64, I64]:
        """Candidate pairs among `nodes` (as record indices): sharing an LSH band, or one's smallest shingles
        inside the other's sample (a brief inside a long story)."""
        rank = np.empty(len(nodes), dtype=np.int64)
        rank[order] = np.arange(len(nodes))
        table = self.table
        by_band = self.pair_search(table.signatures, self.bands, self.rows, rank, records=nodes)
        by_sample = sample_candidate_pairs(table.sample, table.shingles, records=nodes)
        first, second = union_pairs(by_band, by_sample, len(nodes))
        by_subject = sample_candidate_pairs(table.words, table.word_count, SUBJECT_WORDS, 1, SUBJECT_HOLDERS,
                                            self._rare_title_words(nodes), records=nodes)
        first, second = union_pairs((first, second), by_subject, len(nodes))
        # Rewrites about one company share few shingles and maybe no rare title word: pair those that name
        # the same company by its ticker's letters (a refile may swap two), within the days the story-level
        # check allows.
        by_company = keyed_pairs(table.meta["letters"][nodes], table.meta["day"][nodes].astype(np.int64),
                                 self.id_rank[nodes], STORY_DAYS)
        first, second = union_pairs((first, second), by_company, len(nodes))
        return nodes[first], nodes[second]

    def _rare_title_words(self, nodes: I64) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int32]]:
        """The title words of `nodes` that at most SUBJECT_HOLDERS records hold, counted as `Rarity` counts
        them: a common word with a large hash sits only in the samples of short records and would pass a
        plain count."""
        subject = self.table.subject[nodes]
        valid = np.arange(subject.shape[1]) < self.table.subject_count[nodes][:, None]
        words = self.story.words
        found = np.minimum(np.searchsorted(words.known, subject), max(len(words.known) - 1, 0))
        holders = words.holders[found] if len(words.known) else np.zeros(subject.shape)
        rare = valid & (holders <= SUBJECT_HOLDERS)
        if len(words.known):
            rare &= words.known[found] == subject
        return np.sort(np.where(rare, subject, EMPTY), axis=1), rare.sum(axis=1).astype(np.int32)

    def _stars(self, nodes: I64, order: I64, first: I64, second: I64) -> I64:
        """Star clusters over `nodes` from verified pairs: each node's representative, as a position in
        `nodes`."""
        position, _priority = self._places(nodes, order)

        def verify(rep: int, candidates: I64) -> Mask:
            return self.verify(np.full(len(candidates), nodes[rep], dtype=np.int64), nodes[candidates], False)

        def compatible(candidates: I64, others: I64) -> Mask:
            return self._fit(nodes[candidates], nodes[others])

        return star_clusters(order, position[first], position[second], verify, compatible)

    def _places(self, nodes: I64, order: I64) -> tuple[I64, I64]:
        """Each record's position in `nodes` (-1 where it is none of them), and each position's rank in `order`
        (0 for the best representative)."""
        position = np.full(len(self.table.ids), -1, dtype=np.int64)
        position[nodes] = np.arange(len(nodes))
        priority = np.empty(len(nodes), dtype=np.int64)
        priority[order] = np.arange(len(nodes))
        return position, priority

    def _fit(self, first: I64, second: I64) -> Mask:
        """Pairs of records that may share a cluster: a pair the rules hold apart (two companies' tickers, two
        issues of a report) stays apart when a third record, a round-up of both, would take them in, and two
        members share at least BRIDGE_FLOOR of the smaller one's shingles."""
        fits: Mask = ~self.rules.held_apart(first, second)
        fits &= sample_scores(self.table.sample, self.table.shingles, first, second).containment >= BRIDGE_FLOOR
        return fits

    def _join_alone(self, nodes: I64, order: I64, label: I64, first: I64, second: I64) -> None:
        """Records that the star clusters left alone join by the story-level check, the weaker evidence: each,
        best first, joins the best-placed cluster of a neighbour whose representative it passes against
        (`label` holds positions in `nodes`, updated in place). A record that others have joined stays."""
        position, priority = self._places(nodes, order)
        a, b = position[first], position[second]
        ends, others = np.concatenate([a, b]), np.concatenate([b, a])
        sorted_ends = np.argsort(ends, kind="stable")
        ends, others = ends[sorted_ends], others[sorted_ends]
        size = np.bincount(label, minlength=len(nodes))
        linked = np.zeros(len(nodes), dtype=np.bool_)
        linked[ends] = True
        for record in order[linked[order]].tolist():
            if size[record] != 1 or label[record] != record:
                continue
            neighbours = others[np.searchsorted(ends, record, "left"):np.searchsorted(ends, record, "right")]
            reps = np.unique(label[neighbours])
            # A correction shorter than its first version may lead the cluster of its refiles before the first
            # version comes: the first version joins it.
            reps = reps[(priority[reps] < priority[record]) | (self.table.meta["correction"][nodes[reps]] > 0)]
            if not len(reps):
                continue
            reps = reps[np.argsort(priority[reps])]
            passing = self.verify(nodes[reps], np.full(len(reps), nodes[record], dtype=np.int64))
            if passing.any():
                chosen = reps[np.argmax(passing)]
                label[record] = chosen
                size[chosen] += 1
                size[record] -= 1

    def _join_clusters(self, nodes: I64, order: I64, label: I64, first: I64, second: I64) -> None:
        """Two clusters that a verified pair links become one where their representatives pass against each
        other (by the story-level check too) and every member of one fits every member of the other (see
        `_fit`): one wire item that some papers carried in one wording and others in another, each wording a
        cluster of its own. The best-placed links first; `label` holds positions in `nodes`, updated in
        place."""
        position, priority = self._places(nodes, order)
        one, other = label[position[first]], label[position[second]]
        crossing = one != other
        if not crossing.any():
            return
        one_first = priority[one] < priority[other]
        better = np.where(one_first, one, other)[crossing]
        worse = np.where(one_first, other, one)[crossing]
        links = np.unique(np.stack([priority[better], priority[worse]], axis=1), axis=0)
        members: dict[int, list[int]] = {}
        for record, rep in enumerate(label.tolist()):
            members.setdefault(rep, []).append(record)
        for better_rank, worse_rank in links.tolist():
            kept, joining = label[order[better_rank]], label[order[worse_rank]]
            if kept == joining:
                continue
            if priority[joining] < priority[kept]:
                kept, joining = joining, kept
            if not self.verify(nodes[[kept]], nodes[[joining]])[0]:
                continue
            ours, theirs = np.array(members[kept]), np.array(members[joining])
            if not self._fit(nodes[np.repeat(ours, len(theirs))], nodes[np.tile(theirs, len(ours))]).all():
                continue
            label[theirs] = kept
            members[kept].extend(members.pop(joining))

    def _attach_short(self, shorts: I64, nodes: I64, root: I64, order: I64) -> None:
        """Short records join by normalized title: the best long record with that title, or each other."""
        if self.cfg.short_match != "title" or not len(shorts):
            return
        titles = self.table.meta["title"]
        by_title: dict[int, list[int]] = {}
        for record in nodes[order].tolist():
            if titles[record]:
                by_title.setdefault(int(titles[record]), []).append(record)
        for record in shorts[np.lexsort((self.id_rank[shorts],))].tolist():
            title = int(titles[record])
            if not title:
                continue
            candidates = by_title.setdefault(title, [])
            for candidate in candidates:
                if self.rules.allowed(np.array([candidate]), np.array([record]))[0]:
                    root[record] = root[candidate]
                    break
            else:
                candidates.append(record)
