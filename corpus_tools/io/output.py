"""The writer a `write` step gets: JSONL (plain, gzip, zstd) or Parquet shards, each field of one type."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, cast

import orjson

from corpus_tools.errors import InputError
from corpus_tools.io.columnar import ParquetShardWriter
from corpus_tools.io.commit import MANIFEST
from corpus_tools.io.schema import FieldTypes, Retype, retyper
from corpus_tools.io.writer import SHARD_NAME, OutputFile, ShardWriter, WriteConfig
from corpus_tools.record import Record, loads_exact


class TypedShardWriter:
    """JSONL shards whose fields keep one type. Records are written as they come; only when a field's
    records disagreed are the shards rewritten, once, at the end (see `corpus_tools.io.schema`)."""

    def __init__(self, directory: str, cfg: WriteConfig, warn: Callable[[str], None]) -> None:
        self.directory = directory
        self.cfg = cfg
        self.warn = warn
        self.types = FieldTypes()
        self._shards = ShardWriter(directory, cfg)
        self.counts: Counter[str] = self._shards.counts

    def write(self, record: Record) -> None:
        self.types.observe(record)
        self._shards.write(record)

    def close(self) -> list[OutputFile]:
        files = self._shards.close()
        settled = self.types.settled()
        if not settled:
            return files
        for field in settled:
            self.warn(field.describe())
        return rewrite_shards(self.directory, files, self.cfg, retyper(settled), self.counts)


def rewrite_shards(directory: str, files: list[OutputFile], cfg: WriteConfig, retype: Retype,
                   counts: Counter[str]) -> list[OutputFile]:
    """Rewrite JSONL shards with settled fields retyped: same names, same records per shard."""
    rewritten_dir = tempfile.mkdtemp(prefix=".retyped-", dir=directory)
    rewritten = ShardWriter(rewritten_dir, cfg)
    for output in files:
        for line in shard_lines(os.path.join(directory, output.path), cfg.compress):
            record, changed = retype(loads_exact(line))
            for name in changed:
                counts[f"retyped.{name}"] += 1
            rewritten.write(record)
    files = rewritten.close()
    for output in files:
        os.replace(os.path.join(rewritten_dir, output.path), os.path.join(directory, output.path))
    shutil.rmtree(rewritten_dir)
    return files


def shard_lines(path: str, compress: str) -> Iterator[bytes]:
    """The JSONL lines of a shard this package wrote."""
    with open(path, "rb") as raw:
        if compress == "gzip":
            yield from gzip.GzipFile(fileobj=raw)
        elif compress == "zstd":
            import zstandard

            yield from io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw))
        else:
            yield from raw


def _run_manifest(path: str) -> dict[str, Any] | None:
    """The manifest of a directory this package wrote, or None when `path` is not such a directory."""
    manifest_path = os.path.join(path, MANIFEST)
    if "://" in path or not os.path.isfile(manifest_path):
        return None
    try:
        with open(manifest_path, "rb") as handle:
            manifest = orjson.loads(handle.read())
    except orjson.JSONDecodeError as err:
        if _holds_shards(path):
            raise InputError(f"{manifest_path}: damaged ({err}), in a directory of shards a run wrote; without it "
                             f"the shards cannot be checked; restore it, or move it aside to read the files as "
                             f"plain inputs") from None
        return None
    try:
        outputs = manifest["write"]["outputs"] if manifest["tool"]["name"] == "corpus-tools" else None
    except (KeyError, TypeError):
        return None
    if not isinstance(outputs, list):
        return None
    audit = manifest["write"].get("audit") or []
    if not isinstance(audit, list) or not all(isinstance(entry, dict) and isinstance(entry.get("path"), str)
                                              for entry in [*outputs, *audit]):
        raise InputError(f"{manifest_path}: not a manifest this version can read (each of write.outputs and "
                         f"write.audit must name its file as a string 'path')")
    return cast("dict[str, Any]", manifest)


def _holds_shards(path: str) -> bool:
    """Whether `path` holds files named as the writer names its shards, at its top or one level down (a split's)."""
    places = [path, *(entry.path for entry in os.scandir(path) if entry.is_dir() and not entry.name.startswith("."))]
    return any(SHARD_NAME.match(name) for place in places for name in os.listdir(place))


def listed_shard(directory: str, name: str) -> str:
    """The path of a shard a run's manifest lists by `name`, which must lie inside the run's directory: a
    manifest that reaches outside it would have another file read as the run's corpus."""
    full = os.path.join(directory, name)
    inside = os.path.realpath(directory)
    if os.path.commonpath([os.path.realpath(full), inside]) != inside:
        raise InputError(f"{os.path.join(directory, MANIFEST)}: lists {name}, outside the run directory; "
                         f"a run's shards are inside it")
    return full


def run_shards(path: str) -> list[tuple[str, str]] | None:
    """The shards of a directory this package wrote, as its manifest lists them, as (file, id base)
    pairs; None when `path` is not such a directory. Reading a run reads its corpus, not its manifest
    and audit files. A shard that is missing, or whose size is not the one the manifest gives, is an
    error: reading on would lose its records, or some of them, without a word."""
    manifest = _run_manifest(path)
    if manifest is None:
        return None
    shards = []
    for output in manifest["write"]["outputs"]:
        name = str(output["path"])
        full = listed_shard(path, name)
        if not os.path.isfile(full):
            raise InputError(f"{full}: listed in the manifest but missing; the run directory is incomplete")
        size = output.get("bytes")
        if isinstance(size, int) and os.path.getsize(full) != size:
            raise InputError(f"{full}: {os.path.getsize(full):,} bytes where the manifest says {size:,}; the shard "
                             f"changed after the run wrote it")
        shards.append((full, name))
    return shards


def run_directories(path: str) -> list[str]:
    """`path` and the directories under it that this package wrote (each read as its shards)."""
    found = []
    for root, dirs, _files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if _run_manifest(root) is not None:
            found.append(root)
            dirs[:] = []
    return found


def unlisted_files(path: str) -> list[str] | None:
    """Files of a run directory that its manifest names nowhere (not a shard, an audit file or the rejects):
    reading the run does not read them. None when `path` is not a run directory."""
    manifest = _run_manifest(path)
    if manifest is None:
        return None
    write = manifest["write"]
    named = [str(entry.get("path")) for entry in [*write["outputs"], *(write.get("audit") or [])]
             if isinstance(entry, dict)]
    rejected = manifest.get("rejected")
    if isinstance(rejected, dict) and rejected.get("file"):
        named.append(str(rejected["file"]))
    known = {os.path.normpath(os.path.join(path, name)) for name in [*named, MANIFEST]}
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [full for name in sorted(files) if not name.startswith(".")
                  and os.path.normpath(full := os.path.join(root, name)) not in known]
    return found


ShardSink = TypedShardWriter | ParquetShardWriter


def open_shard_writer(directory: str, cfg: WriteConfig, warn: Callable[[str], None]) -> ShardSink:
    if cfg.format == "parquet":
        return ParquetShardWriter(directory, cfg, warn)
    return TypedShardWriter(directory, cfg, warn)
