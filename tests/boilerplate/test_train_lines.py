"""Fitting the line classifier on a judged set: labels from spans, weights, leave-outlet-out, the command."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corpus_tools.boilerplate import lineclf
from corpus_tools.boilerplate.train_lines import THRESHOLDS, fit_lines, judged_lines, judged_sets, train
from corpus_tools.errors import CorpusError
from corpus_tools.stages.strip import StripConfig
from tests.conftest import invoke

STORIES = {
    "lanternpost.example": [
        ["The ferry board approved two extra crossings on weekday mornings after a long debate on Monday.",
         "Members said the harbour landing stage would be repaired before the winter timetable begins."],
        ["The north quay market will open on Saturdays from April, the harbour board said on Friday.",
         "Stallholders welcomed the longer season but asked for better lighting along the quay."],
    ],
    "valleytimes.example": [
        ["Snow closed the mountain pass for a second day, and the county said ploughs would work overnight.",
         "Drivers were told to use the valley road, which adds forty minutes to the journey."],
        ["The valley school will add a second bus route in September after parents asked for one.",
         "The county said the route would serve the farms above the river for the first time."],
    ],
    "millbrookdaily.example": [
        ["The Millbrook mill reopened as a museum on Sunday, with looms that still run on water power.",
         "Volunteers spent three years restoring the wheel and the sluice beside the old weir."],
        ["The town library extended its evening hours after a survey of readers in the spring.",
         "Staff said the reading room would stay open until nine on Tuesdays and Thursdays."],
    ],
}
CLOSING = {
    "lanternpost.example": ["Lantern Post readers can find every timetable change on our transport page.",
                            "Photos from the quay are on our Facebook page and Twitter feed."],
    "valleytimes.example": ["Send your snow pictures to our newsroom and follow us on Twitter for updates.",
                            "Valley Times is free for everyone: support our reporting with a monthly gift."],
    "millbrookdaily.example": ["Share this story with your friends and leave a comment below.",
                               "Millbrook Daily publishes your letters every week on our community page."],
}


def write_set(folder: Path) -> Path:
    """Six articles of three outlets, each closing on two lines that speak for the site, judged span by span."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus, truth = [], []
    for outlet, stories in STORIES.items():
        for number, story in enumerate(stories):
            text = "\n\n".join([*story, *CLOSING[outlet]])
            record_id = f"{outlet}-{number}"
            spans = [[text.index(line), text.index(line) + len(line)] for line in CLOSING[outlet]]
            corpus.append({"id": record_id, "text": text, "domain": outlet})
            truth.append({"id": record_id, "boilerplate_spans": spans, "boilerplate_kinds": ["cta", "cta"],
                          "source": "team"})
    for name, records in (("corpus.jsonl.gz", corpus), ("truth.jsonl.gz", truth)):
        with gzip.open(folder / name, "wt", encoding="utf-8") as out:
            out.writelines(json.dumps(record) + "\n" for record in records)
    return folder


def test_every_line_is_labelled_from_the_spans_and_gets_its_features(tmp_path: Path) -> None:
    (judged,) = judged_sets(str(write_set(tmp_path / "set")))
    lines = judged_lines(judged, StripConfig(learn=False))
    assert len(lines) == 6 * 4
    assert sum(line.boilerplate for line in lines) == 12
    assert {line.text for line in lines if line.boilerplate} == {line for pair in CLOSING.values() for line in pair}
    assert all(len(line.vector) == len(lineclf.FEATURES) for line in lines)
    assert {line.outlet for line in lines} == set(STORIES)


def test_the_fitted_weights_score_boilerplate_above_story(tmp_path: Path) -> None:
    (judged,) = judged_sets(str(write_set(tmp_path / "set")))
    lines = judged_lines(judged, StripConfig(learn=False))
    model = lineclf.LineModel(fit_lines(lines), 0.5)
    lowest_boilerplate = min(model.probability(line.vector) for line in lines if line.boilerplate)
    highest_story = max(model.probability(line.vector) for line in lines if not line.boilerplate)
    assert lowest_boilerplate > highest_story


def test_training_cross_validates_by_outlet_and_chooses_a_threshold(tmp_path: Path) -> None:
    training = train(str(write_set(tmp_path / "set")), StripConfig(learn=False))
    assert training.outlets == 3 and training.lines == 24 and training.boilerplate == 12
    assert sorted(fold.outlet for fold in training.folds) == sorted(STORIES)
    assert training.model.threshold in THRESHOLDS
    report = "\n".join(training.report())
    assert "<- chosen" in report and "the classifier alone" in report


def test_a_folder_of_sets_is_read_set_by_set(tmp_path: Path) -> None:
    write_set(tmp_path / "sets" / "a")
    write_set(tmp_path / "sets" / "b")
    assert len(judged_sets(str(tmp_path / "sets"))) == 2


def test_story_alone_cannot_be_fitted() -> None:
    with pytest.raises(CorpusError, match="both boilerplate and story"):
        fit_lines([])


def test_fit_lines_command_writes_weights_strip_can_use(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "set")
    weights = tmp_path / "weights.json"
    result = invoke(["boilerplate", "fit-lines", str(folder), "-o", str(weights)])
    assert result.exit_code == 0, result.stderr
    assert "leave-outlet-out" in result.stderr and f"weights written to {weights}" in result.stderr
    assert result.stdout == ""
    model = lineclf.load_weights(str(weights))
    assert len(model.weights) == len(lineclf.FEATURES)
    record = {"id": "x", "text": "\n\n".join([*STORIES["lanternpost.example"][0], *CLOSING["lanternpost.example"]]),
              "domain": "lanternpost.example"}
    stripped = invoke(["strip", "--line-weights", str(weights), "--no-learn"], input=json.dumps(record) + "\n")
    assert stripped.exit_code == 0, stripped.stderr
    assert json.loads(stripped.stdout)["text"] == "\n\n".join(STORIES["lanternpost.example"][0])


def test_fit_lines_with_a_fixed_threshold(tmp_path: Path) -> None:
    weights = tmp_path / "weights.json"
    result = invoke(["boilerplate", "fit-lines", str(write_set(tmp_path / "set")), "-o", str(weights),
                     "--threshold", "0.9"])
    assert result.exit_code == 0, result.stderr
    assert lineclf.load_weights(str(weights)).threshold == 0.9


def test_fit_lines_on_a_folder_without_judged_sets_says_so(tmp_path: Path) -> None:
    result = invoke(["boilerplate", "fit-lines", str(tmp_path), "-o", str(tmp_path / "w.json")])
    assert result.exit_code == 1
    assert "has no truth.jsonl.gz and corpus.jsonl.gz" in result.stderr


def test_of_thresholds_that_gain_the_same_the_one_that_finds_most_alone_is_chosen() -> None:
    from corpus_tools.boilerplate.train_lines import Alone, Fold, choose_threshold
    from corpus_tools.evaluate.strip import Tally

    tally = Tally()
    tally.hit, tally.missed, tally.story = 90, 10, 1000
    fold = Fold("lanternpost.example", 1, {0.5: tally, 0.6: tally}, tally)
    assert choose_threshold([fold], (0.5, 0.6)) == 0.6
    alone = [Alone(0.5, 100, 40, 0), Alone(0.6, 100, 20, 0)]
    assert choose_threshold([fold], (0.5, 0.6), alone) == 0.5
    sloppy = [Alone(0.5, 100, 40, 10), Alone(0.6, 100, 20, 0)]
    assert choose_threshold([fold], (0.5, 0.6), sloppy) == 0.6
