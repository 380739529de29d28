"""Staff add a letter from its press release in the admin: paste, review every signer's
match, confirm. Nothing is saved before the confirm step, and only staff who may add
letters reach the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from archive.provenance import passage_in
from archive.roles import EDITORS, VIEWERS, ensure_staff_roles
from letters.models import Letter, Signatory, Source
from people.models import Legislator
from tests.admin_forms import posted_fields
from tests.factories import make_legislator
from tests.responses import ClientResponse
from tests.seeded import load_seed_archive
from tests.seeds import seed_text

pytestmark = pytest.mark.django_db

TITUS_SMITH = "2025-04-11-titus-smith-rubio"
DRAFT_URL = reverse("admin:letters_letter_draft")

# A letter signed by a member in the archive and one who is not.
UNMATCHED_SIGNER_TEXT = (
    "May 2, 2025\n\nThe Honorable Marco Rubio\nSecretary of State\n\nDear Secretary Rubio,"
    "\n\nThe letter, signed by Dina Titus (D-NV) and Zebulon Nobody (R-WY), urges the "
    "release of all Armenian prisoners of war.\n"
)


@pytest.fixture
def archive_without_titus_smith() -> None:
    """Legislators, detainees, demands and recipients loaded; the Titus-Smith letter not."""
    load_seed_archive()
    # Its sources stay: a detainee's story cites them (they describe no letter once it is gone).
    Letter.objects.get(slug=TITUS_SMITH).delete()


@pytest.fixture
def editor_client(client: Client) -> Client:
    ensure_staff_roles()
    user = User.objects.create_user("editor", "editor@example.org", "a-long-passphrase")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def review_data(response_form: ClientResponse, **changes: str) -> dict[str, str]:
    """The review form as the browser would post it back, with the editor's changes."""
    data: dict[str, str] = {"step": "confirm"}
    form = response_form.context["review"]
    text_form = response_form.context["text_form"]
    data["text"] = text_form.cleaned_data["text"]
    data["title"] = text_form.cleaned_data["title"]
    data.update(posted_fields(form))
    data.update(changes)
    return {name: value for name, value in data.items() if value != "__off__"}


def test_the_letters_changelist_has_a_button_to_draft_from_text(editor_client: Client) -> None:
    response = editor_client.get(reverse("admin:letters_letter_changelist"))
    assert response.status_code == 200
    assert DRAFT_URL in response.text and "Draft a letter from text" in response.text


def test_the_paste_page_opens_for_an_editor(editor_client: Client) -> None:
    response = editor_client.get(DRAFT_URL)
    assert response.status_code == 200
    assert 'name="text"' in response.text and "csrfmiddlewaretoken" in response.text


def test_pasting_the_titus_smith_press_release_adds_the_letter_with_36_matched_signers(
    archive_without_titus_smith: None, editor_client: Client
) -> None:
    text = seed_text("000")
    letters, sources = Letter.objects.count(), Source.objects.count()

    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text, "title": ""})
    assert review.status_code == 200
    draft = review.context["draft"]
    assert len(draft.signers) == 36 and all(s.is_resolved for s in draft.signers)
    assert review.context["existing"] is None
    assert "Jake Auchincloss" in review.text and "36 (2 leads)" in review.text
    assert (Letter.objects.count(), Source.objects.count()) == (letters, sources)

    confirm = editor_client.post(
        DRAFT_URL, review_data(review, summary="Thirty-six Representatives ask for sanctions.")
    )
    letter = Letter.objects.get(slug=TITUS_SMITH)
    assert confirm.status_code == 302
    assert confirm["Location"] == reverse("admin:letters_letter_change", args=[letter.pk])
    (source,) = letter.sources.all()
    assert source.full_text == text
    assert letter.signatories.count() == 36
    assert [s.legislator.slug for s in letter.signatories.filter(role="lead")] == [
        "dina-titus",
        "chris-smith",
    ]
    rows = [
        *letter.signatories.all(),
        *letter.addressees.all(),
        *letter.mentions.all(),
    ]
    assert all(row.source == source and passage_in(row.passage, text) for row in rows)
    assert all(passage_in(row.wording, text) for row in letter.letter_demands.all())
    page = editor_client.get(confirm["Location"])
    assert "with 36 signers" in page.text


