"""What dedup keeps per record, and the one loop that spools records and signs their stories.

The input streams through once: `note` keeps each record's metadata and the keys of its lines while the
record itself goes to a spool on disk. Once the input has ended, each outlet's boilerplate lines are known
and every record's story (its text less those lines, with its title) is signed in batches.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from itertools import compress, islice
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_tools.dates import day_number, minute_number
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.features import (
    ASCII_SPACE,
    FIGURE_SAMPLE,
    HEAD_WORDS,
    LEAD_SAMPLE,
    WIRE_CODES,
    batch_figures,
    clock_key,
    company_keys,
    defects,
    detect_wire,
    figure_samples,
    is_correction,
    lead_sample,
    line_hashes,
    stable_hash,
    ticker_keys,
    title_head,
    title_key,
    with_title,
    word_sample,
)
from corpus_tools.dedup.shingles import fold_arabic
from corpus_tools.dedup.signatures import (
    EMPTY,
    SAMPLE_SIZE,
    TITLE_SAMPLE,
    WORD_SAMPLE,
    MinHasher,
    SignatureBatch,
    signature_batch,
)
from corpus_tools.executors import Executor, InProcess
from corpus_tools.pipeline import BATCH_SIZE
from corpus_tools.record import Record, outlet_of
from corpus_tools.spool import RecordSpool

Sample = tuple[list[int], int]
StorySamples = tuple[Sample, Sample, Sample, Sample]
"""A story's figures as written, its title's words, its amounts and its lead's words: each the smallest hashes
and how many different ones it holds."""


def story_samples(story: str, title: str, figures: set[str] | None = None) -> StorySamples:
    """What the pair rules of `DedupEngine` compare besides the signature (`figures` as `figure_samples`
    takes them)."""
    written, amounts = figure_samples(story, figures)
    return written, word_sample(title), amounts, lead_sample(story)


SAMPLE_WIDTHS = (FIGURE_SAMPLE, FIGURE_SAMPLE, FIGURE_SAMPLE, LEAD_SAMPLE)
"""The widths of the four samples of `story_samples`, in its order."""


@dataclass
class SampleRows:
    """The `story_samples` of a batch of stories as arrays: per sample, a (stories, width) array of hashes padded
    with EMPTY and the counts beside it. A million stories' samples as Python lists of ints took 2.5 KB each."""

    rows: tuple[npt.NDArray[np.uint32], ...]
    counts: tuple[npt.NDArray[np.int32], ...]

    @classmethod
    def of(cls, samples: Sequence[StorySamples]) -> SampleRows:
        rows, counts = [], []
        for column, width in enumerate(SAMPLE_WIDTHS):
            picked = [one[column] for one in samples]
            rows.append(_rows([smallest for smallest, _count in picked], width))
            counts.append(np.array([count for _smallest, count in picked], dtype=np.int32))
        return cls(tuple(rows), tuple(counts))


