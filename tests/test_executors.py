"""Every executor gives the output of one process, byte for byte: a local pool, and --engine dask with a
LocalCluster of 2 processes; bad input stops them all after the same records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corpus_tools.errors import BadRecord
from corpus_tools.executors import InProcess, ProcessPool, batched
from tests.conftest import ROOT, invoke, start_writing_run, to_jsonl

pytest.importorskip("dask.distributed")

SAMPLE = str(ROOT / "sample_corpus")


def run_chain(tmp_path: Path, name: str, engine_args: list[str], chain: list[str]) -> tuple[bytes, dict]:
    out = tmp_path / name
    result = invoke([*engine_args, *chain, "write", str(out)])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    return (out / "part-00000.jsonl").read_bytes(), manifest


def test_sample_corpus_same_on_dask(tmp_path: Path) -> None:
    chain = ["read", SAMPLE, "normalize", "strip", "filter", "langid", "dedup"]
    local, local_manifest = run_chain(tmp_path, "local", ["--workers", "1"], chain)
    dask, dask_manifest = run_chain(tmp_path, "dask", ["--engine", "dask", "--workers", "2"], chain)
    assert dask == local
    assert dask_manifest["engine"] == {"name": "dask", "workers": 2, "scheduler": None}
    assert dask_manifest["balance"] == local_manifest["balance"]
    assert dask_manifest["stages"][1]["counts"] == local_manifest["stages"][1]["counts"]


def test_generated_corpus_same_on_dask(tmp_path: Path) -> None:
    records = [{"id": f"g{i}", "text": f"Story {i} on the harbour.\r\n\r\n\r\nDonâ€™t  miss **part {i % 9}**."
                + (" \u200b" * (i % 3)), "n": i} for i in range(3000)]
    records.append({"id": "blank", "text": "\u200b"})
    source = tmp_path / "generated.jsonl"
    source.write_text(to_jsonl(records))
    chain = ["read", str(source), "normalize"]
    local, local_manifest = run_chain(tmp_path, "local", ["--workers", "1"], chain)
    dask, dask_manifest = run_chain(tmp_path, "dask", ["--engine", "dask", "--workers", "2"], chain)
    assert dask == local
    assert dask_manifest["balance"] == local_manifest["balance"] == {
        "input_records": 3001, "written": 3000, "dropped": {"empty": 1}, "rejected": 0, "balanced": True}


def numbers_then_bad_input(count: int) -> Iterator[int]:
    yield from range(count)
    raise BadRecord("feed.jsonl", count + 1, "invalid JSON")


def double_all(_shared: None, batch: list[int]) -> list[int]:
    return [2 * n for n in batch]


def test_batches_before_bad_input_come_out_then_its_error() -> None:
    out: list[list[int]] = []
    with pytest.raises(BadRecord, match="feed.jsonl:6"):
        for batch in batched(numbers_then_bad_input(5), 2):
            out.append(batch)
    assert out == [[0, 1], [2, 3], [4]]


@pytest.mark.parametrize("count", [1, 3, 41])
def test_a_pool_yields_every_batch_before_bad_input_like_one_process(count: int) -> None:
    def results(executor: InProcess | ProcessPool) -> list[list[int]]:
        out: list[list[int]] = []
        with pytest.raises(BadRecord, match=f"feed.jsonl:{count + 1}"):
            for result in executor.map_ordered(double_all, None, batched(numbers_then_bad_input(count), 4)):
                out.append(result)
        return out

    expected = results(InProcess())
    assert sum(expected, []) == [2 * n for n in range(count)]
    assert results(ProcessPool(2)) == expected


@pytest.mark.parametrize("engine", [["--workers", "2"], ["--engine", "dask", "--workers", "2"]])
def test_a_failed_run_writes_the_same_records_before_its_error_on_any_engine(engine: list[str]) -> None:
    lines = [f'{{"id": "a{i}", "text": "Story {i} on the harbour."}}' for i in range(600)]
    feed = "\n".join([*lines, "not json", '{"id": "late", "text": "After the bad line."}']) + "\n"
    one = invoke(["--workers", "1", "normalize"], input=feed)
    many = invoke([*engine, "normalize"], input=feed)
    assert one.exit_code == many.exit_code == 1
    assert "<stdin>:601: invalid JSON" in many.stderr
    assert many.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 600


def test_scheduler_needs_dask_engine() -> None:
    result = invoke(["--scheduler", "tcp://127.0.0.1:8786", "normalize"], input="")
    assert result.exit_code == 2 and "--scheduler goes with --engine dask" in result.stderr


def test_generated_news_whole_chain_same_on_dask(tmp_path: Path) -> None:
    from corpus_tools.synthetic.dedup import generate

    source = tmp_path / "news.jsonl"
    source.write_text(to_jsonl(list(generate(3000, 4))))
    chain = ["read", str(source), "normalize", "strip", "langid", "dedup", "--clusters", str(tmp_path / "c.jsonl")]
    local, local_manifest = run_chain(tmp_path, "local", ["--workers", "1"], chain)
    local_clusters = (tmp_path / "c.jsonl").read_bytes()
    dask, dask_manifest = run_chain(tmp_path, "dask", ["--engine", "dask", "--workers", "2"], chain)
    assert dask == local
    assert (tmp_path / "c.jsonl").read_bytes() == local_clusters
    assert dask_manifest["balance"] == local_manifest["balance"]
    assert dask_manifest["balance"]["dropped"].get("duplicate_near", 0) > 0


def test_band_key_shuffle_finds_the_local_candidate_pairs() -> None:
    from dask.distributed import Client, LocalCluster

    from corpus_tools.dedup.lsh import candidate_pairs, shuffled_candidate_pairs

    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 2**32, size=(5000, 128), dtype=np.uint64).astype(np.uint32)
    for copy in range(1, 5000, 3):  # every third record shares some bands with an earlier one
        source = rng.integers(0, copy)
        shared = rng.choice(128, size=rng.integers(48, 128), replace=False)
        signatures[copy, shared] = signatures[source, shared]
    rank = rng.permutation(5000).astype(np.int64)
    local = candidate_pairs(signatures, 16, 8, rank)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        shuffled = shuffled_candidate_pairs(client, signatures, 16, 8, rank, partitions=3)
        records = rng.permutation(5000)[:3000]
        some = shuffled_candidate_pairs(client, signatures, 16, 8, rank[:3000], records=records, partitions=3)
    assert len(local[0]) > 1000
    assert np.array_equal(shuffled[0], local[0]) and np.array_equal(shuffled[1], local[1])
    some_local = candidate_pairs(signatures, 16, 8, rank[:3000], records=records)
    assert len(some_local[0]) > 100
    assert np.array_equal(some[0], some_local[0]) and np.array_equal(some[1], some_local[1])



SIGNAL_AT_BIRTH = """
import os, signal
from corpus_tools import executors

