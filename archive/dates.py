"""Dates as precisely as the sources give them: to the day, the month or the year. Every
record and the drafting tool show and write such a date through `DateAtPrecision`, so a
month-only date reads 'April 2025' and '2025-04' everywhere."""

from __future__ import annotations

import calendar
import datetime
from typing import NamedTuple

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only: the source gives no day"
    YEAR = "year", "Year only: the source gives no month"


# Letters and responses to demands are dated at least to the month.
TO_THE_MONTH = (DatePrecision.DAY, DatePrecision.MONTH)
TO_THE_MONTH_CHOICES = [(precision.value, precision.label) for precision in TO_THE_MONTH]


class DateAtPrecision(NamedTuple):
    """A date and how much of it the source gives; a month-only date is stored as the 1st of
    its month, a year-only one as January 1st. It unpacks as (date, precision), the two
    fields a record stores."""

    date: datetime.date
    precision: str

    @classmethod
    def from_iso(cls, value: str) -> DateAtPrecision:
        """'2025-04-11', '2025-04' or '2025' -> the date at that precision; ValueError for
        anything else."""
        if len(value) == 4:
            return cls(datetime.date(int(value), 1, 1), DatePrecision.YEAR)
        if len(value) == 7:
            return cls(datetime.date.fromisoformat(value + "-01"), DatePrecision.MONTH)
        return cls(datetime.date.fromisoformat(value), DatePrecision.DAY)

    def shown(self) -> str:
        """'April 11, 2025', 'April 2025' or '2025'."""
        month = calendar.month_name[self.date.month]
        if self.precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.precision == DatePrecision.MONTH:
            return f"{month} {self.date.year}"
        return f"{month} {self.date.day}, {self.date.year}"

    def shown_until(self, end: datetime.date) -> str:
        """A range to `end` at the same precision, with an en dash: 'September\u2013October
        2023' (the year said once where both months fall in it), 'May 2, 2024\u2013May 4,
        2024'."""
        if end == self.date:
            return self.shown()
        start = self.shown()
        same_year = self.date.year == end.year
        if self.precision == DatePrecision.MONTH and same_year:
            start = calendar.month_name[self.date.month]
        return f"{start}\N{EN DASH}{DateAtPrecision(end, self.precision).shown()}"

    def iso(self) -> str:
        """ISO 8601 at the precision: '2025-04-11', '2025-04' or '2025'."""
        if self.precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def is_stored_form(self) -> bool:
        """Whether the date is the first day of its period (the 1st of the month for a
        month-only date, January 1st for a year-only one), as records store it."""
        if self.precision == DatePrecision.MONTH:
            return self.date.day == 1
        if self.precision == DatePrecision.YEAR:
            return (self.date.month, self.date.day) == (1, 1)
        return True

    def matches(self, other: DateAtPrecision) -> bool:
        """Whether the two can be the same date: equal at the coarser of their precisions."""
        coarser = max(_RANK[self.precision], _RANK[other.precision])
        keep = (3, 2, 1)[coarser]
        return self.date.timetuple()[:keep] == other.date.timetuple()[:keep]


class DatedAtPrecision:
    """For a model with a `date` and its `date_precision`: the date as its source gives it."""

    date: datetime.date
    date_precision: str

    @property
    def dated(self) -> DateAtPrecision:
        return DateAtPrecision(self.date, self.date_precision)

    @property
    def date_display(self) -> str:
        """'April 11, 2025', 'April 2025' or '2025'."""
        return self.dated.shown()

    @property
    def date_iso(self) -> str:
        """'2025-04-11', '2025-04' or '2025'."""
        return self.dated.iso()


_RANK: dict[str, int] = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}
