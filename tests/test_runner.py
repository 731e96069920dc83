"""A whole run as one commit: the output, its side files and `dedup --index` appear together or not at all;
a run never overwrites what it reads; concurrent runs, SIGTERM and dead runs' leftovers."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from corpus_tools import runner as runner_module
from corpus_tools.io import commit as commit_module
from corpus_tools.io.commit import RunLock
from corpus_tools.io.split import SplitWriter
from corpus_tools.io.writer import StagingDir
from tests.conftest import invoke, parse_jsonl, start_writing_run, to_jsonl
from tests.dedup_helpers import record, story

BATCH = [record(f"day1-{i}", story(i), date="2024-03-01") for i in range(4)]


def write_batch(tmp_path: Path, name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(to_jsonl(BATCH))
    return path


def index_records(index: Path) -> int:
    result = invoke(["index", "stats", "--json", str(index)])
    assert result.exit_code == 0, result.stderr
    records: int = json.loads(result.stdout)["records"]
    return records


def tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("option", ["--manifest", "--rejects"])
def test_a_side_file_in_a_missing_directory_is_refused_before_the_run(tmp_path: Path, option: str) -> None:
    batch = write_batch(tmp_path)
    target = tmp_path / "nodir" / "f.json"
    result = invoke([option, str(target), "--on-error", "skip", "read", str(batch), "write", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: no such directory {tmp_path / 'nodir'}; create it first\n"
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl"]


def test_a_read_only_output_parent_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    batch = write_batch(tmp_path)

    def read_only(*args: Any, **kwargs: Any) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    result = invoke(["read", str(batch), "write", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'out'}: cannot write beside it (Permission denied)\n"
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl"]


def test_the_progress_total_skips_what_has_no_size(tmp_path: Path) -> None:
    from corpus_tools.runner import input_bytes

    write_batch(tmp_path)
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    assert input_bytes([str(tmp_path)]) == len(to_jsonl(BATCH).encode())


def test_a_run_that_fails_at_the_end_does_not_commit_the_index(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    index, out = tmp_path / "idx", tmp_path / "out1"
    result = invoke(["--manifest", str(tmp_path / "nodir" / "m.json"), "read", str(batch), "dedup", "--index",
                     str(index), "write", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nodir' / 'm.json'}: no such directory {tmp_path / 'nodir'}; " \
                            f"create it first\n"
    assert not out.exists() and not index.exists()
    result = invoke(["read", str(batch), "dedup", "--index", str(index), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(parse_jsonl((out / "part-00000.jsonl").read_text())) == 4
    assert index_records(index) == 4


def test_an_interrupted_split_leaves_the_index_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = write_batch(tmp_path)
    index = tmp_path / "idx"
    assert invoke(["read", str(batch), "dedup", "--index", str(index)]).exit_code == 0
    before = tree(index)
    more = tmp_path / "more.jsonl"
    more.write_text(to_jsonl([record(f"day2-{i}", story(i + 10), date="2024-03-02") for i in range(3)]))

    def interrupted(self: SplitWriter) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(SplitWriter, "close", interrupted)
    result = invoke(["read", str(more), "dedup", "--index", str(index), "--mode", "mark", "split",
                     str(tmp_path / "s"), "--by", "date", "--cutoff", "2024-03-01"])
    assert result.exit_code == 130
    assert "no output was written" in result.stderr
    assert tree(index) == before and not (tmp_path / "s").exists()
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl", "idx", "more.jsonl"]


def test_a_failed_output_swap_keeps_the_old_output_and_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = write_batch(tmp_path)
    index, out = tmp_path / "idx", tmp_path / "out"
    assert invoke(["read", str(batch), "dedup", "--index", str(index), "write", str(out)]).exit_code == 0
    old_out, old_index = tree(out), tree(index)
    more = tmp_path / "more.jsonl"
    more.write_text(to_jsonl([record("new", story(30))]))
    real_rename = os.rename

    def failing_rename(source: Any, target: Any) -> None:
        if ".partial-" in str(source) and str(target) == str(out):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(commit_module, "_exchange", lambda first, second: False)
    monkeypatch.setattr(os, "rename", failing_rename)
    result = invoke(["read", str(more), "dedup", "--index", str(index), "write", str(out), "--force"])
    assert result.exit_code == 1
    assert tree(out) == old_out and tree(index) == old_index
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl", "idx", "more.jsonl", "out"]


def test_a_second_run_on_the_same_output_stops_at_once(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    out = tmp_path / "out"
    lock = RunLock(str(out))
    try:
        result = invoke(["read", str(batch), "write", str(out)])
    finally:
        lock.release()
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out} is in use by another run (pid {os.getpid()}); wait for it to finish " \
                            f"or choose another directory\n"
    assert not out.exists()


def test_an_output_made_by_someone_else_during_the_run_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    staging = StagingDir(str(out), force=False)
    Path(staging.path, "manifest.json").write_text("{}")
    out.mkdir()
    (out / "theirs.txt").write_text("theirs")
    with pytest.raises(Exception, match="appeared while this run went on"):
        staging.commit()
    staging.abort()
    assert tree(out) == {"theirs.txt": b"theirs"}


def test_an_index_in_use_by_another_run_is_refused(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    lock = RunLock(str(tmp_path / "idx"))
    try:
        result = invoke(["read", str(batch), "dedup", "--index", str(tmp_path / "idx")])
    finally:
        lock.release()
    assert result.exit_code == 1 and "is in use by another run" in result.stderr


def test_write_force_refuses_an_output_that_holds_the_input(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    batch = write_batch(data)
    for source in (data, batch):
        result = invoke(["read", str(source), "write", str(data), "--force"])
        assert result.exit_code == 2
        assert "the output directory is or holds the input" in result.stderr
    assert batch.read_text() == to_jsonl(BATCH)


FERRY = "The harbour board agreed on Tuesday to raise ferry fees by a tenth from March, as fuel costs doubled."
DROPPED = [{"id": "blank", "text": "   "}, {"id": "ferry", "text": FERRY}, {"id": "copy", "text": FERRY},
           {"id": "prompt", "text": "Click here to subscribe to our newsletter."},
           {"id": "french", "text": "Le conseil du port a décidé mardi d'augmenter les tarifs du ferry d'un dixième."}]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_drops_lists_every_dropped_record_as_the_manifest_counts_them(tmp_path: Path, workers: str) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(to_jsonl(DROPPED))
    out = tmp_path / "out"
    result = invoke(["--workers", workers, "--drops", str(out / "drops.jsonl"), "read", str(batch), "normalize",
                     "strip", "langid", "--languages", "en", "dedup", "write", str(out)])
    assert result.exit_code == 0, result.stderr
    drops = parse_jsonl((out / "drops.jsonl").read_text())
    assert drops == [{"id": "blank", "stage": "normalize", "reason": "empty"},
                     {"id": "prompt", "stage": "strip", "reason": "empty_after_strip"},
                     {"id": "french", "stage": "langid", "reason": "language"},
                     {"id": "ferry", "stage": "dedup", "reason": "duplicate_exact"}]
    manifest = json.loads((out / "manifest.json").read_text())
    counted = sum(sum(stage.get("dropped", {}).values()) for stage in manifest["stages"])
    assert counted == len(drops)
    audit = manifest["write"]["audit"][0]
    assert (audit["path"], audit["records"]) == ("drops.jsonl", 4)


def test_a_side_file_named_through_a_stream_that_is_a_file_is_refused(tmp_path: Path) -> None:
    """`--drops /dev/stdout > out.jsonl` renamed the drops over out.jsonl, and the records written there were gone."""
    out = tmp_path / "out.jsonl"
    with out.open("wb") as handle:
        done = subprocess.run([sys.executable, "-m", "corpus_tools", "--drops", "/dev/stdout", "normalize"],
                              input=to_jsonl(DROPPED).encode(), stdout=handle, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 2
    assert b"--drops names the file" in done.stderr and b"through a stream's name" in done.stderr
    piped = subprocess.run([sys.executable, "-m", "corpus_tools", "--drops", "/dev/stdout", "normalize"],
                           input=to_jsonl(DROPPED).encode(), capture_output=True, timeout=60)
    assert piped.returncode == 0 and b'"reason":"empty"' in piped.stdout  # a pipe is written in place, as before


def test_drops_are_written_with_the_corpus_or_not_at_all(tmp_path: Path) -> None:
    drops = tmp_path / "drops.jsonl"
    result = invoke(["--drops", str(drops), "normalize"], input=to_jsonl(DROPPED[:2]) + "{not json\n")
    assert result.exit_code == 1
    assert not drops.exists()


def test_rejects_and_manifest_may_not_name_an_input(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    for option in ("--rejects", "--manifest", "--drops"):
        args = ["--on-error", "skip", option, str(batch), "read", str(batch)]
        result = invoke(args if option == "--rejects" else args[2:])
        assert result.exit_code == 2 and f"{option} is or holds the input" in result.stderr
    assert batch.read_text() == to_jsonl(BATCH)


@pytest.mark.parametrize(("args", "message"), [
    (["strip", "--removed", "{out}/part-00000.jsonl"], "--removed is a file the output directory's writer makes"),
    (["strip", "--removed", "{out}/manifest.json"], "--removed is a file the output directory's writer makes"),
    (["dedup", "--clusters", "{out}/rejects.jsonl"], "--clusters is a file the output directory's writer makes"),
    (["strip", "--removed", "{out}/same.jsonl", "dedup", "--clusters", "{out}/same.jsonl"],
     "--removed and --clusters both name this file"),
])
def test_a_side_file_that_another_output_would_overwrite_is_refused(tmp_path: Path, args: list[str],
                                                                    message: str) -> None:
    batch = write_batch(tmp_path)
    out = tmp_path / "out"
    stages = [arg.format(out=out) for arg in args]
    result = invoke(["--on-error", "skip", "read", str(batch), *stages, "write", str(out)])
    assert result.exit_code == 2 and message in result.stderr
    assert not out.exists()
    rejects = invoke(["--on-error", "skip", "--rejects", str(out / "part-00000.jsonl"), "read", str(batch),
                      "write", str(out)])
    assert rejects.exit_code == 2 and "--rejects is a file the output directory's writer makes" in rejects.stderr


def test_a_failed_run_leaves_an_existing_removed_file_as_it_was(tmp_path: Path) -> None:
    removed = tmp_path / "removed.jsonl"
    removed.write_text("kept from the last run\n")
    result = invoke(["strip", "--removed", str(removed)], input=to_jsonl(BATCH) + "{not json\n")
    assert result.exit_code == 1
    assert removed.read_text() == "kept from the last run\n"
    assert sorted(os.listdir(tmp_path)) == ["removed.jsonl"]


def test_rejects_inside_a_replaced_output_survive_the_replacement(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(to_jsonl(BATCH) + "{not json\n")
    out = tmp_path / "out"
    assert invoke(["--on-error", "skip", "read", str(batch), "write", str(out)]).exit_code == 0
    result = invoke(["--on-error", "skip", "--rejects", str(out / "x.jsonl"), "read", str(batch), "write",
                     str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert f"written to {out / 'x.jsonl'}" in result.stderr
    assert parse_jsonl((out / "x.jsonl").read_text())[0]["raw"] == "{not json"


def test_leftovers_of_dead_runs_are_removed_and_reported(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    (tmp_path / ".out.partial-abc123").mkdir()
    (tmp_path / ".out.partial-abc123" / "part-00000.jsonl").write_text("half\n")
    (tmp_path / ".out.old-def456" / "previous").mkdir(parents=True)
    result = invoke(["read", str(batch), "write", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "cleaned up after an interrupted run: .out.partial-abc123, .out.old-def456" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl", "out"]


def test_a_journal_left_between_the_two_renames_is_finished(tmp_path: Path) -> None:
    """A run killed after `out` moved aside and before the new output moved in: the next run completes it."""
    out = tmp_path / "out"
    (out).mkdir()
    (out / "manifest.json").write_text("old")
    staging = tmp_path / ".out.partial-x"
    staging.mkdir()
    (staging / "manifest.json").write_text("new")
    old = tmp_path / ".out.old-y"
    out.rename(old)
    journal = {"output": {"final": str(out), "staging": str(staging), "old": str(old),
                          "digest": commit_module.manifest_digest(str(staging))}, "indexes": []}
    (tmp_path / ".out.commit.json").write_bytes(json.dumps(journal).encode())
    lock = RunLock(str(out))
    try:
        found = commit_module.recover_output(str(out))
    finally:
        lock.release()
    assert found == ["finished the commit of an interrupted run (.out.commit.json)"]
    assert (out / "manifest.json").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_sigterm_is_handled_like_ctrl_c(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "corpus_tools", "read", "-", "write", str(out)],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(to_jsonl(BATCH).encode())
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not any(name.startswith(".out.partial-") for name in os.listdir(tmp_path)):
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 143
    stderr = process.stderr.read().decode()
    process.stdin.close()
    assert "no output was written" in stderr and "Traceback" not in stderr
    assert os.listdir(tmp_path) == []


def test_disk_full_is_a_one_line_error_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_tools.io.writer import ShardWriter

    batch = write_batch(tmp_path)

    def full(self: ShardWriter, record: dict[str, Any]) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / ".out.partial-x" / "part-00000.jsonl"))

    monkeypatch.setattr(ShardWriter, "write", full)
    result = invoke(["read", str(batch), "write", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / '.out.partial-x' / 'part-00000.jsonl'}: No space left on device\n"
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl"]


def test_too_many_workers_are_capped_with_a_warning() -> None:
    result = invoke(["--workers", "100000", "normalize"], input=to_jsonl(BATCH[:1]))
    assert result.exit_code == 0
    cap = 4 * (os.cpu_count() or 1)
    assert result.stderr == f"Warning: --workers 100000 is more than 4 per core; using {cap}\n"


def test_an_interrupt_after_records_went_to_stdout_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_tools.stages.normalize import Normalize

    original = Normalize.process
    seen = []

    def interrupted(self: Normalize, record: dict[str, Any], counts: Any) -> Any:
        seen.append(record["id"])
        if len(seen) == 3:
            raise KeyboardInterrupt
        return original(self, record, counts)

    monkeypatch.setattr(Normalize, "process", interrupted)
    result = invoke(["--workers", "1", "normalize"], input=to_jsonl(BATCH))
    assert result.exit_code == 130
    assert result.stderr == "Interrupted after 2 records went to stdout; they stay partial, and nothing else " \
                            "(index, side files) was changed.\n"


def test_sigterm_stops_worker_processes_without_tracebacks(tmp_path: Path) -> None:
    many = [{"id": f"r{i}", "text": f"Story {i} of the day."} for i in range(2000)]
    process = start_writing_run(["--workers", "2", "read", "-", "normalize"], many, tmp_path / "out", timeout=30)
    assert process.stdin is not None and process.stderr is not None
    time.sleep(0.5)  # let the pool start
    os.killpg(process.pid, signal.SIGTERM)  # as a terminal or a scheduler does: the whole group
    try:
        assert process.wait(30) == 143
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    stderr = process.stderr.read().decode()
    process.stdin.close()
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert os.listdir(tmp_path) == []


def test_a_row_lost_inside_the_reader_fails_the_run_instead_of_balancing(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_tools.io.readers import Reader

    source = tmp_path / "in.csv"
    source.write_text("id,text\n" + "".join(f"r{i},Story {i}.\n" for i in range(5)))
    original = Reader._unique_id

    def loses_one(self: Reader, record: dict[str, Any], *where: Any) -> Any:
        return None if record["id"] == "r2" else original(self, record, *where)

    monkeypatch.setattr(Reader, "_unique_id", loses_one)
    result = invoke(["read", str(source), "write", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: records do not balance, so some were lost: {'input_records': 5, "
                                    "'written': 4,")
    assert sorted(os.listdir(tmp_path)) == ["in.csv"]


def test_a_signal_during_the_commit_waits_for_it_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = write_batch(tmp_path)
    index, out = tmp_path / "idx", tmp_path / "out"
    real_finish_index = commit_module.finish_index

    def terminated_midway(part: dict[str, str]) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # between the output swap and the index
        real_finish_index(part)

    monkeypatch.setattr(commit_module, "finish_index", terminated_midway)
    result = invoke(["read", str(batch), "dedup", "--index", str(index), "write", str(out)])
    assert result.exit_code == 143
    assert result.stderr == "Interrupted as the run ended; its output (4 records) was committed first.\n"
    assert index_records(index) == 4 and len((out / "part-00000.jsonl").read_text().splitlines()) == 4
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl", "idx", "out"]


def test_a_signal_inside_python_s_locks_or_finalizers_is_raised_at_the_next_checkpoint() -> None:
    interrupts = runner_module._Interrupts()
    inside = {}
    exec(compile("import sys\nframe = sys._getframe()", threading.__file__, "exec"), inside)  # noqa: S102
    interrupts.handle(signal.SIGTERM, inside["frame"])  # would leave a lock taken, or be swallowed
    assert interrupts.pending == signal.SIGTERM and not interrupts.holding
    with pytest.raises(runner_module.Terminated):
        interrupts.checkpoint()
    again = runner_module._Interrupts()
    again.handle(signal.SIGINT, inside["frame"])
    with pytest.raises(KeyboardInterrupt):
        again.handle(signal.SIGINT, inside["frame"])  # a second Ctrl-C does not wait
    waiting = runner_module._Interrupts()
    waiting.handle(signal.SIGINT, inside["frame"])
    with pytest.raises(KeyboardInterrupt):
        waiting.overdue(signal.SIGALRM, inside["frame"])  # no checkpoint came: a result that never will
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


FINALIZER_CTRL_C = """
import os, signal, sys, multiprocessing.util as util
close_fds, fired = util.close_fds, []
def interrupted_close_fds(*fds):
    if not fired and os.getpid() == MAIN:
        fired.append(1)
        os.kill(MAIN, signal.SIGINT)
    return close_fds(*fds)
