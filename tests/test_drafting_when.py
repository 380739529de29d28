"""Matching knows when: a signer is matched among the members who served, in the chamber the
text gives, on the letter's date; namesakes across chambers and eras are told apart, the
letter's chamber comes from its signers' offices on that date, and a signer the archive
lacks can be entered by hand in one step. Reading stays linear in the text's length."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from archive.names import MatchStatus
from letters.drafting import create_legislator_from_signer, draft_letter
from people.models import Legislator
from tests.factories import make_legislator, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def menendezes() -> tuple[Legislator, Legislator]:
    senator = make_legislator(
        "Bob Menendez", "D", "NJ", chamber="senate", slug="bob-menendez", last_name="Menendez"
    )
    make_term(senator, "1993-01-05", "2006-01-17", chamber="house", district=13)
    make_term(senator, "2019-01-03", "2024-08-20")
    son = make_legislator(
        "Rob Menendez", "D", "NJ", slug="rob-menendez", last_name="Menendez", official_name=""
    )
    make_term(son, "2023-01-03", "2025-01-03", district=8)
    make_term(son, "2025-01-03", "2027-01-03", district=8)
    return senator, son


def test_a_senator_on_a_2021_letter_is_the_senator_not_todays_namesake(
    menendezes: tuple[Legislator, Legislator],
) -> None:
    senator, _ = menendezes
    draft = draft_letter(
        "March 3, 2021\n\nDear Secretary Blinken,\n\nThe letter was signed by Senator Bob "
        "Menendez (D-NJ).\n"
    )
    (signer,) = draft.signers
    assert signer.legislator == senator and signer.is_resolved
    assert draft.chamber == "senate"


def test_a_house_member_on_a_2025_letter_is_the_representative(
    menendezes: tuple[Legislator, Legislator],
) -> None:
    _, son = menendezes
    draft = draft_letter(
        "April 11, 2025\n\nDear Secretary Rubio,\n\nThe letter was signed by Rob Menendez "
        "(D-NJ) and others.\n"
    )
    (signer,) = draft.signers
    assert signer.legislator == son and signer.is_resolved
    assert draft.chamber == "house"


def test_a_namesake_who_did_not_serve_on_the_date_is_never_linked() -> None:
    son = make_legislator("Rob Menendez", "D", "NJ", slug="rob-menendez", last_name="Menendez")
    make_term(son, "2023-01-03", "2027-01-03", district=8)
    draft = draft_letter(
        "June 1, 2021\n\nDear Secretary Blinken,\n\nThe letter was signed by Senator Bob "
        "Menendez (D-NJ).\n"
    )
    (signer,) = draft.signers
    assert signer.legislator is None and signer.status == MatchStatus.NOT_FOUND
    assert "did not serve there on 2021-06-01" in signer.note


def test_the_chamber_is_the_one_served_on_the_letters_date_not_today() -> None:
    schiff = make_legislator("Adam Schiff", "D", "CA", chamber="senate", last_name="Schiff")
    make_term(schiff, "2023-01-03", "2024-12-08", chamber="house", district=30)
    make_term(schiff, "2024-12-09", "2031-01-03")
    titus = make_legislator("Dina Titus", "D", "NV")
    make_term(titus, "2023-01-03", "2025-01-03", district=1)
    draft = draft_letter(
        "May 2, 2023\n\nDear Secretary Blinken,\n\nThe letter, led by Adam Schiff (D-CA) and "
        "Dina Titus (D-NV), urges the release of prisoners.\n"
    )
    assert [s.legislator for s in draft.signers] == [schiff, titus]
    assert draft.chamber == "house"


def test_a_last_name_alone_is_linked_only_as_doubtful() -> None:
    lawler = make_legislator("Mike Lawler", "R", "NY")
    make_term(lawler, "2025-01-03", "2027-01-03", district=17)
    draft = draft_letter(
        "April 2, 2025\n\nDear Secretary Rubio,\n\nRepresentatives Lawler and Nobody led the "
        "letter.\n"
    )
    lawler_signer = draft.signers[0]
    assert lawler_signer.legislator == lawler and lawler_signer.role == "lead"
    assert not lawler_signer.is_resolved and "only the last name" in lawler_signer.note


def test_an_unmatched_signer_is_created_as_a_hand_entered_legislator_in_one_step() -> None:
    draft = draft_letter(
        "May 2, 2025\n\nDear Secretary Rubio,\n\nThe letter was signed by Rep. Zebulon Nobody "
        "(R-WY-01).\n"
    )
    (signer,) = draft.signers
    assert signer.status == MatchStatus.NOT_FOUND

    legislator = create_legislator_from_signer(signer)

    assert (legislator.name, legislator.party, legislator.state) == ("Zebulon Nobody", "R", "WY")
    assert (legislator.chamber, legislator.district, legislator.entered_by_hand) == (
        "house",
        1,
        True,
    )
    assert signer.legislator == legislator and signer.is_resolved


def test_a_signer_without_party_and_state_cannot_be_created_and_nothing_is_saved() -> None:
    draft = draft_letter(
        "May 2, 2025\n\nDear Secretary Rubio,\n\nThe letter was signed by Rep. Zebulon Nobody.\n"
    )
    (signer,) = draft.signers
    with pytest.raises(ValidationError, match="no party and state"):
        create_legislator_from_signer(signer)
    assert not Legislator.objects.exists()


@pytest.mark.timeout(120)
def test_five_thousand_signers_in_one_paragraph_draft_in_linear_time() -> None:
    """Each stage is bounded per position: a paragraph of 5,000 badged names (about 150 kB)
    drafts well inside the timeout; a quadratic stage would take many minutes."""
    names = ", ".join(f"Rep. Member{index:04d} Person (D-CA)" for index in range(5000))
    text = f"May 2, 2025\n\nDear Secretary Rubio,\n\nThe letter was signed by {names}.\n"
    draft = draft_letter(text)
    assert len(draft.signers) == 5000


@pytest.mark.timeout(120)
def test_a_one_megabyte_paste_drafts_in_linear_time() -> None:
    paragraph = (
        "The letter, led by Rep. Dina Titus (D-NV), urges Secretary of State Marco Rubio to "
        "press for the release of Armenian prisoners of war, including Ruben Vardanyan. "
    )
    text = "April 11, 2025\n\n" + (paragraph * (1_000_000 // len(paragraph)))[:990_000]
    draft = draft_letter(text)
    assert len(draft.signers) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("%PDF-1.7\x00\x01\x02\x03 binary stream", "binary"),
        ("x" * 1_000_001, "over the limit"),
    ],
)
def test_bad_input_is_refused_by_the_drafting_layer_with_a_clear_message(
    text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        draft_letter(text)
