"""The hand-written chain the bench compares against: it repairs, labels and drops near-duplicate copies."""

from __future__ import annotations

from pathlib import Path

import orjson

from corpus_tools.bench.handwritten_chain import run
from corpus_tools.synthetic import generator


def test_keeps_one_copy_per_story_with_repaired_text_and_a_language(tmp_path: Path) -> None:
    records = list(generator("dedup")(60, 2))
    records[0]["text"] = records[0]["text"].replace("'", "â€™", 1) + "\n\nThe ferry didnâ€™t sail."
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    read, written = run(str(source), str(target), workers=1)
    kept = [orjson.loads(line) for line in target.read_bytes().splitlines()]
    assert read == 60 and written == len(kept)
    stories = {r["story_id"] for r in records}
    assert len(stories) <= written < 60
    assert {r["story_id"] for r in kept} == stories
    assert all(r["lang"] == "en" for r in kept)
    assert "â€" not in kept[0]["text"] and "The ferry didn" in kept[0]["text"]
