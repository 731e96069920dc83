"""`corpus langid` alone and in a chain: --languages in the manifest, same output for any workers, eval langid."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tools.synthetic.langid import generate
from tests.conftest import invoke, parse_jsonl, to_jsonl

EN = "The harbour authority said on Monday that the ferry timetable will change in March."
DE = "Die Hafenbehörde teilte am Montag mit, dass sich der Fahrplan der Fähren im März ändert."
SV = "Hamnmyndigheten meddelade på måndagen att färjornas tidtabell ändras i mars."


def test_labels_records_and_keeps_their_fields() -> None:
    records = [{"id": "a", "text": EN, "source": "wire"}, {"id": "b", "text": DE}, {"id": "c", "text": "Hi"}]
    result = invoke(["langid"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = parse_jsonl(result.stdout)
    assert [(r["id"], r["lang"]) for r in out] == [("a", "en"), ("b", "de"), ("c", "und")]
    assert list(out[0]) == ["id", "text", "source", "lang", "lang_score"]
    assert out[2]["lang_score"] == 0.0


def test_language_drops_are_counted_in_the_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    records = [{"id": i, "text": t} for i, t in (("a", EN), ("b", DE), ("c", SV), ("d", EN))]
    result = invoke(["--manifest", str(manifest), "langid", "--languages", "en"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["a", "d"]
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "langid")
    assert (stage["records_in"], stage["records_out"], stage["dropped"]) == (4, 2, {"language": 2})
    assert stage["counts"] == {"lang.de": 1, "lang.en": 2, "lang.sv": 1}
    assert stage["options"]["languages"] == ["en"] and stage["options"]["detector"] == "langdetect"


@pytest.mark.parametrize("old,new", [
    (["--keep", "en"], ["--languages", "en"]),
    (["--engine", "langdetect-classic"], ["--detector", "langdetect-classic"]),
    (["--per-paragraph", "--min-share", "0.9"], ["--per-paragraph", "--min-lang-share", "0.9"]),
])
def test_old_spellings_still_work_unlisted(old: list[str], new: list[str]) -> None:
    data = to_jsonl([{"id": "a", "text": EN}, {"id": "b", "text": DE}, {"id": "c", "text": f"{EN}\n\n{DE}"}])
    by_old, by_new = invoke(["langid", *old], input=data), invoke(["langid", *new], input=data)
    assert by_old.exit_code == by_new.exit_code == 0
    assert by_old.stdout == by_new.stdout
    assert old[-2] not in invoke(["langid", "--help"]).stdout


def test_existing_lang_is_kept_unless_overwrite() -> None:
    records = [{"id": "a", "text": EN, "lang": "fr"}]
    kept = parse_jsonl(invoke(["langid"], input=to_jsonl(records)).stdout)
    assert kept == records
    relabelled = parse_jsonl(invoke(["langid", "--overwrite"], input=to_jsonl(records)).stdout)
    assert relabelled[0]["lang"] == "en"


def test_per_paragraph_reports_the_share() -> None:
    text = f"{EN}\n\n{EN}\n\n{DE}"
    result = invoke(["langid", "--per-paragraph"], input=to_jsonl([{"id": "a", "text": text}]))
    out = parse_jsonl(result.stdout)
    assert out[0]["lang"] == "en" and 0.5 < out[0]["lang_share"] < 1.0


def test_the_share_filter_measures_a_record_that_came_with_its_language() -> None:
    mixed = f"{EN}\n\n{DE}"
    records = [{"id": "a", "text": mixed, "lang": "en"}, {"id": "b", "text": f"{EN}\n\n{EN}", "lang": "en"}]
    result = invoke(["langid", "--per-paragraph", "--min-lang-share", "0.9"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert [(r["id"], r["lang"], r["lang_share"]) for r in parse_jsonl(result.stdout)] == [("b", "en", 1.0)]


def test_runs_in_a_chain_with_normalize_and_filter() -> None:
    records = [{"id": "a", "text": f"  {EN}\r\n\r\n{EN}"}, {"id": "b", "text": "Loading"},
               {"id": "c", "text": DE}]
    result = invoke(["normalize", "filter", "langid", "--languages", "en"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert [(r["id"], r["lang"]) for r in parse_jsonl(result.stdout)] == [("a", "en")]


def test_output_is_byte_identical_between_runs() -> None:
    data = to_jsonl(list(generate(60, 3)))
    assert invoke(["langid"], input=data).stdout_bytes == invoke(["langid"], input=data).stdout_bytes


def test_workers_give_identical_output() -> None:
    # More than two batches of 256, so the worker pool really forks and splits the input.
    data = to_jsonl(list(generate(600, 7)))
    one = invoke(["--workers", "1", "langid", "--per-paragraph"], input=data)
    two = invoke(["--workers", "2", "langid", "--per-paragraph"], input=data)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    out = parse_jsonl(two.stdout)
    assert len(out) == 600 and all("lang_share" in r for r in out)


@pytest.mark.parametrize("args,message", [
    (["--languages", "english"], "'english' is not a two-letter ISO 639-1 code"),
    (["--min-lang-share", "0.5"], "--min-lang-share needs --per-paragraph"),
    (["--detector", "magic"], "Invalid value for '--detector'"),
    (["--languages", "en,xx"], "langdetect never gives 'xx', so every record would be dropped; it knows af, ar"),
])
def test_bad_options_are_usage_errors(args: list[str], message: str) -> None:
    result = invoke(["langid", *args], input=to_jsonl([{"id": "a", "text": EN}]))
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


def test_missing_optional_engine_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "py3langid" else real(name, *a))
    result = invoke(["langid", "--detector", "py3langid"], input=to_jsonl([{"id": "a", "text": EN}]))
    assert result.exit_code == 1
    assert "pip install 'corpus-tools[langid-extra]'" in result.stderr


def test_eval_on_a_small_generated_set(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    generated = invoke(["generate", "langid", str(truth), "--count", "300", "--seed", "5"])
    assert generated.exit_code == 0 and len(truth.read_text().splitlines()) == 300
    result = invoke(["eval", "langid", "--truth", str(truth), "--json", "--check"])
    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 300 and report["passed"] is True
    assert set(report["targets"]) == {"accuracy_200plus", "accuracy_short", "mixed_majority"}


def test_eval_text_report_shows_confusions(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    invoke(["generate", "langid", str(truth), "--count", "120", "--seed", "2"])
    result = invoke(["eval", "langid", "--truth", str(truth), "--set", "detector=langdetect"])
    assert result.exit_code == 0
    assert "accuracy_200plus" in result.stdout and "taken for:" in result.stdout


def test_eval_rejects_a_file_without_labels(tmp_path: Path) -> None:
    truth = tmp_path / "plain.jsonl"
    truth.write_text(to_jsonl([{"id": "a", "text": EN}]))
    result = invoke(["eval", "langid", "--truth", str(truth)])
    assert result.exit_code == 1
    assert f"{truth}:1: needs 'text' and 'truth_lang', each a string" in result.stderr
    truth.write_text(to_jsonl([{"id": "a", "text": EN, "truth_lang": 5}]))  # was a traceback
    result = invoke(["eval", "langid", "--truth", str(truth)])
    assert result.exit_code == 1 and f"{truth}:1: needs 'text' and 'truth_lang', each a string" in result.stderr


def test_fresh_processes_agree_for_the_seeded_classic_engine(tmp_path: Path) -> None:
    """Separate interpreters, so every worker loads langdetect itself rather than inheriting a seeded one."""
    data = tmp_path / "in.jsonl"
    data.write_text(to_jsonl([{**r, "text": r["text"][:80]} for r in generate(540, 9)]))
    outputs = []
    for workers in ("1", "2"):
        with data.open("rb") as stdin:
            command = [sys.executable, "-m", "corpus_tools", "--workers", workers, "langid",
                       "--detector", "langdetect-classic"]
            done = subprocess.run(command, stdin=stdin, capture_output=True, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == 540
