"""The dedup index: signatures and LSH band keys of kept records on disk, so later batches dedup against them.

Layout of an index directory (format 1):

    index.json            parameters, format version, and the list of segments (the only file ever replaced)
    seg-000001/           one immutable segment per run that added records
        ids.npy           uint8: the ids, UTF-8, back to back      id_offsets.npy  int64 (n + 1)
        signatures.npy    uint32 (n, num_perm)                     sizes.npy       int32 shingles per story
        text_hash.npy     uint64 normalized-text hash              tokens.npy      int32 words per story
        days.npy          int32 days since year 1 (or none)
        band_keys.npy     uint64 (bands, n), each band sorted      band_rows.npy   int32 (bands, n) row of each key

Arrays open with np.load(mmap_mode="r"): opening costs the same for ten records or ten million. A run locks
the index, writes its new segment into a staging directory beside DIR, and makes it live only in the commit
of the run's output (corpus_tools.io.commit): the segment is renamed into DIR and index.json replaced in one
os.replace, so a reader sees the old index or the new one, never half of one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import orjson

from corpus_tools.dates import NO_DATE
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.engine import DedupEngine
from corpus_tools.dedup.features import LEAD_SAMPLE
from corpus_tools.dedup.lsh import band_keys
from corpus_tools.dedup.signatures import EMPTY
from corpus_tools.dedup.table import FrozenTable, RecordTable, sign_corpus
from corpus_tools.errors import CorpusError, OutputError
from corpus_tools.executors import Executor
from corpus_tools.io.commit import INDEX_HEADER, RunLock, finish_index, recover_index, sibling
from corpus_tools.record import Record

FORMAT = 2
HEADER = INDEX_HEADER
PARAMETERS = ("num_perm", "ngram", "seed", "bands", "rows")
BUCKET_CAP = 8
"""Index rows taken per shared band key: a template shared by thousands of old records must not make one
new record cost thousands of comparisons; copies of one story share many bands, so a few per band suffice."""
_STORY = tuple(f.name for f in fields(FrozenTable)
               if f.name not in ("ids", "signatures", "tokens", "shingles", "text_hash"))
"""What verification reads of a record besides its signature, sizes and text hash, kept as the run's table has
it: every other column of the table, so a column added there is stored in segments too."""
_ADDED = ("lead", "lead_count")
"""Arrays that segments written before them lack: such records have no lead (see `_upgraded`)."""


def _upgraded(arrays: dict[str, Any]) -> dict[str, Any]:
    """A segment's arrays with what later versions keep per record filled in for one written before: no
    lead, no company keys. Its records then verify as they did when it was written."""
    rows = len(arrays["sizes"])
    if "lead" not in arrays:
        arrays["lead"] = np.full((rows, LEAD_SAMPLE), EMPTY, dtype=np.uint32)
        arrays["lead_count"] = np.zeros(rows, dtype=np.int32)
    meta = arrays["meta"]
    if meta.dtype != RecordTable.META:
        full = np.zeros(rows, dtype=RecordTable.META)
        for name in set(meta.dtype.names or ()) & set(RecordTable.META.names or ()):
            full[name] = meta[name]
        arrays["meta"] = full
    return arrays


@dataclass
class Segment:
    """Records added by one run (or, for `overlap`, a whole reference corpus in memory)."""

    ids: npt.NDArray[np.uint8]
    id_offsets: npt.NDArray[np.int64]
    signatures: npt.NDArray[np.uint32]
    sizes: npt.NDArray[np.int32]
    text_hash: npt.NDArray[np.uint64]
    tokens: npt.NDArray[np.int32]
    meta: npt.NDArray[Any]
    sample: npt.NDArray[np.uint32]
    words: npt.NDArray[np.uint32]
    word_count: npt.NDArray[np.int32]
    subject: npt.NDArray[np.uint32]
    subject_count: npt.NDArray[np.int32]
    figures: npt.NDArray[np.uint32]
    figure_count: npt.NDArray[np.int32]
    title_words: npt.NDArray[np.uint32]
    title_count: npt.NDArray[np.int32]
    amounts: npt.NDArray[np.uint32]
    amount_count: npt.NDArray[np.int32]
    lead: npt.NDArray[np.uint32]
    lead_count: npt.NDArray[np.int32]
    band_keys: npt.NDArray[np.uint64]
    band_rows: npt.NDArray[np.int32]
    where: str = ""
    """The segment's directory, for messages; empty for one built in memory."""

    @classmethod
    def build(cls, table: FrozenTable, rows: npt.NDArray[np.int64], bands: int, band_rows: int) -> Segment:
        encoded = [table.ids[row].encode("utf-8") for row in rows.tolist()]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(e) for e in encoded], dtype=np.int64)
        signatures = np.ascontiguousarray(table.signatures[rows])
        keys = band_keys(signatures, bands, band_rows).T
        order = np.argsort(keys, axis=1, kind="stable").astype(np.int32)
        return cls(
            ids=np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), id_offsets=offsets,
            signatures=signatures, sizes=table.shingles[rows].astype(np.int32),
            text_hash=table.text_hash[rows], tokens=table.tokens[rows].astype(np.int32),
            **cast("dict[str, Any]", {name: np.ascontiguousarray(getattr(table, name)[rows]) for name in _STORY}),
            band_keys=np.ascontiguousarray(np.take_along_axis(keys, order, axis=1)), band_rows=order,
        )

    def table(self, rows: npt.NDArray[np.int64]) -> FrozenTable:
        """These rows as a table that the engine verifies pairs on. Outlet numbers belong to the run that
        counted them, so they are left unknown here."""
        meta = np.array(self.meta[rows])
        meta["outlet"] = 0
        return FrozenTable(
            ids=[self.id(row) for row in rows.tolist()], signatures=np.asarray(self.signatures[rows]),
            tokens=np.asarray(self.tokens[rows]), shingles=np.asarray(self.sizes[rows]),
            text_hash=np.asarray(self.text_hash[rows]), meta=meta,
            **{name: np.asarray(getattr(self, name)[rows]) for name in _STORY if name != "meta"},
        )

    @classmethod
    def load(cls, directory: str) -> Segment:
        arrays = {name: np.load(os.path.join(directory, f"{name}.npy"), mmap_mode="r") for name in _ARRAYS
                  if name not in _ADDED or os.path.exists(os.path.join(directory, f"{name}.npy"))}
        return cls(**_upgraded(arrays), where=directory)

    def check(self, listed: dict[str, Any], num_perm: int, bands: int) -> None:
        """Raise ValueError where the arrays do not fit together or the header: a file copied from another
        segment, truncated or hand-made would otherwise fail deep in the engine, or match wrongly."""
        records = len(self.sizes)
        expected = {"id_offsets": (records + 1,), "signatures": (records, num_perm), "band_keys": (bands, records),
                    "band_rows": (bands, records)}
        for name in _ARRAYS:
            if name == "ids":  # the ids' bytes, checked against their offsets below
                continue
            array = getattr(self, name)
            shape = expected.get(name)
            fits = array.shape == shape if shape else array.ndim >= 1 and array.shape[0] == records
            if not fits:
                raise ValueError(f"{listed['name']}/{name}.npy has shape {array.shape}, which does not fit "
                                 f"{records} records")
        if listed["records"] != records:
            raise ValueError(f"{listed['name']} holds {records} records, the header says {listed['records']}")
        if int(self.id_offsets[-1]) != len(self.ids) or (records and int(self.id_offsets[0]) != 0):
            raise ValueError(f"{listed['name']}/ids.npy does not match its offsets")

    def save(self, directory: str) -> None:
        for name in _ARRAYS:
            path = os.path.join(directory, f"{name}.npy")
            try:
                np.save(path, getattr(self, name))
            except OSError as err:  # numpy's own for a short write names neither file nor cause
                raise OutputError(f"{path}: cannot write the index segment ({err.strerror or err}; a full "
                                  f"disk?)") from None

    def __len__(self) -> int:
        return len(self.sizes)

    def id(self, row: int) -> str:
        try:
            return bytes(self.ids[self.id_offsets[row]:self.id_offsets[row + 1]]).decode("utf-8")
        except UnicodeDecodeError:
            raise self.damaged("ids.npy is not UTF-8 text") from None

    def damaged(self, problem: str) -> CorpusError:
        """What files the size and shape checks at opening cannot vet (their content) were found wrong in use."""
        return damaged(self.where, problem)

    def candidates(self, keys: npt.NDArray[np.uint64], queries: npt.NDArray[np.int64]
                   ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(query, row) pairs that share a band key; `keys` is (len(queries), bands)."""
        found: list[npt.NDArray[np.int64]] = []
        n = len(self)
        if not n or not len(queries):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        for band in range(keys.shape[1]):
            column = self.band_keys[band]
            lo = np.searchsorted(column, keys[:, band], "left")
            hi = np.minimum(np.searchsorted(column, keys[:, band], "right"), lo + BUCKET_CAP)
            counts = hi - lo
            if not counts.any():
                continue
            if counts.min() < 0:
                raise self.damaged("band_keys.npy is out of order")
            which = np.repeat(np.arange(len(queries)), counts)
            starts = np.repeat(np.cumsum(counts) - counts, counts)
            positions = lo[which] + np.arange(len(which)) - starts
            rows = np.asarray(self.band_rows[band][positions], dtype=np.int64)
            if rows.min() < 0 or rows.max() >= n:
                raise self.damaged("band_rows.npy points outside the segment")
            found.append(queries[which] * n + rows)
        if not found:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        packed = np.unique(np.concatenate(found))
        return packed // n, packed % n

    def exact(self, queries: npt.NDArray[np.int64], hashes: npt.NDArray[np.uint64]
              ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(query, row) pairs whose normalized texts are equal."""
        order = np.argsort(self.text_hash, kind="stable")
        ordered = np.asarray(self.text_hash)[order]
        lo = np.searchsorted(ordered, hashes, "left")
        hi = np.minimum(np.searchsorted(ordered, hashes, "right"), lo + BUCKET_CAP)
        counts = hi - lo
        which = np.repeat(np.arange(len(queries)), counts)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        positions = lo[which] + np.arange(len(which)) - starts
        return queries[which], order[positions].astype(np.int64)


_ARRAYS = tuple(f.name for f in fields(Segment) if f.name != "where")
"""The files of a segment, one `.npy` per field."""


@dataclass
class Matches:
    """Verified pairs between query records (rows of a FrozenTable) and rows of one segment."""

    query: npt.NDArray[np.int64]
    row: npt.NDArray[np.int64]
    jaccard: npt.NDArray[np.float64]
    containment: npt.NDArray[np.float64]


def find_matches(cfg: DedupConfig, bands: int, rows: int, table: FrozenTable, segment: Segment) -> Matches:
    """Records of `table` that copy a record of `segment`, verified as dedup verifies pairs within a run:
    long records that share a band with an index record by the engine's verification, any record by equal
    normalized text."""
    n = len(table.ids)
    everyone = np.arange(n, dtype=np.int64)
    exact_q, exact_r = segment.exact(everyone, table.text_hash)
    long_q = everyone[table.tokens >= cfg.min_tokens]
    keys = band_keys(np.ascontiguousarray(table.signatures[long_q]), bands, rows)
    query, row = segment.candidates(keys, long_q)
    keep = np.asarray(segment.tokens)[row] >= cfg.min_tokens if len(row) else np.zeros(0, dtype=np.bool_)
    query, row = query[keep], row[keep]
    # Verified by the engine of a table of the run's records and these index rows: on shingle samples, with
    # the pair rules and the story-level check, common shingles and rare words counted over both.
    rows_used, row_in_joined = np.unique(row, return_inverse=True)
    joined = FrozenTable.concat([table, segment.table(rows_used)])
    engine = DedupEngine(replace(cfg, bands=bands, rows=rows), joined)
    partner = n + row_in_joined.astype(np.int64)
    ok = engine.verify(query, partner)
    scores = engine.score(query, partner)
    all_q = np.concatenate([exact_q, query[ok]])
    all_r = np.concatenate([exact_r, row[ok]])
    jaccard = np.concatenate([np.ones(len(exact_q)), scores.jaccard[ok]])
    containment = np.concatenate([np.ones(len(exact_q)), scores.containment[ok]])
    # One entry per pair, the exact one first when a pair is both.
    packed = all_q * max(len(segment), 1) + all_r
    _, first = np.unique(packed, return_index=True)
    return Matches(all_q[first], all_r[first], jaccard[first], containment[first])


def damaged(where: str, problem: object) -> CorpusError:
    """The error for an index or segment whose files are not what it wrote."""
    return CorpusError(f"{where}: the index is damaged ({problem}); restore it from a copy")


def read_header(directory: str) -> dict[str, Any] | None:
    path = os.path.join(directory, HEADER)
    if not os.path.exists(path):
        if os.path.isdir(directory) and os.listdir(directory):
            raise CorpusError(f"{directory}: not a dedup index (no {HEADER}); give an empty or new directory")
        return None
    try:
        with open(path, "rb") as handle:
            header: dict[str, Any] = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError) as err:
        raise CorpusError(f"{path}: cannot read the index header ({err})") from None
    if not isinstance(header, dict):
        raise CorpusError(f"{path}: the index header is damaged (not a JSON object); restore it from a copy")
    if header.get("format") != FORMAT:
        raise CorpusError(f"{path}: index format {header.get('format')!r} is not supported (this version reads "
                          f"format {FORMAT})")
    problem = _header_problem(header)
    if problem:
        raise CorpusError(f"{path}: the index header is damaged ({problem}); restore it from a copy")
    return header


