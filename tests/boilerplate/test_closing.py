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
    "So maybe as champions, as people in a prominent position, we could go in and say, what can we do about this? "
    "Then he turned to the mayor for cutting the free ferry while you and your neighbours wait for a bus.",
])
def test_a_story_line_does_not(line: str) -> None:
    assert not closing.sells(line)


@pytest.mark.parametrize("line", [
    "Free shipping on every order!",
    "For more stations that carry Example TV – Click Here Now",
    "Get the guide today.",
    "Did you spot an error in this article?",
])
def test_a_call_to_action_asks_or_offers(line: str) -> None:
    assert closing.asks(line)


@pytest.mark.parametrize("line", [
    "Advertisement",
    "Story continues below",
    "Article continues after this message from our sponsors",
])
def test_an_advertisements_marker_asks_nothing(line: str) -> None:
    assert not closing.asks(line)


@pytest.mark.parametrize("line", [
    "Storm Cuts Power to Half the Valley Overnight",
    "Why the New Pier Will Cost Twice as Much as Planned",
    "Council Backs Budget After a Long Night of Debate?",
    "Ferry Fares Rise Again for Summer Crossings https://harbourledger.example/a",
    "Ferry Fares Rise 10 Percent for the Summer of 2024",
])
def test_another_storys_headline_is_title_case_without_a_full_stop(line: str) -> None:
    assert closing.headline(line)


@pytest.mark.parametrize("line", [
    "The ferry left the harbour at dawn with forty passengers on board.",
    "Storm cuts power to half the valley overnight",
    "Jane Roe, Harbour Editor",
    "Ferry services 31.4 mln vs 26.2 mln vs 24.9 mln",
    "Residents Were Asked To Leave, Police Said,",
    "HARBOUR POINT 58 LB 35 OVR MAY UP 1",
    "Sum of Harbour Fee Adjustments -- 12.32",
])
def test_sentences_names_and_figures_are_not_headlines(line: str) -> None:
    assert not closing.headline(line)


@pytest.mark.parametrize(("line", "link"), [
    ("Jane Q. Roe: The pier deserves better. Fund it.", True),
    ("Jane Roe and Tom Reed: Want to save the ferry? Start by paying its crews.", True),
    ("Note: The ferry board meets again on Tuesday.", False),
    ("Jane Roe: The crews said" + " the ferry would run again" * 6, False),
])
def test_a_link_to_a_column_is_its_writers_name_a_colon_and_a_short_headline(line: str, link: bool) -> None:
    assert closing.writer_link(line) is link


def test_a_date_without_a_year_opens_a_schedules_entry_not_a_headline() -> None:
    dates = ["June 9 -- Harbour Amphitheatre, West Palm Beach, FL",
             "June 10 – Tampa, FL @ Quayside Credit Union Arena",
             "Aug. 8 -- Riverside Casino Amphitheatre, Tinley Park, IL",
             "September 12 – Mountain View, CA @ Shoreline Hall"]
    assert not any(map(closing.headline, dates))
    assert closing.headline("October 24, 2020 – Harbour Ferry Fares Rise Again for the Summer")


def test_a_heading_ends_on_a_colon_and_is_short() -> None:
    assert closing.heading("Links:") and closing.heading("More from the valley:")
    assert not closing.heading("Operating profit by division -")
    assert not closing.heading("The council agreed on three points before the vote on Tuesday:")


BIO = ("Jane Q. Roe grew up on a farm above the harbour and learned to bake from her grandmother. "
       "She has since written two books about bread and teaches evening classes in the valley.")
STORY_END = "Bakeries in the valley sold out of rye bread by noon on Saturday."


def test_a_bio_of_someone_the_story_never_names_begins_at_their_name() -> None:
    assert closing.bio_start(BIO, STORY_END) == 0
    glued = STORY_END + BIO
    assert closing.bio_start(glued, "") == len(STORY_END)
    assert closing.bio_start(STORY_END + " " + BIO, "") == len(STORY_END) + 1


def test_the_writer_a_byline_names_is_introduced_by_their_bio() -> None:
    assert closing.bio_start(STORY_END + " " + BIO, "Bread in the valley By Jane Q. Roe") == len(STORY_END) + 1
    assert closing.bio_start(STORY_END + " " + BIO, "Jane Q. Roe bakes bread in the valley.") is None


