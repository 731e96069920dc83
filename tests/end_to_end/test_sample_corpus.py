"""sample_corpus/ reads cleanly and agrees with its labels, which the tests of every later stage rely on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, invoke, parse_jsonl

SAMPLE = ROOT / "sample_corpus"
LABELS_PATH = FIXTURES / "sample-corpus" / "labels.json"
LABELS: dict[str, Any] = json.loads(LABELS_PATH.read_text(encoding="utf-8"))
RECORD_LABELS: dict[str, dict[str, Any]] = LABELS["records"]
NOT_DATA = {"README.md"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], dict[str, dict[str, Any]]]:
    """One `corpus read sample_corpus/ normalize` for the whole module: result, manifest, records by id."""
    manifest_path = tmp_path_factory.mktemp("sample") / "manifest.json"
    result = invoke(["--manifest", str(manifest_path), "read", str(SAMPLE), "normalize"])
    records = parse_jsonl(result.stdout)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return result, manifest, {r["id"]: r for r in records}


def test_read_normalize_succeeds_with_only_the_readme_skipped(run: Any) -> None:
    """The README is said; git's .gitattributes, hidden housekeeping, is in the manifest only."""
    result, manifest, _ = run
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1
    assert "skipped 1 file(s) of unknown format" in warnings[0] and "README.md" in warnings[0]
    assert [(s["path"].rsplit("/", 1)[-1], s["reason"]) for s in manifest["read"]["skipped"]] == [
        ("README.md", "unknown format"), (".gitattributes", "hidden (its name starts with '.')")]


def test_every_data_file_is_read_without_rejects(run: Any) -> None:
    _, manifest, _ = run
    data_files = sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*")
                        if p.is_file() and p.name not in NOT_DATA and not p.name.startswith("."))
    inputs = {Path(i["path"]).resolve().relative_to(SAMPLE).as_posix(): i for i in manifest["read"]["files"]}
    assert sorted(inputs) == data_files
    assert all(i["records"] >= 1 and i["rejected"] == 0 for i in inputs.values())
    assert {i["format"] for i in inputs.values()} == {"jsonl", "csv", "txt", "html"}
    assert any(name.endswith(".jsonl.gz") for name in inputs)
    assert manifest["rejected"]["count"] == 0


def test_corpus_exercises_every_normalize_fix(run: Any) -> None:
    _, manifest, _ = run
    normalize = next(stage for stage in manifest["stages"] if stage["name"] == "normalize")
    assert set(normalize["counts"]) == {"encoding", "unicode_nfc", "invisible", "markdown", "whitespace"}
    crlf = (SAMPLE / "txt" / "pinecrest-gazette" / "2024-05-14-harbour-dredging.txt").read_bytes()
    assert b"\r\n" in crlf and "\u200b".encode() in crlf


def test_record_count_and_unique_ids(run: Any) -> None:
    result, _, _ = run
    ids = [r["id"] for r in parse_jsonl(result.stdout)]
    assert len(ids) == LABELS["record_count"]
    assert len(set(ids)) == len(ids)


def test_every_record_is_labelled_once(run: Any) -> None:
    _, _, by_id = run
    assert set(by_id) == set(RECORD_LABELS)
    members = Counter(rid for group in LABELS["duplicate_groups"].values() for rid in group)
    assert set(members) == set(by_id)
    assert max(members.values()) == 1
    for story, group in LABELS["duplicate_groups"].items():
        assert all(RECORD_LABELS[rid]["story"] == story for rid in group)


def test_language_and_empty_labels_name_real_records(run: Any) -> None:
    _, _, by_id = run
    languages = LABELS["languages"]
    assert set(languages) <= set(by_id)
    assert LABELS["default_language"] not in languages.values()
    assert 5 <= len(languages) <= 8
    assert set(LABELS["empty_after_strip"]) <= set(by_id)


@pytest.mark.parametrize("record_id", sorted(RECORD_LABELS))
def test_labelled_spans_occur_after_normalize(run: Any, record_id: str) -> None:
    _, _, by_id = run
    text = by_id[record_id]["text"]
    label = RECORD_LABELS[record_id]
    missing = [s for s in label["boilerplate"] + label["body"] if s not in text]
    assert missing == []
    assert set(label["learned"]) <= set(label["boilerplate"])
    assert not any(b in bp or bp in b for b in label["body"] for bp in label["boilerplate"])


def test_each_record_has_body_to_keep_unless_it_is_all_boilerplate(run: Any) -> None:
    _, _, by_id = run
    empty = set(LABELS["empty_after_strip"])
    for record_id, label in RECORD_LABELS.items():
        if record_id in empty:
            remainder = by_id[record_id]["text"]
            for line in label["boilerplate"]:
                remainder = remainder.replace(line, "")
            assert label["body"] == [] and remainder.strip() == ""
        else:
            assert label["body"]


def test_learned_boilerplate_recurs_across_stories_of_its_outlet() -> None:
    for domain, paragraphs in LABELS["learned_boilerplate"].items():
        for paragraph in paragraphs:
            stories = {label["story"] for label in RECORD_LABELS.values()
                       if label["domain"] == domain and paragraph in label["learned"]}
            assert len(stories) >= 3


def test_langid_labels_every_sample_record_as_labelled() -> None:
    labels = json.loads((FIXTURES / "sample-corpus" / "labels.json").read_text())
    result = invoke(["read", str(SAMPLE), "normalize", "langid"])
    assert result.exit_code == 0
    found = {r["id"]: r["lang"] for r in parse_jsonl(result.stdout)}
    expected = {rid: labels["languages"].get(rid, labels["default_language"]) for rid in found}
    assert found == expected


def test_dedup_groups_the_sample_corpus_as_labelled() -> None:
    labels = json.loads((FIXTURES / "sample-corpus" / "labels.json").read_text())
    result = invoke(["read", str(SAMPLE), "normalize", "strip", "--learn", "dedup", "--mode", "mark"])
    assert result.exit_code == 0
    found: dict[str, set[str]] = {}
    for record in parse_jsonl(result.stdout):
        found.setdefault(record["cluster_id"], set()).add(record["id"])
    dropped = set(labels["empty_after_strip"])
    expected = {frozenset(set(group) - dropped) for group in labels["duplicate_groups"].values()} - {frozenset()}
    assert {frozenset(group) for group in found.values()} == expected
