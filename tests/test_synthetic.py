"""The synthetic archive: the promised size and skew, valid rows, reproducible, and never
mixed with the real archive."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Model

from archive.dates import DatePrecision
from bench.synthetic import (
    NOTICE,
    SIZES,
    SLUG_PREFIX,
    SLUGGED,
    TITLE_PREFIX,
    UNSLUGGED,
    generate_synthetic_archive,
)
from letters.models import (
    Bill,
    Campaign,
    Demand,
    DemandResponse,
    DetaineeMention,
    Letter,
    LetterDemand,
    Recipient,
    Signatory,
    Source,
)
from people.models import Detainee, Legislator
from people.models.events import DetaineeEvent, EventTiming
from people.pages.member_records import current_terms
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db

SMALL = SIZES["small"]


@pytest.fixture
def small_archive() -> None:
    generate_synthetic_archive("small", seed=7)


def fingerprint() -> dict[str, list[tuple[object, ...]]]:
    """The archive by natural keys (no primary keys, no timestamps)."""
    return {
        "legislators": list(
            Legislator.objects.order_by("slug").values_list("slug", "party", "state", "district")
        ),
        "detainees": list(Detainee.objects.order_by("slug").values_list("slug", "category")),
        "letters": list(
            Letter.objects.order_by("slug").values_list("slug", "title", "date", "chamber")
        ),
        "sources": list(Source.objects.order_by("slug").values_list("slug", "full_text")),
        "signatures": list(
            Signatory.objects.order_by("letter__slug", "position").values_list(
                "letter__slug", "legislator__slug", "role", "position", "passage"
            )
        ),
        "mentions": list(
            DetaineeMention.objects.order_by("letter__slug", "position").values_list(
                "letter__slug", "detainee__slug", "printed_name"
            )
        ),
        "demands": list(
            LetterDemand.objects.order_by("letter__slug", "position").values_list(
                "letter__slug", "demand__slug", "wording"
            )
        ),
        "campaigns": list(
            Campaign.objects.order_by("slug", "letters__slug").values_list("slug", "letters__slug")
        ),
        "responses": list(
            DemandResponse.objects.order_by("source__slug").values_list(
                "source__slug", "demand__slug", "letter__slug", "kind", "date", "passage"
            )
        ),
        "events": list(
            DetaineeEvent.objects.order_by("detainee__slug", "date", "kind").values_list(
                "detainee__slug", "kind", "date", "date_precision", "is_public", "source__slug"
            )
        ),
    }


def test_small_size_generates_the_stated_counts(small_archive: None) -> None:
    assert Letter.objects.count() == SMALL.letters
    assert Legislator.objects.count() == SMALL.legislators
    assert Signatory.objects.count() == SMALL.signatures
    assert Detainee.objects.count() == SMALL.detainees
    assert Demand.objects.count() == SMALL.demands
    assert Recipient.objects.count() == SMALL.recipients
    assert Bill.objects.count() == SMALL.bills
    # Every person in the archive signed or is named at least once, as in the real one.
    assert not Legislator.objects.filter(signatures=None).exists()
    assert not Detainee.objects.filter(mentions=None).exists()
    # Every letter has its source, signers, an addressee and a demand.
    assert not Letter.objects.filter(sources=None).exists()
    assert not Letter.objects.filter(signatories=None).exists()
    assert not Letter.objects.filter(addressees=None).exists()
    assert not Letter.objects.filter(letter_demands=None).exists()
    assert Campaign.objects.count() == SMALL.campaigns
    sizes = Campaign.objects.annotate(n=Count("letters")).order_by("-n")
    assert sizes.values_list("n", flat=True)[0] == SMALL.campaign_letters
    assert not Campaign.objects.annotate(n=Count("letters")).filter(n__lt=2).exists()
    assert abs(DemandResponse.objects.count() - SMALL.responses) <= SMALL.demands


def test_every_member_is_current_in_their_seat(small_archive: None) -> None:
    """The members pages find every synthetic member serving today, in their seat."""
    today = datetime.date.today()
    current = current_terms("", None, today)
    assert {term.legislator_id for term in current} == set(
        Legislator.objects.values_list("pk", flat=True)
    )
    for term in current:
        assert (term.chamber, term.state, term.district) == (
            term.legislator.chamber,
            term.legislator.state,
            term.legislator.district,
        )


def test_detainee_stories_are_dated_events_some_internal(small_archive: None) -> None:
    """The most named detainees have the longest stories; some events stay internal; the
    dates come at the day or only the month, on, by or as of a date."""
    events = DetaineeEvent.objects.all()
    assert events.filter(is_public=False).exists() and events.filter(is_public=True).exists()
    precisions = set(events.values_list("date_precision", flat=True))
    assert {DatePrecision.DAY, DatePrecision.MONTH} <= precisions
    assert set(events.values_list("timing", flat=True)) == set(EventTiming.values)
    named = Detainee.objects.annotate(
        n=Count("mentions", distinct=True), events_n=Count("events", distinct=True)
    )
    events_n = list(named.order_by("-n", "pk").values_list("events_n", flat=True))
    assert events_n[0] >= sorted(events_n)[len(events_n) // 2]
    assert named.filter(events_n=0).exists()  # a story the sources are silent on


def test_every_name_title_and_slug_says_synthetic(small_archive: None) -> None:
    for model in (Letter, Source, Legislator, Detainee, Demand, Recipient, Bill, Campaign):
        assert not model.objects.exclude(slug__startswith=SLUG_PREFIX).exists(), model
    for model in (Letter, Source, Campaign):
        assert not model.objects.exclude(title__startswith=TITLE_PREFIX).exists(), model
    assert not DemandResponse.objects.exclude(source__full_text__contains=NOTICE).exists()
    assert not DetaineeEvent.objects.exclude(source__full_text__contains=NOTICE).exists()
    assert not DemandResponse.objects.exclude(summary__startswith=TITLE_PREFIX).exists()
    assert not DetaineeEvent.objects.exclude(description__startswith=TITLE_PREFIX).exists()
    assert not Source.objects.exclude(full_text__contains=NOTICE).exists()
    for model in (Legislator, Detainee, Demand, Recipient):
        assert not model.objects.exclude(name__startswith="Synthetic ").exists(), model
    assert not Bill.objects.exclude(number__startswith="Synthetic ").exists()


def sample(model: type[Model], n: int = 15) -> list[Model]:
    """Up to n rows spread over the table (first, last and between)."""
    rows = list(model._default_manager.order_by("pk"))
    step = max(1, len(rows) // n)
    return [*rows[::step], rows[-1]] if rows else []


def test_a_sample_of_every_model_passes_full_clean(small_archive: None) -> None:
    """Rows are bulk-created without validation; this proves they are valid by construction
    (choices, constraints, and every passage verbatim in the source it cites)."""
    models = [model for model in (*SLUGGED, *UNSLUGGED) if not model._meta.auto_created]
    for model in models:
        rows = sample(model)
        assert rows, f"no {model._meta.label} generated"
        for row in rows:
            row.full_clean()
            if isinstance(row, Letter):
                row.check_passages()


def test_the_same_seed_gives_the_same_archive() -> None:
    with transaction.atomic():
        generate_synthetic_archive("small", seed=3)
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Letter.objects.exists()
    generate_synthetic_archive("small", seed=3)
    assert fingerprint() == first


def test_another_seed_gives_another_archive() -> None:
    with transaction.atomic():
        generate_synthetic_archive("small", seed=3)
        first = fingerprint()
        transaction.set_rollback(True)
    generate_synthetic_archive("small", seed=4)
    assert fingerprint()["signatures"] != first["signatures"]


def test_a_few_legislators_sign_far_more_letters_than_most(small_archive: None) -> None:
    per_legislator = sorted(
        Legislator.objects.annotate(n=Count("signatures")).values_list("n", flat=True)
    )
    median = per_legislator[len(per_legislator) // 2]
    assert per_legislator[-1] >= 3 * median
    mentions = Counter(DetaineeMention.objects.values_list("detainee_id", flat=True))
    assert max(mentions.values()) >= 4 * min(mentions.values())


def test_refuses_a_database_holding_the_real_archive() -> None:
    load_seed_archive()
    letters = set(Letter.objects.values_list("slug", flat=True))
    with pytest.raises(CommandError, match="real archive records"):
        call_command("generate_synthetic_archive", "--size", "small", verbosity=0)
    assert set(Letter.objects.values_list("slug", flat=True)) == letters
    assert not Legislator.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def test_refuses_to_generate_over_an_earlier_synthetic_archive(small_archive: None) -> None:
    with pytest.raises(CommandError, match="already holds a synthetic archive"):
        call_command("generate_synthetic_archive", "--size", "small", verbosity=0)
    assert Letter.objects.count() == SMALL.letters


def test_the_command_reports_what_it_generated(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("generate_synthetic_archive", "--size", "small", "--seed", "2")
    out = capsys.readouterr().out
    assert f"{SMALL.letters} letters, {SMALL.signatures} signatures" in out
