"""The party badge beside a legislator's name ('D-NV', with the party and state spelled
out for screen readers and in a tooltip), rendered from includes/_party_badge.html.

A tag rather than an include in the page: a letter's page shows a badge per signer, and an
include rendered per row costs more than the rest of the row. A badge depends on the party
and state alone, so the include is rendered once per pair and process.
"""

from __future__ import annotations

from functools import cache

from django import template
from django.template.loader import render_to_string
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
    context = {"party": party, "state": state, "spelled_out": spelled_out}
    return render_to_string("includes/_party_badge.html", context)
