"""A second pass over a stream of records without holding it in memory: records spooled to a temporary file."""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator
from types import TracebackType

from corpus_tools.record import Record, dump_record, loads_exact


class RecordSpool:
    """Records written as JSON lines to an unnamed temporary file and read back in the order they came, or
    one at a time by the order they came in (8 bytes of memory a record).

    The file has no name, so it vanishes however the run ends; `directory` puts it beside an output
    (on the same disk) instead of in the system's temporary directory.
    """

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix=prefix, dir=directory)  # noqa: SIM115 - closed in close()
        self.offsets = array("q")
        self._end = 0

    @property
    def records(self) -> int:
        return len(self.offsets)

    def write(self, record: Record) -> None:
        line = dump_record(record)
        self.offsets.append(self._end)
        self._file.write(line)
        self._end += len(line)

    def read(self, index: int) -> Record:
        """The record written `index`-th (from 0), for random access between passes."""
        self._file.seek(self.offsets[index])
        record: Record = loads_exact(self._file.readline())
        self._file.seek(0, os.SEEK_END)
        return record

    def __iter__(self) -> Iterator[Record]:
        """Every record written so far, from the first; each pass starts again at the beginning."""
        self._file.seek(0)
        for line in self._file:
            yield loads_exact(line)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
