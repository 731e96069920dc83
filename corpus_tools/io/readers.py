"""Readers: JSONL, CSV/TSV, text, HTML, Parquet/Arrow, WARC, from files, directories, globs, archives, URLs, stdin."""

from __future__ import annotations

import bz2
import csv
import fnmatch
import glob
import gzip
import hashlib
import html
import io
import lzma
import os
import posixpath
import re
import sys
import tarfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, BinaryIO, Literal, cast

import orjson

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.article import extract_article
from corpus_tools.io.rejects import RejectPolicy
from corpus_tools.record import Record, check_record, iso_date, load_json_object

Format = Literal["auto", "jsonl", "csv", "tsv", "txt", "html", "reuters", "parquet", "arrow", "warc", "xlsx"]
FORMATS: tuple[str, ...] = ("auto", "jsonl", "csv", "tsv", "txt", "html", "reuters", "parquet", "arrow", "warc",
                            "xlsx")

COMPRESSION_SUFFIXES = (".gz", ".zst", ".xz", ".bz2")
FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
    ".sgm": "reuters", ".parquet": "parquet", ".arrow": "arrow", ".feather": "arrow", ".warc": "warc",
    ".xlsx": "xlsx",
}
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip")
TEXT_COLUMNS = ("text", "content", "body", "article", "maintext")
DATE_COLUMNS = ("date", "published", "publish_date", "date_publish")
DAMAGED_DATA = (OSError, EOFError, lzma.LZMAError, zlib.error)
"""What a decompressor raises on truncated or corrupted data (gzip raises zlib's error, not OSError)."""
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
        """Whether a member of an archive, by its path inside, is read: it matches an --include glob
        (when there are any) and no --exclude glob."""
        if self.include and not any(fnmatch.fnmatchcase(name, pattern) for pattern in self.include):
            return False
        return not any(fnmatch.fnmatchcase(name, pattern) for pattern in self.exclude)


@dataclass
class InputStats:
    """One input file as the manifest lists it."""

    path: str
    format: str
    sha256: str = ""
    bytes: int = 0
    records: int = 0
    rejected: int = 0
    seen: int = 0
    """Rows, lines or documents the parser met (and whole files it could not read), counted apart from
    what became records or rejects, so that the manifest's balance catches anything lost between them."""

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "sha256": self.sha256, "bytes": self.bytes,
                "records": self.records, "rejected": self.rejected, "seen": self.seen}


class HashingReader(io.RawIOBase):
    """Passes bytes through while hashing and counting them, so inputs are read once."""

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_bytes = on_bytes
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.sha256.update(data)
        self.bytes += n
        self._on_bytes(n)
        return n


def _decompress(stream: IO[bytes], name: str) -> IO[bytes]:
    if name.endswith(".gz"):
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream))
    if name.endswith(".xz"):
        return cast(IO[bytes], lzma.LZMAFile(stream))
    if name.endswith(".bz2"):
        return cast(IO[bytes], bz2.BZ2File(stream))
    if name.endswith(".zst"):
        return cast(IO[bytes], io.BufferedReader(_ZstdStream(stream)))
    return stream


class _ZstdStream(io.RawIOBase):
    """Zstandard frames one after another; unlike zstandard's stream_reader, a file that ends inside a
    frame (truncated) or is not zstd at all is an error, not a short or empty input."""

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._raw = raw
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._error = zstandard.ZstdError
        self._frame = self._new()
        self._pending = b""
        self._started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._started and not self._frame.eof:
                    raise EOFError("the zstd data ends in the middle of a frame")
                return 0
            self._pending = self._decompress(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _decompress(self, chunk: bytes) -> bytes:
        out = b""
        while chunk:
            if self._frame.eof:
                self._frame = self._new()
            self._started = True
            try:
                out += self._frame.decompress(chunk)
            except self._error as err:
                raise OSError(f"not valid zstd data ({err})") from None
            chunk = self._frame.unused_data if self._frame.eof else b""
        return out


def _strip_compression(name: str) -> str:
    lower = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix):
            return lower[: -len(suffix)]
    return lower


def detect_format(name: str) -> str | None:
    """The format a file name implies, `archive` for tar and zip files, or None when it says nothing."""
    lower = name.lower()
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return FORMAT_BY_SUFFIX.get(os.path.splitext(_strip_compression(lower))[1])


