"""The JSON-lines files the project reads besides its input: labeled and judged sets, a run's shards and
audit files. Plain, gzip or zstd whatever the name; a bad line is named by path and line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corpus_tools.errors import InputError
from corpus_tools.io.sources import decompress
from corpus_tools.record import load_json_object, loads_exact

_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"


def json_lines(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object raises BadRecord."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, with its decompressor
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    with raw:
        magic = raw.peek(4)[:4]
        lines = decompress(raw, ".gz" if magic.startswith(_GZIP) else ".zst" if magic == _ZSTD else "")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                value = loads_exact(line)
            except ValueError:
                value = None
            if not isinstance(value, dict):
                # The record reader's decoder names the problem (encoding, syntax, type).
                value = load_json_object(line, path=path, line_no=number)
            yield number, value
