"""dedup: group copies of one story (exact, re-wrapped, abridged, edited) with MinHash LSH and keep one copy.

Records stream through once: each is spilled to a temporary file in arrival order while only its
signature and a few numbers stay in memory. At the end of the input the clusters are formed, then the
spill is read back in order and each record leaves with `cluster_id` and `dup_count` (or is dropped).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, islice
from typing import IO, TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
import orjson

from corpus_tools.errors import CorpusError
from corpus_tools.executors import DaskCluster, Executor, InProcess
from corpus_tools.io.modes import replaced_whole
from corpus_tools.record import Record, dump_record
from corpus_tools.stats import StageStats

Keep = Literal["complete", "longest", "earliest", "first", "wire"]
KEEP_POLICIES: tuple[str, ...] = ("complete", "longest", "earliest", "first", "wire")
WIRE_NAMES = ("", "AP", "Reuters", "AFP")

if TYPE_CHECKING:
    from corpus_tools.dedup_index import Staged


@dataclass(frozen=True)
class DedupConfig:
    """How copies are found and which one survives. `bands`/`rows` of None are chosen from the threshold."""

    threshold: float = 0.4
    containment: float = 0.6
    num_perm: int = 128
    ngram: int = 3
    seed: int = 1
    bands: int | None = None
    rows: int | None = None
    keep: Keep = "complete"
    mode: Literal["drop", "mark"] = "drop"
    clusters: str | None = None
    window_days: int | None = None
    same_domain: Literal["compare", "skip"] = "compare"
    min_tokens: int = 10
    short_match: Literal["title", "text"] = "title"
    outlet_boilerplate: int = 5
    calibrate: bool = False
    index: str | None = None
    side_files: ClassVar[tuple[str, ...]] = ("clusters",)
    """Fields that name a file the stage writes beside the output: the runner writes it with the corpus."""

    def validate(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise CorpusError(f"threshold must be between 0 and 1, got {self.threshold}")
        if not 0.0 < self.containment <= 1.0:
            raise CorpusError(f"containment must be in (0, 1], got {self.containment}")
        if self.num_perm < 16:
            raise CorpusError(f"num-perm must be at least 16, got {self.num_perm}")
        if (self.bands is None) != (self.rows is None):
            raise CorpusError("give both --bands and --rows, or neither")
        if self.bands is not None and self.rows is not None and (
                self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.num_perm):
            raise CorpusError(f"bands x rows ({self.bands} x {self.rows}) must be at most num-perm "
                              f"({self.num_perm})")
        if self.keep not in KEEP_POLICIES:
            raise CorpusError(f"keep must be one of {', '.join(KEEP_POLICIES)}")
        if self.window_days is not None and self.window_days < 0:
            raise CorpusError("window-days must not be negative")

    @property
    def candidate_threshold(self) -> float:
        """The Jaccard similarity the LSH bands aim at: the lower of --threshold and that of a copy half as
        long as its original with --containment of it inside (J = c/2 / (1 + 1/2 - c/2)), so that abridged
        copies, which have a low Jaccard, still become candidates."""
        half_copy = self.containment * 0.5 / (1.5 - self.containment * 0.5)
        return min(self.threshold, half_copy)

    def banding(self) -> tuple[int, int]:
        from corpus_tools.minhash import optimal_bands

        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        return optimal_bands(self.candidate_threshold, self.num_perm)


_WIRE_CREDIT = re.compile(
    r"\((AP|Reuters|AFP)\)|\b(AP|Reuters|AFP)\s*[-\u2013\u2014]\s"
    r"|\b(Associated Press|Agence France-Presse)\b")
_WIRE_CODES = {"AP": 1, "Associated Press": 1, "Reuters": 2, "AFP": 3, "Agence France-Presse": 3}
_WIRE_HINTS = ("AP", "Reuters", "AFP", "Associated Press", "Agence France")
_TRUNCATION_MARKS = ("read more", "continue reading", "read the full")
# What UTF-8 read as Windows-1252 leaves behind: "â€" (quotes, dashes), "Ã" (accented letters), U+FFFD.
_MOJIBAKE_MARKS = ("\u00e2\u20ac", "\u00c3", "\ufffd")
_NO_DATE = np.iinfo(np.int32).min
NEAR_IDENTICAL = 0.85
"""Jaccard at which a pair is a copy whatever its shingles' frequency: every copy of a story printed many
times carries shingles that many records carry, and that is its story, not a template."""
STORY_SHARE = 0.6
"""Share of --threshold and --containment a pair must still reach once common shingles count for less. A
pair that shares its story keeps most of its similarity; one that shares a footer keeps a fraction of it."""
MIN_SHARED_SHINGLES = 5
"""Shingles a pair must share to pass on containment: counted exactly, a teaser card of a dozen shingles
inside its story passes, a stock phrase of two or three does not."""
FIGURE_SAMPLE = 8
"""Figure (and title word) hashes kept per record: all of a notice's or a short report's, a sample of a
table's."""
FIGURES_AGREE = 0.9
RECURRING_DAYS = 1
REPORT_TOKENS = 200
"""Words under which a record with figures can be an issue of a recurring report (a market report, a
weekly statistic); a long story re-dated and cut loses figures with its paragraphs."""
"""Days two dated records with other figures may lie apart and still be one story (a refile, a correction).
Further apart, they are two issues of a recurring report."""
SHORT_BODY = 30
"""Tokens below which a record's text is a notice whose subject is named only in its title."""
TITLES_AGREE = 0.5
BRIDGE_FLOOR = 0.2
"""Least containment between two members of one cluster. Copies of a story share at least its lede; two
records that share almost nothing belong to different stories, whatever a third record says."""


