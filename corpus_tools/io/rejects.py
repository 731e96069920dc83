"""What happens to input that cannot become a record: stop with a message, or set it aside and count it."""

from __future__ import annotations

from collections import Counter
from typing import BinaryIO, Literal

import orjson

from corpus_tools.errors import BadRecord, OutputError

OnError = Literal["fail", "skip"]
REJECTS_FILE = "rejects.jsonl"
"""The rejects' name in the output directory when no --rejects names another file."""


class RejectPolicy:
    """Raises BadRecord under `fail`; under `skip` writes the bad line and its reason to a rejects file."""

    def __init__(self, on_error: OnError = "fail", rejects_path: str | None = None) -> None:
        self.on_error = on_error
        self.rejects_path = rejects_path
        self.count = 0
        self.by_reason: Counter[str] = Counter()
        self.examples: list[str] = []
        self._file: BinaryIO | None = None

    def reject(self, error: BadRecord, raw: bytes | str = b"") -> None:
        if self.on_error == "fail":
            raise error
        self.count += 1
        self.by_reason[error.reason.split(":")[0].split(" (")[0]] += 1
        if len(self.examples) < 5:
            self.examples.append(str(error))
        if self.rejects_path is None:
            return
        raw_text = raw.decode("utf-8", errors="backslashreplace") if isinstance(raw, bytes) else raw
        entry = {"source": error.path, "line": error.line, "reason": error.reason, "raw": raw_text}
        try:
            if self._file is None:
                self._file = open(self.rejects_path, "wb")  # noqa: SIM115 - kept open across many rejects
            self._file.write(orjson.dumps(entry) + b"\n")
        except OSError as err:
            raise self._unwritable(err) from None

    def close(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            try:
                file.close()
            except OSError as err:
                raise self._unwritable(err) from None

    def _unwritable(self, err: OSError) -> OutputError:
        return OutputError(f"{self.rejects_path}: cannot write the rejects ({err.strerror or err})")
