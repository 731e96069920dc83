"""Readers: every format, layout and kind of bad input, without the CLI."""

from __future__ import annotations

import gzip
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import zstandard

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.formats import CSV_FIELD_LIMIT
from corpus_tools.io.readers import ReadConfig, Reader
from corpus_tools.io.rejects import RejectPolicy
from tests.conftest import FIXTURES, shared_path

ARTICLE = "Harbour cranes stood idle on Tuesday as the dock workers' strike entered its third day."


def read_all(path: Path | str, cfg: ReadConfig | None = None, on_error: str = "fail",
             rejects: str | None = None) -> tuple[list[dict[str, Any]], Reader, list[str]]:
    warnings: list[str] = []
    reader = Reader(RejectPolicy(on_error, rejects), warnings.append)  # type: ignore[arg-type]
    records = list(reader.read(str(path), cfg))
    reader.policy.close()
    return records, reader, warnings


def test_jsonl_keeps_unknown_fields_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"zeta": 1, "id": "a", "text": "x", "alpha": [1, 2], "title": "T"}\n')
    records, _, _ = read_all(path)
    assert list(records[0]) == ["zeta", "id", "text", "alpha", "title"]
    assert records[0]["alpha"] == [1, 2]


@pytest.mark.parametrize("suffix,compress", [
    (".jsonl.gz", gzip.compress),
    (".jsonl.xz", lzma.compress),
    (".jsonl.zst", lambda data: zstandard.ZstdCompressor().compress(data)),
])
def test_compressed_jsonl(tmp_path: Path, suffix: str, compress: Any) -> None:
    path = tmp_path / f"news{suffix}"
    path.write_bytes(compress(b'{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n'))
    records, reader, _ = read_all(path)
    assert [r["id"] for r in records] == ["a", "b"]
    assert reader.inputs[0].records == 2
    assert len(reader.inputs[0].sha256) == 64


def test_missing_ids_are_derived_from_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "one"}\n\n{"text": "two"}\n')
    records, _, _ = read_all(path)
    assert [r["id"] for r in records] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert list(records[0]) == ["id", "text"]


def test_text_field_option_renames_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "body": "story", "extra": 1}\n')
    records, _, _ = read_all(path, ReadConfig(text_field="body"))
    assert records == [{"id": "a", "text": "story", "extra": 1}]


