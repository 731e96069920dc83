"""How much a line speaks to its reader about the site, or sells to the reader, rather than telling the story.

`speaks_for_the_site` is used only for lines that stand between boilerplate at the end of a record (see
`detect`'s closing run): a blogger's sign-off ("If you liked this post, click the Like button ..."), a site's
disclaimer ("All posts are opinions ...; ads on this blog ..."). Rules cannot list their wordings, and one
outlet's sign-off occurs once in a corpus, so learning cannot see it either. The features do not depend on
an outlet's wording; the weights are set by hand, for reasons that can be read:

- the reader addressed ("you", "your"): +1. Stories speak of people, boilerplate speaks to the reader;
- the writer or the site speaking of itself ("I", "we", "our"): +1. Quotes do this too, hence only +1;
- words of the site itself (post, blog, page, comment, subscribe, share, button, email, feed, ad, link,
  click, ...): +1 each, at most +3. A story about a website uses them too, hence the reporting penalty;
- reporting ("said", "told", "according", "declined"): -2. That is a story's voice, whatever else it says;
- a third person ("he", "she", "him", "her", or a name behind "Mr.", "Mrs.", "Ms.") in a paragraph of
  NARRATION_WORDS words or more: -1. A story tells of people at length; the site's voice speaks of itself and to
  its reader, briefly (a paragraph on a star's live feed, where "you hear" him answer a comment, is the story's;
  "Share this story and tell us what you think of her claim" is the site's; a review's last paragraph that
  credits "Mr. Loeterman's use of comments from descendants" is the review's).

A line scoring THRESHOLD or more reads as the site's voice. One kind of word alone never reaches it: the
reader and the site must both be spoken of, or the site in three of its words.

`sells` scores, the same way, the line before a call to action (see `detect`'s pitches): an advertisement
leads up to its "Click here ..." by addressing the reader, making an offer and telling them what to do.
"""

from __future__ import annotations

import re

from corpus_tools.boilerplate import affixes, segment
from corpus_tools.boilerplate.rules import builtin_defines

THRESHOLD = 3
_SECOND_PERSON = frozenset({"you", "your", "youre", "yours", "yourself", "yourselves"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours"})
SITE_WORDS = frozenset({"post", "posts", "blog", "blogs", "page", "site", "website", "comment", "comments",
                   "commenters", "commenting", "subscribe", "subscription", "share", "button", "buttons",
                   "email", "rss", "feed", "newsletter", "donate", "donation", "ads", "advertiser",
                   "advertisers", "link", "links", "click", "follow", "repost", "republish", "admin"})
_REPORTING = frozenset({"said", "says", "told", "according", "reported", "declined"})
_OTHERS = frozenset({"he", "she", "him", "her", "mr", "mrs", "ms"})
NARRATION_WORDS = 40
SITE_CAP = 3
_WORD = re.compile(r"[a-z]+")


def _words(line: str) -> tuple[list[str], set[str]]:
    """A line's words in lower case without apostrophes ("youre"), in order and as a set."""
    tokens = _WORD.findall(line.lower().replace("’", "").replace("'", ""))
    return tokens, set(tokens)


def _narrates(tokens: list[str], words: set[str]) -> bool:
    """A third person in a paragraph of NARRATION_WORDS words or more: a story telling of people at length."""
    return len(tokens) >= NARRATION_WORDS and bool(words & _OTHERS)


def site_voice(line: str) -> int:
    """The line's score (see the module's docstring)."""
    tokens, words = _words(line)
    score = bool(words & _SECOND_PERSON) + bool(words & _FIRST_PERSON) + min(len(words & SITE_WORDS), SITE_CAP)
    return score - 2 * bool(words & _REPORTING) - _narrates(tokens, words)


def speaks_for_the_site(line: str) -> bool:
    return site_voice(line) >= THRESHOLD


PITCH_THRESHOLD = 3
_OFFER = frozenset({"free", "offer", "offers", "discount", "kit", "trial", "bonus", "gift", "deal", "deals",
                    "exclusive", "shipping", "toll", "tollfree", "coupon", "guarantee", "guaranteed", "risk"})
_IMPERATIVE = re.compile(r"(?:^|[.!?:–—-] +)(?:Learn|Get|Call|Order|Claim|Discover|Find out|Join|Try|Download|"
                         r"Request|Grab|Ask|Sign up|Subscribe|Shop|Buy|Click|Tap|Visit|Watch|Tune in|Don['’]t miss)\b")


def pitch(line: str) -> int:
    """How much a line sells to its reader, an advertisement's or a promotion's voice:

    - the reader addressed ("you", "your"): +1;
    - the seller speaking of itself ("we", "us", "our"): +1;
    - an offer (free, offer, discount, kit, trial, gift, shipping, toll-free, ...): +1;
    - a sentence that opens on an imperative (Learn, Get, Call, Order, Claim, Download, ...): +1;
    - reporting ("said", "told", "according"): -2;
    - a third person in a paragraph of NARRATION_WORDS words or more: -1, as in `site_voice` (a speech quoted at
      length addresses "you" and says "we"; an advertisement speaks of its reader and itself).
    """
    tokens, words = _words(line)
    score = (bool(words & _SECOND_PERSON) + bool(words & (_FIRST_PERSON - {"i", "me", "my"}))
             + bool(words & _OFFER) + bool(_IMPERATIVE.search(line)))
    return score - 2 * bool(words & _REPORTING) - _narrates(tokens, words)


def sells(line: str) -> bool:
    """Whether the line reads as an advertisement or a promotion (see `pitch`)."""
    return pitch(line) >= PITCH_THRESHOLD


def asks(line: str) -> bool:
    """Whether a line addresses its reader, offers something or opens a sentence on an imperative, as a call to
    action does ("Free shipping available!", "Click Here Now"): an advertisement's marker ("Advertisement", "Story
    continues below") does none of these, it only stands where an advertisement was."""
    _, words = _words(line)
    return bool(words & _SECOND_PERSON or words & _OFFER or _IMPERATIVE.search(line))


HEADLINE_WORDS = (5, 20)
"""A headline of another story has this many words: shorter title-case lines are names, roles and labels
("Jane Roe, Harbour Editor"), longer ones prose."""
HEADING_WORDS = 6
_LINK_START = r"(?:https?://|www\.)"
_TRAILING_LINK = re.compile(rf"\s+{_LINK_START}\S+$")
_HEADLINE_END = re.compile(r"[.,;:]['\"’”)]*$")
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "it", "its",
                          "of", "off", "on", "or", "over", "the", "to", "up", "vs", "with"})


MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
"""A month and a day as news text writes them: "June 9", "Aug. 8", "September 12"."""
_DATED = re.compile(rf"{MONTH_DAY}(?:st|nd|rd|th)?\b(?!,? \d{{4}})")


def headline(line: str) -> bool:
    """Whether a line reads as another story's headline: HEADLINE_WORDS words in Title Case (the first word, or a
    listicle's figure, and every word but the small ones capitalised, at most one exception), no full stop, comma or
    colon at its end, and not a line of figures; a link after it is its address ("... Again https://example.org/a"). A
    story's own sentences end on a full stop. A line that opens on a date without a year ("June 9 -- Harbour Arena,
    Tampa, FL") is an entry of a schedule; a post's date with its year ("October 24, 2020 - ...") may head another
    story's line."""
    line = _TRAILING_LINK.sub("", line)
    words = line.split()
    if not HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] or _HEADLINE_END.search(line):
        return False
    if _DATED.match(line):
        return False
    if not (words[0][:1].isupper() or words[0].isdigit()):
        return False
    if sum(c.isdigit() for c in line) * 4 > len(line) or _table_row(words):
        return False
    lower = sum(1 for w in words[1:] if w[:1].islower() and w.lower() not in _SMALL_WORDS)
    return lower <= 1


_FIGURE = re.compile(r"[-+]?\d[\d.,/]*%?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _table_row(words: list[str]) -> bool:
    """A row of a table rather than a headline: it ends on a figure, or holds two, years aside ("TOLEDO 58 LB 35 OVR
    MAY UP 1", "Sum of Adjustments -- 12.32"); "Ferry Fares Rise 10 Percent for the Summer of 2024" is a headline."""
    return bool(words) and _is_figure(words[-1]) or sum(map(_is_figure, words)) >= 2


def _is_figure(word: str) -> bool:
    return bool(_FIGURE.fullmatch(word)) and not _YEAR.fullmatch(word)


_BULLETS = "-•*–"
_LIST_ITEM = re.compile(rf"[{_BULLETS}](?: \S|[A-Z“\"‘'])")
_HEADLINE_START = re.compile(r"[A-Z0-9“\"‘']")
_INNER_STOP = re.compile(r"[.!?]['\"’”]*\s")


def bulleted(line: str) -> bool:
    """The line opens on a list's bullet ("- ", "• ", "* ")."""
    return bool(_LIST_ITEM.match(line))


def unbulleted(line: str) -> str:
    """The line without the bullets and spaces it opens on."""
    return line.lstrip(_BULLETS + " ")


def list_item(line: str) -> bool:
    """A bulleted line of at most HEADLINE_WORDS words without closing punctuation: an item of a list."""
    return bulleted(line) and segment.is_label(line, HEADLINE_WORDS[1])


def plain_headline(line: str) -> bool:
    """A line that reads as another story's headline in sentence case, without a bullet: HEADLINE_WORDS words opening
    on a capital, a figure or a quotation mark, with no sentence ending inside it and no full stop, comma or colon at
    its end (a question mark may close it: "Who will make the Hall of Fame in 2020?")."""
    words = line.split()
    return (HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] and bool(_HEADLINE_START.match(line))
            and not _HEADLINE_END.search(line) and not _INNER_STOP.search(line) and not bulleted(line))


