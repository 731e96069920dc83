"""`corpus read` through the CLI: formats, chaining, stdin, and errors as one-line messages."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, invoke, parse_jsonl, shared_path, to_jsonl


def test_read_writes_jsonl_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "one", "keep": true}\n')
    result = invoke(["read", str(path)])
    assert result.exit_code == 0
    assert parse_jsonl(result.stdout) == [{"id": "a", "text": "one", "keep": True}]
    assert result.stderr == ""


def test_repeated_read_with_its_own_options(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "one"}\n')
    (tmp_path / "b.csv").write_text("key,body\nb,two\n")
    result = invoke(["read", str(tmp_path / "a.jsonl"), "read", str(tmp_path / "b.csv"), "--text-field", "body",
                     "--id-field", "key"])
    assert result.exit_code == 0, result.stderr
    assert [(r["id"], r["text"]) for r in parse_jsonl(result.stdout)] == [("a", "one"), ("b", "two")]


def test_read_dash_is_stdin() -> None:
    result = invoke(["read", "-"], input='{"id": "s", "text": "from stdin"}\n')
    assert parse_jsonl(result.stdout)[0]["id"] == "s"


def test_fakenewscorpus_csv_needs_no_options() -> None:
    result = invoke(["read", str(FIXTURES / "fakenews-layout" / "news_sample.csv")])
    assert result.exit_code == 0
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["101", "102"]


def test_invalid_json_is_one_line_error_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": \n')
    result = invoke(["read", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:2: invalid JSON")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_empty_file_is_exit_1_and_a_counted_reject_under_skip(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    result = invoke(["read", str(tmp_path / "empty.jsonl")])
    assert result.exit_code == 1 and result.stderr == f"Error: {tmp_path / 'empty.jsonl'}: empty file\n"
    (tmp_path / "full.jsonl").write_text('{"id": "a", "text": "one"}\n')
    out = tmp_path / "out"
    result = invoke(["read", "--on-error", "skip", str(tmp_path), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["balance"] == {"input_records": 2, "written": 1, "dropped": {}, "rejected": 1,
                                      "balanced": True}
    assert json.loads((out / "rejects.jsonl").read_text())["reason"] == "empty file"


def test_an_empty_stream_between_stages_is_only_a_warning() -> None:
    result = invoke(["dedup"], input="")
    assert result.exit_code == 0 and result.stdout == ""
    assert "<stdin>: empty input, no records" in result.stderr


def test_missing_file_message() -> None:
    result = invoke(["read", "no/such/file.jsonl"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no/such/file.jsonl: no such file or directory\n"


def test_stage_reading_stdin_reports_line() -> None:
    result = invoke(["normalize"], input='{"id": "a", "text": "ok"}\nnot json\n')
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: <stdin>:2: invalid JSON")


def test_on_error_skip_on_a_stage_with_rejects_file(tmp_path: Path) -> None:
    rejects = tmp_path / "bad.jsonl"
    result = invoke(["normalize", "--on-error", "skip", "--rejects", str(rejects)],
                    input='{"id": "a", "text": "ok"}\n{"text": 3}\n')
    assert result.exit_code == 0
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["a"]
    assert "skipped 1 bad input line(s), written to" in result.stderr
    assert "field 'text' must be a string" in rejects.read_text()


def test_on_error_skip_without_destination_warns() -> None:
    result = invoke(["--on-error", "skip", "normalize"], input='{"id": "a"}\n')
    assert result.exit_code == 0 and result.stdout == ""
    assert "not kept; add --rejects FILE" in result.stderr


def test_misused_option_is_exit_2() -> None:
    result = invoke(["read", "x.jsonl", "--format", "pdf"])
    assert result.exit_code == 2


def test_gzip_input_through_cli(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "g", "text": "zipped"}\n'))
    result = invoke(["read", str(path), "normalize"])
    assert parse_jsonl(result.stdout) == [{"id": "g", "text": "zipped"}]


def test_seeds_read_and_normalize() -> None:
    seeds = shared_path("seeds")
    result = invoke(["read", str(seeds), "normalize"])
    assert result.exit_code == 0
    records = parse_jsonl(result.stdout)
    assert len(records) == 2
    assert all("](#)" not in r["text"] for r in records)


def test_urls_are_read_through_fsspec(tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/bucket/news/a.jsonl", b'{"id": "a", "text": "one"}\n')
    memory.pipe("/bucket/news/deeper/b.jsonl.gz", gzip.compress(b'{"id": "b", "text": "two"}\n'))
    memory.pipe("/bucket/news/.hidden/c.jsonl", b'{"id": "c", "text": "hidden"}\n')
    memory.pipe("/bucket/news/notes.xyz", b"not a corpus")
    try:
        whole = invoke(["--quiet", "read", "memory://bucket/news", "write", str(tmp_path / "out")])
        pattern = invoke(["read", "memory://bucket/news/*.jsonl"])
        missing = invoke(["read", "memory://bucket/nothing.jsonl"])
        unknown = invoke(["read", "nosuchprotocol://bucket/a.jsonl"])
    finally:
        memory.rm("/bucket", recursive=True)
    assert whole.exit_code == 0, whole.stderr
    written = parse_jsonl((tmp_path / "out" / "part-00000.jsonl").read_text())
    assert [(r["id"], r["text"]) for r in written] == [("a", "one"), ("b", "two")]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    files = manifest["read"]["files"]
    assert [f["path"] for f in files] == ["memory:///bucket/news/a.jsonl", "memory:///bucket/news/deeper/b.jsonl.gz"]
    assert all(len(f["sha256"]) == 64 and f["bytes"] > 0 for f in files)
    assert manifest["read"]["skipped"] == [{"path": "memory:///bucket/news/notes.xyz", "reason": "unknown format"}]
    assert [r["id"] for r in parse_jsonl(pattern.stdout)] == ["a"]
    assert missing.exit_code == 1 and "memory://bucket/nothing.jsonl: no such file or directory" in missing.stderr
    assert unknown.exit_code == 1 and "nosuchprotocol://bucket/a.jsonl" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_write_to_a_url_is_refused_before_anything_runs(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "one"}\n')
    result = invoke(["read", str(source), "write", "s3://bucket/clean"])
    assert result.exit_code != 0
    assert "write needs a directory on this machine" in result.stderr
    assert not (Path.cwd() / "s3:").exists()


def test_a_url_that_cannot_be_listed_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = type(fsspec.filesystem("memory"))

    def refuse(self: object, path: str) -> bool:
        raise PermissionError(13, "Access Denied")

    monkeypatch.setattr(memory, "isdir", refuse)
    result = invoke(["read", "memory://bucket/news/"])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("memory://bucket/news/: cannot list (Access Denied)")


@pytest.mark.parametrize("options", [[], ["--compress", "zstd"], ["--format", "parquet"]])
def test_a_run_directory_reads_as_its_corpus(tmp_path: Path, options: list[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(to_jsonl([{"id": f"r{i}", "text": f"Story {i}.", "tags": ["x"]} for i in range(5)]))
    run = tmp_path / "run"
    written = invoke(["read", str(source), "dedup", "--mode", "mark", "--clusters", str(run / "clusters.jsonl"),
                      "write", str(run), "--shard-size", "2", *options])
    assert written.exit_code == 0, written.stderr
    again = invoke(["read", str(run)])
    assert again.exit_code == 0, again.stderr
    assert [r["id"] for r in parse_jsonl(again.stdout)] == [f"r{i}" for i in range(5)]
    assert again.stderr == ""


def test_a_null_id_is_derived_so_dedup_split_and_overlap_run(tmp_path: Path) -> None:
    lines = '{"id": null, "text": "The council met on Monday to vote on the budget."}\n' \
            '{"id": "b", "text": "A second story about the harbour and its cranes."}\n'
    result = invoke(["dedup", "--mode", "mark"], input=lines)
    assert result.exit_code == 0, result.stderr
    marked = parse_jsonl(result.stdout)
    assert [r["id"] for r in marked] == ["stdin#1", "b"]
    result = invoke(["split", str(tmp_path / "s")], input=result.stdout)
    assert result.exit_code == 0, result.stderr
    (tmp_path / "a.jsonl").write_text(lines)
    result = invoke(["overlap", str(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl")])
    assert result.exit_code == 0, result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_dangling_link_in_an_input_directory_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "x"}\n')
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    result = invoke(["read", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["a"]
    assert result.stderr == ("Warning: skipped 2 path(s) that are not regular files (a FIFO, a device, a dangling "
                             f"link): {tmp_path / 'gone.jsonl'}, {tmp_path / 'pipe.jsonl'}\n")


def test_a_file_name_that_is_not_utf8_is_escaped_in_ids_messages_and_manifest(tmp_path: Path) -> None:
    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"caf\xe9.jsonl"), "wb") as handle:
        handle.write(b'{"text": "one"}\n{not json\n')
    manifest = tmp_path / "m.json"
    result = invoke(["--on-error", "skip", "--manifest", str(manifest), "read", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert parse_jsonl(result.stdout)[0]["id"] == "caf\\xe9.jsonl#1"
    assert "caf\\xe9.jsonl:2: invalid JSON" in result.stderr
    assert json.loads(manifest.read_text())["read"]["files"][0]["path"].endswith("caf\\xe9.jsonl")


@pytest.mark.parametrize("option,value", [("--delimiter", ";;"), ("--quotechar", ""), ("--delimiter", "\n")])
def test_csv_options_take_one_character(tmp_path: Path, option: str, value: str) -> None:
    (tmp_path / "a.csv").write_text("id,text\n1,x\n")
    result = invoke(["read", str(tmp_path / "a.csv"), option, value])
    assert result.exit_code == 2
    assert f"Invalid value for {option}: one character other than a line break, not {value!r}" in result.stderr


def test_integers_beyond_64_bits_stay_exact() -> None:
    line = '{"id": "a", "text": "x", "views": 18446744073709551616, "big": -123456789012345678901234567890}\n'
    result = invoke(["normalize"], input=line)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"id":"a","text":"x","views":18446744073709551616,' \
                            '"big":-123456789012345678901234567890}\n'
    assert invoke(["normalize"], input='{"id": "a", "text": "x", "n": NaN, "m": 12345678901234567890123}\n'
                  ).exit_code == 1


def test_negative_integers_of_19_digits_beyond_64_bits_stay_exact() -> None:
    line = '{"id": "a", "text": "x", "n": -9999999999999999999, "m": -9223372036854775809, "f": 1.5}\n'
    assert invoke(["normalize"], input=line).stdout == \
        '{"id":"a","text":"x","n":-9999999999999999999,"m":-9223372036854775809,"f":1.5}\n'


def test_an_option_given_as_a_huge_integer_is_written_into_the_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest), "langid", "--min-chars", "99999999999999999999"],
                    input='{"id": "a", "text": "The ferry left at noon."}\n')
    assert result.exit_code == 0, result.stderr
    assert '"min_chars": 99999999999999999999' in manifest.read_text()


def test_integers_beyond_64_bits_stay_exact_inside_nested_fields_and_beside_floats() -> None:
    line = '{"id": "a", "text": "x", "meta": {"ids": [1.5, 123456789012345678901]}}\n'
    result = invoke(["normalize"], input=line)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"id":"a","text":"x","meta":{"ids":[1.5,123456789012345678901]}}\n'


BIG = "123456789012345678901234567890"


@pytest.mark.parametrize("chain", [["strip"], ["dedup"], ["normalize", "strip", "langid", "dedup"]])
def test_integers_beyond_64_bits_stay_exact_through_stages_that_spool(chain: list[str]) -> None:
    line = f'{{"id": "a", "text": "The ferry left the harbour at noon.", "n": {BIG}}}\n'
    result = invoke(["-q", *chain], input=line)
    assert result.exit_code == 0, result.stderr
    assert f'"n":{BIG}' in result.stdout


def test_a_field_settled_to_strings_writes_a_long_integer_exactly(tmp_path: Path) -> None:
    lines = f'{{"id": "a", "text": "x y", "n": {BIG}}}\n{{"id": "b", "text": "x y z", "n": "n/a"}}\n'
    result = invoke(["-q", "read", "-", "write", str(tmp_path / "out")], input=lines)
    assert result.exit_code == 0, result.stderr
    assert parse_jsonl((tmp_path / "out" / "part-00000.jsonl").read_text())[0]["n"] == BIG


@pytest.mark.parametrize("line,reason", [
    (f'{{"id": "s", "text": "lone \\ud800 here", "n": {BIG}}}', "invalid JSON: no low surrogate"),
    ('{"id": "d", "text": "x", "n": ' + BIG + ', "d": ' + "[" * 5000 + "]" * 5000 + "}", "invalid JSON"),
    ('{"id": "d", "text": "x", "n": ' + BIG + ', "d": ' + "[" * 1000 + "]" * 1000 + "}",
     "invalid JSON: nested too deep to keep its long integers exact"),
])
def test_a_bad_line_with_a_long_integer_is_rejected_by_name(tmp_path: Path, line: str, reason: str) -> None:
    rejects = tmp_path / "rejects.jsonl"
    result = invoke(["--on-error", "skip", "--rejects", str(rejects), "read", "-"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert parse_jsonl(rejects.read_text())[0]["reason"].startswith(reason)


def test_a_repeated_id_on_a_record_with_a_long_integer_is_rejected(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    lines = f'{{"id": "a", "text": "one"}}\n{{"id": "a", "text": "two", "n": {BIG}}}\n'
    result = invoke(["--on-error", "skip", "--rejects", str(rejects), "read", "-"], input=lines)
    assert result.exit_code == 0, result.stderr
    (entry,) = parse_jsonl(rejects.read_text())
    assert entry["reason"] == "id 'a' repeats an earlier record" and BIG in entry["raw"]


def test_a_json_array_keeps_long_integers_exact(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(f'[{{"id": "a", "text": "x", "n": {BIG}}}]')
    result = invoke(["read", str(tmp_path / "a.json")])
    assert result.stdout == f'{{"id":"a","text":"x","n":{BIG}}}\n'


def test_text_field_wins_over_an_existing_text_field_which_is_kept(tmp_path: Path) -> None:
    result = invoke(["read", "-", "--text-field", "title"], input='{"id": "a", "text": "body", "title": "head"}\n')
    assert parse_jsonl(result.stdout) == [{"id": "a", "original_text": "body", "text": "head"}]
    (tmp_path / "a.csv").write_text("id,text,headline\n1,body,head\n")
    result = invoke(["read", str(tmp_path / "a.csv"), "--text-field", "headline"])
    assert parse_jsonl(result.stdout) == [{"id": "1", "original_text": "body", "text": "head"}]


def test_a_text_field_no_record_has_is_an_error_naming_it_not_the_record_s_own_text() -> None:
    line = '{"id": "a", "text": "A short teaser line.", "body": "The full body of the article."}\n'
    result = invoke(["read", "-", "--text-field", "bdoy"], input=line)
    assert result.exit_code == 1
    assert result.stderr == ("Error: <stdin>:1: no field 'bdoy', which --text-field names (its fields: id, text, "
                             "body)\n")
    nothing = invoke(["read", "-", "--text-field", "body"], input='{"id": "a", "text": "x", "body": null}\n')
    assert nothing.stderr == "Error: <stdin>:1: field 'body', which --text-field names, must be a string, got null\n"


def test_a_displaced_field_keeps_its_value_when_original_is_taken(tmp_path: Path) -> None:
    """A corpus read once with --text-field already has `original_text`; read again with another text field, the
    displaced text overwrote it."""
    line = '{"id": "a", "text": "body", "teaser": "head", "original_text": "older"}\n'
    result = invoke(["read", "-", "--text-field", "teaser"], input=line)
    assert parse_jsonl(result.stdout) == [{"id": "a", "original_text_2": "body", "text": "head",
                                           "original_text": "older"}]
    (tmp_path / "a.csv").write_text("id,uid,text,original_id,original_id_2\n1,u1,body,older,oldest\n")
    result = invoke(["read", str(tmp_path / "a.csv"), "--id-field", "uid"])
    assert parse_jsonl(result.stdout) == [{"id": "u1", "original_id_3": "1", "text": "body", "original_id": "older",
                                           "original_id_2": "oldest"}]


def test_control_characters_in_ids_reach_the_terminal_escaped(tmp_path: Path) -> None:
    line = '{"id": "\\u001b[31mred", "text": "x"}\n'
    result = invoke(["read", "-"], input=line + line)
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert result.stderr == "Error: <stdin>:2: id '\\x1b[31mred' repeats an earlier record (use --dedupe-ids " \
                            "suffix to make ids unique)\n"


def test_garbage_zstd_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.zst").write_bytes(b"this is not zstd")
    result = invoke(["read", str(tmp_path / "a.jsonl.zst")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'a.jsonl.zst'}: cannot decompress (not valid zstd data")


def test_a_directory_or_archive_of_which_no_file_is_read_is_an_error_or_one_counted_reject(tmp_path: Path) -> None:
    import tarfile

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(to_jsonl([{"id": "a", "text": "The ferry left."}]))
    (data / "notes.md").write_text("# notes\n")
    unread = tmp_path / "unknown"
    unread.mkdir()
    (unread / "notes.md").write_text("# notes\n")
    nested = tmp_path / "nested.tar.gz"
    with tarfile.open(nested, "w:gz") as archive:
        archive.add(data / "notes.md", arcname="notes.md")
    for args, why in ((["read", str(data), "--include", "*.csv"], "2 left out by --include/--exclude"),
                      (["read", str(unread)], "1 of unknown format"),
                      (["read", str(nested)], "1 of unknown format")):
        result = invoke(args)
        assert result.exit_code == 1 and "no records: no" in result.stderr and why in result.stderr
    out = tmp_path / "out"
    skipped = invoke(["--on-error", "skip", "read", str(unread), "write", str(out)])
    assert skipped.exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["balance"]["rejected"] == 1 and manifest["balance"]["balanced"]
    assert parse_jsonl(invoke(["read", str(data), "--include", "*.jsonl"]).stdout)[0]["text"] == "The ferry left."


@pytest.mark.parametrize("options", [["--quotechar", ","], ["--delimiter", '"'],
                                     ["--delimiter", ";", "--quotechar", ";"]])
def test_a_quote_character_that_is_the_delimiter_is_a_usage_error(tmp_path: Path, options: list[str]) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,The ferry left.\n")
    result = invoke(["read", str(path), *options])
    assert result.exit_code == 2 and "is also the delimiter" in result.stderr


def test_links_to_directories_are_followed_once_and_hidden_names_are_accounted_for(tmp_path: Path) -> None:
    """A linked directory was never walked and hidden files were left out, both without a word."""
    raw, other = tmp_path / "raw", tmp_path / "other"
    (raw / ".hidden").mkdir(parents=True)
    other.mkdir()
    (raw / "a.jsonl").write_text('{"id": "a", "text": "story one"}\n')
    (other / "b.jsonl").write_text('{"id": "b", "text": "story two"}\n')
    (raw / "linked").symlink_to(other)
    (raw / "linked" / "up").symlink_to(raw)  # a loop
    (raw / ".notes.jsonl").write_text('{"id": "n", "text": "a hidden story"}\n')
    (raw / ".DS_Store").write_bytes(b"\0\1")
    manifest = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest), "read", str(raw)])
    assert result.exit_code == 0, result.stderr
    assert [record["id"] for record in parse_jsonl(result.stdout)] == ["a", "b"]
    skipped = {entry["path"]: entry["reason"] for entry in json.loads(manifest.read_text())["read"]["skipped"]}
    hidden = "hidden (its name starts with '.')"
    assert skipped == {f"{raw}/.hidden": hidden, f"{raw}/.DS_Store": hidden, f"{raw}/.notes.jsonl": hidden,
                       f"{raw}/linked/up": "a link to a directory read already"}
    assert f"hidden (its name starts with '.'): {raw}/.notes.jsonl" in result.stderr
    assert f"a link to a directory read already: {raw}/linked/up" in result.stderr
    assert ".DS_Store" not in result.stderr


def test_a_file_that_disappears_while_the_directory_is_read_is_an_error(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Deleted (log rotation, a sync job) after the walk listed it, a file was skipped as "not a regular file"
    and the run, exit 0, called itself balanced without its records."""
    from corpus_tools.io import readers

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.jsonl").write_text('{"id": "a", "text": "story one"}\n')
    (raw / "b.jsonl").write_text('{"id": "b", "text": "story two"}\n')
    listed = readers.input_files

    def deleting_the_second(*args: Any) -> Iterator[tuple[str, str]]:
        for number, (path, base) in enumerate(listed(*args)):
            if number == 1:
                os.unlink(path)
            yield path, base

    monkeypatch.setattr(readers, "input_files", deleting_the_second)
    result = invoke(["read", str(raw)])
    assert result.exit_code == 1
    assert f"Error: {raw}/b.jsonl: disappeared while the run read {raw}" in result.stderr