@dataclass
class RecordTable:
    """What dedup keeps per record: the signature and a few numbers, about num_perm * 4 + 60 bytes.

    Filled in two passes. `note` sees each record as it streams by and keeps its metadata and the keys of its
    lines; `sign` runs once the input has ended, on each record's story: its text less the lines its outlet
    repeats across many records (header, footer, newsletter pitch), so that a wrapper never makes two
    stories similar.
    """

    num_perm: int
    boilerplate_records: int
    ids: list[str] = field(default_factory=list)
    meta: list[npt.NDArray[Any]] = field(default_factory=list)
    outlets: dict[str, int] = field(default_factory=dict)
    line_keys: list[npt.NDArray[np.int64]] = field(default_factory=list)
    line_counts: list[int] = field(default_factory=list)
    wires: list[str | None] = field(default_factory=list)

    META = np.dtype([("length", np.int32), ("day", np.int32), ("outlet", np.int32), ("title", np.uint64),
                     ("wire", np.uint8), ("defects", np.uint8), ("clock", np.uint32),
                     ("ticker", np.uint32), ("initial", np.uint8), ("company", np.uint32), ("name", np.uint32),
                     ("letters", np.uint32), ("minute", np.int16),
                     ("head", np.uint32, (HEAD_WORDS,)), ("correction", np.uint8)])

    def note(self, batch: list[Record]) -> None:
        meta = np.zeros(len(batch), dtype=self.META)
        keys: list[int] = []
        for row, record in enumerate(batch):
            text = record["text"]
            wire = detect_wire(text)
            self.wires.append(wire)
            outlet = outlet_of(record)
            outlet_id = self.outlets.setdefault(outlet, len(self.outlets) + 1) if outlet else 0
            title = record.get("title")
            if isinstance(title, str):
                title = fold_arabic(title)
            title_words = title_key(title) if isinstance(title, str) else ""
            meta[row] = (
                len(text), day_number(record.get("date")), outlet_id,
                stable_hash(title_words) if title_words.count(" ") >= 2 else 0,
                WIRE_CODES.get(wire or "", 0),
                defects(text),
                clock_key(title, text),
                *ticker_keys(title),
                *company_keys(title, text),
                minute_number(record.get("date")),
                title_head(title),
                is_correction(title),
            )
            self.ids.append(record["id"])
            # A record of no known outlet has no boilerplate lines: its lines are not counted at all.
            lines = line_hashes(text) if outlet_id else []
            keys.extend(lines)
            self.line_counts.append(len(lines))
        self.meta.append(meta)
        self.line_keys.append(np.array(keys, dtype=np.int64))

    def boilerplate_lines(self) -> npt.NDArray[np.bool_]:
        """For every noted line in order: does its outlet repeat it in `boilerplate_records` records?"""
        keys = np.concatenate(self.line_keys) if self.line_keys else np.zeros(0, dtype=np.int64)
        self.line_keys = []
        if self.boilerplate_records < 2 or not len(keys):
            return np.zeros(len(keys), dtype=np.bool_)
        # Sorted by (outlet, line), and within that by record, since the sort is stable and lines were noted
        # in arrival order: a run of one (outlet, line) counts its distinct records, so that a line repeated
        # inside one article is not boilerplate. With tens of lines per record this is the stage's biggest
        # moment, so each array goes as soon as it has served (32 bytes a line at the peak).
        outlet = np.repeat(np.concatenate(self.meta)["outlet"], self.line_counts)
        order = np.lexsort((keys, outlet))
        sorted_outlet = outlet[order]
        del outlet
        sorted_key = keys[order]
        del keys
        new_line = np.ones(len(order), dtype=np.bool_)
        new_line[1:] = (sorted_outlet[1:] != sorted_outlet[:-1]) | (sorted_key[1:] != sorted_key[:-1])
        del sorted_outlet, sorted_key
        owner = np.repeat(np.arange(len(self.line_counts), dtype=np.int32), self.line_counts)[order]
        new_record = new_line.copy()
        new_record[1:] |= owner[1:] != owner[:-1]
        del owner
        run = np.cumsum(new_line) - 1
        records_per_run = np.bincount(run, weights=new_record)
        common = np.zeros(len(order), dtype=np.bool_)
        common[order] = records_per_run[run] >= self.boilerplate_records
        return common

    def sign(self, spool: RecordSpool, hasher: MinHasher, executor: Executor) -> FrozenTable:
        """Second pass: signatures of each record's story, read back from the spool, computed in batches
        wherever the executor runs them (worker processes, a Dask cluster)."""
        self.boilerplate = self.boilerplate_lines()
        self.line_offsets = np.concatenate([[0], np.cumsum(self.line_counts, dtype=np.int64)])

        def stories() -> Iterator[tuple[list[str], list[str]]]:
            batch: list[str] = []
            titles: list[str] = []
            for index, record in enumerate(spool):
                title = record.get("title")
                story = with_title(self.story(index, record["text"]), title)
                titles.append(fold_arabic(title) if isinstance(title, str) else "")
                batch.append(story)
                if len(batch) >= BATCH_SIZE:
                    yield batch, titles
                    batch, titles = [], []
            if batch:
                yield batch, titles

        # Each batch is copied into arrays of the final size as it comes: joining the batches at the end held
        # every array twice at the stage's peak.
        total = spool.records
        columns = {name: np.empty((total, width) if width else total, dtype=dtype)
                   for name, dtype, width in self._signed_columns()}
        sample_rows = [np.empty((total, width), dtype=np.uint32) for width in SAMPLE_WIDTHS]
        sample_counts = [np.empty(total, dtype=np.int32) for _ in SAMPLE_WIDTHS]
        tokenless: list[int] = []
        start = 0
        for signed, samples in executor.map_ordered(_sign_batch, hasher, stories()):
            end = start + len(signed.tokens)
            for name, column in columns.items():
                column[start:end] = getattr(signed, name)
            for rows, counts, batch_rows, batch_counts in zip(sample_rows, sample_counts, samples.rows,
                                                              samples.counts, strict=True):
                rows[start:end], counts[start:end] = batch_rows, batch_counts
            tokenless.extend((start + np.flatnonzero(signed.tokens == 0)).tolist())
            start = end
        # A text without a single token cannot be told apart by its normalized form: hash it as it is (once the
        # spool's pass is over, since reading a record moves its file).
        for row in tokenless:
            columns["text_hash"][row] = np.uint64(stable_hash("\x00raw\x00" + spool.read(row)["text"]))
        self.boilerplate_line_count = int(self.boilerplate.sum())
        meta = np.concatenate(self.meta) if self.meta else np.zeros(0, dtype=self.META)
        (figures, title_words, amounts, lead), (figure_count, title_count, amount_count, lead_count) = \
            sample_rows, sample_counts
        return FrozenTable(
            ids=self.ids, signatures=columns["signatures"], tokens=columns["tokens"], shingles=columns["shingles"],
            text_hash=columns["text_hash"], meta=meta, sample=columns["sample"], words=columns["words"],
            word_count=columns["word_count"], subject=columns["title_words"], subject_count=columns["title_count"],
            figures=figures, figure_count=figure_count, title_words=title_words, title_count=title_count,
            amounts=amounts, amount_count=amount_count, lead=lead, lead_count=lead_count,
        )

    def _signed_columns(self) -> list[tuple[str, Any, int | None]]:
        """The fields of `SignatureBatch` the table keeps: name, dtype and row width (None for one value)."""
        return [("signatures", np.uint32, self.num_perm), ("tokens", np.int32, None), ("shingles", np.int32, None),
                ("text_hash", np.uint64, None), ("sample", np.uint32, SAMPLE_SIZE), ("words", np.uint32, WORD_SAMPLE),
                ("word_count", np.int32, None), ("title_words", np.uint32, TITLE_SAMPLE),
                ("title_count", np.int32, None)]

    def story(self, index: int, text: str) -> str:
        """The text of record `index` without its outlet's boilerplate lines (after `sign` has run)."""
        flags = self.boilerplate[self.line_offsets[index]:self.line_offsets[index + 1]]
        if not flags.any():
            return text
        lines = [line for line in text.split("\n") if line.strip(ASCII_SPACE)]
        return "\n".join(compress(lines, (~flags).tolist()))

    def release(self) -> None:
        """Free what only `story` needs, once the signatures are made."""
        self.line_counts = []
        self.boilerplate = np.zeros(0, dtype=np.bool_)
        self.line_offsets = np.zeros(1, dtype=np.int64)

    def boilerplate_in(self, index: int) -> int:
        return int(self.boilerplate[self.line_offsets[index]:self.line_offsets[index + 1]].sum())


