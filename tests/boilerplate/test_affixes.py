"""In-line boilerplate: wire datelines, closing credits and cues, embedded posts' attributions."""

from __future__ import annotations

import random
import re
import time

import pytest

from corpus_tools.boilerplate import affixes


def tails(unit: str) -> list[tuple[str, str]]:
    return [(unit[start:end], category) for start, end, category in affixes.tail(unit)]


def inline(unit: str) -> list[tuple[str, str]]:
    return [(unit[start:end], category) for start, end, category in affixes.inline(unit)]


@pytest.mark.parametrize(("line", "rest"), [
    ("HARBOUR CITY (Example Wire) - The council met.", "The council met."),
    ("PORT ELLEN, Islay (Wire) - Ferries ran late.", "Ferries ran late."),
    ("(Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("NORTH BAY—The ferry ran aground.", "The ferry ran aground."),
    ("(In May 3 story, corrects name of the pier in paragraph 2) HARBOUR CITY (Wire) - The pier opened.",
     "The pier opened."),
    ("(This story has been refiled to fix a typo in paragraph 4) The pier opened.", "The pier opened."),
    ("HARBOUR CITY (The Example Evening Post) — The pier opened.", "The pier opened."),
    ("HARBOUR CITY, Mar 3, 2017 — The pier opened.", "The pier opened."),
    ("PORT ELLEN, Dec. 1, 2016 /Example Newswire/ -- Ferries ran late.", "Ferries ran late."),
    ("(HarbourNews) Ferries ran late.", "Ferries ran late."),
    ("(CNN) Ferries ran late.", "Ferries ran late."),
    ("(CNN)Ferries ran late.", "Ferries ran late."),
    ("Port Ellen (CNN)Ferries ran late.", "Ferries ran late."),
    ("Port Ellen (AP) Ferries ran late.", "Ferries ran late."),
    ("Port Ellen, Islay — (RT) Ferries ran late.", "Ferries ran late."),
    ("(RT) Ferries ran late.", "Ferries ran late."),
    ("PORT ELLEN \ufffd Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY (The Harbour Report)\ufffd Ferries ran late.", "Ferries ran late."),
    ("Story highlights The pier opens in June", "The pier opens in June"),
    ("(KHBR) —", ""),
    ("Port Ellen CNN —", ""),
    ("Port Ellen CNN — Ferries ran late.", "Ferries ran late."),
    ("Harbour City (hcn) – Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY, July 23. -- Ferries ran late.", "Ferries ran late."),
    ("Updated: HARBOUR CITY — Ferries ran late.", "Ferries ran late."),
    ("Aug. 18 (UPI) -- Ferries ran late.", "Ferries ran late."),
    ("By Jane Roe and Tom Reed PORT ELLEN, Nov 8 (Reuters) - Ferries ran late.", "Ferries ran late."),
    ("Port Ellen (AFP) - Ferries ran late.", "Ferries ran late."),
    ("Ellen-sur-Mer (Islay) (AFP) - Ferries ran late.", "Ferries ran late."),
    ("PORT ELLEN, Islay/HARBOUR CITY (Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("NORTH BAY, Ont./HARBOUR CITY (Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("NORTH BAY, Isle of Harbour (Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY(Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY, (Example Wire) - Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY () - Ferries ran late.", "Ferries ran late."),
    ("((This story has been corrected to fix the pier's name)) HARBOUR CITY (Wire) - The pier opened.",
     "The pier opened."),
    ("() By Jane Marlow HARBOUR CITY (Wire) - The pier opened.", "The pier opened."),
    ("Feb. 23, 2015 -- Ferries ran late.", "Ferries ran late."),
    ("April 17, 2015 -- Ferries ran late.", "Ferries ran late."),
    ("HARBOUR CITY - Jane Roe is at a crossroads.", "Jane Roe is at a crossroads."),
    ("(HARBOUR CITY, OR) A professor warned the town.", "A professor warned the town."),
    ("Port Ellen — The Harbour Board said on Monday it would keep the ferry.",
     "The Harbour Board said on Monday it would keep the ferry."),
    ("(Harbour News) The board will stop at nothing.", "The board will stop at nothing."),
    ("Port Ellen (Sputnik): The board has reported more cases.", "The board has reported more cases."),
    ("WEDNESDAY, Jan. 5, 2011 (Harbour News) -- Divers found rot in the piles.", "Divers found rot in the piles."),
    ("TUESDAY, May 4 (Harbour News) -- Divers found rot.", "Divers found rot."),
    ("March 8, 2010 (Port Ellen, Scot.) -- Once again, the ferry ran late.", "Once again, the ferry ran late."),
    ("Newswise — HARBOUR CITY ― For once, the ferry was on time.", "For once, the ferry was on time."),
    ("HARBOUR CITY (KHBR9-TV) - The ferry was on time.", "The ferry was on time."),
    ("HARBOUR CITY ― The ferry was on time.", "The ferry was on time."),
    ("CNN —", ""),
])
def test_a_dateline_and_an_editors_note_open_the_first_line(line: str, rest: str) -> None:
    pieces = affixes.prefix(line)
    assert line[pieces[-1][1]:] == rest
    assert [end for _start, end, _category in pieces[:-1]] == [start for start, _end, _category in pieces[1:]]


def test_a_wire_dateline_is_told_by_its_agency() -> None:
    assert affixes.WIRE_DATELINE.match("HARBOUR CITY (AP) — Ferries ran late.")
    assert affixes.WIRE_DATELINE.match("PORT ELLEN, Islay (Reuters) - Ferries ran late.")
    assert not affixes.WIRE_DATELINE.match("HARBOUR CITY — Ferries ran late.")
    assert not affixes.WIRE_DATELINE.match("The council (AP) — said nothing.")


def test_reporters_names_between_a_correction_and_the_dateline_are_a_byline() -> None:
    line = ("(This version of the May 3 story corrects the pier's name in paragraph 2) By Jane Marlow and Tom Reed "
            "HARBOUR CITY/PORT ELLEN (Example Wire) - The pier opened.")
    assert [(line[start:end].strip(), category) for start, end, category in affixes.prefix(line)] == [
        ("(This version of the May 3 story corrects the pier's name in paragraph 2)", "note"),
        ("By Jane Marlow and Tom Reed", "byline"), ("HARBOUR CITY/PORT ELLEN (Example Wire) -", "dateline")]
    assert affixes.prefix("By Jane Marlow and Tom Reed, who were there, the pier opened.") == []


def test_empty_brackets_are_a_note_only_before_a_byline_or_dateline() -> None:
    assert affixes.prefix("() The pier opened.") == []
    assert inline("The helper call ready() now returns early.") == []


def test_a_town_before_a_web_outlets_address_is_a_dateline() -> None:
    line = "Port Ellen, Scot. –-(Example.com)- The distillery opened a second warehouse."
    assert line[affixes.prefix(line)[-1][1]:] == "The distillery opened a second warehouse."
    line = "USA -(Example.com)- The distillery opened a second warehouse."
    assert line[affixes.prefix(line)[-1][1]:] == "The distillery opened a second warehouse."
    assert affixes.prefix("Port Ellen, Scot. (Jane Marlow) - The distillery opened.") == []


@pytest.mark.parametrize("line", [
    "The council met on Tuesday (Example Wire) - said nothing.",
    "Harbour City - the council met on Tuesday.",
    "NATO said the drill would go on.",
    "FULL DISCLOSURE: I own a boat that uses the pier.",
    "HARBOUR CITY: The pier opened.",
    "(McKay) Ferries ran late.",
    "(Jane Roe) Ferries ran late.",
    "(Harbournews) ferries ran late.",
    "Acme (ACME) Chief Executive Jane Roe quit.",
    "Port Ellen (CNN) said nothing.",
    "(CNN)said nothing.",
    "The highlights of the story came late.",
    "Former CNN anchor Jane Roe ran the ferry.",
    "Update: The council met again.",
    "Harbour City (hcn) said nothing.",
    "HARBOUR CITY, July 23 was the day the pier opened.",
    "UPDATE - The council met again.",
    "(NATO) Ferries ran late.",
    "Harbour Report – October 31, 2016: Ferries ran late.",
    "Tobacco – I quit that a few years back.",
])
def test_story_openings_keep_every_word(line: str) -> None:
    assert affixes.prefix(line) == []


def test_a_credit_glued_to_the_last_sentence_goes_without_the_sentence() -> None:
    line = "The ferry will be back in June.Featured image via Jane Marlow/Example Images"
    assert tails(line) == [("Featured image via Jane Marlow/Example Images", "credit")]


def test_a_newspapers_credit_after_a_caption_and_a_quotes_tweet_button_go() -> None:
    assert tails("A pilot showed the crew how to moor. Jane Marlow/Harbour Courier staff") == [
        ("Jane Marlow/Harbour Courier staff", "credit")]
    assert tails("Ferries beat buses in every month of the year. - Click to Tweet") == [("- Click to Tweet", "share")]
    assert tails("He joined the board. Jane Marlow/the staff") == []
    assert tails("The drones flew over the pier. Credit – Jane Marlow") == [("Credit – Jane Marlow", "credit")]
    assert tails("The credit – card debt rose.") == []


def test_an_emptied_list_label_and_the_credit_after_it_go() -> None:
    line = "Keep it up, Marlow!You might also enjoy Featured image via Tom Reed/Example Images for Harbour Day"
    assert tails(line) == [("Featured image via Tom Reed/Example Images for Harbour Day", "credit"),
                           ("You might also enjoy", "related")]


def test_a_cue_left_by_an_embed_and_a_credit_go_together() -> None:
    line = "The mayor was not amused.Read more:Photo by Tom Reed/Example Images."
    assert tails(line) == [("Photo by Tom Reed/Example Images.", "credit"), ("Read more:", "cta")]


def test_a_copyright_in_lower_case_ends_a_poem() -> None:
    line = "and so the harbour sleeps. copyright by: Jane Marlow"
    assert tails(line) == [("copyright by: Jane Marlow", "copyright")]


def test_a_press_releases_media_contact_ends_the_last_paragraph() -> None:
    line = "“The pier will reopen,” Marlow said. MEDIA CONTACT: Tom Reed, Media Relations, Example Institute"
    assert tails(line) == [("MEDIA CONTACT: Tom Reed, Media Relations, Example Institute", "contact")]


def test_a_cue_glued_between_two_sentences_goes_alone() -> None:
    line = "Did he mean it?Watch:The mayor answers the harbour questions on air."
    assert inline(line) == [("Watch:", "cta")]


def test_a_pointer_to_a_video_names_its_source_in_up_to_three_words() -> None:
    assert inline("He left early.Here s the video via Harbour News.Then he came back.") == [
        ("Here s the video via Harbour News.", "cta")]
    assert tails("He left early. Here's the clip via Harbour Evening News.") == [
        ("Here's the clip via Harbour Evening News.", "cta")]


def test_a_pointer_to_a_dropped_video_goes_and_one_to_the_tweet_that_follows_stays() -> None:
    assert inline("The mayor walked off.Here s the video:Viewers were puzzled.") == [("Here s the video:", "cta")]
    assert inline("No, really. Here is the tweet:The harbour is closed to all ferries today.") == []


def test_a_breaking_story_note_and_its_stay_tuned_go_and_a_story_breaking_new_ground_stays() -> None:
    line = "The pier was closed.This story is breaking. Stay tuned to Harbour Daily for further updates."
    assert tails(line) == [("Stay tuned to Harbour Daily for further updates.", "cta"),
                           ("This story is breaking.", "note")]
    assert tails("The ferry ran late. This story is breaking new ground for the town, the mayor said.") == []


def test_a_wire_reporting_credit_ends_the_story() -> None:
    line = "The vote was seven to two. (Reporting by Jane Marlow; Editing by Tom Reed)"
    assert tails(line) == [("(Reporting by Jane Marlow; Editing by Tom Reed)", "byline")]


def test_a_bare_link_in_brackets_after_the_last_sentence_is_its_source() -> None:
    line = "Exports rose 6 percent in the quarter, the ministry said. (bit.ly/2AbCdEf)"
    assert tails(line) == [("(bit.ly/2AbCdEf)", "source")]


def test_a_timelines_sources_in_capitals_end_the_line() -> None:
    line = "June 14: The pier confirms its first ferry. SOURCES: Harbour Council, Example Wire, Port Authority"
    assert tails(line) == [("SOURCES: Harbour Council, Example Wire, Port Authority", "source")]


def test_a_link_in_brackets_inside_a_sentence_is_the_storys() -> None:
    assert tails("A survey by the statistics office (https://example.org/survey) found longer commutes.") == []
    assert tails("The office published its survey (https://example.org/survey)") == []


@pytest.mark.parametrize("line", [
    "He took a photo by the river.",
    "The museum bought the photo. Photo: the museum said it paid a fair price for it. Then it closed early.",
    "Credit: the council deserves it.",
    "The ferry leaves the pier. Photo / video of the crossing is on the council's site. Then it closed early.",
])
def test_story_endings_that_use_credit_words_stay(line: str) -> None:
    assert tails(line) == []


def test_a_credit_that_runs_into_a_glued_sentence_is_left() -> None:
    line = ("The pier opened. Source: Harbour NotesGiven the weather, the crowd was larger than anyone had "
            "expected on a grey morning in early spring by the water.")
    assert tails(line) == []


def test_an_embedded_posts_attribution_goes_with_its_links_and_not_the_sentence_before() -> None:
    line = ("The pier is finally open! pic.twitter.com/AbC123xyz Harbour Mayor (@harbourmayor) May 3, 2024 "
            "Residents cheered.")
    assert inline(line) == [("pic.twitter.com/AbC123xyz Harbour Mayor (@harbourmayor) May 3, 2024", "embed"),
                            ("pic.twitter.com/AbC123xyz", "embed")]


def test_a_posters_name_stops_at_lower_case_story_words() -> None:
    line = "and the crowd went home Jane Marlow (@jmarlow) June 1, 2024"
    assert inline(line) == [("Jane Marlow (@jmarlow) June 1, 2024", "embed")]


@pytest.mark.parametrize(("line", "attribution"), [
    ("The ferry crews deserve our Harbour Gratitude Deputy Mayor Roe (@DMRoe) May 3, 2024",
     "Deputy Mayor Roe (@DMRoe) May 3, 2024"),
    ("The pier was packed, says Harbour Weekly s Tom Green Jane Marlow (@JMarlow_News) May 3, 2024",
     "Jane Marlow (@JMarlow_News) May 3, 2024"),
    ("This pier is a TOTAL DISGRACE Jane Marlow (@sailorgirl77) May 3, 2024",
     "Jane Marlow (@sailorgirl77) May 3, 2024"),
    ("Never Trust The Harbour Board Jane Marlow (@janesails) May 3, 2024",
     "Jane Marlow (@janesails) May 3, 2024"),
    ("Best Weekend Ever Harbour Pier Sailing Club Lido (@sailorgirl77) May 3, 2024",
     "Sailing Club Lido (@sailorgirl77) May 3, 2024"),
    ("What a view. Jane Q. Roe Marlow (@sailorgirl77) May 3, 2024", "Jane Q. Roe Marlow (@sailorgirl77) May 3, 2024"),
])
def test_a_post_ending_on_capitalised_words_keeps_them_from_its_posters_name(line: str, attribution: str) -> None:
    assert inline(line) == [(attribution, "embed")]


def test_a_posters_name_shown_after_a_link_bounds_the_same_handles_name_elsewhere() -> None:
    unit = ("Crews waited all day.pic.twitter.com/AbC123xyz Lido (@sailorgirl77) May 3, 2024The ferry was late "
            "again. Signed, a tired Ferry Fan Lido (@sailorgirl77) May 3, 2024The council met on Tuesday.")
    pieces = [piece for piece, _category in inline(unit)]
    assert "Lido (@sailorgirl77) May 3, 2024" in pieces
    assert not any("Ferry Fan" in piece for piece in pieces)


def test_a_name_no_attribution_bounds_is_walked_as_before() -> None:
    unit = "The ferry was late again. Signed, a tired Ferry Fan Lido (@sailorgirl77) May 3, 2024The council met."
    assert "Ferry Fan Lido (@sailorgirl77) May 3, 2024" in [piece for piece, _category in inline(unit)]


def test_a_posters_name_stops_at_the_dash_glued_to_the_quoted_post() -> None:
    line = '"The pier opens at Easter Harbour"— Harbour Mayor (@harbourmayor) May 3, 2024 Residents cheered.'
    assert inline(line) == [("Harbour Mayor (@harbourmayor) May 3, 2024", "embed")]


def test_a_credit_under_a_label_in_any_language_goes_with_its_bracket() -> None:
    line = "O cais reabriu ontem. (Foto: Jane Roe/AP) A fila era longa."
    assert inline(line) == [("(Foto: Jane Roe/AP)", "credit")]


@pytest.mark.parametrize("pointer", [
    "(RELATED: Harbour Board Bars Fishermen… Removes Their Permits)", "[READ MORE: Ferry fares rise again]",
    "(MORE: Can Olive Oil Help the Heart?)", "[ Related: 12 Harbour Stories You Missed! ]",
])
def test_another_storys_headline_in_brackets_goes_and_the_sentences_around_it_stay(pointer: str) -> None:
    assert inline(f"The board voted to close the pier. {pointer} Fishermen said they would appeal.") == [
        (pointer, "related")]


@pytest.mark.parametrize("line", [
    "(Related stories ran in the Harbour Post on Monday.)", "The pier closed (More: page 4) on Monday.",
    "The pier closed (Watch: the video) on Monday.", "The pier(RELATED: Harbour Board Bars Fishermen) closed.",
])
def test_a_bracket_without_a_label_and_a_headline_of_three_words_stays(line: str) -> None:
    assert inline(line) == []


def test_a_shared_post_and_a_bracketed_credit_go() -> None:
    line = ("A post shared by Harbour Bakery (@harbourbakery) on Jun 28, 2024 at 7:31pm PDT The queue was long. "
            "(Photo credit: Jane Marlow)")
    assert inline(line) == [
        ("A post shared by Harbour Bakery (@harbourbakery) on Jun 28, 2024 at 7:31pm PDT", "embed"),
        ("(Photo credit: Jane Marlow)", "credit")]


def test_an_instagram_post_shared_without_a_date_goes_by_its_handle() -> None:
    line = "View this post on Instagram A post shared by Harbour Bakery (@harbourbakery)"
    assert inline(line) == [(line, "embed")]
    assert inline("A post shared by the harbour master drew a crowd to the pier.") == []


def test_a_staff_photographers_credit_names_their_paper() -> None:
    line = "Crews lift the old pier's last pile on Monday. (Jane Roe / Port Ellen Review-Journal) @janeroe"
    assert inline(line) == [("(Jane Roe / Port Ellen Review-Journal) @janeroe", "credit")]
    assert inline("The queue was long. (Jane Roe/Harbour Times)") == [("(Jane Roe/Harbour Times)", "credit")]
    assert inline("The board met (Jane Roe / Tom Reed) and voted.") == []
    assert inline("Crews lift the pile. (J.Q. Roe/Port Ellen Review-Journal) @jqroe") == [
        ("(J.Q. Roe/Port Ellen Review-Journal) @jqroe", "credit")]
    assert inline("The queue was long. (Tom O’Reed/The Harbour Post)") == [("(Tom O’Reed/The Harbour Post)", "credit")]


def test_a_credit_in_brackets_may_name_whose_picture_it_is_or_the_site_it_came_through() -> None:
    for credit in ("(Harbour Board photo)", "(Example Wire photo: Jane Marlow)",
                   "(Illustrative photo: Jane Roe/Example)", "(Jane Roe via Flickr)"):
        assert inline(f"Crews lift the old pier's last pile on Monday. {credit}") == [(credit, "credit")]
    assert inline("She held it up (The photo) and the room went quiet.") == []
    assert inline("She reached the quay (Jane Roe via the ferry) on Monday.") == []


def test_a_reader_poll_glued_between_the_headline_and_the_story_goes() -> None:
    poll = "% of readers think this story is Fact. Add your two cents."
    assert inline(f"Ferry Fares Rise Again {poll} The council voted on Tuesday.") == [(poll, "comments")]
    assert inline("Most readers think this story is wrong, the editor said.") == []


def test_whose_picture_it_is_goes_where_it_ends_a_caption_and_a_sentence_giving_thanks_stays() -> None:
    for caption, credit in (("Aerial view of the new pier", "Courtesy of Example Architects"),
                            ("Jane Marlow, Harbour at dawn, oil on linen", "Courtesy of the Artist/Example Gallery"),
                            ("The ferry crew in 1950", "Photo courtesy of Tom Reed")):
        assert inline(f"{caption} {credit}") == [(credit, "credit")]
    assert inline("The free ferry rides came courtesy of the harbour board.") == []
    assert inline("The reception was paid for. Courtesy of Harbour Post.") == []


def test_a_credit_in_brackets_says_whose_picture_it_is_and_a_caption_in_brackets_stays() -> None:
    assert inline("The queue was long. (Photo: Example Wire/Jane Marlow)") == [
        ("(Photo: Example Wire/Jane Marlow)", "credit")]
    assert inline("The queue was long. (Image Via: Harbour Museum)") == [("(Image Via: Harbour Museum)", "credit")]
    assert inline("The queue was long (Photo of the pier at dawn) and slow.") == []
    assert inline("Ferry fares rose by a tenth. (Graphic:example.rs/2fares) Few complained.") == [
        ("(Graphic:example.rs/2fares)", "credit")]


def test_the_link_under_an_excerpt_goes_and_more_in_a_sentence_stays() -> None:
    assert tails("The pier reopened in September.—More…") == [("—More…", "related")]
    assert tails("The pier reopened in September. Read more »") == [("Read more »", "related")]
    assert tails("Crowds wanted more…") == []
    assert tails("The council asked for more.") == []


@pytest.mark.parametrize(("line", "lead_in"), [
    ("The crowd cheered.Watch the video below:Featured image via Jane Marlow/Example Images", "Watch the video below:"),
    ("The mayor left early. Watch it here:", "Watch it here:"),
    ("The mayor left early.Here s the video via ExampleTube.", "Here s the video via ExampleTube."),
    ("The mayor left early. Here's the full interview below.", "Here's the full interview below."),
    ("The mayor left early.Watch the commercial below:", "Watch the commercial below:"),
    ("The mayor left early. Take a look at the awesome video:", "Take a look at the awesome video:"),
])
def test_a_bare_lead_in_to_a_dropped_video_ends_the_line(line: str, lead_in: str) -> None:
    assert (lead_in, "cta") in tails(line)


@pytest.mark.parametrize("line", [
    "The mayor left early. Watch the mayor dodge the harbour question below:",
    "The mayor left early. Here is a report that says the pier will close.",
    "The council said residents should watch the video.",
    "Here's the thing: the ferry is late.",
])
def test_a_lead_in_that_says_something_stays_with_the_story(line: str) -> None:
    assert [category for _piece, category in tails(line) if category == "cta"] == []


def test_an_unfolding_situations_promise_of_updates_ends_the_line() -> None:
    line = ("Then the stream ended. This situation is rapidly unfolding, and this article will be updated as more "
            "information becomes available.")
    assert tails(line) == [(line[line.index("This"):], "note")]


def test_a_developing_story_note_and_its_stay_tuned_end_the_line() -> None:
    line = "The pier is closed.This is a developing story. Please stay tuned to Harbour Notes for updates."
    assert tails(line) == [("Please stay tuned to Harbour Notes for updates.", "cta"),
                           ("This is a developing story.", "note")]


def test_an_embedded_posts_lead_in_and_pointer_go_between_sentences() -> None:
    assert inline("He spoke at noon.Watch:.@harbourmayor on the pier: it opens in June.") == [("Watch:", "cta")]
    assert inline("He spoke at noon.Here s the video via Twitter.Our pier is open!") == [
        ("Here s the video via Twitter.", "cta")]
    assert inline("He spoke at noon.Watch video here:[harbourtube https://example.com/v/12]Our pier is open!") == [
        ("Watch video here:", "cta")]
    assert inline("He spoke at noon. Check out the video below:Let s see what the council does next.") == [
        ("Check out the video below:", "cta")]
    assert inline("He spoke at noon. Here s the video via HarbourTube: The council met on Friday.") == [
        ("Here s the video via HarbourTube:", "cta")]
    assert inline("He spoke at noon.Here s the report via TwitterHNN EXCLUSIVE: The pier will close.") == []


def test_a_bare_picture_word_in_brackets_is_a_credit() -> None:
    assert inline("The queue was long. (screenshot)Nobody minded.") == [("(screenshot)", "credit")]


def test_an_excerpts_read_more_glued_to_its_last_sentence_goes() -> None:
    assert tails("The council met on the pier..Read more") == [("Read more", "related")]
    assert tails("The pier reopened, and people wanted to read more") == []


@pytest.mark.parametrize(("line", "credit"), [
    ("The pier is open.Featured image is a screenshot", "Featured image is a screenshot"),
    ("The pier is open.featured image via screengrab", "featured image via screengrab"),
    ("The pier is open to all of HarbourFeatured image via Jane Marlow/Example Images",
     "Featured image via Jane Marlow/Example Images"),
    ("The pier is open.Featured imaged via Jane Marlow/Example Images",
     "Featured imaged via Jane Marlow/Example Images"),
    ("The pier is open.Featured image of the mayor via Jane Marlow/Example Images",
     "Featured image of the mayor via Jane Marlow/Example Images"),
    ("The pier is open.Featured image via HarbourTube screen capture", "Featured image via HarbourTube screen capture"),
    ("It starts at home.Featured image and video courtesy of Harbour TV",
     "Featured image and video courtesy of Harbour TV"),
    ("It starts at home.Feature image from screengrab", "Feature image from screengrab"),
    ("Watch it here:https://example.com/harbour/videos/1015/Featured image via video screen capture",
     "Featured image via video screen capture"),
    ("The ferry leaves the old pier for the last time. Photo / Example Images", "Photo / Example Images"),
])
def test_a_sites_own_credit_forms_end_the_line(line: str, credit: str) -> None:
    assert tails(line) == [(credit, "credit")]


def test_a_credit_glued_to_the_next_sentence_goes_without_it() -> None:
    line = "Who came?Photo by Jane Marlow/Example ImagesThey came by ferry from the islands."
    assert tails(line) == []
    assert inline(line) == [("Photo by Jane Marlow/Example Images", "credit")]
    assert inline("It was said:Image via HarbourNewsThe mayor was not there.") == [("Image via HarbourNews", "credit")]


@pytest.mark.parametrize(("line", "credit"), [
    ("The ferry was late.Source: HNNOn Sunday, the mayor said sorry.", "Source: HNN"),
    ("We will fight this. Jane MarlowSource: Harbour MagIn other words, the pier stays shut.", "Source: Harbour Mag"),
    ("They sent a letter of resignation Source: HarbourHere s the letter in full.", "Source: Harbour"),
    ("He drove off (in the rain.)Source: Harbour TodayThe council did not reply.", "Source: Harbour Today"),
    ("It is not true. Source: Harbour TimesSo I think the council is wrong.", "Source: Harbour Times"),
    ("Nobody knew. Source: HNNOh, Jane, do not worry.", "Source: HNN"),
    ("Most cases were settled.Source: Harbour APLengthy, like the one before it.", "Source: Harbour AP"),
])
def test_a_source_note_glued_after_a_word_or_before_an_opening_phrase_goes_alone(line: str, credit: str) -> None:
    assert inline(line) == [(credit, "source")]


def test_a_run_of_capitals_is_no_sentence_glued_to_a_source_note() -> None:
    assert inline("We were told. Source: Harbour PostTBC I think so.") == []


def test_an_about_section_run_into_its_first_sentence_goes_to_the_end_of_the_line() -> None:
    line = "Rain will spread east. About Harbour Labs Harbour Labs is run for the council by the port."
    assert inline(line) == [("About Harbour Labs Harbour Labs is run for the council by the port.", "bio")]
    assert inline("About Harbour Labs Harbour Labs is run by the port.") == [
        ("About Harbour Labs Harbour Labs is run by the port.", "bio")]
    assert inline("He spoke. About Harbour City the mayor said little.") == []


def test_a_screenshots_label_between_two_sentences_goes() -> None:
    assert inline("The notice reads like so:Screen captureI think that is clear.") == [("Screen capture", "credit")]
    assert inline("He took a screenshot of the notice.") == []


def test_a_wire_code_for_another_story_goes_with_its_label() -> None:
    line = "The bill passed on Tuesday [L1N1AB2CD], next goes to the mayor.  Story: [nL2N1XY3ZZ] HARBOUR VIEW"
    assert inline(line) == [("[L1N1AB2CD]", "related"), ("Story: [nL2N1XY3ZZ]", "related")]
    assert inline("The vote came on Monday [nL1N1AB2CD}. It passed.") == [("[nL1N1AB2CD}", "related")]
    assert inline("The report cites [1] and [A12] and [see note 4].") == []


@pytest.mark.parametrize("line", [
    "Who came?Photo by Jane McNamee/Example Images for the council.",
    "The photo by the river was taken in May and shows the pier.",
    "Who came?Photo by Jane Marlow and she said the crowd was large.",
])
def test_a_credit_word_in_a_name_or_a_story_sentence_is_no_glue(line: str) -> None:
    assert inline(line) == []


def test_a_copyright_with_its_c_in_brackets_ends_the_line_with_its_rights() -> None:
    line = "I hope they like it. Copyright (c) Harbour Law Group. All rights reserved."
    assert tails(line) == [("Copyright (c) Harbour Law Group. All rights reserved.", "copyright")]


def test_an_embeds_attribution_ends_where_the_line_or_a_sentence_does() -> None:
    assert inline("A photo posted by the drummer on July 4, 2017 showed the stage in flames.") == []
    glued = "A post shared by Jane Roe (@janeroe) on Jul 25, 2017 at 6:45pm PDTSouza often sails."
    assert ("A post shared by Jane Roe (@janeroe) on Jul 25, 2017 at 6:45pm PDT", "embed") in inline(glued)


def test_a_posters_initial_is_part_of_the_name() -> None:
    line = "Read it here!Posted by Jane Q. Marlow on Sunday, July 30, 2017Naturally, the pier stayed shut."
    assert inline(line) == [("Posted by Jane Q. Marlow on Sunday, July 30, 2017", "embed")]


def test_what_a_video_player_leaves_goes_and_the_sentences_around_it_stay() -> None:
    line = ("The show had the best jokes of the week, courtesy of the network:The Pier Show with Jane Roe Get More: "
            "The Pier Show Full Episodes,The Pier Show on Facebook,The Pier Show Video ArchiveThe council has not "
            "replied.")
    assert inline(line) == [("The Pier Show with Jane Roe Get More: The Pier Show Full Episodes,The Pier Show on "
                             "Facebook,The Pier Show Video Archive", "embed")]


def test_a_posts_attribution_may_give_the_day_before_the_month() -> None:
    line = "I back the new ferry! Posted by Jane Q. Marlow on Friday, 11 March 2016 The pier stayed shut."
    assert inline(line) == [("Posted by Jane Q. Marlow on Friday, 11 March 2016", "embed")]
    assert inline("A photo posted by the drummer on 4 July 2017 showed the stage in flames.") == []


def test_an_embeds_script_goes_and_the_sentences_around_it_stay() -> None:
    line = ("The pier opened:(function(d, s, id) { var js = d.createElement(s); js.src = 'https://a.example/sdk.js'; "
            "d.body.appendChild(js);}(document, 'script', 'example-sdk'));The crowd cheered.")
    assert inline(line) == [("(function(d, s, id) { var js = d.createElement(s); js.src = 'https://a.example/sdk.js'; "
                             "d.body.appendChild(js);}(document, 'script', 'example-sdk'));", "embed")]


@pytest.mark.parametrize(("line", "attribution"), [
    ("No plan at all.  jane r ? (@jroe_harbour) July 5, 2024", "jane r ? (@jroe_harbour) July 5, 2024"),
    ("What plan? pic.twitter.com/AbC123xyz  Jane Roe  ? ?  (@jroe) July 5, 2024",
     "pic.twitter.com/AbC123xyz  Jane Roe  ? ?  (@jroe) July 5, 2024"),
    ("Harbour at noon https://t.co/AbC123  Back in Time for Tea (@harbourtea) July 5, 2024",
     "https://t.co/AbC123  Back in Time for Tea (@harbourtea) July 5, 2024"),
    ("I do not recall Harbour Jr. Rep. Jane Roe (@janeroe) May 3, 2024", "Rep. Jane Roe (@janeroe) May 3, 2024"),
    ("Stay safe out there. Jane Roe, MD (@drjroe) May 3, 2024", "Jane Roe, MD (@drjroe) May 3, 2024"),
    ("What a view. Mouth of Harbour (@harbourmouth) May 3, 2024", "Mouth of Harbour (@harbourmouth) May 3, 2024"),
    ("Go team. Matt Roe ? (@mattroe) May 3, 2024", "Matt Roe ? (@mattroe) May 3, 2024"),
    ("Love the pier. Harbour Me! (@harbourme) May 3, 2024", "Harbour Me! (@harbourme) May 3, 2024"),
    ("What a view. ?Jane Roe ? (@jroe) May 3, 2024", "?Jane Roe ? (@jroe) May 3, 2024"),
])
def test_a_display_name_of_any_form_goes_with_its_handle(line: str, attribution: str) -> None:
    assert (attribution, "embed") in inline(line)


@pytest.mark.parametrize(("line", "attribution"), [
    ("and the crowd went home happy nick roe (@nickroe77) July 5, 2024", "nick roe (@nickroe77) July 5, 2024"),
    ("what a day on the water harbourfan99 (@harbourfan99) July 5, 2024",
     "harbourfan99 (@harbourfan99) July 5, 2024"),
    ("and then we went on jon (@jonjonjon) July 5, 2024", "jon (@jonjonjon) July 5, 2024"),
])
def test_a_display_name_in_lower_case_is_the_words_its_handle_spells(line: str, attribution: str) -> None:
    assert inline(line) == [(attribution, "embed")]


def test_a_capitalised_name_after_a_comma_is_not_a_credential() -> None:
    line = "the united States of America, HNN (@HNN) July 4, 2024"
    assert inline(line) == [("HNN (@HNN) July 4, 2024", "embed")]


def test_a_name_after_a_gap_stops_at_a_sentence_end() -> None:
    line = "The pier opened.  Late. Crowds came (@jroe) July 5, 2024"
    assert inline(line) == [(" (@jroe) July 5, 2024", "embed")]


def test_a_wire_pictures_credit_in_brackets_goes() -> None:
    assert inline("The pier opened. ( REUTERS/Jane Marlow/Example Wire ) Crowds came.") == [
        ("( REUTERS/Jane Marlow/Example Wire )", "credit")]


@pytest.mark.parametrize(("line", "lead_in"), [
    ("It was a long day. Watch the interview below:.@jroe on the pier", "Watch the interview below:"),
    ("Those were the days. Here are the tweets:The mayor never answered.", "Here are the tweets:"),
    ("He said so. Listen to the whole thing below:We think it matters.", "Listen to the whole thing below:"),
    ("The band played on. Watch for yourself:Nobody stood up.", "Watch for yourself:"),
    ("He told them 'not in my town.' Watch:Mayor on the pier: it opens in June.", "Watch:"),
])
def test_a_bare_lead_in_between_two_sentences_goes(line: str, lead_in: str) -> None:
    assert inline(line) == [(lead_in, "cta")]


def test_a_lead_in_that_addresses_the_reader_in_a_sentence_stays() -> None:
    assert inline("It was a long day. You can watch the interview below:.@jroe on the pier") == []
    assert tails("It was a long day. You can listen to her interview below:") == []


def test_a_source_note_glued_to_the_next_sentence_goes_without_it() -> None:
    line = "The rain did not stop.Source: Harbour NotesThe council met again on Friday."
    assert tails(line) == []
    assert inline(line) == [("Source: Harbour Notes", "source")]
    assert inline("He said: You can see the pier from the hill.") == []


@pytest.mark.parametrize(("line", "attribution"), [
    ("Nobody here watches it on TV Jane Roe (@JaneRoe_) May 3, 2024", "Jane Roe (@JaneRoe_) May 3, 2024"),
    ("The sea is kinder than the land. Old Sailor Harbour Mayor (@HarbourMayor) May 3, 2024",
     "Harbour Mayor (@HarbourMayor) May 3, 2024"),
])
def test_words_a_post_ends_on_stay_out_of_the_name_its_handle_spells(line: str, attribution: str) -> None:
    assert inline(line) == [(attribution, "embed")]


@pytest.mark.parametrize("attribution", [
    "Senator Jane Roe (@SenJaneRoe) May 3, 2024",
    "Jane Marlow Roe (@jmarlowroe) May 3, 2024",
    "Mary Jane Roe (@roe_jr) May 3, 2024",
])
def test_a_title_an_initialled_first_name_and_a_name_its_handle_spells_in_part_stay_whole(attribution: str) -> None:
    assert inline(f"Busy day. {attribution}") == [(attribution, "embed")]


def test_an_embedded_documents_title_publisher_and_host_go_and_a_sentence_about_the_host_stays() -> None:
    line = "The plan is overdue. Harbour Plan 2024-A by Example Council on ScribdFeatured image via Example Stock"
    assert ("Harbour Plan 2024-A by Example Council on Scribd", "embed") in [
        (line[start:end], category) for start, end, category in affixes.inline(line)]
    assert list(affixes.inline("The report was posted by the council on Scribd last week.")) == []


def test_a_town_date_and_time_before_an_agency_in_brackets_is_a_dateline() -> None:
    line = "Harbour City, Jan 24, 2018 / 04:26 am (HCN/Example News).- The council met on Tuesday."
    assert affixes.prefix(line) == [(0, len("Harbour City, Jan 24, 2018 / 04:26 am (HCN/Example News).- "), "dateline")]


@pytest.mark.parametrize("line", [
    "Saturday, 15.30: Harbour United (Roe) – Valley Rovers",
    "Sunday: Example Athletic – Valley Rovers",
])
def test_the_last_pairing_of_a_fixture_list_is_not_a_sign_off(line: str) -> None:
    assert tails(line) == []


def test_a_quotations_author_after_a_dash_stays_and_a_writers_sign_off_after_a_quote_goes() -> None:
    assert tails("“No one here gets out alive, not even the harbour master.” — Jane Roe") == []
    assert tails('"Can I?" Walker said. "That is all for the pier." — Jane Roe') == [("— Jane Roe", "byline")]


@pytest.mark.parametrize("text", [
    "", "The pier opened.", "The pier opened. pic.twitter.com/AbC123", "The pier opened. https://t.co/AbC123 —",
    "pic.twitter.com/AbC123 pic.twitter.com/DeF456  —", "x " + "-" * 300, "The pier opened -",
    "a pic.twitter.com/Ab cd",
    "word " * 300 + "https://t.co/" + "a" * 300, "—", "pic.twitter.com/AbC123 and then the pier", "t.co/x",
])
def test_the_lead_in_and_the_last_words_are_found_from_the_end_as_over_the_whole_text(text: str) -> None:
    whole = affixes._LEAD_IN.search(text)
    assert affixes._lead_in_start(text) == (whole.start() if whole else None)
    for count in (1, 5):
        expected = [word.span() for word in affixes._WORD.finditer(text)][-count:]
        assert [word.span() for word in affixes._last_words(text, count)] == expected


def test_the_guarded_boundary_finds_the_boundaries_the_plain_alternatives_find() -> None:
    plain = re.compile(affixes.BOUNDARY_ALTERNATIVES)
    pieces = ["Jane", " ", "  ", ".", "!", "”", ")", "|", ":", "2017", "a", "copyright", "featured image",
              "Featured Image", "—", "–", "-", "(", "©", "c", "f", "Photo", "x", "READ MORE", "Read more", "SUPPORT ",
              "Via: ", "h/t ", "H/T ", "Continue this ", "For entire ", "h"]
    rng = random.Random(11)
    for _ in range(3000):
        unit = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        begin = rng.randint(0, len(unit))
        assert [m.start() for m in affixes._BOUNDARY.finditer(unit, begin)] == \
            [m.start() for m in plain.finditer(unit, begin)], unit


def test_a_pop_up_glued_into_a_paragraph_goes_from_its_close_button_to_its_button() -> None:
    line = ("The pier closed. × 101 Harbour Tales by Jane Roe The book tells the pier's story. Buy Now The ferry "
            "still runs.")
    assert inline(line) == [("× 101 Harbour Tales by Jane Roe The book tells the pier's story. Buy Now ", "promo")]
    assert inline("The room is 3 × 4 metres, so Buy Now while it lasts.") == []


@pytest.mark.parametrize(("line", "pieces"), [
    ("04 of 10 THE PIER WILL REOPEN Jane Roe/WireImage; Inset: Tom Reed/Getty The council met on Monday.",
     [("Jane Roe/WireImage; Inset: Tom Reed/Getty", "credit"), ("04 of 10", "nav")]),
    ("Photo by Jane Roe/Example Daily/REX/Shutterstock.",
     [("Photo by Jane Roe/Example Daily/REX/Shutterstock.", "credit")]),
    ("The ferry left. (JANE A. ROE/AFP/Getty Images)", [("(JANE A. ROE/AFP/Getty Images)", "credit")]),
    ("The ferry left. (Video: The Harbour Post)", [("(Video: The Harbour Post)", "credit")]),
    ("The ferry docked. (Jane Roe/Associated Press) The crew left.", [("(Jane Roe/Associated Press)", "credit")]),
    ("Crowds wait on the pier on May 3 | Jane Roe/AFP via Getty Images Ferry talks resume",
     [("| Jane Roe/AFP via Getty Images", "credit")]),
    ("Crowds wait on the pier on Monday. (Jane Roe/Harbour Press via AP)",
     [("(Jane Roe/Harbour Press via AP)", "credit")]),
    ("The ferry left at dawn. [Image via Harbour Wire.]", [("[Image via Harbour Wire.]", "credit")]),
])
def test_a_photographers_credit_goes_wherever_a_gallery_glued_it(line: str, pieces: list[tuple[str, str]]) -> None:
    assert set(pieces) <= set(inline(line))


@pytest.mark.parametrize("line", ["12 of 15 members voted for the pier.", "The AP/Reuters poll showed support.",
                                  "The pier is old | AP style says so.", "THE COUNCIL/AP poll showed support."])
def test_counts_polls_and_style_notes_are_not_credits_or_counters(line: str) -> None:
    assert inline(line) == []


@pytest.mark.parametrize("line", ["AB-" * 40 + "a council vote on the pier", "NEW-YORK-" * 30 + " x",
                                  "(" + "Jane Roe/AP/" * 40 + " x", "A-" * 60 + "Z index of names",
                                  "(" + "A. " * 40 + "Roe/Press via " + "B" * 200, "[Image via " + "(x " * 60])
def test_runs_of_capitals_hyphens_and_slashes_are_read_in_linear_time(line: str) -> None:
    """These forms once had exponentially many readings: 40 repeats would have run for days."""
    started = time.perf_counter()
    affixes.prefix(line)
    list(affixes.inline(line))
    affixes.tail(line)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(("line", "credit"), [
    ("6 The harbour master opened the new pier on Monday Credit: Example Images - Example",
     "Credit: Example Images - Example"),
    ("The crew at the regatta Credit: Jane Roe - The Harbour Sun", "Credit: Jane Roe - The Harbour Sun"),
    ("The mayor and the harbour master at the regatta in 2011. Getty Images", "Getty Images"),
    ("The old ferry is the only one of its class still afloat. Alamy Stock Photo", "Alamy Stock Photo"),
    ("The harbour master and the mayor on the new pier. Getty", "Getty"),
    ("The mayor signed the repeal on Tuesday. Jane Roe via Getty Images", "Jane Roe via Getty Images"),
    ("The mayor speaks after the vote. Tom Reed/Harbour Call, Inc via Getty Images",
     "Tom Reed/Harbour Call, Inc via Getty Images"),
    ("The old ferry left the pier for the last time in 2016. (Shutterstock)", "(Shutterstock)"),
    ("The crowd gathered on Monday. (AP Photo/Jane Roe)", "(AP Photo/Jane Roe)"),
    ("The crowd gathered on Monday. (AP Photo/Jane Roe) The Associated Press",
     "(AP Photo/Jane Roe) The Associated Press"),
    ("They have been married for 67 years. Courtesy of Tom Reed", "Courtesy of Tom Reed"),
])
def test_a_captions_credit_ends_its_line(line: str, credit: str) -> None:
    assert tails(line) == [(credit, "credit")]


@pytest.mark.parametrize("line", ["The council voted on the fares. Reuters",
                                  "The pier was built on credit: Getty said so.",
                                  "The museum was founded by the oil heir Mark Getty",
                                  "The loan was bought on credit. Harbour Images is the shop that sold it."])
def test_a_news_agency_after_a_sentence_and_credit_in_a_sentence_stay(line: str) -> None:
    assert tails(line) == []


def test_an_imported_posts_placeholder_goes_from_inside_a_paragraph() -> None:
    notice = ("This content is imported from Twitter. You may be able to find the same content in another format, or "
              "you may be able to find more information, at their web site.")
    line = f"She wrote a thread of seventy posts. {notice} I LOVE THE FERRY"
    assert inline(line) == [(notice, "embed")]
    assert inline("The council said this content is imported from abroad. You may be able to find it.") == []


@pytest.mark.parametrize(("unit", "credit", "no_credit"), [
    ("JANE ROE/GETTY IMAGES The pier after the storm, seen from the harbour wall.", "JANE ROE/GETTY IMAGES ",
     "NORTH BAY/PORT ELLEN ferries ran late."),
    ("Jane Roe via Getty Images Frozen peas keep their goodness.", "Jane Roe via Getty Images ",
     "The mayor went via Getty Images to buy the photos."),
])
def test_a_credit_that_opens_a_caption_goes_and_the_caption_stays(unit: str, credit: str, no_credit: str) -> None:
    assert inline(unit) == [(credit, "credit")]
    assert inline(no_credit) == []


def test_a_galleries_spaced_credit_between_two_captions_goes_and_the_captions_stay() -> None:
    unit = ("They met at the harbour in 2004. Picture: Jane Roe/WireImage The pier opened a year later. "
            "Picture: Example Press Agency January 2008: Married at the chateau.")
    pieces = affixes.inline(unit)
    gone = {i for start, end, category in pieces if category == "credit" for i in range(start, end)}
    assert "".join(c for i, c in enumerate(unit) if i not in gone) == (
        "They met at the harbour in 2004. The pier opened a year later. January 2008: Married at the chateau.")
    assert inline("The council met. Picture: The mayor at the pier.") == []


def test_a_labelled_credit_ending_a_caption_an_ads_label_opening_a_paragraph_and_a_hat_tip_go() -> None:
    assert inline("Crews celebrate the reunion at the pier Credit: Example Press") == [
        ("Credit: Example Press", "credit")]
    assert inline("Crews celebrate the reunion at the pier Picture: Example Press") == [
        ("Picture: Example Press", "credit")]
    assert inline("ADVERTISEMENT “I will run the ferry,” the mayor said.") == [("ADVERTISEMENT ", "ad")]
    assert inline("The crews went home. H/T: harbourwatch") == [("H/T: harbourwatch", "source")]
    assert inline("The pier cannot take four more years of it h/t to the sharp Jane Roe, an analyst at the Harbour "
                  "Institute. The institute counts ferries.") == [
        ("h/t to the sharp Jane Roe, an analyst at the Harbour Institute.", "source")]
    assert inline("Ferries leave at 5:00PM (Harbour Park, Port Ellen)h/t Harbour Watch") == [
        ("h/t Harbour Watch", "source")]
    assert inline("Can you believe it?Via Harbour Ledger:The meeting at the pier was a set-up.") == [
        ("Via Harbour Ledger:", "source")]
    outlet = "Via The Harbour Valley Evening Ledger:"  # as long a name as `en.source.label` reads on a line alone
    assert inline(f"Can you believe it? {outlet} The meeting was a set-up.") == [(outlet, "source")]
    assert inline("The ferry runs via Port Ellen: It leaves at noon.") == []
    assert inline("(Via Harbour Ledger) A council member has urged a ban.") == [("(Via Harbour Ledger) ", "credit")]
    assert inline("The wire counted piers. Read the Special Report here: example.rs/2hg0vDR The mayor agreed.") == []
    assert inline("The wire counted piers. Read the Special Report here: bit.ly/2hg0vDR The mayor agreed.") == [
        ("Read the Special Report here: bit.ly/2hg0vDR ", "related")]
    assert inline("edit on 9-5-2013 by harbourfan because: (no reason given)") == [
        ("edit on 9-5-2013 by harbourfan because: (no reason given)", "note")]
    assert inline("edit on 9-5-2013 by harbourfan because: (no reason given)[/editby there is a fire on the pier.") == [
        ("edit on 9-5-2013 by harbourfan because: (no reason given)[/editby", "note")]
    assert inline("edit on 9-5-2013 by harbourfan because: a typo[/editby The pier is shut.") == [
        ("edit on 9-5-2013 by harbourfan because: a typo[/editby", "note")]
    assert inline("Keep reading, it gets better.[edit on 17-8-2008 by JaneX]") == [
        ("[edit on 17-8-2008 by JaneX]", "note")]
    assert inline("Nobody saw him again.[Edited on 20-4-2004 by harbourfan]") == [
        ("[Edited on 20-4-2004 by harbourfan]", "note")]

    assert inline("Opinions are a matter of taste.[edit on 12/5/2007 by Mr Harbour]") == [
        ("[edit on 12/5/2007 by Mr Harbour]", "note")]
    assert inline("[edit on (23/4/09) by harbourfan]") == [("[edit on (23/4/09) by harbourfan]", "note")]
    assert inline("She has campaigned for a decade (H/T Harbour Watch).Below is her speech.") == [
        ("(H/T Harbour Watch)", "source")]
    assert inline("I am not ok with any of it. H/T [ Harbour Watch ]The board met again.") == [
        ("H/T [ Harbour Watch ]", "source")]
    assert inline("The pier shut on 12/5-2007 by order of the board.") == []
    line = "Please share the show!Listen to Harbour Hour #93 The Last Ferry on Spreaker.Reference Links:"
    assert inline(line) == [("Listen to Harbour Hour #93 The Last Ferry on Spreaker.", "embed")]
    assert inline("They listen to the harbour band on Sundays.") == []
    assert inline("Here is the mayor talking:[ad3media campaign= 1240 ]Featured image via Jane Roe") == [
        ("[ad3media campaign= 1240 ]", "ad")]
    assert inline("The add-on costs x = 3 dollars [see the table].") == []
    assert inline("Edit on the harbour page by the council because of the storm, the clerk said.") == []
    assert inline("English (Via Jane Roe): The pier is open to all.") == []
    assert inline("Advertisement revenue fell, the paper said.") == []
    assert inline("The council gave credit where due: Credit unions thrived.") == []

def test_a_photographer_and_an_agency_between_bars_are_a_credit_where_they_end_the_caption() -> None:
    caption = "She picks up groceries in Harbour City. Jane Roe | AFP via Getty Images"
    assert ("Jane Roe | AFP via Getty Images", "credit") in inline(caption)
    assert ("Jane Roe/Getty Images for Harbour Trust, FILE", "credit") in inline(
        "The chair attends the gala. Jane Roe/Getty Images for Harbour Trust, FILE")
    assert not any(text.startswith("Tom Reed") for text, _ in inline("The poll | Tom Reed | AP leads the count."))


def test_an_editors_note_in_square_brackets_goes_and_the_sentence_around_it_stays() -> None:
    line = "The rule covers 15 ports [Correction: Harbour City was left off in the first post], including Ellen."
    assert inline(line) == [(" [Correction: Harbour City was left off in the first post]", "note")]
    assert inline("[Ed. – A look back at the ferry's last summer.]") == [
        ("[Ed. – A look back at the ferry's last summer.]", "note")]
    assert inline("The list [1] is long [see the table below] and the port [Harbour City] is first.") == []


def test_a_posters_handle_via_the_platform_in_brackets_is_a_credit() -> None:
    assert inline("The singer at the pier on Sunday. (@janeroe via Instagram)") == [
        ("(@janeroe via Instagram)", "credit")]


def test_a_credit_in_brackets_of_either_kind_is_a_credit_and_a_government_agency_is_not() -> None:
    assert inline("The pier after the storm. (Getty)") == [("(Getty)", "credit")]
    assert inline("The writer at the pier. (Courtesy of the author)") == [("(Courtesy of the author)", "credit")]
    assert inline("The crews at the pier on Sunday Photo / Example Images") == [("Photo / Example Images", "credit")]
    assert inline("Crowds at the pier on Sunday. (PHOTO: Jane Roe)") == [("(PHOTO: Jane Roe)", "credit")]
    assert inline("The singer on stage. [Photo Credits: Example Press Online]") == [
        ("[Photo Credits: Example Press Online]", "credit")]
    assert inline("The Environmental Protection Agency (EPA) ruled on Monday.") == []
    assert inline("Crowds line the quay (Pool/Getty)Boats sound their horns.") == [("(Pool/Getty)", "credit")]
    assert inline("The mayor on Friday. (Jane Roe/Harbour Sentinel/TNS via Getty Images)Naturally, it rained.") == [
        ("Jane Roe/Harbour Sentinel/TNS via Getty Images", "credit"),
        ("(Jane Roe/Harbour Sentinel/TNS via Getty Images)", "credit")]
    assert inline("The agencies (Harbour/EPA) met on Friday.") == []


def test_a_display_name_in_lower_case_after_the_attributions_dash_goes_whole() -> None:
    assert inline("Cannot believe the pier is gone — jane roe 🌊 (@jroe_72) January 12, 2018") == [
        ("— jane roe 🌊 (@jroe_72) January 12, 2018", "embed")]
    assert inline("The pier closed. — Jane Roe (@jroe) July 5, 2017") == [("— Jane Roe (@jroe) July 5, 2017", "embed")]


def test_a_pictures_credit_after_its_caption_goes_in_the_forms_wires_and_galleries_print() -> None:
    assert tails("Crews at the pier in 2007. REUTERS/Jane Roe") == [("REUTERS/Jane Roe", "credit")]
    assert tails("The couple at the pier . JANE ROE/AFP/AFP/Getty Images") == [
        ("JANE ROE/AFP/AFP/Getty Images", "credit")]
    assert ("| Jane Roe via Twitter", "credit") in inline("The mayor fired back. | Jane Roe via Twitter")
    assert ("| Jane Roe/Getty Images for Harbour Radio", "credit") in inline(
        "The mayor on stage. | Jane Roe/Getty Images for Harbour Radio")
    assert inline("The singer on stage Photo: Example Press") == [("Photo: Example Press", "credit")]
    assert inline("The crowd at the show. (GIF: Example)") == [("(GIF: Example)", "credit")]
    assert inline("The harbour office on the quay. © AFP The council met on Tuesday.") == [("© AFP ", "credit")]
    assert inline("The pier. © REX Mr Roe said the deployment would start soon.") == [("© REX ", "credit")]
    assert inline("The pier. © Jane Roe / Harbour Times A new test led to the arrest.") == []
    assert inline("The pier. © AP Photo/ Jane Roe Ferry Fares Rise Again The council met.") == []
    assert inline("The council met on Tuesday. © 2016 Harbour News. All rights reserved.") == []
    assert tails("The council met at the pier in 2007. Reuters") == []
    assert tails("Will the pier ever open again? Submit your review") == [("Submit your review", "nav")]


def header_bylines(unit: str, first: bool = True) -> list[tuple[str, str]]:
    return [(unit[start:end], category) for start, end, category in affixes.header_bylines(unit, first)]


@pytest.mark.parametrize(("line", "byline"), [
    ("By Jane Roe on Fri, Oct 28th, 2016 at 2:27 pm The council met on Tuesday.",
     "By Jane Roe on Fri, Oct 28th, 2016 at 2:27 pm "),
    ("Ferries Run Late Again By Harbour TV on October 27, 2016 The ferry left at noon.",
     "By Harbour TV on October 27, 2016 "),
    ("The pier will not open. by Jane Roe November 21, 2016 A member of the board said so.",
     "by Jane Roe November 21, 2016 "),
    ("Posted on October 26, 2016 by Jane Roe in News // 0 Comments The pier opened.",
     "Posted on October 26, 2016 by Jane Roe in News // 0 Comments "),
    ("Ferry Fares Rise Again By Jane Roe Posted on November 7, 2016 by Jane Roe",
     "By Jane Roe Posted on November 7, 2016 by Jane Roe"),
    ("By Jane Roe on October 3, 2016 in Harbour City, the council met on Tuesday.", "By Jane Roe on October 3, 2016 "),
    ("Tuesday 22 November 2016 by Jane Roe Donald Trump said the pier would open.",
     "Tuesday 22 November 2016 by Jane Roe "),
    ("By Jane Q. Roe The council met on Tuesday.", "By Jane Q. Roe "),
    ("By Jane Roe Students at the college met on Tuesday.", "By Jane Roe "),
    ("November 1, 2016 at 10:28 am The council met on Tuesday.", "November 1, 2016 at 10:28 am "),
    ("Thu, 27 Oct 2016 14:54 The council met on Tuesday.", "Thu, 27 Oct 2016 14:54 "),
    ("10-26-16 In September the council met.", "10-26-16 "),
    ("posted by Jane This photo shows the pier.", "posted by Jane "),
    ("5:45 AM PST 11/19/2019 by Jane Roe", "5:45 AM PST 11/19/2019 by Jane Roe"),
    ("Ten Things To Know About The Ferry Plan By Jane Roe, on September 15th, 2016",
     "By Jane Roe, on September 15th, 2016"),
    ("Ferries to Run Late West of the Pier by Jane Roe, October 28, 2016 Share This",
     "by Jane Roe, October 28, 2016 "),
    ("Who Said What #HarbourFiles Posted at 10:29 am on October 27, 2016 by Jane R. Share on Facebook",
     "Posted at 10:29 am on October 27, 2016 by Jane R. "),
])
def test_a_byline_glued_into_the_first_line_goes_alone(line: str, byline: str) -> None:
    assert header_bylines(line) == [(byline, "byline")]


def test_share_buttons_glued_before_the_first_sentence_go_with_the_date_after_them() -> None:
    assert header_bylines("Email Print November 1, 2016 The council met.") == [
        ("Email Print ", "share"), ("November 1, 2016 ", "byline")]


def test_share_buttons_a_comment_count_and_the_sections_before_the_first_sentence_go() -> None:
    assert header_bylines("Share on Facebook 0 Comments The council met.") == [
        ("Share on Facebook 0 Comments ", "share")]
    assert header_bylines("in: Local News , Weather The council met.") == [("in: Local News , Weather ", "nav")]
    assert header_bylines("38 SHARES 1,204 Views The council met.") == [("38 SHARES 1,204 Views ", "share")]
    assert header_bylines("Leave a reply Please read the note at the end - Jane Roe - The council met.") == [
        ("Leave a reply ", "share")]
    assert header_bylines("in: the harbour, the council met.") == []
    assert header_bylines("Get short URL 0 37 0 0 A new report was out.") == [("Get short URL 0 37 0 0 ", "share")]
    assert header_bylines("17 mins ago 2 Views 0 Comments 0 Likes The ferry left.") == [
        ("17 mins ago ", "byline"), ("2 Views 0 Comments 0 Likes ", "share")]
    assert header_bylines("Next Swipe left/right Sixteen portraits of the pier.") == [("Next Swipe left/right ", "nav")]
    assert header_bylines("Enlarge By JANE ROE, AP Riders wait at the pier.") == [
        ("Enlarge ", "nav"), ("By JANE ROE, AP ", "credit")]
    assert header_bylines("Enlarge Harbour Photo Service The new ferry.") == [
        ("Enlarge ", "nav"), ("Harbour Photo Service ", "credit")]
    assert header_bylines("Enlarge your view of the pier.") == []
    assert header_bylines("(Want to get this briefing by email? Here’s the .) Good evening.") == [
        ("(Want to get this briefing by email? Here’s the .) ", "newsletter")]
    assert header_bylines("October 27, 2016, 9:04 am by Jane Roe Leave a Comment 0") == [
        ("October 27, 2016, 9:04 am by Jane Roe ", "byline"), ("Leave a Comment 0", "share")]
    assert header_bylines("Email 3 people were hurt at the pier.") == []
    assert header_bylines("Ferries After the Strike ( 31 ) 0 13 0 0 The council met.") == [
        ("Ferries After the Strike ( 31 ) 0 13 0 0 ", "share")]
    assert header_bylines("Pinterest") == [("Pinterest", "share")]
    assert header_bylines("Facebook said on Tuesday it would close the pier office.") == []
    assert header_bylines("Harbour.org November 1, 2016 The council met.") == [
        ("Harbour.org November 1, 2016 ", "byline")]
    assert header_bylines("Jane Roe | Harbour Post - October 28, 2016 Comments") == [
        ("Jane Roe | Harbour Post - October 28, 2016 ", "byline"), ("Comments", "share")]


@pytest.mark.parametrize("line", [
    "Share prices rose on Tuesday.",
    "November 8, 2016 will be remembered as the night the pier opened.",
    "Print media lost readers again this year.",
    "The budget was signed by Jane Roe on March 3, 2016, and took effect at once.",
    "The budget was signed by Jane Roe on March 3, 2016 and took effect at once.",
    "The ferry deal was signed by Jane Roe, March 3, 2016",
    "By Election Day, the council had met twice.",
    "By Friday Trump had left the city.",
    "By March 3, 2016 the pier was open.",
    "It expects to file a report for the year ended February 28, 1987 by May 28 and to report earnings in June.",
])
def test_a_storys_own_by_stays(line: str) -> None:
    assert header_bylines(line) == []


def test_a_name_without_a_date_is_a_byline_only_at_the_start_of_the_text() -> None:
    assert header_bylines("By Jane Roe The council met on Tuesday.", first=False) == []


@pytest.mark.parametrize(("line", "label", "category"), [
    ("The time for change has come. Share this", "Share this", "share"),
    ("The pier opened in 2017. Tags", "Tags", "nav"),
    ("The ferry ran late again. Related:", "Related:", "related"),
    ("Nobody knows why the pier closed. Post navigation", "Post navigation", "nav"),
    ("The council did not say. Share this Article!", "Share this Article!", "share"),
    ("Source Harbour Watch Oct. 2016 Share this:", "Share this:", "share"),
    ("The council gave no reasons. Sources:", "Sources:", "source"),
    ("The ferry sank in 1989. Loading ...", "Loading ...", "nav"),
    ("The pier is a symbol of the town. About the Author", "About the Author", "bio"),
    ("— Jane Roe (@janeroe) September 11, 2017 Advertisment", "Advertisment", "ad"),
    ("The pier shut for good, the board said. (read more with video)", "(read more with video)", "cta"),
    ("Forty-seven percent disapprove. (LINK)", "(LINK)", "cta"),
])
def test_a_widget_label_glued_to_the_last_sentence_goes_alone(line: str, label: str, category: str) -> None:
    assert tails(line) == [(label, category)]
    assert affixes.is_widget_label(label)


@pytest.mark.parametrize("line", [
    "The council agreed to share this.",
    "Officials said the two cases are related.",
    "The minister refused to say who posted the tags",
    "He said the page was still loading...",
    "The agency won an award for its Advertisement",
    "He clicked the (link)",
])
def test_sentences_that_end_on_a_label_word_stay(line: str) -> None:
    assert tails(line) == []


def test_an_advertisement_marker_between_two_sentences_goes_alone() -> None:
    line = "It is a basic right to live free of crime. - Advertisement - However, many towns failed to act."
    assert inline(line) == [("- Advertisement - ", "ad")]
    assert inline("The ad - Advertisement - ran twice.") == []


def test_a_newspapers_story_continues_marker_glued_between_sentences_goes_with_the_label_it_wraps() -> None:
    marker = "Continue reading the main story Advertisement Continue reading the main story"
    line = f"He understood why the board was wary. {marker} “It was a time of doubt,” the captain said."
    assert inline(line) == [(marker, "ad")]
    assert inline("Readers may continue reading the main story on the next page.") == []
    marker = "Continue reading below the advertisement"
    assert inline(f"It caused a stroke. {marker} I am not sure what shames me more.") == [(marker, "ad")]


def glued(unit: str, title: str) -> list[tuple[str, str]]:
    return [(unit[start:end], category) for start, end, category in affixes.glued_headline(unit, title)]


def test_a_breadcrumb_and_the_title_and_its_repeat_glued_into_the_first_line_go() -> None:
    title = "Harbour Council Approves The New Pier"
    line = f"Home / Local / {title} {title} By Jane Roe November 3, 2016 The council met on Tuesday."
    assert glued(line, title) == [("Home / Local / ", "nav"), (f"{title} {title} ", "headline")]
    start = affixes.glued_headline(line, title)[-1][1]
    assert [(line[s:e], c) for s, e, c in affixes.header_bylines(line, True, start)] == [
        ("By Jane Roe November 3, 2016 ", "byline")]


@pytest.mark.parametrize(("line", "pieces"), [
    ("Harbour Council Approves The New Pier 11/02/2016", [("11/02/2016", "byline")]),
    ("Harbour Council Approves The New Pier 16-11-16 A MEMBER of the council met on Tuesday.",
     [("16-11-16 ", "byline")]),
    ("Harbour Council Approves The New Pier Published time: 26 Oct, 2016 19:47 Get short URL The council met.",
     [("Published time: 26 Oct, 2016 19:47 ", "byline"), ("Get short URL ", "share")]),
    ("Harbour Council Approves The New Pier Published: 26 mins ago", [("Published: 26 mins ago", "byline")]),
    ("Harbour Council Approves The New Pier Nov 9, 2016 1 0", [("Nov 9, 2016 1 0", "byline")]),
    ("Harbour Council Approves The New Pier 0 shares by Jane Roe / November 7, 2016 / POLITICS / A member spoke.",
     [("0 shares ", "share"), ("by Jane Roe / November 7, 2016 / POLITICS / ", "byline")]),
])
def test_a_date_stamp_or_a_counter_after_the_glued_title_shows_it_is_the_pages_headline(
        line: str, pieces: list[tuple[str, str]]) -> None:
    title = "Harbour Council Approves The New Pier"
    opening = affixes.glued_headline(line, title)
    assert [(line[s:e], c) for s, e, c in opening][0] == (f"{title} ", "headline")
    found = [(line[s:e], c) for s, e, c in opening[1:]]
    found.extend((line[s:e], c) for s, e, c in affixes.header_bylines(line, True, opening[-1][1]))
    assert found == pieces


@pytest.mark.parametrize(("line", "title"), [
    ("Two officials familiar with the issue told the paper the policy document Roe prepared was late.",
     "Two officials familiar with the issue told the paper the policy document"),
    ("Harbour Council Approves The New Pier The council met on Tuesday.", "Harbour Council Approves The New Pier"),
    ("Home / Local / Two officials familiar with the plan told the paper Roe was late.",
     "Two officials familiar with the plan told the paper"),
])
def test_a_title_that_may_be_the_storys_first_words_stays(line: str, title: str) -> None:
    assert glued(line, title) == []


def test_a_posts_tags_and_a_video_plugins_credit_glued_into_lines_go() -> None:
    line = "Thu, October 27, 2016 by: Jane Roe Tags: ferries , harbour pier , council (HarbourNews) The pier opens."
    assert inline(line) == [("Tags: ferries , harbour pier , council ", "nav")]
    assert header_bylines(line) == [("Thu, October 27, 2016 by: Jane Roe ", "byline")]
    assert inline("He built a shelter. Video first seen on Jane Roe Outdoors. Then he left.") == [
        ("Video first seen on Jane Roe Outdoors.", "credit")]


@pytest.mark.parametrize("line", [
    "The topics: ferries, the pier and parking dominated the meeting.",
    "Topics: what the council will discuss (see below)",
    "The film was first seen on television in 1985.",
])
def test_a_storys_own_topics_and_first_showings_stay(line: str) -> None:
    assert inline(line) == []


@pytest.mark.parametrize(("line", "pieces"), [
    ("The pier closed on Tuesday.For entire story: Jane Roe, Harbour Daily",
     [("For entire story: Jane Roe, Harbour Daily", "source")]),
    ("The ferries ran late.For the entire article- Harbour Daily",
     [("For the entire article- Harbour Daily", "source")]),
    ("The council may yet vote Continue this story at Harbour NewsREAD MORE PIER NEWS AT: Harbour Wire Pier Files"
     "SUPPORT OUR WORK BY SUBSCRIBING & BECOMING A MEMBER @HARBOURWIRE.TV",
     [("SUPPORT OUR WORK BY SUBSCRIBING & BECOMING A MEMBER @HARBOURWIRE.TV", "donation"),
      ("READ MORE PIER NEWS AT: Harbour Wire Pier Files", "related"),
      ("Continue this story at Harbour News", "source")]),
    ("The crews went home.H/T [ Harbour Watch , Pier Post ]", [("H/T [ Harbour Watch , Pier Post ]", "source")]),
    ("The crews went home.Read more: Harbour Post", [("Read more: Harbour Post", "source")]),
    ("The crews went home.Read more at RT", [("Read more at RT", "source")]),
    ("Watch it here: https://www.example.com/watch?v=a1bVia: harbourwatch", [("Via: harbourwatch", "source")]),
    ("The pier reopened.Copyright 2016 by Harbour Institute. Permission to reprint in whole or in part is gladly "
     "granted, provided full credit is given.",
     [("Copyright 2016 by Harbour Institute. Permission to reprint in whole or in part is gladly granted, provided "
       "full credit is given.", "copyright")]),
])
def test_pointers_to_the_whole_story_and_an_outlets_footer_run_into_the_last_sentence_go(
        line: str, pieces: list[tuple[str, str]]) -> None:
    assert tails(line) == pieces


@pytest.mark.parametrize("line", [
    "For the full story, the council will meet again on Tuesday.",
    "The mayor asked residents to read more at the library.",
    "Support for the pier grew among its members.",
    "She said the ferries ran late. For the entire story of the pier, see the museum.",
])
def test_story_sentences_with_a_pointers_words_stay(line: str) -> None:
    assert tails(line) == []


def test_a_source_note_glued_before_the_next_paragraph_goes_alone() -> None:
    assert inline("The pier closed.Via: Harbour NewsThe crews went home.") == [("Via: Harbour News", "credit")]


def test_a_wire_outlets_lead_in_to_a_reposted_story_goes_and_a_story_about_an_outlet_stays() -> None:
    assert header_bylines("Harbour Wire says The council met on Tuesday.") == [("Harbour Wire says ", "byline")]
    assert header_bylines("Reuters says the council met on Tuesday.") == []
    assert header_bylines("Harbour News says The council met on Tuesday.") == []


@pytest.mark.parametrize(("line", "outlet"), [
    ("The council met again on Tuesday. Harbour Daily News", "Harbour Daily News"),
    ("The ferries ran late, she said. The Hill", "The Hill"),
    ("The pier will open in May. WHN", "WHN"),
])
def test_the_outlet_a_story_was_copied_from_goes_after_its_last_sentence(line: str, outlet: str) -> None:
    assert tails(line) == [(outlet, "source")]


@pytest.mark.parametrize("line", [
    "We will never give up. God Bless America",
    "The prosecutor had not ruled out any suspects. MORE",
    "It affirmed the long-term debt of J. Harbour PLC.",
    "The exchange opens at 7:20 a.m. CDT.",
    "Voters backed the plan. The Harbour Daily News reported it first",
    "Will the council listen to the fishermen? NO",
    "Updated at 11:45 p.m. ET",
])
def test_a_closing_phrase_a_wire_stories_marker_and_a_sentence_about_an_outlet_stay(line: str) -> None:
    assert tails(line) == []


@pytest.mark.parametrize(("line", "pieces"), [
    ("It remains a mystery to this day. Watch: SEE MORE HARBOUR SCREENINGS HERE",
     [("SEE MORE HARBOUR SCREENINGS HERE", "cta"), ("Watch:", "cta")]),
    ("The pier plan was dropped.HAVE YOUR SAY! AND VOTE ON THIS AND OTHER EVENTS HERE",
     [("HAVE YOUR SAY! AND VOTE ON THIS AND OTHER EVENTS HERE", "cta")]),
    ("The hackers were unsuccessful. STAY TUNED FOR MORE UPDATES", [("STAY TUNED FOR MORE UPDATES", "cta")]),
    ("Please share the show with friends! Reference Links, for your consideration and research:",
     [("Reference Links, for your consideration and research:", "related")]),
])
def test_pointers_in_capitals_and_an_emptied_list_of_links_end_the_line(
        line: str, pieces: list[tuple[str, str]]) -> None:
    assert tails(line) == pieces


@pytest.mark.parametrize("line", [
    "The crowd chanted: WE ARE STAYING HERE",
    "He told them the ferry stops HERE",
])
def test_a_shout_that_ends_on_here_stays(line: str) -> None:
    assert tails(line) == []


@pytest.mark.parametrize(("line", "byline"), [
    ("Jane Roe Harbour NewsThe council met on Tuesday.", "Jane Roe Harbour News"),
    ("Paul Jon RoeIn the last years of the century the pier grew.", "Paul Jon Roe"),
    ("Harbour Wire asks Who will pay for the pier?", "Harbour Wire asks "),
])
def test_a_reposted_storys_writer_and_outlet_glued_to_its_first_word_go(line: str, byline: str) -> None:
    assert header_bylines(line) == [(byline, "byline")]


@pytest.mark.parametrize("line", [
    "Senate Leader Mitch McConnell on Tuesday condemned the plan.",
    "Harbour BancGroup said its profit rose.",
    "Gen. Douglas MacArthur returned to the harbour.",
    "Reporter Jane LeDuff is a legend in the harbour.",
])
def test_names_with_a_capital_inside_them_are_no_glue(line: str) -> None:
    assert header_bylines(line) == []


@pytest.mark.parametrize(("line", "pieces"), [
    ("It must be enacted in community.Jane Roe is the author of Harbour Lights, and Tom Reed is the author of The Pier."
     " This article was originally published at Harbour PostREAD MORE PIER NEWS AT: Harbour Wire Pier Files",
     [("READ MORE PIER NEWS AT: Harbour Wire Pier Files", "related"),
      ("This article was originally published at Harbour Post", "source"),
      ("Jane Roe is the author of Harbour Lights, and Tom Reed is the author of The Pier.", "bio")]),
    ("The files were leaked.Get 10% off a Harbour TV membership today using promo code: PIER10READ MORE ON THE PIER : "
     "Harbour Wire Pier Files",
     [("READ MORE ON THE PIER : Harbour Wire Pier Files", "related"),
      ("Get 10% off a Harbour TV membership today using promo code: PIER10", "ad")]),
])
def test_a_bio_above_a_source_note_and_an_offer_above_a_pointer_end_a_text_scraped_as_one_line(
        line: str, pieces: list[tuple[str, str]]) -> None:
    assert tails(line) == pieces


RUN_TOGETHER = " ".join(["The ferry from the north pier ran an hour late on Tuesday."] * 20)
"""Paragraphs a scrape ran into one line, where a reposted story's byline is looked for."""


def test_a_sentence_about_an_author_that_ends_the_story_stays() -> None:
    assert tails("The council published the study on Tuesday. Jane Roe is the author of the study.") == []


def test_a_reposted_storys_byline_inside_the_text_and_a_fix_note_go() -> None:
    line = f"{RUN_TOGETHER} The House votes this week. Jane Roe Harbour PostThe Senate on Wednesday voted."
    assert inline(line) == [("Jane Roe Harbour Post", "byline")]
    assert inline("Ferries ran late, he said.  (Fixes typo in para 9)") == [("(Fixes typo in para 9)", "note")]
    assert inline("Ferries ran late, he said. (Correct paragraph 2 to remove extraneous word.)") == [
        ("(Correct paragraph 2 to remove extraneous word.)", "note")]
    assert inline("Ferries ran late. (Correct me if I am wrong, but they always do.)") == []
    assert inline(f"{RUN_TOGETHER} Reporter Jane Roe Harbour Post said The Senate voted.") == []


def test_an_image_source_in_brackets_a_plain_membership_pitch_and_a_byline_glued_after_an_epigraph_go() -> None:
    assert inline("The pier was empty. (Image Source: harbourdaily.com) Ferries ran late.") == [
        ("(Image Source: harbourdaily.com)", "credit")]
    assert tails("The pier reopened.Support our work and Become a Member @ HARBOURWIRE.TV") == [
        ("Support our work and Become a Member @ HARBOURWIRE.TV", "donation")]
    line = f"{RUN_TOGETHER} No one man can hold a harbour.    Tom ReedJane Roe Harbour PostWe walked a strange road."
    assert inline(line) == [("Jane Roe Harbour Post", "byline")]


def test_the_source_of_a_quoted_excerpt_glued_to_the_next_paragraph_goes() -> None:
    line = f"{RUN_TOGETHER} It was not the first delay, he said. Harbour PostThe council met again on Friday."
    assert inline(line) == [("Harbour Post", "source")]
    line = f"{RUN_TOGETHER} It was a mistake, he said. Harbour HeraldMeanwhile, the council met again on Friday."
    assert inline(line) == [("Harbour Herald", "source")]
    line = f"{RUN_TOGETHER} It was a mistake, he said. Harbour NewsBut the council met again on Friday."
    assert inline(line) == [("Harbour News", "source")]
    line = f"{RUN_TOGETHER} The records show it. For entire story: Harbour PostThe inquiry went on."
    assert inline(line) == [("For entire story: Harbour Post", "source")]
    assert inline(f"{RUN_TOGETHER} He reads the Harbour Daily NewsThe council met.") == []
    assert inline(f"{RUN_TOGETHER} “I am not sure,” HarbourNews quoted the mayor as saying.") == []
    line = f"{RUN_TOGETHER} It has taken years.  Read more: Harbour PostHere is the report."
    assert ("Read more: Harbour Post", "source") in inline(line)
    for glued in ("Terrible! The pier is gone.", "Mayor Roe said the pier was gone."):
        line = f"{RUN_TOGETHER} It was a mistake, he said. Harbour News{glued}"
        assert inline(line) == [("Harbour News", "source")]
    assert inline(f"{RUN_TOGETHER} It was a mistake, he said. NewsHarbour reported it.") == []
    assert inline(f"{RUN_TOGETHER} It was a mistake, he said. Harbour DailyMail reported it.") == []
    assert inline(f"{RUN_TOGETHER} It was a mistake, he said. When TVNewser reported it, few read it.") == []
    short_post = ("The mayor spoke to a half-empty hall on Monday night, and few of her own supporters came to hear "
                  "her plan for the pier. Meanwhile, dozens of the ferry crews filled the front rows. Harbour PostWhen "
                  "the mayor walked off the stage, the crews followed her out and kept asking her about the old "
                  "pier's future.")
    assert inline(short_post) == [("Harbour Post", "source")]


def test_an_embedded_videos_address_goes_and_the_sentence_around_it_stays() -> None:
    line = "See the speech here: https://www.youtube.com/watch?v=AbCdEfGhIjK&feature=player_embedded. It ran."
    assert inline(line) == [("https://www.youtube.com/watch?v=AbCdEfGhIjK&feature=player_embedded", "embed")]
    assert inline("The whole hearing.https://youtu.be/AbCdEfGhIjKVia: Harbour News") == [
        ("https://youtu.be/AbCdEfGhIjK", "embed")]
    assert inline("The channel youtube.com/harbourcity posts every meeting.") == []


def test_a_portals_footer_under_a_reprinted_wire_story_goes() -> None:
    line = ("He is now back at the pier. (Additional reporting by Jane Roe in Harbour City, Editing by Tom Reed) "
            "Read the original article on Harbour Wire . Copyright 2016. Follow Harbour Wire on Twitter . "
            "More from Harbour Wire:")
    assert [piece for piece, _category in tails(line)] == [
        "More from Harbour Wire:", "Follow Harbour Wire on Twitter .",
        "Read the original article on Harbour Wire . Copyright 2016.",
        "(Additional reporting by Jane Roe in Harbour City, Editing by Tom Reed)"]
    assert tails("Residents follow the ferry on Twitter.") == []


@pytest.mark.parametrize(("line", "credit"), [
    ("PA The royal couple being shown the new pier", "PA "),
    ("GETTY/MERCURY Her father at the harbour in 1950", "GETTY/MERCURY "),
    ("GETTY Could the harbour board raise the ferry fares in May?", "GETTY "),
    ("CEN The pier where the ferry was found on Monday", "CEN "),
])
def test_a_picture_agency_in_capitals_before_its_caption_goes(line: str, credit: str) -> None:
    assert inline(line) == [(credit, "credit")]


@pytest.mark.parametrize("line", [
    "REUTERS reported the ferry sank on Tuesday.",
    "EPA Chief Jane Roe reveals what her family did with the old pier",
    "BBC One will show the harbour race live",
])
def test_a_sentence_or_heading_that_opens_on_an_agency_stays(line: str) -> None:
    assert inline(line) == []


def test_a_writers_bio_that_ends_a_text_run_into_one_line_goes_when_the_text_never_names_them() -> None:
    bio = ("Dr. Jane Marlow was harbour master of Selby and associate editor of the Example Review. She was a "
           "columnist for the Harbour Post. Her latest books are Tides and Night Ferries.")
    assert tails(f"{RUN_TOGETHER} The pier will reopen in May.{bio}") == [(bio, "bio")]
    assert tails(f"Jane Marlow {RUN_TOGETHER} The pier will reopen in May.{bio}") == [(bio, "bio")]


def test_a_writers_bio_goes_when_the_text_names_them_only_in_the_byline_of_the_story_it_reposts() -> None:
    """An outlet's introduction, then the reposted story under its writer's byline, then the writer's bio: the
    byline names the writer the bio introduces, as a byline at the text's start does."""
    bio = ("Jane Marlow writes for the Harbour Post and is the author of Tides. Her latest book is Night Ferries. She "
           "can be reached at jane@example.com")
    repost = f"{RUN_TOGETHER} Jane Marlow Harbour PostIf the pier is the town's heart, {RUN_TOGETHER}"
    assert tails(f"{repost} The pier will reopen in May.{bio}") == [(bio, "bio")]
    assert tails(f"{repost} Jane Marlow spoke first. The pier will reopen in May.{bio}") == []


def test_a_story_that_ends_on_someone_it_names_or_on_what_they_said_keeps_its_end() -> None:
    named = f"{RUN_TOGETHER} Jane Marlow, the harbour master, spoke first."
    bio = ("Jane Marlow was harbour master of Selby and associate editor of the Example Review. She was a "
           "columnist for the Harbour Post. Her latest books are Tides and Night Ferries.")
    assert tails(f"{named} {bio}") == []
    assert tails(f"{RUN_TOGETHER} Jane Marlow is a columnist and the author of two books, she said on her "
                 "website.") == []
    assert tails(f"The pier will reopen in May. {bio}") == []  # a short line is the rules' to judge


def test_a_pointer_to_another_story_glued_to_the_next_sentence_goes_and_an_unglued_one_stays() -> None:
    line = "The pier shut. SEE ALSO: Why the Night Ferry Matters to SelbyThe board met on Friday."
    assert inline(line) == [("SEE ALSO: Why the Night Ferry Matters to Selby", "related")]
    caps = "The pier shut.RELATED: WHO RUNS THE HARBOUR TRUSTBut the board met on Friday."
    assert inline(caps) == [("RELATED: WHO RUNS THE HARBOUR TRUST", "related")]
    assert inline("The pier shut. SEE ALSO: the minutes. The board met on Friday and voted.") == []


def test_an_embeds_time_zone_ends_before_a_glued_capital() -> None:
    line = "A post shared by Jane Roe (@janeroe) on Jul 25, 2017 at 6:45pm PDTA Selby crew said the pier shut."
    assert inline(line) == [("A post shared by Jane Roe (@janeroe) on Jul 25, 2017 at 6:45pm PDT", "embed")]


def test_a_reposted_byline_may_be_glued_to_any_capitalised_word_and_a_labelled_source_keeps_its_label() -> None:
    line = f"{RUN_TOGETHER} The pier shut. Jane Roe Harbour WireEarlier this week the board met."
    assert inline(line) == [("Jane Roe Harbour Wire", "byline")]
    labelled = f"{RUN_TOGETHER} The pier shut. Via: Top Harbour NewsHere is the board's statement."
    pieces = inline(labelled)
    assert ("Via: Top Harbour News", "source") in pieces and ("Top Harbour News", "byline") not in pieces
    assert inline(f"{RUN_TOGETHER} The pier shut. Harbour StarNews quoted the mayor.") == []


@pytest.mark.parametrize("source", ["HPQ", "-HP", "HarbourPost", "Quay Cam2Now", "Quayside.com", "Money HPQ"])
def test_a_publications_name_glued_after_an_excerpt_to_the_next_paragraph_goes(source: str) -> None:
    line = f"{RUN_TOGETHER} The pier shut at noon. {source}Many readers wrote in about the closure."
    assert inline(line) == [(source, "source")]


@pytest.mark.parametrize("glued", ["Wild Goose ChaseThe", "FINDING THE PIERThe", "Gen. MacArthurThe", "HPQStarted"])
def test_a_subheading_a_name_or_a_word_that_opens_no_sentence_glued_after_a_sentence_stays(glued: str) -> None:
    assert inline(f"{RUN_TOGETHER} The pier shut at noon. {glued} board met again on Monday.") == []


@pytest.mark.parametrize("line", ["The pier closed on Monday.Via:Harbour Examiner",
                                  "The pier closed on Monday. Via: Harbour Examiner"])
def test_a_labelled_source_at_the_end_goes_with_or_without_a_space_after_its_label(line: str) -> None:
    assert tails(line) == [(line[line.index("Via"):], "source")]


def test_a_sponsors_note_after_a_wire_credit_goes_with_the_credit() -> None:
    note = ("This article was funded in part by Harbour Bank. It was independently created by the Harbour Wire"
            " editorial staff. Harbour Bank had no editorial involvement in its creation or production.")
    line = f"The pier will reopen in May. (Reporting by Jane Roe; Editing by Tom Reed) {note}"
    assert tails(line) == [(note, "disclaimer"), ("(Reporting by Jane Roe; Editing by Tom Reed)", "byline")]
    quoted = "“The pier will reopen in May.” (Reporting by Jane Roe; Writing by Ann Lee; Editing by Tom Reed)"
    assert tails(quoted) == [("(Reporting by Jane Roe; Writing by Ann Lee; Editing by Tom Reed)", "byline")]


def test_a_sites_bracketed_pointer_to_its_earlier_story_goes_but_not_a_reference_to_a_figure() -> None:
    pointer = "(See: Harbour Board Votes to Close the Old Pier for Good [3].)"
    assert inline(f"The pier was closed in 2014 {pointer} and the ferry moved.") == [(pointer, "related")]
    also = "(See also: Why the Night Ferry Stopped Running)"
    assert inline(f"{also} The ferry runs again.") == [(also, "related")]
    assert inline("The tides (see: Figure 3) rose.") == []
    assert inline("The tides (see the harbour board's chart for details) rose.") == []


def test_a_bracketed_pointer_to_a_dropped_link_goes_and_its_sentence_stays() -> None:
    line = "Take a look at the budget office's chart (click here for link) showing spending falling by half."
    assert inline(line) == [(" (click here for link)", "cta")]
    assert inline("The mayor waded in the shallows. SPONSORED LINKS") == [("SPONSORED LINKS", "ad")]
    assert inline("He would ask the mayor one last question. advertisement") == [("advertisement", "ad")]
    assert inline("The council met. Advertisement revenue at the paper fell again.") == []
    line = "The bread must keep for a long time (Check out these 25 harbour recipes ) It must also be cheap."
    assert inline(line) == [(" (Check out these 25 harbour recipes )", "cta")]
    assert inline("The pier burned on Sunday. (Click HERE for video)") == [(" (Click HERE for video)", "cta")]
    assert inline("He said (click the map) and left.") == []


def test_a_shops_price_box_glued_into_a_paragraph_goes() -> None:
    box = "The Harbour Ages: Every... Jane L. Roe Best Price: $$11.74 Buy New $$10.25 (as of 08:40 EST - Details) "
    assert inline(f"{box}The book of the harbour tells of its first pier.") == [(box, "ad")]
    after = "Piers of the Nor... Tom Reed Jr. Best Price: $$2.99 (as of 03:00 EST - Details )"
    assert inline(f"The quay was built in 1850 and it is old. {after}") == [(after, "ad")]
    new_price_only = "Harbour Sea Salt Fine G... Buy New $$3.50 (as of 10:50 EST - Details)"
    assert inline(f"Salt keeps the fish. {new_price_only} Salt also keeps the nets.") == [(f"{new_price_only} ", "ad")]
    assert inline("The best price: $11.74, and you can buy new copies at the quay.") == []
    assert inline("Buy new $40 boots, he said (as of today, the shop is shut).") == []


def test_a_price_box_with_a_cut_title_goes_from_the_title_wherever_the_sentence_before_it_ends() -> None:
    """The shop cuts a title to 22 characters and "...": a box glued after a sentence that ends on a figure, or
    inside one, took the story's words before it, up to the line's start."""
    box = "How the Harbour Was Lo... Tom Reed Best Price: $$9.89 Buy New $$19.90 (as of 07:35 EST - Details)"
    assert inline(f"Boats sank from the 1960s to the mid-1980s. Jane Roe said: {box}") == [(box, "ad")]
    glued = "Broken Piers: How Harb... Jane Roe, Tom Reed, An... Best Price: $$2.50 (as of 03:35 EST - Details) "
    assert inline(f"They were so upset many of them {glued}left the quay.") == [(glued, "ad")]


def test_a_picture_widgets_toggle_before_its_caption_goes() -> None:
    assert inline("Expand | Collapse (Photo: Example Wire/Jane Roe) The old pier at dusk.") == [
        ("Expand | Collapse ", "nav"), ("(Photo: Example Wire/Jane Roe)", "credit")]
    assert inline("Expand the pier | Collapse of the old quay") == []


def test_a_players_buttons_run_into_a_line_and_share_buttons_glued_after_a_headline_go() -> None:
    line = "Top plays of the week. Play Pause Seek Volume Mute Unmute CC HD SD Full Screen Ferry race highlights"
    assert inline(line) == [("Play Pause Seek Volume Mute Unmute CC HD SD Full Screen", "nav")]
    labels = "Play Pause Mute Captions Quality Auto Full Screen"  # the line rule's labels count here too
    assert inline(f"Top plays of the week. {labels} Ferry race highlights") == [(labels, "nav")]
    assert inline("Press Play, then Pause, he said.") == []
    header = "The pier at dusk. | Getty Board backs 'night ferry' Share on Facebook Share on Twitter"
    assert tails(header) == [("Share on Facebook Share on Twitter", "share")]


def test_a_wire_credit_that_opens_the_line_of_its_closing_notes_goes_with_them() -> None:
    line = ("(Additional reporting by Jane Roe in Harbour City, Editing by Tom Poe) Read the original article on "
            "Example Wire. Follow Example Wire on Twitter.")
    pieces = affixes.tail(line)
    assert (0, line.index(")") + 1, "byline") in pieces
    assert affixes.covers(sorted(pieces), line)
    assert affixes.tail("(Additional reporting by Jane Roe in Harbour City, Editing by Tom Poe)") == []


def test_a_forum_posts_reply_header_goes_and_the_post_stays() -> None:
    line = "a reply to: harbourfan I think the pier should stay open all winter."
    assert list(affixes.inline(line)) == [(0, len("a reply to: harbourfan "), "embed")]
    assert list(affixes.inline("a reply to: harbourfan")) == [(0, len("a reply to: harbourfan"), "embed")]
    assert list(affixes.inline("I sent a reply to: the council, which never answered.")) == []


def test_a_source_in_brackets_after_the_last_sentence_goes_and_a_bracketed_aside_in_a_quote_stays() -> None:
    assert tails("The pier reopens in May. [via Harbour Reporter]") == [("[via Harbour Reporter]", "source")]
    assert tails("The ferry was late again. [via 9to5Harbour]") == [("[via 9to5Harbour]", "source")]
    assert tails("\"One boat was damaged [via a storm],\" the harbour master said.") == []


def test_a_politicians_card_run_into_the_sentence_goes_and_the_sentence_stays() -> None:
    line = ("The vote went to Senator Jane Roe Jane Quinn RoeHarbour bill stalls in committee Roe backs ferry fund "
            "MORE on Monday, and to Tom Reed.")
    assert inline(line) == [(" Jane Quinn RoeHarbour bill stalls in committee Roe backs ferry fund MORE", "related")]
    assert inline("She went to McDonald's for MORE fries than the mayor.") == []
    assert inline("Jane Roe met Tom ReedHarbour reporters said MORE than once.") == []


def test_a_templates_placeholder_and_a_video_players_message_go() -> None:
    assert inline("#share#The mayor spoke.") == [("#share#", "nav")]
    assert inline("View 3 more images In this photo, the ferry leaves.") == [("View 3 more images ", "nav")]
    assert inline("Media playback is unsupported on your device Media caption The mayor at the pier") == [
        ("Media playback is unsupported on your device Media caption ", "nav")]


def test_a_pictures_credit_before_its_caption_label_and_a_list_templates_keys_go() -> None:
    assert inline("Image copyright Example Images Image caption The mayor at the pier") == [
        ("Image copyright Example Images Image caption ", "credit")]
    assert inline("quicklist: title: 1. Jane Roe text: The mayor praised the ferry.") == [
        ("quicklist: title: ", "nav"), (" text: ", "nav")]
    assert inline("The ferry's text: \"All aboard\" was painted on the hull.") == []


def test_a_live_blogs_update_stamp_goes_and_the_update_stays() -> None:
    assert inline("Update (8/25/17; 8:29 P.M.): The storm has picked up.") == [
        ("Update (8/25/17; 8:29 P.M.): ", "note")]
    assert inline("Update (for members): the ferry is late.") == []
