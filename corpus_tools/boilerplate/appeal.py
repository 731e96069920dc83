"""A site's plea for money in its own words, at the start or the end of a text: a fund drive's report, a blogger's
case for keeping the server running, a paywall's goodbye. Each site words it its own way and at length (40
sentences), so no rule's phrase reaches most of it; what marks it is a run of sentences that address the reader
about money, among them asks no story makes in its own voice ("your support", "support our reporting", "donate"),
and a sentence that speaks of the site itself. A story about donations tells of others' money in the third person,
or quotes the ask."""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus_tools.boilerplate import lineclf

PLEA_GAP = 3
"""How many sentences in a row that neither plead nor speak to the reader a run passes over: a plea tells of the
site's troubles between its asks ("I have been kicked off multiple hosting companies.")."""
PLEA_SHARE = 0.4
"""The share of a run's sentences that plead about money, at least."""
PLEA_SENTENCES = 3
ASKS = 2
"""A run has PLEA_SENTENCES pleading sentences or more, ASKS of them asks (`_ASK`)."""

_ASK = re.compile(
    r"\b(?:donate|paypal|patreon|fund ?drive|paywalls?|your (?:support|help|contribution|donation|gift|partnership)s?|"
    r"support (?:us|(?:this|our) (?:\w+ )?(?:site|website|blog|work|channel|journalism|reporting|mission|newsroom))|"
    r"(?:any|some|your) support (?:\w+ ){0,6}(?:would be|is) (?:much |greatly |really |very )?appreciated|"
    r"make a (?:\w+ )?donation|(?:monthly|annual) subscription)\b", re.IGNORECASE)
"""What a site asks its readers in its own voice; "donated", "donations" tell of others' gifts as often."""
_ASK_WORDS = ("donat", "paypal", "patreon", "fund drive", "funddrive", "paywall", "your support", "your help",
              "your contribution", "your gift", "your partnership", "support us", "support this", "support our",
              "appreciated", "subscription")
"""What every ask (`_ASK`) holds, in lower case: looked for in the whole text with `in`, which costs a fifth of what
the expression's search does."""
_GIVING = re.compile(
    r"\b(?:donat\w*|contribut\w*|fund(?:s|ing|ed|raiser|raising)?|subscri\w*|tax[- ]deductible|non-?profit|"
    r"sponsor\w*|gifts?|support\w*|members?(?:hip)?|paywalls?)\b", re.IGNORECASE)
"""What a reader gives a site; not money as such, which a story on saving it speaks of to the reader too."""
_TO_READER = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_VOICE = re.compile(r"\b(?:you|your|yours|we|our|us|I|my|me|readers?)\b|\b(?:we|you|I)['’](?:re|ve|ll|d)\b",
                    re.IGNORECASE)
"""A sentence in which the site speaks, to its readers or of itself."""
_REPORTED = re.compile(r"^[\"“]|(?<!\bI )(?<!\bwe )(?<!\bWe )\b(?:said|says|told|according to)\b")
"""Someone else's words, a story's: a quote, or what someone said (a site's own plea may put a word in quotes, or
remind the reader what it "told you")."""
_SITE = re.compile(
    r"\b(?:this|our|the) (?:[\w-]+ )?(?:site|website|blog|channel|newsroom|journalism|reporting|work|mission|"
    r"publication|magazine|podcast|ministry)\b|\bnon-?profit\b|\bhere at\b|\bindependent (?:news|media|journalism)\b|"
    r"\b[\w-]+\.(?:com|org|net|info|co\.uk)\b",
    re.IGNORECASE)


def pleads(sentence: str) -> bool:
    """Whether a sentence asks for money in the site's own voice, or speaks to the reader of giving to it."""
    return _weigh(sentence)[2]


def _weigh(sentence: str) -> tuple[bool, bool, bool]:
    """Whether a sentence is someone else's words (`_REPORTED`), asks (`_ASK`) and pleads, each expression searched
    once."""
    if _REPORTED.search(sentence):
        return True, False, False
    ask = _ASK.search(sentence) is not None
    return False, ask, ask or bool(_TO_READER.search(sentence) and _GIVING.search(sentence))


def _names_site(sentence: str, outlet_stem: str) -> bool:
    return bool(_SITE.search(sentence)) or lineclf.names_outlet(sentence, outlet_stem)


def may_plead(text: str) -> bool:
    """Whether a text holds an ask at all: most do not, and need not be read sentence by sentence."""
    lowered = text.lower()
    return any(word in lowered for word in _ASK_WORDS)


def edge_run(sentences: Iterable[str], outlet_stem: str) -> int:
    """How many of the sentences, read from the text's edge inwards, make the plea (0: none). The run ends on its
    farthest pleading sentence at which it still holds enough pleas and asks, and has named the site (`_SITE`, or
    the outlet as `lineclf.names_outlet` finds it); the walk stops after PLEA_GAP sentences in a row that neither plead
    nor speak to the reader."""
    length = pleas = asks = gap = 0
    named = False
    for count, sentence in enumerate(sentences, start=1):
        reported, ask, pleading = _weigh(sentence)
        if pleading:
            pleas += 1
            asks += ask
            gap = 0
        elif not reported and _VOICE.search(sentence):
            gap = 0
        else:
            gap += 1
            if gap > PLEA_GAP:
                break
            continue
        named = named or _names_site(sentence, outlet_stem)
        if named and pleas >= PLEA_SENTENCES and asks >= ASKS and pleas >= PLEA_SHARE * count and pleading:
            length = count
    return length
