"""Commits that leave every output old or new, never half: run locks, one journal per commit, and the
recovery of what dead runs left behind.

A run holds a lock beside each directory it will change (`.NAME.lock`, an flock the kernel drops when the
process dies, however it dies). It prepares everything in staging directories beside the targets, then:

    1. writes a pointer beside each index and side file it changes (`.NAME.pending.json`, naming the journal),
    2. writes the journal beside the output (`.NAME.commit.json`): the commit point,
    3. swaps the output into place, moves each index's new segment and header in, and each side file (a
       manifest copy, an audit file outside the output) over the old one,
    4. removes the pointers, then the journal.

A run killed before step 2 leaves staging only, which the next run removes. A run killed after it leaves a
journal, and the next run that locks the output or an index finishes the steps it names; each step checks
whether it is done already, so finishing twice is the same as finishing once.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import orjson

from corpus_tools.errors import OutputError

MANIFEST = "manifest.json"
INDEX_HEADER = "index.json"
"""A dedup index's header, which names its segments (`dedup.index`)."""


def sibling(target: str, suffix: str) -> str:
    """A hidden name beside `target`: `.NAME<suffix>` in the same directory."""
    target = os.path.normpath(os.path.abspath(target))
    return os.path.join(os.path.dirname(target), f".{os.path.basename(target)}{suffix}")


