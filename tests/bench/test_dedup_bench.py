"""The dedup benchmark runs end to end on a tiny corpus (no timing is asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_tools.bench.dedup_bench import format_table, main, run
from tests.conftest import invoke


def test_bench_measures_our_stage_and_scores_its_clusters() -> None:
    rows = run(80, 2, subset=50, engines=("corpus-tools",), rounds=1)
    assert [(r["engine"], r["records"]) for r in rows] == [
        ("generator", 80), ("corpus-tools", 80), ("corpus-tools", 50)]
    ours = rows[2]
    assert ours["speedup"] == 1.0
    assert ours["bytes_per_record_held"] > 128 * 4
    assert 0.0 <= ours["ari"] <= 1.0 and ours["clusters"] <= 50
    table = format_table(rows)
    assert table.splitlines()[0].startswith("engine") and "corpus-tools" in table


def test_one_engine_needs_a_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--engine", "corpus-tools"])
    assert exit_info.value.code == 2 and "--engine needs --corpus FILE" in capsys.readouterr().err


def test_one_engine_on_a_corpus_prints_its_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "articles.jsonl"
    invoke(["generate", "dedup", str(corpus), "--count", "60", "--seed", "2"])
    main(["--engine", "corpus-tools", "--corpus", str(corpus), "--limit", "40"])
    row = json.loads(capsys.readouterr().out)
    assert row["engine"] == "corpus-tools" and row["records"] == 40 and row["ari"] > 0.5
