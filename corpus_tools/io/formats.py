"""One parse function per input format: bytes in, (line, record) pairs out, bad rows rejected and counted."""

from __future__ import annotations

import codecs
import csv
import fnmatch
import html
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal, NamedTuple

from corpus_tools.dates import iso_date, reuters_date
from corpus_tools.errors import BadRecord
from corpus_tools.io.article import extract_article
from corpus_tools.io.rejects import RejectPolicy
from corpus_tools.io.sources import ARCHIVE_SUFFIXES, strip_compression
from corpus_tools.record import Record, check_record, dump_rejected, json_type, load_json_object, loads_exact

Format = Literal["auto", "jsonl", "csv", "tsv", "txt", "html", "reuters", "parquet", "arrow", "warc", "xlsx"]
FORMATS: tuple[str, ...] = ("auto", "jsonl", "csv", "tsv", "txt", "html", "reuters", "parquet", "arrow", "warc",
                            "xlsx")

FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
    ".sgm": "reuters", ".parquet": "parquet", ".arrow": "arrow", ".feather": "arrow", ".warc": "warc",
    ".xlsx": "xlsx",
}
TEXT_COLUMNS = ("text", "content", "body", "article", "maintext")
DATE_COLUMNS = ("date", "published", "publish_date", "date_publish")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link")
CSV_FIELD_LIMIT = 2**31 - 1  # FakeNewsCorpus has fields beyond csv's 128 KiB default


@dataclass(frozen=True)
class ReadConfig:
    """How to turn input files into records."""

    format: Format = "auto"
    text_field: str | None = None
    id_field: str | None = None
    title_field: str | None = None
    url_field: str | None = None
    date_field: str | None = None
    domain_field: str | None = None
    delimiter: str | None = None
    quotechar: str = '"'
    columns: tuple[str, ...] | None = None
    dedupe_ids: Literal["error", "suffix"] = "error"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, name: str) -> bool:
        """Whether a member of an archive or a file of a directory, by its path inside, is read: it matches an
        --include glob (when there are any) and no --exclude glob."""
        if self.include and not any(fnmatch.fnmatchcase(name, pattern) for pattern in self.include):
            return False
        return not any(fnmatch.fnmatchcase(name, pattern) for pattern in self.exclude)


@dataclass
class Tally:
    """What parsing meets beside records: rows seen (the manifest's balance), rejects, skips and warnings."""

    policy: RejectPolicy
    warn: Callable[[str], None]
    skipped: list[dict[str, str]] = field(default_factory=list)
    seen: int = 0
    """Rows, lines or documents met (and whole files that could not be read), records or not."""


class InPart(NamedTuple):
    """A row's place in an input of named parts: a workbook's sheet (`FILE!SHEET`) and the row in it."""

    where: str
    line: int


Parsed = Iterator[tuple[int | InPart | None, Record]]
"""(line or row number where known, record) pairs of one input."""


def detect_format(name: str) -> str | None:
    """The format a file name implies, `archive` for tar and zip files, or None when it says nothing."""
    lower = name.lower()
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return FORMAT_BY_SUFFIX.get(os.path.splitext(strip_compression(lower))[1])


LEGACY_EXCEL = "an old binary .xls workbook cannot be read: save it as .xlsx or CSV"


def is_legacy_excel(name: str) -> bool:
    """An Excel 97-2003 workbook, which openpyxl cannot open: refused with advice rather than as unknown."""
    return strip_compression(name.lower()).endswith(".xls")


def field_map(cfg: ReadConfig) -> dict[str, str]:
    """The input fields the user named, mapped to the record fields they become."""
    pairs = [(cfg.text_field, "text"), (cfg.id_field, "id"), (cfg.title_field, "title"),
             (cfg.url_field, "url"), (cfg.date_field, "date"), (cfg.domain_field, "domain")]
    return {source: target for source, target in pairs if source and source != target}


_UTF8_BOM = b"\xef\xbb\xbf"
"""Windows editors and Excel's "UTF-8" export start a file with it; JSON parsers refuse it."""


