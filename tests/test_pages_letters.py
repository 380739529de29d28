"""The letters list and the letter page show what a visitor needs, filtered as asked."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from letters.models import Letter, signed_count
from letters.models import related as related_letters
from tests.factories import (
    ThreeLetters,
    make_bill,
    make_detainee,
    make_legislator,
    make_letter,
    make_source,
    make_three_letters,
)
from tests.responses import ClientResponse

pytestmark = pytest.mark.django_db

LIST = reverse("letters:letter_list")


def titles(response: ClientResponse) -> list[str]:
    """Titles of the letters listed, in order."""
    html = response.content.decode()
    return re.findall(r'<h3 class="letter-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def letters() -> ThreeLetters:
    return make_three_letters()


def test_letters_list_shows_every_letter_newest_first_with_dates_as_precise_as_the_source(
    client: Client, letters: ThreeLetters
) -> None:
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Titus-Smith letter to Rubio",
        "Caucus letter to Rubio",
        "Senators to Blinken",
    ]
    html = response.content.decode()
    assert "April 11, 2025" in html
    assert "April 2025" in html and "April 1, 2025" not in html


def test_each_letter_row_shows_recipients_signer_count_party_split_and_bipartisan_mark(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(LIST).content.decode()
    row = html.split('class="letter-row"')[1]
    assert "Secretary of State Marco Rubio" in row
    assert "36 signers" in row and "36 stated by the source, 3 named" in row
    assert "2 Democrats" in row and "1 Republican" in row
    assert "Bipartisan" in row
    senate_row = html.split('class="letter-row"')[3]
    assert "Bipartisan" not in senate_row


def test_filtering_by_signers_party_lists_only_letters_with_such_a_signer(
    client: Client, letters: ThreeLetters
) -> None:
    assert titles(client.get(LIST, {"party": "R"})) == [
        "Titus-Smith letter to Rubio",
        "Caucus letter to Rubio",
    ]


def test_filtering_by_signers_state_and_month_answers_who_wrote_from_california_in_april(
    client: Client, letters: ThreeLetters
) -> None:
    response = client.get(LIST, {"state": "CA", "date_from": "2025-04-01", "date_to": "2025-04-30"})
    assert titles(response) == ["Titus-Smith letter to Rubio", "Caucus letter to Rubio"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2024"}, ["Senators to Blinken"]),
        ({"chamber": "senate"}, ["Senators to Blinken"]),
        ({"recipient": "antony-blinken"}, ["Senators to Blinken"]),
        ({"demand": "magnitsky-sanctions"}, ["Titus-Smith letter to Rubio"]),
        (
            {"detainee": "ruben-vardanyan"},
            ["Titus-Smith letter to Rubio", "Caucus letter to Rubio"],
        ),
        ({"signer": "ed-markey-ma"}, ["Senators to Blinken"]),
        ({"q": "armenian prisoners"}, ["Titus-Smith letter to Rubio"]),
        ({"q": "caucus"}, ["Caucus letter to Rubio"]),
        ({"date_to": "2024-12-31"}, ["Senators to Blinken"]),
    ],
)
def test_each_filter_lists_only_the_letters_it_describes(
    client: Client, letters: ThreeLetters, params: dict[str, Any], expected: list[str]
) -> None:
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_sorting_by_number_of_signers_puts_the_most_signed_letter_first(
    client: Client, letters: ThreeLetters
) -> None:
    assert titles(client.get(LIST, {"sort": "signers"}))[0] == "Senators to Blinken"
    assert titles(client.get(LIST, {"sort": "-signers"}))[0] == "Titus-Smith letter to Rubio"
    assert titles(client.get(LIST, {"sort": "date"}))[0] == "Senators to Blinken"


def test_each_filter_choice_shows_how_many_letters_it_would_give(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(LIST, {"party": "R"}).content.decode()
    # Counts for a filter ignore that filter's own choice, so other choices stay useful.
    assert re.search(r'<option value="D">Democrat \(3\)</option>', html)
    assert re.search(r'<option value="R" selected>Republican \(2\)</option>', html)
    # Other filters count within the letters the party filter leaves.
    assert re.search(r'<option value="2025">2025 \(2\)</option>', html)
    assert "2024 (" not in html
    assert re.search(r'<option value="ruben-vardanyan">Ruben Vardanyan \(2\)</option>', html)
    assert re.search(r'<option value="CA">California \(2\)</option>', html)
    assert re.search(r'<option value="TX">Texas \(0\)</option>', html)


def test_letters_list_is_paginated_keeping_the_filters(client: Client) -> None:
    signer = make_legislator("Adam Schiff", "D", "CA")
    for day in range(1, 28):
        make_letter(f"Letter {day:02}", f"2025-01-{day:02}", signers=[signer])
    first = client.get(LIST, {"party": "D"})
    assert len(titles(first)) == 25
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?party=D&amp;page=2"' in first.content.decode()
    second = client.get(LIST, {"party": "D", "page": "2"})
    assert titles(second) == ["Letter 02", "Letter 01"]
    # A page number that is not one shows the first page rather than an error.
    assert client.get(LIST, {"page": "abc"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"party": "Q"}, "Signer&#x27;s party: Select a valid choice."),
        ({"year": "abc"}, "Year: Enter a whole number."),
        ({"date_from": "2025-13-45"}, "From date: Enter a valid date."),
        ({"q": "x" * 10_000}, "Search title, summary and text: Ensure this value has at most 200"),
        ({"detainee": "nobody"}, "Detainee named: Select a valid choice."),
        ({"sort": "price"}, "Sort by: Select a valid choice."),
        ({"state": "ZZ"}, "Signer&#x27;s state: Select a valid choice."),
    ],
)
def test_a_bad_filter_value_answers_400_saying_what_was_wrong(
    client: Client, letters: ThreeLetters, params: dict[str, Any], message: str
) -> None:
    response = client.get(LIST, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filter values could not be used" in html
    assert message in html
    assert titles(response) == []
    # The message beside the control is tied to it for screen readers.
    described = re.search(r'aria-invalid="true" aria-describedby="(id_\w+_error)"', html)
    assert described and f'id="{described.group(1)}"' in html


def test_a_10kb_or_nul_filter_value_answers_400_with_a_short_message(
    client: Client, letters: ThreeLetters
) -> None:
    for params in ({"party": "x" * 10_000}, {"q": "a\x00b"}, {"detainee": "\x00"}):
        response = client.get(LIST, params)
        assert response.status_code == 400, params
        errors = response.content.decode().split('id="filter-errors"')[1].split("</ul>")[0]
        assert len(errors) < 1000


def test_letter_page_groups_signers_by_role_with_party_state_badges(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(letters.april.get_absolute_url()).content.decode()
    led, cosigned = html.split("Led by")[1].split("Co-signed by")
    assert "Dina Titus" in led and "Chris Smith" in led and "Linda Sánchez" not in led
    assert "Linda Sánchez" in cosigned
    assert ">D-NV<" in led and ">R-NJ<" in led
    assert "2 Democrats" in html and "1 Republican" in html


def test_letter_page_says_when_the_source_does_not_name_every_signer(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(letters.april.get_absolute_url()).content.decode()
    assert "Not every signer is named" in html
    assert "The source states 36 signers" in html
    assert "The press release names only some of the 36 signers." in html
    other = client.get(letters.senate.get_absolute_url()).content.decode()
    assert "Not every signer is named" not in other


def test_letter_page_quotes_its_demands_and_detainees_with_their_sources(
    client: Client, letters: ThreeLetters
) -> None:
    letter = letters.april
    html = client.get(letter.get_absolute_url()).content.decode()
    source_url = letter.sources.get().get_absolute_url()
    assert "<blockquote><p>impose sanctions under the Global Magnitsky Act</p></blockquote>" in html
    assert "The letter&#x27;s text" in html
    assert f'href="{source_url}"' in html
    assert f'href="{letters.vardanyan.get_absolute_url()}">Ruben Vardanyan</a>' in html
    assert "former State Minister" in html
    assert "<blockquote><p>the detention of Ruben Vardanyan</p></blockquote>" in html


def test_letter_page_shows_text_footnotes_citation_and_month_only_dates(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(letters.april.get_absolute_url()).content.decode()
    assert "We write about Armenian prisoners." in html
    assert 'id="fn-1"' in html and "See the report of 2024." in html
    assert (
        "Dina Titus et al., “Titus-Smith letter to Rubio,” letter to Marco Rubio, April 11, 2025."
        in html
    )
    caucus = client.get(letters.caucus.get_absolute_url()).content.decode()
    assert "April 2025" in caucus and "the source gives only the month" in caucus
    assert "No source reproduces the text of this letter" in caucus


def test_letter_page_lists_related_letters_sharing_signers_or_detainees(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(letters.april.get_absolute_url()).content.decode()
    related = html.split("Related letters")[1]
    assert "Caucus letter to Rubio" in related
    assert "1 shared signer" in related and "1 detainee also named" in related
    assert "Senators to Blinken" not in related


@pytest.mark.parametrize("rare_signers, probe", [(20, 20), (3, 2)])
def test_related_letters_are_the_candidates_sharing_most_whatever_the_floor(
    monkeypatch: pytest.MonkeyPatch, rare_signers: int, probe: int
) -> None:
    """related_to() counts only the candidates that could rank (see its docstring); the
    five it gives are those a count of every candidate ranks first. With 20 rare signers
    every letter here takes related_few(); with 3 and a small probe, those with more signers
    take related_many(), whose floor leaves most candidates uncounted."""
    monkeypatch.setattr(related_letters, "RELATED_SIGNERS", rare_signers)
    monkeypatch.setattr(related_letters, "RELATED_PROBE", probe)
    rng = random.Random(5)
    pool = [make_legislator(f"Member {n}", "DR"[n % 2], "CA") for n in range(14)]
    detainees = [make_detainee(f"Detainee {n}") for n in range(4)]
    for n in range(30):
        make_letter(
            f"Letter {n:02d}",
            f"2024-{1 + n % 12:02d}-{1 + n % 3:02d}",
            signers=rng.sample(pool, rng.choice([0, 1, 3, 6, 9, 12])),
            detainees=rng.sample(detainees, rng.choice([0, 0, 1, 2])),
        )

    def counted_all(letter: Letter) -> list[tuple[object, ...]]:
        ranked = sorted(letter.signatories.all(), key=lambda s: (signed_count(s), s.position))
        signers = {s.legislator_id for s in ranked}
        rare = {s.legislator_id for s in ranked[:rare_signers]}
        named = {m.detainee_id for m in letter.mentions.all()}
        rows = []
        for other in Letter.objects.exclude(pk=letter.pk).prefetch_related(
            "signatories", "mentions"
        ):
            theirs = {s.legislator_id for s in other.signatories.all()}
            they_name = {m.detainee_id for m in other.mentions.all()}
            if theirs & rare or they_name & named:
                shared = (len(theirs & signers), len(they_name & named))
                rows.append((-sum(shared), -other.date.toordinal(), other.title, *shared))
        return [(title, *shared) for _, _, title, *shared in sorted(rows)[:5]]

    for letter in Letter.objects.with_people():
        related = Letter.objects.related_to(letter)
        got = [
            (
                other.title,
                *(getattr(other, count) for count in ("shared_signers", "shared_detainees")),
            )
            for other in related
        ]
        assert got == counted_all(letter), letter.title


def test_unknown_letter_is_a_404(client: Client) -> None:
    assert client.get(reverse("letters:letter_detail", args=["no-such-letter"])).status_code == 404


def test_recipient_page_lists_the_letters_addressed_to_them(
    client: Client, letters: ThreeLetters
) -> None:
    response = client.get(reverse("letters:recipient_letters", args=["antony-blinken"]))
    assert response.status_code == 200
    assert titles(response) == ["Senators to Blinken"]
    assert "Letters to Secretary of State Antony Blinken" in response.content.decode()


def test_bill_page_lists_the_letters_that_name_it(client: Client) -> None:
    bill = make_bill("S.Res.540", "A resolution on Armenian prisoners")
    make_letter("Letter naming the bill", bills=[bill])
    make_letter("Letter not naming it")
    response = client.get(bill.get_absolute_url())
    assert titles(response) == ["Letter naming the bill"]
    assert "S.Res.540" in response.content.decode()
    filtered = client.get(LIST, {"bill": "sres540"})
    assert titles(filtered) == ["Letter naming the bill"]
    assert '<option value="sres540" selected>S.Res.540 (1)</option>' in filtered.content.decode()


def test_source_page_shows_the_text_as_received_and_the_letters_it_documents(
    client: Client,
) -> None:
    source = make_source("ocr-letter", text="Dear Secretary BDE 20515 Rubio", title="OCR letter")
    make_letter("The OCR letter", source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Dear Secretary BDE 20515 Rubio" in html
    assert "The OCR letter" in html


def note_links(client: Client, text: str, notes: list[str]) -> list[str]:
    """The footnote marks a source page links, as printed."""
    source = make_source("with-notes", text=text)
    make_letter("Letter with notes", source=source, footnotes=notes)
    html = client.get(source.get_absolute_url()).content.decode()
    return re.findall(r'<a class="note-ref" href="#q-[0-9a-f]{10}">([^<]*)', html)


def test_a_source_links_bracketed_and_superscript_footnote_marks_but_no_ordinary_number(
    client: Client,
) -> None:
    text = (
        "Detained in 2023,[1] some 120 of them.² COP29 met in Baku 3 times.\n\n"
        "[1] First note.\n\n² Second note."
    )
    assert note_links(client, text, ["[1] First note.", "² Second note."]) == ["[1]", "²"]


def test_a_source_links_the_glyphs_an_ocr_made_of_its_marks_only_where_unambiguous(
    client: Client,
) -> None:
    notes = ["! First note, 2024.", "% Second note."]
    marked = "Held in custody,' then expelled the Red Cross* in 2025.\n\n"
    assert note_links(client, marked + "\n\n".join(notes), notes) == ["&#x27;", "*"]


@pytest.mark.parametrize(
    "text",
    [
        # A closing quote could be the mark as well as the star: which is, is not known.
        "They wrote “release them.” Then the Red Cross* left.\n\n% The note.",
        # A glyph after its note is not its mark.
        "Nothing marked here.\n\n% The note.\n\nThen the Red Cross* left.",
    ],
)
def test_a_source_links_no_glyph_where_it_may_not_be_a_footnote_mark(
    client: Client, text: str
) -> None:
    assert note_links(client, text, ["% The note."]) == []


def test_the_filters_in_use_are_spelled_out_each_with_a_link_removing_it(
    client: Client, letters: ThreeLetters
) -> None:
    html = client.get(LIST, {"party": "R", "state": "CA", "page": "1"}).content.decode()
    active = html.split('class="active-filters"')[1].split("</ul>")[0]
    assert "Signer&#x27;s party: <strong>Republican</strong>" in active
    assert "Signer&#x27;s state: <strong>California</strong>" in active
    assert '<a href="?state=CA">Remove' in active
    assert '<a href="?party=R">Remove' in active


def test_detainees_named_in_one_passage_share_one_quotation(client: Client) -> None:
    first = make_detainee("Davit Babayan")
    second = make_detainee("Levon Mnatsakanyan")
    letter = make_letter("Letter naming two", detainees=[first, second])
    letter.mentions.update(passage="former officials Davit Babayan, Levon Mnatsakanyan")
    html = client.get(letter.get_absolute_url()).content.decode()
    named = html.split("Detainees named</h2>")[1].split("</section>")[0]
    assert named.count("<blockquote>") == 1
    assert "Davit Babayan</a>" in named and "Levon Mnatsakanyan</a>" in named
