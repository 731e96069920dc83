"""Seeded fuzzing of the readers: CSV, JSONL, zstd, gzip, tar and zip inputs with flipped, inserted and
deleted bytes and truncations. Whatever the damage, reading ends in records and counted rejects or in one
CorpusError, never another exception, and every file balances: rows seen = records + rejected."""

from __future__ import annotations

import gzip
import io
import json
import random
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from corpus_tools.errors import CorpusError
from corpus_tools.io.readers import Reader
from corpus_tools.io.rejects import RejectPolicy
from tests.conftest import invoke

CASES = 150
CSV = b'id,text,title\n' + b"".join(
    b'r%d,"Story %d, with a comma and ""quotes""\nover two lines.",Title %d\n' % (i, i, i) for i in range(40))
JSONL = b"".join(b'{"id": "r%d", "text": "Story %d of the day.", "n": %d}\n' % (i, i, i) for i in range(60))


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MEMBERS = {"a.jsonl": JSONL, "b.csv": CSV, "c.jsonl.gz": gzip.compress(JSONL, mtime=0)}
INPUTS: dict[str, Callable[[], bytes]] = {
    "news.csv": lambda: CSV,
    "news.jsonl": lambda: JSONL,
    "news.jsonl.zst": lambda: zstandard.ZstdCompressor().compress(JSONL),
    "news.csv.gz": lambda: gzip.compress(CSV, mtime=0),
    "news.tar": lambda: _tar(MEMBERS),
    "news.zip": lambda: _zip(MEMBERS),
}


def damaged(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flip, insert, delete bytes, or cut the file short."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        edit = rng.choice(["flip", "insert", "delete", "truncate"])
        at = rng.randrange(len(out)) if out else 0
        if edit == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif edit == "insert":
            out[at:at] = bytes(rng.choice([0x00, 0x22, 0x0A, 0x2C, 0xFF, 0x80, rng.randrange(256)])
                               for _ in range(rng.randint(1, 3)))
        elif edit == "delete":
            del out[at:at + rng.randint(1, 16)]
        else:
            del out[at:]
    return bytes(out)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_damaged_input_is_read_or_rejected_and_always_balances(tmp_path: Path, name: str) -> None:
    rng = random.Random(name)
    original = INPUTS[name]()
    path = tmp_path / name
    for case in range(CASES):
        path.write_bytes(damaged(original, rng))
        for on_error in ("skip", "fail"):
            reader = Reader(RejectPolicy(on_error), lambda _message: None)  # type: ignore[arg-type]
            try:
                records = list(reader.read(str(path)))
            except CorpusError:
                assert on_error == "fail", f"case {case}: skip must not stop"
                continue
            for stats in reader.inputs:
                assert stats.seen == stats.records + stats.rejected, f"case {case} ({on_error}): {stats}"
            assert len(records) == sum(s.records for s in reader.inputs)
            assert all(isinstance(r["id"], str) and isinstance(r["text"], str) for r in records)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_damaged_input_through_a_whole_run_balances_or_fails_in_one_line(tmp_path: Path, name: str) -> None:
    rng = random.Random(f"run {name}")
    original = INPUTS[name]()
    path = tmp_path / name
    for case in range(6):
        path.write_bytes(damaged(original, rng))
        out = tmp_path / f"out{case}"
        result = invoke(["--workers", "1", "--on-error", "skip", "read", str(path), "write", str(out)])
        assert result.exit_code == 0, f"case {case}: {result.stderr}"
        balance = json.loads((out / "manifest.json").read_text())["balance"]
        assert balance["balanced"] and balance["input_records"] == balance["written"] + balance["rejected"]
        result = invoke(["--workers", "1", "read", str(path), "write", str(tmp_path / "strict")])
        assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, f"case {case}"
        assert result.exit_code == 0 or result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        shutil.rmtree(tmp_path / "strict", ignore_errors=True)
