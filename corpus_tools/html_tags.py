"""HTML tags a scrape left in the text (an embedded post's <blockquote>, a player's <iframe>, <br>), reduced to
the text they wrap: for normalize."""

from __future__ import annotations

import re
from itertools import islice

MIN_TAGS = 3
"""A text holds markup left-overs when at least this many HTML tags stand in it: Reuters writes a company's name in
angle brackets ("<Harbour Trust Inc>", "<I>" for a ticker), and a story about the web may show a tag or two."""
_NAMES = ("a|abbr|article|aside|b|blockquote|br|center|cite|code|div|em|embed|figcaption|figure|font|footer|h[1-6]|"
          "header|hr|i|iframe|img|li|nav|object|ol|p|param|pre|section|small|source|span|strong|sub|sup|table|tbody|"
          "td|th|thead|time|tr|u|ul|video")
_TAG = re.compile(rf"</?(?:{_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:article|aside|blockquote|center|div|figcaption|figure|footer|h[1-6]|header|hr|iframe|li|"
                    r"nav|ol|p|pre|section|table|tr|ul|video)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CODE = re.compile(r"<(script|style|noscript)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
"""An element whose content is code, not text: it goes whole."""


def strip_html(text: str) -> str:
    """`<p>The ferry <a href="...">sailed</a>.</p>` -> `The ferry sailed.`: code elements go whole, a break becomes
    a line break and a block a paragraph break, and other tags go, their text staying. Passes until one changes
    nothing (removing a tag can join the halves of another), so that normalize run twice changes nothing."""
    while _holds_markup(text):
        stripped = _TAG.sub("", _BLOCK.sub("\n\n", _BREAK.sub("\n", _CODE.sub("", text))))
        if stripped == text:
            break
        text = stripped
    return text


def _holds_markup(text: str) -> bool:
    """Whether at least MIN_TAGS tags stand in the text, counted only that far: a long text with a tag in every
    paragraph need not be searched to its end."""
    return "<" in text and next(islice(_TAG.finditer(text), MIN_TAGS - 1, None), None) is not None