@dataclass
class FrozenTable:
    """The per-record arrays once every record is signed; row i is the i-th record to arrive."""

    ids: list[str]
    signatures: npt.NDArray[np.uint32]
    tokens: npt.NDArray[np.int32]
    shingles: npt.NDArray[np.int32]
    text_hash: npt.NDArray[np.uint64]
    meta: npt.NDArray[Any]
    sample: npt.NDArray[np.uint32]
    """The smallest shingle hashes of each story (see `signatures.SAMPLE_SIZE`), for exact verification."""
    words: npt.NDArray[np.uint32]
    """The smallest word hashes of each story (see `signatures.WORD_SAMPLE`), for the story-level check."""
    word_count: npt.NDArray[np.int32]
    """How many different words each story holds."""
    subject: npt.NDArray[np.uint32]
    """The smallest hashes of each record's title words, hashed as `words` are: what it is about."""
    subject_count: npt.NDArray[np.int32]
    """How many different words each record's title holds."""
    figures: npt.NDArray[np.uint32]
    """The smallest hashes of each record's figures as written (see `figure_samples`)."""
    figure_count: npt.NDArray[np.int32]
    """How many different figures each record holds."""
    title_words: npt.NDArray[np.uint32]
    """The smallest hashes of each record's title words (see `word_sample`)."""
    title_count: npt.NDArray[np.int32]
    """How many different words each record's title holds."""
    amounts: npt.NDArray[np.uint32]
    """The smallest hashes of each record's amounts to two significant digits (see `figure_samples`)."""
    amount_count: npt.NDArray[np.int32]
    """How many different amounts each record holds."""
    lead: npt.NDArray[np.uint32]
    """The smallest hashes of the words of each story's first sentence (see `lead_sample`)."""
    lead_count: npt.NDArray[np.int32]
    """How many different words each story's lead holds."""

    def take(self, rows: npt.NDArray[np.int64]) -> FrozenTable:
        """The table of these rows, in this order."""
        columns: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        columns["ids"] = [self.ids[row] for row in rows.tolist()]
        return FrozenTable(**{name: value if name == "ids" else value[rows] for name, value in columns.items()})

    @staticmethod
    def concat(tables: list[FrozenTable]) -> FrozenTable:
        """The rows of several tables, one after the other."""
        columns: dict[str, Any] = {f.name: np.concatenate([getattr(t, f.name) for t in tables])
                                   for f in fields(FrozenTable) if f.name != "ids"}
        return FrozenTable(ids=[i for t in tables for i in t.ids], **columns)

    def nbytes(self) -> int:
        """Bytes held for all records: arrays plus the id strings."""
        arrays = sum(getattr(self, f.name).nbytes for f in fields(self) if f.name != "ids")
        return int(arrays) + sum(sys.getsizeof(i) + 8 for i in self.ids)


