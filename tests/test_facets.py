"""The letters list's facet counts, read from the in-memory facet index (letters/pages/facets.py):
every choice labelled `(n)` gives n letters when picked, and an edit, a rollback or a second
process never leaves a count of other data."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from letters.models import ArchiveVersion, DetaineeMention, Letter
from letters.pages.facets import bitset, forget_indexes
from letters.pages.filters import LetterFilter
from people.models import Detainee
from tests.factories import first_row, make_archive, make_detainee, make_letter

pytestmark = pytest.mark.django_db

FACETS = (
    "year",
    "chamber",
    "recipient",
    "demand",
    "detainee",
    "bill",
    "party",
    "state",
    "named",
)
COUNTED = re.compile(r"\((\d+)\)$")


def letter_filter(query: str) -> LetterFilter:
    filterset = LetterFilter(QueryDict(query), queryset=Letter.objects.all())
    assert filterset.is_valid(), filterset.form.errors
    filterset.add_facet_counts()
    return filterset


def counted_choices(filterset: LetterFilter, name: str) -> dict[str, int]:
    """{value: n} for every choice of filter `name` labelled '... (n)'."""
    counted = {}
    for value, label in filterset.form.fields[name].widget.choices:
        match = COUNTED.search(str(label))
        if value != "" and match:
            counted[str(value)] = int(match.group(1))
    return counted


def option_count(html: str, value: str) -> int:
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>[^<]*\((\d+)\)</option>', html)
    assert match, f"no option {value}"
    return int(match.group(1))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "party=D",
        "party=R&state=NY",
        "year=2025",
        "chamber=house&year=2024",
        "date_from=2024-03-01&date_to=2025-06-30",
        "q=number",
        "demand=demand-1&recipient=michael-waltz",
        "year=1999",
        "named=not_all&party=R",
    ],
)
def test_every_counted_choice_gives_that_many_letters(query: str) -> None:
    letters = make_archive(letters=14, signers_per_letter=4)
    leave_signers_unnamed(letters[::3])
    filterset = letter_filter(query)
    checked = 0
    for name in FACETS:
        for value, count in counted_choices(filterset, name).items():
            picked = QueryDict(query, mutable=True)
            picked[name] = value
            narrowed = LetterFilter(picked, queryset=Letter.objects.all())
            assert narrowed.is_valid(), narrowed.form.errors
            assert narrowed.qs.count() == count, (query, name, value)
            checked += 1
    assert checked >= 10 or query == "year=1999"


def leave_signers_unnamed(letters: list[Letter]) -> None:
    """Letters whose source states more signers than it names (alternately: notes that
    some are left out)."""
    for number, letter in enumerate(letters):
        if number % 2:
            letter.signers_note = "The source leaves out the names of the others."
        else:
            letter.signers_stated = letter.signatories.count() + 10
        letter.save()


def test_the_signers_named_filter_lists_and_counts_letters_by_the_one_rule(
    client: Client,
) -> None:
    letters = make_archive(letters=6, signers_per_letter=3)
    leave_signers_unnamed(letters[:3])
    forget_indexes()
    html = client.get("/letters/").content.decode()
    assert option_count(html, "all") == 3 and option_count(html, "not_all") == 3
    assert '<label for="id_named">Signers named</label>' in html

    page = client.get("/letters/?named=not_all").context["page"]
    assert {letter.pk for letter in page.object_list} == {letter.pk for letter in letters[:3]}
    assert set(Letter.objects.not_all_named()) == set(letters[:3])

    # Counted among the letters the other filters leave.
    year = letters[0].date.year
    html = client.get(f"/letters/?year={year}").content.decode()
    in_year = [letter for letter in letters if letter.date.year == year]
    assert option_count(html, "not_all") == len([x for x in in_year if x in letters[:3]])
    named = client.get(f"/letters/?year={year}&named=all").context["page"]
    assert set(named.object_list) == {x for x in in_year if x not in letters[:3]}


def test_the_signer_filter_narrows_the_counts() -> None:
    letters = make_archive(letters=6, signers_per_letter=3)
    signer = first_row(letters[0].signatories).legislator
    everyone = counted_choices(letter_filter(""), "party")
    theirs = counted_choices(letter_filter(f"signer={signer.slug}"), "party")
    assert sum(theirs.values()) < sum(everyone.values())
    assert max(theirs.values()) == Letter.objects.signed_by(pk=signer.pk).count()


def test_an_edit_is_counted_on_the_next_request(client: Client) -> None:
    make_archive(letters=4)
    newcomer = make_detainee("Newly Named")
    forget_indexes()
    html = client.get("/letters/").content.decode()
    assert newcomer.slug not in html  # named by no letter yet

    letter = first_row(Letter.objects.order_by("date"))
    DetaineeMention.objects.create(
        letter=letter,
        detainee=newcomer,
        printed_name="Newly Named",
        position=9,
        source=first_row(letter.sources),
        passage=first_row(letter.mentions).passage,
    )

    html = client.get("/letters/").content.decode()
    assert option_count(html, newcomer.slug) == 1


def test_a_rolled_back_change_is_not_counted(client: Client) -> None:
    make_archive(letters=4)
    before = counted_choices(letter_filter(""), "year")

    with pytest.raises(RuntimeError), transaction.atomic():
        make_letter("Never kept", datetime.date(2019, 5, 1))
        assert counted_choices(letter_filter(""), "year")["2019"] == 1  # seen inside
        raise RuntimeError("rolled back")

    assert counted_choices(letter_filter(""), "year") == before


def test_the_index_is_kept_while_the_token_holds(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    make_archive(letters=3)
    index = LetterFilter.index()
    with django_assert_num_queries(1):  # the token only
        assert LetterFilter.index() is index
    ArchiveVersion.bump()
    assert LetterFilter.index() is not index


def test_without_a_token_row_the_counts_are_still_right() -> None:
    make_archive(letters=3)
    with connection.cursor() as cursor:  # as after a flush (no signal)
        cursor.execute(f"DELETE FROM {ArchiveVersion._meta.db_table}")
    assert ArchiveVersion.current() is None
    first = LetterFilter.index()
    assert LetterFilter.index() is not first  # nothing to check it against: never reused
    counts = counted_choices(letter_filter(""), "detainee")
    assert counts == {
        detainee.slug: detainee.mentions.values("letter").distinct().count()
        for detainee in Detainee.objects.all()
        if detainee.mentions.exists()
    }


@pytest.mark.parametrize("query", ["", "party=R", "year=2024&q=number", "year=1999"])
def test_the_letters_found_are_those_listed(client: Client, query: str) -> None:
    make_archive(letters=30, signers_per_letter=3)
    expected = LetterFilter(QueryDict(query), queryset=Letter.objects.all()).qs.count()
    page = client.get(f"/letters/?{query}").context["page"]
    assert page.paginator.count == expected
    last = client.get(f"/letters/?{query}&page={page.paginator.num_pages}").context["page"]
    assert len(last.object_list) == expected - (page.paginator.num_pages - 1) * 25


@pytest.mark.parametrize("count", [3, 255, 256, 2_000])
def test_a_bitset_has_the_bits_of_its_letters_and_no_other(count: int) -> None:
    """Few letters and many (a large archive's states and demands) give the same bits."""
    positions = [(n * 7919) % 20_011 for n in range(count)]  # scattered, unordered
    bits = bitset(positions, 20_011)
    assert bits == sum(1 << position for position in set(positions))
    assert bits.bit_count() == len(set(positions))
