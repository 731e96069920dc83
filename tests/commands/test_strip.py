"""`corpus strip` through the CLI: JSONL in, JSONL out, audit file, explain, manifest counts, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, invoke, make_record, parse_jsonl, shared_path, to_jsonl

STORIES = FIXTURES / "outlet-footer" / "stories.jsonl"
FOOTER = "The Lantern is carried by the river towns and their readers, every single week."
BODY = "The council voted on Tuesday to approve a revised budget for the coming year."


def test_strip_removes_rule_boilerplate_from_stdin_to_stdout() -> None:
    record = make_record(f"By Jane Marlow\n\n{BODY}\n\nSign up for our daily newsletter.")
    result = invoke(["strip"], input=to_jsonl([record]))
    assert result.exit_code == 0, result.stderr
    [out] = parse_jsonl(result.stdout)
    assert out["text"] == BODY
    assert out["meta"] == {"author": "Jane Marlow"}
    assert result.stderr == ""


def test_learn_removes_the_outlet_footer_and_keeps_the_republished_story() -> None:
    result = invoke(["read", str(STORIES), "strip", "--learn"])
    assert result.exit_code == 0, result.stderr
    records = {r["id"]: r for r in parse_jsonl(result.stdout)}
    assert all(FOOTER not in r["text"] and "All rights reserved" not in r["text"] for r in records.values())
    wire = [json.loads(line) for line in STORIES.read_text().splitlines() if '"wire-' in line]
    for original in wire:
        kept = records[original["id"]]["text"]
        assert kept == original["text"].replace(f"\n\n{FOOTER}", "")


def test_removed_file_lists_each_span_with_offsets_into_the_input(tmp_path: Path) -> None:
    audit = tmp_path / "removed.jsonl"
    text = f"By Jane Marlow\n\n{BODY} Click here to see the map.\n\n© 2019 Example Media"
    result = invoke(["strip", "--removed", str(audit)], input=to_jsonl([make_record(text, id="a1")]))
    assert result.exit_code == 0, result.stderr
    entries = parse_jsonl(audit.read_text())
    assert [(e["id"], e["category"], e["rule"]) for e in entries] == [
        ("a1", "byline", "en.byline.by"), ("a1", "cta", "en.cta.click-here"), ("a1", "copyright", "en.copyright.line")]
    assert all(text[e["start"]:e["end"]] == e["text"] for e in entries)


def test_manifest_counts_removals_per_category_and_rule_and_drops(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    records = [make_record(f"{BODY}\n\nAdvertisement", id="a"), make_record("Advertisement", id="b")]
    result = invoke(["--manifest", str(manifest), "strip"], input=to_jsonl(records))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in parse_jsonl(result.stdout)] == ["a"]
    stage = next(s for s in json.loads(manifest.read_text())["stages"] if s["name"] == "strip")
    assert stage["dropped"] == {"empty_after_strip": 1}
    assert stage["counts"]["removed.category.ad"] == 2
    assert stage["counts"]["removed.rule.en.ad.label"] == 2


def test_keep_category_and_an_unknown_category() -> None:
    record = make_record(f"{BODY}\n\nAdvertisement")
    kept = invoke(["strip", "--keep-category", "ad"], input=to_jsonl([record]))
    assert parse_jsonl(kept.stdout)[0]["text"] == record["text"]
    wrong = invoke(["strip", "--keep-category", "adverts"], input=to_jsonl([record]))
    assert wrong.exit_code == 2
    assert "no rule has category 'adverts'" in wrong.stderr


def test_the_wire_dateline_which_only_the_in_line_finders_take_can_be_kept() -> None:
    """--keep-category dateline was refused as no rule's category, though strip removes datelines."""
    record = make_record(f"HARBOUR CITY (Example Wire) - {BODY}")
    assert parse_jsonl(invoke(["strip"], input=to_jsonl([record])).stdout)[0]["text"] == BODY
    kept = invoke(["strip", "--keep-category", "dateline"], input=to_jsonl([record]))
    assert kept.exit_code == 0, kept.stderr
    assert parse_jsonl(kept.stdout)[0]["text"] == record["text"]


@pytest.mark.parametrize("rule_id", ["house.motto", "en.byline.by"])
def test_user_rules_file(tmp_path: Path, rule_id: str) -> None:
    """A rule of the user's own applies; one that takes a shipped rule's id replaces that rule, and says so."""
    rules = tmp_path / "house.toml"
    rules.write_text(f"[[rule]]\nid = \"{rule_id}\"\ncategory = \"promo\"\nscope = \"line\"\n"
                     "pattern = '^Lantern light for every valley$'\n", encoding="utf-8")
    record = make_record(f"{BODY}\n\nLantern light for every valley")
    result = invoke(["strip", "--rules", str(rules)], input=to_jsonl([record]))
    assert result.exit_code == 0, result.stderr
    assert parse_jsonl(result.stdout)[0]["text"] == BODY
    replaced = f"strip --rules {rules}: rule 'en.byline.by' replaces the shipped rule of that id"
    assert (replaced in result.stderr) == (rule_id == "en.byline.by")


