"""Run one `corpus` chain with two installs and show that outputs and manifests match byte for byte.

Used to check that a refactor changes no output: each install runs in its own empty directory with the same
relative output names, so the manifests differ only in timing fields, which are blanked before comparing.

    python tests/compare_runs.py OLD/bin/corpus NEW/bin/corpus -- read "$PWD/sample_corpus/" normalize \
        strip filter langid dedup --clusters c.jsonl write out/
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import tempfile
from typing import Any

TIMING_FIELDS = {"started", "finished", "seconds"}


def _untimed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: "" if key in TIMING_FIELDS else _untimed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_untimed(item) for item in value]
    return value


def _run(corpus: str, args: list[str], directory: str) -> tuple[int, bytes, bytes]:
    done = subprocess.run([corpus, *args], cwd=directory, capture_output=True, check=False)
    return done.returncode, done.stdout, done.stderr


def _files(directory: str) -> list[str]:
    return sorted(os.path.relpath(os.path.join(root, name), directory)
                  for root, _dirs, names in os.walk(directory) for name in names)


def compare(old: str, new: str, args: list[str]) -> list[str]:
    """The differences between the two runs; empty when they match."""
    differences = []
    with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
        old_run, new_run = _run(old, args, old_dir), _run(new, args, new_dir)
        for name, old_part, new_part in zip(("exit code", "stdout", "stderr"), old_run, new_run, strict=True):
            if old_part != new_part:
                differences.append(f"{name} differs")
        if _files(old_dir) != _files(new_dir):
            differences.append(f"files differ: {_files(old_dir)} != {_files(new_dir)}")
            return differences
        for name in _files(old_dir):
            old_path, new_path = os.path.join(old_dir, name), os.path.join(new_dir, name)
            if name.endswith("manifest.json"):
                with open(old_path, "rb") as old_file, open(new_path, "rb") as new_file:
                    same = _untimed(json.load(old_file)) == _untimed(json.load(new_file))
            else:
                same = filecmp.cmp(old_path, new_path, shallow=False)
            if not same:
                differences.append(f"{name} differs")
        print(f"compared exit code, stdout ({len(new_run[1]):,} bytes), stderr and {len(_files(new_dir))} file(s)",
              file=sys.stderr)
    return differences


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    differences = compare(os.path.abspath(argv[0]), os.path.abspath(argv[1]), argv[3:])  # each runs elsewhere
    print("\n".join(differences) or "identical (apart from timing fields)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
