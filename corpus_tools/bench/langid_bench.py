"""Language identification engines side by side: records per second and accuracy, on one machine in one run.

Data: the team's generated set (`corpus generate langid`), news articles from the same generator for
throughput on two cores, and, where ../shared/data is present (or $CORPUS_SHARED_DATA points at it),
real text: lingua's test sentences and NTREX-128 news documents, read from their archives.
"""

from __future__ import annotations

import random
import tarfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus_tools.bench import shared_data
from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.langid import bucket
from corpus_tools.executors import ProcessPool
from corpus_tools.language import ENGINES, check_available
from corpus_tools.pipeline import apply_stages
from corpus_tools.stages.langid import LangId, LangIdConfig
from corpus_tools.synthetic.langid import LANGUAGES, article, generate

Labeled = list[tuple[str, str]]
"""(true language, text) pairs."""

LINGUA_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "ar", "id", "tr", "pl", "sv", "zh", "ja",
                    "ko", "uk", "cs", "ro", "da")
NTREX_CODES = {"eng": "en", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
               "rus": "ru", "arb": "ar", "ind": "id", "tur": "tr", "pol": "pl", "swe": "sv", "zho_Hans": "zh",
               "jpn": "ja", "kor": "ko", "ukr": "uk", "ces": "cs", "ron": "ro", "dan": "da"}
FALLBACK_BELOW = 0.9
WORKERS = 2
# Every row carries every column (blank where it does not apply), so the rows print as one table.
COLUMNS = ("engine", "data", "workers", "records", "mean_chars", "records_per_s", "records_per_cpu_s",
           "load_s", "accuracy", "accuracy_200plus", "accuracy_short", "accuracy_mixed", "sent_to_classic",
           "sampling_changed")


def run(count: int, seed: int, articles: int = 4096) -> list[dict[str, Any]]:
    """One row per engine and data set; `records_per_s` excludes the one-off model load (`load_s`).

    `count` generated records give the accuracy rows; throughput on two cores uses `articles` separate
    articles (a quarter of them for the classic engine, which is about 20x slower).
    """
    engines = [e for e in ENGINES if _available(e)]
    # Each text guessed anew: the engines' speed, not the stage's memo of texts seen before (see `LangId`).
    stages = {e: LangId(LangIdConfig(detector=e), remember=False) for e in engines}
    load_s = {e: _load_seconds(stages[e]) for e in engines}
    records = list(generate(count, seed))
    rows = [_generated_row(e, stages[e], records, load_s[e]) for e in engines]
    rows += [_two_core_row(e, stages[e], seed, articles) for e in engines]
    per_paragraph = LangId(LangIdConfig(per_paragraph=True), remember=False)
    _load_seconds(per_paragraph)
    rows.append({**_two_core_row("langdetect", per_paragraph, seed, articles),
                 "engine": "langdetect --per-paragraph"})
    for data_name, labeled in _real_data(seed):
        guesses = {e: _timed_labels(stages[e], [text for _, text in labeled]) for e in engines}
        for engine in engines:
            row = _row(engine, data_name, labeled, *guesses[engine])
            if engine == "langdetect":
                row["sampling_changed"] = _sampling_changed(labeled)
            rows.append(row)
        if "langdetect" in guesses and "langdetect-classic" in guesses:
            rows.append(_fallback_row(data_name, labeled, stages))
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def _available(engine: str) -> bool:
    try:
        check_available(engine)
    except CorpusError:
        return False
    return True


def _load_seconds(stage: LangId) -> float:
    """The first label loads the model: this is what each worker process pays once."""
    started = time.perf_counter()
    stage.label("Warm-up text for the language model.")
    return round(time.perf_counter() - started, 3)


