"""The Python API: docs/api.md runs as written, and the API behaves as the command line does."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from corpus_tools.api import Manifest, clean, rows
from corpus_tools.errors import BadRecord, InputError
from corpus_tools.stages.normalize import NormalizeConfig
from tests.conftest import ROOT, invoke, to_jsonl


def test_docs_api_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    failures, tried = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried > 10 and failures == 0


RECORDS = [{"id": f"n{i}", "text": f"Ferry  times change on day {i}.\u200b", "desk": "coast"} for i in range(3)]


def test_same_records_and_counts_as_the_command_line(tmp_path: Path) -> None:
    result = clean(RECORDS, ["normalize"])
    cli = invoke(["--manifest", str(tmp_path / "m.json"), "normalize"], input=to_jsonl(RECORDS))
    assert [json.dumps(r) for r in result.records] == [json.dumps(json.loads(line)) for line in
                                                        cli.stdout.splitlines()]
    by_cli = Manifest.load(str(tmp_path / "m.json"))
    assert [(s.name, s.records_in, s.records_out, s.counts) for s in result.manifest.stages] == [
        (s.name, s.records_in, s.records_out, s.counts) for s in by_cli.stages]


def test_config_steps_and_unknown_steps() -> None:
    result = clean(RECORDS, [NormalizeConfig(whitespace=False)])
    assert result.records[0]["text"] == "Ferry  times change on day 0."
    with pytest.raises(ValueError, match="no stage named 'nromalize'"):
        clean(RECORDS, ["nromalize"])
    with pytest.raises(TypeError, match="not dict"):
        clean(RECORDS, [{"name": "normalize"}])  # type: ignore[list-item]


def test_missing_text_is_a_bad_record_not_a_key_error() -> None:
    with pytest.raises(BadRecord) as caught:
        clean([{"id": "a", "text": "fine"}, {"id": "b"}], ["dedup"])
    assert str(caught.value) == "<records>:2: missing field 'text' (use --text-field to name the text field)"


def test_skip_counts_bad_records() -> None:
    result = clean([{"id": "a", "text": "fine"}, {"id": "b"}, {"id": "a", "text": "again"}], ["normalize"],
                   on_error="skip")
    assert [r["id"] for r in result.records] == ["a"]
    assert result.manifest.rejected == 2 and result.manifest.balance["balanced"]


def test_a_path_is_read_as_corpus_read_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(to_jsonl(RECORDS))
    result = clean(str(path), ["normalize"])
    assert [r["id"] for r in result.records] == ["n0", "n1", "n2"]
    assert result.manifest.data["read"]["files"][0]["path"] == str(path)


def test_frame_rows_leave_out_missing_cells_and_numpy_values() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([{"id": "a", "text": "x", "words": 3, "when": pd.Timestamp("2024-05-13")},
                          {"id": "b", "text": "y"}])
    assert list(rows(frame)) == [{"id": "a", "text": "x", "words": 3.0, "when": "2024-05-13T00:00:00"},
                                 {"id": "b", "text": "y"}]
    assert all(type(v) in (str, float) for row in rows(frame) for v in row.values())


@pytest.mark.parametrize("item,reason", [
    ("a string", "a record is a mapping of fields, not str"), (None, "a record is a mapping of fields, not NoneType"),
    ({"id": "a", "text": "x", "tags": {"set"}}, "a field is not JSON"),
    ({"id": "a", "text": "x", "raw": b"bytes"}, "a field is not JSON"),
    ({"id": "a", "text": "lone \ud800 surrogate"}, "a field is not JSON"),
    # Written, a NaN beside an integer beyond 64 bits was `NaN`, which no JSON reader takes.
    ({"id": "a", "text": "x", "big": 2**70, "ratio": float("nan")}, r"a field is not JSON \(nan is no JSON number\)"),
    # 5 and "5" were written as two fields of one name.
    ({"id": "a", "text": "x", 5: "five", "5": "FIVE"}, "a field name must be a string, not int 5"),
    ({"id": "a", "text": "x", "pair": {(1, 2): "y"}}, r"a field name must be a string, not tuple \(1, 2\)"),
    ({"id": "a", "text": "x", "deep": [[[[]]]] * 1}, None),
])
def test_a_record_that_cannot_be_one_is_a_bad_record(item: object, reason: str | None, tmp_path: Path) -> None:
    if reason is None:  # nesting that JSON holds is no reason
        assert clean([item], steps="normalize").records == [item]
        return
    with pytest.raises(BadRecord, match=reason):
        clean([item], steps=["normalize"], write=str(tmp_path / "out"))
    result = clean([{"id": "ok", "text": "A story."}, item], steps="normalize", on_error="skip")
    assert [r["id"] for r in result.records] == ["ok"] and result.manifest.rejected == 1


@pytest.mark.parametrize("options,message", [({"workers": 0}, "workers is a positive integer"),
                                             ({"on_error": "ignore"}, "on_error is 'fail' or 'skip'")])
def test_misused_arguments_are_named(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean([{"id": "a", "text": "x"}], **options)  # type: ignore[arg-type]


def test_values_nested_past_any_limit_are_a_bad_record_not_a_recursion_error() -> None:
    deep: list[object] = []
    for _ in range(2000):
        deep = [deep]
    item = {"id": "b", "text": "A story.", "deep": deep}
    with pytest.raises(BadRecord, match="values nested more than 255 deep"):
        clean([item], steps="normalize")
    result = clean([{"id": "a", "text": "A story."}, item], steps="normalize", on_error="skip")
    assert [r["id"] for r in result.records] == ["a"] and result.manifest.rejected == 1


def test_a_dataframe_that_names_a_column_twice_is_refused() -> None:
    """Each row kept the last of the two columns: with `text` twice, the article gave way to the other column."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([["a", "The article.", "A teaser."]], columns=["id", "text", "text"])
    with pytest.raises(InputError, match="the DataFrame names column 'text' twice; rename one"):
        clean(frame, steps="normalize")
    numbered = pd.DataFrame([["a", "The article.", "x", "y"]], columns=["id", "text", 5, "5"])
    with pytest.raises(InputError, match="names column '5' twice"):
        clean(numbered, steps="normalize")
