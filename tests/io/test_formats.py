from __future__ import annotations

import io
from typing import Any

import pytest

from corpus_tools.errors import BadRecord
from corpus_tools.io.formats import (
    FORMATS,
    PARSERS,
    ReadConfig,
    Tally,
    detect_format,
    field_map,
    parse_csv,
    parse_jsonl,
    parse_reuters,
    parse_txt,
)
from corpus_tools.io.rejects import RejectPolicy


def parse(parser: Any, data: bytes, cfg: ReadConfig | None = None, display: str = "in.jsonl",
          on_error: str = "skip") -> tuple[list[tuple[int | None, dict[str, Any]]], Tally]:
    tally = Tally(RejectPolicy(on_error), [].append)  # type: ignore[arg-type]
    stream = io.BufferedReader(io.BytesIO(data))
    return list(parser(stream, display, "base", cfg or ReadConfig(), tally)), tally


def test_every_format_but_auto_has_a_parser() -> None:
    assert set(PARSERS) == set(FORMATS) - {"auto"}


@pytest.mark.parametrize("name,fmt", [
    ("a.jsonl.gz", "jsonl"), ("A.NDJSON", "jsonl"), ("b.tsv.zst", "tsv"), ("c.sgm", "reuters"),
    ("d.tar.xz", "archive"), ("e.zip", "archive"), ("f.feather", "arrow"), ("g.pdf", None),
])
def test_detect_format_from_the_name(name: str, fmt: str | None) -> None:
    assert detect_format(name) == fmt


def test_parsers_read_their_options_from_the_config_they_are_given() -> None:
    data = b"k\tbody\n1\tStory one.\n"
    records, _ = parse(parse_csv, data, ReadConfig(format="tsv", text_field="body", id_field="k"), "in.txt")
    assert records == [(2, {"id": "1", "text": "Story one."})]
    assert field_map(ReadConfig(text_field="body", id_field="id")) == {"body": "text"}


def test_a_bad_line_is_rejected_and_counted_as_seen_and_the_next_one_read() -> None:
    records, tally = parse(parse_jsonl, b'{"id": "a", "text": "x"}\nnot json\n\n{"text": "y"}\n')
    assert records == [(1, {"id": "a", "text": "x"}), (4, {"id": "base#4", "text": "y"})]
    assert (tally.seen, tally.policy.count) == (3, 1)
    with pytest.raises(BadRecord, match="in.jsonl:2"):
        parse(parse_jsonl, b'{"id": "a", "text": "x"}\nnot json\n', on_error="fail")


def test_a_text_file_is_one_record_and_a_nul_byte_a_reject() -> None:
    assert parse(parse_txt, "Grüße.\n".encode())[0] == [(None, {"id": "base", "text": "Grüße.\n"})]
    records, tally = parse(parse_txt, b"line\nbin\x00ary")
    assert (records, tally.seen) == ([], 1)
    assert tally.policy.examples == ["in.jsonl:2: binary data (NUL byte) (is this really a text file?)"]


def test_reuters_stories_without_a_body_are_not_records() -> None:
    data = (b'<REUTERS LEWISSPLIT="TRAIN" NEWID="7"><DATE>26-FEB-1987 15:01:01.79</DATE><TOPICS><D>cocoa</D>'
            b'</TOPICS><TEXT><TITLE>COCOA UP</TITLE><BODY>Cocoa rose.</BODY></TEXT></REUTERS>\n'
            b'<REUTERS NEWID="8"><TEXT><TITLE>NO BODY</TITLE></TEXT></REUTERS>\n')
    records, tally = parse(parse_reuters, data)
    assert [(line, r["id"], r["date"], r["topics"], r["lewissplit"]) for line, r in records] == [
        (1, "reuters-7", "1987-02-26T15:01:01", ["cocoa"], "TRAIN")]
    assert tally.seen == 1
