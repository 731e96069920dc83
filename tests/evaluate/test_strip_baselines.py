"""The C4-style and jusText baselines the README sets beside strip, run as the README runs them."""

from __future__ import annotations

import subprocess
import sys

from corpus_tools.evaluate.strip_baselines import c4_lines
from tests.conftest import ROOT, shared_path


def test_c4_lines_keep_sentences_and_drop_what_c4_drops() -> None:
    text = "\n".join(["Share this", "The ferry left the harbour at noon on Monday.", "Read our privacy policy.",
                      "It carried forty cars.", "Two more sailings follow.", "Tickets cost ten pounds.",
                      "The crossing takes an hour."])
    assert c4_lines(text).splitlines() == ["The ferry left the harbour at noon on Monday.", "It carried forty cars.",
                                           "Two more sailings follow.", "Tickets cost ten pounds.",
                                           "The crossing takes an hour."]


def test_without_its_two_files_it_prints_its_usage_not_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "corpus_tools.evaluate.strip_baselines"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 1 and done.stderr.startswith("usage: python -m corpus_tools.evaluate.strip_baselines")


def test_the_readme_figures_come_back_on_the_shared_set() -> None:
    truth = shared_path("eval", "real-boilerplate", "truth.jsonl.gz")
    corpus = shared_path("eval", "real-boilerplate", "corpus.jsonl.gz")
    done = subprocess.run([sys.executable, "-m", "corpus_tools.evaluate.strip_baselines", str(truth), str(corpus)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "jusText on the lines: precision 0.605, recall 0.367, body lost 0.025"
