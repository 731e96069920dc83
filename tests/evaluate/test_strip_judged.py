"""Scoring strip on span-judged sets: token folding, alignment, neutral spans, per-source figures."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.strip import Tally
from corpus_tools.evaluate.strip_judged import (
    NEUTRAL,
    OUTSIDE_BODY,
    SNIPPET,
    evaluate_judged,
    outside_body,
    removed_tokens,
    score_record,
    snippet_spans,
    tokens,
)
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "judged-strip"


def test_tokens_are_folded_and_keep_the_offset_of_their_first_character() -> None:
    text = "Caf&eacute; ＡＢＣ\nÃ©tÃ© Déjà-vu"
    words, starts = tokens(text)
    assert words == ["café", "abc", "été", "déjà", "vu"]
    assert [text[start] for start in starts] == ["C", "Ａ", "Ã", "D", "v"]


def test_a_token_is_removed_when_no_matching_block_holds_it() -> None:
    assert removed_tokens(["a", "b", "c", "d"], ["a", "c", "d"]) == [False, True, False, False]


def test_score_weighs_characters_and_ignores_neutral_spans() -> None:
    text = "Title Line\nStory words here. Share this"
    spans = [(0, 10, "neutral"), (29, 39, "share")]
    tally = Tally()
    score_record(text, "Story words here.", spans, tally, "x")
    assert (tally.hit, tally.wrong, tally.missed, tally.story) == (len("Sharethis"), 0, 0, len("Storywordshere"))
    tally = Tally()
    score_record(text, "Title Line\nwords here. Share this", spans, tally, "x")
    assert (tally.hit, tally.wrong, tally.recall) == (0, len("Story"), 0.0)
    assert tally.missed_by_category["share"] == tally.missed == len("Sharethis")
    assert tally.recall_by_category() == "share 0.000"


def test_the_team_fixture_is_stripped_clean_by_the_default_chain() -> None:
    report = evaluate_judged(str(FIXTURE / "truth.jsonl"), str(FIXTURE / "corpus.jsonl"), {})
    assert report.records == 3
    assert report.metrics == {"precision": 1.0, "recall": 1.0, "body_lost": 0.0}
    assert report.passed
    assert "harbour: precision 1.000, recall 1.000, body lost 0.0000" in report.details


def test_without_in_line_pieces_the_fixture_misses_its_dateline_embed_and_credit(tmp_path: Path) -> None:
    report = evaluate_judged(str(FIXTURE / "truth.jsonl"), str(FIXTURE / "corpus.jsonl"),
                             {"keep_category": "dateline,embed,credit,byline"})
    assert report.metrics["recall"] < 0.5 and not report.passed


def test_a_corpus_whose_ids_the_truth_does_not_know_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "other", "text": "Some words."}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="no record has a judgement"):
        evaluate_judged(str(FIXTURE / "truth.jsonl"), str(corpus), {})


BODY = ["The harbour board voted on Tuesday to keep the night ferry running through the winter months.",
        "Members said the service carried more than two hundred passengers a night during the summer."]


def test_text_outside_the_body_people_marked_is_boilerplate_and_a_repeated_title_is_neutral() -> None:
    text = "\n".join(["Night ferry stays", *BODY, "Share this story on Facebook"])
    spans = outside_body(text, "\n".join(BODY), "Night ferry stays")
    assert spans[0] == (0, len("Night ferry stays"), NEUTRAL)
    assert [text[start:end].strip() for start, end, kind in spans if kind == OUTSIDE_BODY] == [
        "Night ferry stays", "Share this story on Facebook"]


def test_only_the_snippets_a_text_holds_are_scored_and_the_rest_is_neutral() -> None:
    text = "\n".join([*BODY, "Share this story on Facebook"])
    spans = snippet_spans(text, ["keep the night ferry running"], ["share this story", "not in the text"])
    assert [(text[start:end].strip(), kind) for start, end, kind in spans] == [
        ("The harbour board voted on Tuesday to", NEUTRAL), ("through the winter months.\n" + BODY[1], NEUTRAL),
        ("Share this story", SNIPPET), ("on Facebook", NEUTRAL)]
    tally = Tally()
    score_record(text, BODY[0], spans, tally, "page")
    assert (tally.hit, tally.missed, tally.wrong, tally.story) == (len("Sharethisstory"), 0, 0,
                                                                  len("keepthenightferryrunning"))


def test_strip_scores_against_article_bodies(tmp_path: Path) -> None:
    corpus, truth = tmp_path / "pages.jsonl", tmp_path / "bodies.jsonl"
    text = "\n\n".join([*BODY, "Share this story on Facebook, Twitter and Reddit", "© 2024 Harbour Ledger"])
    corpus.write_text(orjson.dumps({"id": "page.html", "text": text}).decode() + "\n", encoding="utf-8")
    truth.write_text(orjson.dumps({"id": "page.html", "body": "\n".join(BODY)}).decode() + "\n", encoding="utf-8")
    report = evaluate_judged(str(truth), str(corpus), {})
    assert report.metrics == {"precision": 1.0, "recall": 1.0, "body_lost": 0.0}


def test_curly_quotes_read_as_windows_1252_are_repaired_before_tokens_are_compared() -> None:
    text = "It\u00e2\u20ac\u2122s here, \u00e2\u20ac\u0153he said\u00e2\u20ac\u009d."
    assert tokens(text)[0] == ["it", "s", "here", "he", "said"]
    tally = Tally()
    score_record(text, "It\u2019s here, \u201che said\u201d.", [], tally, "x")
    assert tally.wrong == 0


def test_a_soft_hyphen_normalize_drops_does_not_count_as_story_removed() -> None:
    text = "The board must capi\u00adtal\u00adize on the vote."
    assert tokens(text)[0] == ["the", "board", "must", "capitalize", "on", "the", "vote"]
    tally = Tally()
    score_record(text, "The board must capitalize on the vote.", [], tally, "x")
    assert tally.wrong == 0



STORIES = [
    "The harbour board voted on Tuesday to keep the night ferry running through the winter months.",
    "A second crane arrived at the container quay after three weeks at sea from the southern yards.",
    "Fishermen landed the largest cod catch in a decade, and prices at the morning auction fell by a third.",
    "The lighthouse keeper's cottage reopened as a museum of the coast's shipwrecks and rescues.",
    "Dredging of the inner basin will close the marina to sailing boats until the end of March.",
    "The pilots' association asked for a new launch after its old one failed an inspection in May.",
    "Schoolchildren planted eelgrass along the breakwater to bring back the seahorses of the bay.",
]
TIDES = "Tide tables for the coming week are printed on the back page."


def test_unjudged_records_of_the_corpus_are_stripped_with_the_judged_one_and_not_scored(tmp_path: Path) -> None:
    """A judged set holds an outlet once or twice, too few stories to learn from; its corpus file may also hold the
    outlet's other stories, as the default chain would see them, and only the judged record is scored."""
    records = [{"id": f"ledger-{n}", "domain": "harbourledger.example", "text": f"{story}\n\n{TIDES}"}
               for n, story in enumerate(STORIES)]
    truth, alone, among = tmp_path / "truth.jsonl", tmp_path / "alone.jsonl", tmp_path / "among.jsonl"
    start = records[0]["text"].index(TIDES)
    truth.write_bytes(orjson.dumps({"id": "ledger-0", "boilerplate_spans": [[start, start + len(TIDES)]],
                                    "boilerplate_kinds": ["note"]}) + b"\n")
    alone.write_bytes(orjson.dumps(records[0]) + b"\n")
    among.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    assert evaluate_judged(str(truth), str(alone), {}).metrics["recall"] == 0.0
    report = evaluate_judged(str(truth), str(among), {})
    assert report.metrics == {"precision": 1.0, "recall": 1.0, "body_lost": 0.0} and report.records == 1
    assert ("6 records without a judgement stripped with the judged ones (learning saw them), not scored"
            in report.details)
    assert evaluate_judged(str(truth), str(among), {"learn": "false"}).metrics["recall"] == 0.0