def test_json_array_with_content_field(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    path.write_text('[{"source": "x", "content": "first"}, {"source": "y", "content": "second"}]')
    records, _, _ = read_all(path)
    assert [r["text"] for r in records] == ["first", "second"]
    assert records[0]["id"] == "day.json#1"


@pytest.mark.parametrize("name,content", [
    ("excel.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "first"}\n{"id": "b", "text": "second"}\n'),
    ("excel.json", b'\xef\xbb\xbf[{"id": "a", "text": "first"}, {"id": "b", "text": "second"}]'),
])
def test_a_byte_order_mark_at_the_start_of_a_json_file_is_not_part_of_it(tmp_path: Path, name: str,
                                                                         content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    records, _, _ = read_all(path)
    assert records == [{"id": "a", "text": "first"}, {"id": "b", "text": "second"}]


def test_a_byte_order_mark_after_the_first_line_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "glued.jsonl"
    path.write_bytes(b'{"id": "a", "text": "first"}\n\xef\xbb\xbf{"id": "b", "text": "second"}\n')
    with pytest.raises(BadRecord, match=r"glued.jsonl:2: invalid JSON"):
        read_all(path)


def test_fakenewscorpus_layout_with_no_options() -> None:
    records, _, _ = read_all(FIXTURES / "fakenews-layout" / "news_sample.csv")
    assert [r["id"] for r in records] == ["101", "102"]
    first = records[0]
    assert "" not in first  # the unnamed index column is dropped
    assert first["domain"] == "harbour-times.example"
    assert first["type"] == "reliable"
    assert "second paragraph" in first["text"] and "\n" in first["text"]
    assert len(records[1]["text"]) > 131072  # beyond csv's default field size limit
    assert CSV_FIELD_LIMIT > 131072


def test_csv_dates_become_iso(tmp_path: Path) -> None:
    path = tmp_path / "isot.csv"
    path.write_text('title,text,subject,date\nA title,Body text,politicsNews,"December 31, 2017 "\n')
    records, _, _ = read_all(path)
    assert records[0]["date"] == "2017-12-31"
    assert records[0]["subject"] == "politicsNews"
    assert records[0]["id"] == "isot.csv#1"


def test_a_csv_column_without_a_name_keeps_its_values_but_a_leading_index_column_goes(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,,text,\n1,x,The ferry left.,y\n")
    records, _, _ = read_all(path)
    assert records == [{"id": "1", "column_2": "x", "text": "The ferry left.", "column_4": "y"}]
    indexed = tmp_path / "b.csv"
    indexed.write_text(",id,text\n0,1,The ferry left.\n")
    assert read_all(indexed)[0] == [{"id": "1", "text": "The ferry left."}]


def test_tsv_and_headerless_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("id\ttext\nx\tfirst story\n")
    assert read_all(tsv)[0][0] == {"id": "x", "text": "first story"}
    headerless = tmp_path / "b.csv"
    headerless.write_text("Sport;'Der Verein gewann, knapp.'\nKultur;'Ein Abend im Theater.'\n")
    cfg = ReadConfig(delimiter=";", quotechar="'", columns=("label", "text"))
    records = read_all(headerless, cfg)[0]
    assert [r["text"] for r in records] == ["Der Verein gewann, knapp.", "Ein Abend im Theater."]
    assert records[0]["label"] == "Sport"


def test_txt_files_in_a_directory_get_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    (tmp_path / "notes.md").write_text("not data")
    records, reader, warnings = read_all(tmp_path)
    assert records == [{"id": "sub/story.txt", "text": ARTICLE}]
    assert reader.skipped == [{"path": str(tmp_path / "notes.md"), "reason": "unknown format"}]
    assert "skipped 1 file(s) of unknown format" in warnings[0]


def test_an_old_binary_excel_workbook_is_refused_with_advice(tmp_path: Path) -> None:
    workbook = tmp_path / "desk.xls"
    workbook.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an OLE2 header")
    with pytest.raises(InputError, match=r"desk\.xls: an old binary \.xls workbook .*save it as \.xlsx or CSV"):
        read_all(workbook)
    (tmp_path / "story.txt").write_text(ARTICLE)
    records, reader, warnings = read_all(tmp_path)
    assert [r["id"] for r in records] == ["story.txt"]
    assert reader.skipped[0]["path"] == str(workbook) and "save it as .xlsx or CSV" in reader.skipped[0]["reason"]
    assert "skipped 1 old binary .xls workbook(s)" in warnings[0]


def test_zip_members_of_one_name_are_each_read(tmp_path: Path) -> None:
    archive = tmp_path / "feeds.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.jsonl", '{"id": "first", "text": "The first crawl."}\n')
        zipped.writestr("a.jsonl", '{"id": "second", "text": "The second crawl."}\n')
    records, _, _ = read_all(archive)
    assert [r["id"] for r in records] == ["first", "second"]


def test_include_and_exclude_pick_the_files_of_a_directory(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "One story."}\n')
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE)
    records, reader, _ = read_all(tmp_path, ReadConfig(include=("sub/*.txt",)))
    assert [r["id"] for r in records] == ["sub/b.txt"]
    assert reader.skipped == [{"path": str(tmp_path), "reason": "1 file(s) left out by --include/--exclude"}]
    records, _, _ = read_all(tmp_path, ReadConfig(exclude=("sub/*",)))
    assert [r["id"] for r in records] == ["a"]


def test_html_article_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{ARTICLE} Paragraph number {i} adds detail about the port.</p>" for i in range(6))
    page.write_text(
        "<html><head><title>Dock strike enters third day</title>"
        '<meta property="article:published_time" content="2024-03-05"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Dock strike enters third day</h1>{paragraphs}</article>"
        "<footer>Copyright 2024 Harbour Times</footer></body></html>"
    )
    records, _, _ = read_all(page)
    assert records[0]["id"] == "page.html"
    assert records[0]["title"] == "Dock strike enters third day"
    assert "Paragraph number 5" in records[0]["text"]
    assert "Sport" not in records[0]["text"]
    assert records[0]["date"] == "2024-03-05"


def html_page(meta: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} Paragraph number {i} adds detail about the port.</p>" for i in range(6))
    return (f"<html><head>{meta}<title>Dock strike enters third day</title></head>"
            f"<body><article><h1>Dock strike enters third day</h1>{paragraphs}</article></body></html>")


@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1", "ISO-8859-1"])
def test_an_html_page_in_the_charset_its_head_declares_is_read(tmp_path: Path, label: str) -> None:
    page = tmp_path / "page.html"
    body = "Die Hafenkräne standen am Dienstag still, als der Streik der Dockarbeiter in den dritten Tag ging: „Genug“."
    page.write_bytes(html_page(f'<meta http-equiv="Content-Type" content="text/html; charset={label}">',
                               body).encode("cp1252"))
    records, _, _ = read_all(page)
    assert body in records[0]["text"]


def test_an_html_page_that_is_not_utf8_and_declares_nothing_else_is_rejected(tmp_path: Path) -> None:
    for meta, name in (("", "bare.html"), ('<meta charset="utf-8">', "false.html"),
                       ('<meta charset="base64">', "codec.html"), ('<meta charset="rot13">', "rot.html")):
        (tmp_path / name).write_bytes(html_page(meta, "Die Hafenkräne standen still.").encode("cp1252"))
        with pytest.raises(BadRecord, match="not valid UTF-8"):
            read_all(tmp_path / name)


def test_tar_and_zip_archives_are_read_member_by_member(tmp_path: Path) -> None:
    tar_path = tmp_path / "texts.tar.xz"
    with tarfile.open(tar_path, "w:xz") as archive:
        for name, body in (("a/1.txt", b"first"), ("a/2.txt", b"second"), ("LICENSE", b"terms")):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    zip_path = tmp_path / "feed.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("day.jsonl", '{"id": "z1", "text": "zipped"}\n')
    records, reader, warnings = read_all(tmp_path)
    assert [r["id"] for r in records] == ["z1", "texts.tar.xz!a/1.txt", "texts.tar.xz!a/2.txt"]
    assert [r["text"] for r in records] == ["zipped", "first", "second"]
    assert any("skipped 1 member" in w for w in warnings)
    assert {i.format for i in reader.inputs} == {"archive"}


def test_glob_reads_matching_files(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(f'{{"id": "{name}", "text": "t"}}\n')
    (tmp_path / "c.csv").write_text("id,text\nc,t\n")
    records, _, _ = read_all(str(tmp_path / "*.jsonl"))
    assert [r["id"] for r in records] == ["a.jsonl", "b.jsonl"]


def test_repeated_ids_fail_or_get_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "1"}\n{"id": "a", "text": "2"}\n{"id": "a", "text": "3"}\n')
    with pytest.raises(BadRecord, match=r"dup.jsonl:2: id 'a' repeats an earlier record"):
        read_all(path)
    records, _, _ = read_all(path, ReadConfig(dedupe_ids="suffix"))
    assert [r["id"] for r in records] == ["a", "a~2", "a~3"]


BAD_LINES = [
    (b'{"id": "a", "text": "fine"}\n{"id": "b", "text": \n', r"bad.jsonl:2: invalid JSON"),
    (b'{"id": "a"}\n', r"bad.jsonl:1: missing field 'text'"),
    (b'{"id": "a", "text": 5}\n', r"bad.jsonl:1: field 'text' must be a string, got number"),
    (b'{"id": 7, "text": "x"}\n', r"bad.jsonl:1: field 'id' must be a string"),
    (b'[1, 2]\n', r"bad.jsonl:1: expected a JSON object, got array"),
    (b'{"id": "a", "text": "caf\xe9"}\n', r"bad.jsonl:1: not valid UTF-8 \(byte 0xe9"),
    (b'\x00\x01\x02\xff\xfe binary\n', r"bad.jsonl:1: binary data \(NUL byte\)"),
]


@pytest.mark.parametrize("content,message", BAD_LINES)
def test_bad_lines_name_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(BadRecord, match=message):
        read_all(path)


def test_skip_writes_rejects_with_reasons(tmp_path: Path) -> None:
    path = FIXTURES / "bad-json-line" / "mixed.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    records, reader, _ = read_all(path, on_error="skip", rejects=str(rejects))
    assert [r["id"] for r in records] == ["good-1", "good-2"]
    assert reader.policy.count == 3
    lines = rejects.read_text().splitlines()
    assert len(lines) == 3
    assert '"line":2' in lines[0] and "invalid JSON" in lines[0]
    assert reader.inputs[0].rejected == 3


def test_a_csv_row_rejected_for_a_bad_byte_keeps_the_byte_in_the_rejects(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,text\n1,caf\xe9 au lait\n2,fine\n")
    rejects = tmp_path / "rejects.jsonl"
    records, _, _ = read_all(path, on_error="skip", rejects=str(rejects))
    assert [r["id"] for r in records] == ["2"]
    (entry,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert entry["raw"] == "1,caf\\xe9 au lait\n"


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text("id,headline\n1,Nothing else\n")
    with pytest.raises(BadRecord, match=r"meta.csv:1: no text column \(columns: id, headline\)"):
        read_all(path)


def test_csv_columns_are_found_in_any_capitals_and_by_their_common_names(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("ID,HEADLINE,TEXT,LINK,SOURCE\n7,Pier closes,The pier closes.,https://example.com/a,Example\n")
    records, _, _ = read_all(path)
    assert records == [{"id": "7", "title": "Pier closes", "text": "The pier closes.", "url": "https://example.com/a",
                        "SOURCE": "Example"}]


def test_a_csv_column_named_as_written_wins_over_one_in_other_capitals(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text("Text,content,Title,title\nteaser,The story.,Head,head\n")
    records, _, _ = read_all(path)
    assert records[0]["text"] == "The story." and records[0]["Text"] == "teaser"
    assert records[0]["title"] == "head" and records[0]["Title"] == "Head"


def test_a_csv_column_named_for_the_text_is_not_also_the_title(tmp_path: Path) -> None:
    path = tmp_path / "titles.csv"
    path.write_text("id,title,Headline\n1,The pier closes for a year.,Pier\n")
    records, _, _ = read_all(path, ReadConfig(text_field="title"))
    assert records == [{"id": "1", "text": "The pier closes for a year.", "title": "Pier"}]


def test_missing_file_and_empty_pattern() -> None:
    with pytest.raises(InputError, match="nowhere.jsonl: no such file or directory"):
        read_all("nowhere.jsonl")
    with pytest.raises(InputError, match="no file matches"):
        read_all("nowhere/*.jsonl")


def test_an_empty_file_is_a_bad_input_and_blank_lines_are_silent(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(BadRecord, match="empty.jsonl: empty file"):
        read_all(empty)
    blanks = tmp_path / "blanks.jsonl"
    blanks.write_text('\n\n{"id": "a", "text": "x"}\n   \n')
    records, _, warnings = read_all(blanks)
    assert len(records) == 1 and warnings == []


@pytest.mark.parametrize(("name", "content", "fmt", "message"), [
    ("blank.jsonl", "\n  \n", "auto", r"no records: 4 bytes read as jsonl \(it holds only blank lines\)"),
    ("header.csv", "id,text\n", "auto", r"no records: 8 bytes read as csv \(it holds a header and no rows\)"),
    ("lines.jsonl", '{"id": "a", "text": "x"}\n', "reuters", r"is --format reuters right for it\?"),
])
def test_a_file_that_yields_nothing_is_named(tmp_path: Path, name: str, content: str, fmt: str,
                                             message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BadRecord, match=message):
        read_all(path, ReadConfig(format=fmt))  # type: ignore[arg-type]


def test_empty_files_are_counted_rejects_under_skip(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "b.jsonl").write_text("")
    records, reader, _ = read_all(tmp_path, on_error="skip")
    assert [r["id"] for r in records] == ["a"]
    assert reader.policy.by_reason == {"empty file": 1}
    assert [(s.records, s.rejected, s.seen) for s in reader.inputs] == [(1, 0, 1), (0, 1, 1)]


def test_an_empty_archive_member_and_an_empty_archive_are_named(tmp_path: Path) -> None:
    archive = tmp_path / "parts.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.jsonl", "")
        zf.writestr("b.jsonl", '{"id": "b", "text": "x"}\n')
    with pytest.raises(BadRecord, match=r"parts.zip!a.jsonl: empty file"):
        read_all(archive)
    records, reader, _ = read_all(archive, on_error="skip")
    assert [r["id"] for r in records] == ["b"] and reader.policy.count == 1
    hollow = tmp_path / "hollow.zip"
    zipfile.ZipFile(hollow, "w").close()
    with pytest.raises(BadRecord, match="hollow.zip: no records: the archive holds no members"):
        read_all(hollow)


def test_shared_data_reads_with_skip() -> None:
    data = shared_path("data")
    records, reader, _ = read_all(data, on_error="skip")
    by_format = {i.path.split("/data/")[-1]: i.records for i in reader.inputs}
    assert by_format["fakenewscorpus/news_sample.csv.gz"] == 250
    assert by_format["isot/True.head1008.csv.xz"] == 1008
    assert by_format["reuters21578/reuters21578-sgm.tar.xz"] == 19043
    assert len(records) > 20000


def test_shared_seeds_read_as_txt() -> None:
    records, _, _ = read_all(shared_path("seeds"))
    assert len(records) == 2
    assert all(r["id"].endswith(".txt") and len(r["text"]) > 2000 for r in records)


def test_progress_total_counts_the_files_the_reader_reads(tmp_path: Path) -> None:
    from corpus_tools.runner import input_bytes

    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "one"}\n')
    (tmp_path / ".hidden.jsonl").write_text("x" * 1000)
    _, reader, _ = read_all(tmp_path)
    assert input_bytes([str(tmp_path)]) == reader.bytes_read == 27
    assert input_bytes([str(tmp_path), "-"]) is None


REUTERS_SGM = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="101" NEWID="7">
<DATE> 3-MAR-1987 09:12:44.10</DATE>
<TOPICS><D>grain</D><D>wheat</D></TOPICS>
<PLACES><D>canada</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS><D>ec</D></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT>&#2;
<TITLE>PRAIRIE WHEAT SHIPMENTS RISE</TITLE>
<DATELINE>    WINNIPEG, March 3 - </DATELINE><BODY>Wheat shipments from prairie elevators rose in the week,
the grain board said.
</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="NOT-USED" CGISPLIT="TRAINING-SET" OLDID="102" NEWID="8">
<DATE> 3-MAR-1987 09:15:00.00</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES>
<TEXT TYPE="BRIEF">&#2;<TITLE>SHORT ITEM</TITLE></TEXT>
</REUTERS>
"""


def test_reuters_keeps_categories_and_split(tmp_path: Path) -> None:
    path = tmp_path / "reut2-000.sgm"
    path.write_text(REUTERS_SGM)
    records, _, _ = read_all(path)
    (record,) = records  # the brief without a body is not an article
    assert record["id"] == "reuters-7" and record["date"] == "1987-03-03T09:12:44"
    assert (record["topics"], record["places"], record["people"], record["orgs"], record["exchanges"]) == (
        ["grain", "wheat"], ["canada"], [], ["ec"], [])
    assert record["lewissplit"] == "TRAIN" and record["topics_status"] == "YES"


def test_a_reuters_error_names_the_line_its_element_starts_on(tmp_path: Path) -> None:
    first = REUTERS_SGM[REUTERS_SGM.index("<REUTERS "):REUTERS_SGM.index("</REUTERS>") + len("</REUTERS>\n")]
    path = tmp_path / "reut2-001.sgm"
    path.write_text(REUTERS_SGM + first)
    repeat_line = (REUTERS_SGM + first).count("\n", 0, len(REUTERS_SGM)) + 1
    with pytest.raises(BadRecord, match=rf"reut2-001\.sgm:{repeat_line}: id 'reuters-7' repeats an earlier record"):
        read_all(path)


def test_shared_reuters_categories() -> None:
    records, _, _ = read_all(shared_path("data", "reuters21578", "reuters21578-sgm.tar.xz"))
    assert len(records) == 19043
    assert all(isinstance(r["topics"], list) and r["lewissplit"] in ("TRAIN", "TEST", "NOT-USED") for r in records)
    assert sum(1 for r in records if "earn" in r["topics"]) > 3000


def test_xlsx_sheets_read_like_csv(tmp_path: Path) -> None:
    import datetime

    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "April"
    sheet.append(["headline", "body", "published", "shares"])
    sheet.append(["Dock strike ends", ARTICLE, datetime.datetime(2024, 4, 2, 9, 30), 12])
    sheet.append([None, None, None, None])
    sheet.append(["Ferry late", "The ferry was late again.", None, 3.5])
    workbook.create_sheet("May").append(["body"])
    workbook["May"].append(["A second sheet's only story."])
    path = tmp_path / "stories.xlsx"
    workbook.save(path)
    records, reader, _ = read_all(path, ReadConfig(text_field="body", title_field="headline"))
    assert records == [
        {"id": "stories.xlsx!April#1", "title": "Dock strike ends", "text": ARTICLE, "date": "2024-04-02T09:30:00",
         "shares": "12"},
        {"id": "stories.xlsx!April#3", "title": "Ferry late", "text": "The ferry was late again.", "date": "",
         "shares": "3.5"},
        {"id": "stories.xlsx!May#1", "text": "A second sheet's only story."},
    ]
    assert reader.inputs[0].format == "xlsx"


def test_a_bad_row_of_a_later_sheet_is_named_with_its_sheet(tmp_path: Path) -> None:
    """"stories.xlsx:4" named row 4 of the first sheet, a valid record, for a repeated id in the second."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Politics"
    for row in (["id", "text"], ["p1", "One story."], ["p2", "Two stories."], ["p3", "Three stories."]):
        first.append(row)
    second = workbook.create_sheet("Sports")
    for row in (["id", "text"], ["s1", "A match."], ["s2", "A race."], ["p1", "A story under a taken id."]):
        second.append(row)
    path = tmp_path / "desk.xlsx"
    workbook.save(path)
    with pytest.raises(BadRecord, match=r"desk\.xlsx!Sports:4: id 'p1' repeats an earlier record"):
        read_all(path)


def test_not_a_workbook_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .xls renamed")
    _, reader, _ = read_all(path, on_error="skip")
    assert reader.policy.count == 1 and "unreadable .xlsx workbook" in reader.policy.examples[0]


def test_archive_include_and_exclude_members(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, text in (("texts/1.txt", ARTICLE), ("texts/2.txt", "Second story."),
                           ("texts-meta/1.txt", "author: x"), ("texts-meta/2.txt", "author: y")):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    records, reader, _ = read_all(path, ReadConfig(exclude=("texts-meta/*",)))
    assert [r["id"] for r in records] == ["corpus.tar.gz!texts/1.txt", "corpus.tar.gz!texts/2.txt"]
    assert reader.skipped == [{"path": str(path), "reason": "2 member(s) left out by --include/--exclude"}]
    records, _, _ = read_all(path, ReadConfig(include=("*/2.txt",)))
    assert [r["text"] for r in records] == ["Second story.", "author: y"]
    records, _, _ = read_all(path, ReadConfig(include=("texts/*",), exclude=("*/2.txt",)))
    assert [r["text"] for r in records] == [ARTICLE]


def test_shared_fakebr_metadata_left_out() -> None:
    path = shared_path("data", "fakebr", "fakebr-true-first1000.tar.xz")
    everything, _, _ = read_all(path)
    texts, _, _ = read_all(path, ReadConfig(exclude=("*-meta-information/*",)))
    assert len(texts) == 1000 and len(everything) == 2000
    assert all("-meta-information/" not in r["id"] for r in texts)


def csv_rows(n: int) -> list[bytes]:
    return [b"id,text\n"] + [b"r%d,Story %d of the day.\n" % (i, i) for i in range(n)]


def test_a_bad_utf8_byte_in_csv_costs_its_row_only_and_names_its_line(tmp_path: Path) -> None:
    rows = csv_rows(2000)
    rows[3] = b"r2,Caf\xe9 story.\n"  # inside the first 8 KB, where a decoder reads ahead
    rows[1000] = b"r999,Story \xff999.\n"
    path = tmp_path / "news.csv"
    path.write_bytes(b"".join(rows))
    records, reader, _ = read_all(path, on_error="skip")
    assert len(records) == 1998
    assert reader.policy.examples == ["news.csv:4: not valid UTF-8 (byte 0xe9) (re-encode the file as UTF-8)"
                                      .replace("news.csv", str(path)),
                                      f"{path}:1001: not valid UTF-8 (byte 0xff) (re-encode the file as UTF-8)"]
    stats = reader.inputs[0]
    assert (stats.seen, stats.records, stats.rejected) == (2000, 1998, 2)


def test_an_unclosed_quote_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b'id,text\n1,"oops\n2,two\n3,three\n')
    with pytest.raises(BadRecord, match=r"q.csv:2: a quote opened on this line is never closed, so the 2 line"):
        read_all(path)


def test_an_unclosed_quote_on_the_last_line_says_no_more(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b'id,text\n1,one\n2,"oops\n')
    with pytest.raises(BadRecord, match=r"q.csv:3: a quote opened on this line is never closed$"):
        read_all(path)


def test_a_quote_inside_a_field_that_did_not_open_with_one_is_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "inches.csv"
    path.write_bytes(b'id,text,note\n1,The mast is 6 feet 2" tall,x\n2,"A quoted, field",a 4" pipe\n')
    records, _, _ = read_all(path)
    assert [(r["text"], r["note"]) for r in records] == [('The mast is 6 feet 2" tall', "x"),
                                                         ("A quoted, field", 'a 4" pipe')]


def test_an_unclosed_quote_at_the_end_of_a_file_without_a_line_break_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes(b'id,text\n1,one\n2,"oops')
    with pytest.raises(BadRecord, match=r"q.csv:3: a quote opened on this line is never closed$"):
        read_all(path)


def test_quoted_fields_over_several_lines_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b'id,text\na,"one\ntwo"\nb,"x"\nc,\x00\n')
    records, reader, _ = read_all(path, on_error="skip")
    assert [r["text"] for r in records] == ["one\ntwo", "x"]
    assert reader.policy.examples == [f"{path}:5: binary data (NUL byte)"]


def test_a_duplicate_csv_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"id,text,title,title\n1,a,b,c\n")
    with pytest.raises(BadRecord, match="d.csv:1: the header names column 'title' twice"):
        read_all(path)


def zstd_of(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


JSONL_3000 = b"".join(b'{"id": "r%d", "text": "words of story %d"}\n' % (i, i) for i in range(3000))


@pytest.mark.parametrize("data,reason", [
    (zstd_of(JSONL_3000)[:-40], "the zstd data ends in the middle of a frame"),
    (b"not zstd at all, just bytes", "not valid zstd data"),
])
def test_truncated_or_garbage_zstd_is_an_error_not_empty_input(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "t.jsonl.zst"
    path.write_bytes(data)
    with pytest.raises(BadRecord, match=reason):
        read_all(path)
    _, reader, _ = read_all(path, on_error="skip")
    assert (reader.inputs[0].rejected, reader.inputs[0].seen) == (1, 1 + reader.inputs[0].records)


def test_zstd_of_several_frames_reads_them_all(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.zst"
    path.write_bytes(zstd_of(JSONL_3000) + zstd_of(b'{"id": "last", "text": "end"}\n'))
    records, _, _ = read_all(path)
    assert len(records) == 3001 and records[-1]["id"] == "last"


def test_a_rejected_count_includes_lines_before_a_decompression_error(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "x"}\nnot json\n' + JSONL_3000)[:-200])
    _, reader, _ = read_all(path, on_error="skip")
    stats = reader.inputs[0]
    assert stats.rejected == 2 and stats.seen == stats.records + 2


def add_member(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def test_one_bad_tar_member_does_not_drop_the_members_after_it(tmp_path: Path) -> None:
    path = tmp_path / "a.tar"
    with tarfile.open(path, "w") as archive:
        add_member(archive, "1.jsonl", b'{"id": "a", "text": "x"}\n')
        add_member(archive, "2.jsonl.gz", gzip.compress(JSONL_3000)[:30])
        add_member(archive, "3.jsonl", b'{"id": "c", "text": "z"}\n')
        link = tarfile.TarInfo("4.jsonl")
        link.type, link.linkname = tarfile.SYMTYPE, "1.jsonl"
        archive.addfile(link)
    records, reader, warnings = read_all(path, on_error="skip")
    assert [r["id"] for r in records] == ["a", "c"]
    assert reader.policy.examples[0].startswith(f"{path}!2.jsonl.gz: cannot decompress")
    assert reader.skipped == [{"path": f"{path}!4.jsonl", "reason": "link"}]
    assert f"{path}: skipped 1 link member(s) (links are not followed), e.g. 4.jsonl" in warnings
    assert (reader.inputs[0].seen, reader.inputs[0].rejected) == (3, 1)


def test_encrypted_and_unknown_method_zip_members_are_rejected_one_by_one(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("a.jsonl", "b.jsonl", "c.jsonl"):
            archive.writestr(name, b'{"text": "x"}\n')
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 1)  # b.jsonl's directory entry
    data[central + 8] |= 1  # the "encrypted" flag
    central = data.index(b"PK\x01\x02", central + 1)  # c.jsonl's
    data[central + 10:central + 12] = (99).to_bytes(2, "little")  # an unknown compression method
    path = tmp_path / "z.zip"
    path.write_bytes(bytes(data))
    records, reader, _ = read_all(path, on_error="skip")
    assert [r["id"] for r in records] == ["z.zip!a.jsonl#1"]
    assert [e.split(": ")[1] for e in reader.policy.examples] == [
        "unreadable zip member (encrypted, it needs a password)",
        "unreadable zip member (That compression method is not supported)"]


def test_zip_members_over_the_size_cap_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_tools.io import sources

    monkeypatch.setattr(sources, "MEMBER_LIMIT", 1 << 20)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.jsonl", b" " * (2 << 20))
        archive.writestr("small.jsonl", b'{"id": "s", "text": "x"}\n')
    records, reader, _ = read_all(path, on_error="skip")
    assert [r["id"] for r in records] == ["s"]
    assert reader.policy.examples == [f"{path}!big.jsonl: member larger than 1 MiB uncompressed"]


@pytest.mark.parametrize(("name", "content"), [
    ("a.jsonl", '{"id": "a", "text": "Ferry fares rise in März"}\n'),
    ("a.csv", "id,text\na,Ferry fares rise in März\n"),
    ("a.txt", "Ferry fares rise in März"),
    ("a.html", "<html><body><article><p>Ferry fares rise in März</p></article></body></html>"),
])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path, name: str, content: str, encoding: str) -> None:
    path = tmp_path / name
    data = content.encode(encoding)
    path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    records, _, _ = read_all(path)
    assert [r["text"].strip() for r in records] == ["Ferry fares rise in März"]


def test_a_broken_utf16_line_is_rejected_alone_and_the_records_around_it_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    lines = "".join(f'{{"id": "r{i}", "text": "x"}}\n' for i in range(3000))
    after = '{"id": "after", "text": "x"}\n'.encode("utf-16-le")
    path.write_bytes(lines.encode("utf-16") + "\n".encode("utf-16-le") + b"\x00\xdc" + b"\n\x00" + after)
    with pytest.raises(BadRecord, match="broken.jsonl:3002: not valid UTF-8"):
        read_all(path)
    records, reader, _ = read_all(path, on_error="skip")
    assert len(records) == 3001 and records[-1]["id"] == "after" and reader.policy.count == 1
    assert [(s.records, s.rejected, s.seen) for s in reader.inputs] == [(3001, 1, 3002)]


def test_utf16_cut_inside_a_code_unit_keeps_the_records_before_it(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_bytes('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n'.encode("utf-16") + b"\x41")
    with pytest.raises(BadRecord, match="cut.jsonl:3: not valid UTF-16"):
        read_all(path)
    records, reader, _ = read_all(path, on_error="skip")
    assert [r["id"] for r in records] == ["a", "b"] and reader.policy.count == 1


def test_a_utf16_mark_before_utf8_text_is_not_read_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(b"\xff\xfe" + b"The ferry sails at noon.")
    with pytest.raises(BadRecord, match="marked.txt:1: not valid UTF-8"):
        read_all(path)


@pytest.mark.parametrize(("name", "content"), [("empty.txt", b""), ("blank.txt", b" \n\t\n"),
                                               ("mark.txt", b"\xef\xbb\xbf"), ("mark16.txt", b"\xff\xfe"),
                                               ("empty.html", b"\n")])
def test_an_empty_document_is_an_empty_file_not_an_empty_record(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadRecord, match=f"{name}: (empty file|no records)"):
        read_all(path)


def test_a_document_that_cannot_be_read_is_one_counted_reject(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The ferry sails at noon.")
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(b"The pier closes for a year." * 40)[:-12])
    (tmp_path / "bad16.txt").write_bytes("The pier".encode("utf-16") + b"\x41")
    records, reader, _ = read_all(tmp_path, on_error="skip")
    assert [r["id"] for r in records] == ["good.txt"] and reader.policy.count == 2
    assert all(s.seen == s.records + s.rejected for s in reader.inputs)


def test_an_empty_directory_is_an_error_as_a_pattern_that_matches_nothing_is(tmp_path: Path) -> None:
    (tmp_path / "hollow").mkdir()
    (tmp_path / "hollow" / ".hidden").write_text("x")
    with pytest.raises(InputError, match="hollow: the directory holds no file to read"):
        read_all(tmp_path / "hollow")


@pytest.mark.parametrize(("name", "data", "message"), [
    # Read leniently, `"Stay home" mayor urges` lost its quote marks without a word.
    ("q.tsv", b'id\ttitle\ttext\n1\t"Stay home" mayor urges\tThe mayor spoke.\n2\tplain\tok\n',
     r"q\.tsv:2: a quoted field goes on after its closing quote: quote the whole"),
    # Python's csv said "do you need to open the file in universal-newline mode?".
    ("mac.csv", b"id,text\r1,hello\r2,world\r",
     r"mac\.csv:1: unreadable CSV header: a line ends with a carriage return alone \(old Mac line ends\)"),
    ("empty.json", b"[]", r"empty\.json: no records: 2 bytes read as JSON \(it holds an empty array\)"),
])
def test_a_malformed_file_is_named_with_what_is_wrong(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadRecord, match=message):
        read_all(path)
