"""The README's first command serves the archive with gunicorn, as production does."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.prepared_archive import MANAGE, free_port, server_env


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_serve_archive_serves_the_loaded_archive_and_its_static_files_with_gunicorn(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = server_env(
        f"sqlite:///{tmp_path / 'archive.sqlite3'}", tmp_path / "static", GUNICORN_WORKERS="1"
    )
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*MANAGE, "serve_archive", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, log.read_text()
            try:
                status, headers, body = get(f"{base}/letters/2025-04-11-titus-smith-rubio/")
                break
            except OSError:
                assert time.monotonic() < deadline, "serve_archive did not answer in time"
                time.sleep(0.5)
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        assert b"Dina Titus" in body
        stylesheet = body.split(b'rel="stylesheet" href="', 1)[1].split(b'"', 1)[0].decode()
        assert get(base + stylesheet)[0] == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
