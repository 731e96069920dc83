"""The line classifier: its features, its cues, the walk up from the end, and its decisions inside strip."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from corpus_tools.boilerplate import lineclf
from corpus_tools.boilerplate.detect import CLASSIFIED, remove_spans
from corpus_tools.boilerplate.explain import Explainer
from corpus_tools.errors import CorpusError
from corpus_tools.evaluate.strip_judged import evaluate_judged
from corpus_tools.stages.strip import Strip, StripConfig
from corpus_tools.synthetic.strip import generate
from tests.conftest import make_record, shared_path

BODY = [
    "The council voted on Tuesday to approve a revised budget for the ferry service in the coming year.",
    "Members of the harbour board said the new timetable would add two crossings on weekday mornings.",
    "The ferry budget also sets aside money to repair the harbour landing stage before the new timetable.",
]
SITE_LINE = "Lantern Post readers can find every timetable change on our transport page."
NETWORK_LINE = "Photos from the quay are on our Facebook page and Twitter feed."


def vector_of(lines: list[str], index: int, title: str | None = None, outlet: str = "") -> dict[str, float]:
    context = lineclf.Context(lines, [True] * len(lines), title, outlet)
    return dict(zip(lineclf.FEATURES, lineclf.features(context, index), strict=True))


def analysed(text: str, cfg: StripConfig | None = None, domain: str = "lanternpost.example"):  # type: ignore[no-untyped-def]
    return Strip(cfg or StripConfig()).analyse(make_record(text, domain=domain))


def test_a_story_line_shares_its_words_and_a_bio_names_someone_the_story_never_does() -> None:
    lines = [*BODY, "Mara Quill is a contributing writer whose columns on coastal towns appear monthly."]
    story = vector_of(lines, 2, title="Council approves ferry budget")
    bio = vector_of(lines, 3)
    assert story["shared_words"] >= 0.4 and bio["shared_words"] == 0.0
    assert bio["unknown_names"] > 0 and bio["bio_subject"] == 1.0
    assert story["bio_subject"] == 0.0 and vector_of(lines, 1)["reporting"] == 1.0


def test_features_of_a_publishers_line() -> None:
    line = "Follow us on Twitter at @lanternpost or email tips@lanternpost.example, and share this story."
    feature = vector_of([*BODY, line], 3, outlet=lineclf.outlet_stem("lanternpost.example"))
    assert feature["bias"] == 1.0
    assert feature["links"] == pytest.approx(2 / 3)
    assert feature["reader"] == 0.0 and feature["site_self"] == 1.0 and feature["imperative"] == 0.0
    assert feature["site_words"] == pytest.approx(1.0)
    assert feature["outlet_named"] == 1.0
    assert vector_of([*BODY, "Read the full report on the ferry budget."], 3)["imperative"] == 1.0


def test_cues_a_line_needs_of_its_own() -> None:
    outlet = lineclf.outlet_stem("lanternpost.example")
    assert lineclf.has_cue(SITE_LINE, outlet)
    assert lineclf.has_cue(NETWORK_LINE, outlet)
    assert lineclf.has_cue("Source: https://example.org/story", outlet)
    assert not lineclf.has_cue("Payable May 12 to holders of record May 1.", outlet)
    assert not lineclf.has_cue("He repeated his comments on Twitter and Facebook later that day.", outlet)
    assert not lineclf.has_cue("Share adjusted for a stock split.", outlet)
    assert not lineclf.has_cue("Questions remain", outlet)
    assert lineclf.has_cue("https://example.org/ferry-timetable", outlet)
    assert not lineclf.has_cue("(2) https://example.org/ferry-timetable", outlet)
    assert not lineclf.has_cue("[14] Roe, J. Ferries of the north. Harbour Press, 2007. https://example.org/f", outlet)


def test_the_walk_stops_at_the_first_line_that_reads_as_story_and_never_takes_the_longest() -> None:
    scores = {4: 0.9, 3: 0.2, 2: 0.95}
    sizes = [30, 5, 6, 7, 8]
    taken = lineclf.edge_runs(5, [False] * 5, lambda i: scores.get(i, 0.0), 0.6, sizes)
    assert taken == [(4, 0.9)]
    removed = [False, False, False, True, False]
    assert lineclf.edge_runs(5, removed, lambda i: 0.99, 0.6, sizes) == [(1, 0.99), (2, 0.99), (4, 0.99)]
    assert lineclf.edge_runs(2, [False, False], lambda i: 0.99, 0.6, [3, 40]) == []


def test_strip_removes_closing_lines_that_speak_for_the_site_and_keeps_the_story() -> None:
    text = "\n\n".join([*BODY, SITE_LINE, NETWORK_LINE])
    analysis = analysed(text)
    assert [(text[s.start:s.end], s.category, s.rule) for s in analysis.spans] == [
        (SITE_LINE, CLASSIFIED, lineclf.RULE), (NETWORK_LINE, CLASSIFIED, lineclf.RULE)]
    assert all(lineclf.shipped().threshold <= score <= 1 for score in analysis.scores.values())
    assert remove_spans(text, analysis.spans) == "\n\n".join(BODY)


def test_the_middle_of_a_story_and_a_wire_note_at_its_end_stay() -> None:
    text = "\n\n".join([BODY[0], SITE_LINE, *BODY[1:], "Payable May 12 to holders of record May 1."])
    assert analysed(text).spans == []


def test_a_closing_line_that_reports_a_source_did_not_respond_stays() -> None:
    text = "\n\n".join([*BODY, "The mayor's office didn't immediately respond to Lantern Post's request for comment."])
    assert analysed(text).spans == []


GERMAN_BODY = [
    "Der Gemeinderat hat am Dienstag den neuen Fahrplan für die Fähre beschlossen, die ab dem Frühjahr fährt.",
    "Die Mitglieder des Hafenrats sagten, dass der neue Plan an Werktagen zwei Fahrten mehr bringen wird.",
    "Auch die Reparatur des Anlegers ist im Haushalt vorgesehen und soll noch vor dem Sommer fertig sein.",
]


def test_the_classifier_judges_english_text_only() -> None:
    german = "\n\n".join([*GERMAN_BODY, SITE_LINE])
    assert analysed(german).spans == []
    assert not lineclf.reads_english(german, None)
    assert not lineclf.reads_english("\n\n".join([*BODY, SITE_LINE]), "de")
    english = "\n\n".join([*BODY, SITE_LINE])
    assert lineclf.reads_english(english, None) and lineclf.reads_english(english, "und")
    assert [s.rule for s in analysed(english).spans] == [lineclf.RULE]
    table = "Shr 31 cts vs 28 cts\nNet 692,000 vs 617,000\nRevs 2,640,000 vs 906,000\nMay/Jul even under"
    assert lineclf.reads_english(table, None)


CHINESE_BODY = [
    "港口管理局周二表示，夏季渡轮时刻表将于三月起调整，每天增加两班。",
    "由于燃油价格上涨，票价将上调百分之十，管理局称这是十年来的首次调价。",
    "以下是关于北码头和南码头的一些关键信息:",
    "北码头建于1968年，截至2020年，每年接待旅客约1,250,000人次。",
    "南码头位于海湾东侧，距离市中心约12公里(7英里)。",
    "2019年，一场风暴损坏了南码头的两座栈桥，修复费用约为3,400万元。",
    "2021:3月12日，新候船大厅启用，可容纳1,800名旅客。",
]


def test_a_text_in_another_script_is_not_judged_though_it_holds_no_common_word_of_any_language() -> None:
    chinese = "\n\n".join(CHINESE_BODY)
    assert not lineclf.reads_english(chinese, None)
    assert analysed(chinese).spans == []
    russian = "Портовое управление во вторник утвердило новое расписание паромов на лето."
    assert not lineclf.reads_english(russian, None)
    quoted = "\n\n".join([*BODY, "“It’s the ferry — or nothing,” she said."])
    assert lineclf.reads_english(quoted, None)


def test_a_line_rules_cut_a_piece_from_is_story() -> None:
    credit = "Featured image via Jane Marlow/Example Images"
    text = "\n\n".join([*BODY, f"{NETWORK_LINE[:-1]}.{credit}"])
    spans = analysed(text).spans
    assert [text[span.start:span.end] for span in spans] == [credit]


def test_switched_off_or_kept_the_classifier_removes_nothing() -> None:
    text = "\n\n".join([*BODY, SITE_LINE])
    assert analysed(text, StripConfig(classify=False)).spans == []
    assert analysed(text, StripConfig(keep_category=(CLASSIFIED,))).spans == []


def test_a_line_of_a_kept_category_stops_the_walk() -> None:
    text = "\n\n".join([*BODY, "© 2019 Lantern Post. All rights reserved."])
    assert analysed(text).spans
    assert analysed(text, StripConfig(keep_category=("copyright",))).spans == []


def test_the_audit_and_the_explanation_name_the_classifier_with_its_score(tmp_path: Path) -> None:
    from corpus_tools.stages.strip import strip

    audit = tmp_path / "removed.jsonl"
    record = make_record("\n\n".join([*BODY, SITE_LINE]), domain="lanternpost.example")
    list(strip([record], StripConfig(removed=str(audit), learn=False)))
    entry = json.loads(audit.read_text(encoding="utf-8"))
    assert entry["rule"] == lineclf.RULE and entry["category"] == CLASSIFIED
    assert entry["text"] == SITE_LINE and 0.6 <= entry["score"] <= 1
    shown = io.StringIO()
    core = Strip(StripConfig())
    Explainer(1, shown).show(record["id"], record["text"], core.analyse(record), True)
    assert f"classified · line-classifier {entry['score']:.2f}" in shown.getvalue()


def test_weights_from_a_file_replace_the_shipped_ones(tmp_path: Path) -> None:
    never = tmp_path / "never.json"
    never.write_text(json.dumps(lineclf.LineModel((0.0,) * len(lineclf.FEATURES), 0.99).to_json()), encoding="utf-8")
    assert analysed("\n\n".join([*BODY, SITE_LINE]), StripConfig(line_weights=str(never))).spans == []


@pytest.mark.parametrize(("content", "message"), [
    ("{", "not JSON"),
    ("[]", "expected a JSON object"),
    ('{"format": "corpus-tools/line-weights", "features": ["bias"], "weights": [1.0], "threshold": 0.5}',
     "not line weights for these features"),
])
def test_bad_weights_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "weights.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        lineclf.load_weights(str(path))


def test_the_shipped_weights_are_numbers_for_these_features() -> None:
    model = lineclf.shipped()
    assert len(model.weights) == len(lineclf.FEATURES) and 0.5 <= model.threshold < 1


def test_on_the_shared_set_the_classifier_keeps_precision_and_story() -> None:
    judged = shared_path("eval", "real-boilerplate")
    truth, corpus = str(judged / "truth.jsonl.gz"), str(judged / "corpus.jsonl.gz")
    with_it = evaluate_judged(truth, corpus, {}).metrics
    without = evaluate_judged(truth, corpus, {"classify": "false"}).metrics
    assert with_it["recall"] >= without["recall"]
    assert with_it["precision"] >= 0.98 and with_it["body_lost"] <= without["body_lost"] + 0.001


def test_label_lines_with_a_site_word_or_address_and_a_dangling_heading_are_cues() -> None:
    outlet = lineclf.outlet_stem("lanternpost.example")
    assert lineclf.has_cue("Older articles by Mara Quill", outlet)
    assert lineclf.has_cue("Read more at harbourledger.org", outlet)
    assert lineclf.has_cue("Also by Mara Quill:", outlet) and lineclf.has_cue("Links:", outlet)
    assert not lineclf.has_cue("Share adjusted for a stock split.\nReuter", outlet)  # a sentence, then a sign-off
    assert not lineclf.has_cue("The harbour link road opened on Monday.", outlet)  # closes: prose
    assert not lineclf.has_cue("Operating profit by division -", outlet)


def test_a_bio_feature_speaks_of_a_trade_or_of_someone_the_text_never_names() -> None:
    unnamed = "Mara Quill is a mother of two who lives on a houseboat in the valley with three cats."
    named = [*BODY[:2], "Mara Quill of the harbour board voted against the ferry budget.", unnamed]
    assert vector_of([*BODY, unnamed], 3)["bio_subject"] == 1.0
    assert vector_of(named, 3)["bio_subject"] == 0.0
    assert not lineclf.has_cue(unnamed, "")  # a feature, not a cue: "Value was not disclosed." opens the same way


def test_the_walk_passes_short_lines_only_with_the_boilerplate_above_them() -> None:
    sizes = [30, 8, 2, 8, 2]
    bridge = {2: True, 4: True}.get
    scores = {3: 0.9, 1: 0.8}
    taken = lineclf.edge_runs(5, [False] * 5, lambda i: scores.get(i, 0.0), 0.6, sizes,
                              lambda i: bool(bridge(i)))
    assert taken == [(1, 0.8), (2, 0.8), (3, 0.9), (4, 0.9)]
    scores = {3: 0.9}
    taken = lineclf.edge_runs(5, [False] * 5, lambda i: scores.get(i, 0.0), 0.6, sizes, lambda i: bool(bridge(i)))
    assert taken == [(3, 0.9), (4, 0.9)]  # the short line above the run stays with the story it stands under
    removed = [False, True, False, False, False]
    taken = lineclf.edge_runs(5, removed, lambda i: scores.get(i, 0.0), 0.6, sizes, lambda i: bool(bridge(i)))
    assert taken == [(2, 0.9), (3, 0.9), (4, 0.9)]  # between removed boilerplate and the run below


def test_bridges_are_short_lines_without_closing_punctuation() -> None:
    assert lineclf.bridges("Mara Quill") and lineclf.bridges("Contact:")
    assert not lineclf.bridges("It rained.") and not lineclf.bridges("The harbour board met on Monday")


def _names_outlet_plain(view: str, outlet: str) -> bool:
    """`lineclf.names_outlet` the straightforward way: every run of one to four words, however it starts."""
    if len(outlet) < 5:
        return False
    if outlet in view.lower().replace(" ", ""):
        return True
    words = [lineclf._NOT_LOWER_ALNUM.sub("", w.lower()) for w in view.split()]
    return any(len(joined) >= 6 and joined in outlet
               for start in range(len(words))
               for joined in ("".join(words[start:start + width]) for width in range(1, 5)))


def test_a_line_names_its_outlet_as_every_run_of_its_words_would_tell() -> None:
    pieces = ["Canada", "Free", "Press", "free", "press.", "—", "Harbour", "News", "Daily", "the", "C.F.P.", "Can",
              "Canada-Free", "ΟΔΟΣ", "\u0130Press", "ada", "FreePr", "ess"]
    outlets = ["canadafreepress", "harbournewsdaily", "dailynews", "thefreepress", "cfp"]
    rng = random.Random(5)
    for _ in range(3000):
        view = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        for outlet in outlets:
            assert lineclf.names_outlet(view, outlet) == _names_outlet_plain(view, outlet), (view, outlet)
    assert lineclf.names_outlet("Subscribe to Canada Free Press for FREE", "canadafreepress")
    assert not lineclf.names_outlet("Free speech is under pressure", "canadafreepress")


def test_the_memo_of_a_lines_words_and_names_gives_every_line_the_features_a_fresh_context_gives() -> None:
    """`_line_terms` keeps each line's words and names across texts: they must be what the straightforward calls
    give, and every line's features those of a context built with the memo emptied."""
    texts = [record["text"].split("\n\n") for record in generate(40, seed=3)]
    texts += [list(reversed(lines)) for lines in texts[:10]]

    def features_of(lines: list[str]) -> list[list[float]]:
        context = lineclf.Context(lines, [index % 3 != 0 for index in range(len(lines))], lines[0], "harbourpost")
        assert context.words == [lineclf.content_words(line) for line in lines]
        assert context.names == [set(lineclf._CAPITAL.findall(line)) for line in lines]
        return [lineclf.features(context, index) for index in range(len(lines))]

    remembered = [features_of(lines) for lines in texts]
    fresh = []
    for lines in texts:
        lineclf._line_terms.cache_clear()
        fresh.append(features_of(lines))
    assert remembered == fresh
