"""The shell transcripts in the docs (`    $ command` and the lines it prints) still print what they show.

Each document's commands run in order in one scratch directory, so that a file one command writes (or a
`$ cat FILE` shows) is there for the next. A command whose block shows no output is run for its side effects
only; one that needs a file the docs never make (a user's own corpus) or times something (`time`, a
benchmark's module, which tests/bench runs on small inputs) is skipped. A shell variable a step sets
(`$ T="..."`) holds for the steps after it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCUMENTS = ("README.md", "docs/dedup.md", "docs/langid.md", "docs/strip.md")
PROMPT = "    $ "
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=(?:\"[^\"]*\"|'[^']*'|\S*)")
TIMED = re.compile(r"^(?:time|/usr/bin/time)\b|\bpython3? make_big_run\b|\bcorpus_tools\.bench\.\w+_bench\b")


@dataclass
class Step:
    line: int
    command: str
    output: list[str]


def transcript(path: Path) -> list[Step]:
    """The `$` commands of a document with the indented lines that follow each, up to the next command or
    the end of the indented block (blank lines inside a block belong to the output)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    steps: list[Step] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith(PROMPT):
            index += 1
            continue
        step = Step(index + 1, lines[index][len(PROMPT):], [])
        index += 1
        while index < len(lines) and not lines[index].startswith(PROMPT):
            following = next((line for line in lines[index:] if line.strip()), "")
            if lines[index].strip() == "" and not following.startswith("    ") or \
                    lines[index].strip() and not lines[index].startswith("    "):
                break
            step.output.append(lines[index][4:])
            index += 1
        while step.output and step.output[-1] == "":
            step.output.pop()
        steps.append(step)
    return steps


def _missing_input(command: str, workdir: Path) -> bool:
    """Whether the command reads a file that neither the docs nor the repository provide."""
    if command.startswith("corpus generate "):
        return False
    try:
        words = shlex.split(command, comments=True)
    except ValueError:
        return False
    written_by = (">", "-o", "--clusters", "--removed", "--report")
    for before, word in zip(["", *words], words, strict=False):
        names_a_file = before == "<" or re.search(r"\.(?:jsonl|csv|tsv|xz|gz|toml)$", word) is not None
        if names_a_file and before not in written_by and not word.startswith("-") and not (workdir / word).exists():
            return True
    return False


def _line_pattern(line: str) -> str:
    if line.strip() == "...":
        return "(?:.*\n)*?"
    if line.endswith(" ..."):
        return re.escape(line[:-len("...")]) + ".*\n"
    return re.escape(line.rstrip()) + "\n"


def _matches(shown: list[str], printed: list[str]) -> bool:
    """Line by line, trailing spaces aside; a line `...` (indented or not) in what the docs show stands for
    any lines, and a line ending in ` ...` for any rest of the line."""
    pattern = "".join(_line_pattern(line) for line in shown)
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in printed)) is not None


def _run(steps: list[Step], workdir: Path) -> list[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "NO_COLOR": "1", "COLUMNS": "80"}
    failures: list[str] = []
    assignments = ""
    for step in steps:
        if ASSIGNMENT.fullmatch(step.command):
            assignments += step.command + "\n"
            continue
        cat = re.fullmatch(r"cat (\S+)", step.command)
        if cat and not (workdir / cat.group(1)).exists():
            (workdir / cat.group(1)).write_text("".join(line + "\n" for line in step.output), encoding="utf-8")
            continue
        if TIMED.search(step.command) or _missing_input(step.command, workdir):
            continue
        if "jq " in step.command and shutil.which("jq") is None:
            continue
        done = subprocess.run(["bash", "-c", assignments + step.command], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=300)
        printed = (done.stdout + done.stderr).rstrip("\n").split("\n") if done.stdout + done.stderr else []
        if step.output and not _matches(step.output, printed):
            failures.append(f"line {step.line}: $ {step.command}\n  shown:   {step.output[:6]}\n"
                            f"  printed: {printed[:6]}")
    return failures


@pytest.mark.parametrize("document", DOCUMENTS)
def test_transcripts_print_what_they_show(document: str, tmp_path: Path) -> None:
    (tmp_path / "sample_corpus").symlink_to(ROOT / "sample_corpus")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fixtures").symlink_to(ROOT / "tests" / "fixtures")
    subprocess.run([sys.executable, "-m", "corpus_tools", "generate", "dedup", "example.jsonl", "--count", "300",
                    "--seed", "3"], cwd=tmp_path, check=True, capture_output=True)
    failures = _run(transcript(ROOT / document), tmp_path)
    assert not failures, "\n".join(failures)
