"""The data model holds what the archive promises: named constraints, natural keys, display."""

import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from letters.models import DetaineeMention, Letter, Signatory, Source
from people.models import Detainee, Legislator

pytestmark = pytest.mark.django_db

SOURCE_TEXT = (
    "Representatives Dina Titus (D-NV) and Chris Smith (R-NJ) wrote on April 11, 2025, naming "
    "former State Minister Ruben Vardanyan."
)


def make_source(**fields: object) -> Source:
    return Source.objects.create(
        **{"slug": "release", "title": "Release", "kind": "press_release", "full_text": SOURCE_TEXT}
        | fields
    )


def make_letter(**fields: object) -> Letter:
    return Letter.objects.create(
        **{
            "slug": "letter",
            "title": "Letter",
            "date": datetime.date(2025, 4, 11),
            "date_passage": "April 11, 2025",
            "chamber": "house",
            "summary": "A letter.",
        }
        | fields
    )


def make_legislator(**fields: object) -> Legislator:
    return Legislator.objects.create(
        **{
            "slug": "dina-titus",
            "name": "Dina Titus",
            "last_name": "Titus",
            "chamber": "house",
            "title": "Representative",
            "party": "D",
            "state": "NV",
        }
        | fields
    )


def make_signatory(
    letter: Letter, legislator: Legislator, source: Source, **fields: object
) -> Signatory:
    return Signatory(
        **{
            "letter": letter,
            "legislator": legislator,
            "source": source,
            "role": "lead",
            "printed_name": "Dina Titus",
            "printed_party_state": "D-NV",
            "position": 1,
            "passage": "Dina Titus (D-NV)",
        }
        | fields
    )


def test_a_legislator_signs_a_letter_only_once() -> None:
    letter, titus, source = make_letter(), make_legislator(), make_source()
    make_signatory(letter, titus, source).save()
    with (
        pytest.raises(IntegrityError, match=r"signatory_signs_letter_once|UNIQUE"),
        transaction.atomic(),
    ):
        make_signatory(letter, titus, source, position=2).save()


@pytest.mark.parametrize(
    ("field", "value"),
    [("party", "X"), ("state", "ZZ"), ("chamber", "lords")],
)
def test_the_database_refuses_invalid_codes(field: str, value: str) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_legislator(**{field: value})


def test_full_clean_names_an_invalid_party_code() -> None:
    legislator = Legislator(
        slug="x",
        name="X",
        last_name="X",
        chamber="house",
        title="Representative",
        party="Q",
        state="NV",
    )
    with pytest.raises(ValidationError) as error:
        legislator.full_clean()
    assert "party" in error.value.message_dict


def test_bioguide_ids_are_unique_but_may_be_missing() -> None:
    make_legislator(slug="a", bioguide_id="")
    make_legislator(slug="b", bioguide_id="")
    make_legislator(slug="c", bioguide_id="T000468")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_legislator(slug="d", bioguide_id="T000468")


def test_slugs_are_unique() -> None:
    make_letter()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_letter()


def test_a_month_only_date_is_stored_on_the_first_and_shown_as_the_month() -> None:
    letter = make_letter(date=datetime.date(2025, 4, 1), date_precision="month")
    assert letter.date_display == "April 2025"
    assert letter.date_iso == "2025-04"
    with pytest.raises(IntegrityError), transaction.atomic():
        make_letter(slug="other", date=datetime.date(2025, 4, 8), date_precision="month")


def test_an_exact_date_is_shown_with_its_day() -> None:
    letter = make_letter()
    assert (letter.date_display, letter.date_iso) == ("April 11, 2025", "2025-04-11")


def test_a_passage_must_stand_in_the_cited_source() -> None:
    signatory = make_signatory(
        make_letter(),
        make_legislator(),
        make_source(),
        passage="Dina Titus (D-CA)",
        printed_party_state="",
    )
    with pytest.raises(ValidationError) as error:
        signatory.full_clean()
    assert "passage" in error.value.message_dict


def test_a_printed_party_state_that_contradicts_the_match_is_refused() -> None:
    smith = make_legislator(slug="adam-smith", name="Adam Smith", last_name="Smith", state="WA")
    signatory = make_signatory(
        make_letter(),
        smith,
        make_source(),
        printed_name="Chris Smith",
        printed_party_state="R-NJ",
        passage="Chris Smith (R-NJ)",
    )
    with pytest.raises(ValidationError) as error:
        signatory.full_clean()
    assert "check the match" in str(error.value)


def test_a_passage_may_be_quoted_across_line_breaks() -> None:
    source = make_source(full_text="former State\nMinister Ruben Vardanyan, Nagorno-\nKarabakh")
    mention = DetaineeMention(
        letter=make_letter(),
        detainee=Detainee.objects.create(
            slug="ruben-vardanyan", name="Ruben Vardanyan", category="political"
        ),
        printed_name="Ruben Vardanyan",
        position=1,
        source=source,
        passage="former State Minister Ruben Vardanyan, Nagorno-Karabakh",
    )
    mention.full_clean()


def test_records_round_trip_through_natural_keys() -> None:
    letter, titus, source = make_letter(), make_legislator(), make_source()
    letter.sources.add(source)
    make_signatory(letter, titus, source).save()
    data = serializers.serialize(
        "json",
        [titus, source, letter, *Signatory.objects.all()],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    assert '"pk"' not in data
    assert Signatory.objects.get_by_natural_key("letter", "dina-titus").printed_name == "Dina Titus"
    assert Legislator.objects.get_by_natural_key("dina-titus") == titus


def test_str_and_urls_say_what_a_record_is() -> None:
    letter, titus = make_letter(), make_legislator()
    assert str(titus) == "Dina Titus (D-NV)"
    assert titus.party_state == "D-NV"
    assert titus.state_name == "Nevada"
    assert str(letter) == "Letter (April 11, 2025)"
    assert letter.get_absolute_url() == "/letters/letter/"
    assert titus.get_absolute_url() == "/legislators/dina-titus/"
