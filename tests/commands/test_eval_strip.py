"""`corpus eval strip --corpus`: span-judged real sets, the team's fixture and the shared set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke, shared_path

FIXTURE = Path(__file__).parent.parent / "fixtures" / "judged-strip"


def test_eval_strip_scores_a_judged_corpus() -> None:
    result = invoke(["eval", "strip", "--truth", str(FIXTURE / "truth.jsonl"), "--corpus",
                     str(FIXTURE / "corpus.jsonl"), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 3 and report["passed"]
    assert report["targets"] == {"precision": ">= 0.98", "recall": ">= 0.9", "body_lost": "<= 0.005"}


def test_eval_strip_check_fails_when_a_target_is_missed() -> None:
    result = invoke(["eval", "strip", "--truth", str(FIXTURE / "truth.jsonl"), "--corpus",
                     str(FIXTURE / "corpus.jsonl"), "--set", "keep_category=credit,dateline", "--check"])
    assert result.exit_code == 1
    assert "recall" in result.stdout and "MISSED" in result.stdout


BAD_TRUTH = {
    "a span past the text": ([[0, 10**9]], "lies outside the text's"),
    "a span of one number": ([[1]], "a span must be [start, end] with whole-number offsets"),
    "a span of text": ([["a", "b"]], "a span must be [start, end] with whole-number offsets"),
}


@pytest.mark.parametrize("damage", BAD_TRUTH)
def test_a_bad_judged_span_is_named(tmp_path: Path, damage: str) -> None:
    spans, message = BAD_TRUTH[damage]
    truth = [json.loads(line) for line in (FIXTURE / "truth.jsonl").read_text().splitlines()]
    truth[0] = {**truth[0], "boilerplate_spans": spans, "boilerplate_kinds": ["byline"] * len(spans)}
    (tmp_path / "truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in truth))
    result = invoke(["eval", "strip", "--truth", str(tmp_path / "truth.jsonl"), "--corpus",
                     str(FIXTURE / "corpus.jsonl")])
    assert result.exit_code == 1 and message in result.stderr and truth[0]["id"] in result.stderr


@pytest.mark.parametrize("doubled", ["truth.jsonl", "corpus.jsonl"])
def test_a_record_judged_or_given_twice_is_an_error(tmp_path: Path, doubled: str) -> None:
    for name in ("truth.jsonl", "corpus.jsonl"):
        lines = (FIXTURE / name).read_text()
        (tmp_path / name).write_text(lines + lines.splitlines(keepends=True)[0] if name == doubled else lines)
    result = invoke(["eval", "strip", "--truth", str(tmp_path / "truth.jsonl"), "--corpus",
                     str(tmp_path / "corpus.jsonl")])
    assert result.exit_code == 1 and "appears twice" in result.stderr


@pytest.mark.parametrize("truth,message", [
    ('{"id": "a", "with": [5], "without": ["Copyright"]}\n', ":1: with and without are lists of text snippets"),
    ("", ": no judged record in it"),
])
def test_a_judged_file_of_the_wrong_shape_is_named(tmp_path: Path, truth: str, message: str) -> None:
    """A number among the snippets was a traceback; an empty file was "ids differ"."""
    (tmp_path / "truth.jsonl").write_text(truth)
    (tmp_path / "corpus.jsonl").write_text('{"id": "a", "text": "The ferry left.\\n\\nCopyright Example."}\n')
    result = invoke(["eval", "strip", "--truth", str(tmp_path / "truth.jsonl"), "--corpus",
                     str(tmp_path / "corpus.jsonl")])
    assert result.exit_code == 1 and f"{tmp_path / 'truth.jsonl'}{message}" in result.stderr


@pytest.mark.parametrize("kind", ["strip", "dedup"])
def test_an_empty_labeled_set_is_an_error_not_a_perfect_score(tmp_path: Path, kind: str) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    result = invoke(["eval", kind, "--truth", str(tmp_path / "empty.jsonl"), "--check"])
    assert result.exit_code == 1 and "no labeled records" in result.stderr


def test_corpus_is_only_for_strip() -> None:
    result = invoke(["eval", "dedup", "--truth", str(FIXTURE / "truth.jsonl"), "--corpus",
                     str(FIXTURE / "corpus.jsonl")])
    assert result.exit_code == 2
    assert "only `eval strip` scores a judged corpus" in result.stderr


def test_eval_strip_on_the_shared_real_set() -> None:
    judged = shared_path("eval", "real-boilerplate")
    result = invoke(["eval", "strip", "--truth", str(judged / "truth.jsonl.gz"), "--corpus",
                     str(judged / "corpus.jsonl.gz"), "--json"])
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["precision"] >= 0.98 and metrics["body_lost"] <= 0.005
    assert metrics["recall"] >= 0.75  # 0.125 before in-line pieces and default learning


@pytest.mark.parametrize("override,message", [
    ("keep_category=bogus", "--set keep_category: no rule has category 'bogus'"),
    ("removed=spans.jsonl", "--set removed: an evaluation writes nothing beside its report"),
    ("min_share=2", "--set: min_stories is at least 2 and min_share between 0 and 1"),
])
def test_a_misused_strip_override_is_a_usage_error(override: str, message: str) -> None:
    """An unknown category was accepted (exit 0), --set removed= ignored, and a range error exited 1."""
    result = invoke(["eval", "strip", "--truth", str(FIXTURE / "truth.jsonl"), "--corpus",
                     str(FIXTURE / "corpus.jsonl"), "--set", override])
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {message}")
