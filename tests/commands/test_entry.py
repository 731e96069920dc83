"""The `corpus` command's start: Ctrl-C before it can run ends it as Ctrl-C later does, exit 130 and one line."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from tests.conftest import ROOT, invoke

SIGNAL_WHILE_LOADING = """
import builtins, os, signal, sys
real_import = builtins.__import__

def interrupting_import(name, *args, **kwargs):
    if name == "click":
        os.kill(os.getpid(), signal.{signal})  # while the command's modules load
    return real_import(name, *args, **kwargs)

builtins.__import__ = interrupting_import
sys.argv = ["corpus", "--version"]
from corpus_tools.cli.entry import main
main()
"""


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_ctrl_c_or_sigterm_while_the_command_loads_is_one_line_and_its_exit_code(name: str, code: int) -> None:
    done = subprocess.run([sys.executable, "-c", SIGNAL_WHILE_LOADING.format(signal=name)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert (done.returncode, done.stderr, done.stdout) == (code, "Interrupted.\n", "")


SIGTERM_WHILE_RULES_LOAD = """
import os, signal, sys
from corpus_tools.boilerplate import rules
real_load = rules.load_rules

def terminated_load(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)  # as strip reads its rule files, before the run starts
    return real_load(*args, **kwargs)

rules.load_rules = terminated_load
sys.argv = ["corpus", "strip"]
from corpus_tools.cli.entry import main
main()
"""


def test_sigterm_before_the_run_starts_is_one_line_and_exit_143() -> None:
    """It killed the process by the signal, with no word, where Ctrl-C said "Interrupted."."""
    done = subprocess.run([sys.executable, "-c", SIGTERM_WHILE_RULES_LOAD], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, input="")
    assert (done.returncode, done.stderr, done.stdout) == (143, "Interrupted.\n", "")


CTRL_C_AS_PYTHON_SHUTS_DOWN = """
import atexit, os, signal, sys
atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))  # Ctrl-C after the command has ended
sys.argv = ["corpus", "--version"]
from corpus_tools.cli.entry import main
main()
"""


def test_ctrl_c_after_the_command_ended_keeps_its_exit_code() -> None:
    done = subprocess.run([sys.executable, "-c", CTRL_C_AS_PYTHON_SHUTS_DOWN], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("corpus, version ")


def test_ctrl_c_while_options_are_read_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> click.Context:
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Group, "make_context", interrupted)
    result = invoke(["normalize"], input='{"id": "a", "text": "x"}\n')
    assert (result.exit_code, result.stderr) == (130, "Interrupted.\n")
