"""The party badge beside a legislator's name ('D-NV', with the party and state spelled
out for screen readers and in a tooltip).

A tag rather than an include: a letter's page shows up to 250 of them, and an include per
row was a quarter of the page's rendering. Every value is escaped by format_html.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from people.models import Legislator

register = template.Library()


@register.simple_tag
def party_badge(legislator: Legislator) -> SafeString:
    party, state = legislator.get_party_display(), legislator.state_name
    return format_html(
        '<span class="badge party-{}" title="{}, {}"><span class="visually-hidden">{}, {}: '
        '</span><span aria-hidden="true">{}</span></span>',
        legislator.party,
        party,
        state,
        party,
        state,
        legislator.party_state,
    )
