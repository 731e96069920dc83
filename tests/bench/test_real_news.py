"""The real-text bench corpus: deterministic, news-length, each story republished with its outlets' boilerplate."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from corpus_tools.bench import real_news
from tests.conftest import shared_path


def test_same_seed_same_articles_other_seed_other_articles() -> None:
    root = shared_path("data")
    shared_path("data", str(real_news.FAKENEWS))
    assert list(real_news.articles(root, 120, 3)) == list(real_news.articles(root, 120, 3))
    assert list(real_news.articles(root, 120, 3)) != list(real_news.articles(root, 120, 4))


def test_copies_of_a_story_share_its_body_and_carry_their_outlets_boilerplate() -> None:
    root = shared_path("data")
    shared_path("data", str(real_news.FAKENEWS))
    records = list(real_news.articles(root, 600, 1))
    assert len(records) == 600 and len({r["id"] for r in records}) == 600
    assert 3_500 <= mean(len(r["text"]) for r in records) <= 6_000
    _, outlets = real_news.load(root)
    boilerplate = {o.domain: set(o.header) | set(o.footer) for o in outlets}
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in records:
        stories[record["story_id"]].append(record)
        paragraphs = record["text"].split("\n\n")
        assert any(p in boilerplate[record["domain"]] for p in paragraphs)
    republished = [copies for copies in stories.values() if len(copies) > 1]
    assert len(republished) > len(stories) / 2
    for copies in republished:
        bodies = [set(c["text"].split("\n\n")) - boilerplate[c["domain"]] for c in copies]
        assert all(bodies[0] & body for body in bodies[1:])
