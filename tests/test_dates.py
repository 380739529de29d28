"""A date is shown and written as precisely as its source gives it, the same way on every
record and in the drafting tool."""

from __future__ import annotations

import datetime

import pytest

from archive.dates import DateAtPrecision, DatePrecision

DAY = DateAtPrecision(datetime.date(2025, 4, 11), DatePrecision.DAY)
MONTH = DateAtPrecision(datetime.date(2025, 4, 1), DatePrecision.MONTH)
YEAR = DateAtPrecision(datetime.date(2025, 1, 1), DatePrecision.YEAR)


@pytest.mark.parametrize(
    ("dated", "shown", "iso"),
    [
        (DAY, "April 11, 2025", "2025-04-11"),
        (MONTH, "April 2025", "2025-04"),
        (YEAR, "2025", "2025"),
    ],
)
def test_a_date_reads_and_writes_only_what_its_source_gives(
    dated: DateAtPrecision, shown: str, iso: str
) -> None:
    assert (dated.shown(), dated.iso()) == (shown, iso)
    assert DateAtPrecision.from_iso(iso) == dated


def test_a_range_of_months_in_one_year_names_the_year_once() -> None:
    september = DateAtPrecision(datetime.date(2023, 9, 1), DatePrecision.MONTH)
    assert september.shown_until(datetime.date(2023, 10, 1)) == "September\u2013October 2023"
    assert september.shown_until(datetime.date(2024, 1, 1)) == "September 2023\u2013January 2024"
    assert september.shown_until(september.date) == "September 2023"


def test_a_month_or_year_date_is_stored_on_the_first_day_of_its_period() -> None:
    assert MONTH.is_stored_form() and YEAR.is_stored_form() and DAY.is_stored_form()
    assert not DateAtPrecision(datetime.date(2025, 4, 11), DatePrecision.MONTH).is_stored_form()
    assert not DateAtPrecision(datetime.date(2025, 4, 1), DatePrecision.YEAR).is_stored_form()


def test_dates_match_where_they_agree_at_the_coarser_precision() -> None:
    assert DAY.matches(MONTH) and MONTH.matches(DAY) and DAY.matches(YEAR)
    assert not DAY.matches(DateAtPrecision(datetime.date(2025, 4, 12), DatePrecision.DAY))
    assert not DAY.matches(DateAtPrecision(datetime.date(2025, 5, 1), DatePrecision.MONTH))


def test_a_date_unpacks_as_the_two_fields_a_record_stores() -> None:
    date, precision = MONTH
    assert (date, precision) == (datetime.date(2025, 4, 1), "month")
    with pytest.raises(ValueError):
        DateAtPrecision.from_iso("April 2025")
