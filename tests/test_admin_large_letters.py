"""Letters of any size save in the admin: a 400-signer letter is confirmed from a draft and
then edited on its change page, with every signer kept (a form over Django's field limit
would be refused with a bare 400 and the edit lost)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from letters import signals
from letters.models import Letter, refresh_tallies
from people.models import Legislator
from tests.admin_forms import admin_form_data, posted_fields
from tests.factories import make_letter, make_recipient
from tests.responses import ClientResponse

pytestmark = pytest.mark.django_db

SIGNERS = 400
FIRST = ["Ann", "Ben", "Cal", "Dee", "Eve", "Fay", "Gil", "Hal", "Ida", "Jon"]
ROOTS = ["Ash", "Birch", "Cole", "Dun", "Elm", "Fair", "Glen", "Hol", "Ivo", "Kerr"]
ENDS = ["ford", "ley", "more", "ton", "wick", "by", "den", "well", "ham", "stead"]
STEMS = ["", "in", "ar", "ov"]


def many_legislators(count: int) -> list[Legislator]:
    """`count` House Democrats from California with distinct last names."""
    last_names = (f"{root}{stem}{end}" for stem, root, end in itertools.product(STEMS, ROOTS, ENDS))
    rows = [
        Legislator(
            slug=f"member-{index}",
            name=f"{FIRST[index % len(FIRST)]} {last}",
            last_name=last,
            chamber="house",
            title="Representative",
            party="D",
            state="CA",
        )
        for index, last in zip(range(count), last_names, strict=False)
    ]
    return Legislator.objects.bulk_create(rows)


@pytest.fixture
def staff_client(client: Client) -> Client:
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    client.force_login(user)
    return client


def letter_text(legislators: list[Legislator]) -> str:
    names = ", ".join(f"{person.name} ({person.party_state})" for person in legislators)
    return (
        "May 2, 2025\n\nThe Honorable Marco Rubio\nSecretary of State\n\nDear Secretary Rubio,"
        "\n\nWe urge the release of all Armenian prisoners of war.\n\n"
        f"The letter is signed by Representatives {names}.\n"
    )


def review_post(response: ClientResponse, **changes: str) -> dict[str, str]:
    """The review form as a browser posts it back."""
    form = response.context["review"]
    text_form = response.context["text_form"]
    data = {"step": "confirm", **{name: text_form[name].value() or "" for name in text_form.fields}}
    return data | posted_fields(form) | changes


def drafted_letter(staff_client: Client, legislators: list[Legislator]) -> Letter:
    """A letter signed by `legislators`, drafted from its text and confirmed."""
    make_recipient()
    draft_url = reverse("admin:letters_letter_draft")
    review = staff_client.post(draft_url, {"step": "review", "text": letter_text(legislators)})
    assert review.status_code == 200
    assert len(review.context["draft"].signers) == len(legislators)
    confirm = staff_client.post(draft_url, review_post(review, summary="They sign."))
    assert confirm.status_code == 302, confirm.content[:500]
    return Letter.objects.get()


def test_a_400_signer_letter_is_confirmed_from_a_draft_and_edited_in_the_admin(
    staff_client: Client,
) -> None:
    legislators = many_legislators(SIGNERS)
    letter = drafted_letter(staff_client, legislators)
    assert letter.signatories.count() == SIGNERS
    # Counted once, at the end of the save: the tallies read as the signatures do.
    assert (letter.tally.signers, letter.tally.democrats) == (SIGNERS, SIGNERS)
    assert {signer.tally.letters_signed for signer in legislators} == {1}

    change_url = reverse("admin:letters_letter_change", args=[letter.pk])
    data = admin_form_data(staff_client.get(change_url))
    data["summary"] = "Four hundred Representatives ask for the release of prisoners."
    data["signatories-399-role"] = "lead"
    saved = staff_client.post(change_url, data)
    assert saved.status_code == 302, saved.content[:500]
    letter.refresh_from_db()
    assert letter.summary.startswith("Four hundred Representatives")
    assert letter.signatories.count() == SIGNERS
    assert letter.signatories.get(position=SIGNERS).role == "lead"


def test_a_large_letters_signers_are_folded_and_listed_for_search(staff_client: Client) -> None:
    letter = make_letter("Big letter", signers=many_legislators(60))
    page = staff_client.get(reverse("admin:letters_letter_change", args=[letter.pk]))
    signers = next(
        inline
        for inline in page.context["inline_admin_formsets"]
        if inline.opts.model.__name__ == "Signatory"
    )
    assert "collapse" in signers.classes
    listing = reverse("admin:letters_signatory_changelist") + f"?letter__id__exact={letter.pk}"
    assert listing.replace("&", "&amp;") in page.text or listing in page.text
    assert staff_client.get(listing).context["cl"].result_count == 60


def test_an_admin_save_changing_every_signatory_recounts_the_tallies_once(
    staff_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    legislators = many_legislators(60)
    letter = drafted_letter(staff_client, legislators)
    change_url = reverse("admin:letters_letter_change", args=[letter.pk])
    data = admin_form_data(staff_client.get(change_url))
    for index in range(60):
        data[f"signatories-{index}-role"] = "lead"
    recounts = []

    def counted(**kwargs: Any) -> None:
        recounts.append(kwargs)
        refresh_tallies(**kwargs)

    monkeypatch.setattr(signals, "refresh_tallies", counted)
    saved = staff_client.post(change_url, data)
    assert saved.status_code == 302, saved.context["errors"]
    assert len(recounts) == 1
    assert {signer.tally.letters_led for signer in legislators} == {1}
