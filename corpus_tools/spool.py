"""A second pass over a stream of records without holding a large one in memory: records kept as they came
while they are few, spooled to a temporary file once they are many."""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator
from types import TracebackType
from typing import IO

import orjson

from corpus_tools.record import Record, dump_record

RECORD_OVERHEAD = 200
"""Bytes a record held in memory costs besides its strings' characters (its dict, its keys, string headers)."""


class RecordSpool:
    """Records read back in the order they were written, on every pass, or one at a time by that order.

    Up to `memory` bytes of records (their strings' characters and RECORD_OVERHEAD each) stay in memory as the
    very objects written, so that a small input never goes through the disk: writing 5,000 articles out as
    JSON and reading them back twice cost dedup a tenth of its time. Past that, every record goes as a JSON
    line to an unnamed temporary file and only its offset (8 bytes) stays in memory. Records held in memory
    are not copies: a pass that changes them changes them for the next.

    The file has no name, so it vanishes however the run ends; `directory` puts it beside an output
    (on the same disk) instead of in the system's temporary directory.
    """

    def __init__(self, prefix: str, directory: str | None = None, memory: int = 0) -> None:
        self._prefix, self._directory, self._memory = prefix, directory, memory
        self._held: list[Record] | None = [] if memory > 0 else None
        self._held_bytes = 0
        self._file: IO[bytes] | None = None if memory > 0 else self._open()
        self.offsets = array("q")
        self._end = 0

    @property
    def records(self) -> int:
        return len(self._held) if self._held is not None else len(self.offsets)

    @property
    def held_bytes(self) -> int:
        """Memory the spool holds for its records: their estimated size, or their offsets once on disk."""
        return self._held_bytes if self._held is not None else self.offsets.itemsize * len(self.offsets)

    def write(self, record: Record) -> None:
        if self._held is None:
            self._append(record)
            return
        self._held.append(record)
        self._held_bytes += RECORD_OVERHEAD + sum(len(value) for value in record.values() if isinstance(value, str))
        if self._held_bytes > self._memory:
            held, self._held = self._held, None
            self._file = self._open()
            for one in held:
                self._append(one)

    def read(self, index: int) -> Record:
        """The record written `index`-th (from 0), for random access between passes."""
        if self._held is not None:
            return self._held[index]
        file = self._opened()
        file.seek(self.offsets[index])
        record: Record = orjson.loads(file.readline())
        file.seek(0, os.SEEK_END)
        return record

    def __iter__(self) -> Iterator[Record]:
        """Every record written so far, from the first; each pass starts again at the beginning."""
        if self._held is not None:
            yield from self._held
            return
        file = self._opened()
        file.seek(0)
        for line in file:
            yield orjson.loads(line)

    def close(self) -> None:
        self._held = []
        if self._file is not None:
            self._file.close()

    def _open(self) -> IO[bytes]:
        return tempfile.TemporaryFile(prefix=self._prefix, dir=self._directory)  # noqa: SIM115 - closed in close()

    def _opened(self) -> IO[bytes]:
        assert self._file is not None, "a spool without held records has its file"
        return self._file

    def _append(self, record: Record) -> None:
        line = dump_record(record)
        self.offsets.append(self._end)
        self._opened().write(line)
        self._end += len(line)

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
