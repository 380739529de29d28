"""Safe by default: settings from the environment, security headers, no cookies for visitors."""

import os
import subprocess

import pytest
from django.test import Client

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
    for url in ["/", "/letters/", "/admin/login/"]:
        response = client.get(url, secure=True)
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'self'" in script_src
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
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
