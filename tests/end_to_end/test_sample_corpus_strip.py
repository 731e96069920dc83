"""`corpus read sample_corpus normalize strip` against the corpus's labels: every boilerplate line goes, every
body sentence stays, and the record that is nothing but boilerplate is dropped and counted."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, invoke, parse_jsonl

SAMPLE = ROOT / "sample_corpus"
LABELS: dict[str, Any] = json.loads((FIXTURES / "sample-corpus" / "labels.json").read_text(encoding="utf-8"))
RECORDS: dict[str, dict[str, Any]] = LABELS["records"]
EMPTY = set(LABELS["empty_after_strip"])
KEPT = sorted(set(RECORDS) - EMPTY)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")


def run_strip(tmp_path_factory: pytest.TempPathFactory, *options: str) -> tuple[dict[str, Any], dict[str, Any]]:
    manifest_path = tmp_path_factory.mktemp("strip") / "manifest.json"
    result = invoke(["--manifest", str(manifest_path), "read", str(SAMPLE), "normalize", "strip", *options])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return {r["id"]: r for r in parse_jsonl(result.stdout)}, manifest


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """One `strip` run (learning is the default) for the module: the records by id and the manifest."""
    return run_strip(tmp_path_factory)


@pytest.fixture(scope="module")
def rules_only(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_strip(tmp_path_factory, "--no-learn")[0]


def left_over(line: str, text: str) -> list[str]:
    """The labelled line if it is still there, else the sentences of it still there (a line half removed is
    not gone); pieces of fewer than four words ("Mai 2024") could occur in any text and are not checked."""
    if line in text:
        return [line]
    return [s for s in _SENTENCE_BREAK.split(line) if len(s.split()) >= 4 and s in text]


@pytest.mark.parametrize("record_id", KEPT)
def test_every_boilerplate_line_goes_and_every_body_sentence_stays(learned: Any, record_id: str) -> None:
    records, _ = learned
    text = records[record_id]["text"]
    label = RECORDS[record_id]
    assert [piece for line in label["boilerplate"] for piece in left_over(line, text)] == []
    assert [sentence for sentence in label["body"] if sentence not in text] == []


@pytest.mark.parametrize("record_id", KEPT)
def test_rules_alone_take_all_but_what_only_learning_can_find(rules_only: dict[str, Any], record_id: str) -> None:
    text = rules_only[record_id]["text"]
    label = RECORDS[record_id]
    generic = [line for line in label["boilerplate"] if line not in label["learned"]]
    assert [piece for line in generic for piece in left_over(line, text)] == []
    assert [sentence for sentence in label["body"] if sentence not in text] == []


def test_the_record_of_nothing_but_boilerplate_is_dropped_and_counted(learned: Any) -> None:
    records, manifest = learned
    assert EMPTY and not EMPTY & set(records)
    assert len(records) == LABELS["record_count"] - len(EMPTY)
    stage = next(s for s in manifest["stages"] if s["name"] == "strip")
    assert stage["dropped"] == {"empty_after_strip": len(EMPTY)}
    assert stage["counts"]["learned.lines"] >= sum(len(p) for p in LABELS["learned_boilerplate"].values())
