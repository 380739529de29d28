"""Drafting matches what a text prints with care: namesakes reported, not chosen; an unknown
signer, recipient or badge listed for the editor; accents, suffixes and transliterations of
Armenian names compared as readers write them; dates only as precise as the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.names import MatchStatus
from letters.drafting import (
    draft_letter,
    name_key,
    transliteration_key,
)
from letters.models import Letter, Signatory
from tests.factories import make_demand, make_detainee, make_legislator

pytestmark = pytest.mark.django_db


def test_two_legislators_with_the_same_name_party_and_state_are_reported_not_chosen() -> None:
    make_legislator("James A. Smith", "R", "TX", slug="james-a-smith")
    make_legislator("James B. Smith", "R", "TX", slug="james-b-smith")
    draft = draft_letter("The letter, led by Representative James Smith (R-TX), urges release.")
    (signer,) = draft.signers
    assert signer.status == MatchStatus.AMBIGUOUS
    assert signer.legislator is None
    assert {c.slug for c in signer.candidates} == {"james-a-smith", "james-b-smith"}
    assert any("James Smith (R-TX)" in problem for problem in draft.unresolved)


def test_an_unknown_signer_is_listed_as_unmatched() -> None:
    make_legislator("Dina Titus", "D", "NV")
    draft = draft_letter(
        "The letter was signed by Dina Titus (D-NV) and Zebulon Nobody (R-WY) on May 2, 2025."
    )
    statuses = {s.printed_name: s.status for s in draft.signers}
    assert statuses == {"Dina Titus": MatchStatus.MATCHED, "Zebulon Nobody": MatchStatus.NOT_FOUND}
    assert any("Zebulon Nobody (R-WY): no legislator" in p for p in draft.unresolved)


def test_a_signer_without_a_lead_named_is_a_signer_and_with_led_by_a_lead_or_cosigner() -> None:
    make_legislator("Dina Titus", "D", "NV")
    make_legislator("Chris Smith", "R", "NJ")
    make_legislator("Judy Chu", "D", "CA")
    plain = draft_letter("Dina Titus (D-NV) and Chris Smith (R-NJ) signed the letter.")
    assert {s.role for s in plain.signers} == {Signatory.Role.SIGNER}
    led = draft_letter(
        "The letter, led by Dina Titus (D-NV), was joined by Rep. Judy Chu (D-CA) and "
        "Chris Smith (R-NJ)."
    )
    assert {s.printed_name: s.role for s in led.signers} == {
        "Dina Titus": "lead",
        "Judy Chu": "cosigner",
        "Chris Smith": "cosigner",
    }
    assert led.signers[1].passage == "Rep. Judy Chu (D-CA)"


def test_accents_and_suffixes_in_printed_names_still_match() -> None:
    make_legislator("Linda Sánchez", "D", "CA", last_name="Sánchez")
    make_legislator("Robert Menendez, Jr.", "D", "NJ", last_name="Menendez")
    draft = draft_letter(
        "The letter was signed by Linda Sanchez (D-CA) and Robert Menendez Jr. (D-NJ)."
    )
    assert [s.status for s in draft.signers] == [MatchStatus.MATCHED, MatchStatus.MATCHED]


def test_a_signature_block_without_a_badge_is_only_a_doubtful_match_without_terms() -> None:
    """A name and a chamber, for a legislator whose terms the archive does not hold: linked
    for the editor to check, never taken as certain."""
    make_legislator("Gary Peters", "D", "MI", chamber="senate")
    draft = draft_letter(
        "April 4, 2024\n\nDear Secretary Blinken,\n\nWe urge you.\n\n"
        "Gary C. Peters\nUnited States Senator\n"
    )
    (signer,) = draft.signers
    assert signer.legislator is not None and signer.legislator.name == "Gary Peters"
    assert not signer.is_resolved and "check the match" in signer.note
    assert signer.passage == "Gary C. Peters\nUnited States Senator"
    assert any("Gary C. Peters" in problem for problem in draft.unresolved)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Arkadi", "Arkady"),
        ("Ghukasyan", "Gukasyan"),
        ("Davit", "David"),
        ("Harutyunyan", "Harutiunyan"),
        ("Mnatsakanyan", "Mnatzakanyan"),
        ("Vardanyan", "Vardanian"),
    ],
)
def test_transliteration_variants_of_armenian_names_compare_equal(one: str, other: str) -> None:
    assert transliteration_key(one) == transliteration_key(other)


def test_different_armenian_names_stay_different() -> None:
    assert name_key("Davit Babayan") != name_key("Davit Manukyan")
    assert name_key("Arayik Harutyunyan") != name_key("Arkadi Ghukasyan")


def test_a_detainee_printed_in_another_transliteration_or_by_alias_is_matched() -> None:
    make_detainee("Arkadi Ghukasyan")
    make_detainee("Ruben Vardanyan", aliases=["Ruben Vardanian", "Рубен Варданян"])
    draft = draft_letter(
        "We urge the release of former President Arkady Gukasyan and of Ruben Vardanian."
    )
    assert [(m.printed_name, m.detainee and m.detainee.slug) for m in draft.mentions] == [
        ("Arkady Gukasyan", "arkadi-ghukasyan"),
        ("Ruben Vardanian", "ruben-vardanyan"),
    ]
    assert draft.mentions[0].role_given == "former President"


def test_two_detainees_whose_names_read_alike_are_reported_not_chosen() -> None:
    make_detainee("Davit Babayan", slug="davit-babayan")
    make_detainee("David Babayan", slug="david-babayan")
    draft = draft_letter("The letter names Davit Babayan among the prisoners.")
    (mention,) = draft.mentions
    assert mention.detainee is None and len(mention.candidates) == 2
    assert any("Davit Babayan" in problem for problem in draft.unresolved)


def test_the_command_refuses_to_save_while_a_signer_is_unmatched(tmp_path: Path) -> None:
    make_demand("Release of prisoners", slug="release-of-prisoners")
    path = tmp_path / "letter.txt"
    path.write_text(
        "May 2, 2025\n\nDear Secretary Rubio,\n\nThe letter, signed by Zebulon Nobody (R-WY), "
        "urges the release of all prisoners.\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Zebulon Nobody"):
        call_command("draft_letter", str(path), "--save", "--slug", "x", "--summary", "x")
    assert not Letter.objects.exists()


def test_a_text_without_a_date_or_known_names_drafts_with_everything_listed_to_resolve() -> None:
    draft = draft_letter("Some members wrote to the Secretary about the prisoners.")
    assert draft.date is None and draft.suggested_slug == ""
    assert any(problem.startswith("Date:") for problem in draft.unresolved)
    assert any(problem.startswith("Chamber:") for problem in draft.unresolved)


def test_a_letter_dated_only_by_its_month_gets_month_precision_never_a_day() -> None:
    draft = draft_letter("In a letter sent in March 2025, members urged the release of POWs.")
    assert draft.date is not None
    assert (draft.date.date.isoformat(), draft.date.precision) == ("2025-03-01", "month")
    assert draft.date.passage == "letter sent in March 2025"
    assert draft.date.display == "March 2025"


def test_an_official_the_archive_does_not_know_is_listed_as_an_unmatched_recipient() -> None:
    draft = draft_letter(
        "May 2, 2025\n\nThe Honorable Lloyd Austin\nSecretary of Defense\n\nDear Secretary,\n"
    )
    (recipient,) = draft.recipients
    assert recipient.recipient is None and recipient.printed_name == "Lloyd Austin"
    assert any("Lloyd Austin" in problem for problem in draft.unresolved)


def test_senators_and_representatives_on_one_letter_make_it_bicameral() -> None:
    make_legislator("Ed Markey", "D", "MA", chamber="senate")
    make_legislator("Dina Titus", "D", "NV")
    draft = draft_letter("Senator Ed Markey (D-MA) and Rep. Dina Titus (D-NV) signed the letter.")
    assert draft.chamber == "bicameral"


def test_a_badge_the_reader_cannot_parse_is_reported_so_no_signer_is_lost_silently() -> None:
    draft = draft_letter("The letter was signed by Grace Meng (D-Nowhere) and others.")
    assert draft.signers == []
    (loss,) = draft.losses
    assert "(D-Nowhere)" in loss.text and loss.passage.endswith("Grace Meng (D-Nowhere)")


def test_a_title_before_a_name_the_reader_cannot_take_is_said_not_lost_silently() -> None:
    make_legislator("Frank Pallone", "D", "NJ")
    draft = draft_letter(
        "The letter was signed by Rep. Frank Pallone (D-NJ) and Rep. gus bilirakis."
    )
    assert [signer.printed_name for signer in draft.signers] == ["Frank Pallone"]
    (loss,) = draft.losses
    assert loss.passage == "Rep. gus bilirakis." and "“Rep.”" in loss.text


def test_a_noun_after_a_number_is_not_taken_for_a_title_before_a_lost_name() -> None:
    make_legislator("Dina Titus", "D", "NV")
    draft = draft_letter(
        "Two Representatives have signed the letter: Rep. Dina Titus (D-NV) and one other."
    )
    assert [loss.passage for loss in draft.losses] == ["Two Representatives"]
