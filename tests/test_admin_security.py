"""Only staff get in, by role; guessing passwords is throttled; sessions and CSRF are safe."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client, override_settings
from django.urls import reverse

from archive.roles import EDITORS, VIEWERS
from letters.models import Letter
from tests.responses import ClientResponse
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"


def staff(username: str, group: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def attempt(
    client: Client, password: str, username: str = "editor", **extra: Any
) -> ClientResponse:
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def test_repeated_failed_logins_lock_out_that_address() -> None:
    staff("editor", EDITORS)
    staff("colleague", EDITORS)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        assert attempt(attacker, "wrong").status_code == 200
    assert attempt(attacker, "wrong").status_code == 429  # the fifth failure locks
    locked = attempt(attacker, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").exists()
    assert attempt(attacker, PASSWORD, "colleague").status_code == 429  # the address is locked

    colleague = Client(REMOTE_ADDR="198.51.100.4")
    assert attempt(colleague, PASSWORD, "colleague").status_code == 302


def test_a_login_to_ones_own_account_does_not_reset_the_guesses_at_another() -> None:
    """4 wrong guesses at a colleague's password, 1 right login to one's own account,
    repeated: the fifth wrong guess locks the colleague's account and the address."""
    staff("editor", EDITORS)
    staff("intern", VIEWERS)
    insider = Client(REMOTE_ADDR="198.51.100.7")
    wrong_guesses = 0
    for _ in range(4):
        for _ in range(4):
            wrong_guesses += 1
            if attempt(insider, "guess", "editor").status_code == 429:
                break
        else:
            attempt(insider, PASSWORD, "intern")
            insider.post(reverse("admin:logout"))
            continue
        break
    assert wrong_guesses == 5  # the fifth wrong guess is answered with the lockout
    assert attempt(insider, PASSWORD, "editor").status_code == 429
    # The account itself is locked, from any address, for the cool-off time.
    assert attempt(Client(REMOTE_ADDR="192.0.2.1"), PASSWORD, "editor").status_code == 429


def test_guesses_at_one_account_from_many_addresses_lock_that_account() -> None:
    staff("editor", EDITORS)
    staff("colleague", EDITORS)
    for n in range(5):
        attempt(Client(REMOTE_ADDR=f"203.0.113.{n + 10}"), "wrong", "editor")
    assert attempt(Client(REMOTE_ADDR="192.0.2.1"), PASSWORD, "editor").status_code == 429
    assert attempt(Client(REMOTE_ADDR="203.0.113.10"), PASSWORD, "colleague").status_code == 302


def test_a_login_clears_ones_own_earlier_typos() -> None:
    staff("editor", EDITORS)
    typist = Client(REMOTE_ADDR="198.51.100.8")
    for _ in range(4):
        assert attempt(typist, "typo").status_code == 200
    assert attempt(typist, PASSWORD).status_code == 302
    typist.post(reverse("admin:logout"))
    for _ in range(4):
        assert attempt(typist, "typo").status_code == 200
    assert attempt(typist, PASSWORD).status_code == 302


@override_settings(ARCHIVE_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_address_is_throttled_not_the_proxy() -> None:
    staff("editor", EDITORS)
    staff("colleague", EDITORS)
    proxy = "10.0.0.2"
    # The proxy appends the address it saw; the attacker forges the entries before it.
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    for _ in range(5):
        attempt(attacker, "wrong")
    assert attempt(attacker, PASSWORD).status_code == 429
    forging = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9")
    assert attempt(forging, PASSWORD, "colleague").status_code == 429
    colleague = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4")
    assert attempt(colleague, PASSWORD, "colleague").status_code == 302


def test_viewers_read_the_admin_but_cannot_change_anything(client: Client) -> None:
    load_seed_archive()
    client.force_login(staff("reader", VIEWERS))
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    assert client.get(reverse("admin:letters_letter_changelist")).status_code == 200
    page = client.get(reverse("admin:letters_letter_change", args=[letter.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.get(reverse("admin:letters_letter_add")).status_code == 403
    response = client.post(
        reverse("admin:letters_letter_delete", args=[letter.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_editors_can_change_records(client: Client) -> None:
    load_seed_archive()
    client.force_login(staff("writer", EDITORS))
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    page = client.get(reverse("admin:letters_letter_change", args=[letter.pk]))
    assert page.status_code == 200 and 'name="_save"' in page.text
    assert client.get(reverse("admin:letters_letter_add")).status_code == 200


def test_login_rotates_the_session_and_logout_drops_it() -> None:
    staff("editor", EDITORS)
    client = Client()
    client.get(LOGIN)
    client.session["probe"] = True
    before = client.session.session_key
    assert attempt(client, PASSWORD).status_code == 302
    after = client.session.session_key
    assert after and after != before
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert client.session.session_key is None
    assert client.get("/admin/").status_code == 302


def test_admin_forms_refuse_a_post_without_csrf_token() -> None:
    staff("editor", EDITORS)
    client = Client(enforce_csrf_checks=True)
    response = attempt(client, PASSWORD)
    assert response.status_code == 403


def test_session_and_csrf_cookies_are_http_only_or_secure_behind_tls() -> None:
    with override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True):
        staff("editor", EDITORS)
        client = Client()
        response = client.get(LOGIN, secure=True)
        assert response.cookies["csrftoken"]["secure"]
        response = attempt(client, PASSWORD, secure=True)
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"]
        assert session["samesite"] == "Lax"
