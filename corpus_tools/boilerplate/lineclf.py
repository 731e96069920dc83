"""A line classifier for the edges of a text that no rule and no learned line decided.

Boilerplate of an outlet that no rule was written for, and that recurs too rarely to be learned (an outlet
with one story in the corpus), still looks like boilerplate in ways that do not depend on its wording: it
sits at the ends of the text, in runs next to what rules removed; it shares few words with the story; it
names people the story never mentions (an author's bio), addresses the reader, gives orders, carries links,
handles and dates, and speaks of the site. `features` measures these on one line, a logistic regression
(weights fitted on judged real articles by `corpus_tools.boilerplate.train_lines`, shipped as numbers in
`line_weights.json`) turns them into a probability, and `edge_runs` removes a line only where the
probability is above a threshold chosen on leave-outlet-out cross-validation, and only in the unbroken run
of such lines that ends the text: the first line that reads as story stops the walk, so the middle of a
story is never scored. The top of a text is left to the rules: there a story's own headings and kickers
read like labels, and cross-validation lost story there for little gain.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from corpus_tools.boilerplate import closing, segment
from corpus_tools.errors import CorpusError
from corpus_tools.language import UND

FEATURES = (
    "bias", "log_words", "closes", "label", "links", "digit_share", "capital_share", "shared_words",
    "unknown_names", "bio_subject", "reader", "site_self", "imperative", "site_words", "reporting", "quoted",
    "dated", "outlet_named",
)
"""The names of the features, in the order of `features` and of the weights. Where a line stands is not
among them: the walk in from the end (`edge_runs`) decides where the classifier may remove, the weights
only what a line says. Fitted on every judged line, most of which end or open a text when they are
boilerplate, position weights learn "the last line is boilerplate", which holds for the lines rules
already took and not for those they left (a story's last sentence): with them, leave-outlet-out
cross-validation removed four times as much story for the same gain."""
RULE = "line-classifier"
MIN_WORDS = 4
WEIGHTS_FORMAT = "corpus-tools/line-weights"

LINE_TERMS_MEMO = 1 << 13
"""How many lines' words and names (`_line_terms`) a process keeps: 17 MB more at the peak of strip in one process on
5,000 real bench articles."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@\w{2,}|\bpic\.twitter\.com/\S+")
"""Links, emails and handles. Bare domains ("example.org") are left out: stories name sites as often as
footers do, and with them leave-outlet-out recall fell from 22% to 13% of closing boilerplate."""
_LINK_MARKS = ("://", "www.", "@", "pic.twitter.com/")
"""What every `_LINK` holds: a line without any is not searched, since looking for an address's "@" walks every
word of a long line (77 us for a paragraph of 1,000 characters; the four tests take under 1)."""
_DOMAIN = re.compile(r"\b[\w-]{2,}\.(?:com|org|net|info|co\.uk|us|tv)\b", re.IGNORECASE)
"""A site's bare address: a cue on a label line ("Read more at example.org"), not a feature (stories name sites)."""
_INNER_STOP = re.compile(r"[.!?]\s")
"""A sentence that ends inside a line: a line without closing punctuation that holds one is prose with a
sign-off after it ("Share adjusted for a stock split.\nReuter"), not a label."""
_CAPITAL = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")
_DATE = re.compile(rf"\b{closing.MONTH_DAY}\b|"
                   r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(?:19|20)\d\d\b|"
                   r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_REFERENCE = re.compile(r"(?:\(\d{1,3}\)|\[\d{1,3}\])\s")
"""A line of the article's own reference list, "(2) http://..." or "[14] Roe, J. ...": story, like its notes."""
_NARRATES = re.compile(r"(?:He|She|They)\b")
_QUOTES = re.compile("[\"“”]")
_BIO_SUBJECT = re.compile(r"^(?:[A-Z][\w.'’-]*,? ){2,4}(?:\([^)]*\) )?(?:is|was|has|had|holds|joined|writes|"
                          r"covers|founded|serves|teaches|lives)\b")
"""A bio opens on a name of two to four capitalised words; one is a sentence's common noun as often ("Analysts
had expected ...")."""
_CAREER = re.compile(r"\b(?:writers?|authors?|editors?|journalists?|columnists?|contributors?|founders?|bloggers?|"
                     r"reporters?|correspondents?|analysts?|professor|hosts?|books?|articles|blogs?|columns?|"
                     r"publications?|degrees?|graduated?|career|editorial|website|podcast)\b", re.IGNORECASE)
"""A bio speaks of a writer's trade; a story's last line about someone in the news ("X has been charged ...")
does not."""
_IMPERATIVES = frozenset({
    "like", "join", "sign", "get", "read", "watch", "visit", "support", "download", "learn", "find", "check",
    "contact", "call", "order", "buy", "see", "listen", "tune", "please", "don't", "don’t", "help", "discover",
    "claim", "try", "grab", "shop", "register", "send", "tell", "let", "make", "go", "continue", "view", "add",
    "leave", "stay", "keep", "tap",
})
"""Verbs that open an order to the reader; those that are also words of the site ("share", "subscribe",
"click") count there, once ("Share adjusted for a stock split" is neither)."""
SITE_WORDS = closing.SITE_WORDS | frozenset({
    "twitter", "facebook", "instagram", "youtube", "linkedin", "pinterest", "reddit", "telegram", "article",
    "articles", "image", "images", "photo", "photos", "podcast", "sponsored", "newsletter",
})
"""Words of the site and of where it publishes (`closing.SITE_WORDS` and the networks it posts to)."""
_REPORTING = frozenset({"said", "says", "told", "according", "reported", "declined", "added", "stated", "respond",
                        "responded"})
_SECOND_PERSON = frozenset({"you", "your", "you're", "you’re", "yours", "yourself"})
_FIRST_PLURAL = frozenset({"we", "our", "us", "ours", "we're", "we’re"})
_STOPWORDS = frozenset({
    "that", "this", "with", "from", "have", "were", "they", "their", "there", "which", "what", "when", "will",
    "would", "been", "about", "more", "also", "into", "than", "them", "then", "these", "those", "other", "only",
    "some", "such", "over", "after", "before", "just", "like", "very", "most", "many", "much", "being", "your",
    "could", "should", "said", "here", "where", "while", "does", "each", "even", "because", "through", "every",
})
_CAPITALISED_FUNCTION_WORDS = frozenset({
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "You", "I", "In",
    "On", "At", "For", "And", "But", "Or", "If", "As", "By", "To", "Of", "With", "From", "His", "Her", "Its",
    "Our", "Your", "Their", "My", "There", "What", "When", "Where", "Why", "How", "Who", "Mr", "Mrs", "Ms", "Dr",
})


@dataclass(frozen=True)
class LineModel:
    """The fitted weights (one per feature, in FEATURES order) and the threshold on the probability."""

    weights: tuple[float, ...]
    threshold: float

    def probability(self, vector: Sequence[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"format": WEIGHTS_FORMAT, "features": list(FEATURES),
                "weights": [round(w, 6) for w in self.weights], "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict[str, object], where: str) -> LineModel:
        names, weights, threshold = data.get("features"), data.get("weights"), data.get("threshold")
        if data.get("format") != WEIGHTS_FORMAT or names != list(FEATURES):
            raise ValueError(f"{where}: not line weights for these features ({', '.join(FEATURES)})")
        if not isinstance(weights, list) or len(weights) != len(FEATURES) or not isinstance(threshold, (int, float)):
            raise ValueError(f"{where}: needs one weight per feature and a threshold")
        return cls(tuple(float(w) for w in weights), float(threshold))


def load_weights(path: str) -> LineModel:
    """Weights written by `corpus boilerplate fit-lines`."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as err:
        raise CorpusError(f"{path}: cannot read the line weights ({err.strerror})") from None
    except ValueError as err:
        raise CorpusError(f"{path}: not JSON ({err})") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: not line weights (expected a JSON object)")
    try:
        return LineModel.from_json(data, path)
    except ValueError as err:
        raise CorpusError(str(err)) from None


@lru_cache(maxsize=1)
def shipped() -> LineModel:
    """The weights shipped with the package (`line_weights.json`)."""
    source = resources.files("corpus_tools.boilerplate").joinpath("line_weights.json")
    return LineModel.from_json(json.loads(source.read_text(encoding="utf-8")), "line_weights.json")


class Context:
    """What the features of one text compare a line with: the words and names of the lines rules kept, the
    title, and the outlet's name."""

    def __init__(self, views: Sequence[str], kept: Sequence[bool], title: str | None, outlet: str) -> None:
        self.views = views
        self.kept = kept
        terms = [_line_terms(view) for view in views]
        self.words = [words for words, _names in terms]
        self.names = [names for _words, names in terms]
        self.vocabulary: dict[str, int] = {}
        self.named: dict[str, int] = {}
        for index, is_kept in enumerate(kept):
            if is_kept:
                for word in self.words[index]:
                    self.vocabulary[word] = self.vocabulary.get(word, 0) + 1
                for name in self.names[index]:
                    self.named[name] = self.named.get(name, 0) + 1
        self.title_words = content_words(title or "")
        self.title_names = set(_CAPITAL.findall(title or ""))
        self.outlet = outlet_stem(outlet)

    def elsewhere(self, table: dict[str, int], index: int, item: str) -> bool:
        """Whether a word or name of line `index` occurs in another kept line."""
        return table.get(item, 0) > (1 if self.kept[index] else 0)


def outlet_stem(outlet: str) -> str:
    """The outlet's name as its domain spells it, without the suffix: "canadafreepress" for canadafreepress.com."""
    return spelt(outlet.rsplit(".", 1)[0]) if "." in outlet else outlet


def spelt(text: str) -> str:
    """A text's letters and digits in lower case, as a domain spells a name: "canadafreepress" for "Canada Free
    Press"."""
    return _NOT_LOWER_ALNUM.sub("", text.lower())


def _may_link(view: str) -> bool:
    """Whether a line holds what every link, address and handle (`_LINK`) holds."""
    return any(mark in view for mark in _LINK_MARKS)


@lru_cache(maxsize=LINE_TERMS_MEMO)
def _line_terms(view: str) -> tuple[frozenset[str], frozenset[str]]:
    """A line's content words and capitalised names, which depend on its text alone. A text's context reads them for
    every line it has, and syndicated copies and an outlet's own lines bring the same lines back record after
    record."""
    return frozenset(content_words(view)), frozenset(_CAPITAL.findall(view))


def content_words(text: str) -> set[str]:
    """The words that say what a text is about: four letters or more, none of the commonest."""
    return {w for w in (m.lower() for m in set(_WORD.findall(text))) if len(w) >= 4 and w not in _STOPWORDS}


def _lowered(words: Sequence[str]) -> set[str]:
    return {w.strip(".,:;!?()\"“”'‘’").lower() for w in words}


def features(context: Context, index: int) -> list[float]:
    """The feature vector of line `index` (see FEATURES)."""
    view = context.views[index]
    words = view.split()
    size = max(len(words), 1)
    lowered = _lowered(words)
    own = context.words[index]
    shared = sum(1 for w in own if context.elsewhere(context.vocabulary, index, w) or w in context.title_words)
    names = [n for n in context.names[index] if n not in _CAPITALISED_FUNCTION_WORDS]
    unknown = sum(1 for n in names if not (context.elsewhere(context.named, index, n) or n in context.title_names))
    alnum = sum(1 for c in view if c.isalnum()) or 1
    first = words[0].strip("\"“'‘(").lower() if words else ""
    return [
        1.0,
        math.log1p(len(words)),
        float(segment.closes(view)),
        float(segment.is_label(view)),
        min(len(_LINK.findall(view)) if _may_link(view) else 0, 3) / 3,
        sum(1 for c in view if c.isdigit()) / alnum,
        sum(1 for w in words if w[:1].isupper()) / size,
        shared / len(own) if own else 0.5,
        min(unknown, 4) / 4,
        float(is_bio(context, index)),
        float(bool(lowered & _SECOND_PERSON)),
        float(bool(lowered & _FIRST_PLURAL)),
        float(first in _IMPERATIVES),
        min(len(lowered & SITE_WORDS), 3) / 3,
        float(bool(lowered & _REPORTING)),
        float(bool(_QUOTES.search(view))),
        float(bool(_DATE.search(view))),
        float(names_outlet(view, context.outlet)),
    ]


def is_bio(context: Context, index: int) -> bool:
    """Whether line `index` is a bio: it opens on a name and "is/was/has/joined/writes ...", and either speaks of
    a writer's trade or its subject is someone the rest of the text and the title never name (a story's last
    line about a person in the news names someone the story named before)."""
    view = context.views[index]
    found = _BIO_SUBJECT.match(view)
    if found is None:
        return False
    if _CAREER.search(view):
        return True
    names = [n for n in _CAPITAL.findall(found.group()) if n not in _CAPITALISED_FUNCTION_WORDS]
    return bool(names) and not any(context.elsewhere(context.named, index, n) or n in context.title_names
                                   for n in names)


_COMMON_WORDS = (
    "the and of to in is that for it on was with as be by at this are have from or an but not he she they his her "
    "their has had were will would you we our",
    "der die das und ist nicht ein eine zu den mit von sich auf für dem des auch es im wird sind wir ich sie bei",
    "le la les et des est une un du que pour dans qui pas sur au avec il elle ce se sont ne plus par",
    "el la los las y de que en un una por para con es se no del al lo como más su",
    "o a os as e de que em um uma para com não do da no na se por mais são ao",
    "il la di che e un una per non con è del della le gli si sono al nel",
    "de het een en van is dat niet op te zijn voor met ook er",
    "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke",
)
"""The commonest words of English (first) and of German, French, Spanish, Portuguese, Italian, Dutch and
Indonesian; a word English has too counts for English only."""


def _languages_of_words() -> dict[str, list[int]]:
    languages: dict[str, list[int]] = {}
    for language, words in enumerate(_COMMON_WORDS):
        for word in words.split():
            if 0 not in languages.get(word, []):
                languages.setdefault(word, []).append(language)
    return languages


_LANGUAGES_OF = _languages_of_words()
LANGUAGE_SAMPLE_WORDS = 400
OTHER_LANGUAGE_SHARE = 0.15
OTHER_SCRIPT_SHARE = 0.3
"""A text whose first characters are this share or more outside ASCII is written in another script: English, with
its curly quotes and dashes, holds a few in a hundred; Russian, Arabic or Chinese most of them."""


def reads_english(text: str, language: str | None) -> bool:
    """Whether the classifier, whose cues and weights are English words and English lines, may judge this text:
    its language is English, or unknown (or undetermined), the text is not written in another script
    (`OTHER_SCRIPT_SHARE`) and its first LANGUAGE_SAMPLE_WORDS words do not hold another language's common words at
    OTHER_LANGUAGE_SHARE of them and twice as often as English ones. A table of figures or a short text holds few of
    either and stays English."""
    if language and language != UND:
        return language == "en"
    sample = text[:LANGUAGE_SAMPLE_WORDS * 10]
    if len(sample) - len(sample.encode("ascii", "ignore")) >= OTHER_SCRIPT_SHARE * len(sample):
        return False
    words = _WORD.findall(sample.lower())[:LANGUAGE_SAMPLE_WORDS]
    hits = [0] * len(_COMMON_WORDS)
    for word in words:
        for spoken in _LANGUAGES_OF.get(word, ()):
            hits[spoken] += 1
    other = max(hits[1:])
    return not (other >= OTHER_LANGUAGE_SHARE * len(words) and other > 2 * hits[0])


def score(model: LineModel, context: Callable[[], Context], index: int, view: str, outlet: str) -> float:
    """The probability that line `index` (its text `view`) is boilerplate, or 0 where it has no cue of its own
    (`has_cue`). `context` builds the text's context when first needed: most lines are turned down on their
    own words. A bio's subject whom the text never names is a feature (`is_bio`) but not a cue: a wire's last
    notes open the same way ("Value was not disclosed.", "IBP is a subsidiary of ...")."""
    if not has_cue(view, outlet):
        return 0.0
    return model.probability(features(context(), index))


def has_cue(view: str, outlet: str) -> bool:
    """Whether the line speaks as a publisher does, which it must to be removed whatever its probability
    (`outlet` as `outlet_stem` gives it). A line of fewer than MIN_WORDS words must carry a link (a
    subheading, a date under a table are too little to read; "Source: <link>" is not); a longer one must
    carry a link or handle, be a bio, address the reader, name its outlet, use two words of the site
    ("share" alone is a stock's, "comment" alone a spokesman's; one, or a site's bare address, on a label
    line without closing punctuation: "Older articles by Jane Roe"), or give an order about the site or the
    reader ("Call money traded ..." is no order); a heading that ends on a colon with nothing of the story
    below it ("Also by Jane Roe:") is one at any length; and a line that opens on "He", "She" or "They" narrates,
    whatever words it uses ("He repeated his comments on Twitter."). Without such evidence the weights only
    see a short line that shares few words with the story, which the last notes of a wire story are too
    ("Payable May 12 to holders of record May 1.", "NOTE: The firm listed its shares in June 1985."): on 4,000
    Reuters stories such lines were the classifier's only removals. Only the line is read, so most lines
    are turned down before the text's vocabulary is counted. A numbered reference of the article's own
    ("(2) http://...") has no cue whatever it holds."""
    if _NARRATES.match(view) or _REFERENCE.match(view):
        return False
    if closing.heading(view):
        return True
    linked = _may_link(view) and _LINK.search(view) is not None
    words = view.split()
    if len(words) < MIN_WORDS:
        return linked
    lowered = _lowered(words)
    site = len(lowered & SITE_WORDS)
    if linked or site >= 2 or lowered & _SECOND_PERSON or names_outlet(view, outlet):
        return True
    if segment.is_label(view) and not _INNER_STOP.search(view) and (site or _DOMAIN.search(view)):
        return True
    if _BIO_SUBJECT.match(view) and _CAREER.search(view):
        return True
    first = words[0].strip("\"“'‘(").lower()
    return first in _IMPERATIVES and site > 0


_NOT_LOWER_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_LOWER_ALNUM_BYTES = bytes(byte for byte in range(128) if not re.match("[a-z0-9]", chr(byte)))
"""The ASCII bytes `_NOT_LOWER_ALNUM` matches, for bytes.translate."""


def names_outlet(view: str, outlet: str) -> bool:
    """Whether the line names its outlet: one to four words that, run together, spell the domain's name or
    a long part of it ("Canada Free Press" in canadafreepress.com)."""
    if len(outlet) < 5:
        return False
    lowered = view.lower()
    if outlet in lowered.replace(" ", ""):
        return True
    # A run of words the walk below accepts spells at least six letters of the outlet in a row, and so does the
    # line with everything but a-z and 0-9 taken out. Most lines hold none of the outlet's six-letter pieces, and
    # looking for them costs a few searches at C speed, where the walk cleans every word with a regular expression
    # (which here would cost as much: it matches at every space and mark).
    letters = lowered.encode("ascii", "ignore").translate(None, _NOT_LOWER_ALNUM_BYTES).decode("ascii")
    if not any(outlet[start:start + 6] in letters for start in range(len(outlet) - 5)):
        return False
    words = [spelt(w) for w in view.split()]
    for start in range(len(words)):
        joined = ""
        for word in words[start:start + 4]:
            joined += word
            if joined not in outlet:
                break  # nor is any longer run that starts the same way
            if len(joined) >= 6:
                return True
    return False


def bridges(view: str) -> bool:
    """Whether the walk may pass over a line too short to read (fewer than MIN_WORDS words, no closing
    punctuation: "Jane Roe", "Contact:", "+1 555 010 0199"): it goes only with the boilerplate above it, so a
    sign-off name or a contact block's lines go with the bio or the pitch they close, and a subheading or a
    table's last row stays with the story above it."""
    return len(view.split()) < MIN_WORDS and not segment.closes(view)


def edge_runs(count: int, removed: Sequence[bool], score: Callable[[int], float], threshold: float,
              sizes: Sequence[int], bridge: Callable[[int], bool] | None = None) -> list[tuple[int, float]]:
    """The kept lines to remove, with their scores: walking up from the end of the text over removed lines,
    each kept line goes while its score is at least the threshold; the first that scores below stops the
    walk (`score` gives 0 to a line of fewer than MIN_WORDS words without a link: a subheading, a date
    under a table, too little to read). Lines that `bridge` passes over go only with a line above them that
    goes (with its score), or between removed lines above and lines the walk took below. The longest kept
    line (in words) always stays: a text is never emptied by a guess."""
    kept = [i for i in range(count) if not removed[i]]
    if len(kept) < 2:
        return []
    longest = max(kept, key=lambda i: (sizes[i], -i))
    taken: list[tuple[int, float]] = []
    pending: list[int] = []
    for index in range(count - 1, longest, -1):
        if removed[index]:
            if taken:  # between the boilerplate above and the lines the walk took below
                taken.extend((j, taken[-1][1]) for j in pending)
            pending = []
            continue
        probability = score(index)
        if probability >= threshold:
            taken.extend((j, probability) for j in pending)
            pending = []
            taken.append((index, probability))
        elif bridge is not None and bridge(index):
            pending.append(index)
        else:
            break
    return sorted(taken)