def test_the_review_page_makes_no_query_per_signer(
    archive_without_titus_smith: None,
    editor_client: Client,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    """Guards an N+1: one legislator select per signer must not query per select."""
    with django_assert_max_num_queries(20):
        response = editor_client.post(DRAFT_URL, {"step": "review", "text": seed_text("000")})
    assert response.status_code == 200


def test_the_editor_can_change_a_signers_match_and_leave_items_out(
    archive_without_titus_smith: None, editor_client: Client
) -> None:
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": seed_text("000")})
    other = Legislator.objects.get(slug="susie-lee")
    data = review_data(
        review,
        summary="s",
        signer_36_keep="__off__",
        demand_1_keep="__off__",
        signer_3_legislator=str(Legislator.objects.get(slug="gabe-amo").pk),
    )
    # A legislator who is not a candidate for that signer is refused.
    refused = editor_client.post(DRAFT_URL, data | {"signer_3_legislator": str(other.pk)})
    assert refused.status_code == 200 and not Letter.objects.filter(slug=TITUS_SMITH).exists()
    editor_client.post(DRAFT_URL, data)
    letter = Letter.objects.get(slug=TITUS_SMITH)
    assert letter.signatories.count() == 35
    assert not letter.signatories.filter(legislator__slug="david-valadao").exists()
    assert letter.letter_demands.count() == 3


def test_a_press_release_for_a_letter_already_in_the_archive_is_flagged_not_duplicated(
    editor_client: Client,
) -> None:
    load_seed_archive()
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": seed_text("004")})
    existing = Letter.objects.get(slug="2025-04-armenian-caucus-rubio-waltz")
    assert review.context["existing"] == existing
    assert "Already in the archive" in review.text
    assert reverse("admin:letters_letter_change", args=[existing.pk]) in review.text
    letters = Letter.objects.count()
    again = editor_client.post(DRAFT_URL, review_data(review, summary="s", slug="copy"))
    assert again.status_code == 200 and Letter.objects.count() == letters


def test_an_unmatched_signer_must_be_resolved_or_left_out(editor_client: Client) -> None:
    load_seed_archive()
    text = UNMATCHED_SIGNER_TEXT
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert "no legislator in the archive" in review.text
    refused = editor_client.post(DRAFT_URL, review_data(review, summary="s"))
    assert refused.status_code == 200 and "Choose the legislator" in refused.text
    saved = editor_client.post(DRAFT_URL, review_data(review, summary="s", signer_2_keep="__off__"))
    assert saved.status_code == 302
    letter = Letter.objects.get(slug=review.context["review"]["slug"].value())
    assert [s.printed_name for s in Signatory.objects.filter(letter=letter)] == ["Dina Titus"]


def test_the_draft_page_is_refused_to_anyone_but_staff_who_may_add_letters(
    client: Client,
) -> None:
    ensure_staff_roles()
    text = {"step": "review", "text": "Dina Titus (D-NV) signed the letter on May 2, 2025."}
    assert client.get(DRAFT_URL).status_code == 302  # anonymous: to the login page
    assert client.post(DRAFT_URL, text).status_code == 302
    member = User.objects.create_user("member", "member@example.org", "a-long-passphrase")
    client.force_login(member)  # logged in, not staff
    assert client.get(DRAFT_URL)["Location"].startswith(reverse("admin:login"))
    assert client.post(DRAFT_URL, text | {"step": "confirm"}).status_code == 302
    viewer = User.objects.create_user("viewer", "viewer@example.org", "a-long-passphrase")
    viewer.is_staff = True
    viewer.save()
    viewer.groups.add(Group.objects.get(name=VIEWERS))
    client.force_login(viewer)  # staff who may only view
    assert client.get(DRAFT_URL).status_code == 403
    assert client.post(DRAFT_URL, text).status_code == 403
    assert not Letter.objects.exists() and not Source.objects.exists()


def test_the_draft_form_is_csrf_protected(editor_client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = editor_client.cookies
    response = strict.post(DRAFT_URL, {"step": "review", "text": "Some text."})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The text is empty"),
        ("  \n\n ", "The text is empty"),
        ("\x01\x02\x03 binary \x04\x05\x06\x07", "binary data"),
        ("text\x00with a NUL", "Null characters are not allowed"),
        ("word " * 200_001, "over the limit"),
        ("A recipe: two eggs, flour and milk. Whisk, then bake for an hour.", "No letter found"),
    ],
)
def test_bad_pasted_text_is_refused_with_a_clear_message(
    editor_client: Client, text: str, message: str
) -> None:
    response = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert response.status_code == 200
    assert message in response.text and "errorlist" in response.text
    assert "draft" not in response.context
    confirm = editor_client.post(
        DRAFT_URL, {"step": "confirm", "text": text, "slug": "x", "summary": "x"}
    )
    assert confirm.status_code == 200 and message in confirm.text
    assert not Letter.objects.exists() and not Source.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary"),
        (b"caf\xe9 Titus", "is not UTF-8 text"),
    ],
)
def test_an_uploaded_file_that_is_not_text_is_refused(
    editor_client: Client, content: bytes, message: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("letter.png", content, content_type="image/png")
    response = editor_client.post(DRAFT_URL, {"step": "review", "file": upload})
    assert response.status_code == 200 and message in response.text
    assert not Source.objects.exists()


def test_an_uploaded_text_file_is_drafted_like_a_paste(editor_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    load_seed_archive()
    text = (
        "May 2, 2025\n\nThe Honorable Marco Rubio\nSecretary of State\n\nDear Secretary Rubio,"
        "\n\nThe letter, signed by Dina Titus (D-NV), urges the release of all prisoners.\n"
    )
    upload = SimpleUploadedFile("letter.txt", text.encode(), content_type="text/plain")
    review = editor_client.post(DRAFT_URL, {"step": "review", "file": upload})
    assert review.status_code == 200
    assert [s.printed_name for s in review.context["draft"].signers] == ["Dina Titus"]
    # The review page carries the file's text, so the confirm step reads the same text.
    assert 'name="text" value="May 2, 2025' in review.text


def test_an_unmatched_signer_is_created_as_a_hand_entered_legislator_in_one_step(
    editor_client: Client,
) -> None:
    load_seed_archive()
    text = UNMATCHED_SIGNER_TEXT
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert "Signer not in the archive" in review.text
    assert "Create as a legislator entered by hand" in review.text
    created = editor_client.post(
        DRAFT_URL, {"step": "create_legislator", "create_signer": "2", "text": text}
    )
    assert created.status_code == 200
    nobody = Legislator.objects.get(name="Zebulon Nobody")
    assert nobody.entered_by_hand and (nobody.party, nobody.state) == ("R", "WY")
    signers = created.context["draft"].signers
    assert [s.legislator for s in signers][1] == nobody and signers[1].is_resolved
    assert "Signer not in the archive" not in created.text
    assert not Letter.objects.filter(slug__startswith="2025-05-02").exists()


CORPUS = Path(__file__).parent / "corpus"


def corpus_text(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def page_words(response: object) -> str:
    return " ".join(response.content.decode().split())  # type: ignore[attr-defined]


def test_a_recognised_letter_is_shown_with_its_evidence_and_the_choice_of_a_new_letter(
    editor_client: Client,
) -> None:
    load_seed_archive()
    text = corpus_text("55_release_about_the_november_letter")
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert review.context["existing"].slug == "2025-11-21-senators-rubio"
    words = page_words(review)
    assert "Recognised from the month of the text, November 2025; the same recipients" in words
    assert "3 demands asked in both" in words
    assert "Or save it as a new letter" in words


def test_a_letter_the_text_contradicts_is_shown_with_what_contradicts_it(
    editor_client: Client,
) -> None:
    load_seed_archive()
    text = corpus_text("47_new_letter_on_the_same_day")
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert review.context["existing"] is None
    (ruled_out,) = [r for r in review.context["ruled_out"] if r.letter.slug == TITUS_SMITH]
    words = page_words(review)
    assert "the same date, April 11, 2025" in words
    assert (
        "<strong>but</strong> led by Judy Chu, Gus Bilirakis, who did not lead the letter; "
        "60 signers stated, the letter 36."
    ) in words
    assert f'name="attach_to" value="{ruled_out.letter.pk}"' in words


def test_signers_the_draft_does_not_hold_are_listed_with_their_passage(
    editor_client: Client,
) -> None:
    load_seed_archive()
    text = corpus_text("51_ocr_name_in_lowercase")
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    words = page_words(review)
    assert "Signers not in the draft." in words
    assert "“Rep.” is printed before a name the draft did not read as a signer" in words
    assert "<q>Rep. gus bilirakis, who ask that the Armenian prisoners of war</q>" in words


def test_a_signer_of_the_other_chamber_is_shown_unmatched_with_the_passage_and_what_to_do(
    editor_client: Client,
) -> None:
    load_seed_archive()
    schiff = make_legislator("Adam Schiff", "D", "CA", chamber="senate")
    text = corpus_text("58_house_letter_names_a_member_now_in_the_senate")
    review = editor_client.post(DRAFT_URL, {"step": "review", "text": text})
    assert review.context["draft"].chamber == "house"
    words = page_words(review)
    assert (
        "<strong>Signer not matched.</strong> Adam Schiff (D-CA): no member of the House of this "
        "name fits on the letter&#x27;s date; Adam Schiff (D-CA) sat in the other chamber then, "
        "so is not linked: choose them only if the text is wrong about the chamber; add them "
        "as a legislator entered by hand, or untick them. <br><q>Adam Schiff (D-CA)</q>"
    ) in words
    signer = next(s for s in review.context["draft"].signers if s.printed_name == "Adam Schiff")
    assert signer.legislator is None and signer.choices == [schiff]
