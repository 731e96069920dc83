"""The sharded writer and the output directory that appears only when a run finishes."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal, cast

from corpus_tools.errors import OutputError
from corpus_tools.io.commit import RunLock, commit, manifest_digest, recover_output, sibling
from corpus_tools.io.modes import follow_umask, named_error, named_errors
from corpus_tools.record import Record, dump_record


@dataclass(frozen=True)
class WriteConfig:
    """Where and how the clean corpus is written."""

    directory: str
    shard_size: int = 100_000
    compress: Literal["none", "gzip", "zstd"] = "none"
    force: bool = False
    format: Literal["jsonl", "parquet"] = "jsonl"


class StagingDir:
    """Everything is written into a hidden sibling directory, swapped into place on commit.

    The run holds the directory's lock from start to commit, so a second run writing the same directory
    stops at once; what dead runs left beside it is finished or removed first. An interrupted or failed run
    removes its staging directory, so DIR is either the previous complete output or the new complete
    output, never a mixture.
    """

    def __init__(self, final: str, force: bool, warn: Callable[[str], None] | None = None) -> None:
        if not final:
            raise OutputError("the output directory's name is empty: it would be read as the current directory")
        if "://" in final:
            raise OutputError(f"{final}: write needs a directory on this machine (a mounted bucket will do): an "
                              f"object store cannot rename a whole directory into place, which atomic output needs")
        # Through a link the output replaces what the link names: swapped in place of the link, it left the
        # link's target holding the old corpus, and the link a directory on another disk.
        self.final = os.path.realpath(final) if os.path.islink(final) else os.path.normpath(final)
        self.force = force
        parent = os.path.dirname(os.path.abspath(self.final))
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as err:
            raise OutputError(f"{final}: cannot create its parent directory ({err.strerror})") from None
        self.lock = RunLock(self.final)
        try:
            found = recover_output(self.final)
            if found and warn is not None:
                warn(f"{final}: cleaned up after an interrupted run: {', '.join(found)}")
            if os.path.exists(self.final) and not force:
                raise OutputError(f"{final} already exists; use --force to replace it")
            self.path = tempfile.mkdtemp(prefix=f".{os.path.basename(self.final)}.partial-", dir=parent)
            follow_umask(self.path)
        except OSError as err:
            self.lock.release()
            raise OutputError(f"{final}: cannot write beside it ({err.strerror})") from None
        except BaseException:
            self.lock.release()
            raise

    def commit(self, indexes: list[dict[str, str]] | None = None, files: list[dict[str, str]] | None = None) -> None:
        """Swap the output into place, together with the index segments and side files staged by the same run."""
        if os.path.exists(self.final) and not self.force:
            raise OutputError(f"{self.final} appeared while this run went on; use --force to replace it")
        digest = manifest_digest(self.path)
        if digest is None:
            raise OutputError(f"{self.final}: the staged output has no manifest")
        part = {"final": os.path.abspath(self.final), "staging": self.path, "digest": digest,
                "old": sibling(self.final, f".old-{os.urandom(6).hex()}")}
        try:
            commit(part, indexes or [], sibling(self.final, ".commit.json"), files)
        except OSError as err:
            raise OutputError(f"{self.final}: cannot put the output in place ({err.strerror}); the previous "
                              f"output and index are unchanged") from None
        self.lock.release()

    def abort(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.lock.release()


@dataclass
class OutputFile:
    path: str
    records: int = 0
    bytes: int = 0
    sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "records": self.records, "bytes": self.bytes, "sha256": self.sha256}


class ShardWriter:
    """Writes records to part-00000.jsonl, part-00001.jsonl, ... with at most `shard_size` records each."""

    def __init__(self, directory: str, cfg: WriteConfig) -> None:
        self.directory = directory
        self.cfg = cfg
        self.files: list[OutputFile] = []
        self.counts: Counter[str] = Counter()
        self._handle: BinaryIO | None = None
        self._raw: BinaryIO | None = None

    def write(self, record: Record) -> None:
        if self._handle is None or self.files[-1].records >= self.cfg.shard_size:
            self._open_next()
        assert self._handle is not None
        try:  # no `named_errors` context manager: once per record it would cost half the write again
            self._handle.write(dump_record(record))
        except OSError as err:
            raise named_error(err, os.path.join(self.directory, self.files[-1].path)) from None
        self.files[-1].records += 1

    def _open_next(self) -> None:
        self._close_current()
        name = f"part-{len(self.files):05d}.jsonl{SHARD_SUFFIXES[self.cfg.compress]}"
        self.files.append(OutputFile(name))
        raw = open(os.path.join(self.directory, name), "wb")  # noqa: SIM115 - closed in _close_current
        self._raw = raw
        self._handle = compressed(raw, self.cfg.compress)

    def _close_current(self) -> None:
        if self._handle is None:
            return
        with named_errors(os.path.join(self.directory, self.files[-1].path)):
            self._handle.close()
            if self._raw is not self._handle and self._raw is not None:
                self._raw.close()
        self._handle = self._raw = None
        current = self.files[-1]
        full = os.path.join(self.directory, current.path)
        current.bytes = os.path.getsize(full)
        current.sha256 = sha256_of(full)

    def close(self) -> list[OutputFile]:
        self._close_current()
        return self.files


SHARD_SUFFIXES = {"none": "", "gzip": ".gz", "zstd": ".zst"}
SHARD_NAME = re.compile(r"part-\d{5,}\.(?:jsonl|parquet)")
"""The start of every shard's name, JSONL (`part-00000.jsonl.gz`) or Parquet (`part-00000.parquet`)."""


def compressed(raw: BinaryIO, compress: str) -> BinaryIO:
    """A handle that compresses into `raw`; the same records always give the same bytes."""
    if compress == "gzip":
        # mtime=0 and no file name keep gzip output byte-identical between runs.
        return cast(BinaryIO, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0))
    if compress == "zstd":
        import zstandard

        # zstd frames carry no time or name; closefd=False leaves `raw` to its owner.
        return cast(BinaryIO, zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False))
    return raw


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