def _header_problem(header: dict[str, Any]) -> str | None:
    """What makes a header unusable, or None: every figure the engine relies on, checked before it does."""
    for name in ("num_perm", "ngram", "bands", "rows"):
        value = header.get(name)
        if type(value) is not int or value < 1:
            return f"{name} must be a positive integer, not {value!r}"
    if type(header.get("seed")) is not int:
        return f"seed must be an integer, not {header.get('seed')!r}"
    if header["bands"] * header["rows"] > header["num_perm"]:
        return f"bands x rows ({header['bands']} x {header['rows']}) exceed num_perm ({header['num_perm']})"
    segments = header.get("segments")
    if not isinstance(segments, list) or not all(
            isinstance(s, dict) and isinstance(s.get("name"), str) and type(s.get("records")) is int
            for s in segments):
        return "segments must be a list of {name, records}"
    names = [s["name"] for s in segments]
    if len(set(names)) < len(names):
        return "a segment is listed twice"
    if any(os.path.basename(name) != name or name in ("", ".", "..") for name in names):
        return "a segment name is not a plain directory name"
    return None


class DedupIndex:
    """An index directory: its header and its segments, opened memory-mapped."""

    def __init__(self, directory: str, header: dict[str, Any], lock: RunLock | None = None) -> None:
        self.directory = directory
        self.header = header
        self.lock = lock
        try:
            self.segments = [Segment.load(os.path.join(directory, s["name"])) for s in header["segments"]]
            for listed, segment in zip(header["segments"], self.segments, strict=True):
                segment.check(listed, header["num_perm"], header["bands"])
        except (OSError, ValueError, EOFError) as err:
            self.release()
            raise damaged(directory, err) from None

    @property
    def records(self) -> int:
        return sum(len(s) for s in self.segments)

    @classmethod
    def open(cls, directory: str) -> DedupIndex:
        """The index as it is, for reading; a commit a dead run left half done is finished first, unless
        a live run holds the index (it then reads as it was before that run)."""
        lock = RunLock.try_take(directory) if os.path.isdir(directory) else None
        if lock is not None:
            try:
                recover_index(directory)
            finally:
                lock.release()
        header = read_header(directory)
        if header is None:
            raise CorpusError(f"{directory}: no dedup index here; `corpus dedup --index {directory}` makes one")
        return cls(directory, header)

    @classmethod
    def open_for(cls, directory: str, cfg: DedupConfig) -> DedupIndex:
        """The index at `directory`, or a new empty one with the run's parameters, locked until the run
        commits or gives up, so that two runs cannot both add to it."""
        parent = os.path.dirname(os.path.abspath(directory))
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as err:
            raise CorpusError(f"{directory}: cannot create its parent directory ({err.strerror})") from None
        lock = RunLock(directory)
        try:
            recover_index(directory)
            header = read_header(directory)
        except BaseException:
            lock.release()
            raise
        if header is None:
            bands, rows = cfg.banding()
            header = {"format": FORMAT, "num_perm": cfg.num_perm, "ngram": cfg.ngram, "seed": cfg.seed,
                      "bands": bands, "rows": rows, "segments": []}
        return cls(directory, header, lock)

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def settle(self, cfg: DedupConfig) -> DedupConfig:
        """The run's config with the index's banding; a parameter that differs from the index's is an error,
        since signatures made with other parameters cannot be compared."""
        given: dict[str, int | None] = {"num_perm": cfg.num_perm, "ngram": cfg.ngram, "seed": cfg.seed}
        if cfg.bands is not None:
            given.update(bands=cfg.bands, rows=cfg.rows)
        for name, value in given.items():
            if value != self.header[name]:
                option = "--" + name.replace("_", "-")
                raise CorpusError(f"{self.directory}: the index was built with {option} {self.header[name]}, "
                                  f"not {value}; give {option} {self.header[name]} or use another index")
        return replace(cfg, bands=self.header["bands"], rows=self.header["rows"])

    def adopt(self, cfg: DedupConfig) -> DedupConfig:
        """The config with the index's signature parameters and banding, for reading it only (`overlap`): the
        index's records can be compared with nothing else."""
        header = self.header
        return replace(cfg, num_perm=header["num_perm"], ngram=header["ngram"], seed=header["seed"],
                       bands=header["bands"], rows=header["rows"])

    def match(self, cfg: DedupConfig, table: FrozenTable) -> list[tuple[Matches, Segment]]:
        return [(find_matches(cfg, self.header["bands"], self.header["rows"], table, segment), segment)
                for segment in self.segments]

    def match_batch(self, cfg: DedupConfig, table: FrozenTable, kept: npt.NDArray[np.int64]) -> list[str | None]:
        """For each record of the batch: the indexed id its cluster copies, or None.

        A batch cluster copies an indexed record when any member does; it points at the best match of any
        member (highest Jaccard, then earliest indexed), so all copies of one story leave together."""
        n = len(table.ids)
        best_score = np.full(n, -1.0)
        best: list[str | None] = [None] * n
        for matches, segment in self.match(cfg, table):
            clusters = kept[matches.query]
            for cluster, row, score in zip(clusters.tolist(), matches.row.tolist(), matches.jaccard.tolist(),
                                           strict=True):
                if score > best_score[cluster]:
                    best_score[cluster], best[cluster] = score, segment.id(row)
        return [best[int(k)] for k in kept.tolist()]

    def _refuse_taken_ids(self, new_ids: set[str]) -> None:
        """A new story may not take an id the index holds for another: `cluster_id` names the indexed story,
        and would then name two."""
        for segment in self.segments:
            # All of a segment's ids in one pass over its bytes: slicing the array id by id cost three times as much.
            blob, offsets = segment.ids.tobytes(), segment.id_offsets.tolist()
            try:
                taken = new_ids.intersection(blob[a:b].decode("utf-8")
                                             for a, b in zip(offsets, offsets[1:], strict=False))
            except UnicodeDecodeError:
                raise segment.damaged("ids.npy is not UTF-8 text") from None
            if taken:
                raise CorpusError(f"{self.directory}: the index holds id '{min(taken)}' for another story; a new "
                                  f"story needs an id of its own, since cluster_id names the indexed one")

    def stage(self, table: FrozenTable, kept: npt.NDArray[np.int64], indexed: list[str | None]) -> Staged:
        """Write the batch's new stories (kept, not copies of indexed ones) as a segment beside the index."""
        new = np.array([row for row in range(len(table.ids)) if kept[row] == row and indexed[row] is None],
                       dtype=np.int64)
        self._refuse_taken_ids({table.ids[row] for row in new.tolist()})
        parent = os.path.dirname(os.path.abspath(self.directory)) or "."
        try:
            staging = tempfile.mkdtemp(dir=parent, prefix=f".{os.path.basename(self.directory)}-staging-")
        except OSError as err:
            raise CorpusError(f"{self.directory}: cannot write beside the index ({err.strerror})") from None
        name = f"seg-{len(self.header['segments']) + 1:06d}"
        try:
            segment = Segment.build(table, new, self.header["bands"], self.header["rows"])
            header = dict(self.header)
            if len(new):
                os.mkdir(os.path.join(staging, name))
                segment.save(os.path.join(staging, name))
                header["segments"] = [*self.header["segments"], {"name": name, "records": len(new)}]
            with open(os.path.join(staging, HEADER), "wb") as handle:
                handle.write(orjson.dumps(header, option=orjson.OPT_INDENT_2))
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return Staged(self.directory, staging, name, len(new), self.lock)