_WRITER_LINK = re.compile(r"(?:[A-Z][\w'’-]*\.? ){1,3}[A-Z][\w'’-]+(?: and (?:[A-Z][\w'’-]*\.? ){1,3}[A-Z][\w'’-]+)?: "
                          r"[A-Z0-9“\"‘']")
WRITER_LINK_WORDS = 30


def writer_link(line: str) -> bool:
    """A link to a column as an opinion page lists them: its writer's name, a colon and the column's headline, which
    may run to two sentences ("Jane Q. Roe: The pier deserves better. Fund it."), at most WRITER_LINK_WORDS words."""
    return bool(_WRITER_LINK.match(line)) and len(line.split()) <= WRITER_LINK_WORDS


def heading(line: str) -> bool:
    """A short line that introduces what follows it: at most HEADING_WORDS words ending on a colon ("More from
    the valley:", "Links:"). A dash is not enough: a wire's table opens on "Operating profit by division -"."""
    stripped = line.rstrip(" *")
    return len(stripped.split()) <= HEADING_WORDS and stripped.endswith(":")


_READER = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def cites(line: str) -> bool:
    """A sentence longer than a heading that ends on a colon and does not speak to the reader: the story's words
    for the link or quotation below it ("Here is the agency's own report on the outbreak:")."""
    stripped = line.rstrip(" *")
    return len(stripped.split()) > HEADING_WORDS and stripped.endswith(":") and not _READER.search(stripped)


BIO_WORDS = (12, 120)
"""A closing bio of the writer has this many words: one full sentence and what follows it, at most a paragraph ..."""
BIO_CHARS = 1200
"""... so it starts within this many characters of the line's end (120 words of ten characters)."""
_SENTENCE_START = r"(?<=[.!?])(?<![A-Z]\.)(?<![A-Z][a-z]\.)(?<![A-Z][a-z]{2}\.)\s*"
"""Where a sentence starts: after its full stop, glued or not, but not after an initial or a title ("C.", "Rep.")."""
_BIO_OPENING = re.compile(rf"(?:^|{_SENTENCE_START})(?P<subject>(?:[A-Z][a-z'’-]+|[A-Z]{{2,3}}(?= [A-Z][a-z]))"
                          rf"(?: (?:[A-Z]\.|[A-Z][a-z'’-]+)){{1,3}}) "
                          r"(?!(?:said|says|told|added|stated|reported|wrote|announced|declined|and|or|the|an?|of|to|in|on"
                          r"|for|with|at|by|from)\b)[a-z]{2,}\b")
"""A full name opening a sentence, then a word that neither reports nor joins another subject to it: a bio introduces
one person ("Jane Roe grew up ...", "JQ Roe is ..."), a story's last paragraph may open on a star and a team ("Jane
Roe and the team at ... were the first to ..."). An article or a preposition right after the capitalised words is no
name's verb: they are a heading in Title Case ("Make It the Focal Point: ...")."""
_BIO_SENTENCE = re.compile(rf"{_SENTENCE_START}(?=[A-Z])")
_THIRD_PERSON = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)\b")
_HE_OR_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b|^(?:His|Her) ")
_NOT_A_BIO = re.compile(r"\b(?:said|says|told|according|reported|announced|declined)\b|[\"“”]|pic\.twitter\.com/"
                        rf"|{affixes.HANDLE_DATE.pattern}|\b(?:[Ww]e|[Oo]ur|us|[Mm]y)\b|\?")
