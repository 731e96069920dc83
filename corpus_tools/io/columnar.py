"""Columnar data in and out: Parquet and Arrow IPC files, `datasets.save_to_disk` directories, Parquet shards."""

from __future__ import annotations

import base64
import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from itertools import islice
from typing import Any

import orjson

from corpus_tools.errors import BadRecord, InputError, OutputError
from corpus_tools.io.schema import FieldTypes, Retype, retyper
from corpus_tools.io.writer import OutputFile, WriteConfig, sha256_of
from corpus_tools.record import Record
from corpus_tools.spool import RecordSpool

BATCH_ROWS = 4096
ARROW_FILE_MAGIC = b"ARROW1"


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise InputError("Parquet and Arrow need pyarrow: pip install 'corpus-tools[parquet]'") from None
    return pyarrow


def table_rows(data: bytes, fmt: str, display: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) for each row of a Parquet or Arrow IPC file (file or stream layout), batch by batch.

    A null is a field the row does not have, as in the Parquet this package writes. Values JSON cannot
    hold become JSON values: timestamps and dates ISO 8601 strings, decimals floats, binary UTF-8 text
    (or base64 when it is not text)."""
    pa = _pyarrow()
    row_no = 0
    try:
        batches = _batches(pa, data, fmt)
        for batch in batches:
            for row in batch.to_pylist():
                row_no += 1
                yield row_no, {name: _plain(value) for name, value in row.items() if value is not None}
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as err:
        kind = "Parquet" if fmt == "parquet" else "Arrow IPC"
        total = _parquet_rows(pa, data) if fmt == "parquet" else None
        # Rows of a damaged file that cannot be read are one reject: say how many it stands for.
        lost = f"; rows {row_no + 1} to {total} of {total} are not read" if total and total > row_no else ""
        reason = " ".join(str(err).split())
        raise BadRecord(display, None, f"unreadable {kind} file ({reason}){lost}", "is the file complete?") from None


def _parquet_rows(pa: Any, data: bytes) -> int | None:
    """The rows a Parquet file's footer says it holds, or None when the footer is unreadable too."""
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(pa.BufferReader(data)).metadata.num_rows)
    except (pa.ArrowInvalid, OSError):
        return None


def _batches(pa: Any, data: bytes, fmt: str) -> Iterator[Any]:
    buffer = pa.BufferReader(data)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        yield from pq.ParquetFile(buffer).iter_batches(batch_size=BATCH_ROWS)
        return
    import pyarrow.ipc as ipc

    if data[:6] == ARROW_FILE_MAGIC:
        reader = ipc.open_file(buffer)
        for index in range(reader.num_record_batches):
            yield reader.get_batch(index)
        return
    yield from ipc.open_stream(buffer)  # what `datasets.save_to_disk` writes


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):  # a map column: (key, value) pairs
            return {str(k): _plain(v) for k, v in value}
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    return str(value)


def saved_dataset_files(path: str) -> list[tuple[str, str]] | None:
    """The Arrow files of a `datasets.save_to_disk` directory in order (each split of a DatasetDict in
    turn), as (file path, id base) pairs; None when the directory is not one."""
    if "://" in path or not os.path.isdir(path):
        return None
    if os.path.isfile(os.path.join(path, "dataset_dict.json")):
        with open(os.path.join(path, "dataset_dict.json"), "rb") as handle:
            splits = orjson.loads(handle.read()).get("splits", [])
        files: list[tuple[str, str]] = []
        for split in splits:
            files.extend((file, f"{split}/{base}") for file, base in saved_dataset_files(
                os.path.join(path, split)) or [])
        return files
    state = os.path.join(path, "state.json")
    if not os.path.isfile(state):
        return None
    with open(state, "rb") as handle:
        data_files = orjson.loads(handle.read()).get("_data_files", [])
    return [(os.path.join(path, f["filename"]), f["filename"]) for f in data_files]


DATASET_METADATA = ("state.json", "dataset_info.json", "dataset_dict.json")


def is_dataset_metadata(path: str) -> bool:
    """A `save_to_disk` bookkeeping file met while walking a directory above the dataset: not records."""
    directory, name = os.path.split(path)
    if name not in DATASET_METADATA:
        return False
    return any(os.path.isfile(os.path.join(where, marker)) for where in (directory, os.path.dirname(directory))
               for marker in ("state.json", "dataset_dict.json"))


PARQUET_CODECS = {"none": "none", "gzip": "gzip", "zstd": "zstd"}