def is_url(path: str) -> bool:
    """A path with a protocol (s3://, gs://, https://, memory://): it is read through fsspec."""
    return "://" in path


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of a URL and the path within it."""
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec: pip install 'corpus-tools[remote]'") from None
    try:
        fs, inner = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as err:  # an unknown protocol, or its package (s3fs, gcsfs) missing
        raise InputError(f"{url}: {err}") from None
    return fs, str(inner)


def open_input(path: str) -> IO[bytes]:
    """A local file or a URL, opened for reading bytes."""
    try:
        if is_url(path):
            fs, inner = _filesystem(path)
            return cast(IO[bytes], fs.open(inner, "rb"))
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as err:
        raise InputError(f"{path}: cannot open ({err.strerror or err})") from None


def input_size(path: str) -> int:
    """Bytes of a file for the progress display; 0 for what has no size (a FIFO, a dangling link)."""
    if is_url(path):
        fs, inner = _filesystem(path)
        return int(fs.size(inner))
    try:
        return os.path.getsize(path) if os.path.isfile(path) else 0
    except OSError:
        return 0


def _names_many(path: str) -> bool:
    """Whether a path names a directory or a pattern, where files of unknown format are skipped, not errors."""
    if glob.has_magic(path):
        return True
    if is_url(path):
        fs, inner = _filesystem(path)
        return bool(fs.isdir(inner))
    return os.path.isdir(path)


def expand_path(path: str) -> Iterator[tuple[str, str]]:
    """(file path, id base) pairs; the id base is the path relative to what the user named."""
    if is_url(path):
        yield from _expand_url(path)
    elif os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    full = os.path.join(root, name)
                    yield full, os.path.relpath(full, path).replace(os.sep, "/")
    elif os.path.exists(path):
        yield path, os.path.basename(path)
    elif glob.has_magic(path):
        matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
        if not matches:
            raise InputError(f"{path}: no file matches this pattern")
        base = os.path.dirname(_before_wildcards(path)) or "."
        for match in matches:
            yield match, os.path.relpath(match, base).replace(os.sep, "/")
    else:
        raise InputError(f"{path}: no such file or directory")


def input_files(path: str) -> Iterable[tuple[str, str]]:
    """(file path, id base) pairs of what PATH names: the Arrow files of a `datasets.save_to_disk`
    directory, the shards of a directory this package wrote (not its manifest and audit files), or
    what expand_path finds."""
    from corpus_tools.io.columnar import saved_dataset_files
    from corpus_tools.io.output import run_shards

    for special in (saved_dataset_files, run_shards):
        files = special(path)
        if files is not None:
            return files
    return expand_path(path)


def shown(name: str) -> str:
    """A file name as text that can be printed and stored in JSON: bytes that are not UTF-8 (kept by
    Python as lone surrogates) become \\x escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _before_wildcards(pattern: str) -> str:
    """The literal start of a glob pattern; its directory is what ids are made relative to."""
    return pattern.split("*")[0].split("?")[0].split("[")[0]


def _expand_url(url: str) -> Iterator[tuple[str, str]]:
    """expand_path for a URL. Remote stores report failures (no access, no network) as OSError."""
    try:
        found = list(_list_url(url))
    except OSError as err:
        raise InputError(f"{url}: cannot list ({err.strerror or err})") from None
    yield from found


def _list_url(url: str) -> Iterator[tuple[str, str]]:
    fs, inner = _filesystem(url)
    if fs.isdir(inner):
        root = inner.rstrip("/")
        for full in sorted(fs.find(root)):
            relative = posixpath.relpath(full, root)
            if not any(part.startswith(".") for part in relative.split("/")):
                yield fs.unstrip_protocol(full), relative
    elif fs.exists(inner):
        yield url, posixpath.basename(inner)
    elif glob.has_magic(inner):
        matches = sorted(p for p in fs.glob(inner) if fs.isfile(p))
        if not matches:
            raise InputError(f"{url}: no file matches this pattern")
        base = posixpath.dirname(_before_wildcards(inner))
        for match in matches:
            yield fs.unstrip_protocol(match), posixpath.relpath(match, base or "/")
    else:
        raise InputError(f"{url}: no such file or directory")


