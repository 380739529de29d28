"""A letter of 250 signers in a real browser: its admin page opens with the signers folded,
and unfolded it shows one line per signer with no sideways scrolling at a laptop's width."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_letter
from tests.test_admin_large_letters import many_legislators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass-phrase 7"


def test_a_250_signer_letter_is_a_page_an_editor_can_use(live_server: Any, page: Any) -> None:
    letter = make_letter("Big letter", signers=many_legislators(250))
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:letters_letter_change", args=[letter.pk]))
    folded = page.evaluate("document.documentElement.scrollHeight")
    assert folded < 5_000, folded  # folded: a fraction of the page with every row open

    page.locator("#signatories-group summary").first.click()
    rows = page.locator("#signatories-group tr.form-row.has_original")
    assert rows.count() == 250
    first, last = rows.first.bounding_box(), rows.last.bounding_box()
    per_row = (last["y"] - first["y"]) / 249
    assert per_row < 60, per_row
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, width