class RunLock:
    """An exclusive lock on a directory a run will change, held until the run commits or gives up.

    A held lock means a live run; a free one means whatever staging a run left beside the target is a
    dead run's, safe to remove or finish."""

    def __init__(self, target: str) -> None:
        self.target = target
        # Named after the real path: two runs that reach one directory through a link must meet at one lock.
        self.path = sibling(os.path.realpath(target), ".lock")
        self._fd: int | None = None
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as err:
                raise OutputError(f"{target}: cannot write beside it ({err.strerror})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = os.read(fd, 32).decode("ascii", errors="replace").strip()
                os.close(fd)
                who = f" (pid {owner})" if owner.isdigit() else ""
                raise OutputError(f"{target} is in use by another run{who}; wait for it to finish or choose "
                                  f"another directory") from None
            # The previous holder removes the file as it lets go: hold the lock of the file that is there now.
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                current = False
            if current:
                break
            os.close(fd)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError as err:  # a disk so full that the lock's few bytes do not fit
            os.close(fd)
            raise OutputError(f"{target}: cannot write beside it ({err.strerror})") from None
        self._fd = fd
        HELD_LOCKS.add(fd)

    @classmethod
    def try_take(cls, target: str) -> RunLock | None:
        try:
            return cls(target)
        except OutputError:
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        with suppress(FileNotFoundError):
            os.unlink(self.path)
        HELD_LOCKS.discard(self._fd)
        os.close(self._fd)
        self._fd = None


HELD_LOCKS: set[int] = set()
"""The descriptors of the locks this process holds. A forked worker inherits them, and with them the lock: one
that outlived a killed run kept its output and index locked. Workers close them as they start."""


def write_atomically(path: str, data: bytes) -> None:
    """Write a small file whole or not at all, durably, before anything relies on it."""
    # The journal and pointers have hidden names already; their temporaries share the name as a prefix.
    handle, temporary = tempfile.mkstemp(prefix=f"{os.path.basename(path)}-", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def manifest_digest(directory: str) -> str | None:
    """The sha256 of a directory's manifest: what tells the new output from the old one."""
    try:
        with open(os.path.join(directory, MANIFEST), "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _exchange(first: str, second: str) -> bool:
    """Swap two directories in one step (Linux renameat2); False where the system cannot."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if function(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), second)


def finish_output(part: dict[str, str]) -> None:
    """Put the staged output in place, unless it is there already, and remove the old one."""
    _swap_output(part)
    # After a swap the staging name holds the old output.
    for leftover in (part["staging"], part["old"]):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap_output(part: dict[str, str]) -> None:
    """The one step that changes what the output directory is; it either happens or leaves all as it was."""
    final, staging, old, digest = part["final"], part["staging"], part["old"], part["digest"]
    if manifest_digest(final) == digest:
        return
    if manifest_digest(staging) != digest:
        raise OutputError(f"{final}: the output staged by an interrupted run is gone (was {staging}); delete "
                          f"{sibling(final, '.commit.json')} to give up its commit")
    if not os.path.exists(final):
        os.rename(staging, final)
    elif not _exchange(staging, final):
        os.rename(final, old)
        try:
            os.rename(staging, final)
        except BaseException:
            os.rename(old, final)
            raise


def finish_file(part: dict[str, str]) -> None:
    """Move a staged side file over its target, unless moved already, and remove its staging directory."""
    staged = part["staged"]
    if os.path.exists(staged):
        os.replace(staged, part["final"])
    shutil.rmtree(os.path.dirname(staged), ignore_errors=True)


def finish_index(part: dict[str, str]) -> None:
    """Move a staged segment and header into an index, each only if not moved yet."""
    directory, staging, name = part["directory"], part["staging"], part["segment"]
    os.makedirs(directory, exist_ok=True)
    segment = os.path.join(staging, name)
    if os.path.isdir(segment):
        target = os.path.join(directory, name)
        if os.path.exists(target):
            # Nothing refers to it: the header still lists the segments before it.
            shutil.rmtree(target)
        os.rename(segment, target)
    header = os.path.join(staging, INDEX_HEADER)
    if os.path.exists(header):
        os.replace(header, os.path.join(directory, INDEX_HEADER))
    shutil.rmtree(staging, ignore_errors=True)


def commit(output: dict[str, str] | None, indexes: list[dict[str, str]], journal_path: str | None,
           files: list[dict[str, str]] | None = None) -> None:
    """Make the staged output, index segments and side files live together (the caller holds every lock)."""
    journal = {"output": output, "indexes": indexes, "files": files or []}
    if output is None or journal_path is None:
        for _, _, finish, part in _pointed(journal):
            finish(part)
        return
    try:
        for target, staging, _, _ in _pointed(journal):
            write_atomically(sibling(target, ".pending.json"),
                             orjson.dumps({"journal": journal_path, "staging": staging}))
        write_atomically(journal_path, orjson.dumps(journal))
        _swap_output(output)
    except BaseException:
        # Nothing moved: the old output, indexes and side files stay, and the journal must go. Past this point a
        # failure leaves the journal, and the next run finishes what it names.
        _forget(journal_path, journal)
        raise
    try:
        _finish_journal(journal_path, journal, lambda _: True)
    except OSError as err:
        raise OutputError(f"{output['final']}: the new output is in place, but its commit could not be finished "
                          f"({err.strerror}); the next run on it or on its index finishes it") from None


def _forget(journal_path: str, journal: dict[str, Any]) -> None:
    for target, _, _, _ in _pointed(journal):
        with suppress(FileNotFoundError):
            os.unlink(sibling(target, ".pending.json"))
    with suppress(FileNotFoundError):
        os.unlink(journal_path)


def _pointed(journal: dict[str, Any]) -> list[tuple[str, str, Callable[[dict[str, str]], None], dict[str, str]]]:
    """The indexes and side files a journal names, each with a pointer beside it: (target, its staging, what
    finishes it, its part of the journal)."""
    return ([(part["directory"], part["staging"], finish_index, part) for part in journal["indexes"]]
            + [(part["final"], os.path.dirname(part["staged"]), finish_file, part)
               for part in journal.get("files", [])])


def _finish_journal(journal_path: str, journal: dict[str, Any], may_change: Callable[[str], bool]) -> None:
    """Finish what a journal names where `may_change(directory)`; the journal goes once all of it is done."""
    done = True
    output = journal["output"]
    if may_change(output["final"]):
        finish_output(output)
    else:
        done = False
    for target, _, finish, part in _pointed(journal):
        if may_change(target):
            finish(part)
            with suppress(FileNotFoundError):
                os.unlink(sibling(target, ".pending.json"))
        else:
            done = False
    if done:
        with suppress(FileNotFoundError):
            os.unlink(journal_path)


@contextmanager
def _other_locks(held: str) -> Iterator[Callable[[str], bool]]:
    """A test for which directories this recovery may change: the one whose lock it holds, and others
    whose lock it can take (a live run holding one finishes that part itself)."""
    taken: dict[str, RunLock | None] = {}

    def may_change(directory: str) -> bool:
        if os.path.normpath(os.path.abspath(directory)) == os.path.normpath(os.path.abspath(held)):
            return True
        if directory not in taken:
            taken[directory] = RunLock.try_take(directory)
        return taken[directory] is not None

    try:
        yield may_change
    finally:
        for lock in taken.values():
            if lock is not None:
                lock.release()


def _load(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            loaded: dict[str, Any] = orjson.loads(handle.read())
            return loaded
    except (OSError, orjson.JSONDecodeError):
        return None


def recover_output(final: str) -> list[str]:
    """With the output's lock held: finish a commit a dead run began, then remove what dead runs left
    (staging and old copies). Returns the names removed or finished, for a warning."""
    found = []
    journal_path = sibling(final, ".commit.json")
    journal = _load(journal_path)
    if journal is not None:
        with _other_locks(final) as may_change:
            _finish_journal(journal_path, journal, may_change)
        found.append(f"finished the commit of an interrupted run ({os.path.basename(journal_path)})")
    elif os.path.exists(journal_path):
        os.unlink(journal_path)  # torn before its rename: the commit never began
    for pattern in (".partial-*", ".old-*", ".commit.json-*"):
        for leftover in sorted(glob.glob(glob.escape(sibling(final, "")) + pattern)):
            _remove(leftover)
            found.append(os.path.basename(leftover))
    return found


def _remove(path: str) -> None:
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(FileNotFoundError):
            os.unlink(path)


def recover_file(path: str) -> list[str]:
    """With a side file's lock held: finish the commit a dead run's journal names, else remove what dead runs
    staged beside it. Returns the names finished or removed, for a warning."""
    journal = _recover_pointed(path)
    found = [f"finished the commit of an interrupted run ({os.path.basename(journal)})"] if journal else []
    for leftover in _leftovers(path, (".partial-*", ".pending.json-*")):
        _remove(leftover)
        found.append(os.path.basename(leftover))
    return found


def recover_index(directory: str) -> None:
    """With the index's lock held: finish or undo the commit a dead run left, then remove its staging."""
    _recover_pointed(directory)
    for leftover in _leftovers(directory, ("-staging-*", ".pending.json-*")):
        _remove(leftover)


def _recover_pointed(target: str) -> str | None:
    """With `target`'s lock held: finish the commit whose journal its pointer names, or remove what the pointer
    staged when that commit never began; then the pointer goes. The journal finished, if any."""
    pointer_path = sibling(target, ".pending.json")
    pointer = _load(pointer_path)
    finished = None
    if pointer is not None:
        journal = _load(pointer["journal"])
        if journal is not None:
            with _other_locks(target) as may_change:
                _finish_journal(pointer["journal"], journal, may_change)
            finished = pointer["journal"]
        else:
            shutil.rmtree(pointer["staging"], ignore_errors=True)  # never committed
    with suppress(FileNotFoundError):
        os.unlink(pointer_path)
    return finished


def _leftovers(target: str, patterns: tuple[str, ...]) -> list[str]:
    return [found for pattern in patterns for found in sorted(glob.glob(glob.escape(sibling(target, "")) + pattern))]


def pending_commit(target: str) -> bool:
    """Whether a dead run's commit of `target` (an output directory, or a side file or index it named) is
    unfinished: its journal, or a pointer to one, is still there."""
    pointer = _load(sibling(target, ".pending.json"))
    return os.path.exists(sibling(target, ".commit.json")) or (
        pointer is not None and os.path.exists(str(pointer.get("journal", ""))))


def is_index(directory: str) -> bool:
    """Whether a directory is a dedup index (its header names its segments), so that it is not read as a corpus."""
    try:
        with open(os.path.join(directory, INDEX_HEADER), "rb") as handle:
            header = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(header, dict) and "segments" in header and "num_perm" in header
