"""Language identification engines: langdetect's own profiles scored with numpy, langdetect itself, py3langid.

Every engine answers `detect(text) -> Guess` with an ISO 639-1 code (or `und` when the text has
nothing to go on) and a score in [0, 1]. Engines load their models when first built; build them
lazily (see `load_engine`) so that importing this module stays cheap.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from corpus_tools.errors import CorpusError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ENGINES = ("langdetect", "langdetect-classic", "py3langid")
UND = "und"

# langdetect's profiles name Chinese by script; a record gets the ISO 639-1 code.
_ISO_639_1 = {"zh-cn": "zh", "zh-tw": "zh"}
# py3langid labels a few varieties with ISO 639-3 codes; these fold into their ISO 639-1 macrolanguage.
_MACROLANGUAGE = {"arz": "ar", "ary": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz", "gug": "gn", "zxx": UND}


class Guess(NamedTuple):
    lang: str
    score: float


UNDETERMINED = Guess(UND, 0.0)

# The combining marks langdetect's normalize_vi folds into precomposed Vietnamese letters.
_VIETNAMESE_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323]")


class Engine(Protocol):
    def detect(self, text: str) -> Guess: ...


def load_engine(name: str) -> Engine:
    """The engine of that name, built once per process (models take a fraction of a second to load)."""
    if name not in ENGINES:
        raise CorpusError(f"unknown language engine '{name}'; choose from {', '.join(ENGINES)}")
    check_available(name)
    return _load(name)


def check_available(name: str) -> None:
    """Fail early, in the parent process, when an optional engine is not installed."""
    if name == "py3langid" and importlib.util.find_spec("py3langid") is None:
        raise CorpusError("engine py3langid is not installed; pip install 'corpus-tools[langid-extra]'")


@functools.cache
def _load(name: str) -> Engine:
    if name == "langdetect":
        return ProfileScorer()
    if name == "langdetect-classic":
        return ClassicLangdetect()
    return Py3Langid()


class ProfileScorer:
    """Naive Bayes over langdetect's shipped profiles: all 1-3 character n-grams of a text, summed in numpy.

    langdetect extracts the same n-grams (same URL and e-mail removal, same character normalisation,
    same skipping inside words in capitals, same first 10,000 characters) and looks them up in the same
    profiles with the same smoothing (alpha 0.5). It then samples n-grams at random, in 7 trials of
    up to 1,000 draws each, stopping once one language passes 0.99999. This class instead adds up the
    log-probabilities of all the n-grams at once: no randomness, so the same text always gets the same
    answer, and no per-draw Python loop, which is where langdetect spends its time. Texts longer than
    SAMPLE_CHARS are scored on a fixed sample of their words (`detect`); `score` is the reference
    that scores every n-gram.

    The score is the posterior probability of the winning language (Chinese scripts added together),
    with the evidence tempered for overlapping n-grams (see OVERLAP).
    """

    MAX_TEXT_LENGTH = 10_000  # langdetect's own limit
    # A news article's language is settled long before its end: a longer text is scored on a sample
    # of its words (see `sampled`), which bounds the cost per record whatever the article's length.
    SAMPLE_CHARS = 2_000
    # Each character sits in up to three overlapping n-grams, so naive Bayes counts its evidence about
    # three times; dividing it back makes the score a calibrated probability (expected calibration
    # error on lingua's test sentences 0.007 instead of 0.017) without changing which language wins.
    OVERLAP = 3.0
    ALPHA = 0.5  # langdetect's default smoothing, added as alpha / 10,000 to each n-gram probability
    # A text with more than this many capitals to each small letter is written in capitals: at 4, four
    # letters in five, beyond any headline's or dateline's share in a story.
    CAPITALS_PER_SMALL = 4
    # A Chinese or Japanese character, or a Korean syllable, stands for a syllable or a word: about as much
    # text as three Latin letters.
    LETTERS_PER_SYLLABLE = 3
    _SPACE = 32
    _OUTSIDE_BMP = 0xFFFF  # langdetect's profiles hold only BMP characters

    def __init__(self) -> None:
        import numpy as np

        self.codes, self.keys, self.log_probs = _profile_matrix(self.ALPHA)
        self.iso = sorted({_ISO_639_1.get(code, code) for code in self.codes})
        self._iso_index = np.array([self.iso.index(_ISO_639_1.get(c, c)) for c in self.codes], dtype=np.intp)
        self._normal, self._upper, self._lower, self._lowered = _char_tables()
        codes = np.array(self.codes)
        self._korean = codes == "ko"
        self._chinese = np.isin(codes, ("zh-cn", "zh-tw"))

    def detect(self, text: str) -> Guess:
        """The guess on at most SAMPLE_CHARS characters of the text (see `sampled`)."""
        return self.score(sampled(text[: self.MAX_TEXT_LENGTH], self.SAMPLE_CHARS))

    def score(self, text: str) -> Guess:
        """The guess on every n-gram of the text's first MAX_TEXT_LENGTH characters."""
        import numpy as np

        counts, rows = self.ngram_counts(text)
        if rows.size == 0:
            return UNDETERMINED
        # einsum's own loop, not BLAS: the sum runs in one fixed order, in any process.
        loglik = np.einsum("i,ij->j", counts, self.log_probs[rows])
        guess = self._guess(loglik)
        # What the text's script rules out: Korean is written in Hangul, and Chinese has no kana. The profiles
        # cannot know it: Korean's holds the Chinese characters of its Hanja, and a short Chinese sentence scored
        # on them alone comes out Korean (77 of 2,886 Chinese NTREX and FLORES sentences), as does a Japanese
        # headline of Chinese characters and a kana or two.
        if guess.lang not in ("ko", "zh"):
            return guess
        ruled_out = np.zeros(len(self.codes), dtype=np.bool_)
        if _HANGUL.search(text) is None:
            ruled_out |= self._korean
        if _KANA.search(text) is not None:
            ruled_out |= self._chinese
        return self._guess(np.where(ruled_out, -np.inf, loglik)) if ruled_out.any() else guess

    def _guess(self, loglik: npt.NDArray[np.float64]) -> Guess:
        import numpy as np

        posterior = np.exp((loglik - loglik.max()) / self.OVERLAP)
        by_iso = np.bincount(self._iso_index, weights=posterior, minlength=len(self.iso))
        best = int(by_iso.argmax())
        return Guess(self.iso[best], float(by_iso[best] / by_iso.sum()))

    def ngram_counts(self, text: str) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.intp]]:
        """How often each profile n-gram occurs in the text, as (counts, rows of `log_probs`)."""
        import numpy as np

        chars = self._normalised_chars(text)
        padded = np.concatenate((np.array([self._SPACE, self._SPACE], dtype=np.int64), chars))
        cur, prev, prev2 = padded[2:], padded[1:-1], padded[:-2]
        # langdetect restarts its n-gram window at each space and skips words written in capitals.
        lower_case_word = ~(self._upper[cur] & self._upper[prev])
        cur_space, prev_space = cur == self._SPACE, prev == self._SPACE
        unigrams = cur[lower_case_word & ~cur_space]
        bigram_keys = (prev << 21) | cur
        bigrams = bigram_keys[lower_case_word & ~(prev_space & cur_space)]
        trigrams = ((prev2 << 42) | bigram_keys)[lower_case_word & ~prev_space]
        # Sorting and marking run starts counts the n-grams in half the time np.unique takes.
        grams = np.sort(np.concatenate((unigrams, bigrams, trigrams)))
        if grams.size == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.intp)
        first = np.empty(grams.size, dtype=np.bool_)
        first[0] = True
        np.not_equal(grams[1:], grams[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.diff(np.append(starts, grams.size))
        grams = grams[starts]
        rows = np.searchsorted(self.keys, grams)
        rows[rows == len(self.keys)] = 0
        known = self.keys[rows] == grams
        return counts[known].astype(np.float32), rows[known]

    def _normalised_chars(self, text: str) -> npt.NDArray[np.int64]:
        import numpy as np
        from langdetect.detector import Detector
        from langdetect.utils.ngram import NGram

        # The three substitutions cost more than the scoring; most texts need none of them.
        if "http" in text:
            text = Detector.URL_RE.sub(" ", text)
        if "@" in text:
            text = without_mail(text)
        if not text.isascii() and _VIETNAMESE_MARK.search(text):
            text = NGram.normalize_vi(text)
        text = text[: self.MAX_TEXT_LENGTH]
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        in_bmp = np.minimum(points, self._OUTSIDE_BMP)
        # langdetect skips words in capitals, which leaves a text in capitals (a chain message, a shouted
        # post) only its words' first letters: such a text is read in lower case instead.
        if np.count_nonzero(self._upper[in_bmp]) > self.CAPITALS_PER_SMALL * np.count_nonzero(self._lower[in_bmp]):
            points = np.where(points > self._OUTSIDE_BMP, points, self._lowered[in_bmp])
        # Like langdetect: text mostly in another script loses its Latin letters (acronyms, brand names).
        # Unlike it, a Chinese or Japanese character or a Korean syllable counts as LETTERS_PER_SYLLABLE
        # letters, and outweighing them is enough: a Chinese story that names its people and firms in Latin
        # letters is otherwise read as their language.
        latin = int(np.count_nonzero((points >= 0x41) & (points <= 0x7A)))
        non_latin = np.count_nonzero((points >= 0x300) & ((points < 0x1E00) | (points > 0x1EFF)))
        if latin * 2 < non_latin or self._syllables_outweigh(points, latin):
            points = points[(points < 0x41) | (points > 0x7A)]
        normal = self._normal[np.minimum(points, self._OUTSIDE_BMP)]
        normal[points > self._OUTSIDE_BMP] = self._OUTSIDE_BMP
        return normal

    def _syllables_outweigh(self, points: npt.NDArray[np.int64], latin: int) -> bool:
        """Whether a text's Chinese or Japanese characters and Korean syllables, LETTERS_PER_SYLLABLE letters each,
        outweigh its `latin` letters."""
        import numpy as np

        if not latin or points.max() < _SYLLABIC_RANGES[0][0]:
            return False
        syllables = sum(int(np.count_nonzero((points >= low) & (points <= high))) for low, high in _SYLLABIC_RANGES)
        return latin < self.LETTERS_PER_SYLLABLE * syllables


def sampled(text: str, limit: int) -> str:
    """The text itself up to `limit` characters; beyond, every k-th word of it, about `limit` characters in all.

    A stride over words keeps each word whole (langdetect's n-grams never cross a space) and keeps a
    document that changes language halfway labelled by what most of it is written in, as scoring all
    of it would. Scripts written without spaces are sampled by stretches of characters instead.
    """
    if len(text) <= limit:
        return text
    words = text.split()
    stride = -(-len(text) // limit)
    if len(words) * _LONGEST_MEAN_WORD >= len(text):
        return " ".join(words[::stride])
    return " ".join(text[start: start + _STRETCH] for start in range(0, len(text), stride * _STRETCH))


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# Hiragana and katakana letters, not the middle dot or the long-vowel mark that Chinese text borrows.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d]")

# Kana, CJK ideographs (with the punctuation and symbols among them), Hangul syllables, CJK compatibility ideographs.
_SYLLABIC_RANGES = ((0x3040, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF))

# Texts whose words average longer than this are written without spaces (Chinese, Japanese, Thai).
_LONGEST_MEAN_WORD = 20
_STRETCH = 64

# langdetect's MAIL_RE: one run of up to 64 of these characters, an "@", then the domain.
_MAIL_LOCAL = frozenset("-_.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAIL_LOCAL_MAX = 64


def without_mail(text: str) -> str:
    """`Detector.MAIL_RE.sub(" ", text)`, trying the pattern only just before each "@".

    The pattern opens with a repeated character class, so the regex engine tries it at every position
    of the text (a tenth of a millisecond per article). A match ends its local part at an "@", and
    starts at the earliest position from which that "@" is reachable: the start of the run of local-part
    characters before it, at most 64 back, and not before the previous match's end.
    """
    from langdetect.detector import Detector

    pattern = Detector.MAIL_RE
    pieces: list[str] = []
    done = 0
    at = text.find("@")
    while at != -1:
        start = at
        floor = max(done, at - _MAIL_LOCAL_MAX)
        while start > floor and text[start - 1] in _MAIL_LOCAL:
            start -= 1
        match = pattern.match(text, start) if start < at else None
        if match is None:
            at = text.find("@", at + 1)
            continue
        pieces += [text[done:start], " "]
        done = match.end()
        at = text.find("@", done)
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def known_languages(name: str) -> frozenset[str] | None:
    """The codes engine `name` can give, where its files say so without loading it (langdetect's profiles);
    None for py3langid, whose 97 languages are inside its model."""
    if name not in ("langdetect", "langdetect-classic"):
        return None
    return frozenset(_ISO_639_1.get(code, code) for code in os.listdir(_profiles_directory())) | {UND}


def _profiles_directory() -> str:
    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise CorpusError("langdetect is not installed; pip install langdetect")
    return os.path.join(list(spec.submodule_search_locations)[0], "profiles")


def _profile_matrix(alpha: float) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Language codes, sorted n-gram keys, and log P(n-gram | language) with langdetect's smoothing.

    Built with numpy over each profile's n-grams at once: a loop over the 184,000 n-grams in Python and the
    logarithm of the whole (mostly empty) matrix took half a second of every run's start-up."""
    import numpy as np
    import orjson

    directory = _profiles_directory()
    codes = sorted(os.listdir(directory))
    keys, columns, probs = [], [], []
    for column, code in enumerate(codes):
        with open(os.path.join(directory, code), "rb") as fh:
            profile: dict[str, Any] = orjson.loads(fh.read())
        grams = [gram for gram in profile["freq"] if 1 <= len(gram) <= 3]
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
        keys.append(_ngram_keys(grams, lengths))
        columns.append(np.full(len(grams), column, dtype=np.int64))
        freq = np.fromiter((profile["freq"][gram] for gram in grams), dtype=np.float64, count=len(grams))
        probs.append(freq / np.array(profile["n_words"], dtype=np.float64)[lengths - 1])
    unique_keys, rows = np.unique(np.concatenate(keys), return_inverse=True)
    # An n-gram a language's profile lacks gets the smoothing alone: log(0 + alpha / 10,000), the same value
    # np.log gives each empty cell of the matrix.
    smoothing = alpha / 10_000
    log_probs = np.full((len(unique_keys), len(codes)), np.log(np.array([smoothing]))[0], dtype=np.float64)
    log_probs[rows, np.concatenate(columns)] = np.log(np.concatenate(probs) + smoothing)
    return codes, unique_keys, log_probs.astype(np.float32)


def _ngram_keys(grams: list[str], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """One int64 per n-gram of one to three characters, 21 bits per character (so 1-, 2- and 3-grams never
    collide), from all their code points at once."""
    import numpy as np

    points = np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    starts = np.cumsum(lengths) - lengths
    keys = np.zeros(len(grams), dtype=np.int64)
    for position in range(3):
        longer = lengths > position
        keys[longer] = (keys[longer] << 21) | points[starts[longer] + position]
    return keys


def _char_tables() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.bool_],
                            npt.NDArray[np.int64]]:
    """For every BMP character: langdetect's normalisation, whether it is a capital or a small letter, and
    its small letter (itself where lower-casing gives none, or more than one character)."""
    import numpy as np
    from langdetect.utils.ngram import NGram

    characters = [chr(cp) for cp in range(0x10000)]
    normal = np.array([ord(NGram.normalize(c)) for c in characters], dtype=np.int64)
    upper = np.array([c.isupper() for c in characters], dtype=np.bool_)
    lower = np.array([c.islower() for c in characters], dtype=np.bool_)
    lowered = np.array([ord(c.lower()) if len(c.lower()) == 1 else ord(c) for c in characters], dtype=np.int64)
    return normal, upper, lower, lowered


class ClassicLangdetect:
    """langdetect's own algorithm, its random sampler seeded so that a text always gets the same answer."""

    SEED = 0

    def __init__(self) -> None:
        from langdetect.detector_factory import DetectorFactory

        self._factory = DetectorFactory()
        self._factory.load_profile(_profiles_directory())
        # langdetect reseeds each detector from its factory's seed at every detection; this runs in
        # whichever process (parent or worker) first detects, so no process falls back to a random seed.
        self._factory.seed = self.SEED

    def detect(self, text: str) -> Guess:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return UNDETERMINED
        by_iso: dict[str, float] = {}
        for language in ranked:
            iso = _ISO_639_1.get(language.lang, language.lang)
            by_iso[iso] = by_iso.get(iso, 0.0) + language.prob
        if not by_iso:
            return UNDETERMINED
        best = max(by_iso, key=lambda code: (by_iso[code], code))
        return Guess(best, min(by_iso[best], 1.0))


class Py3Langid:
    """py3langid's model (shipped inside the package), with its length-calibrated probabilities."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(self, text: str) -> Guess:
        if not text.strip():
            return UNDETERMINED
        lang, score = self._identifier.classify(text)
        return Guess(_MACROLANGUAGE.get(lang, lang), float(score))
