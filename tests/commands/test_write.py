"""`corpus write`: shards, compression, the manifest's balance, and atomic replacement."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from corpus_tools.errors import OutputError
from corpus_tools.io.writer import StagingDir
from corpus_tools.stages.normalize import Normalize
from tests.conftest import invoke, parse_jsonl, to_jsonl


def records(n: int) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "text": f"Story number {i}.", "source_feed": "wire"} for i in range(n)]


def write_input(tmp_path: Path, items: list[dict[str, Any]], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(to_jsonl(items))
    return path


def test_shards_and_manifest(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(25))
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "normalize", "write", str(out), "--shard-size", "10"])
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(out)) == ["manifest.json", "part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tool"]["name"] == "corpus-tools" and manifest["tool"]["version"]
    assert [o["records"] for o in manifest["write"]["outputs"]] == [10, 10, 5]
    for output in manifest["write"]["outputs"]:
        data = (out / output["path"]).read_bytes()
        assert output["sha256"] == hashlib.sha256(data).hexdigest() and output["bytes"] == len(data)
    (source_entry,) = manifest["read"]["files"]
    assert source_entry["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert source_entry["records"] == 25
    assert [s["name"] for s in manifest["stages"]] == ["read", "normalize", "write"]
    assert manifest["stages"][1]["options"]["markdown"] is True
    assert manifest["write"]["options"]["shard_size"] == 10
    assert manifest["started"] <= manifest["finished"]


def test_gzip_shards_are_reproducible(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(5))
    for name in ("a", "b"):
        assert invoke(["read", str(source), "write", str(tmp_path / name), "--compress", "gzip"]).exit_code == 0
    first, second = (tmp_path / n / "part-00000.jsonl.gz" for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).count(b"\n") == 5


def test_manifest_balances_with_every_drop_reason(tmp_path: Path) -> None:
    items = records(6) + [{"id": "blank", "text": "\u200b  "}]
    write_input(tmp_path, items)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": \n{"id": "r0", "text": "repeated id"}\n')
    out = tmp_path / "clean"
    result = invoke(["--on-error", "skip", "read", str(tmp_path / "*.jsonl"), "normalize", "write", str(out)])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    balance = manifest["balance"]
    assert balance == {"input_records": 9, "written": 6, "dropped": {"empty": 1}, "rejected": 2, "balanced": True}
    assert manifest["rejected"]["file"] == "rejects.jsonl"
    assert len((out / "rejects.jsonl").read_text().splitlines()) == 2


def test_existing_output_needs_force(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(3))
    out = tmp_path / "clean"
    assert invoke(["read", str(source), "write", str(out)]).exit_code == 0
    result = invoke(["read", str(source), "write", str(out)])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    write_input(tmp_path, records(4))
    assert invoke(["read", str(source), "write", str(out), "--force"]).exit_code == 0
    assert json.loads((out / "manifest.json").read_text())["balance"]["written"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in.jsonl"]


def test_failed_run_leaves_no_output(tmp_path: Path) -> None:
    write_input(tmp_path, records(3), "a.jsonl")
    (tmp_path / "b.jsonl").write_text('{"id": "z", "text": "fine"}\n{"broken": \n')
    out = tmp_path / "clean"
    result = invoke(["read", str(tmp_path), "normalize", "write", str(out)])
    assert result.exit_code == 1 and "b.jsonl:2: invalid JSON" in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl"]


def test_failed_run_keeps_previous_output(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(3))
    out = tmp_path / "clean"
    invoke(["read", str(source), "write", str(out)])
    before = (out / "part-00000.jsonl").read_bytes()
    source.write_text(to_jsonl(records(2)) + "oops\n")
    assert invoke(["read", str(source), "write", str(out), "--force"]).exit_code == 1
    assert (out / "part-00000.jsonl").read_bytes() == before


def test_interrupt_leaves_no_partial_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_input(tmp_path, records(10))
    seen = Counter[str]()
    original = Normalize.process

    def interrupted(self: Normalize, record: dict[str, Any], counts: Counter[str]) -> Any:
        seen["n"] += 1
        if seen["n"] == 4:
            raise KeyboardInterrupt
        return original(self, record, counts)

    monkeypatch.setattr(Normalize, "process", interrupted)
    out = tmp_path / "clean"
    result = invoke(["--workers", "1", "read", str(source), "normalize", "write", str(out)])
    assert result.exit_code == 130
    assert "Interrupted after 3 records; no output was written." in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def test_manifest_option_without_write(tmp_path: Path) -> None:
    manifest_path = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest_path), "normalize"], input=to_jsonl(records(2)))
    assert result.exit_code == 0
    manifest = json.loads(manifest_path.read_text())
    assert manifest["balance"]["written"] == 2 and manifest["write"]["outputs"] == []


def test_write_must_end_the_chain(tmp_path: Path) -> None:
    result = invoke(["write", str(tmp_path / "o"), "normalize"], input="")
    assert result.exit_code == 2 and "`write` (or `split`) must come once, at the end" in result.stderr


def test_audit_file_inside_output_dir_is_written_with_the_corpus(tmp_path: Path) -> None:
    source = write_input(tmp_path, [{"id": "a", "text": "The ferry sailed.\n\nCopyright 2024 Harbour Times."}])
    out = tmp_path / "clean"
    beside = tmp_path / "clean-notes" / "removed.jsonl"
    beside.parent.mkdir()
    result = invoke(["read", str(source), "strip", "--removed", str(out / "removed.jsonl"), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    audit = manifest["write"]["audit"]
    assert [o["path"] for o in manifest["write"]["outputs"]] == ["part-00000.jsonl"]
    assert [a["path"] for a in audit] == ["removed.jsonl"] and audit[0]["records"] == 1
    assert manifest["stages"][1]["options"]["removed"] == str(out / "removed.jsonl")
    result = invoke(["read", str(source), "strip", "--removed", str(beside), "write", str(tmp_path / "other")])
    assert result.exit_code == 0 and beside.exists()
    assert "removed.jsonl" not in os.listdir(tmp_path / "other")


def test_failed_run_leaves_no_audit_file(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(2))
    source.write_text(source.read_text() + "oops\n")
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "strip", "--removed", str(out / "removed.jsonl"), "write", str(out)])
    assert result.exit_code == 1
    assert not out.exists()


def test_zstd_shards_are_reproducible(tmp_path: Path) -> None:
    import zstandard

    source = write_input(tmp_path, records(5))
    for name in ("a", "b"):
        assert invoke(["read", str(source), "write", str(tmp_path / name), "--compress", "zstd"]).exit_code == 0
    first, second = (tmp_path / n / "part-00000.jsonl.zst" for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    text = zstandard.ZstdDecompressor().stream_reader(first.read_bytes()).read()
    assert [json.loads(line) for line in text.splitlines()] == records(5)


def test_parquet_shards_with_manifest(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    source = write_input(tmp_path, records(25))
    out = tmp_path / "clean"
    result = invoke(["read", str(source), "write", str(out), "--format", "parquet", "--shard-size", "10"])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(o["path"], o["records"]) for o in manifest["write"]["outputs"]] == [
        ("part-00000.parquet", 10), ("part-00001.parquet", 10), ("part-00002.parquet", 5)]
    assert manifest["write"]["options"]["format"] == "parquet"
    assert pq.read_table(out / "part-00002.parquet").to_pylist() == records(25)[20:]


def test_write_to_dash_is_a_usage_error(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(1))
    result = invoke(["read", str(source), "write", "-"])
    assert result.exit_code == 2
    assert "end the chain without `write`" in result.stderr
    assert not os.path.exists("-")


def test_output_follows_the_umask(tmp_path: Path) -> None:
    source = write_input(tmp_path, records(3) + [{"id": "r0-copy", "text": "Story number 0."}])
    out = tmp_path / "clean"
    previous = os.umask(0o022)
    try:
        result = invoke(["read", str(source), "dedup", "--clusters", str(out / "clusters.jsonl"), "write", str(out)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    assert (out.stat().st_mode & 0o777) == 0o755
    modes = {name: (out / name).stat().st_mode & 0o777 for name in os.listdir(out)}
    assert modes == {"clusters.jsonl": 0o644, "manifest.json": 0o644, "part-00000.jsonl": 0o644}


@pytest.mark.parametrize("args", [["write", "", "--force"], ["split", "", "--force"], ["dedup", "--index", ""],
                                  ["strip", "--removed", ""], ["dedup", "--clusters", ""]])
def test_an_empty_path_is_a_usage_error_and_the_current_directory_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """`write "$OUT" --force` with OUT unset replaced the current directory with the corpus."""
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": "a", "text": "The ferry leaves at noon."}]))
    work = tmp_path / "project"
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    monkeypatch.chdir(work)
    result = invoke(["read", str(source), *args])
    assert result.exit_code == 2 and "an empty path names nothing" in result.stderr
    assert sorted(os.listdir(work)) == ["notes.txt"]


@pytest.mark.parametrize("option", ["--manifest", "--rejects"])
def test_an_empty_run_file_is_a_usage_error(tmp_path: Path, option: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": "a", "text": "The ferry leaves at noon."}]))
    result = invoke([option, "", "read", str(source)])
    assert result.exit_code == 2 and f"Invalid value for '{option}': an empty path names nothing" in result.stderr


def test_a_staging_directory_for_an_empty_name_is_refused() -> None:
    """The library's own guard, for callers that do not come through the command line."""
    with pytest.raises(OutputError, match="name is empty"):
        StagingDir("", force=True)


def test_an_output_and_a_manifest_named_through_links_replace_what_the_links_name(tmp_path: Path) -> None:
    """Swapped in place of the link, the new corpus landed beside it and the link's target kept the old one."""
    data = tmp_path / "data"
    data.mkdir()
    first = [{"id": "old", "text": "The old story of the harbour."}]
    second = [{"id": "new", "text": "The new story of the harbour."}]
    assert invoke(["write", str(data / "clean")], input=to_jsonl(first)).exit_code == 0
    (data / "m.json").write_text("{}")
    (tmp_path / "clean").symlink_to(data / "clean")
    (tmp_path / "m.json").symlink_to(data / "m.json")
    result = invoke(["--manifest", str(tmp_path / "m.json"), "write", str(tmp_path / "clean"), "--force"],
                    input=to_jsonl(second))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "clean").is_symlink() and (tmp_path / "m.json").is_symlink()
    assert parse_jsonl((data / "clean" / "part-00000.jsonl").read_text()) == second
    assert json.loads((data / "m.json").read_text())["balance"]["written"] == 1
    assert sorted(os.listdir(tmp_path)) == ["clean", "data", "m.json"]
    assert sorted(os.listdir(data)) == ["clean", "m.json"]
