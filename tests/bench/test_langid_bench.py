"""The langid benchmark runs end to end on small inputs (no timing is asserted)."""

from __future__ import annotations

import pytest

from corpus_tools.bench import langid_bench
from corpus_tools.language import ENGINES


def test_every_engine_gets_an_accuracy_row_and_a_two_core_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langid_bench, "shared_data", lambda: None)
    rows = langid_bench.run(60, 1, articles=64)
    engines = [row["engine"] for row in rows if row["data"] == "generated"]
    assert set(engines) <= set(ENGINES) and "langdetect" in engines
    assert all(list(row) == list(langid_bench.COLUMNS) for row in rows)
    for row in rows:
        if row["data"] == "generated":
            assert row["records"] == 60 and row["accuracy"] > 0.8 and row["load_s"] >= 0
        else:
            assert row["data"] == "generated-articles" and row["workers"] == langid_bench.WORKERS
            classic = row["engine"] == "langdetect-classic"
            assert row["records"] == (16 if classic else 64) and row["mean_chars"] > 500
    two_core = [row["engine"] for row in rows if row["data"] == "generated-articles"]
    assert two_core == [*engines, "langdetect --per-paragraph"]
