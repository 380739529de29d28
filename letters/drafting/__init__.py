"""Drafting a letter from pasted text (reading, matching, recognising, saving); the entry
points below are what the admin, the `draft_letter` command and the tests use.

`draft_letter()` only reads: it parses the text and matches what it finds against the rows
already in the archive. Every item keeps the passage it was read from, quoted verbatim, so the
saved rows pass the archive's quote checks; anything unmatched or ambiguous is listed for the
editor, never guessed. `save_draft()` writes the draft, as the editor resolved it, in one
transaction.
"""

from letters.drafting.detainees import name_key, transliteration_key
from letters.drafting.draft import (
    DraftDate,
    DraftDemand,
    DraftMention,
    DraftRecipient,
    DraftSigner,
    LetterDraft,
)
from letters.drafting.existing import find_existing_letter
from letters.drafting.new_legislators import create_legislator_from_signer
from letters.drafting.reading import draft_letter
from letters.drafting.saving import Resolutions, save_draft
from letters.drafting.summary import draft_summary_lines

__all__ = [
    "DraftDate",
    "DraftDemand",
    "DraftMention",
    "DraftRecipient",
    "DraftSigner",
    "LetterDraft",
    "Resolutions",
    "create_legislator_from_signer",
    "draft_letter",
    "draft_summary_lines",
    "find_existing_letter",
    "name_key",
    "save_draft",
    "transliteration_key",
]
