"""`corpus generate dedup` and `corpus eval dedup` on a small generated set."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke


def test_generate_then_eval(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    assert invoke(["generate", "dedup", str(truth), "--count", "300", "--seed", "9"]).exit_code == 0
    assert len(truth.read_text().splitlines()) == 300
    result = invoke(["eval", "dedup", "--truth", str(truth), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["kind"] == "dedup" and report["records"] == 300
    assert set(report["metrics"]) == {"pairwise_precision", "pairwise_recall", "pairwise_f1", "ari"}
    assert report["targets"] == {"ari": ">= 0.95", "pairwise_precision": ">= 0.99"}
    assert report["metrics"]["pairwise_precision"] >= 0.99 and report["metrics"]["ari"] >= 0.9


def test_eval_text_report_and_set_overrides(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    invoke(["generate", "dedup", str(truth), "--count", "120", "--seed", "3"])
    result = invoke(["eval", "dedup", "--truth", str(truth), "--set", "threshold=0.99",
                     "--set", "containment=1.0", "--check"])
    assert "pairwise_recall" in result.stdout and "options: containment=1.0, threshold=0.99" in result.stdout
    assert result.exit_code == 1
    assert result.stderr == "Error: a target was missed\n"


def test_a_truth_file_without_labels_is_an_error(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    truth.write_text('{"id": "a", "text": "no label"}\n')
    result = invoke(["eval", "dedup", "--truth", str(truth)])
    assert result.exit_code == 1
    assert "truth.jsonl:1: a truth record needs id, text and story_id" in result.stderr