def detect_wire(text: str) -> str | None:
    """The news agency credited at the start or end of a text: AP, Reuters or AFP."""
    for part in (text[:400], text[-400:]):
        if not any(hint in part for hint in _WIRE_HINTS):
            continue
        match = _WIRE_CREDIT.search(part)
        if match:
            return WIRE_NAMES[_WIRE_CODES[next(g for g in match.groups() if g)]]
    return None


def day_number(value: Any) -> int:
    """Days since year 1 of an ISO date (YYYY-MM-DD...), or _NO_DATE."""
    if not isinstance(value, str) or len(value) < 10:
        return int(_NO_DATE)
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return int(_NO_DATE)


def record_outlet(record: Record) -> str:
    """The outlet a record comes from: its `domain`, else the host of its `url`, without `www.`."""
    domain = record.get("domain")
    if not domain and isinstance(record.get("url"), str):
        domain = urlsplit(record["url"]).hostname or ""
    domain = (domain or "").lower()
    return domain[4:] if domain.startswith("www.") else domain


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def min_matches(cfg: DedupConfig) -> int:
    # A containment estimate rests on few matching values when the sizes differ a lot; ask for a number
    # of them that random agreement between unrelated texts does not reach.
    return max(8, cfg.num_perm // 12)


def verified_copies(cfg: DedupConfig, scores: Any, least_matches: int | None = None) -> npt.NDArray[np.bool_]:
    """Verified as copies: similar enough as sets, or the smaller one mostly inside the larger (on at least
    `least_matches` equal values; by default what signature estimates need, see `min_matches`)."""
    from corpus_tools.minhash import PairScores

    assert isinstance(scores, PairScores)
    least = min_matches(cfg) if least_matches is None else least_matches
    by_jaccard = scores.jaccard >= cfg.threshold
    by_containment = (scores.containment >= cfg.containment) & (scores.matches >= least)
    result: npt.NDArray[np.bool_] = by_jaccard | by_containment
    if scores.story_jaccard is not None and scores.story_containment is not None:
        # Below near-identity, the pair must also pass once shingles that many records carry count for
        # less: a shared footer or template is not a shared story.
        near_identical = scores.jaccard >= NEAR_IDENTICAL
        story = ((scores.story_jaccard >= STORY_SHARE * cfg.threshold)
                 | (scores.story_containment >= STORY_SHARE * cfg.containment))
        result &= near_identical | story
    return result


class Spill:
    """Records in arrival order in a temporary file, so that memory holds offsets rather than texts."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="corpus-dedup-")  # noqa: SIM115 - see close()
        self.offsets = array("q")
        self._position = 0

    def append(self, record: Record) -> None:
        line = dump_record(record)
        self.offsets.append(self._position)
        self._file.write(line)
        self._position += len(line)

    def read(self, index: int) -> Record:
        """One record by arrival index (random access, for reports)."""
        self._file.flush()
        self._file.seek(self.offsets[index])
        record: Record = orjson.loads(self._file.readline())
        self._file.seek(0, os.SEEK_END)
        return record

    def __iter__(self) -> Iterator[Record]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield orjson.loads(line)

    def close(self) -> None:
        self._file.close()


_TITLE_TOKEN = re.compile(r"\w+")


def title_key(title: str) -> str:
    """A title reduced to its words and figures: what short records are matched by."""
    return " ".join(_TITLE_TOKEN.findall(title.lower()))


_FIGURES = bytes.maketrans(b"123456789", b"000000000")
_ASCII_SPACE = " \t\r\x0b\x0c"
"""What bytes.strip() removes (besides newlines): `story` must skip exactly the lines `line_hashes` skips."""


def line_hashes(text: str) -> list[int]:
    """Hashes of the non-blank lines of a text, ignoring figures (dates, counters), for counting boilerplate.

    Python's own hash is used: only equality matters, and it costs a tenth of a digest. Bytes, because
    translating figures there is three times faster than a regular expression over the string, and split
    plus hash beat a numpy pass over every byte (measured 4x). Case is kept: an outlet's template repeats
    with its own capitals, and lower-casing would double the cost.
    """
    lines = text.encode("utf-8", "surrogatepass").translate(_FIGURES).split(b"\n")
    return [hash(line) for raw in lines if (line := raw.strip())]


_FIGURE = re.compile(r"[0-9]+(?:[.,:/-][0-9]+)*")


def figure_sample(text: str) -> tuple[list[int], int]:
    """The FIGURE_SAMPLE smallest 32-bit hashes of the figures in a text, as written ("6-3/16", "1.5",
    "4,583,000", "11:00"), and how many different figures it holds."""
    found = {zlib.crc32(figure.encode()) for figure in _FIGURE.findall(text)}
    return sorted(found)[:FIGURE_SAMPLE], len(found)


def word_sample(title: str) -> tuple[list[int], int]:
    """The FIGURE_SAMPLE smallest 32-bit hashes of a title's words (see `title_key`), and how many it has."""
    found = {zlib.crc32(word.encode("utf-8")) for word in title_key(title).split()}
    return sorted(found)[:FIGURE_SAMPLE], len(found)


def with_title(story: str, title: Any) -> str:
    """The story with its title after it: who and what a short notice or a table is about is often only in
    its title, and a title at the end leaves a leading dateline where it can be found."""
    return f"{story}\n{title}" if isinstance(title, str) and title.strip() else story


def defects(text: str) -> int:
    """Marks of a damaged copy: cut short behind "Read more", or mojibake."""
    tail = text[-300:].lower()
    truncated = any(mark in tail for mark in _TRUNCATION_MARKS)
    return int(truncated) + int(not text.isascii() and any(mark in text for mark in _MOJIBAKE_MARKS))


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
    figures: list[npt.NDArray[np.uint32]] = field(default_factory=list)
    figure_counts: list[int] = field(default_factory=list)
    title_words: list[npt.NDArray[np.uint32]] = field(default_factory=list)
    title_counts: list[int] = field(default_factory=list)

    META = np.dtype([("length", np.int32), ("day", np.int32), ("outlet", np.int32), ("title", np.uint64),
                     ("wire", np.uint8), ("defects", np.uint8)])

    def note(self, batch: list[Record]) -> None:
        meta = np.zeros(len(batch), dtype=self.META)
        keys: list[int] = []
        for row, record in enumerate(batch):
            text = record["text"]
            wire = detect_wire(text)
            self.wires.append(wire)
            outlet = record_outlet(record)
            outlet_id = self.outlets.setdefault(outlet, len(self.outlets) + 1) if outlet else 0
            title = record.get("title")
            title_words = title_key(title) if isinstance(title, str) else ""
            meta[row] = (
                len(text), day_number(record.get("date")), outlet_id,
                _stable_hash(title_words) if title_words.count(" ") >= 2 else 0,
                _WIRE_CODES.get(wire or "", 0),
                defects(text),
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

    def sign(self, spill: Spill, hasher: Any, batch_size: int, executor: Executor) -> FrozenTable:
        """Second pass: signatures of each record's story, read back from the spill, computed in batches
        wherever the executor runs them (worker processes, a Dask cluster)."""
        from corpus_tools.minhash import SAMPLE_SIZE

        self.boilerplate = self.boilerplate_lines()
        self.line_offsets = np.concatenate([[0], np.cumsum(self.line_counts, dtype=np.int64)])

        def stories() -> Iterator[list[str]]:
            batch: list[str] = []
            for index, record in enumerate(spill):
                title = record.get("title")
                story = with_title(self.story(index, record["text"]), title)
                self.note_figures(story, title if isinstance(title, str) else "")
                batch.append(story)
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
            if batch:
                yield batch

        parts: list[Any] = list(executor.map_ordered(_sign_batch, hasher, stories()))
        start = 0
        for signed in parts:
            # A text without a single token cannot be told apart by its normalized form: hash it as it is.
            for row in np.flatnonzero(signed.tokens == 0).tolist():
                raw = spill.read(start + row)["text"]
                signed.text_hash[row] = np.uint64(_stable_hash("\x00raw\x00" + raw))
            start += len(signed.tokens)
        self.boilerplate_line_count = int(self.boilerplate.sum())

        def join(name: str, dtype: Any, width: int | None = None) -> Any:
            arrays = [getattr(p, name) for p in parts]
            if arrays:
                return np.concatenate(arrays)
            return np.zeros((0, width) if width else 0, dtype=dtype)

        meta = np.concatenate(self.meta) if self.meta else np.zeros(0, dtype=self.META)
        return FrozenTable(
            ids=self.ids, signatures=join("signatures", np.uint32, self.num_perm),
            tokens=join("tokens", np.int32), shingles=join("shingles", np.int32),
            text_hash=join("text_hash", np.uint64), meta=meta, sample=join("sample", np.uint32, SAMPLE_SIZE),
            figures=np.concatenate(self.figures) if self.figures else np.zeros((0, FIGURE_SAMPLE), np.uint32),
            figure_count=np.array(self.figure_counts, dtype=np.int32),
            title_words=np.concatenate(self.title_words) if self.title_words else np.zeros((0, FIGURE_SAMPLE),
                                                                                            np.uint32),
            title_count=np.array(self.title_counts, dtype=np.int32),
        )

    def note_figures(self, story: str, title: str) -> None:
        """Keep the figures of a story and the words of its title, for the pair rules of `DedupEngine`."""
        for found, rows, counts in ((figure_sample(story), self.figures, self.figure_counts),
                                    (word_sample(title), self.title_words, self.title_counts)):
            smallest, count = found
            row = np.full((1, FIGURE_SAMPLE), 0xFFFFFFFF, dtype=np.uint32)
            row[0, :len(smallest)] = smallest
            rows.append(row)
            counts.append(count)

    def story(self, index: int, text: str) -> str:
        """The text of record `index` without its outlet's boilerplate lines (after `sign` has run)."""
        flags = self.boilerplate[self.line_offsets[index]:self.line_offsets[index + 1]]
        if not flags.any():
            return text
        lines = [line for line in text.split("\n") if line.strip(_ASCII_SPACE)]
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
    """The smallest shingle hashes of each story (see `minhash.SAMPLE_SIZE`), for exact verification."""
    figures: npt.NDArray[np.uint32]
    """The smallest hashes of each record's figures as written (see `figure_sample`)."""
    figure_count: npt.NDArray[np.int32]
    """How many different figures each record holds."""
    title_words: npt.NDArray[np.uint32]
    """The smallest hashes of each record's title words (see `word_sample`)."""
    title_count: npt.NDArray[np.int32]
    """How many different words each record's title holds."""

    def nbytes(self) -> int:
        """Bytes held for all records: arrays plus the id strings."""
        arrays = (self.signatures, self.tokens, self.shingles, self.text_hash, self.meta, self.sample, self.figures,
                  self.figure_count, self.title_words, self.title_count)
        return sum(a.nbytes for a in arrays) + sum(sys.getsizeof(i) + 8 for i in self.ids)


@dataclass
class Clustering:
    """The outcome for every record, by arrival index."""

    kept: npt.NDArray[np.int64]
    """Index of the record kept for the record's cluster (itself for a singleton)."""
    size: npt.NDArray[np.int64]
    """Number of records in the record's cluster."""
    exact: npt.NDArray[np.bool_]
    """True where the record's normalized text equals the kept record's."""
    similarity: npt.NDArray[np.float64]
    """Jaccard of the record's story with the kept record's, on their shingle samples (1 for exact copies)."""
    counts: dict[str, int]
    pairs: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Any] | None = None
    """Candidate pairs (as arrival indices) with their scores, for --calibrate and explain."""


PairSearch = Callable[[npt.NDArray[np.uint32], int, int, npt.NDArray[np.int64]],
                      tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]
"""(signatures, bands, rows, rank) -> candidate pairs; see `minhash.candidate_pairs`."""


def local_pair_search(signatures: npt.NDArray[np.uint32], bands: int, rows: int, rank: npt.NDArray[np.int64]
                      ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    from corpus_tools.minhash import candidate_pairs

    return candidate_pairs(signatures, bands, rows, rank)


def pair_search_for(executor: Executor | None) -> PairSearch | None:
    """On a Dask cluster, the candidate search runs there as a shuffle on band keys."""
    if isinstance(executor, DaskCluster):
        from corpus_tools.minhash import shuffled_candidate_pairs

        return functools.partial(shuffled_candidate_pairs, executor.client)
    return None


class DedupEngine:
    """Clusters a frozen table; separate from the stage so that `explain` and the tests can use it."""

    def __init__(self, cfg: DedupConfig, table: FrozenTable, keep_pairs: bool = False,
                 pair_search: PairSearch | None = None) -> None:
        self.cfg = cfg
        self.table = table
        self.keep_pairs = keep_pairs
        self.pair_search = pair_search or local_pair_search
        self.bands, self.rows = cfg.banding()
        from corpus_tools.minhash import shingle_frequency

        self.frequency = shingle_frequency(table.sample, table.shingles)
        n = len(table.ids)
        self.id_rank = np.empty(n, dtype=np.int64)
        self.id_rank[sorted(range(n), key=table.ids.__getitem__)] = np.arange(n)

    # Pair rules shared by the candidate pass, the representative checks and explain.
    def allowed(self, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Pairs that the news options permit to be compared at all, and that are not two issues of a
        recurring report."""
        meta = self.table.meta
        day_i, day_j = meta["day"][i].astype(np.int64), meta["day"][j].astype(np.int64)
        dated = (day_i != _NO_DATE) & (day_j != _NO_DATE)
        ok: npt.NDArray[np.bool_] = ~self.recurring(i, j) & ~self.other_titles(i, j)
        if self.cfg.window_days is not None:
            ok &= ~dated | (np.abs(day_i - day_j) <= self.cfg.window_days)
        if self.cfg.same_domain == "skip":
            outlet_i, outlet_j = meta["outlet"][i], meta["outlet"][j]
            ok &= (outlet_i == 0) | (outlet_i != outlet_j)
        return ok

    def other_titles(self, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Pairs of short notices whose titles share fewer than half their words. A dividend notice or a
        results table names its company only in its title: the same body under two titles is two stories."""
        from corpus_tools.minhash import sample_scores

        counts, body = self.table.title_count, self.table.tokens - self.table.title_count
        result: npt.NDArray[np.bool_] = ((counts[i] > 0) & (counts[j] > 0) & (body[i] < SHORT_BODY)
                                         & (body[j] < SHORT_BODY))
        if result.any():
            agree = sample_scores(self.table.title_words, counts, i[result], j[result]).jaccard
            result[result] = agree < TITLES_AGREE
        return result

    def recurring(self, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Pairs of reports (under REPORT_TOKENS words) dated more than RECURRING_DAYS apart where the one with
        fewer figures has some not in the other. The same template with other figures on another day is the
        next issue of a recurring report (a market report, a weekly statistic), not a correction of one
        figure: that comes the same day."""
        from corpus_tools.minhash import sample_scores

        day_i, day_j = self.table.meta["day"][i].astype(np.int64), self.table.meta["day"][j].astype(np.int64)
        apart = (day_i != _NO_DATE) & (day_j != _NO_DATE) & (np.abs(day_i - day_j) > RECURRING_DAYS)
        counts, tokens = self.table.figure_count, self.table.tokens
        result: npt.NDArray[np.bool_] = (apart & (counts[i] > 0) & (counts[j] > 0) & (tokens[i] < REPORT_TOKENS)
                                         & (tokens[j] < REPORT_TOKENS))
        if result.any():
            agree = sample_scores(self.table.figures, counts, i[result], j[result]).containment
            result[result] = agree < FIGURES_AGREE
        return result

    def score(self, first: npt.NDArray[np.int64], second: npt.NDArray[np.int64]) -> Any:
        """Jaccard and containment of each pair, counted on the records' shingle samples (exact for all but
        long records), not estimated from signatures: a MinHash estimate of a small set is too coarse to
        tell a template shared by two different notices from a copy."""
        from corpus_tools.minhash import sample_scores

        return sample_scores(self.table.sample, self.table.shingles, first, second, self.frequency)

    def passes(self, scores: Any) -> npt.NDArray[np.bool_]:
        """Verified as copies: similar enough as sets, or the smaller one mostly inside the larger."""
        return verified_copies(self.cfg, scores, MIN_SHARED_SHINGLES)

    @property
    def min_matches(self) -> int:
        return MIN_SHARED_SHINGLES

    def run(self) -> Clustering:
        from corpus_tools.minhash import PAIR_CHUNK, sample_candidate_pairs, star_clusters, union_pairs

        cfg, table = self.cfg, self.table
        n = len(table.ids)
        counts: dict[str, int] = {}
        # Exact copies: one group per normalized text, led by its smallest id.
        _, group = np.unique(table.text_hash, return_inverse=True)
        group = group.ravel()
        leader_by_group = np.full(group.max() + 1 if n else 0, n, dtype=np.int64)
        by_id = np.argsort(self.id_rank)
        for record in by_id[::-1].tolist():
            leader_by_group[group[record]] = record
        leader = leader_by_group[group] if n else np.zeros(0, dtype=np.int64)
        leaders = np.unique(leader)
        counts["exact_groups"] = int(np.sum(np.bincount(group) > 1)) if n else 0
        long_mask = table.tokens[leaders] >= cfg.min_tokens
        nodes = leaders[long_mask]
        shorts = leaders[~long_mask]
        counts["short_records"] = int(np.sum(table.tokens < cfg.min_tokens))

        signatures = table.signatures[nodes]
        self.story_size = table.shingles.astype(np.float64)
        # Best representative first: the biggest story, then the smallest id.
        order_local = np.lexsort((self.id_rank[nodes], -self.story_size[nodes]))
        rank_local = np.empty(len(nodes), dtype=np.int64)
        rank_local[order_local] = np.arange(len(nodes))
        first_l, second_l = self.pair_search(signatures, self.bands, self.rows, rank_local)
        first_l, second_l = union_pairs((first_l, second_l),
                                        sample_candidate_pairs(table.sample[nodes], table.shingles[nodes]),
                                        len(nodes))
        first, second = nodes[first_l], nodes[second_l]
        counts["candidate_pairs"] = len(first)
        scores = self.score(first, second) if self.keep_pairs else None
        verified = np.zeros(len(first), dtype=np.bool_)
        # Scored a slice at a time: the scores of every pair would cost some 60 bytes a pair.
        for start in range(0, len(first), PAIR_CHUNK):
            i, j = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
            verified[start:start + len(i)] = self.passes(self.score(i, j)) \
                & self.allowed(i, j)
        counts["verified_pairs"] = int(verified.sum())

        position = np.full(n, -1, dtype=np.int64)
        position[nodes] = np.arange(len(nodes))

        def verify(rep_local: int, candidates_local: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
            rep = np.full(len(candidates_local), nodes[rep_local], dtype=np.int64)
            others = nodes[candidates_local]
            pair_scores = self.score(rep, others)
            result: npt.NDArray[np.bool_] = self.passes(pair_scores) & self.allowed(rep, others)
            return result

        def compatible(candidate_local: int, members_local: npt.NDArray[np.int64]) -> bool:
            from corpus_tools.minhash import sample_scores

            candidate = np.full(len(members_local), nodes[candidate_local], dtype=np.int64)
            pair_scores = sample_scores(table.sample, table.shingles, candidate, nodes[members_local])
            return bool(np.all(pair_scores.containment >= BRIDGE_FLOOR))

        label_local = star_clusters(order_local, position[first[verified]], position[second[verified]],
                                    verify, compatible)
        root = np.arange(n, dtype=np.int64)
        root[nodes] = nodes[label_local]
        self._attach_short(shorts, nodes, root, order_local)
        root = root[leader]
        kept, size = self._keep(root)
        exact = table.text_hash == table.text_hash[kept]
        similarity = np.ones(n, dtype=np.float64)
        near = np.flatnonzero(~exact)
        if len(near):
            similarity[near] = self.score(near, kept[near]).jaccard
        counts["clusters"] = int(np.sum((size > 1) & (kept == np.arange(n))))
        pairs = (first, second, scores) if scores is not None else None
        return Clustering(kept, size, exact, similarity, counts, pairs)

    def _attach_short(self, shorts: npt.NDArray[np.int64], nodes: npt.NDArray[np.int64],
                      root: npt.NDArray[np.int64], order_local: npt.NDArray[np.int64]) -> None:
        """Short records join by normalized title: the best long record with that title, or each other."""
        if self.cfg.short_match != "title" or not len(shorts):
            return
        titles = self.table.meta["title"]
        by_title: dict[int, list[int]] = {}
        for record in nodes[order_local].tolist():
            if titles[record]:
                by_title.setdefault(int(titles[record]), []).append(record)
        for record in shorts[np.lexsort((self.id_rank[shorts],))].tolist():
            title = int(titles[record])
            if not title:
                continue
            candidates = by_title.setdefault(title, [])
            for candidate in candidates:
                if self.allowed(np.array([candidate]), np.array([record]))[0]:
                    root[record] = root[candidate]
                    break
            else:
                candidates.append(record)

    def _keep(self, root: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The record each cluster keeps, by the keep policy, and the size of each record's cluster."""
        n = len(root)
        meta = self.table.meta
        size = np.bincount(root, minlength=n)[root] if n else np.zeros(0, dtype=np.int64)
        kept = root.copy()
        multi = np.flatnonzero(size > 1)
        if not len(multi):
            return kept, size
        order = multi[np.argsort(root[multi], kind="stable")]
        cuts = np.flatnonzero(np.diff(root[order])) + 1
        for members in np.split(order, cuts):
            best = self._best(members, meta)
            kept[members] = best
        return kept, size

    def _best(self, members: npt.NDArray[np.int64], meta: npt.NDArray[Any]) -> int:
        policy = self.cfg.keep
        id_rank = self.id_rank[members]
        if policy == "first":
            return int(members.min())
        if policy == "longest":
            return int(members[np.lexsort((id_rank, -meta["length"][members].astype(np.int64)))[0]])
        if policy == "earliest":
            days = meta["day"][members].astype(np.int64)
            days = np.where(days == _NO_DATE, np.iinfo(np.int64).max, days)
            return int(members[np.lexsort((id_rank, days))[0]])
        completeness = np.round(self._completeness(members) * 20)
        wire = (meta["wire"][members] > 0).astype(np.int64)
        keys = [id_rank, -meta["length"][members].astype(np.int64), -wire,
                meta["defects"][members].astype(np.int64), -completeness]
        if policy == "wire":
            keys.append(-wire)
        return int(members[np.lexsort(tuple(keys))[0]])

    def _completeness(self, members: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Share of the cluster's shared story each member holds.

        Per permutation, the cluster's smallest value is a shingle of the union; where two or more members
        hold it, it is story, not one copy's padding. A member's score is how many of those it holds.
        """
        signatures = self.table.signatures[members]
        smallest = signatures.min(axis=0)
        holds = signatures == smallest
        shared = holds.sum(axis=0) >= 2
        if not shared.any():
            return np.zeros(len(members))
        result: npt.NDArray[np.float64] = holds[:, shared].mean(axis=1)
        return result


class Dedup:
    """The dedup stage: a stream stage, since a copy can arrive after the record it copies."""

    name = "dedup"
    batch_size = 256

    def __init__(self, config: DedupConfig | None = None, report: IO[str] | None = None) -> None:
        self.config = config or DedupConfig()
        self.config.validate()
        self.report = report
        self.held_bytes = 0
        self.pending: Staged | None = None

    def run(self, records: Iterable[Record], stats: StageStats,
            executor: Executor | None = None) -> Iterator[Record]:
        from corpus_tools.minhash import MinHasher

        cfg = self.config
        index = None
        if cfg.index:
            from corpus_tools.dedup_index import DedupIndex

            index = DedupIndex.open_for(cfg.index, cfg)
            cfg = index.settle(cfg)
        hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram)
        table = RecordTable(cfg.num_perm, cfg.outlet_boilerplate)
        spill = Spill()
        staged = None
        try:
            iterator = iter(records)
            while batch := list(islice(iterator, self.batch_size)):
                for record in batch:
                    spill.append(record)
                table.note(batch)
            frozen = table.sign(spill, hasher, self.batch_size, executor or InProcess())
            wires = table.wires
            stats.counts["boilerplate_lines"] = table.boilerplate_line_count
            if not cfg.calibrate:
                table.release()
            # The arrays, the ids, and per record a spill offset and a pointer to its wire credit.
            self.held_bytes = frozen.nbytes() + len(frozen.ids) * (spill.offsets.itemsize + 8)
            engine = DedupEngine(cfg, frozen, keep_pairs=cfg.calibrate, pair_search=pair_search_for(executor))
            result = engine.run()
            stats.counts.update(result.counts)
            if cfg.clusters:
                write_clusters(cfg.clusters, frozen.ids, result, spill)
            if cfg.calibrate:
                from corpus_tools.dedup_report import calibration_report

                calibration_report(engine, result, spill, self.report or sys.stderr, table)
            indexed: list[str | None] = [None] * len(frozen.ids)
            if index is not None:
                indexed = index.match_batch(cfg, frozen, result.kept)
                stats.counts["indexed_before"] = index.records
                staged = index.stage(frozen, result.kept, indexed)
            mark = cfg.mode == "mark" or cfg.calibrate
            ids = frozen.ids
            for row, record in enumerate(spill):
                kept = int(result.kept[row])
                old = indexed[row]
                if old is not None:
                    if not mark:
                        stats.drop("duplicate_indexed")
                        continue
                    record["cluster_id"] = old
                    record["dup_count"] = int(result.size[row])
                elif kept != row and not mark:
                    stats.drop("duplicate_exact" if result.exact[row] else "duplicate_near")
                    continue
                else:
                    record["cluster_id"] = ids[kept]
                    record["dup_count"] = int(result.size[row])
                if wires[row] is not None:
                    record["wire"] = wires[row]
                yield record
            if staged is not None:
                # The runner makes it live in the same commit as the run's output: a chain that fails or
                # stops before that leaves the index as it was.
                stats.counts["indexed_added"] = staged.records
                self.pending, staged = staged, None
        finally:
            if staged is not None:
                staged.discard()
            if index is not None and self.pending is None:
                index.release()
            spill.close()


def _sign_batch(hasher: Any, texts: list[str]) -> Any:
    from corpus_tools.minhash import signature_batch

    return signature_batch(texts, hasher)


def write_clusters(path: str, ids: list[str], result: Clustering, spill: Spill) -> None:
    """One JSON line per cluster of two or more, sorted by cluster id, each member with its similarity to the
    kept record and its title (read back from the spill), so that a wrong cluster shows at a glance; written
    whole or not at all."""
    members: dict[int, list[int]] = {}
    for index in np.flatnonzero(result.size > 1).tolist():
        members.setdefault(int(result.kept[index]), []).append(index)
    try:
        with replaced_whole(path, ".clusters-") as out:
            for kept in sorted(members, key=ids.__getitem__):
                ordered = sorted(members[kept], key=lambda i: (i != kept, ids[i]))
                out.write(orjson.dumps({
                    "cluster_id": ids[kept], "kept": ids[kept],
                    "members": [{"id": ids[i], "similarity": round(float(result.similarity[i]), 3),
                                 "title": _title_of(spill.read(i))} for i in ordered],
                }) + b"\n")
    except OSError as err:
        raise CorpusError(f"{path}: cannot write the clusters file ({err.strerror})") from None


def _title_of(record: Record) -> str | None:
    title = record.get("title")
    return title if isinstance(title, str) else None


def dedup(records: Iterable[Record], cfg: DedupConfig | None = None,
          stats: StageStats | None = None) -> Iterator[Record]:
    """Deduplicate a stream of records; see Dedup."""
    return Dedup(cfg).run(records, stats or StageStats("dedup"))
