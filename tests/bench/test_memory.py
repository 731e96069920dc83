"""The bench's memory sampling: a process tree's peak, with pages that forked workers share counted once."""

from __future__ import annotations

import os
import sys

import pytest

from corpus_tools.bench.memory import run_measured

MB = 1024**2

SHARES_WITH_A_FORKED_CHILD = """
import os, time
held = b"x" * (200 * 1024 * 1024)
pid = os.fork()
time.sleep(1.5)
if pid:
    os.waitpid(pid, 0)
"""


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/smaps_rollup"), reason="needs Linux's smaps_rollup")
def test_pages_a_forked_child_shares_count_once_in_proportional_memory() -> None:
    measured = run_measured([sys.executable, "-c", SHARES_WITH_A_FORKED_CHILD])
    assert measured.returncode == 0
    assert measured.peak_rss_bytes >= 400 * MB  # both processes map the 200 MB
    assert 200 * MB <= measured.peak_pss_bytes <= 300 * MB
