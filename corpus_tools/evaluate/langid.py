"""Language identification accuracy on a labeled set: 200+ character texts, short texts, mixed documents."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from corpus_tools.errors import BadRecord
from corpus_tools.evaluate import EvalReport, Target, with_overrides
from corpus_tools.io.jsonl import json_lines
from corpus_tools.stages.langid import LangId, LangIdConfig

TARGETS = {
    "accuracy_200plus": Target(">=", 0.998),
    "accuracy_short": Target(">=", 0.97),
    "mixed_majority": Target(">=", 0.97),
}
LONG = 200


def evaluate(truth_path: str, overrides: dict[str, str]) -> EvalReport:
    """Label every record afresh; mixed documents go paragraph by paragraph, as --per-paragraph does."""
    config = with_overrides(LangIdConfig(), overrides)
    records = list(read_truth(truth_path))
    return score(records, config)


def read_truth(path: str) -> Iterator[dict[str, Any]]:
    for line_no, record in json_lines(path):
        if not isinstance(record.get("text"), str) or not isinstance(record.get("truth_lang"), str):
            raise BadRecord(path, line_no, "needs 'text' and 'truth_lang', each a string",
                            "write a truth file with `corpus generate langid`")
        yield record


def bucket(record: dict[str, Any]) -> str:
    """`200plus`, `short` or `mixed`: the generator's kind where given, the text's length otherwise."""
    kind = record.get("kind")
    if kind == "mixed":
        return "mixed"
    if kind == "short":
        return "short"
    if kind in ("paragraph", "article"):
        return "200plus"
    return "200plus" if len(record["text"]) >= LONG else "short"


def score(records: Iterable[dict[str, Any]], config: LangIdConfig) -> EvalReport:
    """Accuracy per bucket; `languages`, `min_lang_share` and existing labels are set aside: every record counts."""
    plain = dataclasses.replace(config, languages=(), overwrite=True, min_lang_share=0.0)
    whole = LangId(dataclasses.replace(plain, per_paragraph=False))
    by_paragraph = LangId(dataclasses.replace(plain, per_paragraph=True))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    per_language: dict[str, Counter[str]] = defaultdict(Counter)
    mixed_by_major: dict[str, Counter[str]] = defaultdict(Counter)
    share_error = 0.0
    count = 0
    for record in records:
        count += 1
        truth = record["truth_lang"]
        kind = bucket(record)
        total[kind] += 1
        if kind == "mixed":
            labels = by_paragraph.label(record["text"])
            whole_right = whole.detect(record["text"]).lang == truth
            total["mixed_whole_text"] += 1
            right["mixed_whole_text"] += whole_right
            mixed_by_major[truth].update(n=1, whole_text=whole_right, per_paragraph=labels["lang"] == truth)
            if "truth_share" in record:
                share_error += abs(labels["lang_share"] - record["truth_share"])
        else:
            labels = whole.label(record["text"])
            per_language[truth][labels["lang"]] += 1
        right[kind] += labels["lang"] == truth
    metrics = {
        "accuracy_200plus": _ratio(right["200plus"], total["200plus"]),
        "accuracy_short": _ratio(right["short"], total["short"]),
        "mixed_majority": _ratio(right["mixed"], total["mixed"]),
        "mixed_majority_whole_text": _ratio(right["mixed_whole_text"], total["mixed_whole_text"]),
        "mixed_share_abs_error": _ratio(share_error, total["mixed"]),
    }
    details = [
        f"detector {config.detector}; {total['200plus']} texts of 200+ characters, {total['short']} short texts, "
        f"{total['mixed']} mixed documents",
        "mixed_majority labels paragraph by paragraph (--per-paragraph); mixed_majority_whole_text does not",
        *confusion_summary(per_language),
        *[f"mixed, {lang} the majority: whole text {c['whole_text']}/{c['n']} right, "
          f"per paragraph {c['per_paragraph']}/{c['n']}"
          for lang, c in sorted(mixed_by_major.items()) if c["whole_text"] < c["n"]],
    ]
    return EvalReport("langid", count, metrics, dict(TARGETS), details)


def confusion_summary(per_language: dict[str, Counter[str]]) -> list[str]:
    """One line per true language: accuracy over single-language texts, then what it was mistaken for."""
    lines = []
    for truth in sorted(per_language):
        guesses = per_language[truth]
        n = sum(guesses.values())
        wrong = sorted(((c, g) for g, c in guesses.items() if g != truth), reverse=True)
        mistakes = ", ".join(f"{g} {c}" for c, g in wrong) or "none"
        lines.append(f"{truth}: {guesses[truth]}/{n} = {guesses[truth] / n:.4f}; taken for: {mistakes}")
    return lines


def _ratio(numerator: float, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0
