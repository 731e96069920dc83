"""The report page in a real browser: headless Chromium lays out every chart and paints its bars.

Chromium comes from the Debian package, installed here where missing (as root with apt-get); elsewhere the
tests skip and say why. No WebDriver is needed: `--dump-dom` returns the DOM after a probe script measured
the charts, and the screenshot is decoded by Chromium itself on a canvas, so no image library is needed.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from corpus_tools.report import html as report_html
from tests.conftest import FIXTURES, invoke

INSTALL_TIMEOUT = 900
RUN_TIMEOUT = 120
WIDTH = 1200
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]
BAR_COLOURS = {"blue": report_html.BLUE, "red": report_html.RED, "orange": report_html.ORANGE,
               "purple": report_html.PURPLE, "teal": report_html.TEAL, "green": report_html.GREEN}

PROBE = """<script>
window.addEventListener('load', () => {
  const visible = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {section: svg.closest('section').id, width: box.width, height: box.height,
            bars: [...svg.querySelectorAll('rect')].filter(visible).length,
            labels: [...svg.querySelectorAll('text')].filter(t => t.getComputedTextLength() > 0).length};
  });
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({charts, height: document.documentElement.scrollHeight});
  document.body.appendChild(out);
});
</script>"""

PIXELS = """<canvas id="c"></canvas><script>
const colours = COLOURS;
const img = new Image();
img.onload = () => {
  const canvas = document.getElementById('c');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  const rgb = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  const wanted = Object.entries(colours).map(([name, hex]) => [name, rgb(hex)]);
  const counts = Object.fromEntries(wanted.map(([name]) => [name, 0]));
  for (let i = 0; i < px.length; i += 4) {
    for (const [name, [r, g, b]] of wanted) {
      if (Math.abs(px[i] - r) <= 3 && Math.abs(px[i + 1] - g) <= 3 && Math.abs(px[i + 2] - b) <= 3) counts[name]++;
    }
  }
  const out = document.createElement('pre');
  out.id = 'pixels';
  out.textContent = JSON.stringify({width: img.width, height: img.height, counts});
  document.body.appendChild(out);
};
img.src = 'data:image/png;base64,PNG';
</script>"""


@pytest.fixture(scope="session")
def chromium() -> str:
    """A Chromium binary: the installed one, or the Debian package installed now; skip where neither works."""
    found = _find_chromium()
    if found is None:
        failure = _install_chromium()
        found = _find_chromium()
        if found is None:
            pytest.skip("headless Chromium is needed to check that the report's plots render; "
                        + (failure or "apt-get installed chromium but there is no chromium on PATH"))
    return found


def _find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _install_chromium() -> str | None:
    """Install the `chromium` package; None when that worked, else why it could not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "it is not installed, and installing it needs root (apt-get install chromium)"
    if shutil.which("apt-get") is None:
        return "it is not installed, and there is no apt-get here to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "chromium"]
    # A fresh container has no package lists: update once, then try again.
    for command in (install, ["apt-get", "update"], install):
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT,
                                    check=False)
        except subprocess.TimeoutExpired:
            return f"`{' '.join(command)}` did not finish in {INSTALL_TIMEOUT} s"
        if command is install and result.returncode == 0:
            return None
    last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
    return f"`apt-get install chromium` failed: {last[0]}"


def _chrome(binary: str, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as profile:
        result = subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                                text=True, timeout=RUN_TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _read_pre(dom: str, element_id: str) -> Any:
    match = re.search(rf'<pre id="{element_id}">(.*?)</pre>', dom, re.S)
    assert match, f"Chromium's DOM has no #{element_id}: {dom[-500:]}"
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the full fixture run, as `corpus report -o` writes it."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = invoke(["report", str(FIXTURES / "report-run"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def layout(chromium: str, page: Path) -> dict[str, Any]:
    """What Chromium laid out: every chart's box, its visible bars and labels, and the page height.

    The probe runs in a copy of the page without the Content-Security-Policy, which would block it."""
    text = page.read_text(encoding="utf-8")
    probed = page.with_name("probed.html")
    probed.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
                      .replace("</body>", PROBE + "</body>"), encoding="utf-8")
    return dict(_read_pre(_chrome(chromium, "--dump-dom", "--virtual-time-budget=5000", probed.as_uri()), "probe"))


def test_every_chart_is_laid_out_with_bars_and_labels(layout: dict[str, Any], page: Path) -> None:
    charts = layout["charts"]
    assert len(charts) == page.read_text(encoding="utf-8").count('<svg class="chart"')
    assert {c["section"] for c in charts} == {"stages", "drops", "rejected", "boilerplate", "duplicates",
                                              "languages", "lengths"}
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 40, chart
        assert chart["bars"] >= 1 and chart["labels"] >= 2, chart


def test_screenshot_paints_every_chart_colour(chromium: str, page: Path, layout: dict[str, Any]) -> None:
    height = int(layout["height"])
    shot = page.with_name("report.png")
    _chrome(chromium, f"--screenshot={shot}", f"--window-size={WIDTH},{height}", page.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    analyser = page.with_name("pixels.html")
    analyser.write_text(PIXELS.replace("COLOURS", json.dumps(BAR_COLOURS))
                        .replace("PNG", base64.b64encode(png).decode()), encoding="utf-8")
    pixels = _read_pre(_chrome(chromium, "--dump-dom", "--virtual-time-budget=10000", analyser.as_uri()), "pixels")
    assert (pixels["width"], pixels["height"]) == (WIDTH, height)
    # Every colour fills at least one bar of several hundred pixels; anti-aliased edges do not count.
    for name, count in pixels["counts"].items():
        assert count >= 150, f"no {name} bars painted: {pixels['counts']}"
