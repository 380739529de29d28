"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

They skip, saying why, only when /usr/bin/chromium is missing. axe-core, which the
accessibility tests inject into pages, comes with the axe-playwright-python package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

# Playwright's sync API runs an event loop; Django's ORM then refuses to run in the test
# thread without this (the tests themselves are synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
AXE = files("axe_playwright_python") / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# A guard against a hung page, not a speed target: a 250-signer admin page on a machine
# whose two cores are shared with other work can take longer than Playwright's default.
PAGE_TIMEOUT_MS = 60_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"No Chromium at {CHROMIUM}: install Debian's chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session (the machine has two cores)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def opened_page(browser: Browser, **options: Any) -> Iterator[Page]:
    """A page in a context of its own (downloads accepted), closed after the test."""
    context = browser.new_context(accept_downloads=True, **options)
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp: the site forbids inline scripts; axe-core is injected by the test only.
    yield from opened_page(browser, viewport={"width": 1280, "height": 900}, bypass_csp=True)


@pytest.fixture
def strict_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page with the CSP enforced, and the violations Chromium reports on it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page, violations
    context.close()


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with JavaScript off: the site must work without it."""
    yield from opened_page(
        browser, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")
