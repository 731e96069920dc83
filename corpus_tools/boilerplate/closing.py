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
- reporting ("said", "told", "according", "declined"): -2. That is a story's voice, whatever else it says.

A line scoring THRESHOLD or more reads as the site's voice. One kind of word alone never reaches it: the
reader and the site must both be spoken of, or the site in three of its words.

`sells` scores, the same way, the line before a call to action (see `detect`'s pitches): an advertisement
leads up to its "Click here ..." by addressing the reader, making an offer and telling them what to do.
"""

from __future__ import annotations

import re

THRESHOLD = 3
_SECOND_PERSON = frozenset({"you", "your", "youre", "yours", "yourself", "yourselves"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours"})
SITE_WORDS = frozenset({"post", "posts", "blog", "blogs", "page", "site", "website", "comment", "comments",
                   "commenters", "commenting", "subscribe", "subscription", "share", "button", "buttons",
                   "email", "rss", "feed", "newsletter", "donate", "donation", "ads", "advertiser",
                   "advertisers", "link", "links", "click", "follow", "repost", "republish", "admin"})
_REPORTING = frozenset({"said", "says", "told", "according", "reported", "declined"})
SITE_CAP = 3
_WORD = re.compile(r"[a-z]+")


def site_voice(line: str) -> int:
    """The line's score (see the module's docstring)."""
    words = set(_WORD.findall(line.lower().replace("’", "").replace("'", "")))
    score = bool(words & _SECOND_PERSON) + bool(words & _FIRST_PERSON) + min(len(words & SITE_WORDS), SITE_CAP)
    return score - 2 * bool(words & _REPORTING)


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
    - reporting ("said", "told", "according"): -2.
    """
    words = set(_WORD.findall(line.lower().replace("’", "").replace("'", "")))
    score = (bool(words & _SECOND_PERSON) + bool(words & (_FIRST_PERSON - {"i", "me", "my"}))
             + bool(words & _OFFER) + bool(_IMPERATIVE.search(line)))
    return score - 2 * bool(words & _REPORTING)


def sells(line: str) -> bool:
    """Whether the line reads as an advertisement or a promotion (see `pitch`)."""
    return pitch(line) >= PITCH_THRESHOLD