class Reader:
    """Reads PATHs into one stream of records, tracking each input for the manifest."""

    def __init__(self, policy: RejectPolicy, warn: Callable[[str], None]) -> None:
        self.cfg = ReadConfig()
        self.policy = policy
        self.warn = warn
        self.inputs: list[InputStats] = []
        self.skipped: list[dict[str, str]] = []
        self.bytes_read = 0
        self.records = 0
        self._seen = 0
        self._seen_ids: set[str] = set()

    def _count_bytes(self, n: int) -> None:
        self.bytes_read += n

    def read(self, path: str, cfg: ReadConfig | None = None) -> Iterator[Record]:
        """Yield the records of a file, a directory (recursively), a glob, or `-` for stdin."""
        self.cfg = cfg or ReadConfig()
        if path == "-":
            yield from self._read_stream(sys.stdin.buffer, "<stdin>", "stdin", "jsonl" if self.cfg.format == "auto"
                                         else self.cfg.format)
            return
        from corpus_tools.io.columnar import is_dataset_metadata

        special: list[str] = []
        for file_path, raw_id_base in input_files(path):
            id_base = shown(raw_id_base)
            if not is_url(file_path) and is_dataset_metadata(file_path):
                self.skipped.append({"path": shown(file_path), "reason": "datasets metadata"})
                continue
            if not is_url(file_path) and not os.path.isfile(file_path) and _names_many(path):
                # A FIFO would block the run forever, a device or a dangling link cannot be read as a file.
                special.append(shown(file_path))
                self.skipped.append({"path": shown(file_path), "reason": "not a regular file"})
                continue
            fmt = self.cfg.format if self.cfg.format != "auto" else detect_format(file_path)
            if fmt is None:
                if _names_many(path):
                    self.skipped.append({"path": shown(file_path), "reason": "unknown format"})
                    continue
                raise InputError(f"{file_path}: cannot tell the format from the name; use --format")
            if self.cfg.format == "auto" and detect_format(file_path) == "archive":
                yield from self._read_archive(file_path, id_base)
                continue
            raw = open_input(file_path)
            try:
                yield from self._read_stream(raw, shown(file_path), id_base, fmt)
            finally:
                raw.close()
        unknown = [s["path"] for s in self.skipped if s["reason"] == "unknown format"]
        if unknown and _names_many(path):
            names = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
            self.warn(f"skipped {len(unknown)} file(s) of unknown format: {names} (use --format to read them)")
        if special:
            names = ", ".join(special[:3]) + (" ..." if len(special) > 3 else "")
            self.warn(f"skipped {len(special)} path(s) that are not regular files (a FIFO, a device, a dangling "
                      f"link): {names}")

    def read_records(self, records: Iterable[Mapping[str, Any]], cfg: ReadConfig | None = None,
                     display: str = "<records>") -> Iterator[Record]:
        """Records handed over in memory (the Python API), checked and given ids as JSONL lines are."""
        self.cfg = cfg or ReadConfig()
        stats = InputStats(display, "records")
        self.inputs.append(stats)
        renames = self._field_map()

        def parsed() -> Iterator[tuple[int | None, Record]]:
            for index, obj in enumerate(records, 1):
                self._seen += 1
                try:
                    yield index, self._checked(dict(obj), renames, display, index, f"records#{index}")
                except BadRecord as err:
                    self.policy.reject(err, orjson.dumps(obj, default=str))

        yield from self._counted(parsed(), display, stats)

    def _read_stream(self, raw: IO[bytes], display: str, id_base: str, fmt: str) -> Iterator[Record]:
        hashing = HashingReader(raw, self._count_bytes)  # type: ignore[arg-type]
        stats = InputStats(display, fmt)
        self.inputs.append(stats)
        stream = _decompress(io.BufferedReader(hashing, 1 << 16), display.lower())
        try:
            yield from self._parse(stream, display, id_base, fmt, stats)
        except DAMAGED_DATA as err:
            self.policy.reject(BadRecord(display, None, f"cannot decompress ({err})", "is the file truncated?"))
            stats.rejected += 1
            stats.seen += 1
        stats.sha256 = hashing.sha256.hexdigest()
        stats.bytes = hashing.bytes
        if stats.records == 0 and stats.rejected == 0:
            self.warn(f"{display}: empty input, no records")

    def _parse(self, stream: IO[bytes], display: str, id_base: str, fmt: str, stats: InputStats) -> Iterator[Record]:
        parsers: dict[str, Callable[[IO[bytes], str, str], Iterator[tuple[int | None, Record]]]] = {
            "jsonl": self._parse_jsonl, "csv": self._parse_csv, "tsv": self._parse_csv,
            "txt": self._parse_txt, "html": self._parse_html, "reuters": self._parse_reuters,
            "parquet": self._parse_table, "arrow": self._parse_table, "warc": self._parse_warc,
            "xlsx": self._parse_xlsx,
        }
        yield from self._counted(parsers[fmt](stream, display, id_base), display, stats)

    def _counted(self, parsed: Iterable[tuple[int | None, Record]], display: str, stats: InputStats
                 ) -> Iterator[Record]:
        rejected_before, seen_before = self.policy.count, self._seen
        try:
            for line_no, parsed_record in parsed:
                record = self._unique_id(parsed_record, display, line_no)
                if record is None:
                    continue
                stats.records += 1
                self.records += 1
                yield record
        finally:
            stats.rejected += self.policy.count - rejected_before
            stats.seen += self._seen - seen_before

    def _unique_id(self, record: Record, display: str, line_no: int | None) -> Record | None:
        record_id: str = record["id"]
        if record_id not in self._seen_ids:
            self._seen_ids.add(record_id)
            return record
        if self.cfg.dedupe_ids == "suffix":
            n = 2
            while f"{record_id}~{n}" in self._seen_ids:
                n += 1
            record = {**record, "id": f"{record_id}~{n}"}
            self._seen_ids.add(record["id"])
            return record
        self.policy.reject(BadRecord(display, line_no, f"id '{record_id}' repeats an earlier record",
                                     "use --dedupe-ids suffix to make ids unique"), orjson.dumps(record))
        return None

    def _field_map(self) -> dict[str, str]:
        cfg = self.cfg
        pairs = [(cfg.text_field, "text"), (cfg.id_field, "id"), (cfg.title_field, "title"),
                 (cfg.url_field, "url"), (cfg.date_field, "date"), (cfg.domain_field, "domain")]
        return {source: target for source, target in pairs if source and source != target}

    def _parse_jsonl(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        renames = self._field_map()
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        if _strip_compression(display).endswith(".json") and head.lstrip()[:1] == b"[":
            yield from self._parse_json_array(stream.read(), display, id_base, renames)
            return
        for line_no, line in enumerate(stream, 1):
            line = line.rstrip(b"\r\n")
            if not line.strip():
                continue
            self._seen += 1
            try:
                obj = load_json_object(line, path=display, line_no=line_no)
                yield line_no, self._checked(obj, renames, display, line_no, f"{id_base}#{line_no}")
            except BadRecord as err:
                self.policy.reject(err, line)

    @staticmethod
    def _checked(obj: Any, renames: dict[str, str], display: str, line_no: int, derived_id: str) -> Record:
        if not isinstance(obj, dict):
            raise BadRecord(display, line_no, f"expected a JSON object, got {type(obj).__name__}")
        if "text" not in obj and "text" not in renames.values():
            fallback = next((c for c in TEXT_COLUMNS if c in obj), None)
            renames = {**renames, fallback: "text"} if fallback else renames
        if renames and any(source in obj for source in renames):
            # The field the user named wins; one it displaces is kept under another name, not lost.
            displaced = {target for source, target in renames.items() if source in obj and target in obj}
            obj = {(f"original_{key}" if key in displaced else renames.get(key, key)): value
                   for key, value in obj.items()}
        return check_record(obj, path=display, line_no=line_no, derived_id=derived_id)

    def _parse_json_array(
        self, data: bytes, display: str, id_base: str, renames: dict[str, str]
    ) -> Iterator[tuple[int | None, Record]]:
        try:
            items = orjson.loads(data)
        except orjson.JSONDecodeError as err:
            self._seen += 1
            self.policy.reject(BadRecord(display, None, f"invalid JSON array: {err}"))
            return
        for index, item in enumerate(items, 1):
            self._seen += 1
            try:
                yield None, self._checked(item, renames, f"{display} item", index, f"{id_base}#{index}")
            except BadRecord as err:
                self.policy.reject(err, orjson.dumps(item))

    def _parse_csv(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        csv.field_size_limit(CSV_FIELD_LIMIT)
        delimiter = self.cfg.delimiter or ("\t" if _strip_compression(display).endswith(".tsv")
                                           or self.cfg.format == "tsv" else ",")
        lines = _DecodedLines(stream)
        reader = csv.reader(lines, delimiter=delimiter, quotechar=self.cfg.quotechar)
        header: list[str] | None = list(self.cfg.columns) if self.cfg.columns else None
        columns: list[tuple[int, str, bool]] | None = None
        if header is not None:
            columns = self._csv_columns(header, display)
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
                row, error = [], f"malformed CSV row ({err})"
            first, raw, bad = lines.take()
            if error is None and raw.count(self.cfg.quotechar) % 2:
                error = (f"a quote opened on this line is never closed, so the {lines.line - first} line(s) "
                         f"after it became one field")
            if error is None and bad is not None:
                error = f"not valid UTF-8 (byte 0x{bad:02x})"
            if error is None and any("\x00" in value for value in row):
                error = "binary data (NUL byte)"
            if header is None:
                if error is not None:
                    self._seen += 1
                    self.policy.reject(BadRecord(display, first, f"unreadable CSV header: {error}"), raw)
                    return
                header = row
                columns = self._csv_columns(header, display)
                if columns is None:
                    return
                continue
            if error is None and not any(row):
                continue
            self._seen += 1
            row_no += 1
            if error is None and len(row) != len(header):
                error = f"row has {len(row)} fields, the header has {len(header)}"
                self.policy.reject(BadRecord(display, first, error, "check the quoting or use --delimiter"), raw)
                continue
            if error is not None:
                hint = "re-encode the file as UTF-8" if "UTF-8" in error else ""
                self.policy.reject(BadRecord(display, first, error, hint), raw)
                continue
            assert columns is not None
            yield first, self._csv_record(row, columns, f"{id_base}#{row_no}")

    def _csv_columns(self, header: list[str], display: str) -> list[tuple[int, str, bool]] | None:
        """Map header positions to record fields; the bool marks fields that hold a date."""
        cfg = self.cfg
        names = [name.strip() for name in header]
        repeated = sorted({name for name in names if name and names.count(name) > 1})
        if repeated:
            self._seen += 1
            self.policy.reject(BadRecord(display, 1, f"the header names column '{repeated[0]}' twice",
                                         "rename one of them, or give --columns"))
            return None
        text_column = cfg.text_field or next((c for c in TEXT_COLUMNS if c in names), None)
        if text_column not in names:
            self._seen += 1
            shown = ", ".join(_shorten(n) or "(unnamed)" for n in names[:12])
            self.policy.reject(BadRecord(display, 1, f"no text column (columns: {shown})",
                                         "name it with --text-field, or --columns for a file without a header"))
            return None
        wanted = {
            text_column: "text",
            cfg.id_field or "id": "id",
            cfg.title_field or "title": "title",
            cfg.url_field or "url": "url",
            cfg.domain_field or "domain": "domain",
            cfg.date_field or next((c for c in DATE_COLUMNS if c in names), "date"): "date",
        }
        columns = []
        for index, name in enumerate(names):
            if not name:  # pandas' unnamed index column carries nothing of the article
                continue
            target = wanted.get(name, name)
            if name not in wanted and name in wanted.values():
                target = f"original_{name}"  # displaced by the column the user named for it
            columns.append((index, target, target == "date"))
        return columns

    @staticmethod
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

    def _parse_txt(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        self._seen += 1
        text = self._decode_document(stream.read(), display)
        if text is not None:
            yield None, {"id": id_base, "text": text}

    def _parse_html(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        self._seen += 1
        html = self._decode_document(stream.read(), display)
        if html is None:
            return
        fields = extract_article(html)
        if fields is None:
            self.policy.reject(BadRecord(display, None, "no article text found in the HTML"))
            return
        yield None, {"id": id_base, **fields}

    def _parse_table(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        """Parquet and Arrow IPC: a row is a record, its columns its fields. The file is held in memory."""
        from corpus_tools.io.columnar import table_rows

        fmt = "parquet" if stream.peek(4)[:4] == b"PAR1" else "arrow"  # type: ignore[attr-defined]
        renames = self._field_map()
        rows = table_rows(stream.read(), fmt, display)
        while True:
            try:
                row_no, row = next(rows)
            except StopIteration:
                return
            except BadRecord as err:  # the file itself is unreadable
                self._seen += 1
                self.policy.reject(err)
                return
            self._seen += 1
            try:
                record = self._checked(row, renames, display, row_no, f"{id_base}#{row_no}")
            except BadRecord as err:
                self.policy.reject(err, orjson.dumps(row))
                continue
            yield row_no, record

    def _parse_xlsx(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        """Excel workbooks: every sheet as a CSV with a header row, cells as the text Excel shows."""
        from corpus_tools.io.spreadsheet import sheets

        try:
            for sheet, rows in sheets(stream.read(), display):
                where = f"{display}!{sheet}"
                try:
                    header = next(rows)
                except StopIteration:
                    continue
                columns = self._csv_columns(list(header), where)
                if columns is None:
                    continue
                for row_no, row in enumerate(rows, 2):
                    if not any(row):
                        continue
                    self._seen += 1
                    yield row_no, self._csv_record([*row, *[""] * (len(header) - len(row))], columns,
                                                   f"{id_base}!{sheet}#{row_no - 1}")
        except BadRecord as err:
            self._seen += 1
            self.policy.reject(err)

    def _parse_warc(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        from corpus_tools.io.warc import warc_records

        skipped: Counter[str] = Counter()
        for number, item in warc_records(stream, display, skipped):
            self._seen += 1
            try:
                if isinstance(item, BadRecord):
                    raise item
                yield number, self._checked(item, {}, display, number, f"{id_base}#{number}")
            except BadRecord as err:
                self.policy.reject(err)
        for reason, count in sorted(skipped.items()):
            self.skipped.append({"path": display, "reason": f"{count} {reason}"})
        if skipped:
            self.warn(f"{display}: skipped " + ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())))

    def _parse_reuters(self, stream: IO[bytes], display: str, id_base: str) -> Iterator[tuple[int | None, Record]]:
        """Reuters-21578 SGML: one record per <REUTERS> element with a body, its categories (what
        classifiers are trained on) and its LEWISSPLIT kept as fields."""
        data = stream.read()
        if b"\x00" in data:
            self._seen += 1
            self.policy.reject(BadRecord(display, None, "binary data (NUL byte)"))
            return
        text = data.decode("utf-8", errors="strict") if data.isascii() else data.decode("latin-1")
        for match in _REUTERS.finditer(text):
            attributes = dict(_SGML_ATTRIBUTE.findall(match.group(1)))
            body = _sgml_field(match.group(2), "BODY")
            if body is None or "NEWID" not in attributes:
                continue
            self._seen += 1
            line_no = text.count("\n", 0, match.start()) + 1
            record: Record = {"id": f"reuters-{attributes['NEWID']}", "text": body}
            for tag, target in (("TITLE", "title"), ("DATE", "date")):
                value = _sgml_field(match.group(2), tag)
                if value:
                    record[target] = _reuters_date(value) if tag == "DATE" else value
            dateline = _sgml_field(match.group(2), "DATELINE")
            if dateline:
                record["dateline"] = dateline
            for tag in REUTERS_CATEGORIES:
                record[tag.lower()] = _sgml_items(match.group(2), tag)
            for name in ("LEWISSPLIT", "TOPICS"):
                if name in attributes:
                    record["lewissplit" if name == "LEWISSPLIT" else "topics_status"] = attributes[name]
            yield line_no, record

    def _decode_document(self, data: bytes, display: str) -> str | None:
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            self.policy.reject(BadRecord(display, line, "binary data (NUL byte)", "is this really a text file?"))
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            self.policy.reject(BadRecord(display, line, f"not valid UTF-8 (byte 0x{data[err.start]:02x})",
                                         "re-encode the file as UTF-8"))
            return None

    def _read_archive(self, file_path: str, id_base: str) -> Iterator[Record]:
        path = shown(file_path)
        stats = InputStats(path, "archive")
        self.inputs.append(stats)
        hashing_file = open_input(file_path)
        hashing = HashingReader(cast(BinaryIO, hashing_file), self._count_bytes)
        buffered = cast(IO[bytes], io.BufferedReader(hashing, 1 << 16))
        unknown: list[str] = []
        excluded = 0
        links: list[str] = []
        try:
            for raw_member_name, member in _archive_members(buffered, path):
                member_name = shown(raw_member_name)
                if not self.cfg.wants(member_name):
                    excluded += 1
                    continue
                fmt = detect_format(member_name)
                if fmt is None or fmt == "archive":
                    unknown.append(member_name)
                    continue
                display = f"{path}!{member_name}"
                if isinstance(member, str):
                    if member.startswith("a link"):
                        links.append(member_name)
                        continue
                    stats.seen += 1
                    stats.rejected += 1
                    self.policy.reject(BadRecord(display, None, member))
                    continue
                try:
                    stream = _decompress(io.BufferedReader(io.BytesIO(member)), member_name.lower())
                    yield from self._parse(stream, display, f"{id_base}!{member_name}", fmt, stats)
                except DAMAGED_DATA as err:
                    # The member's own compression is broken, not the archive: the members after it stay.
                    stats.seen += 1
                    stats.rejected += 1
                    self.policy.reject(BadRecord(display, None, f"cannot decompress ({err})",
                                                 "is the member truncated?"))
            buffered.read()  # hash the whole archive, including what follows the last member
        except (tarfile.TarError, zipfile.BadZipFile, ValueError, *DAMAGED_DATA) as err:  # zipfile: ValueError too
            self.policy.reject(BadRecord(path, None, f"unreadable archive ({err})"))
            stats.rejected += 1
            stats.seen += 1
        finally:
            hashing_file.close()
        stats.sha256 = hashing.sha256.hexdigest()
        stats.bytes = hashing.bytes
        if excluded:
            self.skipped.append({"path": path, "reason": f"{excluded} member(s) left out by --include/--exclude"})
        if unknown:
            self.skipped.extend({"path": f"{path}!{name}", "reason": "unknown format"} for name in unknown)
            self.warn(f"{path}: skipped {len(unknown)} member(s) of unknown format, e.g. {unknown[0]}")
        if links:
            self.skipped.extend({"path": f"{path}!{name}", "reason": "link"} for name in links)
            self.warn(f"{path}: skipped {len(links)} link member(s) (links are not followed), e.g. {links[0]}")


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
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                if self.bad is None:
                    self.bad = data[err.start]
                text = data.decode("utf-8", errors="replace")
            self._raw.append(text)
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


def _reuters_date(value: str) -> str:
    try:
        return datetime.strptime(value.split(".")[0].strip(), "%d-%b-%Y %H:%M:%S").isoformat()
    except ValueError:
        return value


def _shorten(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


MEMBER_LIMIT = 1 << 30
"""Uncompressed bytes one archive member may hold: more is a zip bomb or not a news file."""


def _archive_members(stream: IO[bytes], path: str) -> Iterator[tuple[str, bytes | str]]:
    """(name, data) for each member, or (name, why it cannot be read) where one member is unreadable
    (encrypted, an unknown method, too large, a link) and the others are not."""
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith("/"):
                    continue
                try:
                    with archive.open(name) as opened:
                        data = opened.read(MEMBER_LIMIT + 1)
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile, ValueError, *DAMAGED_DATA) as err:
                    yield name, f"unreadable zip member ({err})"
                    continue
                yield name, _capped(data)
        return
    with tarfile.open(fileobj=stream, mode="r|*") as archive:
        for entry in archive:
            if entry.issym() or entry.islnk():
                yield entry.name, "a link, not read"
            elif entry.isfile():
                extracted = archive.extractfile(entry)
                if extracted is not None:
                    yield entry.name, _capped(extracted.read(MEMBER_LIMIT + 1))


def _capped(data: bytes) -> bytes | str:
    return data if len(data) <= MEMBER_LIMIT else f"member larger than {MEMBER_LIMIT >> 20} MiB uncompressed"
