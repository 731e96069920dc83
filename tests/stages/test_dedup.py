"""The dedup stage without the CLI: which records cluster, which one is kept, what each record gains."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.explain import analyse
from corpus_tools.dedup.features import detect_wire
from corpus_tools.dedup.verify import score_pairs
from corpus_tools.errors import CorpusError
from corpus_tools.stages.dedup import Dedup, dedup
from corpus_tools.stats import StageStats
from corpus_tools.synthetic.dedup import generate
from tests.conftest import shared_path
from tests.dedup_helpers import FOOTER, record, story


def run(records: list[dict[str, Any]], **options: Any) -> tuple[list[dict[str, Any]], StageStats]:
    stats = StageStats("dedup")
    out = list(Dedup(DedupConfig(**options)).run(iter(records), stats))
    assert stats.records_in == len(records) or stats.records_in == 0
    return out, stats


def clusters(out: list[dict[str, Any]]) -> dict[str, str]:
    return {r["id"]: r["cluster_id"] for r in out}


def test_exact_copy_differing_in_case_and_punctuation_is_dropped_as_exact() -> None:
    paragraphs = story(1)
    altered = [p.upper().replace(",", "") for p in paragraphs]
    out, stats = run([record("a", paragraphs), record("b", altered), record("c", story(2))])
    assert [r["id"] for r in out] == ["a", "c"]
    assert out[0]["cluster_id"] == "a" and out[0]["dup_count"] == 2
    assert out[1]["cluster_id"] == "c" and out[1]["dup_count"] == 1
    assert stats.dropped == {"duplicate_exact": 1}


def test_abridged_copy_joins_by_containment_where_jaccard_alone_would_miss_it() -> None:
    full = story(3, 20)
    teaser = full[:6] + ["Read more at rivertonherald.com"]
    records = [record("full", full), record("teaser", teaser), record("other", story(4, 20))]
    # Narrow bands make the pair a candidate for sure: this test is about verification, not LSH recall.
    banding = {"bands": 64, "rows": 2}
    analysis = analyse(records, DedupConfig(**banding))
    try:
        scores = score_pairs(analysis.engine.table.signatures, analysis.engine.story_size, np.array([0]),
                             np.array([1]))
        assert scores.jaccard[0] < DedupConfig().threshold  # Jaccard alone would keep them apart
        assert scores.containment[0] >= DedupConfig().containment
    finally:
        analysis.close()
    out, stats = run(records, **banding)
    assert [r["id"] for r in out] == ["full", "other"]
    assert out[0]["dup_count"] == 2
    assert stats.dropped == {"duplicate_near": 1}


LONG_FOOTER = [*FOOTER,
               "Comments on this story are closed. Please read our community guidelines before joining the "
               "discussion on other articles, and report any posts that break them to our moderators.",
               "The Riverton Herald is part of the Meridian Media network of local titles. Contact the "
               "newsroom "
               "with tips and corrections, or write to the readers' editor about our coverage."]


def outlet_briefs(count: int) -> list[dict[str, Any]]:
    """Different short stories of one outlet, each wrapped in the same long footer."""
    return [record(f"herald-{i}", [*story(100 + i, 2), *LONG_FOOTER], domain="rivertonherald.com")
            for i in range(count)]


def test_different_stories_of_one_outlet_sharing_its_footer_are_not_merged() -> None:
    records = outlet_briefs(6)
    out, stats = run(records)
    assert len(out) == 6
    assert all(r["dup_count"] == 1 for r in out)
    assert stats.counts["boilerplate_lines"] == 6 * len(LONG_FOOTER)


def test_a_footer_of_most_of_each_record_merges_them_without_outlet_boilerplate_detection() -> None:
    # Each brief is under a fifth story: the corpus-wide frequency of the footer cannot tell it from the
    # story of a record printed six times, so only the outlet's boilerplate lines keep them apart.
    out, _ = run(outlet_briefs(6), outlet_boilerplate=0)
    assert len(out) < 6


def test_two_stories_of_one_outlet_are_not_merged_even_below_the_boilerplate_count() -> None:
    records = [record(f"herald-{i}", [*story(200 + i), *FOOTER], domain="rivertonherald.com")
               for i in range(2)]
    out, _ = run(records)
    assert [r["dup_count"] for r in out] == [1, 1]


def verified(records: list[dict[str, Any]], pairs: list[tuple[int, int]], **options: Any) -> list[bool]:
    """Would each pair pass verification on its own?"""
    analysis = analyse(records, DedupConfig(**options))
    try:
        engine = analysis.engine
        first, second = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        return engine.passes(score_pairs(engine.table.signatures, engine.story_size, first, second)).tolist()
    finally:
        analysis.close()


def test_a_hybrid_record_cannot_bridge_two_stories() -> None:
    first, second = story(5, 12), story(6, 12)
    hybrid = first[:10] + second[:10]
    records = [record("first", first), record("hybrid", hybrid), record("second", second)]
    assert verified(records, [(0, 1), (1, 2), (0, 2)]) == [True, True, False]
    out, _ = run(records, mode="mark")
    found = clusters(out)
    assert found["first"] != found["second"]


def test_a_chain_of_matches_cannot_glue_its_ends() -> None:
    base = story(7, 24)
    # a ~ b and b ~ c share 16 of their 20 paragraphs, a and c only 12: the ends fail the threshold.
    a, b, c = base[0:20], base[4:24], base[8:24] + story(8, 4)
    records = [record("a", a), record("b", b), record("c", c)]
    options = {"threshold": 0.6, "containment": 0.95}
    assert verified(records, [(0, 1), (1, 2), (0, 2)], **options) == [True, True, False]
    out, _ = run(records, mode="mark", **options)
    found = clusters(out)
    assert len(set(found.values())) == 2
    assert found["a"] != found["c"]


def cluster_of_three() -> list[dict[str, Any]]:
    full = story(9, 16)
    return [
        record("short-late", full[:10], date="2024-03-05", domain="a.example"),
        record("full-wire", ["RIVERTON (AP) \u2014 " + full[0], *full[1:]], date="2024-03-03",
               domain="b.example"),
        record("padded-early", [*full[:13], *story(10, 6)], date="2024-03-01", domain="c.example"),
    ]


@pytest.mark.parametrize(("keep", "expected"), [
    ("complete", "full-wire"), ("longest", "padded-early"), ("earliest", "padded-early"),
    ("first", "short-late"), ("wire", "full-wire"),
])
def test_keep_policies_choose_the_copy_that_survives(keep: str, expected: str) -> None:
    out, _ = run(cluster_of_three(), keep=keep)
    assert [r["id"] for r in out] == [expected]
    assert out[0]["cluster_id"] == expected and out[0]["dup_count"] == 3


def test_the_wire_credit_is_recorded() -> None:
    out, _ = run(cluster_of_three(), mode="mark")
    wires = {r["id"]: r.get("wire") for r in out}
    assert wires == {"short-late": None, "full-wire": "AP", "padded-early": None}


def test_detect_wire_reads_credits_at_the_start_or_the_end() -> None:
    assert detect_wire("LONDON (Reuters) - Shares fell.") == "Reuters"
    assert detect_wire("PARIS, May 2 (AFP) \u2014 Strikes.") == "AFP"
    assert detect_wire("Body text. " * 80 + "Copyright The Associated Press.") == "AP"
    assert detect_wire("CAPITAL REPORT - nothing credited here") is None


def test_mark_mode_writes_every_record_in_input_order_with_its_cluster() -> None:
    records = cluster_of_three() + [record("alone", story(11))]
    out, stats = run(records, mode="mark")
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert {r["cluster_id"] for r in out[:3]} == {"full-wire"}
    assert out[3]["cluster_id"] == "alone" and out[3]["dup_count"] == 1
    assert not stats.dropped


def test_unknown_fields_travel_untouched_and_new_fields_come_last() -> None:
    rec = {"id": "x", "meta": {"k": [1, 2]}, "text": " ".join(story(12)), "lang": "en"}
    out, _ = run([rec])
    assert list(out[0]) == ["id", "meta", "text", "lang", "cluster_id", "dup_count"]
    assert out[0]["meta"] == {"k": [1, 2]}


def test_window_days_keeps_reprints_months_apart_separate() -> None:
    paragraphs = story(13)
    records = [record("jan", paragraphs, date="2024-01-02"),
               record("jun", paragraphs[:-1], date="2024-06-02")]
    assert len(run(records)[0]) == 1
    assert len(run(records, window_days=3)[0]) == 2
    assert len(run(records, window_days=200)[0]) == 1


def test_same_domain_skip_ignores_an_outlets_own_update() -> None:
    paragraphs = story(14)
    records = [record("v1", paragraphs, domain="herald.example"),
               record("v2", [*paragraphs, "Update: the council replied on Friday."], url="https://www.herald.example/x")]
    assert len(run(records)[0]) == 1
    assert len(run(records, same_domain="skip")[0]) == 2


def test_short_records_fall_back_to_the_normalized_title() -> None:
    records = [
        record("brief-1", ["Storm closes the coast road."], title="Storm closes coast road at Riverton"),
        record("brief-2", ["Coast road shut by the storm, police say."],
               title="STORM CLOSES COAST ROAD AT RIVERTON!"),
        record("brief-3", ["Coast road shut by the storm, police say."], title="Ferry cancelled"),
        record("brief-4", ["A different short item on the harbour."],
               title="Harbour fees rise again in Riverton"),
    ]
    out, stats = run(records, mode="mark", min_tokens=30)
    found = clusters(out)
    assert found["brief-1"] == found["brief-2"]
    assert found["brief-3"] == "brief-3"  # the same text under another title: the title is part of the story
    assert found["brief-4"] == "brief-4"
    assert stats.counts["short_records"] == 4
    by_text = clusters(run(records, mode="mark", short_match="text", min_tokens=30)[0])
    assert by_text["brief-1"] == "brief-1" and by_text["brief-2"] == "brief-2"


def test_a_short_record_joins_the_long_record_with_its_title() -> None:
    paragraphs = story(15)
    records = [record("long", paragraphs, title="Council approves the harbour levy"),
               record("card", [paragraphs[0][:60]], title="Council approves the harbour levy")]
    out, _ = run(records, mode="mark")
    assert clusters(out) == {"long": "long", "card": "long"}


def test_clusters_are_the_same_whatever_the_input_order() -> None:
    records = list(generate(240, 5))
    reference, _ = run(records, mode="mark")
    expected = clusters(reference)
    kept = {r["id"] for r in run(records)[0]}
    assert len(set(expected.values())) < len(records)  # the corpus has clusters to get right
    for seed in (1, 2):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert clusters(run(shuffled, mode="mark")[0]) == expected
        assert {r["id"] for r in run(shuffled)[0]} == kept


def test_clusters_file_lists_every_cluster_of_two_or_more(tmp_path: Any) -> None:
    path = tmp_path / "clusters.jsonl"
    records = [{**r, "title": f"Harbour levy ({r['id']})"} for r in cluster_of_three()] + [record("alone", story(16))]
    run(records, clusters=str(path))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == 1
    assert lines[0]["cluster_id"] == lines[0]["kept"] == "full-wire"
    members = lines[0]["members"]
    assert [m["id"] for m in members] == ["full-wire", "padded-early", "short-late"]
    assert members[0]["similarity"] == 1.0
    assert all(0.0 < m["similarity"] <= 1.0 for m in members)
    titles = {r["id"]: r.get("title") for r in records}
    assert [m["title"] for m in members] == [titles[m["id"]] for m in members]


def test_empty_input_and_records_without_words() -> None:
    assert run([])[0] == []
    out, stats = run([record("p1", ["..."]), record("p2", ["..."]), record("p3", ["!!!"])])
    assert [r["id"] for r in out] == ["p1", "p3"]
    assert stats.dropped == {"duplicate_exact": 1}


def test_plain_function_and_manifest_counts() -> None:
    stats = StageStats("dedup")
    out = list(dedup(iter(cluster_of_three()), DedupConfig(), stats))
    assert len(out) == 1
    assert stats.counts["clusters"] == 1 and stats.counts["candidate_pairs"] >= 1


@pytest.mark.parametrize("options", [
    {"bands": 4}, {"bands": 40, "rows": 4}, {"threshold": 1.5}, {"keep": "best"}, {"window_days": -1},
])
def test_bad_options_are_reported(options: dict[str, Any]) -> None:
    with pytest.raises(CorpusError):
        Dedup(replace(DedupConfig(), **options))


def test_the_two_seed_articles_of_one_outlet_stay_apart() -> None:
    from corpus_tools.io.readers import Reader
    from corpus_tools.io.rejects import RejectPolicy
    from corpus_tools.stages.normalize import Normalize

    folder = shared_path("seeds")
    normalize = Normalize()
    records = [normalize.process(r, StageStats("n").counts)
               for r in Reader(RejectPolicy(), lambda _: None).read(str(folder))]
    out, _ = run([r for r in records if isinstance(r, dict)], mode="mark")
    assert len(out) == 2
    assert [r["dup_count"] for r in out] == [1, 1]


TRAP = Path(__file__).parent.parent / "fixtures" / "template-trap" / "corpus.jsonl"


def test_twenty_short_stories_under_one_long_footer_stay_apart() -> None:
    # No domain, so no outlet boilerplate: only the footer's frequency across the corpus tells it from story.
    records = [json.loads(line) for line in TRAP.read_text().splitlines()]
    analysis = analyse(records, DedupConfig())
    try:
        engine = analysis.engine
        first, second = (np.array(side) for side in zip(*[(0, i) for i in range(1, 20)], strict=True))
        scores = engine.score(first, second)
        assert (scores.containment >= DedupConfig().containment).all()  # the footer alone is a containment
        assert not engine.passes(scores).any()
    finally:
        analysis.close()
    out, stats = run(records)
    assert len(out) == 20 and stats.dropped == {}


def test_copies_of_a_story_printed_many_times_still_merge() -> None:
    # Every shingle of a story printed twenty times is carried by twenty records: that is its story.
    paragraphs = story(300, 12)
    records = [record(f"copy-{i}", paragraphs[:12 - i % 3] + [f"Reporting by desk {i}."]) for i in range(20)]
    out, _ = run(records, mode="mark")
    assert len(set(clusters(out).values())) == 1


def notice(record_id: str, title: str, body: str, day: str = "2026-03-03") -> dict[str, Any]:
    return {"id": record_id, "title": title, "text": body, "date": day}


def test_the_same_notice_of_two_companies_stays_apart_and_a_retitled_refile_joins() -> None:
    body = "Qtly div 12 cts vs 12 cts prior\nPay April 15\nRecord March 31"
    records = [notice("ashby", "Ashby Foods sets quarterly dividend", body),
               notice("belmont", "Belmont Tools sets quarterly dividend", body),
               notice("ashby-refile", "Ashby Foods sets regular quarterly payout", body)]
    assert clusters(run(records, mode="mark")[0]) == {"ashby": "ashby", "belmont": "belmont",
                                                      "ashby-refile": "ashby"}


def test_earnings_tables_of_one_template_stay_apart_when_their_figures_differ() -> None:
    def table(record_id: str, company: str, figures: tuple[str, ...]) -> dict[str, Any]:
        body = ("Shr {} cts vs {} cts\nNet {} mln vs {} mln\nRevs {} mln vs {} mln\nNine mths\n"
                "Shr {} dlrs vs {} dlrs\nNet {} mln vs {} mln\nRevs {} mln vs {} mln").format(*figures)
        return notice(record_id, f"{company} 3rd qtr net", body)

    first = ("41", "37", "12.5", "11.2", "140.1", "131.7", "1.22", "1.09", "36.8", "33.0", "410.3", "388.9")
    other = ("18", "25", "3.1", "4.4", "61.0", "66.2", "55", "71", "9.4", "12.8", "180.5", "190.2")
    corrected = (*first[:5], "131.9", *first[6:])
    records = [table("acme", "Acme Corp", first), table("bolt", "Bolt Industries", other),
               table("acme-corrected", "Acme Corp", corrected)]
    assert clusters(run(records, mode="mark")[0]) == {"acme": "acme", "bolt": "bolt", "acme-corrected": "acme"}


def test_a_recurring_report_with_other_figures_a_week_later_is_another_story() -> None:
    def report(record_id: str, day: str, stocks: str, before: str, share: str) -> dict[str, Any]:
        return notice(record_id, "Harbour grain stocks",
                      f"Grain stocks held in harbour silos stood at {stocks} tonnes on Monday against {before} "
                      f"tonnes a week earlier, the port's grain board said. Wheat made up {share} pct of the "
                      "total, and barley most of the rest, the board said in its weekly statement.", day)

    records = [report("week-1", "2026-03-02", "412,000", "398,500", "61"),
               report("week-2", "2026-03-09", "405,250", "412,000", "58"),
               report("week-1-corrected", "2026-03-02", "412,000", "398,500", "62")]
    found = clusters(run(records, mode="mark")[0])
    assert found == {"week-1": "week-1", "week-2": "week-2", "week-1-corrected": "week-1"}
    assert clusters(run([{**r, "date": None} for r in records], mode="mark")[0])["week-2"] == "week-1"


def test_a_brief_inside_a_story_ten_times_longer_joins_it() -> None:
    full = story(310, 20)
    brief = full[:2]
    records = [record("full", full), record("brief", brief), record("other", story(311, 20))]
    out, _ = run(records, mode="mark")
    assert clusters(out) == {"full": "full", "brief": "full", "other": "other"}


FERRY_PIER = (
    "أعلنت إدارة الميناء أمس افتتاح الرصيف الجديد للعبارات بعد أعمال توسعة استمرت عامين كاملين. "
    "وقال مدير الإدارة في مؤتمر صحفي إن الرصيف سيستقبل ثلاثة آلاف مسافر في اليوم، وإن الرحلات ستبدأ في السادسة "
    "صباحا وتنتهي عند منتصف الليل. وأضاف أن الإدارة خصصت مواقف جديدة للسيارات قرب المحطة، وأن أسعار التذاكر "
    "ستبقى على حالها حتى نهاية العام. وحضر حفل الافتتاح أعضاء في المجلس البلدي وممثلون عن شركات النقل البحري "
    "والصيادين في المدينة.")
NEW_SCHOOL = (
    "افتتحت البلدية مدرسة ابتدائية جديدة في الحي الشمالي تتسع لستمائة تلميذ في صفوفها الأولى. وذكرت مديرة "
    "المدرسة أن المبنى يضم مكتبة ومختبرا للعلوم وملعبا مغطى، وأن الدراسة ستبدأ مطلع الشهر المقبل. وقال رئيس "
    "البلدية إن المشروع كلف أربعة ملايين وإن مدرستين أخريين ستفتحان في العام القادم، وإن النقل المدرسي مجاني.")


def spelled_otherwise(text: str) -> str:
    """Another paper's copy: a short vowel on every word, hamzas dropped from alef, teh marbuta as heh."""
    voweled = " ".join(word[0] + "\u064e" + word[1:] for word in text.split())
    return voweled.translate(str.maketrans({"أ": "ا", "إ": "ا", "ة": "ه"}))


def test_arabic_copies_spelled_otherwise_are_one_story() -> None:
    records = [{"id": "a", "title": "افتتاح الرصيف الجديد للعبارات", "text": FERRY_PIER},
               {"id": "b", "title": spelled_otherwise("افتتاح الرصيف الجديد للعبارات"),
                "text": spelled_otherwise(FERRY_PIER)},
               {"id": "c", "title": "مدرسة جديدة في الحي الشمالي", "text": NEW_SCHOOL}]
    out, _ = run(records, mode="mark")
    found = clusters(out)
    assert found["a"] == found["b"] != found["c"]
