"""The JSON-lines side files: plain or compressed whatever the name, blank lines skipped, bad lines named."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import zstandard

from corpus_tools.errors import BadRecord, InputError
from corpus_tools.io.jsonl import json_lines

LINES = b'{"id": "a", "n": 1}\n\n{"id": "b", "n": 2}\n'


@pytest.mark.parametrize("pack", [bytes, gzip.compress, zstandard.ZstdCompressor().compress])
def test_objects_come_with_their_line_numbers_whatever_the_compression(tmp_path: Path, pack) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "set.jsonl"  # no suffix says how it is packed
    path.write_bytes(pack(LINES))
    assert list(json_lines(str(path))) == [(1, {"id": "a", "n": 1}), (3, {"id": "b", "n": 2})]


@pytest.mark.parametrize(("line", "reason"), [
    (b'{"id": "b", \n', "set.jsonl:2: invalid JSON"),
    (b'["b"]\n', "set.jsonl:2: expected a JSON object, got array"),
    (b'{"id": "caf\xe9"}\n', "set.jsonl:2: not valid UTF-8"),
])
def test_a_bad_line_is_named_by_path_and_line(tmp_path: Path, line: bytes, reason: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_bytes(b'{"id": "a"}\n' + line)
    with pytest.raises(BadRecord, match=reason):
        list(json_lines(str(path)))


def test_a_missing_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.jsonl: cannot read"):
        list(json_lines(str(tmp_path / "missing.jsonl")))
