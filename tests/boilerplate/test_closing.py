"""The site's voice: lines near the end that speak to the reader about the site, not about the story."""

from __future__ import annotations

import pytest

from corpus_tools.boilerplate import closing


@pytest.mark.parametrize("line", [
    "If you enjoyed this post, click the heart button and share it with a friend.",
    "Tell us what you think in the comments, and follow our page for more.",
    "All posts here are the writers' views; ads on this blog are chosen by the advertiser, not by us.",
])
def test_a_sign_off_or_a_site_disclaimer_speaks_for_the_site(line: str) -> None:
    assert closing.speaks_for_the_site(line)


@pytest.mark.parametrize("line", [
    "You could see the smoke from the harbour, the pilot said, and we knew the pier was lost.",
    "The company said users could share a post by email or by a link on its page.",
    "We will rebuild the pier before the winter, and you have my word on that.",
    "The ferry left the harbour at dawn with forty passengers on board.",
])
def test_story_lines_do_not(line: str) -> None:
    assert not closing.speaks_for_the_site(line)


def test_site_words_count_at_most_three_and_reporting_costs_two() -> None:
    assert closing.site_voice("post blog page comment share") == closing.SITE_CAP
    assert closing.site_voice("you post blog, the mayor said") == 1


@pytest.mark.parametrize("line", [
    "Now you can too. Learn how with a free guide from Example Bonds.",
    "If your provider doesn't carry Example TV, call and ask them to put us on: the call is toll-free.",
])
def test_an_advertisement_sells(line: str) -> None:
    assert closing.sells(line)


@pytest.mark.parametrize("line", [
    "You can get a free ferry pass from Monday, the council said, if you live on the island.",
    "Get ready for a cold winter: the harbour will freeze, and the ferries will stop.",
    "The company offers a free trial to new customers.",
])
def test_a_story_line_does_not(line: str) -> None:
    assert not closing.sells(line)
