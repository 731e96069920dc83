"""`corpus explain`: why two records are, or are not, copies, with the figures and rules that decided it."""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corpus_tools.dates import day_number
from corpus_tools.dedup.cluster import Clustering
from corpus_tools.dedup.config import DedupConfig
from corpus_tools.dedup.engine import DedupEngine
from corpus_tools.dedup.features import titled
from corpus_tools.dedup.lsh import band_keys, candidate_probability
from corpus_tools.dedup.rules import LEAD_AGREE
from corpus_tools.dedup.shingles import fold_arabic, normalized_tokens, shingles
from corpus_tools.dedup.table import SignedCorpus, sign_corpus
from corpus_tools.dedup.verify import NEAR_IDENTICAL, STORY_SHARE, rare_scores, score_pairs
from corpus_tools.errors import CorpusError
from corpus_tools.record import Record, outlet_of

_WORD_KEY = re.compile(r"[^\w]+")


def _word_key(word: str) -> str:
    return _WORD_KEY.sub("", fold_arabic(word).lower())


def shared_passages(text_a: str, text_b: str, limit: int = 3, min_words: int = 4) -> list[str]:
    """The longest runs of words both texts share (case and punctuation ignored, Arabic folded as dedup folds it;
    figures as written, as dedup's shingles keep them), longest first, in the first text's own words."""
    words_a, words_b = text_a.split(), text_b.split()
    keys_a, keys_b = [_word_key(w) for w in words_a], [_word_key(w) for w in words_b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    blocks = sorted((b for b in matcher.get_matching_blocks() if b.size >= min_words),
                    key=lambda b: (-b.size, b.a))
    return [" ".join(words_a[b.a:b.a + b.size]) for b in blocks[:limit]]


def side_by_side(text_a: str, text_b: str, width: int = 56, max_rows: int = 14) -> list[str]:
    """Word-level differences of two texts in two columns; shared stretches are shown as a count of words."""
    words_a, words_b = text_a.split(), text_b.split()
    keys_a, keys_b = [_word_key(w) for w in words_a], [_word_key(w) for w in words_b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    rows: list[str] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            rows.append(f"{'':{width}} = {a1 - a0} words in common")
            continue
        left = textwrap.wrap(" ".join(words_a[a0:a1]), width) or [""]
        right = textwrap.wrap(" ".join(words_b[b0:b1]), width) or [""]
        for line in range(max(len(left), len(right))):
            l_text = left[line] if line < len(left) else ""
            r_text = right[line] if line < len(right) else ""
            rows.append(f"{l_text:<{width}} | {r_text}")
    if len(rows) > max_rows:
        rows = rows[:max_rows] + [f"... {len(rows) - max_rows} more rows"]
    return rows


@dataclass
class Analysis:
    """A whole corpus run through dedup's two passes, with what is needed to look at any record again."""

    cfg: DedupConfig
    signed: SignedCorpus
    engine: DedupEngine
    result: Clustering
    index_of: dict[str, int] = field(default_factory=dict)

    def close(self) -> None:
        self.signed.close()


def analyse(records: Iterable[Record], cfg: DedupConfig, keep_pairs: bool = False) -> Analysis:
    """Sign and cluster a corpus as the dedup stage does, keeping the spool for a second look."""
    cfg.validate()
    signed = sign_corpus(records, cfg)
    try:
        engine = DedupEngine(cfg, signed.frozen, keep_pairs=keep_pairs)
        result = engine.run()
    except BaseException:
        signed.close()
        raise
    index_of = {record_id: i for i, record_id in enumerate(signed.frozen.ids)}
    return Analysis(cfg, signed, engine, result, index_of)


def explain(records: Iterable[Record], id_a: str, id_b: str, cfg: DedupConfig) -> list[str]:
    """Why two records are, or are not, duplicates under these options: the lines of the report."""
    analysis = analyse(records, cfg, keep_pairs=True)
    try:
        missing = [i for i in (id_a, id_b) if i not in analysis.index_of]
        if missing:
            raise CorpusError(f"no record with id {', '.join(repr(m) for m in missing)} in the input "
                              f"({len(analysis.index_of):,} records read)")
        return _explain_lines(analysis, analysis.index_of[id_a], analysis.index_of[id_b])
    finally:
        analysis.close()


def _describe(analysis: Analysis, index: int, record: Record) -> str:
    table = analysis.engine.table
    parts = [f"{table.tokens[index]:,} tokens", f"{table.shingles[index]:,} distinct shingles"]
    outlet = outlet_of(record)
    if outlet:
        parts.append(outlet)
    if record.get("date"):
        parts.append(str(record["date"])[:10])
    wire = analysis.signed.table.wires[index]
    if wire:
        parts.append(f"wire {wire}")
    dropped = analysis.signed.table.boilerplate_in(index)
    if dropped:
        parts.append(f"{dropped} boilerplate line(s) ignored")
    return ", ".join(parts)


def _days_apart(record_a: Record, record_b: Record) -> str:
    day_a, day_b = day_number(record_a.get("date")), day_number(record_b.get("date"))
    if min(day_a, day_b) < 0:
        return "unknown"
    return f"{abs(day_a - day_b)} day(s) apart"


def _explain_lines(analysis: Analysis, a: int, b: int) -> list[str]:
    cfg, engine, result = analysis.cfg, analysis.engine, analysis.result
    table = engine.table
    record_a, record_b = analysis.signed.spool.read(a), analysis.signed.spool.read(b)
    written_a = titled(analysis.signed.table.story(a, record_a["text"]), record_a.get("title"))
    written_b = titled(analysis.signed.table.story(b, record_b["text"]), record_b.get("title"))
    story_a, story_b = fold_arabic(written_a), fold_arabic(written_b)  # as signed (`features.with_title`)
    first, second = np.array([a]), np.array([b])
    scores = engine.score(first, second)
    estimate = score_pairs(table.signatures, engine.story_size, first, second)
    set_a = set(shingles(normalized_tokens(story_a), cfg.ngram))
    set_b = set(shingles(normalized_tokens(story_b), cfg.ngram))
    common = len(set_a & set_b)
    exact_jaccard = common / len(set_a | set_b) if set_a | set_b else 0.0
    in_b = common / len(set_a) if set_a else 0.0
    in_a = common / len(set_b) if set_b else 0.0
    bands, rows = engine.bands, engine.rows
    keys = band_keys(table.signatures[[a, b]], bands, rows)
    shared_bands = int(np.sum(keys[0] == keys[1]))
    exact_copy = bool(table.text_hash[a] == table.text_hash[b])
    short = [table.ids[i] for i in (a, b) if table.tokens[i] < cfg.min_tokens]
    allowed = bool(engine.rules.allowed(first, second)[0])
    recurring = bool(engine.rules.recurring(first, second)[0])
    titled_apart = bool(engine.rules.other_titles(first, second)[0])
    timed_apart = bool(engine.rules.other_times(first, second)[0])
    tickers_apart = bool(engine.rules.other_tickers(first, second)[0])
    subjects_apart = bool(engine.rules.other_subjects(first, second)[0])
    _, rare_words = rare_scores(table.words, table.word_count, first, second, engine.story.words)
    by_story = bool(engine.story.passes(first, second)[0])
    missing = float(engine.story.missing(first, second)[0])
    figures_needed, missing_allowed, words_needed = (float(level[0]) for level in engine.story.levels(first, second))
    company = ("same ticker or name" if engine.story.same_company(first, second)[0]
               else "same opening title words" if engine.story.named_alike(first, second)[0] else "not known alike")
    _, lead = rare_scores(table.lead, table.lead_count, first, second, engine.story.leads)
    outlet_a, outlet_b = outlet_of(record_a), outlet_of(record_b)
    same_outlet = bool(outlet_a and outlet_a == outlet_b)
    outlets = ("outlets unknown" if not (outlet_a and outlet_b) else "same outlet" if same_outlet
               else "different outlets")
    domain_ok = cfg.same_domain == "compare" or not same_outlet
    window_ok = (allowed or not domain_ok or recurring or titled_apart or timed_apart or tickers_apart
                 or subjects_apart)
    passes_jaccard = bool(scores.jaccard[0] >= cfg.threshold)
    passes_containment = bool(scores.containment[0] >= cfg.containment
                              and scores.matches[0] >= engine.min_matches)
    verified = bool(engine.passes(scores)[0]) or by_story
    # Candidates are pairs of exact-copy groups' leaders.
    candidates, leader = result.pairs, engine.exact_leader
    lead_a, lead_b = leader[a], leader[b]
    never_compared = candidates is not None and not bool(np.any(
        (candidates[0] == lead_a) & (candidates[1] == lead_b) | (candidates[0] == lead_b) & (candidates[1] == lead_a)))
    same = bool(result.kept[a] == result.kept[b])
    jaccard, containment = float(scores.jaccard[0]), float(scores.containment[0])
    estimated = float(estimate.jaccard[0])
    story_ok = bool(engine.passes(scores)[0]) or not (passes_jaccard or passes_containment)
    yes = {True: "pass", False: "fail"}
    lines = [
        f"A  {table.ids[a]}: {_describe(analysis, a, record_a)}",
        f"B  {table.ids[b]}: {_describe(analysis, b, record_b)}",
        "",
        f"exact copy (same normalized story)      {'yes' if exact_copy else 'no'}",
        f"estimated Jaccard ({cfg.num_perm} permutations)     {estimated:.3f}",
        f"exact Jaccard ({cfg.ngram}-word shingles)         {exact_jaccard:.3f}",
        f"exact containment                       A in B {in_b:.3f}, B in A {in_a:.3f}",
        f"LSH {bands} bands x {rows} rows                 P(candidate | J={estimated:.2f}) = "
        f"{float(candidate_probability(estimated, bands, rows)):.3f}; bands shared: {shared_bands}",
        f"on the shingle samples                  Jaccard {jaccard:.3f}, containment {containment:.3f}, "
        f"{int(scores.matches[0])} shingles shared",
        f"  common shingles counting for less     Jaccard {_score(scores.story_jaccard)}, "
        f"containment {_score(scores.story_containment)}",
        "",
        "thresholds",
        f"  {'--threshold ' + str(cfg.threshold):<26} Jaccard {jaccard:.3f}{'':<24} {yes[passes_jaccard]}",
        f"  {'--containment ' + str(cfg.containment):<26} containment {containment:.3f}, "
        f"{int(scores.matches[0])} shingles shared ({engine.min_matches} needed)  {yes[passes_containment]}",
        f"  {'shared story, not template':<26} {STORY_SHARE:.0%} of either once common shingles count less, "
        f"or Jaccard {NEAR_IDENTICAL}  {yes[story_ok]}",
        f"  {'figures on another day':<26} {'other figures, days apart or same hour' if recurring else 'no':<38} "
        f"{yes[not recurring]}",
        f"  {'titles of short notices':<26} {'under half their words shared' if titled_apart else 'no':<38} "
        f"{yes[not titled_apart]}",
        f"  {'times of day':<26} {'other times in title or first line' if timed_apart else 'no':<38} "
        f"{yes[not timed_apart]}",
        f"  {'tickers in titles':<26} {'of companies of other initials' if tickers_apart else 'no':<38} "
        f"{yes[not tickers_apart]}",
        f"  {'names titles open on':<26} "
        f"{'two rare names, each absent from the other' if subjects_apart else 'no':<38} {yes[not subjects_apart]}",
        f"  {'story-level check':<26} rare words {float(rare_words[0]):.3f} ({words_needed} needed), title words "
        f"missing {missing:.3f} (under {missing_allowed}), {figures_needed:.0%} of figures agree  {yes[by_story]}",
        f"    {'company':<24} {company}, leads agree {float(lead[0]):.3f} ({LEAD_AGREE} to restate)",
        f"  {'--window-days ' + ('-' if cfg.window_days is None else str(cfg.window_days)):<26} "
        f"{'dates ' + _days_apart(record_a, record_b):<38} {yes[window_ok]}",
        f"  {'--same-domain ' + cfg.same_domain:<26} "
        f"{outlets:<38} {yes[domain_ok]}",
        f"  {'--min-tokens ' + str(cfg.min_tokens):<26} "
        + (f"short: {', '.join(short)} (matched by {cfg.short_match} only)" if short
           else f"{'both long enough for MinHash':<38} pass"),
        "",
    ]
    if same:
        lines.append(f"verdict: DUPLICATES, one cluster of {int(result.size[a])}, "
                     f"kept {table.ids[result.kept[a]]}")
    else:
        why = ("exact copies" if exact_copy else "not verified against each other" if not verified and allowed
               else "two issues of a recurring report" if recurring else
               "short notices under different titles" if titled_apart else
               "issues of a report at other times of day" if timed_apart else
               "one template about other companies' tickers" if tickers_apart else
               "one template about two subjects named first in the titles" if subjects_apart else
               "kept apart by --window-days/--same-domain" if not allowed else
               "verified, but never a candidate pair: no LSH band, smallest shingles, rare title word or "
               "ticker put them side by side" if never_compared and not exact_copy else
               "each is verified only against its cluster's representative, and they ended in different "
               "clusters")
        lines.append(f"verdict: NOT duplicates ({why}); clusters {table.ids[result.kept[a]]} "
                     f"and {table.ids[result.kept[b]]}")
    for kept in dict.fromkeys(int(result.kept[i]) for i in (a, b)):
        lines.extend(cluster_lines(analysis, kept))
    passages = shared_passages(written_a, written_b)  # in the record's own spelling, which folding loses
    lines.append("")
    lines.append("longest shared passages" if passages else "no shared passage of 4 words or more")
    for number, passage in enumerate(passages, 1):
        words = passage.split()
        shown = passage if len(words) <= 40 else " ".join(words[:40]) + " ..."
        lines.append(f"  {number}. ({len(words)} words) {shown}")
    return lines


def cluster_lines(analysis: Analysis, kept: int, limit: int = 20) -> list[str]:
    """The members of the cluster kept by `kept`, kept record first: similarity to it and title, so that a
    cluster of different stories (different companies, different days) shows at a glance."""
    result, ids = analysis.result, analysis.engine.table.ids
    members = np.flatnonzero(result.kept == kept).tolist()
    if len(members) < 2:
        return []
    members.sort(key=lambda i: (i != kept, -result.similarity[i], ids[i]))
    lines = ["", f"cluster of {len(members)} kept {ids[kept]}: similarity to the kept record, title"]
    for i in members[:limit]:
        title = analysis.signed.spool.read(i).get("title")
        lines.append(f"  {result.similarity[i]:5.3f}  {ids[i]:<24} {title if isinstance(title, str) else '-'}")
    if len(members) > limit:
        lines.append(f"  ... and {len(members) - limit} more")
    return lines


def _score(values: Any) -> str:
    return "-" if values is None else f"{float(values[0]):.3f}"
