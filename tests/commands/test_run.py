"""`corpus run RECIPE`: a TOML recipe runs exactly as the command line it stands for."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke, to_jsonl

STORIES = [{"id": f"s{i}", "text": f"The **ferry** timetable changes on day {i}.", "tags": ["ferry"]} for i in range(6)]


def recipe(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pipeline.toml"
    path.write_text(body)
    return path


def source(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(to_jsonl(STORIES))
    return path


def test_recipe_output_equals_the_command_line(tmp_path: Path) -> None:
    src = source(tmp_path)
    path = recipe(tmp_path, f"""
workers = 1

[[step]]
command = "read"
path = "{src}"

[[step]]
command = "normalize"
markdown = false

[[step]]
command = "write"
directory = "{tmp_path / 'from-recipe'}"
shard-size = 4
compress = "zstd"
""")
    result = invoke(["run", str(path)])
    assert result.exit_code == 0, result.stderr
    by_hand = invoke(["--workers", "1", "read", str(src), "normalize", "--no-markdown", "write",
                      str(tmp_path / "by-hand"), "--shard-size", "4", "--compress", "zstd"])
    assert by_hand.exit_code == 0
    for name in ("part-00000.jsonl.zst", "part-00001.jsonl.zst"):
        assert (tmp_path / "from-recipe" / name).read_bytes() == (tmp_path / "by-hand" / name).read_bytes()
    manifest = json.loads((tmp_path / "from-recipe" / "manifest.json").read_text())
    assert manifest["command"] == ["corpus", "--workers", "1", "read", str(src), "normalize", "--no-markdown",
                                   "write", str(tmp_path / "from-recipe"), "--shard-size", "4", "--compress", "zstd"]
    assert manifest["stages"][1]["options"]["markdown"] is False


def test_run_options_before_run_override_the_recipes(tmp_path: Path) -> None:
    """`corpus --workers 1 --manifest m.json --on-error skip run r.toml`: each option the recipe also sets or
    leaves to its default is the command line's."""
    src = source(tmp_path)
    with src.open("a") as handle:
        handle.write("NOT JSON\n")
    path = recipe(tmp_path, f"""
workers = 2
on-error = "fail"

[[step]]
command = "read"
path = "{src}"

[[step]]
command = "write"
directory = "{tmp_path / 'out'}"
""")
    manifest = tmp_path / "m.json"
    result = invoke(["--workers", "1", "--manifest", str(manifest), "--on-error", "skip", "run", str(path)])
    assert result.exit_code == 0, result.stderr
    written = json.loads(manifest.read_text())
    assert written == json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert written["engine"]["workers"] == 1 and written["rejected"]["count"] == 1
    assert written["command"] == ["corpus", "--workers", "2", "--on-error", "fail", "--workers", "1", "--manifest",
                                  str(manifest), "--on-error", "skip", "read", str(src), "write", str(tmp_path / "out")]


