"""The letters' data dictionary, one module per concept; import the models from here."""

from archive.dates import DatePrecision
from letters.models.campaigns import Campaign, CampaignQuerySet
from letters.models.differences import DifferingFact, DifferingFactKind
from letters.models.letter import (
    LETTER_LINK_FIELDS,
    Letter,
    LetterOrigin,
    LetterQuerySet,
)
from letters.models.parts import (
    BillReference,
    DetaineeMention,
    Footnote,
    LetterDemand,
    LetterPart,
    LetterRecipient,
    QuotesSourceMixin,
    Signatory,
    SignatoryRole,
    WordingOrigin,
)
from letters.models.related import signed_count
from letters.models.responses import DemandResponse, ResponseKind
from letters.models.sources import Bill, Demand, Recipient, Source, SourceKind
from letters.models.tallies import LegislatorTally, LetterTally, refresh_tallies
from letters.models.version import ArchiveVersion

__all__ = [
    "LETTER_LINK_FIELDS",
    "ArchiveVersion",
    "Bill",
    "BillReference",
    "Campaign",
    "CampaignQuerySet",
    "DatePrecision",
    "Demand",
    "DemandResponse",
    "DetaineeMention",
    "DifferingFact",
    "DifferingFactKind",
    "Footnote",
    "LegislatorTally",
    "Letter",
    "LetterDemand",
    "LetterOrigin",
    "LetterPart",
    "LetterQuerySet",
    "LetterRecipient",
    "LetterTally",
    "QuotesSourceMixin",
    "Recipient",
    "ResponseKind",
    "Signatory",
    "SignatoryRole",
    "Source",
    "SourceKind",
    "WordingOrigin",
    "refresh_tallies",
    "signed_count",
]