"""What a bio never holds: reporting, quotes, an embedded post's link or signature ("(@janeroe) September 7, ..."),
the writer's own voice or a question: a story's last lines that give their opinion of someone ("Jane Roe is our very
own ...", "... in the video below we see how calm she is", "Can Governor Roe fix the pier? No, she can't.")."""
_QUOTED_TITLE = re.compile(r"[\"“][A-Z0-9][\w'’&:,-]*(?: (?:[A-Z0-9][\w'’&:,-]*|in|of|and|the|for|on|to|a|with)){0,9}"
                           r"[.!?]? ?[\"”]|[\"“][^\"“”\s]+(?: [^\"“”\s]+){0,2}[\"”]")
"""A title in quotes, every word but the small ones capitalised (a show's, a book's: "hosts “Harbour Talk Radio. ”",
"the journal “Wise Traditions in Food, Farming, and Healing Arts,”"), or a phrase of three words at most ("named one
of the “most influential” writers"): a bio names them; a quote of what someone said is longer, in lower case."""
_NEWS_OF_A_PERSON = re.compile(r"\b(?:will|would|named(?! one of| among)|appointed|elected|nominated|promoted|hired"
                               r"|fired|resigned|succeeds?|succeeded|charged|arrested|accused|sentenced|convicted|killed"
                               r"|died)\b")
"""A wire's last paragraph about a new executive or a suspect ("X will be president of the unit. He has been
...") is news of the person, not the writer's bio; a writer "named one of" a list of them is not."""
_NOT_A_NAME = frozenset(builtin_defines()["not_a_name"].split("|"))
"""Words that open a sentence before a capitalised word and are no first name ("However Mormons arrive ..."): the rule
file's `not_a_name`, which `en.bio.unnamed-person` reads too."""
_COMPANY = re.compile(r"\b(?:Ltd|Inc|Corp|Co|LLC|PLC|Group|Bank|Trust|Holdings|Company|Fund|Partners|University|"
                      r"Institute|Department|Ministry|Council|Party|House|Street|County|City)\b")


def bio_start(line: str, elsewhere: str) -> int | None:
    """Where, in the text's last kept line, the writer's bio begins: a full name that opens a sentence (at the
    line's start, or after a sentence glued shut: "... food supply.Jane Q. Roe was raised ..."), of a person the
    rest of the text (`elsewhere`: the other kept lines and the title) never names (not after a title such as
    "Rep." or an initial), then a sentence with he or she in it (or opening on "His" or "Her") and only sentences
    that speak of them (he, she, his, her or their name), and no reporting, quotes (titles in quotes aside) or news
    of the person (appointed, will be, charged): a story's last lines about a person in the news name them earlier,
    report ("said"), quote them or move on to others. None where no such bio ends the line."""
    reach = max(0, len(line) - BIO_CHARS)
    if not _THIRD_PERSON.search(line, reach):
        return None  # most last lines: no he or she near their end, so no bio to look for
    for found in _BIO_OPENING.finditer(line, reach):
        start = found.start("subject")
        tail = line[start:]
        words = len(tail.split())
        names = [w for w in found["subject"].split() if len(w) > 2]
        if (not BIO_WORDS[0] <= words <= BIO_WORDS[1] or _NOT_A_BIO.search(_QUOTED_TITLE.sub("", tail))
                or _NEWS_OF_A_PERSON.search(tail)
                or _COMPANY.search(found["subject"]) or _NOT_A_NAME.intersection(found["subject"].split())):
            continue
        sentences = _BIO_SENTENCE.split(tail)
        if len(sentences) < 2 or not _HE_OR_SHE.search(sentences[1]):
            continue  # the next sentence goes on about them ("The manager praised his defence" is someone else)
        if not all(_THIRD_PERSON.search(s) or any(n in s for n in names) for s in sentences[2:]):
            continue
        if not named_before(names, line[:start], elsewhere):
            return start
    return None


_WRITER_CREDIT = re.compile(r"\b(?:By|BY):? [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}")
"""A byline's "By Jane Roe": it names the writer, whom a bio at the text's end introduces, not a person in the
story."""


def without_writer_credits(text: str) -> str:
    """The text with its writer's credits ("By Jane Roe") blanked, so that naming the writer there does not make
    their bio at the end a story's lines about them. It reads the words, so it finds a credit strip left in place;
    `detect._Pass._without_bylines` blanks the byline pieces strip took from a line, in any wording."""
    return _WRITER_CREDIT.sub(" ", text)


def named_before(names: list[str], before: str, elsewhere: str) -> bool:
    """Whether any of a bio's subject's names stands, as a whole word, in the line before the bio or in the rest
    of the text, a byline aside: a story about a person names them; a bio at its end introduces someone it never
    named, or the writer its byline named."""
    text = without_writer_credits(before + "\n" + elsewhere)
    return any(re.search(rf"\b{re.escape(name)}\b", text) for name in names)
