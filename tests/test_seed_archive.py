"""The archive loaded from fixtures/ says what the seed documents say, and no more."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
import yaml
from django.conf import settings
from django.test import Client

from archive.provenance import passage_in
from letters.models import (
    BillReference,
    DetaineeMention,
    Footnote,
    Letter,
    LetterDemand,
    LetterRecipient,
    Signatory,
    Source,
)
from letters.pages.passages import passage_anchor
from people.models import Legislator

SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
# SHA-256 of each seed document as received: the archive's copy is checked against these
# anywhere, and the documents themselves too when ../shared/seeds is beside the project.
SEED_DIGESTS = {
    "000_09c298f35a4f4fba.txt": "306c3a463bc0979ff8a16df3691e775b9f1f99acb3356835fece9d6a8d689cab",
    "001_3cc215e30c1d49f8.txt": "a08bc2134772cb762f29e5b31a9a2b2c6b63f0d258799019c6191ca62303106a",
    "002_1dec6475fc6e0504.txt": "b14112e0ddbbcbeaf551516570687d46f4e599e8e8d45c61a934cd1af411eef5",
    "003_9ab0c127bd794540.txt": "4d27de1712e8a9949b55be5f7e0bbf9ab43c7dbf4a9ff47da3523be785520fe4",
    "004_40ebfc8ece8744c0.txt": "e9deca606577c876aac87bbd9b16129045ff243e9ecdc291ee564f573fe30c19",
}

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from letters.models.letter import SignerCounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(seed_archive: None) -> None:
    """The seed archive, loaded once for this module (tests/conftest.py)."""


def signers(slug: str, **filters: str) -> list[str]:
    return list(
        Signatory.objects.filter(letter__slug=slug, **filters)
        .order_by("position")
        .values_list("printed_name", flat=True)
    )


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_every_seed_document_is_in_the_archive_exactly_as_received(archive: None) -> None:
    for name, expected in SEED_DIGESTS.items():
        parts = Source.objects.filter(seed_file=name).order_by("pk")
        assert parts.exists(), f"{name} has no source in the archive"
        assert digest("".join(p.full_text for p in parts)) == expected, name
    assert set(Source.objects.exclude(seed_file="").values_list("seed_file", flat=True)) == set(
        SEED_DIGESTS
    )
    if SEEDS_DIR.is_dir():  # the documents as received, when they are beside the project
        received = {
            seed.name: seed.read_text(encoding="utf-8") for seed in SEEDS_DIR.glob("0*.txt")
        }
        assert {name: digest(text) for name, text in received.items()} == SEED_DIGESTS


def test_every_quoted_passage_stands_in_its_source(archive: None) -> None:
    quoted = [
        (Signatory, "passage"),
        (LetterRecipient, "passage"),
        (LetterDemand, "wording"),
        (DetaineeMention, "passage"),
        (Footnote, "passage"),
        (BillReference, "passage"),
    ]
    checked = 0
    for model, field in quoted:
        for row in model.objects.select_related("source"):
            assert passage_in(getattr(row, field), row.source.full_text), (model, row.pk)
            checked += 1
    for letter in Letter.objects.prefetch_related("sources"):
        text = "\n".join(s.full_text for s in letter.sources.all())
        assert passage_in(letter.date_passage, text), letter.slug
        assert passage_in(letter.signers_stated_passage, text), letter.slug
    assert checked > 100


def test_the_five_letters_with_their_dates_as_precise_as_the_sources(archive: None) -> None:
    dates = {letter.slug: letter.date_display for letter in Letter.objects.all()}
    assert dates == {
        "2024-04-04-markey-cassidy-peters-tillis-blinken": "April 4, 2024",
        "2025-02-06-armenian-caucus-rubio": "February 6, 2025",
        "2025-04-11-titus-smith-rubio": "April 11, 2025",
        "2025-04-armenian-caucus-rubio-waltz": "April 2025",
        "2025-11-21-senators-rubio": "November 21, 2025",
    }
    undated = Letter.objects.get(slug="2025-04-armenian-caucus-rubio-waltz")
    assert undated.date_precision == "month"
    assert "does not date the letter" in undated.date_note


def counted(slug: str) -> WithAnnotations[Letter, SignerCounts]:
    """The letter with its signer counts, read from its tally."""
    return cast(
        "WithAnnotations[Letter, SignerCounts]",
        Letter.objects.with_signer_counts().get(slug=slug),
    )


def test_titus_smith_letter_has_all_36_signers_led_by_titus_and_smith(archive: None) -> None:
    letter = counted("2025-04-11-titus-smith-rubio")
    assert letter.signers_stated == 36
    assert letter.signers_recorded == 36
    assert signers(letter.slug, role="lead") == ["Dina Titus", "Chris Smith"]
    cosigners = signers(letter.slug, role="cosigner")
    assert len(cosigners) == 34
    assert cosigners[0] == "Gabe Amo" and cosigners[-1] == "David Valadao"
    assert "Linda Sánchez" in cosigners  # accents kept
    assert "Robert Menendez, Jr." in cosigners  # name as printed
    assert (letter.republicans, letter.democrats) == (6, 30)


def test_caucus_letter_of_april_2025_has_25_signers_and_two_recipients(archive: None) -> None:
    letter = counted("2025-04-armenian-caucus-rubio-waltz")
    assert letter.signers_stated == letter.signers_recorded == 25
    assert signers(letter.slug, role="lead") == [
        "Frank Pallone",
        "David Valadao",
        "Brad Sherman",
        "Gus Bilirakis",
    ]
    recipients = LetterRecipient.objects.filter(letter=letter).order_by("position")
    assert [(r.recipient.name, r.printed_title) for r in recipients] == [
        ("Marco Rubio", "Secretary of State"),
        ("Michael Waltz", "National Security Advisor"),
    ]


def test_letters_whose_sources_do_not_name_every_signer_say_so(archive: None) -> None:
    caucus = counted("2025-02-06-armenian-caucus-rubio")
    assert caucus.signers_recorded == 4
    assert set(signers(caucus.slug, role="lead")) == {
        "Frank Pallone",
        "Gus Bilirakis",
        "Brad Sherman",
        "David Valadao",
    }
    assert caucus.signers_stated is None
    assert "names only the four" in caucus.signers_note
    assert caucus.full_text_is_partial

    unnamed = counted("2025-11-21-senators-rubio")
    assert unnamed.signers_recorded == 0
    assert unnamed.signers_stated is None  # four signature blocks, but no number stated
    assert unnamed.signature_blocks == 4
    assert "not named in the source" in unnamed.signers_note


def test_senate_letter_of_2024_names_four_senators_without_saying_who_led(archive: None) -> None:
    slug = "2024-04-04-markey-cassidy-peters-tillis-blinken"
    assert signers(slug, role="signer") == [
        "Ed Markey",
        "Bill Cassidy",
        "Thom Tillis",
        "Gary Peters",
    ]
    assert signers(slug, role="lead") == []
    assert Footnote.objects.filter(letter__slug=slug).count() == 5


def test_vardanyan_is_traced_through_three_letters_with_the_role_each_gives(archive: None) -> None:
    mentions = DetaineeMention.objects.filter(detainee__slug="ruben-vardanyan").order_by(
        "letter__date"
    )
    assert [(m.letter.date_iso, m.role_given) for m in mentions] == [
        ("2024-04-04", "former State Minister"),
        ("2025-04-11", "former State Minister"),
        ("2025-11-21", "former official"),
    ]


def test_magnitsky_sanctions_are_asked_by_the_letters_that_ask_for_them(archive: None) -> None:
    asking = set(
        LetterDemand.objects.filter(demand__slug="global-magnitsky-sanctions").values_list(
            "letter__slug", flat=True
        )
    )
    assert asking == {
        "2025-02-06-armenian-caucus-rubio",
        "2025-04-11-titus-smith-rubio",
        "2025-11-21-senators-rubio",
    }
    # The 2024 letter asks for sanctions without naming Magnitsky: kept apart.
    assert LetterDemand.objects.filter(
        letter__slug="2024-04-04-markey-cassidy-peters-tillis-blinken",
        demand__slug="sanctions-on-those-responsible",
    ).exists()


def test_same_last_name_is_matched_by_party_and_state(archive: None) -> None:
    smith = Legislator.objects.get(slug="chris-smith")
    assert (smith.party_state, smith.bioguide_id, smith.official_name) == (
        "R-NJ",
        "S000522",
        "Christopher H. Smith",
    )
    lee = Legislator.objects.get(slug="susie-lee")
    assert (lee.party_state, lee.bioguide_id, lee.district) == ("D-NV", "L000590", 3)
    norton = Legislator.objects.get(slug="eleanor-holmes-norton")
    assert (norton.title, norton.district) == ("Delegate", 0)


def test_a_signer_missing_from_the_reference_data_keeps_what_the_seed_gives(
    archive: None,
) -> None:
    swalwell = Legislator.objects.get(slug="eric-swalwell")
    assert swalwell.party_state == "D-CA"
    assert (swalwell.bioguide_id, swalwell.official_name, swalwell.district) == ("", "", None)


def test_legislators_agree_with_congress_legislators(archive: None) -> None:
    path = Path(settings.CONGRESS_LEGISLATORS_FILE)
    if not path.exists():
        pytest.skip(f"no reference data at {path}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    people = {p["id"]["bioguide"]: p for p in yaml.load(path.read_text(), Loader=loader)}
    parties = {"Democrat": "D", "Republican": "R", "Independent": "I"}
    enriched = Legislator.objects.exclude(bioguide_id="")
    assert enriched.count() == 47
    for legislator in enriched:
        person = people[legislator.bioguide_id]
        term = person["terms"][-1]
        assert parties[term["party"]] == legislator.party, legislator
        assert term["state"] == legislator.state, legislator
        assert person["name"]["last"] == legislator.last_name, legislator
        assert term.get("district") == legislator.district, legislator
        assert person["name"]["official_full"] == legislator.official_name, legislator


def test_the_ocr_letters_footnote_marks_link_to_their_notes_and_no_number_does(
    archive: None, client: Client
) -> None:
    """The OCR printed the superscripts 1, 2, 3 as an apostrophe, a star and a right single
    quote (and the notes' own as ! % $)."""
    page = client.get(Source.objects.get(slug="2025-11-21-letter-ocr").get_absolute_url())
    html = page.content.decode()
    marks = re.findall(r'<a class="note-ref" href="#(q-[0-9a-f]{10})">(.*?)</a>', html)
    hidden = '<span class="visually-hidden"> (footnote {})</span>'
    assert [text for _, text in marks] == [
        "&#x27;" + hidden.format(1),
        "*" + hidden.format(2),
        "\u2019" + hidden.format(3),
    ]
    notes = Footnote.objects.filter(source__slug="2025-11-21-letter-ocr").order_by("number")
    assert [anchor for anchor, _ in marks] == [passage_anchor(n.passage) for n in notes]
    for anchor, _ in marks:  # each lands on its note, which the page anchors
        assert f'id="{anchor}"' in html
    # Glued to the word they follow, as printed (a passage quoted ends at "custody").
    assert "custody</mark>,<a " in html and "Red Cross<a " in html and "prisoners,<a " in html