@dataclass
class Staged:
    """A new segment and header waiting beside the locked index until the run's output has committed."""

    directory: str
    staging: str
    name: str
    records: int
    lock: RunLock | None = None

    def part(self) -> dict[str, str]:
        """What the commit journal records of this index."""
        return {"directory": os.path.abspath(self.directory), "staging": self.staging, "segment": self.name}

    def commit(self) -> None:
        """Make the segment live on its own (a run whose records went to stdout); after a commit with the
        output, whose journal has moved it already, this only lets go of the index."""
        finish_index(self.part())
        self.release()

    def discard(self) -> None:
        """Give up the segment, unless a commit journal names it: the next run finishes that commit."""
        if not os.path.exists(sibling(self.directory, ".pending.json")):
            shutil.rmtree(self.staging, ignore_errors=True)
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()


def sign_records(records: Iterable[Record], cfg: DedupConfig, executor: Executor | None = None) -> FrozenTable:
    """Signatures of a whole corpus, as dedup makes them (each outlet's repeated lines left out)."""
    signed = sign_corpus(records, cfg, executor)
    signed.close()
    return signed.frozen


def index_stats(directory: str) -> dict[str, Any]:
    """What an index holds, for `corpus index stats`."""
    index = DedupIndex.open(directory)
    days = [np.asarray(s.meta["day"]) for s in index.segments]
    dated = np.concatenate(days) if days else np.zeros(0, dtype=np.int32)
    dated = dated[dated != NO_DATE]
    size = 0
    for root, _, files in os.walk(directory):
        size += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return {
        "directory": directory, "format": index.header["format"], "records": index.records,
        "segments": len(index.segments),
        **{name: index.header[name] for name in PARAMETERS},
        "dates": [date.fromordinal(int(dated.min())).isoformat(), date.fromordinal(int(dated.max())).isoformat()]
        if len(dated) else None,
        "bytes": size,
    }


