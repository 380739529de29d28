"""The archive set up once for the whole run, as the README's first command sets it up
(`serve_archive --setup-only`: a SQLite database migrated and loaded, the cache table,
static files collected), for the tests that start servers or processes of their own.

Every test process of the run shares it (a file lock lets the first one build it and the
others wait), so it is built once instead of by each such test. A test copies the
database before anything writes to it (`copy_database`); the static files are only read.

Beside it, what every such test needs to start a server: a free port, the production
settings' environment, and a wait until the server listens.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
MANAGE = (sys.executable, str(BASE_DIR / "manage.py"))  # a manage.py command of its own


def free_port() -> int:
    """A port no one listens on now, for a server of the test's own."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_listening(port: int) -> None:
    """Back once a server listens on `port`; an error after 30 s."""
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def server_env(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a server or command run with the production settings."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "tests-own-server-" + "k" * 40,
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DJANGO_STATIC_ROOT": str(static_root),
        "REDIS_URL": "",
        **extra,
    }


@dataclass(frozen=True)
class PreparedArchive:
    database: Path
    static_root: Path

    def copy_database(self, folder: Path) -> str:
        """A copy of the database in `folder`, by its URL, for a test to write to."""
        copy = folder / self.database.name
        shutil.copy(self.database, copy)
        return f"sqlite:///{copy}"


def prepared_archive(shared_folder: Path) -> PreparedArchive:
    """The archive prepared in `shared_folder`, built there by the first caller."""
    folder = shared_folder / "prepared-archive"
    archive = PreparedArchive(folder / "archive.sqlite3", folder / "static")
    with (shared_folder / "prepared-archive.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)  # left by a build cut short
            folder.mkdir()
            setup = subprocess.run(
                [*MANAGE, "serve_archive", "--setup-only"],
                env=server_env(f"sqlite:///{archive.database}", archive.static_root),
                capture_output=True,
                text=True,
                timeout=300,
            )
            if setup.returncode:
                raise RuntimeError(f"serve_archive --setup-only failed:\n{setup.stderr}")
            (folder / "ready").touch()
    return archive
