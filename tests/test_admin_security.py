"""Only staff get in, by role; guessing passwords is throttled; sessions and CSRF are safe."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from archive.roles import EDITORS, VIEWERS
from letters.models import Letter
from tests.responses import ClientResponse, content_of
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


def words(response: ClientResponse) -> str:
    return " ".join(content_of(response).decode().split())


def locked_until(response: ClientResponse) -> str:
    assert response.status_code == 429
    return words(response).split("refused until", 1)[1].split(";", 1)[0]


def test_five_failures_refuse_that_account_from_that_address_only() -> None:
    staff("editor", EDITORS)
    staff("colleague", EDITORS)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        assert attempt(attacker, "wrong").status_code == 200
    refused = attempt(attacker, "wrong")  # the fifth failure
    assert refused.status_code == 429
    assert "5 logins to the account “editor” failed from your address (203.0.113.9)" in (
        words(refused)
    )
    assert "Logins to this account from this address are refused until" in words(refused)
    assert 3590 <= int(refused["Retry-After"]) <= 3601
    assert attempt(attacker, PASSWORD).status_code == 429  # even the right password
    # The editor, from their own address, and another account from the attacker's, log in.
    assert attempt(Client(REMOTE_ADDR="198.51.100.4"), PASSWORD).status_code == 302
    assert attempt(attacker, PASSWORD, "colleague").status_code == 302


def test_strangers_guessing_from_many_addresses_never_lock_an_editor_out() -> None:
    staff("editor", EDITORS)
    for n in range(6):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n + 10}")
        for _ in range(5):
            attempt(stranger, "wrong")
        assert attempt(stranger, PASSWORD).status_code == 429  # each guesser is refused
    assert attempt(Client(REMOTE_ADDR="198.51.100.4"), PASSWORD).status_code == 302


def test_tries_while_refused_do_not_extend_the_refusal() -> None:
    staff("editor", EDITORS)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attempt(attacker, "wrong")
    first = attempt(attacker, "wrong")
    for _ in range(3):
        assert locked_until(attempt(attacker, "wrong")) == locked_until(first)
    assert AccessAttempt.objects.get(ip_address="203.0.113.9").failures_since_start == 5
    # An hour after the fifth failure the account opens again from that address.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, seconds=1))
    assert attempt(attacker, PASSWORD).status_code == 302


def test_guesses_at_many_accounts_from_one_address_refuse_that_address() -> None:
    """Password spraying: one wrong password for each of many names."""
    staff("colleague", EDITORS)
    sprayer = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(19):
        assert attempt(sprayer, "Spring2026!", f"name{n}").status_code == 200
    refused = attempt(sprayer, "Spring2026!", "name19")  # the twentieth failure
    assert refused.status_code == 429
    assert "20 logins failed from your address (203.0.113.9)" in words(refused)
    assert "Every login from this address is refused until" in words(refused)
    assert attempt(sprayer, PASSWORD, "colleague").status_code == 429
    assert attempt(Client(REMOTE_ADDR="198.51.100.4"), PASSWORD, "colleague").status_code == 302


def test_a_login_to_ones_own_account_does_not_reset_the_guesses_at_another() -> None:
    """4 wrong guesses at a colleague's password, 1 right login to one's own account,
    repeated: the fifth wrong guess refuses the colleague's account from that address."""
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
    # The editor, from their own address, is not affected.
    assert attempt(Client(REMOTE_ADDR="192.0.2.1"), PASSWORD, "editor").status_code == 302


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
    proxy = "10.0.0.2"
    # The proxy appends the address it saw; the attacker forges the entries before it.
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    for _ in range(5):
        attempt(attacker, "wrong")
    assert attempt(attacker, PASSWORD).status_code == 429
    forging = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9")
    assert attempt(forging, PASSWORD).status_code == 429
    editor = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4")
    assert attempt(editor, PASSWORD).status_code == 302


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


# The views every ModelAdmin (and reversion's VersionAdmin) has; each checks a permission.
STANDARD_ADMIN_VIEWS = (
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "recoverlist",
    "recover",
    "revision",
)


def custom_admin_urls() -> list[str]:
    """Every view a ModelAdmin adds to the admin beyond the standard ones, its URL's
    parameters filled with 1."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            name = getattr(pattern, "name", None)
            if not name or name.removeprefix(prefix) in STANDARD_ADMIN_VIEWS:
                continue
            converters = getattr(pattern.pattern, "converters", {})
            urls.append(reverse(f"admin:{name}", kwargs=dict.fromkeys(converters, 1)))
    return urls


@pytest.mark.parametrize("group", [None, VIEWERS])
def test_every_custom_admin_view_asks_for_a_permission_not_only_staff(
    client: Client, group: str | None
) -> None:
    """A staff account without permissions, and a viewer, are refused every view an admin
    adds for editors (the suggested campaigns, drafting, removing a source)."""
    load_seed_archive()
    user = User.objects.create_user("staff-only", password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    urls = custom_admin_urls()
    assert reverse("admin:letters_campaign_suggestions") in urls
    assert len(urls) >= 3
    answers = {url: client.get(url).status_code for url in urls}
    assert answers == dict.fromkeys(urls, 403)
    campaigns = client.get(reverse("admin:letters_campaign_changelist"))
    if group:
        assert campaigns.status_code == 200
        assert reverse("admin:letters_campaign_suggestions") not in campaigns.text
