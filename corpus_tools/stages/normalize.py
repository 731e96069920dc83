"""normalize: repair encoding, Unicode form, invisible characters, whitespace, and HTML and markdown left-overs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from corpus_tools.html_tags import strip_html
from corpus_tools.markdown import strip_markdown
from corpus_tools.pipeline import Drop, apply_record_stage
from corpus_tools.record import Record
from corpus_tools.stats import StageStats


@dataclass(frozen=True)
class NormalizeConfig:
    """Each fix can be turned off on its own; all are on by default."""

    fix_encoding: bool = True
    unicode_nfc: bool = True
    remove_invisible: bool = True
    whitespace: bool = True
    html: bool = True
    markdown: bool = True


# C0/C1 controls except tab and newlines, plus invisible characters that only break tokenisation.
# ZWJ and ZWNJ stay: Persian, Indic scripts and emoji sequences need them.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2060\ufeff]")
_SPACE_KINDS = "[ \\t\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]"
_ODD_SPACE = re.compile("[\\t\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]")
_SPACES = re.compile(f" {_SPACE_KINDS}+|{_ODD_SPACE.pattern}{_SPACE_KINDS}*")
"""A run of spaces of any kind that is not one plain space; each becomes one plain space."""
_BLANK_RUNS = re.compile(r"\n{3,}")
# UTF-8 read as Latin-1 or Windows-1252 leaves a lead byte (Â..ô) followed by a continuation byte (0x80-0xBF,
# or the cp1252 letters those bytes become). Correct accented text rarely has that pair, so ftfy runs only on
# lines that show it, or an HTML entity, a replacement character or a terminal escape.
_CP1252_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LEAD_AND_CONTINUATION = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONTINUATION}]")
_HTML_ENTITY = re.compile(r"&#?\w+;")
_C1_CONTROL = re.compile("[\x80-\x9f]")
_C1_AS_CP1252 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0)
                 if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
"""Text decoded as Latin-1 from Windows-1252 keeps its dashes, quotes and apostrophes as C1 controls ("Ohio \x97 Like",
"don\x92t"); read as Windows-1252 they are those characters again, where removing them as invisible joins words."""


class Normalize:
    """The normalize stage; a per-record stage, so it runs in worker processes."""

    name = "normalize"

    def __init__(self, config: NormalizeConfig | None = None) -> None:
        self.config = config or NormalizeConfig()

    def process(self, record: Record, counts: Counter[str]) -> Record | Drop:
        text, fixes = normalize_text(record["text"], self.config)
        counts.update(fixes)
        title = record.get("title")
        new_title = normalize_title(title, self.config) if isinstance(title, str) else title
        if not text:
            return Drop("empty")
        if text == record["text"] and new_title == title:
            return record
        changed = {**record, "text": text}
        if new_title != title:
            changed["title"] = new_title
        return changed


def normalize_text(text: str, cfg: NormalizeConfig) -> tuple[str, list[str]]:
    """Apply the enabled fixes in order and name each one that changed the text. A repair of the encoding or a
    removed invisible character can uncover more to repair (mojibake that a no-break space hid, an entity or a
    byte-order mark inside mojibake), and so can removed markup around mojibake that ftfy left in its first
    context; such a text gets a second pass, so that normalize run twice changes nothing."""
    fixed, fixes = _one_pass(text, cfg)
    if "encoding" in fixes or "invisible" in fixes or (fixes and cfg.fix_encoding and _shows_damage(fixed)):
        again, more = _one_pass(fixed, cfg)
        if again != fixed:
            fixed = again
            fixes.extend(fix for fix in more if fix not in fixes)
    return fixed, fixes


def _one_pass(text: str, cfg: NormalizeConfig) -> tuple[str, list[str]]:
    fixes: list[str] = []

    def step(name: str, new: str) -> str:
        if new != text:
            fixes.append(name)
        return new

    if cfg.fix_encoding and _shows_damage(text):
        text = step("encoding", _fix_encoding(text))
    if cfg.fix_encoding and not text.isascii() and _C1_CONTROL.search(text):
        repaired = text.translate(_C1_AS_CP1252)
        if repaired != text and "encoding" not in fixes:
            fixes.append("encoding")
        text = repaired
    if cfg.unicode_nfc and not text.isascii():
        text = step("unicode_nfc", unicodedata.normalize("NFC", text))
    if cfg.remove_invisible:
        visible = step("invisible", _INVISIBLE.sub("", text))
        # An invisible character inside mojibake ("donâ\u200b€™t") hides it until it goes.
        if visible != text and cfg.fix_encoding and _shows_damage(visible):
            visible = _fix_encoding(visible)
            if "encoding" not in fixes:
                fixes.append("encoding")
        text = visible
    if cfg.html:
        text = step("html", strip_html(text))
    if cfg.markdown:
        text = step("markdown", strip_markdown(text))
    if cfg.whitespace:
        text = step("whitespace", _tidy_whitespace(text))
    return text, fixes


def normalize_title(title: str, cfg: NormalizeConfig) -> str:
    """A title becomes one line, then gets the same fixes as text (joined first, so that joining cannot make new
    markup: "##" over a line of its own)."""
    text, _ = normalize_text(" ".join(title.split()) if cfg.whitespace else title, cfg)
    return " ".join(text.split()) if cfg.whitespace else text


def _fix_encoding(text: str) -> str:
    """ftfy costs milliseconds per article, so it sees only the lines that show signs of damage."""
    lines = text.split("\n")
    return "\n".join(_ftfy(line) if _shows_damage(line) else line for line in lines)


def _shows_damage(text: str) -> bool:
    """A lead byte read as Latin-1 before a continuation byte, an HTML entity, U+FFFD or a terminal escape.

    Each regex runs only when a test at C speed finds its first character: scanning every position
    of an article costs a regex tens of microseconds. Lead bytes are U+00C2..U+00F4, encoded in
    UTF-8 after a 0xC3 byte.
    """
    return ("\ufffd" in text or "\x1b" in text or ("&" in text and _HTML_ENTITY.search(text) is not None)
            or (not text.isascii() and b"\xc3" in text.encode("utf-8", "surrogatepass")
                and _LEAD_AND_CONTINUATION.search(text) is not None))


def _ftfy(text: str) -> str:
    import ftfy

    # Only what repairs broken text; width, ligature and quote changes would alter correct text.
    config = ftfy.TextFixerConfig(
        unescape_html=True, fix_encoding=True, remove_terminal_escapes=True, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True,
        remove_control_chars=False, normalization=None, explain=False,
    )
    return ftfy.fix_text(text, config)


def _tidy_whitespace(text: str) -> str:
    """Runs of spaces become one, lines lose their edge whitespace, blank runs become one blank line. Each
    pass runs only when a cheap test shows it has work: most news text is already tidy."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text or (not text.isascii() and _ODD_SPACE.search(text)):
        text = _SPACES.sub(" ", text)
    else:
        # Only plain spaces: halving each run with str.replace is several times faster than the regex.
        while "  " in text:
            text = text.replace("  ", " ")
    text = "\n".join(line.strip() for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def normalize(records: Iterable[Record], cfg: NormalizeConfig | None = None,
              stats: StageStats | None = None) -> Iterator[Record]:
    """Normalize a stream of records; records left empty are dropped as `empty`."""
    return apply_record_stage(Normalize(cfg), records, stats or StageStats("normalize"))
