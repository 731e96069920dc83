"""The `corpus` command's entry point: Ctrl-C or SIGTERM while Python loads the command ends it quietly (exit 130
or 143, "Interrupted."), not with a traceback from whichever import it cut short or, for SIGTERM, no word at all;
a run handles both itself once it starts (`runner`); after the command has ended, neither changes anything."""

from __future__ import annotations

import os
import signal
import sys


def _quiet_exit(signum: int, _frame: object) -> None:
    sys.stderr.write("Interrupted.\n")
    os._exit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGINT, _quiet_exit)
    signal.signal(signal.SIGTERM, _quiet_exit)  # until a run takes it over, with its clean-up
    from corpus_tools.cli.main import main as run_command

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run_command()
    finally:
        # The command has ended and said so: a Ctrl-C or SIGTERM while Python shuts down would only kill the
        # process by the signal, with no message, over an exit code that already tells what happened.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