def test_dry_run_of_a_recipe_touches_nothing(tmp_path: Path) -> None:
    src = source(tmp_path)
    out = tmp_path / "out"
    path = recipe(tmp_path, f"""
[[step]]
command = "read"
path = "{src}"

[[step]]
command = "dedup"
clusters = "{out / 'clusters.jsonl'}"

[[step]]
command = "write"
directory = "{out}"
format = "parquet"
""")
    result = invoke(["run", str(path), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Command: corpus read {src} dedup --clusters {out / 'clusters.jsonl'} " \
                                            f"write {out} --format parquet"
    assert f"    {src} (jsonl)" in result.stdout
    assert f"    {out}/part-NNNNN.parquet, up to 100,000 records each" in result.stdout
    assert f"  {out / 'clusters.jsonl'} (dedup --clusters)" in result.stdout
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "pipeline.toml"]


def test_unknown_option_names_the_step(tmp_path: Path) -> None:
    path = recipe(tmp_path, '[[step]]\ncommand = "read"\npath = "x.jsonl"\n\n'
                            '[[step]]\ncommand = "strip"\nlarn = true\n')
    result = invoke(["run", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: step 2 (strip): unknown option 'larn'; `corpus strip --help` lists them\n"


def test_unknown_command_and_empty_recipe(tmp_path: Path) -> None:
    path = recipe(tmp_path, '[[step]]\ncommand = "clean"\n')
    result = invoke(["run", str(path)])
    assert result.exit_code == 1 and "step 1: command = 'clean' is not a corpus command" in result.stderr
    empty = recipe(tmp_path, "workers = 2\n")
    result = invoke(["run", str(empty)])
    assert result.exit_code == 1 and "no steps; add a [[step]] table" in result.stderr


def test_a_step_that_is_not_a_table_is_named(tmp_path: Path) -> None:
    recipe = tmp_path / "r.toml"
    recipe.write_text('step = ["read"]\n')
    result = invoke(["run", str(recipe)])
    assert result.exit_code == 1 and "step 1: a step is a [[step]] table" in result.stderr


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = recipe(tmp_path, "[[step]\n")
    result = invoke(["run", str(path)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}: not valid TOML (")


def test_a_recipe_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "utf16.toml"
    path.write_bytes('[[step]]\ncommand = "normalize"\n'.encode("utf-16"))
    result = invoke(["run", str(path)])
    assert result.exit_code == 1 and result.stderr == f"Error: {path}: not UTF-8 text; save the recipe as UTF-8\n"


def test_bad_data_inside_a_recipe_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n')
    path = recipe(tmp_path, f'[[step]]\ncommand = "read"\npath = "{bad}"\n')
    result = invoke(["run", str(path)])
    assert result.exit_code == 1 and f"{bad}:1: missing field 'text'" in result.stderr


def test_misused_option_inside_a_recipe_exits_2(tmp_path: Path) -> None:
    path = recipe(tmp_path, '[[step]]\ncommand = "write"\ndirectory = "out"\ncompress = "lz4"\n')
    result = invoke(["run", str(path)])
    assert result.exit_code == 2 and "'lz4' is not one of" in result.stderr


def test_demo_recipe_is_the_demo_chain() -> None:
    result = invoke(["run", str(ROOT / "docs" / "pipeline.toml"), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Command: corpus --drops out/drops.jsonl read sample_corpus/ normalize strip --removed out/removed.jsonl "
        "filter langid dedup --clusters out/clusters.jsonl write out/ --force")


def test_dry_run_before_run_plans_the_recipe(tmp_path: Path) -> None:
    src = source(tmp_path)
    path = recipe(tmp_path, f'[[step]]\ncommand = "read"\npath = "{src}"\n\n'
                            f'[[step]]\ncommand = "write"\ndirectory = "{tmp_path / "out"}"\n')
    result = invoke(["--dry-run", "run", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Command: corpus read {src} write ")
    assert not (tmp_path / "out").exists()


def test_dry_run_of_a_command_that_runs_alone_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(["--dry-run", "generate", "langid", str(tmp_path / "t.jsonl"), "--count", "3"])
    assert result.exit_code == 2 and "`generate` has no plan to show" in result.stderr
    assert not (tmp_path / "t.jsonl").exists()


def test_a_recipe_path_that_starts_with_a_dash_is_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put on the command line as it was, `-dash.jsonl` was read as options: "No such option: -d"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-dash.jsonl").write_text(to_jsonl(STORIES[:1]))
    path = recipe(tmp_path, '[[step]]\ncommand = "read"\npath = "-dash.jsonl"\n')
    result = invoke(["run", str(path)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "s0"


def test_a_list_where_a_step_takes_one_value_and_one_option_given_twice_are_named(tmp_path: Path) -> None:
    listed = recipe(tmp_path, '[[step]]\ncommand = "read"\npath = ["a.jsonl", "b.jsonl"]\n')
    result = invoke(["run", str(listed)])
    assert result.exit_code == 1
    assert "step 1 (read): path takes one value, not a list" in result.stderr
    twice = recipe(tmp_path, '[[step]]\ncommand = "dedup"\nnum-perm = 64\nnum_perm = 128\n')
    result = invoke(["run", str(twice)])
    assert result.exit_code == 1
    assert "step 1 (dedup): 'num-perm' and 'num_perm' are one option; give it once" in result.stderr
