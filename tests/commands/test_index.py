"""`corpus dedup --index DIR` across successive batches, its atomic update, and `corpus index stats`."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus_tools.dedup.config import DedupConfig
from corpus_tools.errors import CorpusError
from corpus_tools.stages.dedup import Dedup
from corpus_tools.stats import StageStats
from tests.conftest import invoke, parse_jsonl, to_jsonl
from tests.dedup_helpers import record, story


def copy_of(record_id: str, seed: int, **fields: Any) -> dict[str, Any]:
    """An abridged republication: the first ten of the story's fourteen paragraphs."""
    return record(record_id, story(seed)[:10], **fields)


BATCH_1 = [record(f"day1-{i}", story(i), date="2024-03-01") for i in range(5)]
BATCH_2 = [copy_of("day2-copy-0", 0), copy_of("day2-copy-3", 3)] + [
    record(f"day2-{i}", story(i), date="2024-03-02") for i in (10, 11)]
BATCH_3 = [copy_of("day3-copy-0a", 0), record("day3-copy-0b", story(0)), copy_of("day3-copy-11", 11),
           record("day3-20", story(20), date="2024-03-03")]


def dedup_batch(index: Path, batch: list[dict[str, Any]], *options: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    manifest = index.parent / "manifest.json"
    result = invoke(["--manifest", str(manifest), "dedup", "--index", str(index), *options], input=to_jsonl(batch))
    assert result.exit_code == 0, result.stderr
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "dedup")
    return parse_jsonl(result.stdout), stage


