"""The labeled dedup generator: deterministic, labeled, republished copies with hard negatives."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from pathlib import Path

from corpus_tools.synthetic.dedup import generate
from tests.conftest import invoke, parse_jsonl


def test_same_count_and_seed_give_the_same_records() -> None:
    assert list(generate(300, 4)) == list(generate(300, 4))
    assert list(generate(300, 4)) != list(generate(300, 5))


def test_records_are_labeled_news_articles_with_copies() -> None:
    records = list(generate(1000, 2))
    assert len(records) == 1000
    assert len({r["id"] for r in records}) == 1000
    assert {"id", "title", "text", "date", "domain", "url", "story_id"} <= set(records[0])
    sizes = Counter(r["story_id"] for r in records)
    assert 1 in sizes.values() and max(sizes.values()) >= 5
    words = sorted(len(r["text"].split()) for r in records)
    assert 550 <= words[len(words) // 2] <= 900
    texts = " ".join(r["text"] for r in records)
    assert "Read more at" in texts and "\u00e2\u20ac" in texts and "(AP)" in texts


def test_generation_streams() -> None:
    assert len(list(islice(generate(10**9, 1), 5))) == 5


def test_generate_compresses_as_its_file_is_named_so_read_takes_it_back(tmp_path: Path) -> None:
    for name in ("set.jsonl.gz", "set.jsonl.zst"):
        target = tmp_path / name
        assert invoke(["generate", "dedup", str(target), "--count", "12", "--seed", "2"]).exit_code == 0
        first = target.read_bytes()
        assert invoke(["generate", "dedup", str(target), "--count", "12", "--seed", "2"]).exit_code == 0
        assert target.read_bytes() == first
        back = invoke(["read", str(target)])
        assert back.exit_code == 0 and len(parse_jsonl(back.stdout)) == 12
    refused = invoke(["generate", "dedup", str(tmp_path / "set.jsonl.xz")])
    assert refused.exit_code == 2 and "generate compresses as .gz or .zst" in refused.stderr
