"""langid: labels, --languages, existing labels, per-paragraph shares, determinism, and the engines' agreement."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import pytest

from corpus_tools.bench.langid_bench import lingua_sentences, ntrex_documents
from corpus_tools.errors import CorpusError
from corpus_tools.executors import ProcessPool
from corpus_tools.language import ClassicLangdetect, ProfileScorer, load_engine, sampled, without_mail
from corpus_tools.pipeline import Drop, apply_record_stages
from corpus_tools.stages.langid import LangId, LangIdConfig, langid, paragraphs, parse_languages
from corpus_tools.stats import StageStats
from corpus_tools.synthetic.langid import LANGUAGES, article
from tests.conftest import make_record, shared_path

EN = ("The harbour authority said on Monday that the ferry timetable will change in March, "
      "after months of complaints from commuters about late departures.")
DE = ("Die Hafenbehörde teilte am Montag mit, dass sich der Fahrplan der Fähren im März ändert, "
      "nachdem Pendler monatelang über verspätete Abfahrten geklagt hatten.")
FR = ("L'autorité portuaire a annoncé lundi que les horaires des ferries changeront en mars, "
      "après des mois de plaintes des usagers sur les départs en retard.")
ZH = "港务局周一表示，由于通勤者几个月来不断抱怨渡轮晚点，渡轮时刻表将于三月调整。"
ZH_MORE = "新的时刻表将增加早晚高峰的班次，并在周末减少部分航线的夜间服务。"
ZH_LAST = "港务局还表示，将在码头增设电子显示屏，方便乘客及时了解船只到港信息。"


def run(stage: LangId, record: dict[str, object]) -> dict[str, object] | Drop:
    return stage.process(record, Counter())


@pytest.mark.parametrize("engine", ["langdetect", "langdetect-classic"])
@pytest.mark.parametrize("text,lang", [(EN, "en"), (DE, "de"), (FR, "fr"), (ZH, "zh")])
def test_labels_language_with_iso_code_and_score(engine: str, text: str, lang: str) -> None:
    out = run(LangId(LangIdConfig(detector=engine)), make_record(text))
    assert isinstance(out, dict)
    assert out["lang"] == lang
    assert isinstance(out["lang_score"], float) and 0.5 < out["lang_score"] <= 1.0


def test_adds_fields_at_the_end_and_keeps_the_rest_in_order() -> None:
    record = {"id": "a", "url": "u", "text": EN, "tags": ["x"]}
    out = run(LangId(), record)
    assert isinstance(out, dict) and out is not record
    assert list(out) == ["id", "url", "text", "tags", "lang", "lang_score"]
    assert record == {"id": "a", "url": "u", "text": EN, "tags": ["x"]}


def test_short_text_is_und_instead_of_a_guess() -> None:
    out = run(LangId(LangIdConfig(min_chars=20)), make_record("Ferry times change"))
    assert isinstance(out, dict) and (out["lang"], out["lang_score"]) == ("und", 0.0)
    out = run(LangId(LangIdConfig(min_chars=10)), make_record("Ferry times change"))
    assert isinstance(out, dict) and out["lang"] == "en"


def test_text_without_letters_is_und() -> None:
    out = run(LangId(), make_record("12:30 -- 14:45 ... 16:00 // 18:15 ++ 20:00"))
    assert isinstance(out, dict) and out["lang"] == "und"


def test_keep_drops_other_languages_with_reason_language() -> None:
    stats = StageStats("langid")
    records = [make_record(EN, "a"), make_record(DE, "b"), make_record(FR, "c"), make_record("short", "d")]
    kept = list(langid(records, LangIdConfig(languages=("en", "fr")), stats))
    assert [r["id"] for r in kept] == ["a", "c"]
    assert stats.dropped == Counter({"language": 2})
    assert stats.counts["lang.de"] == 1 and stats.counts["lang.und"] == 1
    assert stats.balanced


def test_keep_und_keeps_unlabelled_texts() -> None:
    kept = list(langid([make_record("short", "d")], LangIdConfig(languages=("en", "und"))))
    assert [r["lang"] for r in kept] == ["und"]


def test_existing_lang_is_kept_unless_overwrite() -> None:
    record = make_record(EN, lang="de")
    counts: Counter[str] = Counter()
    assert LangId().process(record, counts) is record
    assert counts["existing_lang"] == 1
    relabelled = run(LangId(LangIdConfig(overwrite=True)), record)
    assert isinstance(relabelled, dict) and relabelled["lang"] == "en"
    assert list(relabelled)[:3] == ["id", "text", "lang"]


def test_keep_applies_to_an_existing_lang() -> None:
    assert run(LangId(LangIdConfig(languages=("en",))), make_record(EN, lang="de")) == Drop("language")


def test_a_chinese_text_that_names_people_and_firms_in_latin_letters_is_chinese() -> None:
    for text in ("港务局局长 Jane Marlow 周一表示，Harbour Trust 和 North Quay Ferries 的渡轮时刻表将于三月调整。",
                 "渡轮公司 North Quay Ferries 的船长 Tom Ashby 说，新的时刻表对 Harbour Trust 来说是一个好消息。"):
        assert LangId().label(text)["lang"] == "zh"
    assert LangId().label(f"{EN} 港务局周一表示。")["lang"] == "en"


def test_a_short_chinese_sentence_is_not_korean_without_hangul_and_kana_is_never_chinese() -> None:
    stage = LangId(LangIdConfig(min_chars=0))
    for text in ("渡轮公司表示歉意。", "港口管理局发布了新的安全规定。", "渡轮票价上涨了百分之十。"):
        assert stage.label(text)["lang"] == "zh"
    japanese = ("港湾局長会見の要旨", "首相官邸前で抗議集会",
                "港務局は月曜日、フェリーの時刻表を三月に変更すると発表した。")
    for text in japanese:
        assert stage.label(text)["lang"] == "ja"
    assert stage.label("항만청은 월요일에 페리 시간표가 3월에 바뀐다고 밝혔다.")["lang"] == "ko"


def test_per_paragraph_weighs_paragraphs_by_characters() -> None:
    english = ["The ferry timetable will change in March.", "Commuters had complained for months."]
    text = "\n\n".join([ZH, english[0], ZH_MORE, english[1], ZH_LAST])
    assert LangId().label(text)["lang"] == "zh"
    out = run(LangId(LangIdConfig(per_paragraph=True)), make_record(text))
    assert isinstance(out, dict) and out["lang"] == "zh"
    zh_chars = sum(len(p) for p in (ZH, ZH_MORE, ZH_LAST))
    en_chars = len("".join("".join(english).split()))
    assert out["lang_share"] == round(zh_chars / (zh_chars + en_chars), 4)
    assert 0.5 < float(out["lang_share"]) < 1.0  # type: ignore[arg-type]


def test_per_paragraph_single_language_has_share_one() -> None:
    out = run(LangId(LangIdConfig(per_paragraph=True)), make_record(f"{EN}\n\n{EN}"))
    assert isinstance(out, dict) and (out["lang"], out["lang_share"]) == ("en", 1.0)


def test_min_share_drops_half_and_half_documents() -> None:
    stage = LangId(LangIdConfig(per_paragraph=True, min_lang_share=0.6))
    assert run(stage, make_record(f"{EN}\n\n{DE}")) == Drop("mixed_language")
    assert isinstance(run(stage, make_record(f"{EN}\n\n{EN}\n\n{DE}")), dict)


def test_paragraphs_fall_back_to_lines() -> None:
    assert paragraphs("one\n\n two \n \n\nthree") == ["one", " two ", "three"]
    assert paragraphs("one\ntwo\n\n") == ["one", "two"]


@pytest.mark.parametrize("engine", ["langdetect", "langdetect-classic"])
def test_same_text_same_answer_in_fresh_engines(engine: str) -> None:
    texts = [EN, DE, FR, ZH, "Ferry timetable changes in March", "Fähren fahren im März anders"]
    first = [LangId(LangIdConfig(detector=engine)).label(t) for t in texts]
    second = [LangId(LangIdConfig(detector=engine)).label(t) for t in texts]
    assert first == second


def test_a_text_seen_before_gets_the_answer_a_fresh_stage_gives_it() -> None:
    texts = [EN, DE, EN, "Hotel Taxi Radio", FR, DE, "Hotel Taxi Radio", EN + " " + DE, EN]
    stage, anew = LangId(), LangId(remember=False)
    assert [stage.label(t) for t in texts] == [LangId().label(t) for t in texts] == [anew.label(t) for t in texts]
    assert pickle.loads(pickle.dumps(anew)).label(EN) == stage.label(EN)


def test_classic_engine_is_seeded_in_its_own_factory() -> None:
    engine = ClassicLangdetect()
    assert engine._factory.seed == ClassicLangdetect.SEED
    ambiguous = "Hotel Taxi Radio"  # unseeded, langdetect answers en or et at random
    assert len({engine.detect(ambiguous) for _ in range(20)}) == 1


def test_stage_pickles_without_its_engine_and_reloads_lazily() -> None:
    stage = LangId()
    before = stage.label(EN)
    assert stage._engine is not None
    clone = pickle.loads(pickle.dumps(stage))
    assert clone._engine is None and clone.config == stage.config
    assert clone.label(EN) == before


@pytest.mark.parametrize("text", [
    EN, DE, ZH, "UNITED NATIONS (Reuters) - The SECURITY COUNCIL met; https://example.org/a?b=1 or a@b.eu",
    "Ba\u0300n ve\u0300 Vie\u0323t Nam, ca\u0301c ti\u0309nh",
    "Emoji \U0001f600 and A\u0219a \u021bara",
])
def test_profile_scorer_counts_the_same_ngrams_as_langdetect(text: str) -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    detector = factory.create()
    detector.append(text)
    detector.cleaning_text()
    theirs = Counter(detector._extract_ngrams())
    scorer = load_engine("langdetect")
    assert isinstance(scorer, ProfileScorer)
    counts, rows = scorer.ngram_counts(text)
    keys = scorer.keys[rows]
    ours = Counter({_gram(int(k)): int(c) for k, c in zip(keys, counts, strict=True)})
    assert ours == theirs


@pytest.mark.parametrize(("text", "lang"), [
    ("¡ATENCIÓN! EL AYUNTAMIENTO CORTARÁ EL AGUA DE TODO EL BARRIO ESTA NOCHE. LLENEN LOS CUBOS Y AVISEN A "
     "LOS VECINOS MAYORES, QUE NADIE LO HA ANUNCIADO EN LA RADIO.", "es"),
    ("AVISO URGENTE: OS BANCOS VÃO FECHAR AS CONTAS DE QUEM NÃO ATUALIZAR OS DADOS ATÉ SEXTA-FEIRA. "
     "NÃO CAIAM NESSA, É UM GOLPE QUE CIRCULA HÁ SEMANAS.", "pt"),
    ("WARNING TO ALL PARENTS: THE SCHOOL BOARD WILL VOTE ON THURSDAY TO CLOSE THE LIBRARY FOR GOOD, "
     "AND NOBODY WAS TOLD ABOUT THE MEETING.", "en"),
])
def test_a_text_written_in_capitals_is_labelled_by_its_words(text: str, lang: str) -> None:
    assert ProfileScorer().detect(text).lang == lang


def test_profile_matrix_is_the_one_built_n_gram_by_n_gram() -> None:
    """The profiles turned into a matrix with numpy at once give the very bits of the straightforward build: one
    key per n-gram of its code points, 21 bits each, and the log of the whole smoothed matrix."""
    import os

    import numpy as np
    import orjson

    from corpus_tools.language import _profile_matrix, _profiles_directory

    directory = _profiles_directory()
    codes = sorted(os.listdir(directory))
    keys, columns, probs = [], [], []
    for column, code in enumerate(codes):
        with open(os.path.join(directory, code), "rb") as handle:
            profile = orjson.loads(handle.read())
        for gram, freq in profile["freq"].items():
            if 1 <= len(gram) <= 3:
                key = 0
                for char in gram:
                    key = (key << 21) | ord(char)
                keys.append(key)
                columns.append(column)
                probs.append(freq / profile["n_words"][len(gram) - 1])
    unique_keys, rows = np.unique(np.array(keys, dtype=np.int64), return_inverse=True)
    matrix = np.zeros((len(unique_keys), len(codes)), dtype=np.float64)
    matrix[rows, np.array(columns)] = probs
    expected = np.log(matrix + ProfileScorer.ALPHA / 10_000).astype(np.float32)
    built_codes, built_keys, built = _profile_matrix(ProfileScorer.ALPHA)
    assert built_codes == codes
    assert np.array_equal(built_keys, unique_keys)
    assert built.dtype == np.float32 and np.array_equal(built.view(np.uint32), expected.view(np.uint32))


@pytest.mark.parametrize("text", [
    "Write to desk@harbour.example or to night.desk@harbour.example.org today",
    "a@b @@x.y @ end@ x@y@z.w ..@-- " + "k" * 70 + "@long.example " + "q" * 64 + "@edge.example",
    "no at sign here", "@start.example and trailing@", "user@x" + "\u00e9" + "@y.example",
])
def test_mail_addresses_go_as_langdetect_removes_them(text: str) -> None:
    from langdetect.detector import Detector

    assert without_mail(text) == Detector.MAIL_RE.sub(" ", text)


def _scorer() -> ProfileScorer:
    scorer = load_engine("langdetect")
    assert isinstance(scorer, ProfileScorer)
    return scorer


def test_a_text_within_the_sample_size_is_scored_whole() -> None:
    scorer = _scorer()
    for text in (EN, DE, ZH, f"{EN}\n\n{DE}"):
        assert len(text) <= scorer.SAMPLE_CHARS
        assert scorer.detect(text) == scorer.score(text)


def test_a_long_text_is_sampled_by_whole_words_from_start_to_end() -> None:
    words = [f"w{index}" for index in range(3000)]
    sample = sampled(" ".join(words), 2000)
    kept = sample.split()
    assert 1800 <= len(sample) <= 2200
    assert set(kept) <= set(words) and kept[0] == "w0" and int(kept[-1][1:]) > 2900
    chinese = (ZH + ZH_MORE + ZH_LAST) * 40
    assert 1000 <= len(sampled(chinese, 2000)) <= 2100


def test_sampled_long_articles_get_the_reference_label() -> None:
    """The fast path against the reference (every n-gram of the first 10,000 characters) on long articles."""
    scorer = _scorer()
    rng = random.Random(5)
    for lang in LANGUAGES:
        text = "\n\n".join(article(rng, lang) for _ in range(4))
        assert len(text) > scorer.SAMPLE_CHARS
        assert scorer.detect(text).lang == scorer.score(text).lang == lang


def test_a_long_mixed_text_keeps_its_main_language() -> None:
    scorer = _scorer()
    rng = random.Random(6)
    english, german = article(rng, "en"), article(rng, "de")
    text = "\n\n".join([german, english, english, english])
    assert scorer.detect(text).lang == scorer.score(text).lang == "en"


def _gram(key: int) -> str:
    chars = []
    while key:
        chars.append(chr(key & 0x1FFFFF))
        key >>= 21
    return "".join(reversed(chars))


def test_config_rejects_bad_values() -> None:
    with pytest.raises(CorpusError, match="ISO 639-1"):
        LangIdConfig(languages=("english",))
    with pytest.raises(CorpusError, match="per-paragraph"):
        LangIdConfig(min_lang_share=0.5)
    with pytest.raises(CorpusError, match="unknown language detector"):
        LangIdConfig(detector="magic")


def test_parse_languages() -> None:
    assert parse_languages(" en, DE,,fr,en ") == ("en", "de", "fr")


def test_py3langid_engine_labels_with_iso_codes() -> None:
    pytest.importorskip("py3langid")
    stage = LangId(LangIdConfig(detector="py3langid"))
    assert [stage.label(t)["lang"] for t in (EN, DE, ZH)] == ["en", "de", "zh"]


def test_real_sentences_fast_engine_matches_classic() -> None:
    """lingua's test sentences (Leipzig web text): the fast engine is as accurate as seeded langdetect."""
    archive = shared_path("data", "lingua-testdata", "lingua-sentences-subset.tar.xz")
    data = lingua_sentences(archive, per_language=30, seed=1)
    fast, classic = LangId(), LangId(LangIdConfig(detector="langdetect-classic"))
    fast_right = sum(fast.label(text)["lang"] == lang for lang, text in data)
    classic_right = sum(classic.label(text)["lang"] == lang for lang, text in data)
    assert fast_right >= classic_right - 3
    assert fast_right / len(data) > 0.93  # real web text: some lines are mixed or mis-encoded


