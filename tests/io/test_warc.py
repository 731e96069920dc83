"""WARC and WARC.gz: HTML responses become records with the WARC's URL and date; the rest is counted."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import invoke, parse_jsonl
from tests.io.test_readers import read_all

ARTICLE_HTML = """<html><head><title>Night trains return to the valley line</title></head><body>
<nav>Home | Region | Sport</nav>
<article><h1>Night trains return to the valley line</h1>
<p>After four years without a late service, the regional operator will run two night trains between
Ashford Junction and the valley towns from September, the transport board said on Thursday.</p>
<p>The trains will leave the junction at half past eleven and at one in the morning, stopping at every
station on the line. Commuters who work late shifts at the hospital had asked for the service for years.</p>
<p>The board expects the trains to cost about two million a year to run and will review the numbers after
twelve months, when it will decide whether to add a third departure on Friday and Saturday nights.</p>
</article><footer>Contact the newsroom</footer></body></html>"""


def build_warc(path: Path, gzipped: bool) -> Path:
    """A small crawl: a warcinfo record, a request, the article, a redirect, an image and a page without text."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "a test crawler"}))

    def response(uri: str, status: str, content_type: str, body: bytes, date: str) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)

    request_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "valley.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://valley.example/trains", "request",
                                                  http_headers=request_headers))
    response("https://valley.example/trains", "200 OK", "text/html; charset=utf-8", ARTICLE_HTML.encode(),
             "2024-06-06T08:30:00Z")
    response("https://valley.example/old", "301 Moved Permanently", "text/html", b"", "2024-06-06T08:31:00Z")
    response("https://valley.example/logo.png", "200 OK", "image/png", b"\x89PNG", "2024-06-06T08:32:00Z")
    response("https://valley.example/empty", "200 OK", "text/html", b"<html><body></body></html>",
             "2024-06-06T08:33:00Z")
    path.write_bytes(buffer.getvalue())
    return path


def only_article(records: list[dict[str, Any]]) -> dict[str, Any]:
    (record,) = records
    return record


def test_warc_gz_html_response_becomes_a_record(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz", gzipped=True)
    records, reader, warnings = read_all(path)
    record = only_article(records)
    assert record["id"].startswith("<urn:uuid:")
    assert record["url"] == "https://valley.example/trains"
    assert record["warc_date"] == "2024-06-06T08:30:00Z" and record["date"] == "2024-06-06T08:30:00Z"
    assert record["title"] == "Night trains return to the valley line"
    assert "two night trains" in record["text"] and "Contact the newsroom" not in record["text"]
    assert reader.inputs[0].format == "warc" and reader.inputs[0].records == 1
    assert {s["reason"] for s in reader.skipped} == {
        "1 HTML responses without article text", "1 WARC request records", "1 WARC warcinfo records",
        "1 responses that are not HTML", "1 responses with a status other than 200"}
    assert warnings and warnings[0].startswith(f"{path}: skipped ")


def test_plain_warc_through_the_cli(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc", gzipped=False)
    result = invoke(["read", str(path), "normalize"])
    assert result.exit_code == 0, result.stderr
    assert only_article(parse_jsonl(result.stdout))["url"] == "https://valley.example/trains"


def test_a_file_that_is_not_warc_is_a_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"this is a note, not a crawl\n")
    result = invoke(["read", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:1: not a readable WARC file (")


def test_a_warc_gz_cut_short_is_an_error_not_an_empty_input(tmp_path: Path) -> None:
    whole = build_warc(tmp_path / "crawl.warc.gz", gzipped=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-8])
    result = invoke(["read", str(cut)])
    assert result.exit_code == 1 and "cannot decompress" in result.stderr and "is the file truncated?" in result.stderr


def test_a_plain_warc_cut_inside_a_page_keeps_the_pages_before_and_rejects_the_cut_one(tmp_path: Path) -> None:
    whole = build_warc(tmp_path / "crawl.warc", gzipped=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[:whole.index(b"four years without")])
    records, reader, _ = read_all(cut, on_error="skip")
    assert records == [] and reader.policy.count == 1
    assert "the file ends inside response 1" in reader.policy.examples[0]


def test_a_response_header_warcio_cannot_parse_is_a_bad_input(tmp_path: Path) -> None:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>"
    path = tmp_path / "bare.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n" % (len(body), body))
    result = invoke(["read", str(path)])
    assert result.exit_code == 1 and "not a readable WARC file (a record header it cannot parse)" in result.stderr
