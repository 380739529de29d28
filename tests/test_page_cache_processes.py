"""An edit through the admin of one app server is seen at once through another app server
(each with two gunicorn workers) sharing the database and the cache: one PostgreSQL and
one Redis as in production, and SQLite with the cache in a database table, the default."""

import http.cookiejar
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prepared_archive import (
    BASE_DIR,
    MANAGE,
    PreparedArchive,
    free_port,
    server_env,
    wait_until_listening,
)
from tests.responses import found


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[str, dict[str, str]]:
        with self.opener.open(self.base + path, timeout=20) as response:
            return response.read().decode(), dict(response.headers)

    def post(self, path: str, data: dict[str, str]) -> str:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=20) as response:
            landed: str = response.geturl()
            return landed


def csrf_token(html: str) -> str:
    return found(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def postgres_running() -> bool:
    return (
        shutil.which("createdb") is not None
        and subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
        ).returncode
        == 0
    )


def throwaway_postgres_database(request: pytest.FixtureRequest) -> str:
    """A new PostgreSQL database for this test, dropped at the end, by its URL."""
    name = f"archive_two_servers_{uuid.uuid4().hex[:8]}"
    server = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["createdb", *server, name], check=True)
    request.addfinalizer(
        lambda: subprocess.run(["dropdb", "--if-exists", "--force", *server, name], check=False)
    )
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def archive_of_its_own(request: pytest.FixtureRequest, workdir: Path) -> dict[str, str]:
    """The archive as the README's first command sets it up, in a database of this test's
    own, with an editor and an empty cache: the environment its servers run in."""
    if "postgresql" in request.param:
        env = server_env(throwaway_postgres_database(request), workdir / "static")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        manage("serve_archive", "--setup-only", "-v0", env=env)
    else:  # a copy of the SQLite archive set up once for the run
        prepared: PreparedArchive = request.getfixturevalue("prepared_sqlite_archive")
        env = server_env(prepared.copy_database(workdir), prepared.static_root)
    env["ARCHIVE_PAGE_CACHE"] = "true"
    manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', 'e@example.org', 'two-servers-pass'); "
        "from django.core.cache import cache; cache.clear()",
        env=env,
    )
    return env


def manage(*arguments: str, env: dict[str, str]) -> None:
    subprocess.run(
        [*MANAGE, *arguments],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "-c", str(BASE_DIR / "archive/gunicorn_conf.py")]
    command += ["--workers", "2", "--bind", f"127.0.0.1:{port}", "archive.wsgi"]
    return subprocess.Popen(
        command, env=env, cwd=BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


# The default setup (SQLite, the cache in a database table) and production's (PostgreSQL,
# Redis).
@pytest.fixture(params=["sqlite+database-cache", "postgresql+redis"])
def two_app_servers(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    if "redis" in request.param and not redis_running():
        pytest.skip("no Redis on 127.0.0.1:6379")
    if "postgresql" in request.param and not postgres_running():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    workdir = Path(tempfile.mkdtemp(prefix="archive-two-servers-"))
    request.addfinalizer(lambda: shutil.rmtree(workdir, ignore_errors=True))
    env = archive_of_its_own(request, workdir)
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(gunicorn(env, port))
            wait_until_listening(port)
            bases.append(f"http://127.0.0.1:{port}")
        yield bases[0], bases[1]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


def test_an_admin_edit_on_one_server_is_seen_at_once_on_another(
    two_app_servers: tuple[str, str],
) -> None:
    editing, reading = two_app_servers
    visitor = Browser(reading)
    # Warm the cache on every worker of the reading server.
    for _ in range(6):
        page, headers = visitor.get("/demands/")
        assert "Global Magnitsky sanctions" in page
    # Served from the store; with production's settings nothing in the answer says so
    # (it would tell anyone whether someone else asked for the same page).
    assert "X-Archive-Cache" not in headers
    assert headers["Cache-Control"].startswith("public, max-age=0, s-maxage=")

    editor = Browser(editing)
    login = editor.get("/admin/login/")[0]
    editor.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_token(login),
            "username": "editor",
            "password": "two-servers-pass",
            "next": "/admin/",
        },
    )
    change_list, _ = editor.get("/admin/letters/demand/?q=Magnitsky")
    change_url = found(r'href="(/admin/letters/demand/\d+/change/)', change_list)
    form = editor.get(change_url)[0]
    description = found(r'<textarea name="description"[^>]*>\s*([^<]*)</textarea>', form)
    landed = editor.post(
        change_url,
        {
            "csrfmiddlewaretoken": csrf_token(form),
            "name": "Global Magnitsky sanctions (edited)",
            "slug": "global-magnitsky-sanctions",
            "description": description.strip(),
            "_save": "Save",
        },
    )
    assert landed.endswith("/admin/letters/demand/")

    for _ in range(6):  # whichever worker answers
        page, _ = visitor.get("/demands/")
        assert "Global Magnitsky sanctions (edited)" in page