@dataclass
class SignedCorpus:
    """A whole input spooled and signed: the spool (records by arrival index), the table that noted them
    (for their stories) and the frozen arrays the engine clusters."""

    spool: RecordSpool
    table: RecordTable
    frozen: FrozenTable

    def close(self) -> None:
        self.spool.close()


def sign_corpus(records: Iterable[Record], cfg: DedupConfig, executor: Executor | None = None) -> SignedCorpus:
    """Spool every record and sign its story. The caller closes the result (its spool is a temporary file)."""
    table = RecordTable(cfg.num_perm, cfg.outlet_boilerplate)
    spool = RecordSpool("corpus-dedup-")
    try:
        iterator = iter(records)
        while batch := list(islice(iterator, BATCH_SIZE)):
            for record in batch:
                spool.write(record)
            table.note(batch)
        frozen = table.sign(spool, MinHasher(cfg.num_perm, cfg.seed, cfg.ngram), executor or InProcess())
    except BaseException:
        spool.close()
        raise
    return SignedCorpus(spool, table, frozen)


def _rows(samples: list[list[int]], width: int) -> npt.NDArray[np.uint32]:
    """Samples of up to `width` hashes each as one (records, width) array, padded with EMPTY."""
    pad = int(EMPTY)
    return np.array([sample + [pad] * (width - len(sample)) for sample in samples], dtype=np.uint32).reshape(-1, width)


def _sign_batch(hasher: MinHasher, batch: tuple[list[str], list[str]]) -> tuple[SignatureBatch, SampleRows]:
    """Signatures and samples of a batch of stories: both pure, so they run where the executor runs the batch
    (keeping the samples in the main process took a tenth of a millisecond per record there)."""
    stories, titles = batch
    return signature_batch(stories, hasher, titles), SampleRows.of([
        story_samples(story, title, figures)
        for story, title, figures in zip(stories, titles, batch_figures(stories), strict=True)])
