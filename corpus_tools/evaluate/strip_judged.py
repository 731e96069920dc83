"""`corpus eval strip --corpus`: score strip on a span-judged real set by aligning word tokens.

Strip's output is normalized text, so character offsets do not carry over from the input to the output.
Both texts become sequences of alphanumeric tokens (after HTML entities are decoded, mojibake repaired,
Unicode NFKC and case folding), the sequences are aligned by their longest matching blocks, and an input
token outside every block counts as removed. A token weighs its number of characters and belongs to the
judged span that holds its first character; tokens of `neutral` spans count neither way.

A judgement may instead give the article's body as people marked it (`body`, as article-extraction
benchmarks do): the text's tokens that the same alignment finds outside the body are boilerplate of kind
`outside-body`, and a first line that repeats the title is neutral. Or it may give snippets (`with`: the
article's, `without`: boilerplate, as trafilatura's evaluation set does): only the snippets the text holds
are scored, the `without` ones as boilerplate of kind `snippet`, and the rest of the text is neutral.

Records of the corpus without a judgement are stripped with the others and not scored: a judged set holds most
outlets once or twice, too few stories for strip's learning, and beside the rest of the source it was drawn from
it is stripped as the default chain strips a whole corpus.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence

from corpus_tools.errors import CorpusError
from corpus_tools.evaluate import EvalReport, span_problem
from corpus_tools.evaluate.strip import JUDGED_TARGETS, Tally, config_from
from corpus_tools.io.jsonl import json_lines
from corpus_tools.pipeline import Drop
from corpus_tools.record import Record
from corpus_tools.stages.normalize import Normalize
from corpus_tools.stages.strip import StripConfig, strip
from corpus_tools.stats import StageStats

NEUTRAL = "neutral"
OUTSIDE_BODY = "outside-body"
SNIPPET = "snippet"
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TOKEN = re.compile(r"[^\W_]+")
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152-\u0178\u2013\u2014\u2018-\u203a\u20ac\u2122]")
"""A UTF-8 lead byte read as Windows-1252 before a continuation byte, the euro sign and trade mark among them:
curly quotes and apostrophes become "â€œ" and "â€™", the most common mojibake in scraped news."""


def _records_with_ids(path: str) -> list[Record]:
    records = []
    for line_no, record in json_lines(path):
        if "id" not in record:
            raise CorpusError(f"{path}:{line_no}: a record needs an id")
        records.append(record)
    return records


def _repaired(text: str) -> tuple[str, list[int]]:
    """The text with entities decoded and mojibake lines repaired, and the input offset of each character."""
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for line in text.splitlines(keepends=True):
        fixed = _fix_line(line)
        if fixed == line:
            out.append(line)
            origin.extend(range(position, position + len(line)))
        else:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            mapped = [position] * len(fixed)
            for tag, a0, _a1, b0, b1 in matcher.get_opcodes():
                for offset in range(b1 - b0):
                    mapped[b0 + offset] = position + (a0 + offset if tag == "equal" else a0)
            out.append(fixed)
            origin.extend(mapped)
        position += len(line)
    return "".join(out), origin


def _fix_line(line: str) -> str:
    if "&" in line:
        line = _ENTITY.sub(lambda m: html.unescape(m.group()), line)
    if _MOJIBAKE.search(line):
        import ftfy

        line = ftfy.fix_text(line)
    return line


def tokens(text: str) -> tuple[list[str], list[int]]:
    """The alphanumeric tokens of a text (folded as the scoring rule says) and the input offset of each. Invisible
    format characters do not split a word: `normalize` drops a soft hyphen (U+00AD, invisible in "capitalize"
    hyphenated for print), and the word it leaves whole must not count as three words removed."""
    repaired, origin = _repaired(text)
    folded: list[str] = []
    where: list[int] = []
    for char, offset in zip(repaired, origin, strict=True):
        if unicodedata.category(char) == "Cf":
            continue
        for piece in unicodedata.normalize("NFKC", char).casefold():
            folded.append(piece)
            where.append(offset)
    found = list(_TOKEN.finditer("".join(folded)))
    return [m.group() for m in found], [where[m.start()] for m in found]


def removed_tokens(original: Sequence[str], stripped: Sequence[str]) -> list[bool]:
    """For each original token: True when no matching block of the alignment holds it."""
    removed = [True] * len(original)
    matcher = difflib.SequenceMatcher(None, original, stripped, autojunk=False)
    for block in matcher.get_matching_blocks():
        for index in range(block.a, block.a + block.size):
            removed[index] = False
    return removed


def score_record(text: str, stripped: str, spans: Sequence[tuple[int, int, str]], tally: Tally,
                 record_id: str) -> None:
    words, starts = tokens(text)
    kept, _ = tokens(stripped)
    gone = removed_tokens(words, kept)
    wrong_here: list[str] = []
    for word, start, removed in zip(words, starts, gone, strict=True):
        kind = next((k for s, e, k in spans if s <= start < e), None)
        if kind == NEUTRAL:
            continue
        weight = len(word)
        if kind is None:
            tally.story += weight
            if removed:
                tally.wrong += weight
                wrong_here.append(word)
            continue
        tally.total_by_category[kind] += weight
        if removed:
            tally.hit += weight
        else:
            tally.missed += weight
            tally.missed_by_category[kind] += weight
    if wrong_here and len(tally.wrong_examples) < 8:
        tally.wrong_examples.append(f"{record_id}: {' '.join(wrong_here)[:100]!r}")


def stripped_texts(corpus: Sequence[Record], cfg: StripConfig) -> Iterator[tuple[Record, str]]:
    """Each input record with its text after `normalize strip` as configured ("" when strip dropped it)."""
    normalizer, counts = Normalize(), Counter[str]()
    normalized = []
    for record in corpus:
        result = normalizer.process(record, counts)
        normalized.append(record if isinstance(result, Drop) else result)
    out = {r["id"]: r["text"] for r in strip(normalized, cfg, StageStats("strip"))}
    for record in corpus:
        yield record, out.get(record["id"], "")


def outside_body(text: str, body: str, title: object = None) -> list[tuple[int, int, str]]:
    """Spans of the text's tokens that the body does not hold (one token each, kind OUTSIDE_BODY), and a neutral
    span over a first line that repeats the title."""
    words, starts = tokens(text)
    outside = removed_tokens(words, tokens(body)[0])
    first_line = text.split("\n", 1)[0]
    spans = []
    if isinstance(title, str) and title.strip() and tokens(first_line)[0] == tokens(title)[0]:
        spans.append((0, len(first_line), NEUTRAL))
    ends = [*starts[1:], len(text)]
    spans.extend(_runs([(start, end, OUTSIDE_BODY if out else None)
                        for start, end, out in zip(starts, ends, outside, strict=True)]))
    return spans


def _runs(pieces: Sequence[tuple[int, int, str | None]]) -> list[tuple[int, int, str]]:
    """Consecutive token pieces of one kind joined into one span; pieces of no kind (story) left out."""
    spans: list[tuple[int, int, str]] = []
    for start, end, kind in pieces:
        if kind is None:
            continue
        if spans and spans[-1][1] == start and spans[-1][2] == kind:
            spans[-1] = (spans[-1][0], end, kind)
        else:
            spans.append((start, end, kind))
    return spans


def snippet_spans(text: str, story: Sequence[str], boilerplate: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans of the snippets' first occurrences in the text (matched as folded tokens): boilerplate ones of kind
    SNIPPET, story ones as gaps in a neutral cover of everything else. Snippets the text lacks count not at all."""
    words, starts = tokens(text)
    ends = [*starts[1:], len(text)]
    kinds: list[str | None] = [NEUTRAL] * len(words)
    for snippets, kind in ((story, None), (boilerplate, SNIPPET)):
        for snippet in snippets:
            wanted = tokens(snippet)[0]
            at = next((i for i in range(len(words) - len(wanted) + 1) if words[i:i + len(wanted)] == wanted), None)
            if wanted and at is not None:
                kinds[at:at + len(wanted)] = [kind] * len(wanted)
    return _runs(list(zip(starts, ends, kinds, strict=True)))


