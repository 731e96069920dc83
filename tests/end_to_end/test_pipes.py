"""The installed `corpus` through real pipes and signals, as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpus_tools.io.schema import FieldTypes, retyper
from corpus_tools.record import dump_record
from tests.conftest import ROOT

CORPUS = str(Path(sys.executable).parent / "corpus")
SAMPLE = ROOT / "sample_corpus"


def test_chain_in_one_process_equals_a_shell_pipeline(tmp_path: Path) -> None:
    chained = subprocess.run([CORPUS, "read", str(SAMPLE), "normalize"], capture_output=True, check=True)
    piped = subprocess.run(f"'{CORPUS}' read '{SAMPLE}' | '{CORPUS}' normalize | '{CORPUS}' normalize",
                           shell=True, capture_output=True, check=True)
    assert chained.stdout == piped.stdout
    records = [json.loads(line) for line in chained.stdout.splitlines()]
    assert len(records) == 49 and len({r["id"] for r in records}) == 49
    assert chained.stderr.decode().startswith("Warning: skipped 1 file(s) of unknown format")


def test_written_corpus_matches_stdout(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    subprocess.run([CORPUS, "--quiet", "read", str(SAMPLE), "normalize", "write", str(out)], check=True,
                   capture_output=True)
    streamed = subprocess.run([CORPUS, "read", str(SAMPLE), "normalize"], capture_output=True, check=True)
    # The sample's `tags` is a list in the feeds and a string in the CSV; `write` settles it as a list.
    types = FieldTypes()
    records = [json.loads(line) for line in streamed.stdout.splitlines()]
    for record in records:
        types.observe(record)
    retype = retyper(types.settled())
    expected = b"".join(dump_record(retype(record)[0]) for record in records)
    assert [s.name for s in types.settled()] == ["tags"]
    assert (out / "part-00000.jsonl").read_bytes() == expected
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["balance"]["balanced"] and manifest["balance"]["written"] == 49


def test_ctrl_c_leaves_no_partial_corpus(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    line = "Paragraph with donâ€™t mojibake and &amp; entities, so every record costs real work.\n"
    with big.open("w") as handle:
        for i in range(50_000):
            handle.write(json.dumps({"id": str(i), "text": line * 8}) + "\n")
    out = tmp_path / "clean"
    process = subprocess.Popen([CORPUS, "read", str(big), "normalize", "write", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".clean.partial-") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "no output was written" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert sorted(os.listdir(tmp_path)) == ["big.jsonl"]


def test_whole_chain_identical_for_one_and_two_workers(tmp_path: Path) -> None:
    from corpus_tools.record import dump_record
    from corpus_tools.synthetic.dedup import generate

    source = tmp_path / "news.jsonl"
    source.write_bytes(b"".join(dump_record(r) for r in generate(2000, 9)))
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"clean-{workers}"
        subprocess.run([CORPUS, "--workers", workers, "read", str(source), "normalize", "strip",
                        "filter", "langid", "dedup", "--clusters", str(out / "clusters.jsonl"), "write", str(out)],
                       check=True, capture_output=True)
        outputs.append([(out / name).read_bytes() for name in ("part-00000.jsonl", "clusters.jsonl")])
    assert outputs[0] == outputs[1]
