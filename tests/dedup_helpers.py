"""Stories for dedup tests, written with the team's grammar in corpus_tools.synthetic.dedup."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import numpy as np
from datasketch import MinHash

from corpus_tools.dedup.shingles import normalized_tokens, shingle_hash, shingles
from corpus_tools.dedup.signatures import MinHasher
from corpus_tools.synthetic.dedup import _new_story

FOOTER = [
    "Support independent local journalism. Our reporters cover the stories that matter to the valley, and "
    "readers like you make that possible. Become a member of the Riverton Herald from a few coins a week.",
    "Get the Riverton Herald morning briefing delivered to your inbox every weekday. Sign up with your email "
    "address and choose the newsletters that interest you; you can unsubscribe at any time.",
    "We use cookies to personalise content and adverts, to provide social media features and to analyse our "
    "traffic. Read our privacy policy to learn how we handle your data and how you can change your settings.",
]


def story(seed: int, paragraphs: int = 14) -> list[str]:
    """The paragraphs of one story; different seeds give different stories."""
    rng = random.Random(seed)
    while True:
        made = _new_story(rng, seed, date(2024, 3, 1), None)
        if len(made.paragraphs) >= paragraphs:
            return made.paragraphs[:paragraphs]


def record(record_id: str, paragraphs: list[str], **fields: Any) -> dict[str, Any]:
    return {"id": record_id, "text": "\n\n".join(paragraphs), **fields}


def reference_signature(text: str, hasher: MinHasher) -> np.ndarray:
    """datasketch's MinHash of the text's shingles, one shingle at a time: what the fast path must equal."""
    minhash = MinHash(num_perm=hasher.num_perm, seed=hasher.seed, hashfunc=shingle_hash, scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in shingles(normalized_tokens(text), hasher.ngram)])
    return minhash.hashvalues
