"""A site's plea for money in its own words, found as a run of sentences from the text's edge."""

from __future__ import annotations

import pytest

from corpus_tools.boilerplate import appeal

PLEA = [
    "Running the Harbour Ledger is not cheap, and your gifts pay the server bill.",
    "Every month we wonder whether we can keep the site going.",
    "If you read us often, please donate whatever you can spare.",
    "A monthly subscription of three pounds makes the most difference to us.",
    "Your support keeps this site independent and free for everyone.",
]


@pytest.mark.parametrize("sentence", [
    "If you read us often, please donate whatever you can spare.",
    "Your support keeps this site independent and free for everyone.",
    "Any support to keep the blog running would be much appreciated!",
    "You can become a member for the price of a coffee a month.",
])
def test_a_site_asking_its_readers_for_money_pleads(sentence: str) -> None:
    assert appeal.pleads(sentence)


@pytest.mark.parametrize("sentence", [
    "The family set up a fund and asked supporters to donate, the lawyer said.",
    "“Please donate to the shelter,” the mayor told residents on Tuesday.",
    "You can save money at the pump by filling up early in the week.",
    "The charity's donations fell by a fifth last year.",
])
def test_a_story_about_money_or_a_quoted_ask_does_not(sentence: str) -> None:
    assert not appeal.pleads(sentence)


def test_a_plea_that_names_the_site_runs_from_the_edge_over_its_asides() -> None:
    aside = "The ferry story below took us three weeks to report."
    sentences = [*reversed(PLEA[:3]), aside, *reversed(PLEA[3:])]
    assert appeal.edge_run(sentences, "harbourledger") == len(sentences)


def test_a_plea_ends_on_its_farthest_ask_before_the_story() -> None:
    story = ["The harbour board met on Monday.", "It voted to close the pier.", "Fishermen objected.",
             "The vote was six to one.", "A new pier is planned for 2027."]
    assert appeal.edge_run([*reversed(PLEA), *story], "harbourledger") == len(PLEA)


def test_no_run_without_the_site_named_or_without_asks() -> None:
    unnamed = ["Your gifts pay the bills.", "Please donate whatever you can spare.",
               "A monthly subscription makes the most difference.", "Your support keeps it going."]
    assert appeal.edge_run(unnamed, "") == 0
    assert appeal.edge_run(["Here at the Ledger we answer to no one.", *unnamed], "") == len(unnamed) + 1
    advice = ["You can save money at the pump by filling up early.", "Your car will thank you.",
              "Our site lists the cheapest stations.", "You could also join a car club as a member."]
    assert appeal.edge_run(advice, "") == 0


@pytest.mark.parametrize("ask", [
    "Please donate today.", "Find us on PayPal.", "Back us on Patreon.", "Our fund drive ends Friday.",
    "We took down the paywall.", "We count on your support.", "We need your help.", "Your gift matters.",
    "Support our reporting.", "Any support would be much appreciated.", "Start a monthly subscription.",
])
def test_a_text_with_an_ask_is_read_sentence_by_sentence(ask: str) -> None:
    assert appeal.may_plead(f"The harbour board met on Monday. {ask}")


def test_a_text_without_one_is_not() -> None:
    assert not appeal.may_plead("The harbour board voted to close the pier, and fishermen said they would appeal.")
