"""Learned boilerplate: lines that recur across many different stories of one outlet, found in two passes.

Pass one counts, per outlet, in how many records each line occurs. Pass two gives every occurrence of a
frequent line a story identity and counts the distinct identities. The identity is the record's other
line that wins a length-weighted random race, among the lines no more frequent than the one being
counted: copies of one story (syndicated, re-crawled, abridged, with another outlet's footer) mostly
share that winner because their body is most of their text, while different stories of one outlet do
not, because the footer lines they share are short or more frequent and rarely win. So a footer that
follows 300 stories counts ~300 stories, and a body paragraph of a story republished 20 times counts
about one. A record with no such line (its whole text is the frequent line: a scrape that caught only the
aggregator's promotion of another story) takes its title as the identity.

An occurrence counts only where boilerplate sits: in the run of frequent or label-like lines that
opens or closes the record, or as a label-like line anywhere. A stock sentence of news ("Police said
the investigation was continuing.") recurs across stories too, but in the middle of them. A long line that
is not one plain sentence needs fewer of the outlet's records than a short one (`LONG_LINE_SHARE`).

Pass one keeps 8 bytes per distinct line of each record (its key, in an array per outlet) and counts them
once it has seen every record; pass two holds a count only for the frequent lines. Story sets exist only for
frequent lines and stop growing at the threshold.
"""

from __future__ import annotations

import functools
import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson

from corpus_tools.boilerplate import segment
from corpus_tools.errors import CorpusError
from corpus_tools.executors import Executor, InProcess, map_batches
from corpus_tools.io.modes import replaced_whole
from corpus_tools.pipeline import BATCH_SIZE
from corpus_tools.record import Record, outlet_name, outlet_of
from corpus_tools.spool import RecordSpool, SpillFile

MODEL_FORMAT = "corpus-tools/boilerplate-model"
MODEL_VERSION = 4
STORY_CAP = 1000
"""A frequent line (in `Learner.threshold` of its outlet's records) seen with this many distinct stories is
boilerplate however big the outlet, whose threshold may be higher; it caps the story sets kept, so that a big
outlet's footer costs at most this many story keys."""
LONG_LINE_CHARS = 60
LONG_LINE_SHARE = 0.1
"""A line of at least `LONG_LINE_CHARS` characters that is not one plain sentence needs only this fraction of
`min_share` (and still `min_stories` stories): an outlet's rotating advertisements, book promotions, writers'
bios and notices each follow a few percent of its stories, word for word. One plain sentence is as often a
story's stock closing ("Some investors questioned whether the growth could last."), and a table's rows and
headings are short."""
_GOLDEN = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1


@dataclass
class LearnedLine:
    stories: int
    records: int
    text: str


@dataclass
class OutletLines:
    records: int
    lines: dict[int, LearnedLine] = field(default_factory=dict)