def stats(index: Path) -> dict[str, Any]:
    result = invoke(["index", "stats", "--json", str(index)])
    assert result.exit_code == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def snapshot(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_three_batches_drop_what_earlier_batches_kept(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    out, stage = dedup_batch(index, BATCH_1)
    assert [r["id"] for r in out] == [r["id"] for r in BATCH_1]
    assert stage["counts"]["indexed_added"] == 5 and stats(index)["records"] == 5

    out, stage = dedup_batch(index, BATCH_2)
    assert [r["id"] for r in out] == ["day2-10", "day2-11"]
    assert stage["dropped"] == {"duplicate_indexed": 2}
    assert stage["counts"]["indexed_before"] == 5 and stage["counts"]["indexed_added"] == 2

    out, stage = dedup_batch(index, BATCH_3, "--mode", "mark")
    assert {r["id"]: r["cluster_id"] for r in out} == {
        "day3-copy-0a": "day1-0", "day3-copy-0b": "day1-0", "day3-copy-11": "day2-11", "day3-20": "day3-20"}
    assert stage["dropped"] == {} and stage["counts"]["marked.duplicate_indexed"] == 3
    figures = stats(index)
    assert figures["records"] == 8 and figures["segments"] == 3
    assert figures["dates"] == ["2024-03-01", "2024-03-03"]
    assert (figures["num_perm"], figures["ngram"], figures["seed"], figures["format"]) == (128, 3, 1, 2)


def test_a_new_story_under_an_id_the_index_holds_stops_the_run(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    before = snapshot(index)
    taken = record("day1-2", story(40), date="2024-03-02")
    result = invoke(["dedup", "--index", str(index)], input=to_jsonl([taken]))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {index}: the index holds id 'day1-2' for another story; a new story needs an "
                             f"id of its own, since cluster_id names the indexed one\n")
    assert snapshot(index) == before
    copy, stage = dedup_batch(index, [copy_of("day1-2", 2)])
    assert copy == [] and stage["dropped"] == {"duplicate_indexed": 1}


def test_stats_prints_a_summary(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    result = invoke(["index", "stats", str(index)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "records      5 in 1 segment(s)" in result.stdout
    assert "num-perm 128, ngram 3, seed 1" in result.stdout
    assert "format 2" in result.stdout


def test_a_failed_run_leaves_the_index_byte_identical(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    before = snapshot(index)
    result = invoke(["dedup", "--index", str(index)], input=to_jsonl(BATCH_2) + "{not json\n")
    assert result.exit_code == 1
    assert snapshot(index) == before
    assert sorted(os.listdir(tmp_path)) == ["manifest.json", "seen"]


def test_a_chain_that_stops_mid_way_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    before = snapshot(index)
    output = Dedup(DedupConfig(index=str(index))).run(BATCH_2, StageStats("dedup"))
    next(output)
    # Staged beside the locked index, not yet in it.
    staged, lock = sorted(name for name in os.listdir(tmp_path) if name.startswith("."))
    assert staged.startswith(".seen-staging-") and lock == ".seen.lock"
    assert snapshot(index) == before
    output.close()
    assert snapshot(index) == before
    assert sorted(os.listdir(tmp_path)) == ["manifest.json", "seen"]


def test_parameters_that_differ_from_the_index_are_an_error(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    result = invoke(["dedup", "--index", str(index), "--num-perm", "64"], input=to_jsonl(BATCH_2))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {index}: the index was built with --num-perm 128, not 64; give "
                             f"--num-perm 128 or use another index\n")


def test_a_directory_that_is_no_index_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke(["dedup", "--index", str(tmp_path)], input=to_jsonl(BATCH_1))
    assert result.exit_code == 1
    assert "not a dedup index (no index.json)" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_stats_of_a_missing_index(tmp_path: Path) -> None:
    result = invoke(["index", "stats", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no dedup index here" in result.stderr


def test_open_needs_no_texts_and_maps_the_arrays(tmp_path: Path) -> None:
    from corpus_tools.dedup.index import DedupIndex

    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    opened = DedupIndex.open(str(index))
    assert opened.records == 5
    assert opened.segments[0].id(2) == "day1-2"
    assert type(opened.segments[0].signatures).__name__ == "memmap"
    with pytest.raises(CorpusError):
        DedupIndex.open(str(tmp_path / "elsewhere"))


def test_a_damaged_index_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    (index / "seg-000001" / "signatures.npy").unlink()
    result = invoke(["index", "stats", str(index)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {index}: the index is damaged (")


def test_a_segment_left_by_an_interrupted_commit_is_replaced(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    (index / "seg-000002").mkdir()
    (index / "seg-000002" / "stale.npy").write_bytes(b"left over")
    dedup_batch(index, BATCH_2)
    assert not (index / "seg-000002" / "stale.npy").exists()
    assert stats(index)["records"] == 7


def test_an_index_verifies_with_the_rules_of_a_run(tmp_path: Path) -> None:
    """An intraday report of another hour is not a copy of the indexed one, a refile of the same hour is."""
    table = "\n".join(f"{crop} MAY {1 + i}.{i}5 UP {i} JUL {2 + i}.0{i} OFF 1/{i + 2}"
                      for i, crop in enumerate(["CORN", "WHEAT", "OATS", "SOYBEANS", "BARLEY"]))
    index = tmp_path / "seen"
    morning = record("report-1120", [f"11:20 EDT\n{table}"], title="Grain futures 11:20 EDT", date="2024-03-01")
    dedup_batch(index, [morning])
    later = record("report-1140", [f"11:40 EDT\n{table.replace('UP 1 ', 'UP 2 ')}"],
                   title="Grain futures 11:40 EDT", date="2024-03-01")
    refile = record("report-1120-refile", [f"11:20 EDT\n{table.replace('UP 1 ', 'UP 2 ')}"],
                    title="Grain futures 11:20 EDT", date="2024-03-01")
    out, _ = dedup_batch(index, [later, refile], "--mode", "mark")
    assert {r["id"]: r["cluster_id"] for r in out} == {"report-1140": "report-1140",
                                                      "report-1120-refile": "report-1120"}


def test_an_index_written_before_leads_and_company_keys_still_serves(tmp_path: Path) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    for segment in index.glob("seg-*"):
        (segment / "lead.npy").unlink()
        (segment / "lead_count.npy").unlink()
        meta = np.load(segment / "meta.npy")
        kept = [name for name in meta.dtype.names if name not in ("ticker", "initial", "company", "name")]
        np.save(segment / "meta.npy", meta[kept].astype(np.dtype([(n, meta.dtype[n]) for n in kept])))
    out, stage = dedup_batch(index, BATCH_2)
    assert [r["id"] for r in out] == ["day2-10", "day2-11"]
    assert stage["counts"]["indexed_before"] == 5


@pytest.mark.parametrize("index_name", ["out/idx", "out"])
def test_an_index_inside_the_output_directory_is_refused(tmp_path: Path, index_name: str) -> None:
    """The run replaces its output directory whole: an index inside it lost its new segment without a word."""
    output, index = tmp_path / "out", tmp_path / index_name
    result = invoke(["read", "-", "dedup", "--index", str(index), "write", str(output), "--force"],
                    input=to_jsonl(BATCH_1))
    assert result.exit_code == 2
    assert "the index and the output directory" in result.stderr and "keep the index elsewhere" in result.stderr
    assert not output.exists()


def test_two_runs_that_reach_one_index_through_a_link_meet_at_its_lock(tmp_path: Path) -> None:
    from corpus_tools.io.commit import RunLock

    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    (tmp_path / "seen-link").symlink_to(index)
    held = RunLock(str(index))
    try:
        result = invoke(["dedup", "--index", str(tmp_path / "seen-link")], input=to_jsonl(BATCH_2))
        assert result.exit_code == 1 and "is in use by another run" in result.stderr
    finally:
        held.release()


def _edit_header(change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], None]:
    def edit(index: Path) -> None:
        header = json.loads((index / "index.json").read_text())
        replaced = change(header)
        (index / "index.json").write_text(json.dumps(header if replaced is None else replaced))
    return edit


DAMAGE = {
    "a header that is null": (_edit_header(lambda h: "null"), "the index header is damaged (not a JSON object)"),
    "no segments": (_edit_header(lambda h: h.pop("segments") and None), "segments must be a list"),
    "no bands": (_edit_header(lambda h: h.update(bands=0)), "bands must be a positive integer, not 0"),
    "too many bands": (_edit_header(lambda h: h.update(bands=100)), "bands x rows (100 x 3) exceed num_perm"),
    "negative rows": (_edit_header(lambda h: h.update(rows=-3)), "rows must be a positive integer, not -3"),
    "a segment twice": (_edit_header(lambda h: h.update(segments=h["segments"] * 2)), "a segment is listed twice"),
    "a wrong count": (_edit_header(lambda h: h["segments"][0].update(records=99)), "the header says 99"),
    "another segment's file": (lambda index: (index / "seg-000002" / "text_hash.npy").write_bytes(
        (index / "seg-000001" / "text_hash.npy").read_bytes()), "seg-000002/text_hash.npy has shape"),
    "an emptied file": (lambda index: (index / "seg-000001" / "signatures.npy").write_bytes(b""),
                        "the index is damaged (No data left in file)"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_index_is_named_not_a_traceback(tmp_path: Path, damage: str) -> None:
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    dedup_batch(index, BATCH_2)
    spoil, message = DAMAGE[damage]
    spoil(index)
    for command in (["index", "stats", str(index)], ["dedup", "--index", str(index)]):
        result = invoke(command, input=to_jsonl(BATCH_3))
        assert result.exit_code == 1 and message in result.stderr and "restore it from a copy" in result.stderr


def _spoil_array(name: str, value: int) -> Callable[[Path], None]:
    """Every element of one segment's array set to `value`: the file keeps its size and shape."""
    def spoil(index: Path) -> None:
        path = index / "seg-000001" / f"{name}.npy"
        array = np.load(path)
        array[...] = value
        np.save(path, array)
    return spoil


CONTENT_DAMAGE = {
    "ids that are not UTF-8": (_spoil_array("ids", 0xFF), "ids.npy is not UTF-8 text"),
    "band rows outside the segment": (_spoil_array("band_rows", -1), "band_rows.npy points outside the segment"),
}


@pytest.mark.parametrize("damage", CONTENT_DAMAGE)
def test_damage_inside_a_segments_files_is_named_where_it_is_met(tmp_path: Path, damage: str) -> None:
    """Files of the right size and shape but wrong content were a UnicodeDecodeError or a ValueError, or read
    rows from the end of the segment."""
    index = tmp_path / "seen"
    dedup_batch(index, BATCH_1)
    spoil, message = CONTENT_DAMAGE[damage]
    spoil(index)
    for command in (["dedup", "--index", str(index)], ["overlap", str(index), "-"]):
        result = invoke(command, input=to_jsonl(BATCH_1))
        assert result.exit_code == 1, (command, result.stderr)
        assert f"{index}/seg-000001: the index is damaged ({message}); restore it from a copy" in result.stderr


def test_a_segment_that_does_not_fit_on_the_disk_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """numpy's short write said only "51200 requested and 2016 written"."""
    def short_write(path: str, array: Any) -> None:
        raise OSError("51200 requested and 2016 written")

    monkeypatch.setattr("corpus_tools.dedup.index.np.save", short_write)
    result = invoke(["dedup", "--index", str(tmp_path / "idx")], input=to_jsonl(BATCH_1))
    assert result.exit_code == 1
    assert ".npy: cannot write the index segment (51200 requested and 2016 written; a full disk?)" in result.stderr
    assert "Traceback" not in result.stderr