MAIN, util.close_fds = os.getpid(), interrupted_close_fds
from corpus_tools.cli.entry import main
sys.argv = ["corpus", *sys.argv[1:]]
sys.exit(main())
"""


def test_a_ctrl_c_while_a_pool_finalizer_runs_stops_the_run(tmp_path: Path) -> None:
    """Raised inside the finalizer, it was printed as "Exception ignored" and lost: the run went on and
    committed."""
    batch = tmp_path / "in.jsonl"
    batch.write_text(to_jsonl([record(f"r{i}", story(i % 40), date="2024-03-01") for i in range(600)]))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", FINALIZER_CTRL_C, "-q", "--workers", "2", "read", str(batch),
                           "normalize", "strip", "dedup", "write", str(out)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 130, done.stderr
    assert "no output was written" in done.stderr and "Exception ignored" not in done.stderr
    assert not out.exists()


KILLED_IN_COMMIT = """
import os, sys
from corpus_tools.io import commit
def killed(part):
    os._exit(137)  # the output swapped in, the side files not yet moved: a kill -9 at that moment
commit.finish_file = killed
from corpus_tools.cli.entry import main
sys.argv = ["corpus", *sys.argv[1:]]
sys.exit(main())
"""


def test_side_files_of_a_run_killed_in_its_commit_are_finished_by_the_next(tmp_path: Path) -> None:
    """They are in the output's commit journal: the corpus never stands beside another run's manifest."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    bylined = [{**r, "text": f"By Jane Marlow\n\n{r['text']}"} for r in BATCH]
    first.write_text(to_jsonl(bylined[:1]))
    second.write_text(to_jsonl(bylined[1:3]))
    out, manifest_copy, removed = tmp_path / "out", tmp_path / "m.json", tmp_path / "removed.jsonl"
    args = ["--manifest", str(manifest_copy), "read", "{input}", "strip", "--removed", str(removed),
            "write", str(out), "--force"]
    assert invoke([arg.replace("{input}", str(first)) for arg in args]).exit_code == 0
    killed = subprocess.run([sys.executable, "-c", KILLED_IN_COMMIT,
                             *[arg.replace("{input}", str(second)) for arg in args]], capture_output=True, timeout=120)
    assert killed.returncode == 137
    assert len(parse_jsonl((out / "part-00000.jsonl").read_text())) == 2  # the new corpus is in place
    later = invoke(["--manifest", str(manifest_copy), "read", str(first), "write", str(tmp_path / "other")])
    assert later.exit_code == 0, later.stderr
    assert "finished the commit of an interrupted run" in later.stderr
    assert json.loads(manifest_copy.read_text())["read"]["files"][0]["path"] == str(first)  # the later run's
    assert {line["id"] for line in parse_jsonl(removed.read_text())} == {r["id"] for r in BATCH[1:3]}
    assert not [name for name in os.listdir(tmp_path) if ".partial-" in name or name.endswith(".pending.json")]


