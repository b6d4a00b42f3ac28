"""The HTML report in a real browser: Playwright driving the system's Chromium, offline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from provenance import compare
from provenance.report.html import result_html

from .conftest import FIXTURES, REPO

DEMO = FIXTURES / "demo"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "test-artifacts"

if CHROMIUM is None and os.environ.get("CI") != "true":
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    assert CHROMIUM is not None, "CI must install Debian's chromium"
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


def _report(tmp_path: Path, rewrite: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(result_html(compare(DEMO / "original", rewrite, jobs=1)), encoding="utf-8")
    return path


def test_overview_and_linked_regions(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = _report(tmp_path, DEMO / "rewrite")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    assert "3 of 3 rewrite files mirror the original" in page.inner_text("#summary")
    assert page.locator("#heatmap td.cell").count() >= 3
    assert page.locator("#takedown li").count() >= 3
    pair = page.locator("details.pair", has_text="receipt.py").first
    pair.locator("summary").click()
    matched = pair.locator(".rewrite-pane span.matched")
    matched.first.wait_for()  # code is inserted when the section opens
    assert matched.count() >= 10
    clicked = matched.nth(matched.count() - 1)
    clicked.click()
    focused = pair.locator(".original-pane span.focus")
    focused.first.wait_for()
    assert focused.count() == 1
    assert focused.first.is_visible()
    box = focused.first.bounding_box()
    pane = pair.locator(".original-pane").bounding_box()
    assert box is not None and pane is not None
    assert pane["y"] <= box["y"] <= pane["y"] + pane["height"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"))
    assert all(url.startswith("file:") for url in requests), requests


def test_hostile_names_and_code_render_as_text(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rewrite = tmp_path / "rewrite"
    rewrite.mkdir()
    hostile = 'window.pwned = 1; // </script><script>window.pwned = 2</script> "quotes" é ✓\n'
    source = (DEMO / "rewrite" / "receipt.py").read_text()
    (rewrite / "<b id=injected>receipt.py").write_text(source + "\nNOTE = '''" + hostile + "'''\n")
    page = browser.new_page()
    page.goto(_report(tmp_path, rewrite).as_uri())
    page.locator("details.pair summary").first.click()
    page.locator("details.pair .rewrite-pane span[id]").first.wait_for()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("#injected").count() == 0
    assert "<b id=injected>receipt.py" in page.inner_text("#files")
    assert "</script><script>window.pwned = 2</script>" in page.inner_text("details.pair")
