"""The dedup benchmark runs end to end on a tiny corpus (no timing is asserted)."""

from __future__ import annotations

from corpus_tools.bench.dedup_bench import format_table, run


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
