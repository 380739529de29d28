"""The party badge beside a legislator's name ('D-NV', with the party and state spelled
out for screen readers and in a tooltip).

A tag rather than an include: a letter's page shows up to 250 of them, and an include per
row was a quarter of the page's rendering. A badge depends on the party and state alone,
so each of the few pairs is written once per process. Every value is escaped by
format_html.
"""

from __future__ import annotations

from functools import cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from archive.states import state_name
from people.models import Legislator, Party

register = template.Library()
PARTY_NAMES = dict(Party.choices)  # as get_party_display() reads them


@register.simple_tag
def party_badge(legislator: Legislator) -> SafeString:
    return badge(legislator.party, legislator.state)


@cache  # at most 3 parties x 56 states and territories
def badge(party: str, state: str) -> SafeString:
    spelled_out = f"{PARTY_NAMES.get(party, party)}, {state_name(state)}"
    return format_html(
        '<span class="badge party-{}" title="{}"><span class="visually-hidden">{}: </span>'
        '<span aria-hidden="true">{}-{}</span></span>',
        party,
        spelled_out,
        spelled_out,
        party,
        state,
    )