real_init = executors._init_worker

def init_after_a_ctrl_c(shared, parent):
    os.kill(os.getpid(), signal.SIGINT)  # as if the process group got Ctrl-C the moment this worker was forked
    real_init(shared, parent)

def double(shared, item):
    return item * 2

executors._init_worker = init_after_a_ctrl_c
print(list(executors.ProcessPool(2).map_ordered(double, None, range(6))))
"""


def test_a_ctrl_c_as_a_worker_is_born_does_not_kill_it() -> None:
    """Workers are forked with the stop signals blocked until they ignore them: one killed by a Ctrl-C to the
    process group while holding the task queue's lock hung the pool's shutdown."""
    done = subprocess.run([sys.executable, "-c", SIGNAL_AT_BIRTH], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "[0, 2, 4, 6, 8, 10]\n"


STOP_WHILE_WORKERS_SEND = """
from corpus_tools import executors

def big(shared, item):
    return bytes(4_000_000)  # far more than a pipe holds: a worker sends it for a while, holding the queue's lock

for round in range(20):
    results = executors.ProcessPool(2).map_ordered(big, None, range(40))
    next(results)
    results.close()  # the consumer stops, as a Ctrl-C or an error downstream makes it
print("stopped")
"""


STOP_WHILE_A_BATCH_NEVER_ENDS = """
import time
from corpus_tools import executors

def stuck(shared, item):
    time.sleep(600 if item == 1 else 0)
    return item

