"""HTML tags a scrape left, reduced to their text: what goes, what stays, and that a second pass changes nothing."""

from __future__ import annotations

import random
import re
import time

import pytest

from corpus_tools.html_tags import strip_html


def tidied(text: str) -> str:
    """The text as normalize's whitespace step leaves it: runs of blank lines one blank line, no edges."""
    return re.sub(r"\n{3,}", "\n\n", re.sub(r" *\n *", "\n", text)).strip()


def test_code_goes_whole_and_breaks_and_blocks_become_line_and_paragraph_breaks() -> None:
    text = ('<div class="post"><p>The ferry <b>sailed</b> at noon.<br/>It was full.</p>'
            '<style>.post { color: red }</style><script>track("pier")</script><p>The pier closed.</p></div>')
    assert tidied(strip_html(text)) == "The ferry sailed at noon.\nIt was full.\n\nThe pier closed."


def test_an_embedded_posts_markup_leaves_its_words_and_its_attribution() -> None:
    post = ('<blockquote class="twitter-tweet"><p lang="en">The pier is closed <a href="https://t.co/x1">'
            'https://t.co/x1</a></p>— Harbour Desk (@harbourdesk) <a href="https://x.example/1">May 2, 2021</a>'
            '</blockquote> <script async src="https://x.example/widgets.js"></script>')
    assert tidied(strip_html(post)) == "The pier is closed https://t.co/x1\n\n— Harbour Desk (@harbourdesk) May 2, 2021"


@pytest.mark.parametrize("text", [
    "<Harbour Trust Inc> and <Example Ferries Ltd> agreed terms.",
    "The guide says to write <b> for bold and <i> for italics.",
    "Fares rose 5% as costs < revenue > forecasts.",
])
def test_fewer_than_three_tags_are_the_storys_own_angle_brackets(text: str) -> None:
    assert strip_html(text) == text


def test_a_second_pass_changes_nothing() -> None:
    rng = random.Random(3)
    pieces = ["<p>", "</p>", "<b>", "</b>", "<br>", "<", ">", "<<p>p>", "<scr", "ipt>", "</script>", "<div>", "a",
              "Pier ", "\n", "<span class='x'>", "</span>", "<img src=x>"]
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        once = strip_html(text)
        assert strip_html(once) == once, text


def test_a_long_text_of_unclosed_brackets_is_read_in_linear_time() -> None:
    def seconds(size: int) -> float:
        """The best of three runs: another process taking the core for a moment must not look like quadratic time."""
        text = "<p " * size + "<b>" * 3
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            strip_html(text)
            runs.append(time.perf_counter() - start)
        return min(runs)

    assert seconds(40_000) < 20 * max(seconds(4_000), 1e-3)
