"""The commit protocol under fire: a run of `read | dedup --index | write --force` is killed (SIGKILL or
SIGTERM) at seeded random moments in reading, dedup, staging, the index commit and the output swap; after
each kill the output and the index are both the old state or both the new one, and the next run succeeds."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from corpus_tools.dedup.index import DedupIndex, Segment
from corpus_tools.dedup.table import RecordTable
from corpus_tools.errors import CorpusError
from corpus_tools.io import commit as commit_module
from corpus_tools.io.readers import Reader
from corpus_tools.io.writer import ShardWriter
from tests.conftest import invoke, to_jsonl
from tests.dedup_helpers import record, story

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked run")

KILLS = 36
FIRST = [record(f"a-{i}", story(i), date="2024-03-01") for i in range(6)]
SECOND = [record(f"b-{i}", story(i)[:10]) for i in range(3)] + [record(f"b-new-{i}", story(40 + i)) for i in range(6)]


def _count_calls(owner: Any, name: str, tick: Callable[[], None]) -> None:
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        tick()
        return original(*args, **kwargs)

    setattr(owner, name, counted)


def run_forked(args: list[str], kill_at: int, sig: int, count_file: Path) -> int:
    """Run `corpus ARGS` in a forked child that signals itself at its `kill_at`-th step (0: never) and
    records how many steps it took; returns its exit status (negative: killed by that signal)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        steps = 0

        def tick() -> None:
            nonlocal steps
            steps += 1
            if steps == kill_at:
                os.kill(os.getpid(), sig)

        for owner, name in ((os, "rename"), (os, "replace"), (os, "unlink"), (os, "mkdir"), (os, "fsync"),
                            (shutil, "rmtree"), (commit_module, "write_atomically"), (ShardWriter, "write"),
                            (Reader, "_unique_id"), (RecordTable, "note"), (Segment, "save")):
            _count_calls(owner, name, tick)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        code = 1
        try:
            from corpus_tools.cli.main import cli

            cli.main(args, prog_name="corpus", standalone_mode=True)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            count_file.write_text(str(steps))
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def state(out: Path, index: Path) -> tuple[str, str]:
    """What the output holds (its shards and the manifest's outputs) and what the index holds."""
    shards = {p.name: p.read_bytes() for p in sorted(out.glob("part-*"))}
    assert sorted(os.listdir(out)) == ["manifest.json", *shards], os.listdir(out)
    outputs = json.loads((out / "manifest.json").read_text())["write"]["outputs"]
    files = {str(p.relative_to(index)): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()}
    digest = hashlib.sha256
    return (digest(repr((shards, outputs)).encode()).hexdigest(), digest(repr(files).encode()).hexdigest())


def test_killed_runs_leave_old_or_new_and_the_next_run_succeeds(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(to_jsonl(FIRST))
    second.write_text(to_jsonl(SECOND))
    out, index = tmp_path / "work" / "out", tmp_path / "work" / "idx"
    initial = ["read", str(first), "dedup", "--index", str(index), "write", str(out)]
    again = ["--workers", "1", "read", str(second), "dedup", "--index", str(index), "write", str(out), "--force"]
    assert invoke(initial).exit_code == 0
    saved = tmp_path / "saved"
    shutil.copytree(tmp_path / "work", saved)
    old = state(out, index)
    count_file = tmp_path / "steps"
    assert run_forked(again, 0, signal.SIGKILL, count_file) == 0
    steps = int(count_file.read_text())
    new = state(out, index)
    assert old != new and steps > 20
    # Run again on the new state, it finds every record indexed already: the next run's result then.
    assert invoke(again).exit_code == 0
    after_new = state(out, index)

    rng = random.Random(13)
    outcomes = {"old": 0, "new": 0}
    for attempt in range(KILLS):
        shutil.rmtree(tmp_path / "work")
        shutil.copytree(saved, tmp_path / "work")
        kill_at, sig = rng.randint(1, steps), rng.choice([signal.SIGKILL, signal.SIGTERM])
        status = run_forked(again, kill_at, sig, count_file)
        where = f"kill {attempt}: {signal.Signals(sig).name} at step {kill_at} of {steps}, exit {status}"
        assert status in (0, 143, -signal.SIGKILL, -signal.SIGTERM), where
        # The output alone, before anything recovers: a reader of the directory sees old or new.
        shards_only = state(out, tmp_path / "saved" / "idx")[0]
        assert shards_only in (state(saved / "out", saved / "idx")[0], new[0]), where
        DedupIndex.open(str(index))  # what any later command does first: finish or undo a dead commit
        now = state(out, index)
        assert now in (old, new), where
        outcomes["old" if now == old else "new"] += 1
        result = invoke(again)
        assert result.exit_code == 0, f"{where}: {result.stderr}"
        assert state(out, index) == (new if now == old else after_new), where
        assert sorted(os.listdir(tmp_path / "work")) == ["idx", "out"], where
    assert outcomes["old"] and outcomes["new"], outcomes


def test_the_next_run_reports_the_leftovers_it_removed(tmp_path: Path) -> None:
    source = tmp_path / "first.jsonl"
    source.write_text(to_jsonl(FIRST))
    out = tmp_path / "work" / "out"
    args = ["read", str(source), "write", str(out)]
    # Killed while writing shards: a staging directory is left, and the dead run's (free) lock file.
    assert run_forked(args, 3, signal.SIGKILL, tmp_path / "steps") == -signal.SIGKILL
    assert sorted(name[:13] for name in os.listdir(tmp_path / "work")) == [".out.lock", ".out.partial-"]
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    assert "cleaned up after an interrupted run: .out.partial-" in result.stderr
    assert sorted(os.listdir(tmp_path / "work")) == ["out"]


def test_a_pointer_without_its_journal_is_undone(tmp_path: Path) -> None:
    """Killed after the pointer beside the index and before the journal: the commit never happened."""
    index = tmp_path / "idx"
    index.mkdir()
    (index / "index.json").write_text("old")
    staging = tmp_path / ".idx-staging-x"
    (staging / "seg-000002").mkdir(parents=True)
    (staging / "index.json").write_text("new")
    pointer = {"journal": str(tmp_path / ".out.commit.json"), "staging": str(staging)}
    (tmp_path / ".idx.pending.json").write_text(json.dumps(pointer))
    commit_module.recover_index(str(index))
    assert (index / "index.json").read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["idx"]


def test_a_journal_whose_staged_output_is_gone_says_how_to_give_it_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("other")
    journal = {"output": {"final": str(out), "staging": str(tmp_path / ".out.partial-x"),
                          "old": str(tmp_path / ".out.old-y"), "digest": "0" * 64}, "indexes": []}
    (tmp_path / ".out.commit.json").write_text(json.dumps(journal))
    with pytest.raises(CorpusError, match=r"the output staged by an interrupted run is gone .*; delete .*"
                                          r"\.out\.commit\.json to give up its commit"):
        commit_module.recover_output(str(out))


def test_a_lock_that_does_not_fit_on_the_disk_names_its_target(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commit_module.os, "write", full)
    with pytest.raises(CorpusError, match=r"m\.json: cannot write beside it \(No space left on device\)"):
        commit_module.RunLock(str(tmp_path / "m.json"))