def test_real_news_documents_are_labelled_right() -> None:
    """NTREX-128 news documents in 20 languages, headline and body as one record."""
    archive = shared_path("data", "opus-mt-testsets", "ntrex128-subset.tar.xz")
    data = ntrex_documents(archive, per_language=20, seed=1)
    assert len({lang for lang, _ in data}) == 20
    stage = LangId()
    right = sum(stage.label(text)["lang"] == lang for lang, text in data)
    assert right / len(data) >= 0.99


def test_every_chinese_japanese_and_korean_news_document_of_ntrex_is_labelled_right() -> None:
    """Chinese stories name people and firms in Latin letters; five of NTREX-128's 123 were once read as the
    names' language."""
    archive = shared_path("data", "opus-mt-testsets", "ntrex128-subset.tar.xz")
    data = [(lang, text) for lang, text in ntrex_documents(archive, per_language=200, seed=1)
            if lang in ("zh", "ja", "ko")]
    assert len(data) == 3 * 123
    stage = LangId()
    assert [lang for lang, text in data if stage.label(text)["lang"] != lang] == []


def test_real_news_documents_sampled_as_the_reference_labels_them() -> None:
    """Sampling long NTREX documents changes no label against scoring every n-gram."""
    archive = shared_path("data", "opus-mt-testsets", "ntrex128-subset.tar.xz")
    scorer = _scorer()
    long_documents = [text for _, text in ntrex_documents(archive, per_language=20, seed=2)
                      if len(text) > scorer.SAMPLE_CHARS]
    assert len(long_documents) > 100
    assert [scorer.detect(t).lang for t in long_documents] == [scorer.score(t).lang for t in long_documents]


def test_a_process_pool_loads_the_engine_here_once_and_its_workers_label_alike() -> None:
    records = [make_record(f"The ferry to the island sails twice a day in summer, number {n}.", id=f"r{n}")
               for n in range(600)]
    stage = LangId()
    stats = [StageStats("langid")]
    labelled = list(apply_record_stages([stage], records, stats, ProcessPool(2)))
    assert stage._engine is not None  # loaded before the fork, so the workers inherited it
    assert labelled == list(langid(records))
