"""`corpus filter` on scraped junk: drops counted by filter name in the manifest, switches, workers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.conftest import FIXTURES, invoke, parse_jsonl, to_jsonl

JUNK = FIXTURES / "scraped-junk" / "records.jsonl"


def expected() -> dict[str, str]:
    return {r["id"]: r["expect"] for r in parse_jsonl(JUNK.read_text())}


def test_defaults_drop_each_kind_of_junk_and_count_it_by_name(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    result = invoke(["--manifest", str(manifest), "filter"], input=JUNK.read_text())
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    kept = parse_jsonl(result.stdout)
    assert [r["id"] for r in kept] == [i for i, e in expected().items() if e == "keep"]
    assert kept == [r for r in parse_jsonl(JUNK.read_text()) if r["expect"] == "keep"]
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "filter")
    drops = Counter(e for e in expected().values() if e != "keep")
    assert stage["dropped"] == dict(drops)
    assert stage["records_in"] == stage["records_out"] + sum(drops.values())
    assert stage["options"]["max_non_letter_share"] == 0.5


def test_headline_only_is_off_by_default_and_switches_on() -> None:
    result = invoke(["filter", "--headline-only"], input=JUNK.read_text())
    assert "headline-no-title" not in [r["id"] for r in parse_jsonl(result.stdout)]


def test_filters_switch_off_from_the_command_line() -> None:
    args = ["filter", "--min-words", "0", "--max-non-letter-share", "1", "--max-link-line-share", "1",
            "--max-repeated-share", "1", "--no-title-only", "--no-teaser-only"]
    result = invoke(args, input=JUNK.read_text())
    assert result.exit_code == 0
    assert len(parse_jsonl(result.stdout)) == len(expected())


def test_stricter_word_limit() -> None:
    records = [{"id": "a", "text": "Library reopens in the old market hall next spring."}]
    assert parse_jsonl(invoke(["filter"], input=to_jsonl(records)).stdout) == records
    assert parse_jsonl(invoke(["filter", "--min-words", "20"], input=to_jsonl(records)).stdout) == []


def test_word_limits_that_leave_no_record_are_a_usage_error() -> None:
    result = invoke(["filter", "--min-words", "10", "--max-words", "5"], input='{"id": "a", "text": "x"}\n')
    assert result.exit_code == 2 and "--min-words 10 is above --max-words 5" in result.stderr
    assert invoke(["filter", "--min-words", "10", "--max-words", "0"], input="").exit_code == 0


def test_share_out_of_range_is_a_usage_error() -> None:
    result = invoke(["filter", "--max-repeated-share", "1.5"], input="")
    assert result.exit_code == 2
    assert "--max-repeated-share" in result.stderr
    result = invoke(["filter", "--max-non-letter-share", "nan"], input='{"id": "a", "text": "x"}\n')
    assert result.exit_code == 2 and "--max-non-letter-share must be between 0 and 1, not nan" in result.stderr


def test_workers_give_identical_output() -> None:
    records = parse_jsonl(JUNK.read_text()) * 70
    data = to_jsonl([{**r, "id": f"{r['id']}-{i}"} for i, r in enumerate(records)])
    one = invoke(["--workers", "1", "filter"], input=data)
    two = invoke(["--workers", "2", "filter"], input=data)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes and one.stdout_bytes.count(b"\n") == 3 * 70
