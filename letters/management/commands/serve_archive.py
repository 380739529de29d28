"""One command for a fresh machine: migrate, load the archive, collect static files, serve
with gunicorn and the production configuration (archive/gunicorn_conf.py)."""

import os
import secrets
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

LOCAL_SECRET_FILE = Path(settings.BASE_DIR) / ".secret_key"
GUNICORN_CONF = Path(settings.BASE_DIR) / "archive" / "gunicorn_conf.py"


def local_secret_key(path: Path = LOCAL_SECRET_FILE) -> str:
    """A random key for this machine's local server, kept outside git (see .gitignore).

    Written whole to a file only its owner can read (mkstemp creates it 0600), then linked
    into place: no other user ever finds the key readable, nor another server starting at
    the same moment a half-written file (the first link wins; the other reads its key)."""
    if not path.exists():
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            with os.fdopen(handle, "w") as file:
                file.write(secrets.token_urlsafe(50))
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


class Command(BaseCommand):
    help = (
        "Set up and serve the archive: apply migrations, load every fixture (idempotent), "
        "collect static files, then serve it with gunicorn as in production "
        "(default 127.0.0.1:8000)."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--setup-only", action="store_true", help="Prepare the database; do not serve."
        )

    def handle(
        self, *args: object, addrport: str, setup_only: bool, verbosity: int, **options: object
    ) -> None:
        quiet = max(verbosity - 1, 0)
        call_command("migrate", interactive=False, verbosity=quiet)
        call_command("createcachetable", verbosity=quiet)
        call_command("load_archive", verbosity=verbosity)
        # Records loaded before history was kept get a first version (no-op otherwise).
        call_command("createinitialrevisions", verbosity=quiet)
        call_command("collectstatic", interactive=False, verbosity=quiet)
        if setup_only:
            return
        env = dict(os.environ)
        env.setdefault("DJANGO_SECRET_KEY", local_secret_key())
        env["GUNICORN_BIND"] = addrport
        self.stdout.write(self.style.SUCCESS(f"Serving the archive on http://{addrport}/"))
        sys.stdout.flush()
        # A fresh process, so the settings are read again with the local secret key.
        gunicorn = [sys.executable, "-m", "gunicorn", "--chdir", str(settings.BASE_DIR)]
        os.execve(sys.executable, [*gunicorn, "-c", str(GUNICORN_CONF), "archive.wsgi"], env)