class ParquetShardWriter:
    """Writes part-00000.parquet, ... with one schema for every shard.

    The schema must be known before the first row is written, and a field may first appear or change
    kind in the last record, so records are spooled (beside the shards, on the same disk) and written
    out at the end: once to settle each field's type, once to write."""

    def __init__(self, directory: str, cfg: WriteConfig, warn: Callable[[str], None]) -> None:
        _pyarrow()
        self.directory = directory
        self.cfg = cfg
        self.warn = warn
        self.counts: Counter[str] = Counter()
        self.types = FieldTypes()
        self._spool = RecordSpool(".spool-", directory)

    def write(self, record: Record) -> None:
        self.types.observe(record)
        self._spool.write(record)

    def close(self) -> list[OutputFile]:
        import pyarrow.parquet as pq

        settled = self.types.settled()
        for field in settled:
            self.warn(field.describe())
        retype = retyper(settled)
        try:
            schema = self._schema(retype)
            files: list[OutputFile] = []
            records = self._replayed(retype)
            while len(files) * self.cfg.shard_size < self._spool.records:
                output = OutputFile(f"part-{len(files):05d}.parquet")
                full = os.path.join(self.directory, output.path)
                shard = islice(records, self.cfg.shard_size)
                with pq.ParquetWriter(full, schema, compression=PARQUET_CODECS[self.cfg.compress]) as writer:
                    for batch in _chunks(shard):
                        writer.write_table(self._table(batch, schema))
                        output.records += len(batch)
                output.bytes = os.path.getsize(full)
                output.sha256 = sha256_of(full)
                files.append(output)
        finally:
            self._spool.close()
        return files

    def _replayed(self, retype: Retype) -> Iterator[Record]:
        for original in self._spool:
            record, changed = retype(original)
            for name in changed:
                self.counts[f"retyped.{name}"] += 1
            yield record

    def _schema(self, retype: Retype) -> Any:
        pa = _pyarrow()
        schemas = [pa.schema([("id", pa.string()), ("text", pa.string())])]
        for batch in _chunks(retype(record)[0] for record in self._spool):
            schemas.append(_batch_schema(pa, batch))
        try:
            schema = pa.unify_schemas(schemas, promote_options="permissive")
        except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
            raise OutputError(f"cannot write Parquet: {err}") from None
        for field in schema:
            if _holds_empty_object(pa, field.type):
                raise OutputError(f"cannot write Parquet: field '{field.name}' holds an empty object ({{}}) where no "
                                  f"record gives one a field, which Parquet cannot store; write JSONL (it keeps "
                                  f"them) or drop the field before `write`")
        return schema

    @staticmethod
    def _table(batch: list[Record], schema: Any) -> Any:
        pa = _pyarrow()
        try:
            return pa.Table.from_pylist(batch, schema=schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as err:
            for field in schema:
                _array(pa, [record.get(field.name) for record in batch], field.name, field.type)
            raise OutputError(f"cannot write Parquet: {err}") from None


def _batch_schema(pa: Any, batch: list[Record]) -> Any:
    """The Arrow schema of a batch, in order of first appearance. Flat columns are typed from the Python
    types seen, without converting the values (the text column is most of the bytes); lists and
    objects are typed by pyarrow."""
    fields = []
    for name in dict.fromkeys(name for record in batch for name in record):
        values = [record.get(name) for record in batch]
        kinds = {type(value) for value in values if value is not None}
        if not kinds:
            arrow_type = pa.null()
        elif kinds == {str}:
            arrow_type = pa.string()
        elif kinds == {bool}:
            arrow_type = pa.bool_()
        elif kinds <= {int, float}:
            arrow_type = pa.float64() if float in kinds else pa.int64()
        else:
            arrow_type = _array(pa, values, name, None).type
        fields.append(pa.field(name, arrow_type))
    return pa.schema(fields)


def _holds_empty_object(pa: Any, arrow_type: Any) -> bool:
    """Whether a type has an object without fields anywhere inside it ("meta": {}, [{}], {"a": {}})."""
    if pa.types.is_struct(arrow_type):
        return arrow_type.num_fields == 0 or any(_holds_empty_object(pa, arrow_type.field(i).type)
                                                 for i in range(arrow_type.num_fields))
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return bool(_holds_empty_object(pa, arrow_type.value_type))
    return False


def _array(pa: Any, values: list[Any], name: str, arrow_type: Any) -> Any:
    try:
        return pa.array(values, type=arrow_type)
    except OverflowError:
        raise OutputError(f"cannot write Parquet: field '{name}' holds an integer beyond 64 bits, which Parquet "
                          f"cannot store; write JSONL (it keeps them exact) or make the field a string") from None
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise OutputError(f"cannot write Parquet: the values of field '{name}' disagree inside their lists or "
                          f"objects, or do not fit one type ({err}); make them one type before `write`") from None


def _chunks(records: Iterator[Record]) -> Iterator[list[Record]]:
    while batch := list(islice(records, BATCH_ROWS)):
        yield batch
