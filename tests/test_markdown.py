"""Markdown left-overs reduced to their text: emphasis found in linear time, as the regular expression finds it."""

from __future__ import annotations

import random
import time

from corpus_tools import markdown


def test_emphasis_is_taken_off_as_the_regular_expression_takes_it() -> None:
    rng = random.Random(5)
    alphabet = ["*", "**", "_", "__", "a", "B", " ", "\n", "\r", "/", "@", "é", "7", "."]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        assert markdown._unbold(text) == markdown._unbold_plain(text), text


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
