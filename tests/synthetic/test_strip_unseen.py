"""The held-out generated set: outlets whose boilerplate wordings no shipped rule was written from."""

from __future__ import annotations

import orjson
from click.testing import CliRunner
from corpus_tools.cli.main import cli

from corpus_tools.boilerplate.rules import load_rules
from corpus_tools.synthetic.strip import generate as generate_team
from corpus_tools.synthetic.strip_unseen import generate, wordings


def _boilerplate_lines(records: list[dict[str, object]], skip: frozenset[str] = frozenset()) -> set[str]:
    """Lines of boilerplate, except those of the categories in `skip`."""
    lines: set[str] = set()
    for record in records:
        text = str(record["text"])
        for start, end, category in record["boilerplate_spans"]:  # type: ignore[attr-defined]
            if category not in skip:
                lines.update(line.strip().casefold() for line in text[start:end].split("\n") if line.strip())
    return lines


def test_unseen_boilerplate_shares_no_line_with_rule_examples_or_team_outlets() -> None:
    unseen = _boilerplate_lines([r for seed in (1, 2, 3) for r in generate(400, seed)])
    examples = {e.strip().casefold() for rule in load_rules()[0] for e in rule.examples}
    team = _boilerplate_lines(list(generate_team(1000, 1)), skip=frozenset({"related", "headline"}))
    assert unseen
    assert not unseen & examples
    assert not unseen & team
    assert not [line for line in unseen for example in examples if len(example) > 20 and example in line]


def test_every_kind_of_the_wordings_appears_with_its_variable_parts_filled() -> None:
    records = list(generate(1500, 4))
    kinds = {category for r in records for _, _, category in r["boilerplate_spans"]}
    expected = {kind for place in wordings().values() for kind in place}
    assert expected <= kinds
    assert not any("{" in r["text"] for r in records)


def test_spans_are_inside_the_text_and_the_same_seed_gives_the_same_set() -> None:
    first = list(generate(300, 9))
    assert first == list(generate(300, 9))
    assert first != list(generate(300, 10))
    for record in first:
        for start, end, _ in record["boilerplate_spans"]:
            assert 0 <= start < end <= len(record["text"])
            assert record["text"][start:end].strip() == record["text"][start:end]


def test_generate_strip_outlets_unseen_on_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "unseen.jsonl"
    result = CliRunner().invoke(cli, ["generate", "strip", str(out), "--count", "20", "--outlets", "unseen"])
    assert result.exit_code == 0, result.output
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(records) == 20 and all(r["id"].startswith("unseen-") for r in records)
    refused = CliRunner().invoke(cli, ["generate", "dedup", str(out), "--outlets", "unseen"])
    assert refused.exit_code != 0 and "--outlets" in refused.output
