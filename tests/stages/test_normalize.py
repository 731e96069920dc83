"""normalize: each fix on its own, each switch, idempotence, and the empty drop."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from corpus_tools.pipeline import Drop
from corpus_tools.stages.normalize import Normalize, NormalizeConfig, normalize, normalize_text, normalize_title
from corpus_tools.stats import StageStats
from tests.conftest import make_record

CASES = [
    ("encoding", "The mayor said the council donâ€™t agree.", "The mayor said the council don’t agree."),
    ("encoding", "Fish &amp; chips &eacute;t&eacute;", "Fish & chips été"),
    ("unicode_nfc", "Cafe\u0301 owners", "Café owners"),
    ("invisible", "zero\u200bwidth and soft\u00adhyphen\ufeff", "zerowidth and softhyphen"),
    ("invisible", "bell\x07 and\x1b escape", "bell and escape"),
    ("whitespace", "line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("whitespace", "too   many\t spaces\u00a0here  ", "too many spaces here"),
    ("whitespace", "para one\n\n\n\n  \npara two", "para one\n\npara two"),
    ("whitespace", "\u00e9t\u00e9\u3000 chaud\u2009\u00a0ici \u00a0\nsuite\u202f: oui",
     "\u00e9t\u00e9 chaud ici\nsuite : oui"),
    ("whitespace", "  indented\n\tline \u2028\nlast", "indented\nline\nlast"),
    ("markdown", "By [South Harbour](#) and [the port](https://example.org/a_(b))", "By South Harbour and the port"),
    ("markdown", "**Bold claim** and __more__ then ****Offer: now**", "Bold claim and more then Offer: now"),
    ("markdown", "## Heading\nPrice: \\$17.95 at <https://shop.example/x>", "Heading\nPrice: $17.95 at https://shop.example/x"),
    # Removing an empty image leaves two asterisks that the emphasis pass must still see.
    ("markdown", "Tide *![](chart.png)* tables", "Tide tables"),
    ("whitespace", "The quay\u2019s   lights  came on", "The quay\u2019s lights came on"),
    ("encoding", "\u201cFerry\u201d times\ndonâ€™t change", "\u201cFerry\u201d times\ndon\u2019t change"),
    ("html", '<p>The ferry <a href="https://harbour.example/a">sailed</a> at <b>noon</b>.</p>',
     "The ferry sailed at noon."),
    ("html", '<blockquote class="post"><p>Pier closed<br>again</p>— Jane Roe (@jroe) May 2, 2021</blockquote>'
             '<script async src="https://posts.example/w.js">load()</script>\nThe board met.',
     "Pier closed\nagain\n\n— Jane Roe (@jroe) May 2, 2021\n\nThe board met."),
]
SWITCHES = {"encoding": "fix_encoding", "unicode_nfc": "unicode_nfc", "invisible": "remove_invisible",
            "whitespace": "whitespace", "html": "html", "markdown": "markdown"}


@pytest.mark.parametrize("fix,raw,expected", CASES)
def test_each_fix(fix: str, raw: str, expected: str) -> None:
    text, fixes = normalize_text(raw, NormalizeConfig())
    assert text == expected
    assert fix in fixes


@pytest.mark.parametrize("fix,raw,expected", CASES)
def test_each_fix_can_be_turned_off(fix: str, raw: str, expected: str) -> None:
    text, fixes = normalize_text(raw, NormalizeConfig(**{SWITCHES[fix]: False}))
    assert fix not in fixes
    assert text != expected


@pytest.mark.parametrize("fix,raw,expected", CASES)
def test_idempotent(fix: str, raw: str, expected: str) -> None:
    once, _ = normalize_text(raw, NormalizeConfig())
    twice, fixes = normalize_text(once, NormalizeConfig())
    assert twice == once and fixes == []


@pytest.mark.parametrize("raw,expected", [
    ("Fares rose \\*\\*sharply\\*\\* on Monday.", "Fares rose sharply on Monday."),
    ("See <<https://example.org>> for times.", "See <<https://example.org>> for times."),
    ("Use \\[brackets\\](as written) here.", "Use [brackets](as written) here."),
    ("The pier [sic](sic) is old.", "The pier [sic](sic) is old."),
    ("See [[the map](https://example.org/a)](https://example.org/b) now.", "See the map now."),
    ("Files sit in /__pycache__/ and @__harbour__ posts.", "Files sit in /__pycache__/ and @__harbour__ posts."),
])
def test_escaped_and_nested_markdown_is_read_in_one_pass(raw: str, expected: str) -> None:
    """What one pass leaves is never read as markdown by the next: escapes go first, nested links all at once,
    and brackets before a parenthesis that is no address are text."""
    once, _ = normalize_text(raw, NormalizeConfig())
    assert once == expected
    assert normalize_text(once, NormalizeConfig()) == (once, [])


@pytest.mark.parametrize("rule,kept", [("_" * 59, "_" * 59), ("__ __", "__ __"), ("*" * 7, ""),
                                       ("____\n\n****", "____")])
def test_a_rule_between_sections_is_no_emphasis(rule: str, kept: str) -> None:
    """A run of underscores stays whole (once it lost a pair from each end on every pass); stray asterisks go."""
    raw = f"The ferry left at noon.\n\n{rule}\n\nThe harbour closed at six."
    once, _ = normalize_text(raw, NormalizeConfig())
    assert once == "\n\n".join(part for part in ("The ferry left at noon.", kept, "The harbour closed at six.") if part)
    assert normalize_text(once, NormalizeConfig()) == (once, [])


def test_asterisks_inside_a_word_hide_letters_and_stay() -> None:
    raw = "He called it a f*****g mess, a piece of s***. Then **he left** in ***a hurry***."
    assert normalize_text(raw, NormalizeConfig())[0] == \
        "He called it a f*****g mess, a piece of s***. Then he left in *a hurry*."


@pytest.mark.parametrize("raw", [
    "Fish &amp; chips, see <https://x.com/a>", "Fish &amp; chips\r<b>", "don\u00e2\u200b\u20ac\u2122t",
    "smile \u00ad\u00f0\u0178\u02dc\u20ac", "intro\n\n # head", "# # twice a heading", "one\r\r    # two",
    "an escaped backslash \\\\*x\\\\*",
])
def test_normalize_twice_is_normalize_once(raw: str) -> None:
    once, _ = normalize_text(raw, NormalizeConfig())
    assert normalize_text(once, NormalizeConfig()) == (once, [])


def test_normalize_twice_is_normalize_once_on_random_markup() -> None:
    """Entities beside brackets, invisible characters inside mojibake, indented and stacked headings, emphasis
    and rules, escapes and nested links, in random order: a second pass changes nothing (it once changed 8% of
    such texts, and escapes beside emphasis, links and no-break spaces 1.7% of others)."""
    pieces = ["&amp;", "<https://x.example/a>", "<b>", "\r", "\n", "\n\n", " ", "  ", "#", "# ", "    # ", "**", "*",
              "__", "_", "[a](b)", "![](c.png)", "\u200b", "\u00ad", "\u00e2\u20ac\u2122", "\u00c3\u00a9", "x",
              "Hello", "\t", "---", "&lt;", "a**b", "f***k", "\u00a0", "\u0097", "\u0092", "\u00e2\u0080\u0094",
              "&nbsp;", "\u00c3\u00a9", "\u00ef\u00bb\u00bf", "\ufeff", "\u00e2\u0082\u00ac", "##\n", "\\", "\\*",
              "\\[", "\\]", "\\\\", "[", "]", "(", ")", "(sic)", "<<", ">>", "[a](http://b.example)", "\u2009"]
    rng = random.Random(3)
    for _ in range(3000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        once, _ = normalize_text(raw, NormalizeConfig())
        assert normalize_text(once, NormalizeConfig())[0] == once, raw
        title = normalize_title(raw, NormalizeConfig())
        assert normalize_title(title, NormalizeConfig()) == title, raw


@pytest.mark.parametrize("raw", ["Port Ellen\u00a0\u00e2\u0080\u0094 The ferry sailed.",
                                 "Le&nbsp;\u00c3\u00a9t\u00c3\u00a9", "cost\u00a0\u00e2\u0082\u00ac5 a ticket"])
def test_mojibake_beside_a_no_break_space_is_mended_in_one_pass(raw: str) -> None:
    once, fixes = normalize_text(raw, NormalizeConfig())
    assert "\u00e2" not in once and "\u00c3" not in once and "encoding" in fixes
    assert normalize_text(once, NormalizeConfig()) == (once, [])


def test_clean_text_is_returned_unchanged_and_uncounted() -> None:
    record = make_record("Already clean.\n\nTwo paragraphs.", title="Clean")
    counts: Counter[str] = Counter()
    assert Normalize().process(record, counts) is record
    assert counts == Counter()


def test_only_owned_fields_change() -> None:
    record = make_record("a  b", title=" Headline\r\n  split ", url="https://x.example/ a", extra={"k": "v  v"})
    out = Normalize().process(record, Counter())
    assert not isinstance(out, Drop)
    assert out == {"id": "r1", "text": "a b", "title": "Headline split", "url": "https://x.example/ a",
                   "extra": {"k": "v  v"}}
    assert list(out) == list(record)


def test_records_left_empty_are_dropped_and_counted() -> None:
    stats = StageStats("normalize")
    records = [make_record(" \u200b \n\n ", id="blank"), make_record("kept", id="ok")]
    out = list(normalize(records, NormalizeConfig(), stats))
    assert [r["id"] for r in out] == ["ok"]
    assert stats.dropped == Counter({"empty": 1})
    assert stats.records_in == 2 and stats.records_out == 1


def test_ascii_text_skips_ftfy_but_entities_do_not() -> None:
    text, fixes = normalize_text("plain ascii text", NormalizeConfig())
    assert fixes == []
    text, fixes = normalize_text("AT&amp;T", NormalizeConfig())
    assert text == "AT&T" and fixes == ["encoding"]


def test_c1_controls_left_by_windows_1252_read_as_latin_1_become_their_dashes_and_quotes() -> None:
    text, fixes = normalize_text("HARBOUR CITY, Ore. \x97 The ferry didn\x92t run. A stray \x81 byte goes.",
                                 NormalizeConfig())
    assert text == "HARBOUR CITY, Ore. — The ferry didn’t run. A stray byte goes."
    assert fixes.count("encoding") == 1
    assert normalize_text(text, NormalizeConfig())[0] == text


@pytest.mark.parametrize("text", [
    "<Harbour Trust Inc> said it sold its <I> shares.",
    "Use <b> for bold and <i> for italics, the guide says.",
])
def test_angle_brackets_of_a_story_stay_where_fewer_than_three_tags_stand(text: str) -> None:
    assert normalize_text(text, NormalizeConfig()) == (text, [])