def parse_jsonl(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    renames = field_map(cfg)
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if strip_compression(display).endswith(".json") and head.removeprefix(_UTF8_BOM).lstrip()[:1] == b"[":
        yield from _parse_json_array(stream.read().removeprefix(_UTF8_BOM), display, id_base, renames, tally)
        return
    for line_no, line in enumerate(stream, 1):
        line = line.rstrip(b"\r\n")
        if line_no == 1:
            line = line.removeprefix(_UTF8_BOM)
        if not line.strip():
            continue
        tally.seen += 1
        try:
            obj = load_json_object(line, path=display, line_no=line_no)
            yield line_no, checked_record(obj, renames, display, line_no, f"{id_base}#{line_no}")
        except BadRecord as err:
            tally.policy.reject(err, line)


def checked_record(obj: Any, renames: dict[str, str], display: str, line_no: int, derived_id: str) -> Record:
    if not isinstance(obj, dict):
        raise BadRecord(display, line_no, f"expected a JSON object, got {type(obj).__name__}")
    named = next((source for source, target in renames.items() if target == "text"), None)
    if named is not None and named not in obj:
        # Else a mistyped --text-field went unnoticed and the record's own `text` became the corpus text.
        raise BadRecord(display, line_no, f"no field '{named}', which --text-field names",
                        f"its fields: {', '.join(map(str, list(obj)[:12]))}")
    if named is not None and not isinstance(obj[named], str):
        raise BadRecord(display, line_no, f"field '{named}', which --text-field names, must be a string, got "
                        f"{json_type(obj[named])}")
    if "text" not in obj and "text" not in renames.values():
        fallback = next((c for c in TEXT_COLUMNS if c in obj), None)
        renames = {**renames, fallback: "text"} if fallback else renames
    if renames and any(source in obj for source in renames):
        # The field the user named wins; one it displaces is kept under another name, not lost.
        displaced = {target for source, target in renames.items() if source in obj and target in obj}
        fields: dict[str, Any] = obj  # keys as JSON has them (the Python API's others are refused after)
        renamed: dict[str, Any] = {}
        for key, value in fields.items():
            renamed[displaced_name(key, fields.keys() | renamed.keys()) if key in displaced
                    else renames.get(key, key)] = value
        obj = renamed
    return check_record(obj, path=display, line_no=line_no, derived_id=derived_id)


def displaced_name(name: str, taken: Collection[str]) -> str:
    """Where a field displaced by the one the user named for it goes: `original_NAME`, or `original_NAME_2`
    (and so on) when the record already has that name, from an earlier run that displaced one too."""
    candidate, number = f"original_{name}", 1
    while candidate in taken:
        number += 1
        candidate = f"original_{name}_{number}"
    return candidate


def _parse_json_array(data: bytes, display: str, id_base: str, renames: dict[str, str], tally: Tally) -> Parsed:
    try:
        items = loads_exact(data)
    except ValueError as err:
        tally.seen += 1
        tally.policy.reject(BadRecord(display, None, f"invalid JSON array: {err}"))
        return
    for index, item in enumerate(items, 1):
        tally.seen += 1
        try:
            yield None, checked_record(item, renames, f"{display} item", index, f"{id_base}#{index}")
        except BadRecord as err:
            tally.policy.reject(err, dump_rejected(item))


def parse_csv(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    delimiter = cfg.delimiter or ("\t" if strip_compression(display).endswith(".tsv")
                                       or cfg.format == "tsv" else ",")
    lines = _DecodedLines(stream)
    reader = csv.reader(lines, delimiter=delimiter, quotechar=cfg.quotechar, strict=True)
    header: list[str] | None = list(cfg.columns) if cfg.columns else None
    columns: list[tuple[int, str, bool]] | None = None
    if header is not None:
        columns = _csv_columns(header, display, cfg, tally)
        if columns is None:
            return
    row_no = 0
    while True:
        try:
            row = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as err:
            row, error = [], _malformed(err)
        first, raw, bad = lines.take()
        if error == _NEVER_CLOSED or (error is None and _unclosed_quote(raw, row, delimiter, cfg.quotechar)):
            swallowed = lines.line - first
            error = _NEVER_CLOSED + (f", so the {swallowed} line(s) after it became one field" if swallowed else "")
        if error is None and bad is not None:
            error = f"not valid UTF-8 (byte 0x{bad:02x})"
        if error is None and any("\x00" in value for value in row):
            error = "binary data (NUL byte)"
        if header is None:
            if error is not None:
                tally.seen += 1
                tally.policy.reject(BadRecord(display, first, f"unreadable CSV header: {error}"), raw)
                return
            header = row
            columns = _csv_columns(header, display, cfg, tally)
            if columns is None:
                return
            continue
        if error is None and not any(row):
            continue
        tally.seen += 1
        row_no += 1
        if error is None and len(row) != len(header):
            error = f"row has {len(row)} fields, the header has {len(header)}"
            tally.policy.reject(BadRecord(display, first, error, "check the quoting or use --delimiter"), raw)
            continue
        if error is not None:
            hint = "re-encode the file as UTF-8" if "UTF-8" in error else ""
            tally.policy.reject(BadRecord(display, first, error, hint), raw)
            continue
        assert columns is not None
        yield first, _csv_record(row, columns, f"{id_base}#{row_no}")


_NEVER_CLOSED = "a quote opened on this line is never closed"


def _malformed(err: csv.Error) -> str:
    """What a strict csv reader's error means. Read leniently, a field that opens with a quotation closed before
    the field ends ("Stay home" mayor urges ...) lost its quote marks without a word."""
    message = str(err)
    if message == "unexpected end of data":
        return _NEVER_CLOSED
    if "new-line character seen in unquoted field" in message:
        return ("a line ends with a carriage return alone (old Mac line ends): convert the file's line ends to LF "
                "or CRLF")
    if "expected after" in message:
        return ("a quoted field goes on after its closing quote: quote the whole field, doubling the quotes "
                "inside it, or read the file with --quotechar set to a character it does not use")
    return f"malformed CSV row ({message})"


def _unclosed_quote(raw: str, row: list[str], delimiter: str, quotechar: str) -> bool:
    """Whether a field of the row opened with a quote that never closed: it ran past its line, or to the end of
    the file. An odd quote inside a field that did not open with one is a literal character ("6 feet 2" tall"),
    as csv reads it."""
    if not raw.count(quotechar) % 2:
        return False
    if any("\n" in value or "\r" in value for value in row):
        return True
    last_field = raw.rstrip("\r\n").rsplit(delimiter, 1)[-1].lstrip()
    return last_field.startswith(quotechar) and quotechar not in last_field[1:]


def _csv_columns(header: list[str], display: str, cfg: ReadConfig, tally: Tally
                 ) -> list[tuple[int, str, bool]] | None:
    """Map header positions to record fields; the bool marks fields that hold a date."""
    names = [name.strip() for name in header]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        tally.seen += 1
        tally.policy.reject(BadRecord(display, 1, f"the header names column '{repeated[0]}' twice",
                                     "rename one of them, or give --columns"))
        return None
    text_column = cfg.text_field or _header_named(names, TEXT_COLUMNS)
    if text_column not in names:
        tally.seen += 1
        shown = ", ".join(_shorten(n) or "(unnamed)" for n in names[:12])
        tally.policy.reject(BadRecord(display, 1, f"no text column (columns: {shown})",
                                     "name it with --text-field, or --columns for a file without a header"))
        return None
    wanted = {text_column: "text"}
    for target, named, choices in (("id", cfg.id_field, ("id",)), ("title", cfg.title_field, TITLE_COLUMNS),
                                   ("url", cfg.url_field, URL_COLUMNS), ("domain", cfg.domain_field, ("domain",)),
                                   ("date", cfg.date_field, DATE_COLUMNS)):
        # A column already taken (the text the user named, say) is not taken again for another field.
        column = named or _header_named([name for name in names if name not in wanted], choices) or target
        wanted.setdefault(column, target)
    columns = []
    taken = set(names)
    for index, name in enumerate(names):
        if not name:
            if index == 0:  # pandas' unnamed index column carries nothing of the article
                continue
            name = f"column_{index + 1}"  # kept under its place: a value in it must not vanish
        target = wanted.get(name, name)
        if name not in wanted and name in wanted.values():
            target = displaced_name(name, taken)  # displaced by the column the user named for it
            taken.add(target)
        columns.append((index, target, target == "date"))
    return columns


def _header_named(names: list[str], choices: tuple[str, ...]) -> str | None:
    """The column of a header that holds one of `choices`, the first of them found: a name as written wins, then
    one in other capitals ("TEXT", "Title"), as spreadsheets and exports often write them."""
    exact = next((choice for choice in choices if choice in names), None)
    if exact is not None:
        return exact
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(name.lower(), name)
    return next((folded[choice] for choice in choices if choice in folded), None)


def _csv_record(row: list[str], columns: list[tuple[int, str, bool]], derived_id: str) -> Record:
    record: Record = {}
    for index, target, is_date in columns:
        value = row[index]
        if target == "id" and not value:
            continue
        record[target] = iso_date(value) if is_date else value
    if "id" not in record:
        record = {"id": derived_id, **record}
    return record


def parse_txt(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    data = stream.read()  # a document is counted once read: a read that fails is the reader's one reject
    if _blank(data):
        return  # no document: the reader names the empty file
    tally.seen += 1
    text = _decode_document(data, display, tally)
    if text is not None:
        yield None, {"id": id_base, "text": text}


def parse_html(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    data = stream.read()
    if _blank(data):
        return
    tally.seen += 1
    html = _decode_document(data, display, tally, otherwise=_decode_declared)
    if html is None:
        return
    fields = extract_article(html)
    if fields is None:
        tally.policy.reject(BadRecord(display, None, "no article text found in the HTML"))
        return
    yield None, {"id": id_base, **fields}


def _blank(data: bytes) -> bool:
    return not data.removeprefix(_UTF8_BOM).strip()


def parse_table(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    """Parquet and Arrow IPC: a row is a record, its columns its fields. The file is held in memory."""
    from corpus_tools.io.columnar import table_rows

    fmt = "parquet" if stream.peek(4)[:4] == b"PAR1" else "arrow"  # type: ignore[attr-defined]
    renames = field_map(cfg)
    rows = table_rows(stream.read(), fmt, display)
    while True:
        try:
            row_no, row = next(rows)
        except StopIteration:
            return
        except BadRecord as err:  # the file itself is unreadable
            tally.seen += 1
            tally.policy.reject(err)
            return
        tally.seen += 1
        try:
            record = checked_record(row, renames, display, row_no, f"{id_base}#{row_no}")
        except BadRecord as err:
            tally.policy.reject(err, dump_rejected(row))
            continue
        yield row_no, record


def parse_xlsx(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    """Excel workbooks: every sheet as a CSV with a header row, cells as the text Excel shows."""
    from corpus_tools.io.spreadsheet import sheets

    try:
        for sheet, rows in sheets(stream.read(), display):
            where = f"{display}!{sheet}"
            try:
                header = next(rows)
            except StopIteration:
                continue
            columns = _csv_columns(list(header), where, cfg, tally)
            if columns is None:
                continue
            for row_no, row in enumerate(rows, 2):
                if not any(row):
                    continue
                tally.seen += 1
                yield InPart(where, row_no), _csv_record([*row, *[""] * (len(header) - len(row))], columns,
                                                          f"{id_base}!{sheet}#{row_no - 1}")
    except BadRecord as err:
        tally.seen += 1
        tally.policy.reject(err)


def parse_warc(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    from corpus_tools.io.warc import warc_records

    skipped: Counter[str] = Counter()
    for number, item in warc_records(stream, display, skipped):
        tally.seen += 1
        try:
            if isinstance(item, BadRecord):
                raise item
            yield number, checked_record(item, {}, display, number, f"{id_base}#{number}")
        except BadRecord as err:
            tally.policy.reject(err)
    for reason, count in sorted(skipped.items()):
        tally.skipped.append({"path": display, "reason": f"{count} {reason}"})
    if skipped:
        tally.warn(f"{display}: skipped " + ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())))


def parse_reuters(stream: IO[bytes], display: str, id_base: str, cfg: ReadConfig, tally: Tally) -> Parsed:
    """Reuters-21578 SGML: one record per <REUTERS> element with a body, its categories (what
    classifiers are trained on) and its LEWISSPLIT kept as fields."""
    data = stream.read()
    if b"\x00" in data:
        tally.seen += 1
        tally.policy.reject(BadRecord(display, None, "binary data (NUL byte)"))
        return
    text = data.decode("utf-8", errors="strict") if data.isascii() else data.decode("latin-1")
    line_no, counted_to = 1, 0
    for match in _REUTERS.finditer(text):
        attributes = dict(_SGML_ATTRIBUTE.findall(match.group(1)))
        body = _sgml_field(match.group(2), "BODY")
        if body is None or "NEWID" not in attributes:
            continue
        tally.seen += 1
        line_no += text.count("\n", counted_to, match.start())  # counted on from the last record: linear, not quadratic
        counted_to = match.start()
        record: Record = {"id": f"reuters-{attributes['NEWID']}", "text": body}
        for tag, target in (("TITLE", "title"), ("DATE", "date")):
            value = _sgml_field(match.group(2), tag)
            if value:
                record[target] = reuters_date(value) if tag == "DATE" else value
        dateline = _sgml_field(match.group(2), "DATELINE")
        if dateline:
            record["dateline"] = dateline
        for tag in REUTERS_CATEGORIES:
            record[tag.lower()] = _sgml_items(match.group(2), tag)
        for name in ("LEWISSPLIT", "TOPICS"):
            if name in attributes:
                record["lewissplit" if name == "LEWISSPLIT" else "topics_status"] = attributes[name]
        yield line_no, record


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_LATIN_1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ascii",
                             "us-ascii"})
HTML_HEAD_BYTES = 1 << 16
"""How far into a page without a closing head tag its meta charset is looked for."""


def _decode_declared(data: bytes) -> str | None:
    """A page that is not UTF-8, decoded as its head's meta tag declares ("iso-8859-1", "windows-1252", "gb2312"),
    as browsers do: a Latin-1 label means windows-1252, whose five unassigned bytes Latin-1 then reads. None for
    pages that declare nothing, UTF-8 or a charset that does not decode them."""
    head_end = data.find(b"</head")
    found = _META_CHARSET.search(data, 0, head_end if head_end > 0 else HTML_HEAD_BYTES)
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    try:
        encoding = "cp1252" if label in _LATIN_1_LABELS else codecs.lookup(label).name
    except LookupError:
        return None
    if encoding == "utf-8":
        return None
    try:
        return data.decode(encoding)
    except LookupError:  # a codec that is no text encoding ("base64", "zlib", "rot13")
        return None
    except UnicodeDecodeError:
        return data.decode("latin-1") if encoding == "cp1252" else None


def _decode_document(data: bytes, display: str, tally: Tally,
                     otherwise: Callable[[bytes], str | None] | None = None) -> str | None:
    """The text of a document: UTF-8, or else what `otherwise` makes of it; binary data and anything else rejected."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        tally.policy.reject(BadRecord(display, line, "binary data (NUL byte)", "is this really a text file?"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        decoded = otherwise(data) if otherwise else None
        if decoded is not None:
            return decoded
        line = data[: err.start].count(b"\n") + 1
        tally.policy.reject(BadRecord(display, line, f"not valid UTF-8 (byte 0x{data[err.start]:02x})",
                                     "re-encode the file as UTF-8"))
        return None


class _DecodedLines:
    """The physical lines of a CSV file, decoded one at a time for the csv parser, so that a bad byte costs
    its row and not the rest of the file, and each row is known by its first line and its raw text."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.line = 0
        self._row_start = 1
        self._raw: list[str] = []
        self.bad: int | None = None

    def __iter__(self) -> Iterator[str]:
        for data in self._stream:
            self.line += 1
            if self.line == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                text = raw = data.decode("utf-8")
            except UnicodeDecodeError as err:
                if self.bad is None:
                    self.bad = data[err.start]
                # The row's rejects entry keeps each bad byte as \xNN, as a JSONL line's does, so the row can be
                # rebuilt from it.
                text, raw = data.decode("utf-8", errors="replace"), data.decode("utf-8", errors="backslashreplace")
            self._raw.append(raw)
            yield text

    def take(self) -> tuple[int, str, int | None]:
        """The first line number, the raw text and the first undecodable byte of the row just parsed."""
        first, raw, bad = self._row_start, "".join(self._raw), self.bad
        self._row_start, self._raw, self.bad = self.line + 1, [], None
        return first, raw, bad


_REUTERS = re.compile(r"<REUTERS([^>]*)>(.*?)</REUTERS>", re.DOTALL)
_SGML_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
REUTERS_CATEGORIES = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES")
"""Kept as lists (empty when the story has none), so the field has one type in every record."""


def _sgml_field(block: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.DOTALL)
    if match is None:
        return None
    value = html.unescape(match.group(1))
    return re.sub("[\x00-\x08\x0b-\x1f]", "", value).strip()


def _sgml_items(block: str, tag: str) -> list[str]:
    """The <D> items of a Reuters category element: <PLACES><D>usa</D><D>uk</D></PLACES> -> [usa, uk]."""
    match = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.DOTALL)
    inner = match.group(1) if match else ""
    return [html.unescape(item).strip() for item in re.findall(r"<D>(.*?)</D>", inner, re.DOTALL)]


def _shorten(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


PARSERS: dict[str, Callable[[IO[bytes], str, str, ReadConfig, Tally], Parsed]] = {
    "jsonl": parse_jsonl, "csv": parse_csv, "tsv": parse_csv, "txt": parse_txt, "html": parse_html,
    "reuters": parse_reuters, "parquet": parse_table, "arrow": parse_table, "warc": parse_warc, "xlsx": parse_xlsx,
}