def test_a_broken_rules_file_is_an_error_message_not_a_traceback(tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    rules.write_text("[[rule]]\nid = \"x\"\ncategory = \"cta\"\npattern = '(unclosed'\n", encoding="utf-8")
    result = invoke(["strip", "--rules", str(rules)], input=to_jsonl([make_record()]))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {rules}: rule 'x': pattern is not a valid regular expression")


def test_learn_with_model_is_a_usage_error(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    model.write_text("{}", encoding="utf-8")
    result = invoke(["strip", "--learn", "--model", str(model)], input="")
    assert result.exit_code == 2
    assert "either --learn or --model" in result.stderr


def test_model_with_no_learn_uses_the_saved_model(tmp_path: Path) -> None:
    model = tmp_path / "model.json"
    learned = invoke(["boilerplate", "learn", str(STORIES), "-o", str(model)])
    assert learned.exit_code == 0, learned.stderr
    result = invoke(["read", str(STORIES), "strip", "--model", str(model), "--no-learn"])
    assert result.exit_code == 0, result.stderr
    texts = [r["text"] for r in parse_jsonl(result.stdout)]
    assert texts and not any(FOOTER in text for text in texts)


def test_explain_writes_to_stderr_and_keeps_stdout_pure_jsonl() -> None:
    records = [make_record(f"{BODY}\n\nAdvertisement", id=f"r{n}") for n in range(3)]
    result = invoke(["strip", "--explain", "--explain-limit", "2"], input=to_jsonl(records))
    assert result.exit_code == 0
    assert [r["text"] for r in parse_jsonl(result.stdout)] == [BODY] * 3
    assert "r0: 1 span(s)" in result.stderr and "r1: 1 span(s)" in result.stderr
    assert "r2:" not in result.stderr
    assert "[ad · en.ad.label]" in result.stderr


def test_explain_shows_control_characters_of_the_corpus_and_does_not_obey_them() -> None:
    record = make_record(f"Harbour \x1b]0;title\x07Desk\n\n{BODY}\n\nAdvertisement", id="e\x1b[31mx")
    result = invoke(["strip", "--explain"], input=to_jsonl([record]))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "e\\x1b[31mx: 1 span(s)" in result.stderr and "\\x1b]0;title\\x07" in result.stderr


def test_workers_give_the_same_output() -> None:
    lines = STORIES.read_text()
    one = invoke(["strip"], input=lines)
    two = invoke(["--workers", "2", "strip"], input=lines)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


SEED_MARKERS = ["Posted on by", "Voiceover by", "Click here", "Related Videos", "By South Front", "Region:",
                "Theme:", "In-depth Report:", "Featured image", "If you're able", "PayPal", "patreon", "announces the",
                "ISBN",
                "List Price", "Special Price", "Click to order", "Pre-Order", "original source", "Copyright",
                "Comment on", "Become a Member", "Articles by", "Disclaimer", "fair use", "media inquiries",
                "Global Research, September"]


def seed_body(text: str) -> list[str]:
    """The story paragraphs of a seed, read from the file: long paragraphs outside the book offer, cut
    at the first boilerplate marker they contain (a call to action can end a story paragraph)."""
    body, in_offer = [], False
    for paragraph in text.split("\n\n"):
        in_offer = in_offer or "announces the" in paragraph
        if in_offer:
            in_offer = "Click to order" not in paragraph
            continue
        cut = min([paragraph.find(m) for m in SEED_MARKERS if m in paragraph] or [len(paragraph)])
        story = paragraph[:cut].strip()
        if len(story.split()) >= 12:
            body.append(story)
    return body


def test_both_seed_articles_come_out_clean() -> None:
    seeds = shared_path("seeds")
    result = invoke(["read", str(seeds), "normalize", "strip"])
    assert result.exit_code == 0, result.stderr
    out = {r["id"]: r for r in parse_jsonl(result.stdout)}
    normalized = {r["id"]: r for r in parse_jsonl(invoke(["read", str(seeds), "normalize"]).stdout)}
    assert len(out) == 2
    for record_id, record in out.items():
        text = record["text"]
        assert [m for m in SEED_MARKERS if m in text] == [], record_id
        body = seed_body(normalized[record_id]["text"])
        assert len(body) >= 7
        assert [p for p in body if p not in text] == [], record_id
        assert all(p in normalized[record_id]["text"] for p in text.split("\n\n"))
    first = next(r for key, r in out.items() if key.startswith("000_"))
    assert first["date"] == "2017-08-24"
    second = next(r for key, r in out.items() if key.startswith("002_"))
    assert second["meta"] == {"author": "South Front"} and second["date"] == "2017-09-14"
    second_id = next(key for key in out if key.startswith("002_"))
    assert second["title"] == normalized[second_id]["text"].split("\n")[0]  # the headline line becomes its title


def test_a_language_no_rule_is_written_for_is_named() -> None:
    result = invoke(["strip", "--lang", "xx"], input='{"id": "a", "text": "The ferry left at noon."}\n')
    assert result.exit_code == 0, result.stderr
    assert "strip --lang xx: no rule is written for it, so only the rules for any language apply" in result.stderr
    assert "Warning" not in invoke(["strip", "--lang", "de"], input='{"id": "a", "text": "Die Fähre fuhr."}\n').stderr
