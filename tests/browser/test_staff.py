"""An editor working in the admin in a real browser, under the site's Content Security
Policy (not bypassed): every admin page they use runs without a CSP violation, and the
autocompletes (select2, Django's own admin JavaScript) find a legislator as they type."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_legislator, make_letter
from tests.seeded import load_seed_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass-phrase 7"


def log_in_as_an_editor(page: Any, live_server: Any) -> None:
    """A superuser made for the test, logged in through the admin's login form."""
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(live_server.url + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))


def test_an_editor_edits_a_letter_without_a_csp_violation(
    live_server: Any, strict_page: tuple[Any, list[str]]
) -> None:
    page, violations = strict_page
    titus = make_legislator("Dina Titus", "D", "NV")
    make_legislator("Chris Smith", "R", "NJ")
    letter = make_letter("Titus letter", "2025-04-11", signers=[(titus, "lead")])
    log_in_as_an_editor(page, live_server)

    page.goto(live_server.url + reverse("admin:letters_letter_change", args=[letter.pk]))
    assert page.locator("#id_title").input_value() == "Titus letter"
    # An empty signatory row: its legislator autocomplete finds Smith from "Smi".
    page.locator("#signatories-group .add-row a").click()
    row = page.locator("#signatories-group .dynamic-signatories").last
    row.locator(".field-legislator .select2-selection").click()
    page.locator(".select2-search__field").fill("Smi")
    # The results come by XHR: wait for them (fails after the page's 15 s timeout).
    page.locator(".select2-results__option", has_text="Chris Smith").wait_for()
    page.keyboard.press("Escape")

    for url in (
        reverse("admin:letters_letter_add"),
        reverse("admin:letters_letter_draft"),
        reverse("admin:letters_letter_changelist"),
    ):
        page.goto(live_server.url + url)
        assert page.locator("#content").is_visible(), url

    assert violations == []


def test_every_admin_page_of_every_record_runs_without_a_csp_violation(
    live_server: Any, strict_page: tuple[Any, list[str]]
) -> None:
    """Each model's list, add form, first record's change form and history, and the views
    the admin adds, on the seed archive: the admin too runs without any inline style."""
    page, violations = strict_page
    load_seed_archive()
    log_in_as_an_editor(page, live_server)
    urls = [reverse("admin:letters_campaign_suggestions"), reverse("admin:letters_letter_draft")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls += [
                reverse(f"{name}_change", args=[first.pk]),
                reverse(f"{name}_history", args=[first.pk]),
            ]
    seen = {}
    for url in urls:
        page.goto(live_server.url + url)
        seen[url] = list(violations)
        violations.clear()
    assert {url: found for url, found in seen.items() if found} == {}
