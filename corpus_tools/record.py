"""The record: one JSON object per line; `id` and `text` are required, every other field travels untouched."""

from __future__ import annotations

import json
import reprlib
from typing import Any
from urllib.parse import urlsplit

import orjson

from corpus_tools.errors import BadRecord

Record = dict[str, Any]
"""A record is a plain dict so that unknown fields keep their order and records pickle cheaply."""

OPTIONAL_STRING_FIELDS = ("title", "url", "domain", "date", "lang")
_BEYOND_64_BITS = 2.0**63
"""orjson reads an integer in [-2**63, 2**64) as an int and any other as a float, which is then this large."""


def load_json_object(line: bytes, *, path: str, line_no: int | None) -> dict[str, Any]:
    """Decode one line into a JSON object, naming the first problem: binary junk, encoding, syntax, type."""
    if b"\x00" in line:
        raise BadRecord(path, line_no, "binary data (NUL byte)", "is this file really JSONL?")
    try:
        obj = loads_exact(line)
    except ValueError as err:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise BadRecord(
                path, line_no, f"not valid UTF-8 (byte 0x{line[bad.start]:02x} at column {bad.start + 1})",
                "re-encode the file as UTF-8",
            ) from None
        raise BadRecord(path, line_no, f"invalid JSON: {err}", "each line must be one JSON object") from None
    if not isinstance(obj, dict):
        raise BadRecord(path, line_no, f"expected a JSON object, got {json_type(obj)}")
    return obj


def loads_exact(data: bytes) -> Any:
    """JSON as orjson reads it (strict: no lone surrogates, no NaN, at most 1024 levels), except that an
    integer beyond 64 bits stays exact: orjson makes it a float, so such a document is read again by the
    standard parser. Raises ValueError for what is not JSON."""
    value = orjson.loads(data)
    # The common case: no float as large as an integer beyond 64 bits. Looking at the parsed values costs
    # far less than searching the line's bytes for a long run of digits (0.05 ms per 4 KB article).
    if not _has_huge_float(value):
        return value
    try:
        return json.loads(data, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deep to keep its long integers exact") from None


def check_record(obj: dict[str, Any], *, path: str, line_no: int | None, derived_id: str) -> Record:
    """Validate the known fields of a parsed object; a missing id is derived from where the record came from."""
    if "text" not in obj:
        raise BadRecord(path, line_no, "missing field 'text'", "use --text-field to name the text field")
    if not isinstance(obj["text"], str):
        raise BadRecord(path, line_no, f"field 'text' must be a string, got {json_type(obj['text'])}")
    record_id = obj.get("id")
    if record_id is None:
        # A null id is a missing one: derived in place, never written out as null.
        obj = {**obj, "id": derived_id} if "id" in obj else {"id": derived_id, **obj}
    elif not isinstance(record_id, str):
        raise BadRecord(path, line_no, f"field 'id' must be a string, got {json_type(record_id)}")
    for field in OPTIONAL_STRING_FIELDS:
        value = obj.get(field)
        if value is not None and not isinstance(value, str):
            raise BadRecord(path, line_no, f"field '{field}' must be a string, got {json_type(value)}")
    return obj


def _has_huge_float(value: Any) -> bool:
    if isinstance(value, float):
        return not -_BEYOND_64_BITS < value < _BEYOND_64_BITS
    if isinstance(value, dict):
        return any(_has_huge_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_huge_float(item) for item in value)
    return False


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def json_bytes(value: Any, indent: bool = False) -> bytes:
    """A value as JSON, compact or indented by two; integers beyond 64 bits, which orjson cannot write, go
    through the standard library and stay exact."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else None)
    except TypeError:
        if indent:
            return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dump_record(record: Record) -> bytes:
    """Serialise a record as one JSONL line; the same record always gives the same bytes."""
    return json_bytes(record) + b"\n"


def json_text(value: Any) -> str:
    """A value as compact JSON text (for a field written as its JSON text)."""
    return json_bytes(value).decode()


def dump_rejected(value: Any) -> bytes:
    """A rejected value as JSON for the rejects file, whatever it holds (integers beyond 64 bits, objects the
    Python API was handed, field names that are not strings, lone surrogates, nesting past any limit): a
    reject must never fail to be written."""
    try:
        return orjson.dumps(value, default=str)
    except TypeError:
        pass
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    except (TypeError, ValueError, RecursionError):
        text = json.dumps(_SHOWN.repr(value))  # as Python shows it, nesting cut short
    return text.encode("utf-8", errors="backslashreplace")


_SHOWN = reprlib.Repr()
"""A rejected value as Python shows it, for what JSON cannot hold: nesting past 20 levels is cut short."""
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 20, 100_000, 1_000
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 10_000


def json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def outlet_of(record: Record) -> str:
    """The outlet a record comes from: its `domain`, else the host of its `url`, in lower case and without
    `www.`; "" when it has neither (all such records are one outlet)."""
    domain = record.get("domain")
    if not isinstance(domain, str) or not domain:
        url = record.get("url")
        try:
            domain = (urlsplit(url).hostname or "") if isinstance(url, str) else ""
        except ValueError:  # an unbalanced "[" in the host part
            domain = ""
    return outlet_name(domain)


def outlet_name(domain: str) -> str:
    """One spelling per outlet: `WWW.Example.com` and `example.com` are the same site."""
    domain = domain.lower()
    return domain[4:] if domain.startswith("www.") else domain
