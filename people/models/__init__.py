"""Legislators with their terms, detainees with their aliases, and the events of each
detainee's story."""

from people.models.detainees import Detainee, DetaineeAlias, DetaineeCategory
from people.models.events import DetaineeEvent, EventKind, EventTiming
from people.models.legislators import (
    CONTACT_FIELDS,
    Chamber,
    Legislator,
    LegislatorTerm,
    Party,
)

__all__ = [
    "CONTACT_FIELDS",
    "Chamber",
    "Detainee",
    "DetaineeAlias",
    "DetaineeCategory",
    "DetaineeEvent",
    "EventKind",
    "EventTiming",
    "Legislator",
    "LegislatorTerm",
    "Party",
]
