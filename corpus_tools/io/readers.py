"""Reading PATHs into one stream of records: dispatch by format, unique ids, per-input counts and rejects.

FORMATS and ReadConfig, what callers of Reader pass in, are importable from here too.
"""

from __future__ import annotations

import functools
import io
import math
import os
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Literal, cast

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.formats import FORMATS as FORMATS
from corpus_tools.io.formats import (
    LEGACY_EXCEL,
    PARSERS,
    InPart,
    Parsed,
    Tally,
    checked_record,
    detect_format,
    field_map,
    is_legacy_excel,
)
from corpus_tools.io.formats import ReadConfig as ReadConfig
from corpus_tools.io.output import unlisted_files
from corpus_tools.io.rejects import RejectPolicy
from corpus_tools.io.sources import (
    DAMAGED_DATA,
    HIDDEN,
    LINKED_TWICE,
    BadUtf16,
    HashingReader,
    archive_members,
    decompress,
    input_files,
    is_url,
    names_many,
    open_input,
    shown,
    strip_compression,
    utf8_view,
)
from corpus_tools.record import Record, dump_record, dump_rejected


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


class Reader:
    """Reads PATHs into one stream of records, tracking each input for the manifest."""

    def __init__(self, policy: RejectPolicy, warn: Callable[[str], None]) -> None:
        self.policy = policy
        self.warn = warn
        self.inputs: list[InputStats] = []
        self._tally = Tally(policy, warn)
        self.skipped = self._tally.skipped
        self.bytes_read = 0
        self.records = 0
        self._seen_ids: set[str] = set()

    def _count_bytes(self, n: int) -> None:
        self.bytes_read += n

    def read(self, path: str, cfg: ReadConfig | None = None) -> Iterator[Record]:
        """Yield the records of a file, a directory (recursively), a glob, or `-` for stdin."""
        cfg = cfg or ReadConfig()
        if path == "-":
            yield from self._read_stream(sys.stdin.buffer, "<stdin>", "stdin", "jsonl" if cfg.format == "auto"
                                         else cfg.format, cfg)
            return
        from corpus_tools.io.columnar import is_dataset_metadata

        special: list[str] = []
        left_out = 0
        files_read = 0
        skipped_before = len(self.skipped)
        runs: list[str] = []
        # Asked at most once, and only when needed: for a remote directory each call asks the store.
        many = functools.cache(functools.partial(names_many, path))
        walked: list[dict[str, str]] = []
        for file_path, raw_id_base in input_files(path, runs, walked):
            id_base = shown(raw_id_base)
            if not is_url(file_path) and is_dataset_metadata(file_path):
                self.skipped.append({"path": shown(file_path), "reason": "datasets metadata"})
                continue
            if not is_url(file_path) and not os.path.lexists(file_path):
                raise InputError(f"{shown(file_path)}: disappeared while the run read {shown(path)} (moved or deleted "
                                 f"by another program); its records would be missing")
            if not is_url(file_path) and not os.path.isfile(file_path) and many():
                # A FIFO would block the run forever, a device or a dangling link cannot be read as a file.
                special.append(shown(file_path))
                self.skipped.append({"path": shown(file_path), "reason": "not a regular file"})
                continue
            fmt = cfg.format if cfg.format != "auto" else detect_format(file_path)
            if (cfg.include or cfg.exclude) and fmt != "archive" and many() and not cfg.wants(id_base):
                left_out += 1
                continue
            if fmt is None:
                legacy = is_legacy_excel(file_path)
                if many():
                    reason = LEGACY_EXCEL if legacy else "unknown format"
                    self.skipped.append({"path": shown(file_path), "reason": reason})
                    continue
                if legacy:
                    raise InputError(f"{file_path}: {LEGACY_EXCEL}")
                raise InputError(f"{file_path}: cannot tell the format from the name; use --format")
            files_read += 1
            if cfg.format == "auto" and detect_format(file_path) == "archive":
                yield from self._read_archive(file_path, id_base, cfg)
                continue
            raw = open_input(file_path)
            try:
                yield from self._read_stream(raw, shown(file_path), id_base, fmt, cfg)
            finally:
                raw.close()
        if left_out:
            self.skipped.append({"path": shown(path), "reason": f"{left_out} file(s) left out by --include/--exclude"})
        self.skipped += [{"path": shown(entry["path"]), "reason": entry["reason"]} for entry in walked]
        # Hidden housekeeping (.gitattributes, .DS_Store, .git/) goes in the manifest only; a hidden file of a
        # format that is read, and a second way into a directory, are said as well.
        for reason in (HIDDEN, LINKED_TWICE):
            said = [shown(entry["path"]) for entry in walked if entry["reason"] == reason and (
                reason == LINKED_TWICE or (os.path.isfile(entry["path"]) and detect_format(entry["path"])))]
            if said:
                self.warn(f"skipped {len(said)} path(s) of {shown(path)}, {reason}: {_first_few(said)}")
        unlisted = [file for run in runs for file in unlisted_files(run) or []]
        if unlisted:
            self.skipped += [{"path": shown(file), "reason": "not in the run's manifest"} for file in unlisted]
            self.warn(f"skipped {len(unlisted)} file(s) of {path} that a run's manifest does not list (only its "
                      f"shards are read): {_first_few([shown(file) for file in unlisted])}")
        if not files_read:
            stats = InputStats(shown(path), "directory")
            self.inputs.append(stats)
            if runs and not left_out:
                why, hint = "no records: its manifest lists no shard (the run wrote an empty corpus)", ""
            else:
                unknown_count = sum(1 for entry in self.skipped[skipped_before:]
                                    if entry["reason"] in ("unknown format", LEGACY_EXCEL))
                why = f"no records: no file of it was read {_left_out(left_out, unknown_count, len(special))}"
                hint = _LEFT_OUT_HINT
            self._reject_input(stats, BadRecord(shown(path), None, why.rstrip(), hint))
        unknown = [s["path"] for s in self.skipped if s["reason"] == "unknown format"]
        if unknown and many():
            self.warn(f"skipped {len(unknown)} file(s) of unknown format: {_first_few(unknown)} (use --format to "
                      f"read them)")
        legacy_files = [s["path"] for s in self.skipped if s["reason"] == LEGACY_EXCEL]
        if legacy_files:
            self.warn(f"skipped {len(legacy_files)} old binary .xls workbook(s): {_first_few(legacy_files)} (save "
                      f"them as .xlsx or CSV)")
        if special:
            self.warn(f"skipped {len(special)} path(s) that are not regular files (a FIFO, a device, a dangling "
                      f"link): {_first_few(special)}")

    def read_records(self, records: Iterable[Mapping[str, Any]], cfg: ReadConfig | None = None,
                     display: str = "<records>") -> Iterator[Record]:
        """Records handed over in memory (the Python API), checked and given ids as JSONL lines are."""
        cfg = cfg or ReadConfig()
        stats = InputStats(display, "records")
        self.inputs.append(stats)
        renames = field_map(cfg)

        def parsed() -> Parsed:
            for index, obj in enumerate(records, 1):
                self._tally.seen += 1
                try:
                    if not isinstance(obj, Mapping):
                        raise BadRecord(display, index, f"a record is a mapping of fields, not {type(obj).__name__}")
                    record = checked_record(dict(obj), renames, display, index, f"records#{index}")
                    _check_json(record, display, index)
                    yield index, record
                except BadRecord as err:
                    self.policy.reject(err, dump_rejected(obj))

        yield from self._counted(parsed(), display, stats, cfg)

    def _read_stream(self, raw: IO[bytes], display: str, id_base: str, fmt: str, cfg: ReadConfig
                     ) -> Iterator[Record]:
        hashing = HashingReader(raw, self._count_bytes)  # type: ignore[arg-type]
        stats = InputStats(display, fmt)
        self.inputs.append(stats)
        stream = decompress(io.BufferedReader(hashing, 1 << 16), display.lower())
        try:
            yield from self._parse(_as_utf8(stream, fmt), display, id_base, fmt, cfg, stats)
        except DAMAGED_DATA as err:
            self._reject_input(stats, BadRecord(display, None, f"cannot decompress ({err})", "is the file truncated?"))
        except BadUtf16 as err:
            self._reject_input(stats, BadRecord(display, err.line, f"not valid UTF-16 ({err})",
                                                "the rest of the file is not read; re-encode it as UTF-8"))
        stats.sha256 = hashing.sha256.hexdigest()
        stats.bytes = hashing.bytes
        if stats.records == 0 and stats.rejected == 0:
            if id_base == "stdin":
                # A stage of a pipeline may pass nothing on (langid --keep of a language absent), so an empty
                # stream is no error; an empty file is.
                self.warn(f"{display}: empty input, no records")
            else:
                self._reject_empty(stats, display, fmt, stats.bytes, cfg)

    def _parse(self, stream: IO[bytes], display: str, id_base: str, fmt: str, cfg: ReadConfig, stats: InputStats
               ) -> Iterator[Record]:
        yield from self._counted(PARSERS[fmt](stream, display, id_base, cfg, self._tally), display, stats, cfg)

    def _counted(self, parsed: Parsed, display: str, stats: InputStats, cfg: ReadConfig) -> Iterator[Record]:
        rejected_before, seen_before = self.policy.count, self._tally.seen
        try:
            for place, parsed_record in parsed:
                where, line_no = (place.where, place.line) if isinstance(place, InPart) else (display, place)
                record = self._unique_id(parsed_record, where, line_no, cfg.dedupe_ids)
                if record is None:
                    continue
                stats.records += 1
                self.records += 1
                yield record
        finally:
            stats.rejected += self.policy.count - rejected_before
            stats.seen += self._tally.seen - seen_before

    def _unique_id(self, record: Record, display: str, line_no: int | None,
                   dedupe_ids: Literal["error", "suffix"]) -> Record | None:
        record_id: str = record["id"]
        if record_id not in self._seen_ids:
            self._seen_ids.add(record_id)
            return record
        if dedupe_ids == "suffix":
            n = 2
            while f"{record_id}~{n}" in self._seen_ids:
                n += 1
            record = {**record, "id": f"{record_id}~{n}"}
            self._seen_ids.add(record["id"])
            return record
        self.policy.reject(BadRecord(display, line_no, f"id '{record_id}' repeats an earlier record",
                                     "use --dedupe-ids suffix to make ids unique"), dump_rejected(record))
        return None

    def _read_archive(self, file_path: str, id_base: str, cfg: ReadConfig) -> Iterator[Record]:
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
            for raw_member_name, member in archive_members(buffered, path):
                member_name = shown(raw_member_name)
                if not cfg.wants(member_name):
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
                    self._reject_input(stats, BadRecord(display, None, member))
                    continue
                try:
                    found_before = stats.records + stats.rejected
                    stream = decompress(io.BufferedReader(io.BytesIO(member)), member_name.lower())
                    yield from self._parse(_as_utf8(stream, fmt), display, f"{id_base}!{member_name}", fmt, cfg, stats)
                    if stats.records + stats.rejected == found_before:
                        self._reject_empty(stats, display, fmt, len(member), cfg)
                except BadUtf16 as err:
                    self._reject_input(stats, BadRecord(display, err.line, f"not valid UTF-16 ({err})",
                                                        "the rest of the member is not read; re-encode it as UTF-8"))
                except DAMAGED_DATA as err:
                    # The member's own compression is broken, not the archive: the members after it stay.
                    self._reject_input(stats, BadRecord(display, None, f"cannot decompress ({err})",
                                                        "is the member truncated?"))
            buffered.read()  # hash the whole archive, including what follows the last member
        except (tarfile.TarError, zipfile.BadZipFile, ValueError, *DAMAGED_DATA) as err:  # zipfile: ValueError too
            self._reject_input(stats, BadRecord(path, None, f"unreadable archive ({err})"))
        finally:
            hashing_file.close()
        stats.sha256 = hashing.sha256.hexdigest()
        stats.bytes = hashing.bytes
        if stats.records == 0 and stats.rejected == 0:
            if excluded or unknown or links:
                self._reject_input(stats, BadRecord(path, None, "no records: no member of it was read " + _left_out(
                    excluded, len(unknown), len(links)), _LEFT_OUT_HINT))
            else:
                self._reject_empty(stats, path, "archive", stats.bytes, cfg)
        if excluded:
            self.skipped.append({"path": path, "reason": f"{excluded} member(s) left out by --include/--exclude"})
        if unknown:
            self.skipped.extend({"path": f"{path}!{name}", "reason": "unknown format"} for name in unknown)
            self.warn(f"{path}: skipped {len(unknown)} member(s) of unknown format, e.g. {unknown[0]}")
        if links:
            self.skipped.extend({"path": f"{path}!{name}", "reason": "link"} for name in links)
            self.warn(f"{path}: skipped {len(links)} link member(s) (links are not followed), e.g. {links[0]}")

    def _reject_empty(self, stats: InputStats, display: str, fmt: str, size: int, cfg: ReadConfig) -> None:
        """A file that yields nothing is counted as one bad input, so that a truncated export, a file read in
        the wrong format or an empty shard is never a run that silently read less."""
        if size == 0:
            reason, hint = "empty file", ""
        elif fmt == "archive":
            reason, hint = "no records: the archive holds no members", ""
        else:
            kind = "JSON" if fmt == "jsonl" and strip_compression(display).endswith(".json") else fmt
            reason = f"no records: {size:,} bytes read as {kind}"
            hint = f"is --format {fmt} right for it?" if cfg.format == fmt else _EMPTY_HINTS.get(kind, "")
        self._reject_input(stats, BadRecord(display, None, reason, hint))

    def _reject_input(self, stats: InputStats, error: BadRecord) -> None:
        """A whole input (a file, a member, an archive) that cannot be read is one counted bad input."""
        stats.seen += 1
        stats.rejected += 1
        self.policy.reject(error)


