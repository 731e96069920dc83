"""`--dry-run` on a command line: the plan on stdout, nothing read, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import invoke


def test_dry_run_lists_inputs_stages_and_outputs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.jsonl").write_text("this line is not even JSON\n")
    (raw / "b.csv").write_text("text\nhello\n")
    (raw / "notes.md").write_text("# notes\n")
    out = tmp_path / "clean"
    result = invoke(["--dry-run", "--on-error", "skip", "read", str(raw), "normalize", "write", str(out),
                     "--compress", "gzip"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [  # the first line repeats the command
        "Inputs:",
        f"  {raw}:",
        f"    {raw / 'a.jsonl'} (jsonl)",
        f"    {raw / 'b.csv'} (csv)",
        f"    {raw / 'notes.md'} (unknown format: skipped)",
        "Stages:",
        "  normalize fix_encoding=True unicode_nfc=True remove_invisible=True whitespace=True html=True markdown=True",
        "Outputs:",
        f"  {out}/ (created when the run succeeds)",
        f"    {out}/part-NNNNN.jsonl.gz, up to 100,000 records each",
        f"    {out}/manifest.json",
        f"  {out / 'rejects.jsonl'} (bad input lines)",
    ]
    assert not out.exists() and sorted(os.listdir(tmp_path)) == ["raw"]


def test_dry_run_names_a_directory_given_with_a_slash_once(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    result = invoke(["--dry-run", "normalize", "write", f"{out}/"], input="")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        f"  {out}/ (created when the run succeeds)",
        f"    {out}/part-NNNNN.jsonl, up to 100,000 records each",
        f"    {out}/manifest.json",
    ]


def test_dry_run_says_what_a_real_run_would_refuse(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    out.mkdir()
    result = invoke(["--dry-run", "read", str(tmp_path / "missing"), "write", str(out)])
    assert result.exit_code == 1  # a check in CI fails as the run would
    assert result.stderr == 'Error: a real run would refuse what the plan marks "would fail"\n'
    assert f"  {tmp_path / 'missing'}: would fail: {tmp_path / 'missing'}: no such file or directory" in result.stdout
    assert f"  {out}: would fail: it exists and --force is not given" in result.stdout


def test_dry_run_without_write_goes_to_stdout(tmp_path: Path) -> None:
    result = invoke(["--dry-run", "normalize"], input='{"id": "a", "text": "x"}\n')
    assert result.exit_code == 0
    assert "  <stdin> (jsonl)" in result.stdout and "  JSONL on stdout" in result.stdout
    assert '"id"' not in result.stdout


def test_dry_run_says_what_becomes_of_a_dedup_index(tmp_path: Path) -> None:
    record = '{"id": "a", "text": "The harbour board met on Tuesday and agreed the new fees for the ferries."}\n'
    index = tmp_path / "seen"
    assert invoke(["-q", "dedup", "--index", str(index), "--num-perm", "64"], input=record).exit_code == 0
    before = sorted(p.name for p in index.iterdir())
    planned = invoke(["--dry-run", "dedup", "--index", str(index), "--num-perm", "64"], input=record).stdout
    assert f"  {index} (dedup --index: 1 records in 1 segment(s); one segment added when the run succeeds)" in planned
    mismatched_run = invoke(["--dry-run", "dedup", "--index", str(index)], input=record)
    mismatched = mismatched_run.stdout
    assert mismatched_run.exit_code == 1 and "would fail: " in mismatched
    assert "the index was built with --num-perm 64, not 128" in mismatched
    fresh = invoke(["--dry-run", "dedup", "--index", str(tmp_path / "new")], input=record).stdout
    assert "(dedup --index: a new index, its first segment added when the run succeeds)" in fresh
    assert sorted(p.name for p in index.iterdir()) == before and not (tmp_path / "new").exists()
