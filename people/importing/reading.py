"""Reading a congress-legislators YAML file into checked records: every person and term is
checked before anything is written, and an error names the person."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from archive.states import STATE_NAMES
from people.importing.records import LegislatorImportError, LegislatorRecord, TermRecord
from people.models import Chamber, Legislator, Party

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # PyYAML built without libyaml: slower, same result.
    from yaml import SafeLoader  # type: ignore[assignment]  # the same loader, in Python

CHAMBERS: dict[str, str] = {"rep": Chamber.HOUSE, "sen": Chamber.SENATE}
PARTIES: dict[str, str] = {
    "Democrat": Party.DEMOCRAT,
    "Republican": Party.REPUBLICAN,
    "Independent": Party.INDEPENDENT,
}


def read_legislators_file(path: Path) -> list[LegislatorRecord]:
    """Parse and check every record of a congress-legislators YAML file."""
    try:
        with Path(path).open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=SafeLoader)
    except OSError as error:
        raise LegislatorImportError(f"Cannot read {path}: {error.strerror or error}.") from error
    except yaml.YAMLError as error:
        raise LegislatorImportError(f"{path} is not valid YAML: {error}") from error
    except UnicodeDecodeError as error:
        raise LegislatorImportError(f"{path} is not UTF-8 text: {error}") from error
    if not isinstance(data, list):
        raise LegislatorImportError(
            f"{path} is not a congress-legislators file: expected a list of people, "
            f"found {type(data).__name__}."
        )
    records = [parse_record(raw, position) for position, raw in enumerate(data, start=1)]
    seen: dict[str, LegislatorRecord] = {}
    for record in records:
        if record.bioguide_id in seen:
            raise LegislatorImportError(
                f"{record.describe()}: bioguide id {record.bioguide_id} is also "
                f"{seen[record.bioguide_id].describe()}."
            )
        seen[record.bioguide_id] = record
    return records


def parse_record(raw: object, position: int) -> LegislatorRecord:
    """One YAML person -> a checked record; LegislatorImportError naming the person if not."""
    where = f"record {position}"
    try:
        if not isinstance(raw, dict):
            raise ValueError("not a mapping")
        ids, name, terms = raw.get("id") or {}, raw.get("name") or {}, raw.get("terms") or []
        first, last = str(name.get("first") or "").strip(), str(name.get("last") or "").strip()
        bioguide = str(ids.get("bioguide") or "").strip()
        who = ", ".join(part for part in (f"{first} {last}".strip(), bioguide) if part)
        where = f"record {position} ({who})" if who else where
        if not first or not last:
            raise ValueError("name.first and name.last are required")
        if not bioguide or len(bioguide) > 7:
            raise ValueError(f"id.bioguide must be 1 to 7 characters, not {bioguide!r}")
        if not terms or not all(isinstance(term, dict) for term in terms):
            raise ValueError("no terms")
        latest = max(terms, key=lambda term: str(term.get("start") or ""))
        chamber = CHAMBERS.get(latest.get("type"))
        if chamber is None:
            raise ValueError(f"unknown term type {latest.get('type')!r} (expected rep or sen)")
        state = str(latest.get("state") or "")
        if state not in STATE_NAMES:
            raise ValueError(f"unknown state {state!r}")
        party, party_note = _party(latest)
        first, nickname = _first_and_nickname(first, str(name.get("nickname") or "").strip())
        return LegislatorRecord(
            position=position,
            bioguide_id=bioguide,
            first_name=first,
            last_name=last,
            nickname=nickname,
            middle_name=str(name.get("middle") or "").strip(),
            official_name=str(name.get("official_full") or "").strip(),
            chamber=chamber,
            title=Legislator.Title.for_seat(chamber, state),
            party=party,
            state=state,
            district=_district(chamber, latest.get("district")),
            chambers_served=frozenset(
                CHAMBERS[term["type"]] for term in terms if term.get("type") in CHAMBERS
            ),
            party_note=party_note,
            terms=tuple(_term(term) for term in terms),
            contact_notes=_unlinkable(terms),
        )
    except (ValueError, TypeError, AttributeError) as error:
        raise LegislatorImportError(f"{where}: {error}.") from error


def _party(term: dict[str, Any]) -> tuple[str, str]:
    """Party code of a term. A party outside D/R/I is mapped to the party the member
    caucuses with, where the term says (and noted). A party the archive does not record
    (Whig, Federalist... in the historical file) gives '' and the person is skipped."""
    printed = term.get("party")
    if printed in PARTIES:
        return PARTIES[printed], ""
    caucus = term.get("caucus")
    if caucus in PARTIES:
        return PARTIES[caucus], f"party {printed!r} recorded as {PARTIES[caucus]} (caucus)"
    if not printed or not isinstance(printed, str):
        raise ValueError(f"party {printed!r} is missing or not a name")
    return "", f"skipped: party {printed!r} is not one the archive records (D, R, I)"


def _term(term: dict[str, Any]) -> TermRecord:
    """One term, checked: a known chamber and state, and dates that end after they start."""
    chamber = CHAMBERS.get(str(term.get("type")))
    if chamber is None:
        raise ValueError(f"unknown term type {term.get('type')!r} (expected rep or sen)")
    state = str(term.get("state") or "")
    if state not in STATE_NAMES:
        raise ValueError(f"unknown state {state!r} in the term starting {term.get('start')}")
    start, end = _day(term.get("start"), "start"), _day(term.get("end"), "end")
    if end < start:
        raise ValueError(f"the term starting {start} ends before it starts ({end})")
    return TermRecord(
        chamber=chamber,
        state=state,
        district=_district(chamber, term.get("district")),
        party=str(term.get("party") or "")[:40],
        caucus=str(term.get("caucus") or "")[:40],
        start=start,
        end=end,
        phone=_text(term.get("phone"), "phone", 30),
        website=_web_address(term.get("url"), "url"),
        contact_form=_web_address(term.get("contact_form"), "contact_form"),
        office=_text(term.get("office"), "office", 200),
        address=_text(term.get("address"), "address", 300),
    )


def _text(value: object, name: str, longest: int) -> str:
    """A contact detail as the file gives it; one too long for the archive is an error,
    never cut (a cut phone number or address would be a wrong one)."""
    text = str(value or "").strip()
    if len(text) > longest:
        raise ValueError(f"{name} {text[:40]!r}... is longer than {longest} characters")
    return text


def _web_address(value: object, name: str) -> str:
    """A web address the pages may link to: http or https only, else '' (left out, and
    noted by _unlinkable(): visitors follow these links, and the file has typos such as
    'hhttps://')."""
    address = _text(value, name, 300)
    return address if address.lower().startswith(("https://", "http://")) else ""


def _unlinkable(terms: list[dict[str, Any]]) -> tuple[str, ...]:
    """A note for each web address of the terms that _web_address() leaves out."""
    return tuple(
        f"{name} {term[name]!r} of the term starting {term.get('start')} left out: "
        "not an http(s) address"
        for term in terms
        for name in ("url", "contact_form")
        if str(term.get(name) or "").strip() and not _web_address(term[name], name)
    )


def _day(value: object, name: str) -> datetime.date:
    """A term's date: YAML reads '2025-01-03' as a date; a string is parsed."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"term {name} {value!r} is not a date (YYYY-MM-DD)") from None


def _first_and_nickname(first: str, nickname: str) -> tuple[str, str]:
    """'James (Jim)' -> ('James', 'Jim'): a nickname written into the first name."""
    if "(" in first and first.endswith(")"):
        given, _, inner = first[:-1].partition("(")
        return given.strip(), nickname or inner.strip()
    return first, nickname


def _district(chamber: str, value: object) -> int | None:
    if chamber == Chamber.SENATE or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"district {value!r} is not a number")
    return value if value >= 0 else None  # -1: unknown, in the historical file
