from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import lzma
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import zstandard

from corpus_tools.errors import InputError
from corpus_tools.io import sources
from corpus_tools.io.sources import (
    HashingReader,
    archive_members,
    decompress,
    expand_path,
    shown,
    strip_compression,
)

LINES = b'{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n'


@pytest.mark.parametrize("suffix,compress", [
    (".gz", gzip.compress), (".xz", lzma.compress), (".bz2", bz2.compress),
    (".zst", lambda data: zstandard.ZstdCompressor().compress(data)), ("", lambda data: data),
])
def test_decompress_follows_the_suffix(suffix: str, compress: Any) -> None:
    stream = decompress(io.BufferedReader(io.BytesIO(compress(LINES))), f"in.jsonl{suffix}")
    assert stream.read() == LINES


def test_truncated_zstd_raises_what_a_damaged_input_raises() -> None:
    data = zstandard.ZstdCompressor().compress(LINES * 500)[:-20]
    with pytest.raises(sources.DAMAGED_DATA, match="ends in the middle of a frame"):
        decompress(io.BufferedReader(io.BytesIO(data)), "in.jsonl.zst").read()


def test_strip_compression_lowers_and_drops_one_suffix() -> None:
    assert strip_compression("News.JSONL.GZ") == "news.jsonl"
    assert strip_compression("news.tar.xz") == "news.tar"


def test_hashing_reader_counts_and_hashes_what_passes() -> None:
    seen: list[int] = []
    hashing = HashingReader(io.BytesIO(LINES), seen.append)
    assert io.BufferedReader(hashing).read() == LINES
    assert (hashing.bytes, sum(seen)) == (len(LINES), len(LINES))
    assert hashing.sha256.hexdigest() == hashlib.sha256(LINES).hexdigest()


def test_a_directory_expands_sorted_with_ids_relative_to_it_and_hidden_files_left_out(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a.txt", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [base for _, base in expand_path(str(tmp_path))] == ["a.txt", "b/2.txt"]


def test_a_glob_gives_ids_relative_to_its_literal_start(tmp_path: Path) -> None:
    (tmp_path / "in" / "deep").mkdir(parents=True)
    (tmp_path / "in" / "deep" / "x.jsonl").write_bytes(LINES)
    assert [base for _, base in expand_path(f"{tmp_path}/in/**/*.jsonl")] == ["deep/x.jsonl"]
    with pytest.raises(InputError, match="no file matches this pattern"):
        list(expand_path(f"{tmp_path}/in/*.csv"))
    with pytest.raises(InputError, match="no such file or directory"):
        list(expand_path(str(tmp_path / "missing.jsonl")))


def test_archive_members_come_sorted_from_a_zip_and_links_are_named_in_a_tar(tmp_path: Path) -> None:
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("b.jsonl", LINES)
        archive.writestr("dir/", b"")
        archive.writestr("a.jsonl", b"")
    assert list(archive_members(io.BytesIO(zipped.getvalue()), "x.zip")) == [("a.jsonl", b""), ("b.jsonl", LINES)]
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w") as archive:
        info = tarfile.TarInfo("a.jsonl")
        info.size = len(LINES)
        archive.addfile(info, io.BytesIO(LINES))
        link = tarfile.TarInfo("l.jsonl")
        link.type, link.linkname = tarfile.SYMTYPE, "a.jsonl"
        archive.addfile(link)
    tarred.seek(0)
    assert list(archive_members(tarred, "x.tar")) == [("a.jsonl", LINES), ("l.jsonl", "a link, not read")]


def test_shown_escapes_bytes_that_are_not_utf8() -> None:
    assert shown(b"caf\xe9.txt".decode("utf-8", "surrogateescape")) == "caf\\xe9.txt"
