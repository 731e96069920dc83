"""`corpus conflicts`: clusters whose copies disagree on a label are listed, counted, and optionally dropped."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke, parse_jsonl, to_jsonl

RECORDS = [
    {"id": "a1", "text": "x", "cluster_id": "a1", "type": "reliable"},
    {"id": "a2", "text": "x", "cluster_id": "a1", "type": "fake"},
    {"id": "b1", "text": "y", "cluster_id": "b1", "type": "fake"},
    {"id": "b2", "text": "y", "cluster_id": "b1", "type": "fake"},
    {"id": "c1", "text": "z", "cluster_id": "c1", "type": "satire"},
    {"id": "a3", "text": "x", "cluster_id": "a1"},
]


def test_lists_conflicting_clusters_and_keeps_records(tmp_path: Path) -> None:
    report = tmp_path / "conflicts.jsonl"
    manifest = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest), "conflicts", "--report", str(report)], input=to_jsonl(RECORDS))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["a1", "a2", "b1", "b2", "c1", "a3"]
    assert parse_jsonl(report.read_text()) == [
        {"cluster_id": "a1", "labels": {"fake": 1, "reliable": 1}, "without_label": 1, "members": ["a1", "a2", "a3"]}]
    (stage,) = [s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "conflicts"]
    counts = stage["counts"]
    assert counts["clusters_conflicting"] == 1 and counts["records_in_conflicting_clusters"] == 3
    assert counts["labels.fake vs reliable"] == 1
    assert counts["records_without_label"] == 1


def test_any_text_is_a_label_and_only_a_missing_or_empty_one_is_none() -> None:
    records = [{"id": "a", "text": "x", "cluster_id": "a", "type": "(none)"},
               {"id": "b", "text": "x", "cluster_id": "a", "type": "fake"},
               {"id": "c", "text": "y", "cluster_id": "c", "type": ""},
               {"id": "d", "text": "y", "cluster_id": "c", "type": "fake"}]
    result = invoke(["conflicts", "--drop-conflicting"], input=to_jsonl(records))
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["c", "d"]


def test_drop_conflicting_is_a_counted_drop(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest), "conflicts", "--label-field", "type", "--drop-conflicting"],
                    input=to_jsonl(RECORDS))
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["b1", "b2", "c1"]
    balance = json.loads(manifest.read_text())["balance"]
    assert balance["dropped"] == {"label_conflict": 3} and balance["balanced"]


def test_needs_cluster_ids() -> None:
    result = invoke(["conflicts"], input=to_jsonl([{"id": "a", "text": "x"}]))
    assert result.exit_code == 1 and "run `dedup --mode mark` before `conflicts`" in result.stderr


def test_a_copy_without_the_label_is_no_side_and_labels_read_as_json(tmp_path: Path) -> None:
    report = tmp_path / "conflicts.jsonl"
    records = [
        {"id": "d1", "text": "x", "cluster_id": "d1", "type": "fake"},
        {"id": "d2", "text": "x", "cluster_id": "d1"},
        {"id": "e1", "text": "y", "cluster_id": "e1", "type": 1},
        {"id": "e2", "text": "y", "cluster_id": "e1", "type": "1"},
        {"id": "f1", "text": "z", "cluster_id": "f1", "type": ["x"]},
        {"id": "f2", "text": "z", "cluster_id": "f1", "type": {"k": True}},
    ]
    result = invoke(["conflicts", "--report", str(report), "--drop-conflicting"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["d1", "d2", "e1", "e2"]
    assert parse_jsonl(report.read_text()) == [
        {"cluster_id": "f1", "labels": {'["x"]': 1, '{"k":true}': 1}, "without_label": 0, "members": ["f1", "f2"]}]
