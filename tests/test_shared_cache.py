"""Debian's nginx in front of gunicorn, configured as docs/deploying.md says: public pages
answered from nginx's cache, revalidated with a 304, answered while gunicorn is stopped, an
edit visible within the configured time, and nothing private kept. nginx runs as a child of
the test, with its configuration, pid, temporary and cache folders in tmp_path."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.servers import NGINX, start_nginx, stop
from tests.prepared_archive import (
    BASE_DIR,
    MANAGE,
    PreparedArchive,
    free_port,
    server_env,
    wait_until_listening,
)

LETTER = "/letters/2025-04-11-titus-smith-rubio/"
SHARED_SECONDS, STALE_SECONDS = 2, 1

pytestmark = pytest.mark.skipif(
    not NGINX.exists(), reason="needs Debian's nginx (/usr/sbin/nginx; apt-get install nginx)"
)


@dataclass
class Site:
    nginx_port: int
    app: subprocess.Popen[bytes]
    app_log: Path
    env: dict[str, str]

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.nginx_port, timeout=20)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            return response.status, dict(response.headers), response.read().decode()
        finally:
            conn.close()

    def app_answers(self, path: str, status: int) -> int:
        """How many times gunicorn answered `path` with `status` (its access log)."""
        line = re.compile(rf'"GET {re.escape(path)} HTTP/1\.[01]" {status} ')
        return len(line.findall(self.app_log.read_text()))


@pytest.fixture
def site_behind_nginx(prepared_sqlite_archive: PreparedArchive, tmp_path: Path) -> Iterator[Site]:
    env = server_env(
        prepared_sqlite_archive.copy_database(tmp_path),
        prepared_sqlite_archive.static_root,
        ARCHIVE_PAGE_CACHE="true",
        ARCHIVE_SHARED_CACHE_SECONDS=str(SHARED_SECONDS),
        ARCHIVE_SHARED_CACHE_STALE_SECONDS=str(STALE_SECONDS),
        ARCHIVE_SHARED_CACHE_ERROR_SECONDS="600",
    )
    app_port, nginx_port = free_port(), free_port()
    app_log = tmp_path / "gunicorn-access.log"
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(BASE_DIR / "archive/gunicorn_conf.py")]
    options = ["--workers", "2", "--bind", f"127.0.0.1:{app_port}", "--access-logfile"]
    app = subprocess.Popen(
        [*gunicorn, *options, str(app_log), "archive.wsgi"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = start_nginx(tmp_path, nginx_port, app_port)
    try:
        wait_until_listening(app_port)
        wait_until_listening(nginx_port)
        yield Site(nginx_port, app, app_log, env)
    finally:
        stop(nginx)
        app.terminate()
        app.wait(timeout=20)


def edit_the_letters_title(env: dict[str, str], title: str) -> None:
    edit = (
        "from letters.models import Letter; "
        "letter = Letter.objects.get(slug='2025-04-11-titus-smith-rubio'); "
        f"letter.title = {title!r}; letter.save()"
    )
    subprocess.run([*MANAGE, "shell", "-c", edit], env=env, check=True, timeout=120)


def test_nginx_keeps_public_pages_revalidates_them_and_answers_while_the_app_is_down(
    site_behind_nginx: Site,
) -> None:
    site = site_behind_nginx
    status, first, _ = site.get(LETTER)
    assert (status, first["X-Test-Cache"]) == (200, "MISS")
    status, second, body = site.get(LETTER)
    assert (status, second["X-Test-Cache"]) == (200, "HIT")
    assert "Titus-Smith" in body
    assert site.app_answers(LETTER, 200) == 1

    # A browser that has the page: a 304 from nginx.
    status, _, _ = site.get(LETTER, **{"If-None-Match": second["ETag"]})
    assert status == 304

    # Expired (nginx counts whole seconds), the page is asked again with its ETag: a 304
    # from the app, and the copy kept again.
    time.sleep(SHARED_SECONDS + 1)
    deadline = time.monotonic() + 6
    while site.app_answers(LETTER, 304) == 0 and time.monotonic() < deadline:
        assert site.get(LETTER)[0] == 200
        time.sleep(0.3)
    assert site.app_answers(LETTER, 304) >= 1
    assert site.app_answers(LETTER, 200) == 1

    # Nothing private is kept.
    for path, expected in (
        ("/admin/login/", 200),
        ("/no-such-page/", 404),
        ("/letters/?year=x", 400),
    ):
        for _ in range(2):
            status, headers, _ = site.get(path)
            assert status == expected, path
            assert headers["X-Test-Cache"] != "HIT", path

    # An edit shows within the configured time.
    edit_the_letters_title(site.env, "Titus-Smith letter, edited behind the proxy")
    edited = time.monotonic()
    while "edited behind the proxy" not in site.get(LETTER)[2]:
        assert time.monotonic() - edited < SHARED_SECONDS + STALE_SECONDS + 3
        time.sleep(0.2)

    # gunicorn stopped: nginx answers with what it keeps.
    site.get("/letters/")
    site.app.terminate()
    site.app.wait(timeout=20)
    for path in (LETTER, "/letters/"):
        status, headers, body = site.get(path)
        assert status == 200, path
        assert headers["X-Test-Cache"] in ("HIT", "STALE"), path
    assert "edited behind the proxy" in site.get(LETTER)[2]
