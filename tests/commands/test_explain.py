"""`corpus explain ID_A ID_B`: why two records are or are not duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corpus_tools.dedup.engine import DedupEngine
from tests.conftest import invoke, to_jsonl
from tests.dedup_helpers import record, story


def corpus() -> str:
    full = story(41, 16)
    return to_jsonl([record("full", full, title="Council meeting"), record("teaser", full[:9], title="Council meeting"),
                     record("other", story(42), title="Harbour news")])


def test_explains_a_duplicate_pair() -> None:
    result = invoke(["explain", "full", "teaser"], input=corpus())
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "estimated Jaccard (128 permutations)" in out
    assert "exact Jaccard (3-word shingles)" in out
    assert "exact containment                       A in B" in out
    assert "verdict: DUPLICATES, one cluster of 2, kept full" in out
    cluster = out[out.index("cluster of 2 kept full: similarity to the kept record, title"):].splitlines()
    assert cluster[1].split() == ["1.000", "full", "Council", "meeting"]
    assert cluster[2].split()[1:] == ["teaser", "Council", "meeting"]
    assert 0.4 <= float(cluster[2].split()[0]) < 1.0
    assert "longest shared passages" in out
    assert result.stderr == ""


def test_explains_a_pair_that_is_not_duplicate_and_which_thresholds_fail() -> None:
    result = invoke(["explain", "full", "other"], input=corpus())
    assert result.exit_code == 0
    assert "verdict: NOT duplicates (not verified against each other)" in result.stdout
    lines = result.stdout.splitlines()
    threshold_line = next(line for line in lines if line.strip().startswith("--threshold"))
    assert threshold_line.endswith("fail")


def test_options_change_the_verdict() -> None:
    strict = ["--min-tokens", "10000", "--short-match", "text"]
    result = invoke(["explain", "full", "teaser", *strict], input=corpus())
    assert result.exit_code == 0
    assert "verdict: NOT duplicates" in result.stdout


def test_reads_a_file_given_with_input(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(corpus())
    result = invoke(["explain", "full", "teaser", "--input", str(path)])
    assert result.exit_code == 0
    assert "verdict: DUPLICATES" in result.stdout


def test_an_unknown_id_is_an_error() -> None:
    result = invoke(["explain", "full", "nope"], input=corpus())
    assert result.exit_code == 1
    assert result.stderr == "Error: no record with id 'nope' in the input (3 records read)\n"
    assert result.stdout == ""


def test_names_the_rule_that_keeps_two_companies_notices_apart() -> None:
    corpus_path = Path(__file__).parent.parent / "fixtures" / "judged-pairs" / "corpus.jsonl"
    result = invoke(["explain", "div-ashby", "div-belmont", "--input", str(corpus_path)])
    assert result.exit_code == 0, result.stderr
    assert "verdict: NOT duplicates (short notices under different titles)" in result.stdout
    title_line = next(line for line in result.stdout.splitlines() if "titles of short notices" in line)
    assert title_line.endswith("fail")


def test_says_when_a_verified_pair_was_never_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_candidates(self: DedupEngine, nodes: Any, order: Any) -> tuple[Any, Any]:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)

    monkeypatch.setattr(DedupEngine, "_candidates", no_candidates)
    result = invoke(["explain", "full", "teaser"], input=corpus())
    assert result.exit_code == 0, result.stderr
    assert "verdict: NOT duplicates (verified, but never a candidate pair" in result.stdout


def shared_passages_shown(text_a: str, text_b: str) -> list[str]:
    """The lines under "longest shared passages" that `explain a b` prints for two records of these texts."""
    result = invoke(["explain", "a", "b"], input=to_jsonl([record("a", [text_a]), record("b", [text_b])]))
    assert result.exit_code == 0, result.stderr
    return result.stdout[result.stdout.index("longest shared passages"):].splitlines()[1:]


def test_shared_passages_of_arabic_copies_run_across_their_spellings() -> None:
    plain = ("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة مئتي سرير ويخدم المستشفى "
             "سكان الأحياء الشمالية من المدينة")
    respelt = ("اعلنت وزارة الصحه اليوم عن افتتاح مستشفي جديد في مدينة الرياض بسعة مئتي سرير ويخدم المستشفي "
               "سكان الاحياء الشمالية من المدينه")
    passages = shared_passages_shown(plain, respelt)
    assert passages[0].split()[:3] == ["1.", f"({len(plain.split())}", "words)"]
    assert plain in passages[0]


def test_shared_passages_part_where_the_figures_differ() -> None:
    """Figures were read as 0, so two quarters' results showed as one 40-word passage both records share."""
    first = ("Acme Corp said on Monday net profit for the quarter rose to 5.2 million dlrs from 3.1 million dlrs a "
             "year earlier, on revenue of 88.4 million dlrs.")
    second = ("Acme Corp said on Monday net profit for the quarter rose to 7.9 million dlrs from 6.6 million dlrs a "
              "year earlier, on revenue of 41.0 million dlrs.")
    passages = shared_passages_shown(first, second)
    assert passages[0].strip() == "1. (12 words) Acme Corp said on Monday net profit for the quarter rose to"
    assert not any("5.2" in passage for passage in passages)