executors.STOP_WAIT = 1.0
started = time.monotonic()
results = executors.ProcessPool(2).map_ordered(stuck, None, range(8))
next(results)
results.close()  # Ctrl-C while a batch runs on and on
print(round(time.monotonic() - started) < 30)
"""


def test_a_pool_stopped_while_a_batch_never_ends_stops_that_worker() -> None:
    done = subprocess.run([sys.executable, "-c", STOP_WHILE_A_BATCH_NEVER_ENDS], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert (done.returncode, done.stdout) == (0, "True\n"), done.stderr[-2000:]


def test_a_pool_stopped_while_its_workers_send_results_shuts_down() -> None:
    """Pool.terminate killed a worker in the middle of sending a result, holding the result queue's lock, and
    the pool's shutdown then waited for that lock forever (Ctrl-C hung 2% of runs)."""
    done = subprocess.run([sys.executable, "-c", STOP_WHILE_WORKERS_SEND], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "stopped\n"


@pytest.mark.parametrize("address", ["tcp://host:notaport", "tcp://[::1", "bogus://host:1"])
def test_a_scheduler_address_that_is_none_is_a_clean_error(address: str) -> None:
    result = invoke(["--engine", "dask", "--scheduler", address, "normalize"], input='{"id": "a", "text": "x"}\n')
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: --scheduler {address}: not a scheduler's")


def slow_double(_shared: None, item: int) -> int:
    time.sleep(0.05)
    return item * 2


def test_workers_do_not_hold_the_runs_locks(tmp_path: Path) -> None:
    """A worker that outlived a killed run kept its output locked: workers close the locks they inherit."""
    import fcntl
    import os

    from corpus_tools.io import commit
    from corpus_tools.io.commit import RunLock

    lock = RunLock(str(tmp_path / "out"))
    results = ProcessPool(2).map_ordered(slow_double, None, range(40))
    assert next(results) == 0  # the workers are up, forked while the lock was held
    fd = lock._fd
    assert fd is not None
    getattr(commit, "HELD_LOCKS", set()).discard(fd)
    os.close(fd)  # the main process lets go without removing the file, as a killed one does
    lock._fd = None
    probe = os.open(lock.path, os.O_RDWR)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if a worker still holds it
    finally:
        os.close(probe)
        results.close()


MAIN_KILLED = """
import os, signal, time
from corpus_tools import executors

def slow(shared, item):
    time.sleep(3)  # long enough that the workers are mid-batch when the main process dies
    return os.getpid()

results = executors.ProcessPool(2).map_ordered(slow, None, range(20))
print(next(results), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the out-of-memory killer, while both workers hold batches
"""


def test_workers_end_quietly_with_a_killed_main_process() -> None:
    """Orphaned workers computed on and each printed a broken pipe's traceback when they sent their result."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MAIN_KILLED], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]  # the pipes closed: every worker has ended
    assert time.monotonic() - started < 30


def _processes() -> dict[int, tuple[int, int]]:
    """Each live process's parent and session, by pid."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[int(entry)] = (int(fields[1]), int(fields[3]))
    return found


def _start_dask_run(tmp_path: Path) -> subprocess.Popen[bytes]:
    """A dask run in a process group of its own, with batches in flight on its workers."""
    many = [{"id": f"r{i}", "text": f"Story {i} of the harbour day. " * 30} for i in range(20000)]
    process = start_writing_run(["--engine", "dask", "--workers", "2", "read", "-", "normalize", "strip"], many,
                                tmp_path / "out")
    time.sleep(2)
    return process


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc and process groups")
def test_ctrl_c_to_the_process_group_stops_a_dask_run_without_worker_tracebacks(tmp_path: Path) -> None:
    process = _start_dask_run(tmp_path)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole group
    try:
        assert process.wait(60) == 130
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.stderr is not None and process.stdin is not None
    stderr = process.stderr.read().decode()
    process.stdin.close()
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.endswith("no output was written.\n"), stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc and process groups")
def test_the_local_dask_cluster_stops_when_its_run_is_killed(tmp_path: Path) -> None:
    process = _start_dask_run(tmp_path)
    clusters = [pid for pid, (parent, session) in _processes().items() if parent == process.pid and session == pid]
    assert len(clusters) == 1  # the run's one child in a session of its own
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while any(session == clusters[0] for _parent, session in _processes().values()):
        assert time.monotonic() < deadline, "the cluster outlived its run"
        time.sleep(0.1)
