"""The chain bench's side-by-side run: ours and the hand-written chain on one file, with the ratio of their times."""

from __future__ import annotations

from pathlib import Path

from corpus_tools.bench.chain_bench import CHAIN, compare_handwritten, corpus_file, markdown


def test_handwritten_comparison_runs_both_chains_on_the_same_file(tmp_path: Path) -> None:
    source = corpus_file(str(tmp_path), "generated", 120, 3, lambda _: None)
    row = compare_handwritten(source, str(tmp_path), 120, 1, CHAIN, "generated")
    assert row["articles"] == 120 and row["ours_written"] <= 120 and 0 < row["handwritten_written"] <= 120
    assert row["ours_cpu_s"] > 0 and row["handwritten_cpu_s"] > 0
    assert abs(row["speedup"] - row["handwritten_s"] / row["ours_s"]) < 0.1
    assert row["meets_speedup"] == (row["handwritten_s"] / row["ours_s"] >= 8)
    table = markdown({"chain": [], "handwritten": [row], "baselines": {}})
    assert f"| generated | 120 | {row['ours_s']} | {row['ours_cpu_s']} | {row['handwritten_s']} " in table