TEXT_FORMATS = frozenset({"jsonl", "csv", "tsv", "txt", "html"})
"""Formats that may come as UTF-16 text; the others are binary or fixed to one encoding (Reuters SGML)."""


def _as_utf8(stream: IO[bytes], fmt: str) -> IO[bytes]:
    return utf8_view(stream) if fmt in TEXT_FORMATS else stream


_LEFT_OUT_HINT = "check --include/--exclude, or name the format with --format"


def _left_out(excluded: int, unknown: int, other: int) -> str:
    """Why nothing of a directory or an archive was read: "(3 left out by --include/--exclude, 2 of unknown
    format)"."""
    parts = [f"{count} {what}" for count, what in ((excluded, "left out by --include/--exclude"),
                                                   (unknown, "of unknown format or archives inside it"),
                                                   (other, "links or special files")) if count]
    return f"({', '.join(parts)})" if parts else ""


_EMPTY_HINTS = {"jsonl": "it holds only blank lines", "JSON": "it holds an empty array",
                "csv": "it holds a header and no rows", "tsv": "it holds a header and no rows"}


def _first_few(names: list[str]) -> str:
    """Up to three names for a warning, and "..." when there are more."""
    return ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")


def _check_json(record: Record, display: str, index: int) -> None:
    """A record handed over in memory must be writable as JSON, as a line of input is by being one: a set,
    bytes or an object would fail only when the output is written; a NaN would be written as no JSON reads
    it; a field named 5 beside one named "5" would be written as two fields of one name."""
    problem = _json_problem(record, 0)
    if problem is None:
        try:
            dump_record(record)  # what the walk does not see: a lone surrogate in a string
        except (TypeError, ValueError) as err:
            problem = str(err)
    if problem is not None:
        raise BadRecord(display, index, f"a field is not JSON ({problem})")


_JSON_DEPTH = 255
"""How deeply values may nest: orjson's limit, far beyond any article's metadata."""


def _json_problem(value: Any, depth: int) -> str | None:
    """What keeps a value from being written as JSON exactly, or None."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is no JSON number"
    if depth >= _JSON_DEPTH:
        return f"values nested more than {_JSON_DEPTH} deep"
    if isinstance(value, (list, tuple)):
        return next((p for item in value if (p := _json_problem(item, depth + 1)) is not None), None)
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"a field name must be a string, not {type(key).__name__} {key!r}"
            problem = _json_problem(item, depth + 1)
            if problem is not None:
                return problem
        return None
    return f"a {type(value).__name__} value"
