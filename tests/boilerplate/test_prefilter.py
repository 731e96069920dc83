"""The prefilter of rules: the words every match of an expression contains and how a matching unit starts."""

from __future__ import annotations

import re

from corpus_tools.boilerplate import segment
from corpus_tools.boilerplate.prefilter import gate_terms, lead_key, leading_keys
from corpus_tools.boilerplate.rules import load_rules
from corpus_tools.synthetic.strip import generate


def test_gate_words_are_whole_words_every_match_contains() -> None:
    assert gate_terms(r"\bclick (?:here|below)\b") == ((frozenset({"click"}), frozenset({"here", "below"})),)
    # "Twitter" may go on ("Twitters"), and "us" and "on" are too short to gate anything.
    assert gate_terms(r"^(?:Follow|Like) us on Twitter") == ((frozenset({"follow", "like"}),),)
    assert gate_terms(r"^(?:Follow|Like) us on Twitter\b") == ((frozenset({"twitter"}), frozenset({"follow", "like"})),)
    assert gate_terms(r"^©") == ()
    assert gate_terms(r"^Share\w*") == ()  # "share" may be the start of a longer word: no whole word is certain
    # A class of letters stands for one letter: "[Ff]ree" is the word "free" in either case.
    assert gate_terms(r"\b[Ff]ree (?:[Gg]ift|[Ss]hipping)\b") == (
        (frozenset({"free"}), frozenset({"gift", "shipping"})),)
    assert gate_terms(r"\b[Ff]ree[A-Z]") == ()  # the word goes on ("FreeX"): no whole word is certain
    # A negative lookahead consumes nothing: the word after it starts where a word may start without it.
    assert gate_terms(r"^(?:is|has) (?!been\b)(?:[\w-]+ ){0,2}(?:writer|editor)\b") == (
        (frozenset({"writer", "editor"}),),)
    assert gate_terms(r"^(?:is|has) \w*(?!been\b)(?:writer|editor)\b") == ()


def test_gate_terms_need_a_word_of_every_set_of_one_alternative() -> None:
    def as_sets(terms: tuple[tuple[frozenset[str], ...], ...]) -> set[frozenset[frozenset[str]]]:
        return {frozenset(term) for term in terms}

    assert as_sets(gate_terms(r"^This (?:article|story) (?:appeared|ran) in\b", re.IGNORECASE)) == {
        frozenset({frozenset({"appeared", "ran"}), frozenset({"article", "story"}), frozenset({"this"})})}
    assert as_sets(gate_terms(r"^(?:Comments are closed\b|Leave a comment\b)", re.IGNORECASE)) == {
        frozenset({frozenset({"comments"}), frozenset({"are"}), frozenset({"closed"})}),
        frozenset({frozenset({"leave"}), frozenset({"comment"})})}
    assert gate_terms(r"^(?:Click here|\d+ shares)") == ()  # one alternative needs no word: always run


def test_gate_terms_read_whole_words_where_the_parser_moved_letters_out_of_an_alternation() -> None:
    # The parser writes "(?:subscribe|sign up)" as "s(?:ubscribe|ign up)": the gate still needs one of the two words.
    assert set(gate_terms(r"^(?:Stay tuned|Read on): (?:subscribe|sign up) now")) == {
        (frozenset({"tuned"}), frozenset({"stay"}), frozenset({"subscribe", "sign"})),
        (frozenset({"read"}), frozenset({"subscribe", "sign"}))}
    # A word before an alternation whose every branch starts with a space or a mark stays a word of its own.
    assert gate_terms(r"^(?:Soutenez(?:-nous| notre travail)|Faites un don)") == (
        (frozenset({"soutenez"}),), (frozenset({"faites"}),))


def test_lead_keys_name_how_a_matching_unit_starts() -> None:
    assert leading_keys(r"^(?:By|Written by)\s+[A-Z]\w+", re.IGNORECASE) == frozenset({"by", "written"})
    assert leading_keys(r"^Comments? (?:are|is) closed") == frozenset({"comment", "comments"})
    assert leading_keys(r"^©\s*\d{4}") == frozenset({"©"})
    assert leading_keys(r"^Share") is None  # "Shares", "Shared": the first word is not known
    assert leading_keys(r"\bclick here") is None  # not anchored
    assert leading_keys(r"(?m)^By \w+") is None
    assert lead_key("Become a member today.") == "become"
    assert lead_key("“Quoted,” she said.") == "“"
    assert lead_key("Über uns") is None  # outside ASCII, case folding is the engine's business
    assert lead_key("") == ""


def test_no_shipped_rule_is_gated_away_from_a_unit_it_matches() -> None:
    """The gates are a shortcut, never a filter: wherever a rule's expression matches a unit, its lead
    keys and one of its gate terms admit the unit. Units: every rule's examples and counter-examples in
    several casings and openings, and every line and sentence of generated boilerplate-laden news."""
    rules = load_rules()[0]
    units = set()
    for rule in rules:
        for text in (*rule.examples, *rule.counter_examples):
            units |= {text, text.upper(), text.lower(), f"“{text}", f"Note: {text}", f"{text} Thanks."}
    for record in generate(60, seed=3):
        text = record["text"]
        for line in segment.lines(text):
            units.add(segment.view(text, line.start, line.end))
            units |= {segment.view(text, a, b) for a, b in segment.sentences(text, line.start, line.end)}
    checked = 0
    for rule in rules:
        for unit in units:
            if not rule.regex.search(unit):
                continue
            checked += 1
            words = set(re.findall(r"\w+", unit.lower()))
            assert rule.leads is None or lead_key(unit) in rule.leads | {None}, (rule.id, unit)
            assert not rule.gate_terms or any(all(not s.isdisjoint(words) for s in term) for term in rule.gate_terms), (
                rule.id, unit)
    assert checked > 1000
