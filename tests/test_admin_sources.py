"""An editor adds a text about a letter already in the archive as another source of it, in
the admin, and removes a source with what it gave."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from archive.provenance import passage_in
from letters.drafting import draft_letter
from letters.drafting.attaching import attach_source
from letters.models import Letter, Source
from letters.pages.passages import passage_anchor
from tests.admin_forms import admin_form_data, posted_fields
from tests.factories import make_legislator
from tests.responses import ClientResponse
from tests.test_attaching import (
    CAUCUS_LEADS_RELEASE,
    MARKEY_LEADS_RELEASE,
    TITUS_SMITH_FULLER_STORY,
)
from tests.test_corpus import CORPUS
from tests.test_recognition import NOVEMBER_RELEASE, OTHER_APRIL_LETTER, TITUS_SMITH_STORY

pytestmark = pytest.mark.django_db

DRAFT_URL = reverse("admin:letters_letter_draft")
NOVEMBER = "2025-11-21-senators-rubio"


@pytest.fixture
def staff_client(client: Client, seed_archive: None) -> Client:
    make_legislator("Maria Kessler", "D", "NH", chamber="senate")
    make_legislator("Tom Whitford", "R", "KS", chamber="senate")
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "a-long-pass"))
    return client


def attach_data(review: ClientResponse, **changes: str) -> dict[str, str]:
    form = review.context["attaching"]
    data = {"step": "attach", "attach_to": str(form.letter.pk), "text": form_text(review)}
    return data | posted_fields(form) | changes


def form_text(review: ClientResponse) -> str:
    text: str = review.context["text_form"].cleaned_data["text"]
    return text


def test_a_release_about_the_november_letter_is_added_as_its_source(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug=NOVEMBER)
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": NOVEMBER_RELEASE})
    assert review.context["existing"] == letter
    assert "Already in the archive" in review.text and "Recognised from" in review.text
    assert "Add as a source of this letter" in review.text

    added = staff_client.post(DRAFT_URL, attach_data(review))
    assert added.status_code == 302
    assert added["Location"] == reverse("admin:letters_letter_change", args=[letter.pk])
    assert letter.sources.count() == 2 and letter.signatories.count() == 2
    assert Letter.objects.filter(slug__startswith="2025-11").count() == 1  # no second copy

    page = staff_client.get(added["Location"])
    new = letter.sources.exclude(slug="2025-11-21-letter-ocr").get()
    remove_url = reverse("admin:letters_letter_remove_source", args=[letter.pk, new.pk])
    assert remove_url in page.text
    confirm = staff_client.get(remove_url)
    assert "2 signatories" in confirm.text and "Maria Kessler" in confirm.text
    assert staff_client.post(remove_url).status_code == 302
    assert letter.sources.count() == 1 and letter.signatories.count() == 0
    assert not Source.objects.filter(pk=new.pk).exists()


def test_a_differing_count_is_a_choice_and_kept_by_default(staff_client: Client) -> None:
    story = TITUS_SMITH_STORY.replace("Thirty-six House", "Thirty-seven House")
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": story})
    assert "Number of signers differs" in review.text
    assert "This text says 37 signers; the archive records 36 signers" in review.text
    staff_client.post(DRAFT_URL, attach_data(review))
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    assert letter.signers_stated == 36
    assert [(f.fact, f.value) for f in letter.differing_facts.all()] == [("count", "37")]


def test_a_text_close_to_a_letter_can_be_compared_with_it(staff_client: Client) -> None:
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": OTHER_APRIL_LETTER})
    assert review.context["existing"] is None
    caucus = Letter.objects.get(slug="2025-04-armenian-caucus-rubio-waltz")
    assert [c.letter for c in review.context["close"]] == [caucus]
    compared = staff_client.post(
        DRAFT_URL, {"step": "review", "text": OTHER_APRIL_LETTER, "attach_to": str(caucus.pk)}
    )
    assert compared.context["target"] == caucus and "Compare with a letter" in compared.text


def test_the_only_source_of_a_letter_has_no_remove_link_and_is_refused(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug=NOVEMBER)
    source = letter.sources.get()
    url = reverse("admin:letters_letter_remove_source", args=[letter.pk, source.pk])
    assert (
        url not in staff_client.get(reverse("admin:letters_letter_change", args=[letter.pk])).text
    )
    refused = staff_client.post(url)
    assert refused.status_code == 200 and "only source" in refused.text
    assert letter.sources.count() == 1


def addition_key(review: ClientResponse, says: str) -> str:
    """The form key of what the text adds or says otherwise, found by what it says."""
    form = review.context["attaching"]
    (key,) = [a.key for a in form.additions if a.says == says]
    return f"take_{key}"


def test_the_editor_takes_a_role_a_release_gives_and_removing_the_release_restores_it(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug="2025-04-armenian-caucus-rubio-waltz")
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": CAUCUS_LEADS_RELEASE})
    assert review.context["existing"] == letter
    assert "A signer&#x27;s role differs" in review.text
    assert "Take Mike Lawler: lead; show Mike Lawler: co-signer beside it" in review.text

    lawler = addition_key(review, "Mike Lawler: lead")
    added = staff_client.post(DRAFT_URL, attach_data(review, **{lawler: "take"}))
    assert added.status_code == 302
    signatory = letter.signatories.get(legislator__slug="mike-lawler")
    release = letter.sources.get(title=review.context["attaching"]["attach_source_title"].value())
    assert (signatory.role, signatory.role_source) == ("lead", release)
    assert letter.signatories.get(legislator__slug="gabe-amo").role == "cosigner"  # left

    page = " ".join(staff_client.get(letter.get_absolute_url()).text.split())
    assert "Mike Lawler: Lead according to" in page
    assert "Co-signer according to" in page and "the role of 1 signer" in page
    # Where the names come from: the signer's own passage, then the role's in the release.
    assert f"<p>{signatory.role_passage}</p></blockquote> <figcaption>From" in page
    assert f'#{passage_anchor(signatory.role_passage)}">{release.title}</a>' in page

    remove_url = reverse("admin:letters_letter_remove_source", args=[letter.pk, release.pk])
    assert "The role of 1 signer" in staff_client.get(remove_url).text
    staff_client.post(remove_url)
    signatory.refresh_from_db()
    assert (signatory.role, signatory.role_source, signatory.role_passage) == ("cosigner", None, "")
    assert not letter.differing_facts.exists()


def test_the_editor_ticks_the_recipients_detainees_and_demands_a_story_adds(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": TITUS_SMITH_FULLER_STORY})
    assert review.context["existing"] == letter
    for heading in ("A recipient not recorded", "A detainee named, not recorded"):
        assert heading in review.text
    assert "A demand not recorded" in review.text and "Section 907 enforcement" in review.text

    demand = addition_key(review, "Section 907 enforcement")
    data = attach_data(review)
    del data[demand]  # the editor unticks the ask
    assert staff_client.post(DRAFT_URL, data).status_code == 302
    story = letter.sources.get(slug__startswith="2025-04-11-titus-smith-rubio-press-release")
    assert [a.recipient.slug for a in letter.addressees.filter(source=story)] == ["michael-waltz"]
    assert [m.detainee.slug for m in letter.mentions.filter(source=story)] == ["davit-babayan"]
    assert not letter.letter_demands.filter(source=story).exists()

    remove_url = reverse("admin:letters_letter_remove_source", args=[letter.pk, story.pk])
    confirm = staff_client.get(remove_url).text
    assert "recipients: National Security Advisor Michael Waltz</li>" in confirm
    assert "detainee mentions: Davit Babayan in" in confirm
    staff_client.post(remove_url)
    assert list(letter.addressees.values_list("recipient__slug", flat=True)) == ["marco-rubio"]
    assert list(letter.mentions.values_list("detainee__slug", flat=True)) == ["ruben-vardanyan"]


def test_a_newsroom_story_about_the_november_letter_gives_its_count(
    staff_client: Client,
) -> None:
    """The corpus's story about the November 21, 2025 letter, whose own text names no signer,
    says four senators signed: the editor takes the number from it."""
    letter = Letter.objects.get(slug=NOVEMBER)
    text = (CORPUS / "30_story_about_the_november_letter.txt").read_text()
    review = staff_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert review.context["existing"] == letter
    assert staff_client.post(DRAFT_URL, attach_data(review)).status_code == 302
    letter.refresh_from_db()
    assert letter.signers_stated == 4 and letter.signers_stated_source != letter.date_source
    assert letter.signers_stated_source is not None
    assert passage_in(letter.signers_stated_passage, letter.signers_stated_source.full_text)


def test_a_role_given_by_last_name_alone_is_offered_to_check_not_taken(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug="2025-04-armenian-caucus-rubio-waltz")
    text = CAUCUS_LEADS_RELEASE.replace("Mike Lawler (R-NY)", "Lawler")
    review = staff_client.post(
        DRAFT_URL, {"step": "review", "text": text, "attach_to": str(letter.pk)}
    )
    assert "Lawler: lead <em>(matched only as the one of the letter" in review.text
    staff_client.post(DRAFT_URL, attach_data(review))  # the editor changes nothing
    assert letter.signatories.get(legislator__slug="mike-lawler").role == "cosigner"
    assert letter.differing_facts.filter(signatory__legislator__slug="mike-lawler").exists()


def test_a_role_changed_by_hand_no_longer_cites_the_release_that_gave_it(
    staff_client: Client,
) -> None:
    letter = Letter.objects.get(slug="2024-04-04-markey-cassidy-peters-tillis-blinken")
    attach_source(
        draft_letter(MARKEY_LEADS_RELEASE),
        letter,
        source_title="Markey release",
        source_kind="press_release",
        choices={},
    )
    change_url = reverse("admin:letters_letter_change", args=[letter.pk])
    data = admin_form_data(staff_client.get(change_url))
    markey, cassidy = (
        letter.signatories.get(legislator__slug=slug) for slug in ("ed-markey", "bill-cassidy")
    )
    (row,) = [
        name
        for name, value in data.items()
        if name.startswith("signatories-") and name.endswith("-id") and str(value) == str(markey.pk)
    ]
    data[row.replace("-id", "-role")] = "cosigner"
    assert staff_client.post(change_url, data).status_code == 302
    markey.refresh_from_db()
    assert (markey.role, markey.role_source, markey.role_passage) == ("cosigner", None, "")
    cassidy.refresh_from_db()
    assert cassidy.role == "lead" and cassidy.role_source is not None  # untouched
