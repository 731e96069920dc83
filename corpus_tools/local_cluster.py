"""The Dask cluster that `--engine dask` starts on this machine when no scheduler is given.

It runs in a process of its own, which the run starts in a session of its own (`start`): a terminal's Ctrl-C or a
scheduler's SIGTERM goes to the run's whole process group, and Dask's worker processes, started in that group,
took it too and printed their tracebacks while the run was stopping them. Here only the run gets the signal and
closes the cluster. The cluster stops when the run closes its stdin, or when the run dies and the pipe breaks.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

from corpus_tools.errors import CorpusError

STOP_SECONDS = 30
"""How long a closed cluster may take to stop its workers before its session is killed."""


def start(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start a cluster of `workers` single-threaded worker processes; the process and its scheduler's address."""
    process = subprocess.Popen([sys.executable, "-m", "corpus_tools.local_cluster", str(workers)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)
    assert process.stdout is not None
    address = process.stdout.readline().decode().strip()
    if not address:
        stop(process)
        raise CorpusError("--engine dask: the local Dask cluster did not start (its messages are above)")
    return process, address


def stop(process: subprocess.Popen[bytes]) -> None:
    """Close the cluster's stdin and wait for it to stop; kill its session if it does not."""
    if process.stdin is not None:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the session's own group: the cluster and its workers
        process.wait()


def main(workers: int) -> None:
    # Stopping a worker that is still busy is how every run ends here: distributed's warnings about it, and a
    # worker's heartbeat that meets the closed scheduler, are noise. The worker processes read the level from the
    # environment they inherit; a task's own error still reaches the run, which reports it.
    os.environ["DASK_LOGGING__DISTRIBUTED"] = "critical"
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.buffer.read()


if __name__ == "__main__":
    main(int(sys.argv[1]))
