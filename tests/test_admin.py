"""Staff edit every record in the admin, and a letter with its signers on one screen."""

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from letters.models import Letter, Signatory, Source
from people.models import Legislator
from tests.factories import first_row

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = [
    "addressees",
    "signatories",
    "letter_demands",
    "mentions",
    "footnotes",
    "bill_references",
    "differing_facts",
]


@pytest.fixture
def staff_client(seed_archive: None, client: Client) -> Client:
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    client.force_login(user)
    return client


def admin_url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def project_models() -> list[type[Model]]:
    return [m for m in admin.site._registry if m._meta.app_label in {"letters", "people"}]


def test_every_archive_model_is_in_the_admin() -> None:
    names = {m._meta.model_name for m in project_models()}
    assert {"letter", "signatory", "legislator", "detainee", "demand", "source"} <= names


def test_every_changelist_add_and_change_page_opens_for_staff(staff_client: Client) -> None:
    for model in project_models():
        assert staff_client.get(admin_url(model, "changelist")).status_code == 200, model
        assert staff_client.get(admin_url(model, "add")).status_code == 200, model
        obj = model._default_manager.first()
        if obj is not None:
            response = staff_client.get(admin_url(model, "change", obj.pk))
            assert response.status_code == 200, model


def test_changelist_filters_and_search_work(staff_client: Client) -> None:
    url = admin_url(Legislator, "changelist")
    response = staff_client.get(url, {"party__exact": "R"})
    assert "Chris Smith" in response.text and "Dina Titus" not in response.text
    response = staff_client.get(url, {"q": "Sánchez"})
    assert "Linda Sánchez" in response.text
    response = staff_client.get(admin_url(Signatory, "changelist"), {"role__exact": "lead"})
    assert response.status_code == 200 and "Dina Titus" in response.text


def test_letter_change_form_edits_signers_demands_and_mentions_on_one_screen(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    response = staff_client.get(admin_url(Letter, "change", letter.pk))
    for prefix in INLINE_PREFIXES:
        assert f'name="{prefix}-TOTAL_FORMS"' in response.text, prefix
    assert 'value="36" id="id_signatories-TOTAL_FORMS"' in response.text


def test_legislator_autocomplete_finds_by_name(staff_client: Client) -> None:
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "letters",
            "model_name": "signatory",
            "field_name": "legislator",
            "term": "Titus",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Dina Titus (D-NV)"]


def empty_management_forms(data: dict[str, Any], skip: str = "") -> None:
    for prefix in INLINE_PREFIXES:
        if prefix != skip:
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})


def test_staff_add_a_letter_with_its_signers_in_one_form(staff_client: Client) -> None:
    source = Source.objects.create(
        slug="new-release",
        title="New release",
        kind="press_release",
        full_text="On May 1, 2026 Dina Titus (D-NV) and Chris Smith (R-NJ) wrote again.",
    )
    titus, smith = (
        Legislator.objects.get(slug="dina-titus"),
        Legislator.objects.get(slug="chris-smith"),
    )
    data = {
        "title": "A new letter",
        "slug": "2026-05-01-new-letter",
        "chamber": "house",
        "summary": "Another letter.",
        "date": "2026-05-01",
        "date_precision": "day",
        "date_passage": "May 1, 2026",
        "sources": [str(source.pk)],
        "signatories-TOTAL_FORMS": "2",
        "signatories-INITIAL_FORMS": "0",
    }
    for i, (legislator, printed) in enumerate(
        [(titus, "Dina Titus (D-NV)"), (smith, "Chris Smith (R-NJ)")]
    ):
        data.update(
            {
                f"signatories-{i}-position": str(i + 1),
                f"signatories-{i}-legislator": str(legislator.pk),
                f"signatories-{i}-role": "lead",
                f"signatories-{i}-printed_name": legislator.name,
                f"signatories-{i}-printed_party_state": legislator.party_state,
                f"signatories-{i}-source": str(source.pk),
                f"signatories-{i}-passage": printed,
            }
        )
    empty_management_forms(data, skip="signatories")
    response = staff_client.post(admin_url(Letter, "add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    letter = Letter.objects.get(slug="2026-05-01-new-letter")
    assert list(letter.signatories.values_list("printed_name", flat=True)) == [
        "Dina Titus",
        "Chris Smith",
    ]


def test_the_admin_refuses_a_date_passage_missing_from_the_sources(staff_client: Client) -> None:
    source = first_row(Source.objects)
    data = {
        "title": "Misdated",
        "slug": "misdated",
        "chamber": "house",
        "summary": "x",
        "date": "2026-05-01",
        "date_precision": "day",
        "date_passage": "May 1, 2026, a date in no source",
        "sources": [str(source.pk)],
    }
    empty_management_forms(data)
    response = staff_client.post(admin_url(Letter, "add"), data)
    assert response.status_code == 200
    assert "Not found in the cited source" in response.text
    assert not Letter.objects.filter(slug="misdated").exists()


def test_the_admin_is_closed_to_visitors(client: Client) -> None:
    response = client.get(admin_url(Letter, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_public_record_has_view_on_site_landing_on_its_public_page(
    staff_client: Client,
) -> None:
    from letters.models import Bill, Demand, Recipient
    from people.models import Detainee

    for model in (Letter, Source, Legislator, Detainee, Demand, Recipient, Bill):
        obj = model._default_manager.first()
        assert obj is not None, model
        page = staff_client.get(admin_url(model, "change", obj.pk))
        assert 'class="viewsitelink"' in page.text, model
        view_on_site = page.context["absolute_url"]
        public = staff_client.get(view_on_site, follow=True)
        assert public.status_code == 200, model
        assert public.redirect_chain[-1][0].endswith(obj.get_absolute_url()), model
