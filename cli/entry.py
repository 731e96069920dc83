"""The `corpus` command's entry point: Ctrl-C while Python loads the command ends it quietly (exit 130), not
with a traceback from whichever import it cut short; after the command has ended, Ctrl-C changes nothing."""

from __future__ import annotations

import os
import signal
import sys

EXIT_INTERRUPTED = 130


def _quiet_exit(_signum: int, _frame: object) -> None:
    sys.stderr.write("Interrupted.\n")
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    signal.signal(signal.SIGINT, _quiet_exit)
    from corpus_tools.cli.main import main as run_command

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run_command()
    finally:
        # The command has ended and said so: a Ctrl-C while Python shuts down would only kill the process by the
        # signal, with no message, over an exit code that already tells what happened.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
