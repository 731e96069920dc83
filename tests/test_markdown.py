"""Markdown left-overs reduced to their text: emphasis found in linear time, as the regular expression finds it."""

from __future__ import annotations

import random
import re
import time

from corpus_tools import markdown


def test_emphasis_is_taken_off_as_the_regular_expression_takes_it() -> None:
    rng = random.Random(5)
    alphabet = ["*", "**", "_", "__", "a", "B", " ", "\n", "\r", "/", "@", "é", "7", "."]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        assert markdown._unbold(text) == markdown._unbold_plain(text), text


def test_openers_and_closers_with_the_delimiter_first_are_found_where_the_look_behinds_first_find_them() -> None:
    """`_unbold`'s patterns put the delimiter before the look-behinds of `_BOLD_OPENS` and `_BOLD_CLOSES`."""
    opener = re.compile(markdown._BOLD_OPENS)
    closers = {delimiter: re.compile(markdown._BOLD_CLOSES.format(re.escape(delimiter))) for delimiter in ("**", "__")}
    rng = random.Random(6)
    alphabet = ["*", "**", "_", "__", "a", "B", " ", "\n", "/", "@", "é", "7", "\u00a0"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        for start in range(len(text)):
            found, expected = markdown._BOLD_OPENER.search(text, start), opener.search(text, start)
            assert (found and (found.span(), found.group(1))) == (expected and (expected.span(), expected.group(1)))
        for delimiter, closer in closers.items():
            assert [match.span() for match in markdown._BOLD_CLOSERS[delimiter].finditer(text)] == \
                [match.span() for match in closer.finditer(text)], text


def test_headings_are_looked_for_only_where_a_hash_opens_a_line() -> None:
    """`_hash_opens_a_line` says where `_HEADING` may match: a "#" at a line's start after spaces, and nowhere else."""
    opens = re.compile(r"(?:^|(?<=\r))[^\S\r\n]*#", re.MULTILINE)
    rng = random.Random(7)
    alphabet = ["#", "##", " ", "\t", "\u00a0", "\n", "\r", "a", "B."]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert markdown._hash_opens_a_line(text) == bool(opens.search(text)), text
        if not markdown._hash_opens_a_line(text):
            assert markdown._HEADING.sub("", text) == text


def test_emphasis_examples() -> None:
    assert markdown.strip_markdown("a **bold** word and __another__ one") == "a bold word and another one"
    assert markdown.strip_markdown("***both*** and ****Offer**") == "*both* and Offer"
    assert markdown.strip_markdown("f**k it, s**t") == "f**k it, s**t"
    assert markdown.strip_markdown("/__pycache__/ and @__jane__") == "/__pycache__/ and @__jane__"
    assert markdown.strip_markdown("**not closed\non this line**") == "not closed\non this line**"


def test_a_line_of_openers_that_never_close_is_read_in_linear_time() -> None:
    """Each opener searched for its closer to the line's end: 16,000 of them took 27 s, 8,000 took 7 s."""
    text = "Start. " + "**a " * 60_000 + " End."
    started = time.perf_counter()
    stripped = markdown.strip_markdown(text)
    assert time.perf_counter() - started < 10
    assert stripped == "Start. " + "a " * 60_000 + " End."
