"""Safe by default: settings from the environment, security headers, no cookies for visitors."""

import os
import stat
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from letters.management.commands.serve_archive import local_secret_key
from tests.prepared_archive import MANAGE
from tests.seeded import load_seed_archive


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [*MANAGE, *args],
        env={**clean_env, "DJANGO_SETTINGS_MODULE": "archive.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a" * 20 + "-production-secret-" + "b" * 30,
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DJANGO_BEHIND_TLS_PROXY="true",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_debug_is_off_and_there_is_no_fallback_secret_unless_asked() -> None:
    script = (
        "from django.conf import settings\n"
        "print('DEBUG', settings.DEBUG)\n"
        "try:\n    settings.SECRET_KEY\nexcept Exception as e:\n    print('REFUSED', e)\n"
    )
    result = run_manage("shell", "-c", script)
    assert "DEBUG False" in result.stdout, result.stderr
    assert "REFUSED The SECRET_KEY setting must not be empty." in result.stdout


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client: Client) -> None:
    load_seed_archive()
    for url in ["/", "/letters/", "/letters/2025-04-11-titus-smith-rubio/", "/admin/login/"]:
        response = client.get(url, secure=True)
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'self'" in script_src
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        style_src = next(d for d in csp.split(";") if d.strip().startswith("style-src"))
        assert style_src.split() == ["style-src", "'self'"], url  # no inline style
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        max_age = int(response["Strict-Transport-Security"].split("max-age=")[1].split(";")[0])
        assert max_age >= 365 * 24 * 3600


@pytest.mark.django_db
def test_public_pages_set_no_cookies(client: Client) -> None:
    load_seed_archive()
    for url in ["/", "/letters/", "/letters/2025-04-11-titus-smith-rubio/", "/legislators/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)


def test_the_local_secret_key_is_created_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is 0600 from the moment it exists, not made so afterwards: with every
    chmod a no-op and a umask that restricts nothing, it is still 0600."""
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(os, "fchmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(Path, "chmod", lambda *args, **kwargs: None)
    path = tmp_path / ".secret_key"
    umask = os.umask(0)
    try:
        key = local_secret_key(path)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 50 and local_secret_key(path) == key  # kept, not replaced
    assert [p.name for p in tmp_path.iterdir()] == [".secret_key"]  # no temporary file left


# A login page requested the production settings' way (static files without a manifest:
# the test does not collect them), printing whether its CSRF cookie is Secure.
COOKIE_FLAGS = (
    "from django.conf import settings\n"
    "from django.test import Client, override_settings\n"
    "plain = {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
    "with override_settings(STORAGES={**settings.STORAGES, 'staticfiles': plain}):\n"
    "    page = Client().get('/admin/login/', secure=True)\n"
    "print('CSRF_SECURE', bool(page.cookies['csrftoken']['secure']))\n"
    "print('SESSION_SECURE', settings.SESSION_COOKIE_SECURE)\n"
)


@pytest.mark.parametrize(
    ("site_url", "secure"),
    [("https://archive.example.org", True), ("http://127.0.0.1:8000", False)],
)
def test_cookies_are_secure_wherever_the_site_is_reached_over_https(
    site_url: str, secure: bool
) -> None:
    result = run_manage(
        "shell",
        "-c",
        COOKIE_FLAGS,
        DJANGO_SECRET_KEY="a" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite://:memory:",
        ARCHIVE_SITE_URL=site_url,
    )
    assert f"CSRF_SECURE {secure}" in result.stdout, result.stderr
    assert f"SESSION_SECURE {secure}" in result.stdout
