"""'Cite this' for every record a visitor can read: a plain citation and a BibTeX entry.

Plain text, not HTML: the `cite` template tag hands them to includes/_cite.html, which
escapes them like any text. Authors are only those the sources name (a letter whose
signers are not named is cited to its chamber's members, never to a guessed name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from letters.pages.wording import SignerCount

CHAMBER_MEMBERS = {
    "house": "Members of the U.S. House of Representatives",
    "senate": "Members of the U.S. Senate",
    "bicameral": "Members of the U.S. Congress",
}


@dataclass(frozen=True)
class Citation:
    plain: str
    bibtex: str


def bibtex_value(text: str) -> str:
    """A field value inside braces: braces and backslashes in the text would end it."""
    return re.sub(r"[{}\\]", "", " ".join(str(text).split()))


def bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{bibtex_value(value)}}}," for name, value in fields.items() if value]
    return "\n".join(lines) + "\n}"


def letter_authors(letter: Any) -> str:
    """The first signer the sources name, 'et al.' where there are more (the letter's
    signatories prefetched: no query); else the members of its chamber."""
    first = next(iter(letter.signatories.all()), None)
    if first is None:
        return CHAMBER_MEMBERS.get(letter.chamber, CHAMBER_MEMBERS["bicameral"])
    more = SignerCount.of(letter).least > 1
    name: str = first.legislator.name
    return name + (" et al." if more else "")


def cite_letter(letter: Any, site: str, url: str) -> Citation:
    recipients = " and ".join(a.recipient.name for a in letter.addressees.all())
    to = f"letter to {recipients}" if recipients else "letter"
    authors = letter_authors(letter)
    plain = f"{authors}, “{letter.title},” {to}, {letter.date_display}. {site}, {url}."
    fields = {
        "author": authors.replace(" et al.", " and others"),
        "title": letter.title,
        "year": str(letter.date.year),
        "month": letter.date.strftime("%b").lower(),
        "note": f"{to.capitalize()}, {letter.date_display}",
        "howpublished": f"{site}, {url}",
    }
    return Citation(plain, bibtex("misc", f"letter-{letter.slug}", fields))


def cite_source(source: Any, site: str, url: str) -> Citation:
    kind = source.get_kind_display()
    by = f", {source.publisher}" if source.publisher else ""
    day = source.published_on
    dated = f", {day:%B} {day.day}, {day.year}" if day else ""
    plain = f"“{source.title},” {kind.lower()}{by}{dated}. Reproduced in {site}, {url}."
    fields = {
        "title": source.title,
        "organization": source.publisher,
        "year": str(day.year) if day else "",
        "note": kind,
        "howpublished": f"{site}, {url}",
    }
    return Citation(plain, bibtex("misc", f"source-{source.slug}", fields))


def cite_record(title: str, what: str, slug: str, site: str, url: str) -> Citation:
    """A legislator's, detainee's or demand's page in the archive."""
    plain = f"“{title},” {what}. {site}, {url}."
    fields = {"title": f"{title} ({what})", "howpublished": f"{site}, {url}"}
    return Citation(plain, bibtex("misc", slug, fields))


def citation(record: Any, site: str, url: str) -> Citation:
    """The citation of a letter, source, legislator, detainee or demand page."""
    kind = record._meta.model_name
    if kind == "letter":
        return cite_letter(record, site, url)
    if kind == "source":
        return cite_source(record, site, url)
    if kind == "legislator":
        title = f"{record.name} ({record.party_state})"
        return cite_record(title, "signatory record", f"legislator-{record.slug}", site, url)
    if kind == "detainee":
        return cite_record(record.name, "detainee record", f"detainee-{record.slug}", site, url)
    return cite_record(record.name, "demand record", f"demand-{record.slug}", site, url)