def _judged_by_body(judged: Record) -> bool:
    return isinstance(judged.get("body"), str)


def _judged_by_snippets(judged: Record) -> bool:
    return isinstance(judged.get("with"), list) or isinstance(judged.get("without"), list)


def judged_spans(record: Record, judged: Record) -> list[tuple[int, int, str]]:
    if _judged_by_body(judged):
        return outside_body(record["text"], judged["body"], record.get("title"))
    if _judged_by_snippets(judged):
        return snippet_spans(record["text"], judged.get("with") or [], judged.get("without") or [])
    return [(int(s), int(e), str(k)) for (s, e), k in zip(judged["boilerplate_spans"],
                                                          judged["boilerplate_kinds"], strict=True)]


def measure_judged(corpus: Sequence[Record], truth: dict[str, Record], cfg: StripConfig
                   ) -> dict[str, Tally]:
    """Tallies for the whole set ("all") and for each `source` of the truth file."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for record, stripped in stripped_texts(corpus, cfg):
        judged = truth.get(record["id"])
        if judged is None:
            continue
        spans = judged_spans(record, judged)
        source = str(judged.get("source", ""))
        for name in ("all", source) if source else ("all",):
            score_record(record["text"], stripped, spans, tallies.setdefault(name, Tally()), record["id"])
    return tallies


def load_judged(truth_path: str, corpus_path: str) -> tuple[list[Record], dict[str, Record]]:
    corpus = _records_with_ids(corpus_path)
    truth_records = _records_with_ids(truth_path)
    if not truth_records:
        raise CorpusError(f"{truth_path}: no judged record in it")
    truth = {r["id"]: r for r in truth_records}
    for path, records in ((truth_path, truth_records), (corpus_path, corpus)):
        ids = [r["id"] for r in records]
        if len(set(ids)) < len(ids):
            twice = next(i for i in ids if ids.count(i) > 1)
            raise CorpusError(f"{path}: id {twice!r} appears twice; each record must be there once")
    for line_no, record in enumerate(truth.values(), 1):
        if _judged_by_snippets(record):
            lists = [record.get(name) or [] for name in ("with", "without")]
            if not all(isinstance(snippets, list) and all(isinstance(s, str) for s in snippets)
                       for snippets in lists):
                raise CorpusError(f"{truth_path}:{line_no}: with and without are lists of text snippets")
            continue
        if _judged_by_body(record):
            continue
        spans, kinds = record.get("boilerplate_spans"), record.get("boilerplate_kinds")
        if not isinstance(spans, list) or not isinstance(kinds, list) or len(spans) != len(kinds):
            raise CorpusError(f"{truth_path}:{line_no}: needs boilerplate_spans and as many boilerplate_kinds, "
                              "the article's body, or with and without snippets")
    missing = [r["id"] for r in corpus if r["id"] not in truth]
    if len(missing) == len(corpus):
        raise CorpusError(f"{corpus_path}: no record has a judgement in {truth_path} (ids differ)")
    for record in corpus:
        if not isinstance(record.get("text"), str):
            raise CorpusError(f"{corpus_path}: record {record['id']} has no text")
        judged = truth.get(record["id"])
        if judged is not None and not (_judged_by_body(judged) or _judged_by_snippets(judged)):
            problem = span_problem(judged["boilerplate_spans"], len(record["text"]), 2)
            if problem:
                raise CorpusError(f"{truth_path}: record {record['id']}: {problem}")
    return corpus, truth


def evaluate_judged(truth_path: str, corpus_path: str, overrides: dict[str, str]) -> EvalReport:
    """Score `normalize strip` (as configured, by default as a user runs it) on a span-judged real set."""
    corpus, truth = load_judged(truth_path, corpus_path)
    cfg = config_from(StripConfig(), overrides)
    tallies = measure_judged(corpus, truth, cfg)
    whole = tallies.pop("all")
    metrics = {"precision": whole.precision, "recall": whole.recall, "body_lost": whole.body_lost}
    details = [f"{name}: precision {t.precision:.3f}, recall {t.recall:.3f}, body lost {t.body_lost:.4f}"
               for name, t in sorted(tallies.items())]
    details.append("recall by kind: " + whole.recall_by_category())
    details.extend(f"story text removed: {example}" for example in whole.wrong_examples)
    judged = sum(1 for record in corpus if record["id"] in truth)
    if judged < len(corpus):
        details.append(f"{len(corpus) - judged:,} records without a judgement stripped with the judged ones "
                       "(learning saw them), not scored")
    return EvalReport("strip", judged, metrics, dict(JUDGED_TARGETS), details)
