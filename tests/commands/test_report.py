"""`corpus report`: the HTML page and the terminal tables, on a full run and on a run with no strip or dedup."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, invoke, parse_jsonl

RUN = FIXTURES / "report-run"
SECTIONS = ("stages", "drops", "rejected", "boilerplate", "duplicates", "languages", "lengths", "files")
HOSTILE_TITLE = "<script>alert(1)</script>"


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A copy of the full run (strip, langid, dedup, rejected lines) that a test may edit."""
    return Path(shutil.copytree(RUN, tmp_path / "run"))


@pytest.fixture
def plain_run(tmp_path: Path) -> Path:
    """A real run with no strip, langid or dedup, made by the CLI on the sample corpus."""
    out = tmp_path / "plain"
    result = invoke(["--quiet", "read", str(ROOT / "sample_corpus"), "normalize", "write", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def manifest(run: Path) -> dict[str, Any]:
    return json.loads((run / "manifest.json").read_text())


def shard_records(run: Path) -> list[dict[str, Any]]:
    return [r for shard in sorted(run.glob("part-*.jsonl")) for r in parse_jsonl(shard.read_text())]


def html_report(run: Path, *extra: str) -> str:
    out = run.parent / f"{run.name}-report.html"
    result = invoke(["report", str(run), "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"Report written to {out}" in result.stderr
    return out.read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    match = re.search(rf'<section id="{anchor}">(.*?)</section>', page, re.S)
    assert match, f"no section {anchor}"
    return match.group(1)


def test_page_has_every_section_with_the_run_numbers(run_dir: Path) -> None:
    page = html_report(run_dir)
    for anchor in SECTIONS:
        section(page, anchor)
    stages = section(page, "stages")
    for stage in manifest(run_dir)["stages"]:
        assert f"<code>{stage['name']}</code>" in stages
        assert f"{stage['records_in']:,} → {stage['records_out']:,}" in stages
    drops = section(page, "drops")
    for reason in manifest(run_dir)["balance"]["dropped"]:
        assert reason in drops
    rejected = section(page, "rejected")
    for reason in manifest(run_dir)["rejected"]["by_reason"]:
        assert reason.replace("'", "&#x27;") in rejected


def test_control_characters_in_corpus_text_are_shown_escaped(run_dir: Path) -> None:
    raw = [line["raw"] for line in parse_jsonl((run_dir / "rejects.jsonl").read_text()) if "\x00" in line["raw"]]
    page = html_report(run_dir)
    assert raw and raw[0].replace("\x00", "\\x00") in section(page, "rejected")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)


def test_boilerplate_section_counts_removed_spans(run_dir: Path) -> None:
    removed = parse_jsonl((run_dir / "removed.jsonl").read_text())
    categories = Counter(line["category"] for line in removed)
    rules = Counter(line["rule"] for line in removed)
    boilerplate = section(html_report(run_dir), "boilerplate")
    assert f"<b>{len(removed):,}</b> spans" in boilerplate
    for category, n in categories.items():
        assert re.search(rf"<code>{re.escape(category)}</code></td><td class=\"num\">{n:,}</td>", boilerplate)
    top_rule, top_count = rules.most_common(1)[0]
    assert f"<code>{top_rule}</code></td><td>" in boilerplate and "<svg" in boilerplate
    assert f"<td class=\"num\">{top_count:,}</td>" in boilerplate


def test_duplicates_section_lists_the_biggest_clusters_with_titles(run_dir: Path) -> None:
    clusters = parse_jsonl((run_dir / "clusters.jsonl").read_text())
    titles = {r["id"]: r.get("title") for r in shard_records(run_dir)}
    duplicates = section(html_report(run_dir, "--top-clusters", "3"), "duplicates")
    assert f"<b>{len(clusters):,}</b> clusters of two or more" in duplicates
    biggest = sorted(clusters, key=lambda c: (-len(c["members"]), c["cluster_id"]))[:3]
    assert duplicates.count('class="cluster"') == 3
    for cluster in biggest:
        for member in cluster["members"]:
            assert f"<code>{member['id']}</code>" in duplicates
        kept_title = titles[cluster["kept"]]
        assert kept_title and kept_title.replace("'", "&#x27;") in duplicates
    smallest = min(clusters, key=lambda c: (len(c["members"]), c["cluster_id"]))
    assert f"cluster <code>{smallest['cluster_id']}</code>" not in duplicates


def test_cluster_members_show_their_dates_in_the_clusters_file_and_the_report(tmp_path: Path) -> None:
    out = tmp_path / "dated"
    result = invoke(["--quiet", "read", str(ROOT / "sample_corpus"), "normalize", "dedup", "--clusters",
                     str(out / "clusters.jsonl"), "write", str(out)])
    assert result.exit_code == 0, result.stderr
    clusters = parse_jsonl((out / "clusters.jsonl").read_text())
    dates = {member["date"] for cluster in clusters for member in cluster["members"] if "date" in member}
    assert dates
    duplicates = section(html_report(out), "duplicates")
    assert "<th>date</th>" in duplicates
    assert any(date in duplicates for date in dates)


def test_languages_and_lengths_come_from_the_shards(run_dir: Path) -> None:
    records = shard_records(run_dir)
    page = html_report(run_dir)
    languages = section(page, "languages")
    for lang, n in Counter(r["lang"] for r in records).items():
        assert re.search(rf"<code>{lang}</code></td><td class=\"num\">{n:,}</td>", languages)
    lengths = section(page, "lengths")
    words = sorted(len(r["text"].split()) for r in records)
    assert f"max <b>{words[-1]:,}</b>" in lengths and f"min <b>{words[0]:,}</b>" in lengths
    bar_counts = [int(n) for n in re.findall(r"<title>[^<]*: ([\d,]+)</title><rect", lengths)]
    assert sum(bar_counts) == len(records)


def test_page_is_self_contained(run_dir: Path) -> None:
    page = html_report(run_dir)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"https?://", page)
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", page, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*\"(?!#)", page, re.I)
    assert "url(" not in page and "@import" not in page
    assert page.count("<svg") == len(SECTIONS) - 1  # a chart in every section but the file lists


def test_hostile_corpus_text_is_escaped(run_dir: Path) -> None:
    hostile_id = '"><img src=x onerror=alert(2)>'
    with (run_dir / "part-00000.jsonl").open("a") as shard:
        shard.write(json.dumps({"id": hostile_id, "title": HOSTILE_TITLE, "text": "Hostile story text.",
                                "lang": "<b>xx</b>", "cluster_id": hostile_id, "dup_count": 9}) + "\n")
    with (run_dir / "clusters.jsonl").open("a") as clusters:
        clusters.write(json.dumps({"cluster_id": hostile_id, "kept": hostile_id, "members": [
            {"id": hostile_id, "similarity": 1.0}] + [{"id": f"<i>copy {i}</i>", "similarity": 0.9} for i in range(8)]})
            + "\n")
    with (run_dir / "removed.jsonl").open("a") as removed:
        removed.write(json.dumps({"id": hostile_id, "category": "<svg onload=alert(3)>", "rule": "</td><b>rule",
                                  "text": "</table><script>alert(4)</script>", "start": 0, "end": 1}) + "\n")
    page = html_report(run_dir)
    assert HOSTILE_TITLE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    for raw in ("<img", "<svg onload", "<script", "<b>xx", "<i>copy", "</td><b>rule"):
        assert raw not in page
    written = manifest(run_dir)["balance"]["written"]
    assert f"The shards hold {written + 1:,} records but the manifest says {written:,} were written" in page


def test_terminal_tables_give_the_same_numbers(run_dir: Path) -> None:
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    data = manifest(run_dir)
    balance = data["balance"]
    assert (f"{balance['input_records']:,} input records = {balance['written']:,} written + "
            f"{sum(balance['dropped'].values()):,} dropped + {balance['rejected']:,} rejected lines") in out
    for title in ("Records through each stage", "Drops by reason", "Rejected input lines", "Boilerplate removed",
                  "Duplicate clusters", "Languages", "Text lengths in words", "Inputs and outputs"):
        assert title in out
    for stage in data["stages"]:
        assert re.search(rf"│ {stage['name']} +│ +{stage['records_in']} │ +{stage['records_out']} │", out)
    clusters = parse_jsonl((run_dir / "clusters.jsonl").read_text())
    assert f"{len(clusters):,} clusters of two or more" in out
    removed = parse_jsonl((run_dir / "removed.jsonl").read_text())
    assert f"{len(removed):,} spans" in out
    assert "\x1b[" not in out


def test_terminal_shows_corpus_markup_literally_and_strips_control_characters(run_dir: Path) -> None:
    with (run_dir / "part-00000.jsonl").open("a") as shard:
        shard.write(json.dumps({"id": "odd", "text": "x", "lang": "[bold]zz[/bold]\x1b[31m", "cluster_id": "odd",
                                "dup_count": 50}) + "\n")
    (run_dir / "clusters.jsonl").unlink()
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 0
    assert "[bold]zz[/bold]" in result.stdout
    assert "\x1b" not in result.stdout


def test_run_without_strip_langid_dedup_says_so(plain_run: Path) -> None:
    page = html_report(plain_run)
    assert "No strip in this run" in section(page, "boilerplate")
    assert "No dedup in this run" in section(page, "duplicates")
    assert "No language information" in section(page, "languages")
    assert "No record was dropped" in section(page, "drops")
    assert "No input line was rejected" in section(page, "rejected")
    assert section(page, "lengths").count("<rect") > 1
    written = manifest(plain_run)["balance"]["written"]
    assert f'<div class="n">{written:,}</div><div class="l">written</div>' in page
    terminal = invoke(["report", str(plain_run)]).stdout
    for message in ("No strip in this run", "No dedup in this run", "No language information"):
        assert message in terminal


def test_boilerplate_falls_back_to_the_manifest_counts(run_dir: Path) -> None:
    (run_dir / "removed.jsonl").unlink()
    strip = next(s for s in manifest(run_dir)["stages"] if s["name"] == "strip")
    boilerplate = section(html_report(run_dir), "boilerplate")
    assert "the strip stage&#x27;s counts in the manifest" in boilerplate
    assert f"<b>{strip['counts']['removed.spans']:,}</b> spans" in boilerplate
    categories = {k.removeprefix("removed.category."): v for k, v in strip["counts"].items()
                  if k.startswith("removed.category.")}
    for category, n in categories.items():
        assert re.search(rf"<code>{re.escape(category)}</code></td><td class=\"num\">{n:,}</td>", boilerplate)


def test_clusters_fall_back_to_cluster_fields_in_the_shards(run_dir: Path) -> None:
    (run_dir / "clusters.jsonl").unlink()
    sizes = Counter(r["dup_count"] for r in shard_records(run_dir) if r["dup_count"] > 1)
    duplicates = section(html_report(run_dir), "duplicates")
    assert "cluster_id and dup_count in the shards" in duplicates
    assert f"<b>{sum(sizes.values()):,}</b> clusters of two or more" in duplicates
    for size, count in sizes.items():
        assert f"<title>{size}: {count:,}</title>" in duplicates


def test_audit_files_can_live_elsewhere(run_dir: Path, tmp_path: Path) -> None:
    removed, clusters = tmp_path / "spans.jsonl", tmp_path / "groups.jsonl"
    shutil.move(run_dir / "removed.jsonl", removed)
    shutil.move(run_dir / "clusters.jsonl", clusters)
    page = html_report(run_dir, "--removed", str(removed), "--clusters", str(clusters))
    assert str(removed) in section(page, "boilerplate")
    assert str(clusters) in section(page, "duplicates")
    assert "the strip stage" not in section(page, "boilerplate")


def test_page_to_stdout_and_byte_identical(run_dir: Path) -> None:
    first = invoke(["report", str(run_dir), "-o", "-"])
    second = invoke(["report", str(run_dir), "-o", "-"])
    assert first.exit_code == 0 and first.stderr == ""
    assert first.stdout.startswith("<!DOCTYPE html>")
    assert first.stdout_bytes == second.stdout_bytes


def test_directory_without_manifest_is_an_error(tmp_path: Path) -> None:
    result = invoke(["report", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {tmp_path / 'manifest.json'}: not found (give the directory that `corpus ... " \
                            "write DIR` created)\n"


def test_bad_cluster_line_names_file_and_line(run_dir: Path) -> None:
    with (run_dir / "clusters.jsonl").open("a") as clusters:
        clusters.write('{"cluster_id": "x", "members": "not a list"}\n')
    lines = len((run_dir / "clusters.jsonl").read_text().splitlines())
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {run_dir / 'clusters.jsonl'}:{lines}: not a cluster line")


def test_missing_directory_and_chaining_are_usage_errors(run_dir: Path, tmp_path: Path) -> None:
    assert invoke(["report", str(tmp_path / "nowhere")]).exit_code == 2
    chained = invoke(["report", str(run_dir), "normalize"], input="")
    assert chained.exit_code == 2
    assert "`report` runs alone" in chained.stderr


@pytest.mark.parametrize("write_options", [["--compress", "zstd"], ["--format", "parquet"]])
def test_report_reads_zstd_and_parquet_shards(tmp_path: Path, write_options: list[str]) -> None:
    sample = ROOT / "sample_corpus"
    plain, other = tmp_path / "plain", tmp_path / "other"
    assert invoke(["--quiet", "read", str(sample), "normalize", "langid", "write", str(plain)]).exit_code == 0
    result = invoke(["--quiet", "read", str(sample), "normalize", "langid", "write", str(other), *write_options])
    assert result.exit_code == 0, result.stderr
    languages = section(html_report(plain), "languages")
    assert ">en<" in languages and ">de<" in languages  # the shards were read, not just the manifest
    assert section(html_report(other), "languages") == languages


def test_report_into_a_missing_directory_is_a_usage_error(run_dir: Path, tmp_path: Path) -> None:
    result = invoke(["report", str(run_dir), "-o", str(tmp_path / "nodir" / "r.html")])
    assert result.exit_code == 2
    assert f"Invalid value for -o: no such directory: {tmp_path / 'nodir'}" in result.stderr


@pytest.mark.parametrize("text", ['{"balance": {"written": "x"}}', '{"stages": [{"name": "x", "records_in": "q"}]}'])
def test_a_manifest_with_values_of_the_wrong_type_is_a_one_line_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text)
    result = invoke(["report", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'manifest.json'}: not a manifest this version can read (")


def test_a_page_of_a_manifest_whose_outputs_are_not_a_list_is_written_as_the_terminal_report_is(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"write": {"outputs": 5}}')
    terminal = invoke(["report", str(tmp_path)])
    page = invoke(["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert page.exit_code == terminal.exit_code and "Traceback" not in page.stderr


@pytest.mark.parametrize("name", ["part-00000.jsonl", "manifest.json", "removed.jsonl"])
def test_the_page_never_replaces_a_file_of_the_run(run_dir: Path, name: str) -> None:
    before = (run_dir / name).read_bytes()
    result = invoke(["report", str(run_dir), "-o", str(run_dir / name)])
    assert result.exit_code == 2 and "is a file this command reads" in result.stderr
    assert (run_dir / name).read_bytes() == before
    assert invoke(["report", str(run_dir), "-o", str(run_dir / "report.html")]).exit_code == 0


def test_figures_that_do_not_add_up_are_not_called_balanced(run_dir: Path) -> None:
    """A manifest without its balance flag was "balanced" whatever its figures said."""
    data = manifest(run_dir)
    data["balance"] = {"input_records": data["balance"]["input_records"] + 7,
                       **{k: v for k, v in data["balance"].items() if k not in ("balanced", "input_records")}}
    (run_dir / "manifest.json").write_text(json.dumps(data))
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 0, result.stderr
    assert "(DOES NOT BALANCE)" in result.stdout


def test_a_shard_listed_outside_the_run_directory_is_refused(run_dir: Path) -> None:
    data = manifest(run_dir)
    data["write"]["outputs"][0]["path"] = "../elsewhere.jsonl"
    (run_dir.parent / "elsewhere.jsonl").write_text('{"id": "x", "text": "Not this run\'s."}\n')
    (run_dir / "manifest.json").write_text(json.dumps(data))
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 1 and "outside the run directory" in result.stderr


def test_a_run_whose_commit_a_killed_run_left_unfinished_is_reported_with_a_warning(run_dir: Path) -> None:
    """Its side files may be the run before's: the report said nothing of it."""
    (run_dir.parent / f".{run_dir.name}.commit.json").write_text("{}")
    result = invoke(["report", str(run_dir)])
    assert result.exit_code == 0, result.stderr
    assert f"Warning: {run_dir}: the commit of an interrupted run is unfinished" in result.stderr