@pytest.mark.parametrize("bio", [
    # going on with "Her", naming a journal in quotes with small words in its title
    "Jane Roe is a freelance writer and sailor. Her essays appear in magazines as diverse as the Harbour Review and "
    "Tide. She was a featured author in the journal “Boats in Wind, Rain, and Fog,” and writes for the Valley Ledger.",
    # an honour in a short quote, "named one of" a list
    "Jane B. Roe is Senior Editor at the Valley Ledger. She was named one of the “most influential” people in harbour "
    "news in 2016. Her new book, The Pier, is out in May.",
    # a podcast whose title holds "with"
    "Jane Roe is the harbour columnist for the Valley Ledger and host of “Tides with Jane Roe,” its podcast. She is "
    "also the sailing analyst for Harbour Radio.",
    # initials for a first name
    "AJ Marlow is the harbour columnist for the Valley Ledger and host of its ferry podcast. He is also the sailing "
    "analyst for Harbour Radio.",
    # a show's title in quotes, its closing quote after a space
    "Jane Roe is the paper's harbour correspondent. She is the author of two books and hosts the weekend radio "
    "program, “Jane Roe Harbour Radio. ” Follow her on Twitter @janeroe.",
])
def test_bios_in_the_forms_writers_sign_them_begin_at_their_name(bio: str) -> None:
    assert closing.bio_start(f"{STORY_END} {bio}", "") == len(STORY_END) + 1


@pytest.mark.parametrize(("line", "elsewhere"), [
    (BIO, "Jane Roe opened her bakery in 2015."),  # the story named her: a story's last lines about her
    (f"{STORY_END} Jane B. Roe is Senior Editor at the Valley Ledger. She was named editor of the paper's new ferry "
     "desk on Monday and starts in May.", ""),  # named to a post: news of a person
    (f"{STORY_END} Jane Roe is the paper's harbour correspondent. She calls the new pier “a waste of good money” "
     "every week.", ""),  # a quote of what she says
    ("Jane Roe grew up on a farm above the harbour and learned to bake from her grandmother.", ""),  # one sentence
    ("Tom Reed will be president of the bakery's new unit from May. He has run its shops in the valley since "
     "2010 and trained in Lyon.", ""),  # news of a person: an appointment
    ("Jane Roe grew up on a farm above the harbour. She said the rye harvest was the worst in years.", ""),
    ("Tom Reed grew up above the harbour and learned to bake there. The rye harvest was the worst in years and "
     "prices rose.", ""),  # the text moves on from him: story
    ("Former Rep. Tom Reed was found guilty and given eight months. He had denied the charges.", ""),
    ("But Harbour Bakeries grew fast and opened six shops. Its bread is sold in his cafes too.", ""),
    ("However Ferrymen settle their quarrels, their votes should count the same in the harbour. Reed is muddying "
     "the waters here, and he knows it.", ""),  # a sentence opener before a capitalised word
    ("Without Reed and Marlow to shield her now, the mayor may finally face the inquiry. It is time she answered "
     "for the pier. She has to explain the contracts, and she will not escape the auditors.", ""),
    ("Jane Roe and the crew of the harbour ferry were the first to reach the wreck with a rescue boat. Jane Roe "
     "may be tired of the pier by now, but she keeps showing why she got the job.", ""),  # a star and a team
    ("Jane Roe sends out the board's rules on the pier pic.twitter.com/AbCd1234 Tom Reed (@tomreed) September 7, "
     "2017. She first claimed, weeks ago, that she had not met the builders.", ""),  # an embedded post
    ("Skipper Tom Reed is no stranger to fines from the harbour police, and in the video below we see how calm he "
     "stays. He answers none of their questions.", ""),  # the writer's voice
    ("Jane Roe is our very own pier troll, playing a cruel game with the ferry money. Wonder if she even thinks of "
     "the crews.", ""),
    ("Can Governor Tom Reed fix the pier by giving more power to the board that broke it? No, he can't, and the "
     "crews know it.", ""),  # a question
    ("Make It the Centre of the Room: Keep the rest of the hall plain. Although she painted the door red, the "
     "designer chose a matte finish to calm the colour.", ""),  # a heading in Title Case, no name
])
def test_story_lines_about_people_are_not_a_bio(line: str, elsewhere: str) -> None:
    assert closing.bio_start(line, elsewhere) is None


def test_a_team_in_the_news_is_not_a_bio() -> None:
    line = ("Harbour Rovers beat their rivals 3-1 on Sunday to go top of the table. The manager praised his "
            "defence, which has let in only nine goals.")
    assert closing.bio_start(line, "") is None


def test_a_long_paragraph_about_a_person_called_mr_or_ms_is_the_storys_voice() -> None:
    review = ("Even so, what the harbour board did after the storm of 1953 seems hard to believe today. If you "
              "have not seen the archive footage, it is worth an evening to learn how thin our defences against the "
              "sea really were. If you have, the film still rewards a second look, thanks to Ms. Marlow's use of "
              "comments from the families who lived through it.")
    assert not closing.speaks_for_the_site(review)
    assert closing.speaks_for_the_site(review.replace("Ms. Marlow's", "the director's"))