def _timed_labels(stage: LangId, texts: Sequence[str]) -> tuple[list[str], float, float]:
    """Labels, wall seconds and CPU seconds (the CPU figure holds up when other jobs share the machine)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    langs = [stage.label(text)["lang"] for text in texts]
    return langs, time.perf_counter() - started, time.process_time() - cpu_started


def _generated_row(engine: str, stage: LangId, records: list[dict[str, Any]],
                   load_s: float) -> dict[str, Any]:
    """Accuracy by kind as `corpus eval langid` measures it; mixed documents go paragraph by paragraph."""
    by_paragraph = LangId(LangIdConfig(detector=engine, per_paragraph=True), remember=False)
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    started, cpu_started = time.perf_counter(), time.process_time()
    for record in records:
        kind = bucket(record)
        labeller = by_paragraph if kind == "mixed" else stage
        total[kind] += 1
        right[kind] += labeller.label(record["text"])["lang"] == record["truth_lang"]
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "engine": engine, "data": "generated", "workers": 1, "records": len(records),
        "accuracy": round(sum(right.values()) / len(records), 4),
        "records_per_s": round(len(records) / seconds),
        "records_per_cpu_s": round(len(records) / cpu_seconds), "load_s": load_s,
        **{f"accuracy_{kind}": round(right[kind] / total[kind], 4) for kind in sorted(total)},
    }


def _two_core_row(engine: str, stage: LangId, seed: int, articles: int) -> dict[str, Any]:
    """News articles (about 2,000 characters) through the worker pool, as `corpus --workers 2 langid` runs."""
    rng = random.Random(seed)
    count = articles if engine != "langdetect-classic" else articles // 4
    texts = [{"id": str(i), "text": article(rng, rng.choice(LANGUAGES))} for i in range(count)]
    # Forked workers inherit the warmed-up stage, so the clock measures labelling, not model loading.
    started = time.perf_counter()
    stream, _ = apply_stages([stage], texts, ProcessPool(WORKERS))
    labelled = sum(1 for _ in stream)
    seconds = time.perf_counter() - started
    return {"engine": engine, "data": "generated-articles", "workers": WORKERS,
            "records": labelled, "mean_chars": round(sum(len(a["text"]) for a in texts) / count),
            "records_per_s": round(labelled / seconds)}


def _row(engine: str, data_name: str, labeled: Labeled, langs: list[str], seconds: float,
         cpu_seconds: float) -> dict[str, Any]:
    right = sum(guess == truth for guess, (truth, _) in zip(langs, labeled, strict=True))
    n = len(labeled)
    return {"engine": engine, "data": data_name, "workers": 1, "records": n,
            "records_per_s": round(n / seconds), "records_per_cpu_s": round(n / cpu_seconds),
            "accuracy": round(right / n, 4)}


def _sampling_changed(labeled: Labeled) -> int:
    """Texts whose label differs between the default engine and its reference, which scores every n-gram."""
    from corpus_tools.language import ProfileScorer, load_engine

    scorer = load_engine("langdetect")
    assert isinstance(scorer, ProfileScorer)
    return sum(scorer.detect(text).lang != scorer.score(text).lang for _, text in labeled)


def _fallback_row(data_name: str, labeled: Labeled, stages: dict[str, LangId]) -> dict[str, Any]:
    """The fast scorer, asking seeded langdetect whenever its own score is below FALLBACK_BELOW."""
    right = sent = 0
    for truth, text in labeled:
        guess = stages["langdetect"].detect(text)
        if guess.score < FALLBACK_BELOW:
            sent += 1
            guess = stages["langdetect-classic"].detect(text)
        right += guess.lang == truth
    return {"engine": f"langdetect, classic below {FALLBACK_BELOW}", "data": data_name,
            "workers": 1, "records": len(labeled), "sent_to_classic": sent,
            "accuracy": round(right / len(labeled), 4)}


def _real_data(seed: int) -> list[tuple[str, Labeled]]:
    root = shared_data()
    if root is None:
        return []
    sets = []
    lingua = root / "lingua-testdata" / "lingua-sentences-subset.tar.xz"
    if lingua.exists():
        sets.append(("lingua-sentences", lingua_sentences(lingua, per_language=100, seed=seed)))
    ntrex = root / "opus-mt-testsets" / "ntrex128-subset.tar.xz"
    if ntrex.exists():
        sets.append(("ntrex-documents", ntrex_documents(ntrex, per_language=30, seed=seed)))
    return sets


def lingua_sentences(archive: Path, per_language: int, seed: int) -> Labeled:
    """A seeded sample of lingua's test sentences (Leipzig corpora web text), per language."""
    rng = random.Random(seed)
    labeled: Labeled = []
    with tarfile.open(archive) as tf:
        for lang in LINGUA_LANGUAGES:
            lines = [line for line in _lines(tf, f"language-testdata/sentences/{lang}.txt") if line.strip()]
            labeled += [(lang, line) for line in rng.sample(lines, min(per_language, len(lines)))]
    return labeled


def ntrex_documents(archive: Path, per_language: int, seed: int) -> Labeled:
    """Whole NTREX-128 news documents (headline and body, a sentence a line), a seeded sample per language."""
    rng = random.Random(seed)
    labeled: Labeled = []
    with tarfile.open(archive) as tf:
        doc_ids = _lines(tf, "NTREX/DOCUMENT_IDS.tsv")
        for code, lang in NTREX_CODES.items():
            kind = "src" if code == "eng" else "ref"
            documents: dict[str, list[str]] = defaultdict(list)
            for doc_id, line in zip(doc_ids, _lines(tf, f"NTREX/NTREX-128/newstest2019-{kind}.{code}.txt"),
                                    strict=True):
                documents[doc_id].append(line)
            chosen = rng.sample(sorted(documents), min(per_language, len(documents)))
            labeled += [(lang, "\n".join(documents[doc_id])) for doc_id in chosen]
    return labeled


def _lines(tf: tarfile.TarFile, name: str) -> list[str]:
    member = tf.extractfile(name)
    if member is None:
        raise CorpusError(f"{name} missing from {tf.name!r}")
    return member.read().decode("utf-8").splitlines()
