"""Refresh the screenshots in docs/screenshots/: the main pages of the seed archive at a
desktop width (1280 px) and a phone width (390 px), light, and the letter page dark.

    uv run python bench/screenshots.py            # needs Debian's Chromium (/usr/bin/chromium)

The archive is loaded into a throwaway SQLite database and served by gunicorn with the
production settings on a free local port; nothing in the working copy changes but the
PNG files.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "/",
    "letters": "/letters/",
    "letter": "/letters/2025-11-21-senators-rubio/",
    "source": "/sources/2024-04-04-markey-cassidy-peters-tillis-letter-text/",
    "signatories": "/legislators/",
    "detainee": "/detainees/ruben-vardanyan/",
    "demands": "/demands/",
    "search": "/search/?q=Vardanian",
}
WIDTHS = {"desktop": 1280, "phone": 390}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The site did not answer at {url}")


def shoot(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        shots: list[tuple[str, str, str, Literal["light", "dark"]]] = [
            (name, path, device, "light") for name, path in PAGES.items() for device in WIDTHS
        ]
        shots += [("letter", PAGES["letter"], device, "dark") for device in WIDTHS]
        for name, path, device, scheme in shots:
            context = browser.new_context(
                viewport={"width": WIDTHS[device], "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            suffix = "" if scheme == "light" else "-dark"
            target = OUT / f"{name}-{device}{suffix}.png"
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir}/archive.sqlite3",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_STATIC_ROOT": f"{workdir}/static",
            "ARCHIVE_PAGE_CACHE": "false",
        }
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "load_archive")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "archive.wsgi"],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/healthz")
            for path in shoot(base):
                print(path.relative_to(ROOT))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
