"""`corpus bench` end to end on tiny corpora: the chain runs in a subprocess, and the tables report it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_tools.bench import real_news, shared_data
from tests.conftest import invoke


def test_bench_runs_the_chain_on_each_corpus_and_reports_each_target(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    result = invoke(["bench", "--sizes", "200", "--workers", "1", "--baseline-count", "0", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    report = json.loads((out / "results.json").read_text())
    corpora = ["generated", "real"] if real_news.available(shared_data()) else ["generated"]
    assert [run["corpus"] for run in report["chain"]] == corpora
    table = (out / "results.md").read_text()
    for run in report["chain"]:
        assert run["size"] == 200 and run["workers"] == 1
        assert run["records_per_s"] > 0 and run["peak_rss_mb"] > 0 and run["cpu_seconds"] > 0
        assert run["written"] + sum(run["dropped"].values()) == 200
        assert run["meets_memory"] is None  # the issue sets memory targets for 100k and 1M only
        assert [stage["stage"] for stage in run["stages"]][:2] == ["read", "normalize"]
        speed = "met" if run["meets_speed"] else "MISSED"
        assert (f"| {run['corpus']} | 200 | 1 | {run['input_mb']} | {run['seconds']} | {run['records_per_s']:,} "
                f"| {run['cpu_ms_per_record']} |") in table
        assert f"| {speed} | - |" in table
    assert list(report["stage_cpu"]) == corpora
    for rows in report["stage_cpu"].values():
        assert [row["stage"] for row in rows] == ["normalize", "strip", "langid", "dedup"]
        assert rows[0]["records_in"] == 200 and all(row["cpu_ms_per_record"] > 0 for row in rows)
    assert report["handwritten"] == [] and "hand-written" not in table
    assert table in result.stdout


def test_bench_without_real_data_reports_the_generated_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_SHARED_DATA", str(tmp_path / "absent"))
    out = tmp_path / "bench"
    result = invoke(["bench", "--sizes", "100", "--workers", "1", "--baseline-count", "0", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert [run["corpus"] for run in json.loads((out / "results.json").read_text())["chain"]] == ["generated"]
    assert "real-text corpus skipped" in result.stderr


def test_bench_rejects_an_unknown_corpus(tmp_path: Path) -> None:
    result = invoke(["bench", "--sizes", "100", "--corpora", "wiki", "--out", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "unknown bench corpus 'wiki'" in result.stderr


@pytest.mark.parametrize("sizes", ["abc", "-5", "0", "100,1e3"])
def test_bench_sizes_that_are_no_counts_are_a_usage_error(tmp_path: Path, sizes: str) -> None:
    """`--sizes abc` was a traceback; `--sizes -5` ran, to fail on an empty generated file."""
    result = invoke(["bench", "--sizes", sizes, "--out", str(tmp_path / "b")])
    assert result.exit_code == 2 and "is not a count of articles" in result.stderr
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize(("option", "value"), [("--sizes", ",,"), ("--corpora", " , ")])
def test_bench_options_that_name_nothing_are_a_usage_error(tmp_path: Path, option: str, value: str) -> None:
    """They were accepted, and the bench measured nothing and exited 0."""
    result = invoke(["bench", option, value, "--out", str(tmp_path / "b")])
    assert result.exit_code == 2 and "names no" in result.stderr
    assert not (tmp_path / "b").exists()