def test_a_side_file_left_staged_by_a_dead_run_is_removed(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    (tmp_path / ".m.json.partial-abc").mkdir()
    (tmp_path / ".m.json.partial-abc" / "m.json").write_text("half")
    result = invoke(["--manifest", str(tmp_path / "m.json"), "read", str(batch)])
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["batch.jsonl", "m.json"]


def test_two_processes_writing_one_new_directory_the_second_stops(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "corpus_tools", "read", "-", "write", str(out)],
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.stdin is not None
    try:
        first.stdin.write(to_jsonl(BATCH[:2]).encode())
        first.stdin.flush()
        deadline = time.monotonic() + 30
        while not (tmp_path / ".out.lock").exists():
            assert time.monotonic() < deadline, "the first run never started"
            time.sleep(0.05)
        second = invoke(["read", "-", "write", str(out)], input=to_jsonl(BATCH[2:]))
        assert second.exit_code == 1
        assert second.stderr.startswith(f"Error: {out} is in use by another run")
        first.stdin.close()
        assert first.wait(30) == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert [r["id"] for r in parse_jsonl((out / "part-00000.jsonl").read_text())] == ["day1-0", "day1-1"]


def test_each_stage_declares_the_options_that_name_its_side_files() -> None:
    from corpus_tools.runner import side_files
    from corpus_tools.stages.conflicts import ConflictsConfig
    from corpus_tools.stages.dedup import DedupConfig
    from corpus_tools.stages.normalize import NormalizeConfig
    from corpus_tools.stages.strip import StripConfig

    assert side_files(StripConfig(removed="out/removed.jsonl")) == [("removed", "out/removed.jsonl")]
    assert side_files(DedupConfig(clusters="c.jsonl", index="seen/")) == [("clusters", "c.jsonl")]
    assert side_files(ConflictsConfig(report="conflicts.jsonl")) == [("report", "conflicts.jsonl")]
    assert side_files(StripConfig()) == side_files(NormalizeConfig()) == []
    assert "side_files" not in json.dumps(dataclasses.asdict(StripConfig()))  # not an option in the manifest


def test_every_side_file_of_a_chain_is_written_with_the_corpus(tmp_path: Path) -> None:
    source = write_batch(tmp_path)
    out = tmp_path / "out"
    result = invoke(["read", str(source), "strip", "--removed", str(out / "removed.jsonl"), "dedup", "--mode",
                     "mark", "--clusters", str(out / "clusters.jsonl"), "conflicts", "--label-field", "date",
                     "--report", str(out / "conflicts.jsonl"), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    assert {"removed.jsonl", "clusters.jsonl", "conflicts.jsonl", "manifest.json"} <= set(os.listdir(out))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--manifest", "/dev/full", "read", "{batch}"],
                                  ["read", "{batch}", "strip", "--removed", "/dev/full"]])
def test_a_full_device_is_named_in_the_error(tmp_path: Path, args: list[str]) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(to_jsonl([{**r, "text": r["text"] + "\n\nAdvertisement"} for r in BATCH]))
    result = invoke([arg.format(batch=batch) for arg in args])
    assert result.exit_code == 1 and result.stderr == "Error: /dev/full: No space left on device\n"


def test_stdout_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    from corpus_tools.runner import _to_stdout

    class Full:
        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match=r"No space left on device: 'stdout'"):
        _to_stdout(Full(), {"id": "a", "text": "x"})  # type: ignore[arg-type]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_rejects_that_cannot_be_written_name_their_file(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "text": "The ferry left."}\n{not json\n')
    result = invoke(["--on-error", "skip", "--rejects", "/dev/full", "read", str(source)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: /dev/full: cannot write the rejects (")


@pytest.mark.parametrize("side", [["strip", "--removed", "{run}/part-00000.jsonl"],
                                  ["dedup", "--clusters", "{run}/other.jsonl"]])
def test_a_side_file_inside_a_directory_the_run_reads_is_refused(tmp_path: Path, side: list[str]) -> None:
    run = tmp_path / "run"
    assert invoke(["read", str(write_batch(tmp_path)), "write", str(run)]).exit_code == 0
    before = {name: (run / name).read_bytes() for name in os.listdir(run)}
    result = invoke(["read", str(run), *[arg.format(run=run) for arg in side], "write", str(tmp_path / "out")])
    assert result.exit_code == 2 and "lies inside the input directory" in result.stderr
    assert {name: (run / name).read_bytes() for name in os.listdir(run)} == before
