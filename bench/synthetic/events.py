"""The synthetic archive's detainee events: what happened to each detainee, dated as
precisely as a generated monthly report says, the more-named detainees with longer stories."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from archive.dates import DatePrecision
from bench.synthetic.people import ReferenceRows
from bench.synthetic.words import FIRST_DAY, LAST_DAY, NOTICE, SLUG_PREFIX, TITLE_PREFIX
from letters.models import Source
from people.models import Detainee
from people.models.events import DetaineeEvent, EventKind, EventTiming

# After being detained: what a story goes on with (kind, weight, what the report says).
LATER_STEPS = [
    (EventKind.CHARGED, 0.15, "was charged"),
    (EventKind.TRIAL_OPENED, 0.1, "went on trial"),
    (EventKind.TRIALS_REPORTED, 0.15, "had been tried"),
    (EventKind.SENTENCED, 0.1, "was sentenced"),
    (EventKind.TRANSFERRED, 0.1, "was transferred to another prison"),
    (EventKind.IN_CUSTODY, 0.4, "was reported in custody"),
]
SAID = {kind: words for kind, _, words in LATER_STEPS} | {
    EventKind.DETAINED: "was detained",
    EventKind.RELEASED: "was released",
}
TIMINGS = {EventKind.TRIALS_REPORTED: EventTiming.BY, EventKind.IN_CUSTODY: EventTiming.AS_OF}
MAX_EVENTS = 40  # in one detainee's story
INTERNAL_NOTE = "Synthetic: kept internal, as an event not yet reviewed would be."


class EventRows(ReferenceRows):
    """Detainee events, each quoting the generated monthly report of its date."""

    def make_events(self, mentions: Counter[int]) -> None:
        """Two in five of the less-named half of the detainees have no event recorded; the
        others a few, more the more letters name them (`mentions`: by detainee index)."""
        median = sorted(mentions[index] for index in range(len(self.detainees)))[
            len(self.detainees) // 2
        ]
        events: list[DetaineeEvent] = []
        for index, detainee in enumerate(self.detainees):
            if mentions[index] <= median and self.rng.random() < 0.4:
                continue
            count = min(MAX_EVENTS, 1 + int(mentions[index] ** 0.5) + self.rng.randint(0, 2))
            events += self.story(detainee, count)
        reports = self.reports(events)
        for event in events:
            event.source = reports[event.date.replace(day=1)]
        self.bulk(DetaineeEvent, events)

    def story(self, detainee: Detainee, count: int) -> list[DetaineeEvent]:
        """`count` events on distinct dates: detained first (mostly), then what followed,
        released at the end now and then; each once per kind and date."""
        span = LAST_DAY.toordinal() - FIRST_DAY.toordinal()
        ordinals = sorted(self.rng.sample(range(span), count))
        kinds = [kind for kind, _, _ in LATER_STEPS]
        steps = self.rng.choices(kinds, [weight for _, weight, _ in LATER_STEPS], k=count)
        if self.rng.random() < 0.8:
            steps[0] = EventKind.DETAINED
        if count > 2 and self.rng.random() < 0.05:
            steps[-1] = EventKind.RELEASED
        events, seen = [], set()
        for ordinal, kind in zip(ordinals, steps, strict=True):
            event = self.event(detainee, kind, FIRST_DAY + datetime.timedelta(days=ordinal))
            if (kind, event.date) not in seen:
                seen.add((kind, event.date))
                events.append(event)
        return events

    def event(self, detainee: Detainee, kind: EventKind, date: datetime.date) -> DetaineeEvent:
        timing = TIMINGS.get(kind, EventTiming.ON)
        roll = self.rng.random()
        precision, date_end = DatePrecision.DAY, None
        if timing == EventTiming.ON and roll < 0.25:
            precision, date = DatePrecision.MONTH, date.replace(day=1)
            if roll < 0.05:  # 'late March and early April'
                date_end = (date + datetime.timedelta(days=31)).replace(day=1)
        elif timing == EventTiming.ON and roll < 0.35:
            precision, date = DatePrecision.YEAR, date.replace(month=1, day=1)
        public = self.rng.random() < 0.9
        event = DetaineeEvent(
            detainee=detainee,
            kind=kind,
            date=date,
            date_end=date_end,
            date_precision=precision,
            timing=timing,
            date_note="" if precision == DatePrecision.DAY else "Generated date (synthetic).",
            description=f"{TITLE_PREFIX}A generated event, not a real one.",
            is_public=public,
            internal_note="" if public else INTERNAL_NOTE,
        )
        when = event.date_display
        event.passage = f"{when[0].upper()}{when[1:]}: {detainee.name} {SAID[kind]}."
        return event

    def reports(self, events: Iterable[DetaineeEvent]) -> dict[datetime.date, Source]:
        """One generated monitoring report per month, quoting every event dated in it."""
        passages: dict[datetime.date, list[str]] = {}
        for event in events:
            passages.setdefault(event.date.replace(day=1), []).append(event.passage)
        months = sorted(passages)
        sources = []
        for month in months:
            title = f"{TITLE_PREFIX}Monitoring report, {month:%B %Y}"
            sources.append(
                Source(
                    slug=f"{SLUG_PREFIX}report-{month:%Y-%m}",
                    title=title,
                    kind=Source.Kind.PRESS_RELEASE,
                    publisher="Synthetic data generator",
                    published_on=(month + datetime.timedelta(days=31)).replace(day=1)
                    - datetime.timedelta(days=1),
                    full_text="\n".join([title, NOTICE, "", *passages[month]]),
                )
            )
        return dict(zip(months, self.bulk(Source, sources), strict=True))
