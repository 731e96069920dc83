"""`corpus split`: no duplicate cluster in two splits, by hash or by date, deterministic."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke, parse_jsonl, to_jsonl


def clustered(n_clusters: int, copies: int = 3) -> list[dict[str, Any]]:
    records = []
    for c in range(n_clusters):
        for k in range(copies):
            records.append({"id": f"c{c}-{k}", "text": f"Story {c}, copy {k}.", "cluster_id": f"c{c}-0",
                            "date": f"2024-0{1 + (c % 6)}-{10 + k}"})
    return records


def read_splits(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {name: parse_jsonl("".join(p.read_text() for p in sorted((out / name).glob("part-*.jsonl"))))
            for name in ("train", "validation", "test")}


def test_no_cluster_crosses_splits_and_ratios_hold(tmp_path: Path) -> None:
    out = tmp_path / "splits"
    result = invoke(["split", str(out), "--ratios", "0.8,0.1,0.1", "--seed", "7"], input=to_jsonl(clustered(600)))
    assert result.exit_code == 0, result.stderr
    splits = read_splits(out)
    where: dict[str, set[str]] = defaultdict(set)
    for name, records in splits.items():
        for record in records:
            where[record["cluster_id"]].add(name)
    assert all(len(names) == 1 for names in where.values())
    assert sum(len(r) for r in splits.values()) == 1800
    train_share = len(splits["train"]) / 1800
    assert 0.75 < train_share < 0.85 and len(splits["validation"]) > 0 and len(splits["test"]) > 0
    manifest = json.loads((out / "manifest.json").read_text())
    counts = manifest["stages"][-1]["counts"]
    assert counts["clusters_in_two_splits"] == 0
    assert counts["train.records"] == len(splits["train"])
    assert {o["path"].split("/")[0] for o in manifest["write"]["outputs"]} == {"train", "validation", "test"}


def test_same_seed_same_split_other_seed_differs(tmp_path: Path) -> None:
    data = to_jsonl(clustered(200))
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert invoke(["split", str(tmp_path / name), "--seed", seed], input=data).exit_code == 0
    a, b, c = (read_splits(tmp_path / n) for n in ("a", "b", "c"))
    assert a == b and a != c


def test_by_date_dates_a_cluster_by_its_earliest_copy(tmp_path: Path) -> None:
    records = [
        {"id": "old", "text": "x", "cluster_id": "old", "date": "2024-01-05"},
        {"id": "old-reprint", "text": "x", "cluster_id": "old", "date": "2024-03-01"},
        {"id": "mid", "text": "y", "cluster_id": "mid", "date": "2024-02-10"},
        {"id": "new", "text": "z", "cluster_id": "new", "date": "2024-04-01"},
    ]
    out = tmp_path / "by-date"
    result = invoke(["split", str(out), "--by", "date", "--cutoff", "2024-02-01", "--cutoff", "2024-03-15"],
                    input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    splits = read_splits(out)
    assert [r["id"] for r in splits["train"]] == ["old", "old-reprint"]
    assert [r["id"] for r in splits["validation"]] == ["mid"]
    assert [r["id"] for r in splits["test"]] == ["new"]


def test_records_without_cluster_id_are_refused(tmp_path: Path) -> None:
    result = invoke(["split", str(tmp_path / "s")], input=to_jsonl([{"id": "a", "text": "x"}]))
    assert result.exit_code == 1
    assert "record 'a' has no cluster_id (a string): run `dedup --mode mark` before `split`" in result.stderr
    assert not (tmp_path / "s").exists()


def test_bad_ratios_and_missing_cutoff(tmp_path: Path) -> None:
    assert invoke(["split", str(tmp_path / "s"), "--ratios", "0.5,0.1"], input="").exit_code == 2
    result = invoke(["split", str(tmp_path / "s"), "--ratios", "0.5,0.1,0.1"], input=to_jsonl(clustered(1)))
    assert result.exit_code == 2 and "add up to 1" in result.stderr
    for ratios in ("a,b,c", "nan,nan,nan", "inf,0,0", "-0.5,1,0.5"):
        result = invoke(["split", str(tmp_path / "s"), "--ratios", ratios], input=to_jsonl(clustered(1)))
        assert result.exit_code == 2, ratios
        assert f"Invalid value for --ratios: three shares that add up to 1, e.g. 0.8,0.1,0.1, not '{ratios}'" \
            in result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "s").exists()
    result = invoke(["split", str(tmp_path / "s"), "--by", "date"], input=to_jsonl(clustered(1)))
    assert result.exit_code == 2 and "--cutoff" in result.stderr


@pytest.mark.parametrize("cutoffs,message", [
    (["notadate"], "--cutoff 'notadate' is not a date as YYYY-MM-DD"), ([""], "--cutoff '' is not a date"),
    (["2024-03-01", "2024-02-01"], "cutoffs must be in increasing order"),
    (["2024-01-01", "2024-02-01", "2024-03-01"], "--by date takes --cutoff DATE"),
    (["2024-02-01", "2024-02-01"], "cutoffs must be in increasing order, and different"),
    (["2020-W01-1"], "--cutoff '2020-W01-1' is not a date as YYYY-MM-DD"),
])
def test_misused_cutoffs_are_usage_errors(tmp_path: Path, cutoffs: list[str], message: str) -> None:
    options = [part for cutoff in cutoffs for part in ("--cutoff", cutoff)]
    result = invoke(["split", str(tmp_path / "s"), "--by", "date", *options], input=to_jsonl(clustered(2)))
    assert result.exit_code == 2 and message in result.stderr and not (tmp_path / "s").exists()


def test_a_cutoff_without_by_date_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(["split", str(tmp_path / "s"), "--cutoff", "2024-03-01"], input=to_jsonl(clustered(2)))
    assert result.exit_code == 2 and "--cutoff splits by date: give --by date" in result.stderr


@pytest.mark.parametrize("date", ["2024-13-45", "2024-W05-1"])
def test_a_record_whose_date_is_not_a_date_is_named(tmp_path: Path, date: str) -> None:
    """A week date is a date, but it sorts among calendar dates as text would not: "2024-W05-1" (29 January)
    came after the cutoff of 1 March."""
    records = [{**r, "date": date} for r in clustered(2)]
    result = invoke(["split", str(tmp_path / "s"), "--by", "date", "--cutoff", "2024-03-01"], input=to_jsonl(records))
    assert result.exit_code == 1 and f"'{date}', which is not an ISO date" in result.stderr


def test_a_field_gets_one_type_across_the_splits(tmp_path: Path) -> None:
    items = [{"id": f"s{i}", "text": f"Story {i} about the harbour.", "cluster_id": f"s{i}",
              "tags": "harbour" if i % 3 == 0 else ["harbour", "port"]} for i in range(30)]
    out = tmp_path / "splits"
    result = invoke(["split", str(out), "--compress", "gzip"], input=to_jsonl(items))
    assert result.exit_code == 0, result.stderr
    assert "field 'tags' is a string in 10 record(s) (first: 's0') and a list in 20 record(s)" in result.stderr
    written = [json.loads(line) for split in ("train", "validation", "test")
               for shard in sorted((out / split).glob("part-*.jsonl.gz"))
               for line in gzip.decompress(shard.read_bytes()).splitlines()]
    assert len(written) == 30 and all(isinstance(r["tags"], list) for r in written)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stages"][-1]["counts"]["retyped.tags"] == 10
    for output in manifest["write"]["outputs"]:
        assert hashlib.sha256((out / output["path"]).read_bytes()).hexdigest() == output["sha256"]


def test_a_side_file_inside_a_splits_own_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = invoke(["strip", "--removed", str(out / "train" / "removed.jsonl"), "split", str(out)],
                    input=to_jsonl(clustered(2)))
    assert result.exit_code == 2 and "lies in a split's own directory (train/)" in result.stderr
    assert not out.exists()
