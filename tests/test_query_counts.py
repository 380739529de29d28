"""Every public page runs a fixed number of SQL queries whatever the amount of data.

Each test runs at two sizes (2 letters with 3 signers each, 30 letters with 12 signers
each) under the same ceiling, so a query per row (N+1) would break it at the larger one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries, DjangoDbBlocker

from letters.models import Demand, Letter, Recipient, Source
from letters.pages.facets import forget_indexes
from people.models import Detainee, Legislator, LegislatorTerm
from tests.conftest import kept_for_module
from tests.factories import (
    first_row,
    make_archive,
    make_campaign,
    make_event,
    make_response,
    make_term,
)
from tests.responses import content_of

pytestmark = pytest.mark.django_db

SIZES = [pytest.param((2, 3), id="2-letters"), pytest.param((30, 12), id="30-letters")]


@pytest.fixture(scope="module", params=SIZES)
def archive(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[None]:
    """Built once per size for the whole module; each test's changes are rolled back."""
    letters, signers = request.param
    with kept_for_module(django_db_blocker):
        make_archive(letters=letters, signers_per_letter=signers)
        first = first_row(Detainee.objects.order_by("name"))
        for day in range(letters):  # the first detainee's story: one event per letter
            date = datetime.date(2024, 1, 1) + datetime.timedelta(days=day)
            make_event(first, "in_custody", date, timing="as_of")
            for demand in Demand.objects.all():  # a response to every demand on those days
                make_response(demand, date + datetime.timedelta(days=365))
        make_campaign("Every letter", Letter.objects.all())
        make_campaign("Its first letters", Letter.objects.order_by("date")[:2])
        for district, member in enumerate(Legislator.objects.order_by("pk"), 1):
            seat = district if member.chamber == "house" else None
            make_term(member, "2019-01-03", "2031-01-03", district=seat)
        yield


def fetch(client: Client, url: str) -> None:
    """Request the page and read all of it (streamed exports run their queries as read)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        content_of(response)


def check(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries, url: str, ceiling: int
) -> None:
    with django_assert_max_num_queries(ceiling):
        fetch(client, url)


def test_home(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: recipients per latest letter, letters per detainee, per signer, per month."""
    check(client, django_assert_max_num_queries, "/", 8)


