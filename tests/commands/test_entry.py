"""The `corpus` command's start: Ctrl-C before it can run ends it as Ctrl-C later does, exit 130 and one line."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from tests.conftest import ROOT, invoke

CTRL_C_WHILE_LOADING = """
import builtins, os, signal, sys
real_import = builtins.__import__

def interrupting_import(name, *args, **kwargs):
    if name == "click":
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the command's modules load
    return real_import(name, *args, **kwargs)

builtins.__import__ = interrupting_import
sys.argv = ["corpus", "--version"]
from corpus_tools.cli.entry import main
main()
"""


def test_ctrl_c_while_the_command_loads_is_one_line_and_exit_130() -> None:
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_LOADING], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert (done.returncode, done.stderr, done.stdout) == (130, "Interrupted.\n", "")


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
