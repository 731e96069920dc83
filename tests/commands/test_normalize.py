"""`corpus normalize` as a filter and in a chain, with fixes switched off from the command line."""

from __future__ import annotations

from tests.conftest import invoke, parse_jsonl, to_jsonl


def test_normalize_filter_fixes_and_keeps_fields() -> None:
    record = {"id": "a", "text": "By [Port News](#)\r\n\r\n\r\nDonâ€™t  wait", "tags": ["x"]}
    result = invoke(["normalize"], input=to_jsonl([record]))
    assert result.exit_code == 0
    assert parse_jsonl(result.stdout) == [{"id": "a", "text": "By Port News\n\nDon’t wait", "tags": ["x"]}]


def test_switches_turn_fixes_off() -> None:
    record = {"id": "a", "text": "By [Port News](#) now"}
    result = invoke(["normalize", "--no-markdown"], input=to_jsonl([record]))
    assert parse_jsonl(result.stdout)[0]["text"] == "By [Port News](#) now"


def test_output_is_byte_identical_between_runs() -> None:
    records = [{"id": str(i), "text": f"Story {i} donâ€™t   stop\u200b", "n": i} for i in range(50)]
    first = invoke(["normalize"], input=to_jsonl(records)).stdout_bytes
    second = invoke(["normalize"], input=to_jsonl(records)).stdout_bytes
    assert first == second and first.count(b"\n") == 50


def test_workers_give_identical_output() -> None:
    records = [{"id": str(i), "text": f"Story {i} donâ€™t   stop" + " word" * (i % 7)} for i in range(700)]
    records.append({"id": "empty", "text": "\u200b"})
    one = invoke(["--workers", "1", "normalize"], input=to_jsonl(records))
    two = invoke(["--workers", "2", "normalize"], input=to_jsonl(records))
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    assert len(parse_jsonl(two.stdout)) == 700
