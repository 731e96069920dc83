"""Peak memory of a process and all its children, sampled from /proc while it runs, and their CPU time."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float
    """User and system time of the process and every child it waited for (worker processes included)."""
    peak_rss_bytes: int
    """The largest sum of the processes' resident memory: a page that forked workers share with the main process
    counts once in each of them."""
    peak_pss_bytes: int
    """The largest sum of their proportional memory (each shared page split between the processes that share it):
    what the run takes from the machine."""
    returncode: int
    stderr: str


def _tree_memory(root: int) -> tuple[int, int]:
    """Resident and proportional bytes of `root` and its descendants (worker processes count too)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
    resident = proportional = 0
    for pid, size in rss.items():
        ancestor = pid
        while ancestor not in (0, 1) and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            resident += size
            proportional += _proportional(pid, size)
    return resident, proportional


def _proportional(pid: int, resident: int) -> int:
    """A process's proportional set size, or its resident size where the kernel does not tell (before Linux 4.14,
    or a process that just ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resident


def run_measured(command: Sequence[str], interval: float = 0.1) -> Measured:
    """Run a command to completion, sampling the resident memory of its process tree."""
    started = time.perf_counter()
    cpu_before = _children_cpu_seconds()
    process = subprocess.Popen(list(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            resident, proportional = _tree_memory(process.pid)
            peak_rss, peak_pss = max(peak_rss, resident), max(peak_pss, proportional)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Measured(seconds, _children_cpu_seconds() - cpu_before, peak_rss, peak_pss, process.returncode, stderr)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