class Model:
    """Learned boilerplate lines per outlet, as 64-bit keys of `segment.learning_key` (version 1: `unit_key`)."""

    def __init__(self, outlets: dict[str, OutletLines], min_stories: int, min_share: float) -> None:
        self.outlets = outlets
        self.min_stories = min_stories
        self.min_share = min_share
        self._keys = {name: frozenset(outlet.lines) for name, outlet in outlets.items()}

    def lines_of(self, outlet: str) -> frozenset[int]:
        return self._keys.get(outlet, frozenset())

    def __len__(self) -> int:
        return sum(len(keys) for keys in self._keys.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "min_stories": self.min_stories,
            "min_share": self.min_share,
            "outlets": {
                name: {
                    "records": outlet.records,
                    "lines": {f"{key:016x}": {"stories": line.stories, "records": line.records, "text": line.text}
                              for key, line in sorted(outlet.lines.items())},
                }
                for name, outlet in sorted(self.outlets.items())
            },
        }

    def save(self, path: str) -> None:
        """Write atomically, so that a failed run never leaves half a model behind."""
        try:
            with replaced_whole(path, ".model-") as out:
                out.write(orjson.dumps(self.to_json(), option=orjson.OPT_INDENT_2) + b"\n")
        except OSError as err:
            raise CorpusError(f"{path}: cannot write the model ({err.strerror})") from None

    @classmethod
    def load(cls, path: str) -> Model:
        try:
            with open(path, "rb") as handle:
                data = orjson.loads(handle.read())
        except OSError as err:
            raise CorpusError(f"{path}: cannot read the model ({err.strerror})") from None
        except orjson.JSONDecodeError as err:
            raise CorpusError(f"{path}: not a boilerplate model (invalid JSON: {err})") from None
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise CorpusError(f"{path}: not a boilerplate model; make one with `corpus boilerplate learn`")
        if data.get("version") != MODEL_VERSION:
            raise CorpusError(f"{path}: model version {data.get('version')} is not supported "
                              f"(this corpus-tools reads version {MODEL_VERSION}); learn it again")
        try:
            outlets = {
                name: OutletLines(int(outlet["records"]), {
                    int(key, 16): LearnedLine(int(line["stories"]), int(line["records"]), str(line["text"]))
                    for key, line in outlet["lines"].items()})
                for name, outlet in data["outlets"].items()
            }
            model = cls({outlet_name(name): lines for name, lines in outlets.items()}, int(data["min_stories"]),
                        float(data["min_share"]))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise CorpusError(f"{path}: damaged boilerplate model ({type(err).__name__}: {err})") from None
        if len(model.outlets) < len(outlets):
            # Learned before outlets were named in one spelling: two of its outlets are now one.
            raise CorpusError(f"{path}: the model names one outlet in two spellings (with and without `www.` or "
                              "capitals); learn it again")
        return model


LineFacts = list[tuple[int | None, int, bool, bool]]
"""Per line of a text, in order: its learning key, its length (its weight in the race), whether it is label-like
and whether it needs only a long line's share (see `LONG_LINE_CHARS`, `line_facts`)."""


def title_key(title: Any) -> int | None:
    """The key of a record's title, where it has one."""
    return segment.unit_key(title) if isinstance(title, str) else None


def _views(text: str) -> list[str]:
    return [segment.view(text, line.start, line.end) for line in segment.lines(text)]


def line_facts(text: str, title: Any = None) -> LineFacts:
    """What learning needs of each line of a text (see `segment.learning_key`). A first line that repeats the
    record's title counts as a label: it is the page's header, and the outlet's lines under it are the top of
    the wrapper ("Why Rain Falls?" would otherwise end the run with its question mark). A label without a figure
    that ends the text needs only a long line's share (`LONG_LINE_SHARE`): a story does not end on a label, so it
    is the outlet's ("(AP Photo)", "More Info", "Get Free Exclusive NR Content"); a table's last row has figures
    and a story's stock closing sentence ("The company did not respond to a request for comment.") a stop."""
    views = _views(text)
    titled = isinstance(title, str) and segment.folded(title) != ""
    facts = []
    for index, view in enumerate(views):
        label = segment.is_label(view)
        closing_label = label and index == len(views) - 1 > 0 and not any(c.isdigit() for c in view)
        facts.append((segment.learning_key(view, index, len(views)), len(view),
                      label or (index == 0 and titled and segment.same_unit(view, title)),
                      len(view) >= LONG_LINE_CHARS and not segment.one_sentence(view) or closing_label))
    return facts


def _wrapper_keys(facts: LineFacts, frequent: Callable[[int | None], bool], known: Callable[[int | None], bool]
                  ) -> tuple[set[int], set[int]]:
    """Keys of the lines where boilerplate sits: the frequent-or-label runs at both ends, and labels anywhere; and
    the keys among them that are wrapper only because they are enclosed. A run of lines that are `known` (in the
    outlet's records as often as a long line must be) but not frequent, with a frequent or label line right above
    and right below it (or the text's edge on one side), is one block with them: a book's blurb of plain sentences
    between its title and its order line recurs word for word under a few percent of an outlet's stories. A story's
    stock sentence has the story's own paragraph on one side. Labels keep their own threshold: a shape key joins
    every story's numbered crosshead ("1. Cardiovascular Benefits")."""
    wrapper = [label or frequent(key) for key, _weight, label, _long in facts]
    enclosed: set[int] = set()
    index = 0
    while index < len(facts):
        end = index
        while end < len(facts) and not wrapper[end] and known(facts[end][0]):
            end += 1
        above, below = index == 0 or wrapper[index - 1], end == len(facts) or wrapper[end]
        if end > index and above and below and (index > 0 or end < len(facts)):
            for inner in range(index, end):
                wrapper[inner] = True
                enclosed.add(facts[inner][0])  # type: ignore[arg-type]
        index = end + 1
    keys = {key for key, _weight, label, _long in facts if key is not None and label}
    for run in (range(len(facts)), range(len(facts) - 1, -1, -1)):
        for index in run:
            if not wrapper[index]:
                break
            key = facts[index][0]
            if key is not None:
                keys.add(key)
    return keys, enclosed & keys