def overlap(reference: Iterable[Record] | str, test: Iterable[Record], cfg: DedupConfig,
            executor: Executor | None = None) -> tuple[int, list[dict[str, Any]]]:
    """The number of test records, and for each one with a near-duplicate in the reference (a corpus, or
    an index directory): `{"id", "matches": [{"id", "similarity", "containment"}]}`, in test order,
    matches best first."""
    if isinstance(reference, str):
        index = DedupIndex.open(reference)
        cfg = index.adopt(cfg)
        segments = index.segments
    else:
        ref_table = sign_records(reference, cfg, executor)
        bands, rows = cfg.banding()
        cfg = replace(cfg, bands=bands, rows=rows)
        segments = [Segment.build(ref_table, np.arange(len(ref_table.ids), dtype=np.int64), bands, rows)]
    table = sign_records(test, cfg, executor)
    assert cfg.bands is not None and cfg.rows is not None
    found: dict[int, list[tuple[float, str, float]]] = {}
    for segment in segments:
        matches = find_matches(cfg, cfg.bands, cfg.rows, table, segment)
        for query, row, jaccard, containment in zip(matches.query.tolist(), matches.row.tolist(),
                                                    matches.jaccard.tolist(), matches.containment.tolist(),
                                                    strict=True):
            found.setdefault(query, []).append((jaccard, segment.id(row), containment))
    lines = []
    for query in sorted(found):
        ranked = sorted(found[query], key=lambda m: (-m[0], m[1]))
        lines.append({"id": table.ids[query], "matches": [
            {"id": a_id, "similarity": round(j, 3), "containment": round(c, 3)} for j, a_id, c in ranked]})
    return len(table.ids), lines
