"""The table dedup keeps per record: what `sign_corpus` stores does not depend on where the batches run."""

from __future__ import annotations

import numpy as np

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.features import with_title
from corpus_tools.dedup.signatures import EMPTY
from corpus_tools.dedup.table import sign_corpus, story_samples
from corpus_tools.executors import InProcess, ProcessPool
from corpus_tools.synthetic.dedup import generate

SAMPLED = (("figures", "figure_count"), ("title_words", "title_count"), ("amounts", "amount_count"),
           ("lead", "lead_count"))
"""The columns `story_samples` fills, in its order: each a (records, width) array and the counts beside it."""


def test_samples_of_each_story_land_in_its_row_whichever_executor_signs() -> None:
    records = list(generate(700, 5))
    cfg = DedupConfig()
    local = sign_corpus(records, cfg, InProcess())
    pooled = sign_corpus(records, cfg, ProcessPool(2))
    try:
        for name, _count in SAMPLED:
            assert np.array_equal(getattr(local.frozen, name), getattr(pooled.frozen, name))
        for index in (0, 1, 255, 256, 699):
            record = records[index]
            story = with_title(local.table.story(index, record["text"]), record.get("title"))
            expected = story_samples(story, record.get("title") or "")
            for (smallest, count), (name, count_name) in zip(expected, SAMPLED, strict=True):
                row = getattr(local.frozen, name)[index]
                assert row[:len(smallest)].tolist() == smallest
                assert (row[len(smallest):] == EMPTY).all()
                assert getattr(local.frozen, count_name)[index] == count
        assert (local.frozen.figure_count > 0).sum() > 0 and (local.frozen.lead_count > 0).all()
    finally:
        local.close()
        pooled.close()

