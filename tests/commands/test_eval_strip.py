"""`corpus eval strip --corpus`: span-judged real sets, the team's fixture and the shared set."""

from __future__ import annotations

import json
from pathlib import Path

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
