"""Where batches of work run: in this process, in a local process pool, or on a Dask cluster.

Every executor maps a function over batches and yields the results in input order, with a bounded
number of batches in flight, so output is the same and memory stays flat whatever runs the work.
The function gets a `shared` value (the stages, say) that is sent to each worker once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any, Protocol, TypeVar

from corpus_tools import local_cluster
from corpus_tools.errors import CorpusError
from corpus_tools.io.commit import HELD_LOCKS

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

BatchFn = Callable[[Any, Any], Any]


class Executor(Protocol):
    name: str
    workers: int

    def map_ordered(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InProcess:
    """Runs every batch here; the reference the other executors must match."""

    name = "local"
    workers = 1

    def map_ordered(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(shared, item)

    def close(self) -> None:
        return None


_worker_shared: Any = None
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _init_worker(shared: Any, parent: int) -> None:
    global _worker_shared
    _worker_shared = shared
    _die_with(parent)
    sys.stderr = _WhileParentLives(sys.stderr, parent)
    for fd in list(HELD_LOCKS):  # the main process's run locks are its own to hold
        os.close(fd)
    HELD_LOCKS.clear()
    # Ctrl-C is the main process's to handle: it stops the pool and removes partial output.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM is the main process's to handle too, and a terminal or a scheduler sends it to the whole
    # process group: a worker killed by it while holding a queue lock would hang the pool's shutdown in
    # the main process. Workers leave the group; the main process stops them (with SIGTERM, as Pool does)
    # once it holds the queue locks, and if the main process dies they end with it (`_die_with`).
    os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


PARENT_POLL = 0.2
"""Seconds between a worker's looks at whether its main process is still there."""


def _die_with(parent: int) -> None:
    """A worker ends, quietly, soon after a main process that is killed (kill -9, the out-of-memory killer):
    otherwise it computed on until it sent a result to the gone process, then printed the broken pipe's
    traceback. A thread that watches the parent process, rather than the kernel's parent-death signal, which
    follows the thread that forked the worker and would end a pool made in a thread that ended first."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(0)

    threading.Thread(target=watch, name="corpus-parent-watch", daemon=True).start()


ORPHAN_GRACE = 0.1
"""Seconds a worker's stderr waits before it writes, for a main process killed outright to be seen gone: the
kernel closes a dying process's pipes before it hands its children to another parent."""


class _WhileParentLives:
    """A worker's stderr that says nothing once its main process is gone: a batch that ends in the moment
    before `_die_with` looks again sends its result into a closed pipe, and multiprocessing prints the broken
    pipe's traceback for a run that is over. Workers seldom write, so each write may wait ORPHAN_GRACE."""

    def __init__(self, stream: Any, parent: int) -> None:
        self._stream = stream
        self._parent = parent

    def write(self, text: str) -> int:
        time.sleep(ORPHAN_GRACE)
        return self._stream.write(text) if os.getppid() == self._parent else len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _checked(checkpoint: Callable[[], None], result: R) -> R:
    """A batch's result, once the run's checkpoint has had its say (see `ProcessPool.checkpoint`)."""
    checkpoint()
    return result


def _call_with_shared(fn: BatchFn, item: Any) -> Any:
    return fn(_worker_shared, item)