def _sample(text: str, facts: LineFacts, key: int) -> str:
    """The first line of the text with this key, kept in the model for review."""
    index = next(i for i, (other, *_rest) in enumerate(facts) if other == key)
    return _views(text)[index]


def _race(key: int, weight: int) -> float:
    """An exponential race time: the lowest over a set picks a line with probability proportional to weight."""
    uniform = (((key * _GOLDEN) & _MASK) + 1) / (1 << 64)
    return -math.log(uniform) / weight


class Learner:
    """Feed every record to `count`, then every record again to `observe`, then take `model()`."""

    def __init__(self, min_stories: int = 5, min_share: float = 0.1) -> None:
        if min_stories < 2:
            raise CorpusError("min-stories must be at least 2: one story cannot tell boilerplate from body")
        if not 0 <= min_share <= 1:
            raise CorpusError("min-share must be between 0 and 1")
        self.min_stories = min_stories
        self.min_share = min_share
        self.records: Counter[str] = Counter()
        self._keys: dict[str, array[int]] = {}
        self._frequency: dict[str, dict[int, int]] | None = None
        self._stories: dict[str, dict[int, set[int]]] = {}
        self._texts: dict[str, dict[int, str]] = {}
        self._caps: dict[str, dict[int, int]] = {}

    def count(self, record: Record) -> None:
        """Count the record's distinct lines (pass one, a record at a time; `learn_spooled` keys them in batches
        and calls `count_facts`)."""
        self.count_facts(outlet_of(record), line_facts(record["text"], record.get("title")))

    def count_facts(self, outlet: str, facts: LineFacts) -> None:
        """`count` from a record's outlet and line facts alone."""
        if self._frequency is not None:
            raise CorpusError("internal error: a record was counted after the first was observed")
        self.records[outlet] += 1
        keys = self._keys.get(outlet)
        if keys is None:
            keys = self._keys[outlet] = array("Q")
        keys.extend({key for key, *_rest in facts if key is not None})

    def threshold(self, outlet: str, long: bool = False) -> int:
        """In how many of the outlet's records a line must occur, and with how many distinct stories (`long`: see
        `LONG_LINE_SHARE`)."""
        share = self.min_share * LONG_LINE_SHARE if long else self.min_share
        return max(self.min_stories, math.ceil(share * self.records[outlet]))

    def _frequent(self) -> dict[str, dict[int, int]]:
        """Per outlet, its frequent lines' keys (in at least `threshold` records) and their record counts, counted
        once every record has been: pass two needs no other count, since a rarer line decides nothing. A count
        per distinct line in a dict took about a kilobyte a record at a million records, and the process kept
        most of it after learning; arrays of keys give theirs back."""
        if self._frequency is None:
            self._frequency = {}
            for outlet in list(self._keys):
                keys, counts = np.unique(np.frombuffer(self._keys.pop(outlet), dtype=np.uint64), return_counts=True)
                frequent = counts >= self.threshold(outlet, long=True)
                self._frequency[outlet] = dict(zip(keys[frequent].tolist(), counts[frequent].tolist(), strict=True))
        return self._frequency

    def observe(self, record: Record) -> None:
        """Give each frequent line of the record a story identity (pass two, a record at a time; `learn_spooled`
        reads the line facts it spooled in pass one and calls `observe_facts`)."""
        title = record.get("title")
        self.observe_facts(outlet_of(record), line_facts(record["text"], title), lambda: record["text"],
                           title_key(title))

    def observe_facts(self, outlet: str, facts: LineFacts, text: Callable[[], str], title: int | None = None
                      ) -> None:
        """`observe` from a record's outlet and line facts alone; `text` gives the record's text, needed only for
        a frequent line's first sample, so that the second pass need not read back every record; `title` is the
        title's key (`title_key`), the identity of a record with no other line to race."""
        frequency = self._frequent().get(outlet)
        if frequency is None:
            raise CorpusError("internal error: a record was observed that was never counted")
        weights: dict[int, int] = {}
        needed: dict[int, int] = {}
        for key, weight, _label, long in facts:
            if key is not None and key not in weights:
                weights[key] = weight
                if key in frequency:
                    needed[key] = self.threshold(outlet, long)
        if not needed:
            return
        wrapper, enclosed = _wrapper_keys(facts, lambda key: key in needed and frequency[key] >= needed[key],
                                          needed.__contains__)
        for key in enclosed:
            needed[key] = self.threshold(outlet, long=True)
        stories = self._stories.setdefault(outlet, {})
        texts = self._texts.setdefault(outlet, {})
        caps = self._caps.setdefault(outlet, {})
        for key in weights:
            seen = frequency.get(key, 0)
            if key not in needed or seen < needed[key] or key not in wrapper:
                continue
            found = stories.setdefault(key, set())
            cap = caps[key] = min(caps.get(key, STORY_CAP), needed[key])
            if len(found) >= cap:
                continue
            if key not in texts:
                texts[key] = _sample(text(), facts, key)
            anchor, best = key, math.inf
            for other, weight in weights.items():
                if other != key and frequency.get(other, 0) <= seen:
                    race = _race(other, weight)
                    if race < best:
                        anchor, best = other, race
            found.add(title if anchor == key and title is not None else anchor)

    def model(self) -> Model:
        outlets: dict[str, OutletLines] = {}
        for outlet, records in sorted(self.records.items()):
            frequency = self._frequent().get(outlet, {})
            caps = self._caps.get(outlet, {})
            lines = {key: LearnedLine(len(found), frequency[key], self._texts[outlet][key])
                     for key, found in self._stories.get(outlet, {}).items() if len(found) >= caps[key]}
            outlets[outlet] = OutletLines(records, lines)
        return Model(outlets, self.min_stories, self.min_share)


