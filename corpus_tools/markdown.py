"""Markdown as scraped news carries it (links, emphasis, headings, escapes), reduced to its text: for normalize,
and for strip, which reads units as normalize would leave them."""

from __future__ import annotations

import bisect
import re

# A link's target is an address, a path or an anchor (it holds one of / . # : ?, or nothing): "[sic](sic)" and
# "\[brackets\](as written)" are text. Unescaped brackets read as a link would lose the words in parentheses.
_TARGET = r"\((?=[^()\s]*[/.#:?]|\))"
_MARKDOWN_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]" + _TARGET + r"[^()\s]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]" + _TARGET + r"(?:[^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)")
# Doubled angle brackets ("<<https://...>>") are no autolink: taken as one, they lost a pair on every pass.
_AUTOLINK = re.compile(r"(?<!<)<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+)>(?!>)")
# Emphasis has words inside and none glued outside: a run of underscores alone is a rule between sections, kept
# whole (trimmed pair by pair, it shrank on every pass), and "f**k ... s**t" hides letters. One or two
# asterisks may open it: italics ("***both***") or an empty pair ("****Offer**"). Inside a path or after a handle's
# "@" it is a name ("/__pycache__/", "@__jane__").
_BOLD_OPENS = r"(?:(?<![\w*/@])|(?<=(?<![\w*/@])\*)|(?<=(?<![\w*/@])\*\*))(\*\*|__)(?=[^\s*_])"
_BOLD_CLOSES = r"(?<=[^\s*_]){}(?![\w/])"
_BOLD = re.compile(_BOLD_OPENS + r"(.+?)" + _BOLD_CLOSES.format(r"\1"))
_BOLD_OPENER = re.compile(r"(\*\*|__)(?:(?<![\w*/@]..)|(?<=(?<![\w*/@])\*..)|(?<=(?<![\w*/@])\*\*..))(?=[^\s*_])")
_NEWLINE = re.compile("\n")
_BOLD_CLOSERS = {delimiter: re.compile(re.escape(delimiter) + r"(?<=[^\s*_]" + re.escape(delimiter) + r")(?![\w/])")
                 for delimiter in ("**", "__")}
"""`_BOLD` in halves for `_unbold`: an opener, and where each delimiter may close. Both put the delimiter first and
look behind it for what `_BOLD_OPENS` and `_BOLD_CLOSES` look for before it: a pattern that opens on a look-behind is
tried at every character, one that opens on its delimiter only where an asterisk or an underscore stands (an article
with emphasis took 0.7 ms)."""
# Stray asterisks left at the start of a word or alone go; glued to a word's end or inside it they stand for
# letters ("a**", "s***", "f*****g"), as in every such case read in real fake news.
_STRAY_EMPHASIS = re.compile(r"(?<![\w*])\*{2,}")
# Indented too, by any space (a no-break space as well): normalize makes spaces plain and strips a line's indentation
# afterwards, and a heading left then would go on the next pass (a code comment indented four spaces loses its "#"
# as well).
_HEADING = re.compile(r"(?:^|(?<=\r))(?:[^\S\r\n]*#{1,6}[^\S\r\n]+)+", re.MULTILINE)
# An escaped backslash stays as written: unescaped, it would escape the next character on the next pass.
_ESCAPED = re.compile(r"(\\\\)|\\([`*_{}\[\]()#+\-.!$])")


def strip_markdown(text: str) -> str:
    """`[South Front](#)` -> `South Front`, `**Bold**` -> `Bold`, `<https://...>` -> the URL, `\\$` -> `$`."""
    return _strip_markdown(text) if _has_markdown(text) else text


def _has_markdown(text: str) -> bool:
    return "](" in text or "**" in text or "__" in text or "<http" in text or "#" in text or "\\" in text


def _strip_markdown(text: str) -> str:
    """Passes until one changes nothing: what a pass leaves may be markdown again (escapes leave "**word**", a
    removed link uncovers the link around it, removed asterisks join two underscores), and normalize run twice
    must change nothing. Each pass only removes, so the passes end."""
    while True:
        stripped = _markdown_pass(text)
        if stripped == text or not _has_markdown(stripped):
            return stripped
        text = stripped


def _markdown_pass(text: str) -> str:
    """Each pattern runs only on text holding the characters it cannot match without (checked anew after
    each pattern, which may join two characters): a regex pass over an article costs tens of microseconds."""
    if "\\" in text:
        text = _ESCAPED.sub(lambda match: match.group(1) or match.group(2), text)
    if "](" in text:
        text = _MARKDOWN_IMAGE.sub(r"\1", text)
        text = _MARKDOWN_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _unbold(text)
    if "**" in text:
        text = _STRAY_EMPHASIS.sub("", text)
    if "#" in text and _hash_opens_a_line(text):
        text = _HEADING.sub("", text)
    return text


def _hash_opens_a_line(text: str) -> bool:
    """Whether a "#" stands at the start of a line, after spaces at most: where `_HEADING` can begin. A hashtag
    does not, and `_HEADING`, which opens on a look-behind, would be tried at every character of the text."""
    position = text.find("#")
    while position != -1:
        before = position - 1
        while before >= 0 and text[before] not in "\r\n" and text[before].isspace():
            before -= 1
        if before < 0 or text[before] in "\r\n":
            return True
        position = text.find("#", position + 1)
    return False


def _unbold(text: str) -> str:
    """`_BOLD.sub(r"\\2", text)` (`_unbold_plain`) in time linear in the text. The regular expression looks
    for a closing delimiter to the end of the line after every opener, so a line of openers that never close
    ("**a **a **a ...", 16,000 of them) took half a minute; here each opener looks its closer up among the
    closers found in one pass."""
    closers = {delimiter: [match.start() for match in pattern.finditer(text)]
               for delimiter, pattern in _BOLD_CLOSERS.items()}
    newlines = [match.start() for match in _NEWLINE.finditer(text)]
    pieces: list[str] = []
    done = position = 0
    while opener := _BOLD_OPENER.search(text, position):
        start = opener.end()
        positions = closers[opener.group(1)]
        index = bisect.bisect_left(positions, start + 1)
        line = bisect.bisect_left(newlines, start)
        line_end = newlines[line] if line < len(newlines) else len(text)
        if index < len(positions) and positions[index] < line_end:
            close = positions[index]
            pieces += (text[done:opener.start()], text[start:close])
            done = position = close + 2
        else:
            position = opener.start() + 1
    pieces.append(text[done:])
    return "".join(pieces)


def _unbold_plain(text: str) -> str:
    """What `_unbold` computes, the straightforward way (quadratic on a line of openers that never close)."""
    return _BOLD.sub(r"\2", text)
