"""The engine on its own: clusters from a frozen table, whatever computed its signatures."""

from __future__ import annotations

import numpy as np

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.engine import DedupEngine
from corpus_tools.dedup.features import FIGURE_SAMPLE, LEAD_SAMPLE
from corpus_tools.dedup.signatures import MinHasher, signature_batch
from corpus_tools.dedup.table import FrozenTable, RecordTable
from corpus_tools.synthetic.dedup import generate
from tests.dedup_helpers import reference_signature


def test_clusters_from_reference_signatures_equal_the_fast_ones() -> None:
    records = list(generate(200, 13))
    texts = [r["text"] for r in records]
    cfg = DedupConfig(outlet_boilerplate=0)
    hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram)
    fast = signature_batch(texts, hasher)
    meta = np.zeros(len(records), dtype=RecordTable.META)
    meta["length"] = [len(t) for t in texts]

    def clusters(signatures: np.ndarray) -> list[int]:
        ids = [r["id"] for r in records]
        none = np.zeros((len(ids), FIGURE_SAMPLE), dtype=np.uint32), np.zeros(len(ids), np.int32)
        no_lead = np.zeros((len(ids), LEAD_SAMPLE), dtype=np.uint32), np.zeros(len(ids), np.int32)
        table = FrozenTable(ids, signatures, fast.tokens, fast.shingles, fast.text_hash, meta, fast.sample,
                            fast.words, fast.word_count, fast.title_words, fast.title_count, *none, *none, *none,
                            *no_lead)
        return DedupEngine(cfg, table).run().kept.tolist()

    reference = np.array([reference_signature(t, hasher) for t in texts], dtype=np.uint32)
    assert clusters(reference) == clusters(fast.signatures)
    assert len(set(clusters(reference))) < len(records)
