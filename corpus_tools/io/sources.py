"""Where input bytes come from: paths, directories, globs, URLs, decompression, archives and their members."""

from __future__ import annotations

import bz2
import codecs
import glob
import gzip
import hashlib
import io
import lzma
import os
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, BinaryIO, cast

from corpus_tools.errors import InputError
from corpus_tools.io.commit import is_index

COMPRESSION_SUFFIXES = (".gz", ".zst", ".xz", ".bz2")
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip")
DAMAGED_DATA = (OSError, EOFError, lzma.LZMAError, zlib.error)
"""What a decompressor raises on truncated or corrupted data (gzip raises zlib's error, not OSError)."""


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


def decompress(stream: IO[bytes], name: str) -> IO[bytes]:
    if name.endswith(".gz"):
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream))
    if name.endswith(".xz"):
        return cast(IO[bytes], lzma.LZMAFile(stream))
    if name.endswith(".bz2"):
        return cast(IO[bytes], bz2.BZ2File(stream))
    if name.endswith(".zst"):
        return cast(IO[bytes], io.BufferedReader(_ZstdStream(stream)))
    return stream


class BadUtf16(ValueError):
    """A file that opens with a UTF-16 byte-order mark but does not decode as UTF-16; `line` is where it breaks."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.line = line


def utf8_view(stream: IO[bytes]) -> IO[bytes]:
    """A text file saved as UTF-16 (Excel's "Unicode Text", Notepad's "Unicode") as the UTF-8 bytes every parser
    reads; any other stream as it is. Only a byte-order mark tells UTF-16 apart, so none is guessed without one;
    and a mark before text with no NUL byte that reads as UTF-8 is no UTF-16 (the UTF-8 reader names the bad mark)."""
    head = stream.peek(_UTF16_HEAD)[:_UTF16_HEAD] if hasattr(stream, "peek") else b""
    if head[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or _reads_as_utf8(head[2:]):
        return stream
    return cast(IO[bytes], io.BufferedReader(_Utf16AsUtf8(stream)))


_UTF16_HEAD = 512
"""How much of a file with a UTF-16 mark is looked at: UTF-16 text with any ASCII in it has NUL bytes there."""


def _reads_as_utf8(data: bytes) -> bool:
    if not data or b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(data) - 3 and err.reason == "unexpected end of data"
    return True


class _Utf16AsUtf8(io.RawIOBase):
    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        # A lone surrogate passes through as the bytes UTF-8 forbids, so the parser rejects its line alone and reads
        # on; only what cannot be decoded at all (a file cut in the middle of a code unit) ends the file.
        self._decoder = codecs.getincrementaldecoder("utf-16")(errors="surrogatepass")
        self._pending = b""
        self._done = False
        self._lines = 0
        self._broken: BadUtf16 | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            chunk = self._raw.read(1 << 16)
            self._done = not chunk
            try:
                text = self._decoder.decode(chunk, final=self._done)
            except UnicodeDecodeError as err:
                # What decodes before the bad code unit is passed on first, so no record before it is lost.
                text = err.object[:err.start].decode(err.encoding)
                self._broken = BadUtf16(err.reason, self._lines + text.count("\n") + 1)
                self._done = True
            self._lines += text.count("\n")
            self._pending = text.encode("utf-8", "surrogatepass")
        if not self._pending and self._broken is not None:
            raise self._broken
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


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


def strip_compression(name: str) -> str:
    lower = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix):
            return lower[: -len(suffix)]
    return lower


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


def names_many(path: str) -> bool:
    """Whether a path names a directory or a pattern, where files of unknown format are skipped, not errors."""
    if glob.has_magic(path):
        return True
    if is_url(path):
        fs, inner = _filesystem(path)
        return bool(fs.isdir(inner))
    return os.path.isdir(path)


HIDDEN = "hidden (its name starts with '.')"
LINKED_TWICE = "a link to a directory read already"


def expand_path(path: str, runs: list[str] | None = None, skipped: list[dict[str, str]] | None = None
                ) -> Iterator[tuple[str, str]]:
    """(file path, id base) pairs; the id base is the path relative to what the user named. Each directory this
    package wrote that is found inside is read as its shards, and named in `runs` when that is given. Links to
    directories are followed, each directory read once (a link back up would loop); what is left out, hidden
    names (editors' and version control's files, runs' staging) and second ways into a directory, goes into
    `skipped` when that is given."""
    def leave_out(full: str, reason: str) -> None:
        if skipped is not None:
            skipped.append({"path": full, "reason": reason})

    if is_url(path):
        yield from _expand_url(path)
    elif os.path.isdir(path):
        from corpus_tools.io.output import run_shards

        found = False
        read = {os.path.realpath(path)}
        for root, dirs, files in os.walk(path, followlinks=True):
            kept = []
            for name in sorted(dirs):
                full = os.path.join(root, name)
                if name.startswith("."):
                    leave_out(full, HIDDEN)
                elif (real := os.path.realpath(full)) in read:
                    leave_out(full, LINKED_TWICE)
                else:
                    read.add(real)
                    kept.append(name)
            dirs[:] = kept
            shards = run_shards(root) if root != path else None
            if shards is not None:
                # A run directory inside: its corpus is the shards its manifest lists, not its manifest and audits.
                dirs[:] = []
                files = [os.path.relpath(shard, root) for shard, _ in shards]
                if runs is not None:
                    runs.append(root)
            for name in sorted(files) if shards is None else files:
                full = os.path.join(root, name)
                if os.path.basename(name).startswith("."):
                    leave_out(full, HIDDEN)
                    continue
                found = True
                yield full, os.path.relpath(full, path).replace(os.sep, "/")
        if not found:
            raise InputError(f"{path}: the directory holds no file to read")
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


def input_files(path: str, runs: list[str] | None = None, skipped: list[dict[str, str]] | None = None
                ) -> Iterable[tuple[str, str]]:
    """(file path, id base) pairs of what PATH names: the Arrow files of a `datasets.save_to_disk`
    directory, the shards of a directory this package wrote (not its manifest and audit files), or
    what expand_path finds. The directories this package wrote that are read go into `runs`, and what a
    directory's walk leaves out into `skipped`, when given."""
    from corpus_tools.io.columnar import saved_dataset_files
    from corpus_tools.io.output import run_shards

    if not is_url(path) and os.path.isdir(path) and is_index(path):
        raise InputError(f"{path}: a dedup index, not a corpus (it holds signatures, not records): `overlap` takes "
                         f"one as its REFERENCE, `index stats` describes it")
    dataset = saved_dataset_files(path)
    if dataset is not None:
        return dataset
    shards = run_shards(path)
    if shards is not None:
        if runs is not None:
            runs.append(path)
        return shards
    return expand_path(path, runs, skipped)


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


MEMBER_LIMIT = 1 << 30
"""Uncompressed bytes one archive member may hold: more is a zip bomb or not a news file."""


def archive_members(stream: IO[bytes], path: str) -> Iterator[tuple[str, bytes | str]]:
    """(name, data) for each member, or (name, why it cannot be read) where one member is unreadable
    (encrypted, an unknown method, too large, a link) and the others are not."""
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
            # Each entry by its own header: a zip may hold two members of one name, and opening by name
            # would read the last one twice. Sorted by name (stably, so same-named ones keep their order).
            for member in sorted(archive.infolist(), key=lambda info: info.filename):
                name = member.filename
                if member.is_dir():
                    continue
                if member.flag_bits & 0x1:
                    yield name, "unreadable zip member (encrypted, it needs a password)"
                    continue
                try:
                    with archive.open(member) as opened:
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
