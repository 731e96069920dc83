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


class SpillFile:
    """An unnamed temporary file for a second pass: it vanishes however the run ends, a full disk names the
    directory it fills (the run's output may be on another disk with room) and how to move it, and closing
    throws it away, so a full disk as its buffer is written out then loses nothing and hides no earlier error."""

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._where = directory or tempfile.gettempdir()
        try:
            self._file = tempfile.TemporaryFile(prefix=prefix, dir=directory)  # noqa: SIM115 - closed in close()
        except OSError as err:
            raise self._named(err) from None

    def _named(self, err: OSError) -> OSError:
        return named_error(err, f"{self._where} (the temporary directory records are spilled to; TMPDIR moves it)")

    def write(self, data: bytes) -> None:
        try:
            self._file.write(data)
        except OSError as err:
            raise self._named(err) from None

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> None:
        try:  # a seek writes out what the buffer holds: where a full disk shows
            self._file.seek(offset, whence)
        except OSError as err:
            raise self._named(err) from None

    def readline(self) -> bytes:
        return self._file.readline()

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._file)

    def close(self) -> None:
        with suppress(OSError):
            self._file.close()

    def __enter__(self) -> SpillFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class RecordSpool:
    """Records written as JSON lines to a `SpillFile` and read back in the order they came, or one at a time by
    the order they came in (8 bytes of memory a record).

    `directory` puts the file beside an output (on the same disk) instead of in the system's temporary
    directory.
    """

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._file = SpillFile(prefix, directory)
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
