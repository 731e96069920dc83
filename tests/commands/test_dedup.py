"""`corpus dedup` through the CLI: JSONL in and out, the clusters file, the manifest, the usage errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke, parse_jsonl, to_jsonl
from tests.dedup_helpers import record, story


def corpus() -> list[dict[str, Any]]:
    full = story(31, 16)
    credited = ["RIVERTON (AP) \u2014 " + full[0], *full[1:]]
    return [
        record("wire", credited, date="2024-03-03", domain="wire.example"),
        record("copy", full[:11], date="2024-03-04", domain="paper.example"),
        record("wire-copy", credited, date="2024-03-05", domain="other.example"),
        record("alone", story(32), date="2024-03-04", domain="paper.example"),
    ]


def test_drop_mode_writes_one_record_per_cluster_in_input_order(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    result = invoke(["--manifest", str(manifest), "dedup"], input=to_jsonl(corpus()))
    assert result.exit_code == 0, result.stderr
    out = parse_jsonl(result.stdout)
    summary = [(r["id"], r["cluster_id"], r["dup_count"]) for r in out]
    assert summary == [("wire", "wire", 3), ("alone", "alone", 1)]
    assert out[0]["wire"] == "AP"
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "dedup")
    assert stage["dropped"] == {"duplicate_exact": 1, "duplicate_near": 1}
    assert stage["options"]["threshold"] == 0.4 and stage["options"]["keep"] == "complete"
    assert result.stderr == ""


def test_mark_mode_and_a_keep_policy(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    result = invoke(["--manifest", str(manifest), "dedup", "--mode", "mark", "--keep", "earliest"],
                    input=to_jsonl(corpus()))
    assert result.exit_code == 0
    out = parse_jsonl(result.stdout)
    assert [r["id"] for r in out] == ["wire", "copy", "wire-copy", "alone"]
    assert [r["cluster_id"] for r in out] == ["wire", "wire", "wire", "alone"]
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "dedup")
    assert stage["dropped"] == {}
    assert (stage["counts"]["marked.duplicate_exact"], stage["counts"]["marked.duplicate_near"]) == (1, 1)


def test_clusters_file(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    result = invoke(["dedup", "--clusters", str(path)], input=to_jsonl(corpus()))
    assert result.exit_code == 0
    clusters = parse_jsonl(path.read_text())
    assert [c["kept"] for c in clusters] == ["wire"]
    assert [m["id"] for m in clusters[0]["members"]] == ["wire", "copy", "wire-copy"]


def test_window_and_same_domain_options_reach_the_stage() -> None:
    records = corpus()
    records[1]["domain"] = "wire.example"
    result = invoke(["dedup", "--mode", "mark", "--same-domain", "skip", "--window-days", "1"],
                    input=to_jsonl(records))
    assert result.exit_code == 0
    found = {r["id"]: r["cluster_id"] for r in parse_jsonl(result.stdout)}
    assert found["copy"] == "copy"  # same outlet as the wire copy
    assert found["wire-copy"] == "wire"  # an exact copy: window and domain rules are for near copies


def test_calibrate_reports_on_stderr_and_passes_records_through() -> None:
    result = invoke(["dedup", "--calibrate"], input=to_jsonl(corpus()))
    assert result.exit_code == 0
    assert len(parse_jsonl(result.stdout)) == 4
    assert "P(candidate) for a pair of Jaccard similarity J" in result.stderr
    assert "<- threshold" in result.stderr
    assert "words in common" in result.stderr
    biggest = result.stderr[result.stderr.index("largest clusters (of 1 with two or more records)"):].splitlines()
    assert biggest[2].split() == ["3", "records,", "kept", "wire"]
    assert biggest[3].split()[:2] == ["1.000", "wire"]
    assert {line.split()[1] for line in biggest[4:6]} == {"copy", "wire-copy"}


def test_calibrate_shows_control_characters_of_the_corpus_and_does_not_obey_them() -> None:
    records = [{**record, "id": f"{record['id']}\x1b[2J", "title": "Fees \x1b]0;up\x07"} for record in corpus()]
    result = invoke(["dedup", "--calibrate"], input=to_jsonl(records))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr and "Fees \\x1b]0;up\\x07" in result.stderr


@pytest.mark.parametrize("option", [["--seed", "-1"], ["--seed", str(2**32)], ["--ngram", "0"],
                                    ["--ngram", "99999999999999999999"], ["--num-perm", "100000000"]])
def test_a_seed_ngram_or_num_perm_out_of_range_is_a_usage_error(option: list[str]) -> None:
    result = invoke(["dedup", *option], input="")
    assert result.exit_code == 2 and f"Invalid value for '{option[0]}'" in result.stderr


def test_bands_without_rows_is_a_usage_error() -> None:
    result = invoke(["dedup", "--bands", "8"], input=to_jsonl(corpus()))
    assert result.exit_code == 2
    assert "give both --bands and --rows" in result.stderr
    assert result.stdout == ""


def test_bands_times_rows_above_num_perm_is_a_usage_error() -> None:
    result = invoke(["dedup", "--bands", "40", "--rows", "4"], input=to_jsonl(corpus()))
    assert result.exit_code == 2
    assert "must be at most num-perm (128)" in result.stderr


def test_bad_json_names_the_line() -> None:
    result = invoke(["dedup"], input=to_jsonl(corpus()[:1]) + "{not json\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: <stdin>:2: invalid JSON")


def test_chains_after_normalize_and_into_write(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl(corpus()))
    result = invoke(["read", str(source), "normalize", "dedup", "write", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    written = parse_jsonl((tmp_path / "out" / "part-00000.jsonl").read_text())
    assert [r["id"] for r in written] == ["wire", "alone"]


def test_a_clusters_file_beside_the_output_follows_the_umask(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.jsonl"
    previous = os.umask(0o022)
    try:
        result = invoke(["dedup", "--clusters", str(clusters)], input=to_jsonl(corpus()))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    assert clusters.read_text() and (clusters.stat().st_mode & 0o777) == 0o644


def test_explain_sets_a_bad_line_aside_under_on_error_skip(tmp_path: Path) -> None:
    """explain read its corpus under `fail` whatever --on-error said."""
    lines = '{"id": "a", "text": "The ferry leaves the harbour at noon."}\nnot json\n' \
            '{"id": "b", "text": "The ferry leaves the harbour at noon."}\n'
    failed = invoke(["explain", "a", "b"], input=lines)
    assert failed.exit_code == 1 and "<stdin>:2: invalid JSON" in failed.stderr
    result = invoke(["explain", "a", "b", "--on-error", "skip", "--rejects", str(tmp_path / "bad.jsonl")], input=lines)
    assert result.exit_code == 0, result.stderr
    assert "exact copy (same normalized story)      yes" in result.stdout
    assert f"skipped 1 bad input line(s), written to {tmp_path / 'bad.jsonl'}; first: <stdin>:2" in result.stderr
    assert json.loads((tmp_path / "bad.jsonl").read_text())["line"] == 2
