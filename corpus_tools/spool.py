"""A second pass over a stream of records without holding it in memory: records spooled to a temporary file."""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterator
from contextlib import suppress
from types import TracebackType

from corpus_tools.io.modes import named_error
from corpus_tools.record import Record, dump_record, loads_exact


def spill_error(err: OSError, directory: str | None = None) -> OSError:
    """A full disk while spilling names the directory it fills (the run's output may be on another disk with
    room), and how to move it."""
    where = directory or tempfile.gettempdir()
    return named_error(err, f"{where} (the temporary directory records are spilled to; TMPDIR moves it)")


class RecordSpool:
    """Records written as JSON lines to an unnamed temporary file and read back in the order they came, or
    one at a time by the order they came in (8 bytes of memory a record).

    The file has no name, so it vanishes however the run ends; `directory` puts it beside an output
    (on the same disk) instead of in the system's temporary directory.
    """

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._where = directory
        try:
            self._file = tempfile.TemporaryFile(prefix=prefix, dir=directory)  # noqa: SIM115 - closed in close()
        except OSError as err:
            raise self._named(err) from None
        self.offsets = array("q")
        self._end = 0

    def _named(self, err: OSError) -> OSError:
        return spill_error(err, self._where)

    @property
    def records(self) -> int:
        return len(self.offsets)

    def write(self, record: Record) -> None:
        line = dump_record(record)
        self.offsets.append(self._end)
        try:
            self._file.write(line)
        except OSError as err:
            raise self._named(err) from None
        self._end += len(line)

    def read(self, index: int) -> Record:
        """The record written `index`-th (from 0), for random access between passes."""
        self._seek(self.offsets[index])
        record: Record = loads_exact(self._file.readline())
        self._seek(0, os.SEEK_END)
        return record

    def __iter__(self) -> Iterator[Record]:
        """Every record written so far, from the first; each pass starts again at the beginning."""
        self._seek(0)
        for line in self._file:
            yield loads_exact(line)

    def _seek(self, offset: int, whence: int = os.SEEK_SET) -> None:
        try:  # a seek writes out what the buffer holds: where a full disk shows
            self._file.seek(offset, whence)
        except OSError as err:
            raise self._named(err) from None

    def close(self) -> None:
        # Closing throws the records away: a full disk as the buffer is written out loses nothing, and raised
        # here it would hide the error that ended the run (the one that names the directory).
        with suppress(OSError):
            self._file.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
