"""`corpus overlap A B`: which records of a test corpus have a near-duplicate in a training corpus or index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from corpus_tools.synthetic.dedup import generate
from tests.conftest import FIXTURES, invoke, parse_jsonl, to_jsonl
from tests.dedup_helpers import record, story

SAMPLE = Path(__file__).resolve().parents[2] / "sample_corpus"


def groups() -> dict[str, str]:
    labels = json.loads((FIXTURES / "sample-corpus" / "labels.json").read_text())
    return {member: name for name, members in labels["duplicate_groups"].items() for member in members}


def test_sample_corpus_split_in_two_finds_the_copies_that_cross(tmp_path: Path) -> None:
    test_set = tmp_path / "test"
    test_set.mkdir()
    shutil.copy(SAMPLE / "valley-crossroads-scrape.csv", test_set)
    shutil.copy(SAMPLE / "feeds" / "evening-crawl.jsonl.gz", test_set)
    shutil.copytree(SAMPLE / "txt", test_set / "txt")
    training = SAMPLE / "feeds" / "morning-crawl.jsonl"
    group = groups()
    training_groups = {group[line["id"]] for line in parse_jsonl(training.read_text())}

    read = invoke(["read", str(test_set)])
    test_ids = [line["id"] for line in parse_jsonl(read.stdout)]
    expected = {i for i in test_ids if group[i] in training_groups}

    result = invoke(["overlap", str(training), str(test_set)])
    assert result.exit_code == 0, result.stderr
    lines = parse_jsonl(result.stdout)
    assert {line["id"] for line in lines} == expected
    for line in lines:
        assert all(group[m["id"]] == group[line["id"]] for m in line["matches"])
        assert all(0 < m["similarity"] <= 1 and 0 < m["containment"] <= 1 for m in line["matches"])
    assert len(test_ids) == 15 and len(expected) >= 6
    assert result.stderr == (f"{len(expected)} of 15 test records ({len(expected) / 15:.1%}) have a "
                             f"near-duplicate in the training set\n")


def split_generated(tmp_path: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    records = list(generate(600, 11))
    training, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    training.write_text(to_jsonl(records[::2]))
    test.write_text(to_jsonl(records[1::2]))
    return training, test, records


def test_generated_corpus_against_its_story_truth(tmp_path: Path) -> None:
    training, test, records = split_generated(tmp_path)
    story_of = {r["id"]: r["story_id"] for r in records}
    training_stories = {r["story_id"] for r in records[::2]}
    truth = {r["id"] for r in records[1::2] if r["story_id"] in training_stories}

    result = invoke(["overlap", str(training), str(test)])
    assert result.exit_code == 0, result.stderr
    lines = parse_jsonl(result.stdout)
    found = {line["id"] for line in lines}
    assert found <= truth
    assert len(found) >= 0.9 * len(truth)
    matches = [(line["id"], m["id"]) for line in lines for m in line["matches"]]
    assert all(story_of[b] == story_of[a] for b, a in matches)
    assert result.stderr.startswith(f"{len(found)} of 300 test records")


def test_an_index_as_the_training_side(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    training = [record(f"old-{i}", story(i)) for i in range(4)]
    assert invoke(["dedup", "--index", str(index)], input=to_jsonl(training)).exit_code == 0
    test = tmp_path / "test.jsonl"
    test.write_text(to_jsonl([record("new-1", story(1)[:9]), record("new-9", story(9))]))

    result = invoke(["overlap", str(index), str(test)])
    assert result.exit_code == 0, result.stderr
    [line] = parse_jsonl(result.stdout)
    assert line["id"] == "new-1" and [m["id"] for m in line["matches"]] == ["old-1"]
    assert line["matches"][0]["containment"] >= 0.7
    assert result.stderr == "1 of 2 test records (50.0%) have a near-duplicate in the index\n"


def test_an_index_keeps_its_own_signature_parameters(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    training = [record(f"old-{i}", story(i)) for i in range(4)]
    made = invoke(["dedup", "--index", str(index), "--num-perm", "64", "--ngram", "4"], input=to_jsonl(training))
    assert made.exit_code == 0, made.stderr
    test = tmp_path / "test.jsonl"
    test.write_text(to_jsonl([record("new-1", story(1)[:9])]))
    result = invoke(["overlap", str(index), str(test)])
    assert result.exit_code == 0, result.stderr
    assert [m["id"] for m in parse_jsonl(result.stdout)[0]["matches"]] == ["old-1"]


def test_thresholds_are_the_dedup_options(tmp_path: Path) -> None:
    training, test, _ = split_generated(tmp_path)
    loose = parse_jsonl(invoke(["overlap", str(training), str(test)]).stdout)
    strict = parse_jsonl(invoke(["overlap", str(training), str(test), "--threshold", "0.95",
                                 "--containment", "0.99"]).stdout)
    assert len(strict) < len(loose)


def test_a_missing_input_is_an_error(tmp_path: Path) -> None:
    result = invoke(["overlap", str(tmp_path / "none.jsonl"), str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def test_stdin_as_both_corpora_is_a_usage_error() -> None:
    result = invoke(["overlap", "-", "-"], input='{"id": "a", "text": "The ferry left at dawn."}\n')
    assert result.exit_code == 2 and "REFERENCE and TEST cannot both be -" in result.stderr


def test_an_index_where_a_corpus_is_read_is_named_as_one(tmp_path: Path) -> None:
    """Given as TEST, or to `read`, an index's header was read as JSONL: "index.json:1: invalid JSON"."""
    corpus = tmp_path / "a.jsonl"
    corpus.write_text(to_jsonl([{"id": "a", "text": "The harbour board met on Tuesday and agreed the new fees."}]))
    index = tmp_path / "seen"
    assert invoke(["-q", "read", str(corpus), "dedup", "--index", str(index)]).exit_code == 0
    for args in (["overlap", str(corpus), str(index)], ["read", str(index)]):
        result = invoke(args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {index}: a dedup index, not a corpus")
