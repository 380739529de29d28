"""Only staff get in, by role; guessing passwords is throttled; sessions and CSRF are safe."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client, override_settings
from django.urls import reverse

from letters.loading import load_archive
from letters.models import Letter
from letters.roles import EDITORS, VIEWERS

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"


def staff(username: str, group: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def attempt(client: Client, password: str, **headers: str):
    return client.post(
        LOGIN, {"username": "editor", "password": password, "next": "/admin/"}, **headers
    )


def test_repeated_failed_logins_lock_out_that_address_only() -> None:
    staff("editor", EDITORS)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        assert attempt(attacker, "wrong").status_code == 200
    assert attempt(attacker, "wrong").status_code == 429  # the fifth failure locks
    locked = attempt(attacker, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").exists()

    colleague = Client(REMOTE_ADDR="198.51.100.4")
    assert attempt(colleague, PASSWORD).status_code == 302


@override_settings(ARCHIVE_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_address_is_throttled_not_the_proxy() -> None:
    staff("editor", EDITORS)
    proxy = "10.0.0.2"
    # The proxy appends the address it saw; the attacker forges the entries before it.
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    for _ in range(5):
        attempt(attacker, "wrong")
    assert attempt(attacker, PASSWORD).status_code == 429
    forging = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9")
    assert attempt(forging, PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4")
    assert attempt(colleague, PASSWORD).status_code == 302


def test_viewers_read_the_admin_but_cannot_change_anything(client: Client) -> None:
    load_archive()
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
    load_archive()
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
