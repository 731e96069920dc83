"""The langid generator: deterministic, labelled, and shaped as the eval targets describe."""

from __future__ import annotations

from collections import Counter

from corpus_tools.stages.langid import paragraphs
from corpus_tools.synthetic.langid import LANGUAGES, SENTENCES, SHORT_MAX, SHORT_MIN, generate


def test_same_seed_same_records_other_seed_other_records() -> None:
    assert list(generate(200, 4)) == list(generate(200, 4))
    assert list(generate(200, 4)) != list(generate(200, 5))


def test_every_record_has_a_truth_and_the_kinds_have_their_lengths() -> None:
    records = list(generate(600, 1))
    assert len({r["id"] for r in records}) == 600
    kinds = Counter(r["kind"] for r in records)
    assert set(kinds) == {"paragraph", "article", "short", "mixed"}
    for record in records:
        assert record["truth_lang"] in LANGUAGES
        length = len(record["text"])
        if record["kind"] == "short":
            assert SHORT_MIN <= length <= SHORT_MAX
        elif record["kind"] == "paragraph":
            assert length >= 200
        elif record["kind"] == "article":
            assert len(paragraphs(record["text"])) >= 3


def test_mixed_documents_have_a_clear_majority_by_characters() -> None:
    mixed = [r for r in generate(800, 2) if r["kind"] == "mixed"]
    assert any(set(r["truth_langs"]) == {"zh", "en"} for r in mixed)
    for record in mixed:
        major, minor = record["truth_langs"]
        assert major == record["truth_lang"] != minor
        assert 1.2 / 2.2 - 1e-4 <= record["truth_share"] < 1.0
        assert len(paragraphs(record["text"])) >= 3


def test_sentence_material_covers_the_close_pairs() -> None:
    for pair in (("da", "no", "sv"), ("es", "pt"), ("cs", "sk"), ("uk", "ru")):
        assert set(pair) <= set(SENTENCES)
    assert len(SENTENCES) >= 10 and all(len(s) >= 36 for s in SENTENCES.values())
    assert all(len(set(s)) == len(s) for s in SENTENCES.values())