def test_letters_list(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: recipients and party split per letter row, a count per facet choice. The
    first request builds the facet index (letters + links and names of 4 related models);
    later ones read its version token only (token + page + recipients; the index counts)."""
    forget_indexes()
    check(client, django_assert_max_num_queries, "/letters/", 12)
    check(client, django_assert_max_num_queries, "/letters/?sort=date", 3)


def test_letters_list_filtered(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: the same with every filter on (+1 to look up the detainee named, +1 for
    the letters matching the words searched)."""
    detainee = first_row(Detainee.objects.order_by("name"))
    url = f"/letters/?party=D&state=CA&year=2025&q=letter&sort=-signers&detainee={detainee.slug}"
    forget_indexes()
    check(client, django_assert_max_num_queries, url, 14)
    check(client, django_assert_max_num_queries, url + "&page=1", 5)


def test_campaign_pages(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: signers and demands per letter of the campaign (read once for all of them),
    letters counted per campaign on the list."""
    check(client, django_assert_max_num_queries, "/campaigns/", 1)
    check(client, django_assert_max_num_queries, "/campaigns/every-letter/", 4)
    check(client, django_assert_max_num_queries, "/campaigns/every-letter/?page=2", 4)


def test_letter_page(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: legislator per signer, demand/source per wording, detainee per mention,
    footnotes, sources, campaigns, bills, differing facts, related letters, and responses per
    demand (letter + 9 prefetches + related + the responses recorded since to all its
    demands)."""
    letter = first_row(Letter.objects.order_by("-date"))
    check(client, django_assert_max_num_queries, letter.get_absolute_url(), 12)


def test_letter_card(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: a query per signer or party (the letter with its tally: one row)."""
    letter = first_row(Letter.objects.order_by("-date"))  # the newest
    check(client, django_assert_max_num_queries, f"{letter.get_absolute_url()}card.png", 1)


def test_recipient_page(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: recipients per letter row."""
    recipient = first_row(Recipient.objects.order_by("name"))
    check(client, django_assert_max_num_queries, recipient.get_absolute_url(), 3)


def test_demands(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: a letters count and a legislators count per demand."""
    check(client, django_assert_max_num_queries, "/demands/", 1)


def test_demand_page(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letter and source per wording and per response; legislators behind counted
    once, and the letters among them whose signers are not all named."""
    demand = first_row(Demand.objects.order_by("name"))
    check(client, django_assert_max_num_queries, demand.get_absolute_url(), 5)
    check(client, django_assert_max_num_queries, demand.get_absolute_url() + "?page=2", 5)


def test_source_page(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letters of the source; the passages quoted from it, one query per kind of
    fact (signers, recipients, demands, detainees, bills, the letters' own, footnotes)."""
    source = first_row(Source.objects.order_by("slug"))
    check(client, django_assert_max_num_queries, source.get_absolute_url(), 9)


def test_signatories(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letters/lead/co-signer counts per row, a count per state tile and facet."""
    check(client, django_assert_max_num_queries, "/legislators/", 6)
    check(client, django_assert_max_num_queries, "/legislators/?party=R&signed_from=2024-01-01", 6)


def test_legislator_page(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letter per signature, shared letters per co-signer, letters counted per
    campaign they joined (+1: the term that makes them a current member, if any)."""
    legislator = first_row(Legislator.objects.order_by("slug"))
    check(client, django_assert_max_num_queries, legislator.get_absolute_url(), 5)


def test_detainees(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: mention count and aliases per detainee."""
    check(client, django_assert_max_num_queries, "/detainees/", 4)


def test_detainee_trace(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letter and source per mention; aliases; legislators behind counted once
    (+1 since the trace is paginated: the first and latest letters, whatever the page;
    +1 for the events of their story, with their sources; +1 for the letters naming them
    whose signers are not all named)."""
    detainee = first_row(Detainee.objects.order_by("name"))
    check(client, django_assert_max_num_queries, detainee.get_absolute_url(), 7)


def test_members_pages(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: a query per member found by name, per member's terms, per letter of their
    chamber and per signature (the state's members, their terms, the letters sent while
    they served, their signatures on them, the letters shown: read once for all of them)."""
    house = first_row(LegislatorTerm.objects.filter(chamber="house").order_by("state", "district"))
    check(client, django_assert_max_num_queries, "/members/", 0)
    check(client, django_assert_max_num_queries, "/members/?name=Member", 1)
    check(client, django_assert_max_num_queries, f"/members/{house.state}/", 5)
    check(client, django_assert_max_num_queries, f"/members/{house.state}/{house.district}/", 6)
    check(client, django_assert_max_num_queries, f"/members/{house.state}.csv", 5)


def test_member_brief(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: a query per letter for its signer count, demands or detainees named (their
    term, the 4 of their record, the letters shown with their demands and detainees)."""
    house = first_row(LegislatorTerm.objects.filter(chamber="house").order_by("state", "district"))
    url = f"/legislators/{house.legislator.slug}/brief/"
    check(client, django_assert_max_num_queries, url, 8)
    assert "Asks:" in client.get(url).content.decode()  # its letters were read and shown


def test_search(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: one query per kind of result (letters, legislators, detainees, demands,
    sources) and one count per kind that fills its list, none per result."""
    check(client, django_assert_max_num_queries, "/search/?q=letter", 10)


def test_feed_and_sitemap(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: nothing fetched per feed entry; one query per sitemap section (+ count).
    The first feed a process serves also looks up the letters' content type (for their
    history), which Django then keeps for the process."""
    fetch(client, "/letters/feed/")
    check(client, django_assert_max_num_queries, "/letters/feed/", 1)
    check(client, django_assert_max_num_queries, "/sitemap.xml", 18)


def test_record_and_filtered_feeds(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: nothing fetched per entry (the record, then its letters with their history
    counted in subqueries; a detainee's public events in one more query; the filtered feed
    looks up the detainee it names)."""
    detainee = first_row(Detainee.objects.order_by("name"))
    legislator = first_row(Legislator.objects.order_by("slug"))
    demand = first_row(Demand.objects.order_by("name"))
    fetch(client, "/letters/feed/")  # the content type of letters' history, kept after
    check(client, django_assert_max_num_queries, f"/detainees/{detainee.slug}/feed/", 3)
    check(client, django_assert_max_num_queries, f"/legislators/{legislator.slug}/feed/", 2)
    check(client, django_assert_max_num_queries, f"/demands/{demand.slug}/feed/", 2)
    check(client, django_assert_max_num_queries, "/campaigns/every-letter/feed/", 2)
    url = f"/letters/feed/?party=D&state=CA&detainee={detainee.slug}"
    check(client, django_assert_max_num_queries, url, 2)


def test_data_page_and_package(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: the data dictionary is read from the models, not the data; the package is
    built with one query per table (rows read in chunks, never per row), then served from
    its files under the version token (+3: the token read again inside the build's
    transaction, whose savepoint here is opened and released)."""
    check(client, django_assert_max_num_queries, "/data/", 0)
    check(client, django_assert_max_num_queries, "/data/archive-data.zip", 21)
    check(client, django_assert_max_num_queries, "/data/archive.sqlite3", 1)


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/letters.csv", 4),
        ("/letters.json?party=D", 4),
        ("/legislators.csv", 1),
        ("/detainees.csv", 2),
        ("/demands.csv", 1),
    ],
)
def test_exports(
    client: Client,
    archive: None,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    url: str,
    ceiling: int,
) -> None:
    """Guards: recipients, demands, detainees and aliases per exported row (prefetched per
    chunk of 2,000 rows, so the count grows by chunks, never by rows)."""
    check(client, django_assert_max_num_queries, url, ceiling)


def test_letter_signers_export(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: legislator and source per signer exported."""
    letter = first_row(Letter.objects.order_by("-date"))
    check(client, django_assert_max_num_queries, f"/letters/{letter.slug}.csv", 2)


def test_detainee_trace_export(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: letter and source per mention exported."""
    detainee = first_row(Detainee.objects.order_by("name"))
    check(client, django_assert_max_num_queries, f"/detainees/{detainee.slug}.csv", 3)


def test_detainee_events_export(
    client: Client, archive: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    """Guards: source per event exported."""
    detainee = first_row(Detainee.objects.order_by("name"))
    check(client, django_assert_max_num_queries, f"/detainees/{detainee.slug}/events.csv", 2)
