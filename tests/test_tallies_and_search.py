"""Signer counts kept in tallies stay right through every edit; full-text search ranks and
highlights on PostgreSQL and keeps the accent-insensitive fallback on SQLite; long lists on
a legislator's page and a detainee's trace are paginated."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import F, QuerySet
from django.test import Client

from letters.models import Letter, LetterTally, Signatory, refresh_tallies
from letters.templatetags.search_marks import headline_parts
from people.models import Legislator
from tests.factories import make_detainee, make_legislator, make_letter

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


def counts(letter: Letter) -> tuple[int, int, int, int, int]:
    tally = LetterTally.objects.get(letter=letter)
    return (
        tally.signers,
        tally.democrats,
        tally.republicans,
        tally.independents,
        tally.signers_total,
    )


def signed(legislator: Legislator) -> tuple[int, int, int]:
    tally = legislator.tally
    tally.refresh_from_db()
    return (tally.letters_signed, tally.letters_led, tally.letters_cosigned)


def test_a_letters_tally_follows_its_signatories_and_their_party() -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    smith = make_legislator("Chris Smith", "R", "NJ")
    letter = make_letter("Letter", signers=[(titus, "lead"), smith], signers_stated=5)
    assert counts(letter) == (2, 1, 1, 0, 5)
    assert LetterTally.objects.get(letter=letter).signer_states == "|NJ|NV|"
    assert signed(titus) == (1, 1, 0)

    Signatory.objects.get(letter=letter, legislator=smith).delete()
    assert counts(letter) == (1, 1, 0, 0, 5)
    assert signed(smith) == (0, 0, 0)

    titus.party = "I"
    titus.save()
    assert counts(letter) == (1, 0, 0, 1, 5)

    letter.signers_stated = None
    letter.save()
    assert counts(letter) == (1, 0, 0, 1, 1)


def test_deleting_a_letter_recounts_its_signers() -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    letter = make_letter("Letter", signers=[titus])
    make_letter("Another", signers=[titus])
    assert signed(titus)[0] == 2
    letter.delete()
    assert signed(titus)[0] == 1
    assert not LetterTally.objects.filter(letter_id=letter.pk).exists()


def test_refreshing_every_tally_repairs_rows_written_without_signals() -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    letter = make_letter("Letter", signers=[titus])
    LetterTally.objects.all().delete()
    refresh_tallies(letters=None, legislators=None)
    assert counts(letter) == (1, 1, 0, 0, 1)


def test_the_state_filter_reads_the_tally(client: Client) -> None:
    make_letter("Nevada letter", signers=[make_legislator("Dina Titus", "D", "NV")])
    make_letter("Jersey letter", signers=[make_legislator("Chris Smith", "R", "NJ")])
    html = client.get("/letters/", {"state": "NV"}).content.decode()
    assert "Nevada letter" in html and "Jersey letter" not in html
    assert '<option value="NJ">New Jersey (1)</option>' in html


def test_headline_parts_split_matches_from_the_text_around_them() -> None:
    assert headline_parts("the \x02release\x03 of \x02prisoners\x03 now") == [
        ("the ", False),
        ("release", True),
        (" of ", False),
        ("prisoners", True),
        (" now", False),
    ]
    assert headline_parts(None) == []


@on_postgresql
def test_full_text_search_ranks_title_matches_first_and_highlights_them(client: Client) -> None:
    make_letter("On hostages", "2025-01-01", summary="Nothing else.", full_text="Plain text.")
    make_letter(
        "Newer letter",
        "2025-06-01",
        summary="Asks for the release of the hostages held in Baku.",
        full_text="Plain text.",
    )
    html = client.get("/search/", {"q": "hostage"}).content.decode()
    # Ranked, not by date (titles are highlighted, so compare the links).
    assert html.index("/letters/2025-01-01-on-hostages/") < html.index(
        "/letters/2025-06-01-newer-letter/"
    )
    assert "<mark>hostages</mark>" in html
    listed = client.get("/letters/", {"q": "hostages Baku"}).content.decode()
    assert "Newer letter" in listed and "On hostages" not in listed
    assert "<mark>Baku</mark>" in listed


def search_plan(queryset: QuerySet[Any]) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A test table is tiny: forbid the other plans, so only a usable index answers.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN (VERBOSE) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
def test_full_text_search_uses_its_gin_index() -> None:
    make_letter("On hostages")
    assert "letter_search_idx" in search_plan(Letter.objects.search("hostages").order_by())


@on_postgresql
def test_full_text_search_reads_the_stored_vectors_instead_of_parsing_every_match() -> None:
    """A common word matches thousands of letters: neither matching nor ranking them may
    recompute a vector from their text (only the headlines of the rows shown parse it)."""
    make_letter("On hostages")
    searched = Letter.objects.search("hostages").order_by(F("rank").desc(), "-date", "title")[:21]
    plan = search_plan(searched)
    assert "letter_search_idx" in plan
    assert "rank_vector" in plan
    assert "to_tsvector" not in plan
    facet = Letter.objects.filter(pk__in=Letter.objects.search("hostages").values("pk"))
    assert "to_tsvector" not in search_plan(facet)
    assert list(facet) == list(searched)


@on_postgresql
def test_full_text_search_follows_edits_to_a_letter() -> None:
    letter = make_letter("On hostages", summary="Plain summary.", full_text="Plain text.")
    letter.title = "On prisoners"
    letter.save()
    assert not Letter.objects.search("hostages").exists()
    assert list(Letter.objects.search("prisoner")) == [letter]
    Letter.objects.filter(pk=letter.pk).update(full_text="They remain in Baku.")
    assert list(Letter.objects.search("Baku")) == [letter]
    # The text finds a letter, its title and summary rank it.
    ranks = [
        Letter.objects.search(words).values_list(F("rank"), flat=True).get()
        for words in ("Baku", "prisoners")
    ]
    assert ranks[0] < ranks[1]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_search_without_postgresql_ignores_accents(client: Client) -> None:
    make_letter("Letter on Sánchez", summary="About Linda Sánchez.")
    html = client.get("/search/", {"q": "sanchez"}).content.decode()
    assert "Letter on <mark>Sánchez</mark>" in html  # found, and the match marked


def test_a_legislators_letters_and_a_detainees_trace_are_paginated(client: Client) -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    vardanyan = make_detainee("Ruben Vardanyan")
    for day in range(1, 102):
        make_letter(
            f"Letter {day:03}",
            f"2024-{1 + day // 28:02}-{1 + day % 28:02}",
            signers=[titus],
            detainees=[vardanyan],
        )
    page = client.get(titus.get_absolute_url()).content.decode()
    assert "Page 1 of 2" in page and "Letter 001" in page and "Letter 101" not in page
    assert "Letter 101" in client.get(titus.get_absolute_url(), {"page": 2}).content.decode()
    trace = client.get(vardanyan.get_absolute_url()).content.decode()
    assert "Page 1 of 2" in trace and "Letter 101" not in trace
    # First and latest named are the whole trace's, not the page's.
    assert "January 2, 2024" in trace and "April 18, 2024" in trace


def test_the_signer_filter_says_whose_letters_are_listed(client: Client) -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    make_letter("Her letter", signers=[titus])
    make_letter("Another letter", signers=[make_legislator("Chris Smith", "R", "NJ")])
    html = client.get("/letters/", {"signer": titus.slug}).content.decode()
    assert f'Signed by <a href="{titus.get_absolute_url()}">Dina Titus</a>' in html
    assert "Her letter" in html and "Another letter" not in html


def test_a_letter_recovered_from_its_history_is_counted_again() -> None:
    """django-reversion restores rows with raw saves: the tallies follow them too."""
    import reversion
    from reversion.models import Version

    titus = make_legislator("Dina Titus", "D", "NV")
    with reversion.create_revision():
        letter = make_letter("Letter", signers=[titus])
        reversion.add_to_revision(letter)
        for signatory in letter.signatories.all():
            reversion.add_to_revision(signatory)
    pk = letter.pk
    letter.delete()
    assert signed(titus)[0] == 0
    Version.objects.get_deleted(Letter).get(object_id=str(pk)).revision.revert()
    assert counts(Letter.objects.get(pk=pk)) == (1, 1, 0, 0, 1)
    assert signed(titus)[0] == 1
