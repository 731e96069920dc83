"""`corpus boilerplate learn` and `corpus strip --model`, and `corpus eval strip` on a generated set."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES, invoke, parse_jsonl

STORIES = FIXTURES / "outlet-footer" / "stories.jsonl"
FOOTER = "The Lantern is carried by the river towns and their readers, every single week."


def test_learn_writes_a_model_that_strip_uses(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    learned = invoke(["boilerplate", "learn", str(STORIES), "-o", str(model)])
    assert learned.exit_code == 0, learned.stderr
    assert learned.stdout == ""
    assert "boilerplate line(s) in 1 of 1 outlet(s)" in learned.stderr
    saved = json.loads(model.read_text())
    texts = [line["text"] for line in saved["outlets"]["lantern.example"]["lines"].values()]
    assert FOOTER in texts
    assert not any("ferry" in text or "coastguard" in text for text in texts)  # the republished story stays
    stripped = invoke(["read", str(STORIES), "strip", "--model", str(model)])
    assert stripped.exit_code == 0, stripped.stderr
    assert all(FOOTER not in r["text"] for r in parse_jsonl(stripped.stdout))


def test_learn_reads_stdin(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    result = invoke(["boilerplate", "learn", "-", "-o", str(model)], input=STORIES.read_text())
    assert result.exit_code == 0, result.stderr
    assert json.loads(model.read_text())["format"] == "corpus-tools/boilerplate-model"


def test_learn_runs_alone() -> None:
    result = invoke(["boilerplate", "learn", str(STORIES), "-o", "m.json", "strip"])
    assert result.exit_code == 2
    assert "runs alone" in result.stderr


def test_a_missing_input_is_an_error(tmp_path: Path) -> None:
    result = invoke(["boilerplate", "learn", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr
    assert not (tmp_path / "m.json").exists()


def test_a_model_that_is_not_one_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text("[1, 2]", encoding="utf-8")
    result = invoke(["strip", "--model", str(model)], input="")
    assert result.exit_code == 1
    assert "not a boilerplate model" in result.stderr


def test_eval_strip_reports_precision_recall_and_body_lost(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    assert invoke(["generate", "strip", str(truth), "--count", "300", "--seed", "5"]).exit_code == 0
    result = invoke(["eval", "strip", "--truth", str(truth), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 300
    assert set(report["metrics"]) == {"precision", "recall", "body_lost", "rules_only.precision",
                                      "rules_only.recall", "rules_only.body_lost"}
    assert report["targets"] == {"precision": ">= 0.98", "recall": ">= 0.95", "body_lost": "<= 0.005"}
    assert report["metrics"]["recall"] > report["metrics"]["rules_only.recall"]
    assert report["passed"] is True


def test_generated_truth_spans_point_at_boilerplate(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    invoke(["generate", "strip", str(truth), "--count", "50", "--seed", "2"])
    records = parse_jsonl(truth.read_text())
    again = tmp_path / "again.jsonl"
    invoke(["generate", "strip", str(again), "--count", "50", "--seed", "2"])
    assert again.read_text() == truth.read_text()
    for record in records:
        for start, end, category in record["boilerplate_spans"]:
            piece = record["text"][start:end]
            assert piece == piece.strip() and piece and category


def test_learn_never_writes_its_model_over_its_input(tmp_path: Path) -> None:
    corpus = tmp_path / "stories.jsonl"
    corpus.write_bytes(STORIES.read_bytes())
    result = invoke(["boilerplate", "learn", str(corpus), "-o", str(corpus)])
    assert result.exit_code == 2 and "is a file this command reads" in result.stderr
    assert corpus.read_bytes() == STORIES.read_bytes()


def test_learn_names_the_lines_it_skipped_and_where_they_went(tmp_path: Path) -> None:
    corpus = tmp_path / "stories.jsonl"
    corpus.write_bytes(STORIES.read_bytes() + b"not json\n")
    result = invoke(["--on-error", "skip", "boilerplate", "learn", str(corpus), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 0
    assert "skipped 1 bad input line(s), not kept; add --rejects FILE to keep them" in result.stderr
    rejects = tmp_path / "rejects.jsonl"
    result = invoke(["--on-error", "skip", "--rejects", str(rejects), "boilerplate", "learn", str(corpus), "-o",
                     str(tmp_path / "m.json")])
    assert f", written to {rejects};" in result.stderr and parse_jsonl(rejects.read_text())[0]["raw"] == "not json"
