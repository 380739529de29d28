"""Database down: a styled 503 within two seconds, a health endpoint that says so, and
recovery on its own when the database returns, with no page older than the last edit.
Uses a real, throwaway PostgreSQL server (its own data directory and port), stopped and
started by the test."""

import glob
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prepared_archive import MANAGE, free_port, server_env, wait_until_listening

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))

pytestmark = pytest.mark.skipif(
    not PG_BIN or not shutil.which("runuser"),
    reason="needs PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and runuser",
)


class ThrowawayPostgres:
    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="archive-outage-"))
        self.data = self.dir / "data"
        shutil.chown(self.dir, "postgres")
        self.pg_ctl = str(Path(PG_BIN[-1]) / "pg_ctl")
        self.as_postgres(
            str(Path(PG_BIN[-1]) / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(self.data)
        )

    def as_postgres(self, *command: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        log = str(self.dir / "server.log")
        self.as_postgres(self.pg_ctl, "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self.as_postgres(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                self.pg_ctl,
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


@pytest.fixture
def site_on_its_own_database(
    tmp_path: Path,
) -> Iterator[tuple[ThrowawayPostgres, str, dict[str, str]]]:
    database = ThrowawayPostgres(free_port())
    server = None
    try:
        database.start()
        env = server_env(
            f"postgres://postgres@127.0.0.1:{database.port}/postgres", tmp_path / "static"
        )
        subprocess.run(
            [*MANAGE, "serve_archive", "--setup-only", "-v0"],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        port = free_port()
        server = subprocess.Popen(
            [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_listening(port)
        yield database, base, env
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        database.remove()


def test_a_database_outage_answers_503_quickly_and_the_site_recovers_by_itself(
    site_on_its_own_database: tuple[ThrowawayPostgres, str, dict[str, str]],
) -> None:
    database, base, env = site_on_its_own_database
    letter = f"{base}/letters/2025-04-11-titus-smith-rubio/"
    assert get(letter)[0] == 200
    assert get(letter)[0] == 200  # now from the page cache (the database table)
    assert get(f"{base}/healthz")[0] == 200

    database.stop()
    for url in (letter, f"{base}/letters/", f"{base}/"):
        status, body, seconds = get(url)
        assert status == 503, (url, status)
        assert seconds < 2
        assert "temporarily unavailable" in body
        assert "Traceback" not in body
    status, body, _ = get(f"{base}/healthz")
    assert status == 503 and '"database": "unreachable"' in body

    database.start()
    assert get(letter)[0] == 200
    assert get(f"{base}/healthz")[0] == 200

    # After the restart, an edit shows on the next request: no copy from before is served.
    edit = (
        "from letters.models import Letter; "
        "letter = Letter.objects.get(slug='2025-04-11-titus-smith-rubio'); "
        "letter.title = 'Edited after the restart'; letter.save()"
    )
    manage = [*MANAGE, "shell", "-c", edit]
    subprocess.run(manage, env=env, check=True, capture_output=True, timeout=120)
    status, body, _ = get(letter)
    assert status == 200 and "Edited after the restart" in body
