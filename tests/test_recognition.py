"""A text about a letter already in the archive is recognised from what it shares with the
letter (date, recipients, leads, signers, detainees, stated count, wording), not only from
shared signers, and never taken for a different letter."""

from __future__ import annotations

import pytest

from letters.drafting import draft_letter
from letters.drafting.existing import close_letters, recognise_letter
from letters.models import Letter
from tests.factories import make_legislator
from tests.seeds import SEED_LETTERS, seed_text

pytestmark = pytest.mark.django_db

# Written for these tests: a release about the November 21, 2025 letter (whose own text
# names no signer) naming two leads; the senators are invented for the test.
NOVEMBER_RELEASE = (
    "Senators Press Rubio on Armenian Prisoners\n\n"
    "November 21, 2025\n\n"
    "WASHINGTON - A letter sent today to Secretary of State Marco Rubio, led by Senators Maria "
    "Kessler (D-NH) and Tom Whitford (R-KS), urges him to demand the release of all Armenian "
    "political prisoners, including Ruben Vardanyan, Davit Manukyan and Davit Babayan, and to "
    "impose Global Magnitsky sanctions on the Azerbaijani officials responsible.\n"
)
# A news story about the Titus-Smith letter in its own words (no phrase of the letter).
TITUS_SMITH_STORY = (
    "House members seek sanctions over Armenian captives\n\n"
    "April 11, 2025\n\n"
    "Thirty-six House members, led by Reps. Dina Titus (D-NV) and Chris Smith (R-NJ), today "
    "wrote to Secretary of State Marco Rubio asking him to sanction Azerbaijani officials over the "
    "detention of Armenian prisoners, among them Ruben Vardanyan.\n"
)
# Another letter of the same month, to the same Secretary, by leads of a letter of that month.
OTHER_APRIL_LETTER = (
    "Caucus Leaders Write Again\n\n"
    "April 20, 2025\n\n"
    "A new letter to Secretary of State Marco Rubio, led by Representatives Frank Pallone "
    "(D-NJ) and Gus Bilirakis (R-FL), asks for humanitarian aid to displaced Armenians.\n"
)


@pytest.fixture
def archive(seed_archive: None) -> None:
    """The seed archive, loaded once for the module."""


@pytest.mark.parametrize("prefix", SEED_LETTERS)
def test_each_seed_text_recognises_its_own_letter(archive: None, prefix: str) -> None:
    recognition = recognise_letter(draft_letter(seed_text(prefix)))
    assert recognition is not None and recognition.letter.slug == SEED_LETTERS[prefix]


@pytest.mark.parametrize("prefix", SEED_LETTERS)
def test_a_seed_text_whose_letter_is_missing_is_taken_for_no_other(
    archive: None, prefix: str
) -> None:
    Letter.objects.get(slug=SEED_LETTERS[prefix]).delete()
    assert recognise_letter(draft_letter(seed_text(prefix))) is None


def test_the_november_letter_is_recognised_from_a_release_naming_its_leads(
    archive: None,
) -> None:
    make_legislator("Maria Kessler", "D", "NH", chamber="senate")
    make_legislator("Tom Whitford", "R", "KS", chamber="senate")
    recognition = recognise_letter(draft_letter(NOVEMBER_RELEASE))
    assert recognition is not None
    assert recognition.letter.slug == "2025-11-21-senators-rubio"
    assert "the same date, November 21, 2025" in recognition.evidence
    assert "3 detainees named in both" in recognition.evidence


def test_a_story_in_other_words_is_recognised_from_its_leads_date_and_count(
    archive: None,
) -> None:
    recognition = recognise_letter(draft_letter(TITUS_SMITH_STORY))
    assert recognition is not None
    assert recognition.letter.slug == "2025-04-11-titus-smith-rubio"
    assert "the same leads (Dina Titus, Chris Smith)" in recognition.evidence


def test_another_letter_of_the_same_month_and_leads_is_not_taken_for_one_in_the_archive(
    archive: None,
) -> None:
    draft = draft_letter(OTHER_APRIL_LETTER)
    assert recognise_letter(draft) is None
    # The month-only letter of the same leads is shown as close, for the editor to judge.
    assert [r.letter.slug for r in close_letters(draft)] == ["2025-04-armenian-caucus-rubio-waltz"]


def test_a_letter_of_another_chamber_or_date_is_never_recognised(archive: None) -> None:
    senate = TITUS_SMITH_STORY.replace("House members", "Senators").replace(
        "Reps. Dina Titus (D-NV) and Chris Smith (R-NJ)", "Senators"
    )
    assert recognise_letter(draft_letter(senate)) is None
    later = TITUS_SMITH_STORY.replace("April 11, 2025", "April 14, 2025")
    assert recognise_letter(draft_letter(later)) is None