class ProcessPool:
    """A local pool of processes. Pool.imap would drain the whole input into its task queue; here at
    most two batches per worker are in flight. An input of fewer than two batches runs in-process,
    where a pool would cost more than it saves."""

    name = "local"

    def __init__(self, workers: int, checkpoint: Callable[[], None] = lambda: None) -> None:
        self.workers = workers
        # Called as each batch comes back: where a run raises a Ctrl-C that came while the pool's locks were
        # taken (see `runner._Interrupts`).
        self.checkpoint = checkpoint

    def map_ordered(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        failures: list[CorpusError] = []
        iterator = _until_bad_input(items, failures)
        head = list(islice(iterator, 2))
        if len(head) < 2:
            yield from InProcess().map_ordered(fn, shared, head)
            _raise_first(failures)
            return
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            _preload(shared)
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        # A worker lives with the main process's signal handlers until its initializer runs: a Ctrl-C to the
        # process group in that moment killed it while it held the task queue's lock, and the pool's
        # shutdown then waited for that lock forever. The stop signals stay blocked across the fork (here
        # they wait, pending, until the pool is up) and each worker unblocks them once it ignores them.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            pool = context.Pool(self.workers, initializer=_init_worker, initargs=(shared, os.getpid()))
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            raise
        pending: deque[Any] = deque()
        try:
            # Unblocked inside the block, so that a Ctrl-C that waited stops this pool on its way out.
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            for item in chain(head, iterator):
                pending.append(pool.apply_async(_call_with_shared, (fn, item)))
                if len(pending) >= 2 * self.workers:
                    yield _checked(self.checkpoint, pending.popleft().get())
            while pending:
                yield _checked(self.checkpoint, pending.popleft().get())
        except BaseException:
            _stop_early(pool, pending)
            raise
        pool.terminate()  # every result is in: the workers wait idle for a task that will not come
        _raise_first(failures)

    def close(self) -> None:
        return None


STOP_WAIT = 10.0
"""Seconds a pool stopped early waits for the batches its workers hold (a batch takes about half a second)."""


def _stop_early(pool: Any, pending: deque[Any]) -> None:
    """Stop a pool before its input ended (Ctrl-C, an error, a consumer that stopped reading). Each worker
    finishes the at most two batches it holds, then leaves: Pool.terminate would kill one in the middle of
    sending a result, holding the result queue's lock, and the pool's own shutdown then waits for that lock
    forever. A batch still running after STOP_WAIT is stopped with its worker: it is computing, not sending."""
    pool.close()
    deadline = time.monotonic() + STOP_WAIT
    for result in pending:
        result.wait(max(0.0, deadline - time.monotonic()))
    if all(result.ready() for result in pending):
        pool.join()
    else:
        pool.terminate()


def _preload(shared: Any) -> None:
    """What the shared stages would each load in every worker on first use (a language model costs 0.6 s of
    CPU per process) loads here once instead: forked workers inherit it."""
    for item in shared if isinstance(shared, list) else (shared,):
        preload = getattr(item, "preload", None)
        if callable(preload):
            preload()


class DaskCluster:
    """Batches run as tasks on a Dask distributed cluster; the driver keeps order and the output.

    Without a scheduler address a cluster of `workers` processes is started for the run (`local_cluster`).
    """

    name = "dask"

    def __init__(self, scheduler: str | None, workers: int, checkpoint: Callable[[], None] = lambda: None) -> None:
        self.checkpoint = checkpoint  # as ProcessPool's
        try:
            from dask.distributed import Client
            from distributed.comm.addressing import get_address_host_port
        except ImportError:
            raise CorpusError("--engine dask needs Dask: pip install 'corpus-tools[dask]'") from None

        self._cluster: subprocess.Popen[bytes] | None = None
        if scheduler is None:
            self._cluster, address = local_cluster.start(workers)
            try:
                self.client = Client(address)
                self.client.wait_for_workers(workers)
            except BaseException:
                local_cluster.stop(self._cluster)
                raise
        else:
            try:
                # Read before a client starts: a malformed address then fails in its event loop's thread, which
                # on a loaded machine did not start within distributed's ten seconds and raised no ValueError.
                get_address_host_port(scheduler)
                self.client = Client(scheduler)
            except ValueError as err:
                raise CorpusError(f"--scheduler {scheduler}: not a scheduler's address ({err}); give one as "
                                  f"tcp://HOST:PORT") from None
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def map_ordered(self, fn: Callable[[S, T], R], shared: S, items: Iterable[T]) -> Iterator[R]:
        shared_future = self.client.scatter(shared, broadcast=True)
        failures: list[CorpusError] = []
        pending: deque[Any] = deque()
        for item in _until_bad_input(items, failures):
            pending.append(self.client.submit(fn, shared_future, item, pure=False))
            if len(pending) >= 2 * self.workers:
                yield _checked(self.checkpoint, pending.popleft().result())
        while pending:
            yield _checked(self.checkpoint, pending.popleft().result())
        _raise_first(failures)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            local_cluster.stop(self._cluster)


def make_executor(engine: str, workers: int, scheduler: str | None = None,
                  checkpoint: Callable[[], None] = lambda: None) -> Executor:
    if engine == "dask":
        return DaskCluster(scheduler, workers, checkpoint)
    return ProcessPool(workers, checkpoint) if workers > 1 else InProcess()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    failures: list[CorpusError] = []
    iterator = _until_bad_input(items, failures)
    while batch := list(islice(iterator, size)):
        yield batch
    _raise_first(failures)


def _until_bad_input(items: Iterable[T], failures: list[CorpusError]) -> Iterator[T]:
    """The items up to a bad input line, whose error is kept in `failures`. Raised at once, it would lose
    the partial batch and the batches in flight before it; raised once they are out, a failed run writes
    the same records before its error whatever the number of workers, as one process would."""
    try:
        yield from items
    except CorpusError as err:
        failures.append(err)


def _raise_first(failures: list[CorpusError]) -> None:
    if failures:
        raise failures[0]


def map_batches(executor: Executor, fn: Callable[[S, list[T]], R], shared: S, items: Iterable[T], size: int
                ) -> Iterator[tuple[list[T], R]]:
    """Each batch of `items` beside `fn`'s result on it, in order. The batch stays in this process, so a
    result need carry back only what the batch does not already hold."""
    pulled: deque[list[T]] = deque()

    def batches() -> Iterator[list[T]]:
        for batch in batched(items, size):
            pulled.append(batch)
            yield batch

    for result in executor.map_ordered(fn, shared, batches()):
        yield pulled.popleft(), result