def learn_spooled(records: Iterable[Record], learner: Learner, spool: RecordSpool, executor: Executor | None = None
                  ) -> Model:
    """Learn from records that can be read only once: they are written to `spool` while counted, with their
    outlets and line facts beside them, which are all the second pass reads (a record only for a line's first
    sample); iterating the spool yields them once more after that. Keying the lines, the costly part, runs on
    `executor` in batches; counting stays here, in input order."""
    with SpillFile("corpus-keys-") as keys:
        for batch, facts in map_batches(executor or InProcess(), _facts_of_batch, None, records, BATCH_SIZE):
            for record, record_facts in zip(batch, facts, strict=True):
                outlet = outlet_of(record)
                learner.count_facts(outlet, record_facts)
                keys.write(orjson.dumps([outlet, record_facts, title_key(record.get("title"))]) + b"\n")
                spool.write(record)
        keys.seek(0)
        for index, line in enumerate(keys):
            outlet, record_facts, title = orjson.loads(line)
            learner.observe_facts(outlet, record_facts, functools.partial(_text_of, spool, index), title)
    return learner.model()


def _text_of(spool: RecordSpool, index: int) -> str:
    text: str = spool.read(index)["text"]
    return text


def _facts_of_batch(_shared: None, batch: list[Record]) -> list[LineFacts]:
    return [line_facts(record["text"], record.get("title")) for record in batch]


def learn(records: Iterable[Record], min_stories: int = 5, min_share: float = 0.1) -> Model:
    """`corpus boilerplate learn`: learn from records read once, spooled to a temporary file for the second pass."""
    learner = Learner(min_stories, min_share)
    with RecordSpool("corpus-learn-") as spool:
        return learn_spooled(records, learner, spool)
