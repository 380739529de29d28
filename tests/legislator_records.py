"""Congress-legislators records for the import tests: a term, a person, a small reference
file with namesakes, accents and delegates, and a legislator as entered from the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.utils.text import slugify

from people.models import Legislator


def term(
    kind: str, state: str, party: str = "Democrat", district: int | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": kind,
        "start": extra.pop("start", "2025-01-03"),
        "end": "2027-01-03",
        "state": state,
        "party": party,
    }
    if kind == "rep":
        data["district"] = district if district is not None else 1
    return data | extra


def person(
    bioguide: str,
    first: str,
    last: str,
    *terms: dict[str, Any],
    official: str = "",
    nickname: str = "",
    middle: str = "",
    suffix: str = "",
) -> dict[str, Any]:
    name: dict[str, Any] = {"first": first, "last": last}
    name |= {"middle": middle} if middle else {}
    name |= {"nickname": nickname} if nickname else {}
    name |= {"suffix": suffix} if suffix else {}
    name["official_full"] = official or f"{first} {last}"
    return {
        "id": {"bioguide": bioguide, "govtrack": 400000},
        "name": name,
        "bio": {"birthday": "1960-01-01", "gender": "F"},
        "terms": list(terms),
    }


def reference_people() -> list[dict[str, Any]]:
    """Several Smiths, Lees, Davises and Peters across states and parties; two D-CA
    Sánchezes; two R-TX James Smiths (same last name, party, state and first name)."""
    return [
        person(
            "S000522",
            "Christopher",
            "Smith",
            term("rep", "NJ", "Republican", 4),
            official="Christopher H. Smith",
            nickname="Chris",
            middle="H.",
        ),
        person("S000510", "Adam", "Smith", term("rep", "WA", district=9)),
        person("S001195", "Jason", "Smith", term("rep", "MO", "Republican", 8)),
        person("S001203", "Tina", "Smith", term("sen", "MN")),
        person("X000001", "James", "Smith", term("rep", "TX", "Republican", 3), middle="A."),
        person("X000002", "James", "Smith", term("rep", "TX", "Republican", 5), middle="B."),
        person("L000590", "Susie", "Lee", term("rep", "NV", district=3)),
        person("L000577", "Mike", "Lee", term("sen", "UT", "Republican")),
        person("L000602", "Summer", "Lee", term("rep", "PA", district=12)),
        person(
            "D000096",
            "Danny",
            "Davis",
            term("rep", "IL", district=7),
            official="Danny K. Davis",
        ),
        person("D000230", "Donald", "Davis", term("rep", "NC"), nickname="Don"),
        person("P000595", "Gary", "Peters", term("sen", "MI"), official="Gary C. Peters"),
        person("P000608", "Scott", "Peters", term("rep", "CA", district=50)),
        person(
            "S001156",
            "Linda",
            "Sánchez",
            term("rep", "CA", district=38),
            official="Linda T. Sánchez",
            middle="T.",
        ),
        person("S000030", "Loretta", "Sánchez", term("rep", "CA", district=46)),
        person(
            "M000133",
            "Edward",
            "Markey",
            term("rep", "MA", district=5, start="1977-01-04"),
            term("sen", "MA"),
            official="Edward J. Markey",
            nickname="Ed",
        ),
        person(
            "N000147",
            "Eleanor",
            "Norton",
            term("rep", "DC", district=0),
            middle="Holmes",
            official="Eleanor Holmes Norton",
        ),
        person(
            "M001226",
            "Robert",
            "Menendez",
            term("rep", "NJ", district=8),
            suffix="Jr.",
            official="Robert Menendez",
        ),
        person(
            "H001103",
            "Pablo José",
            "Hernández Rivera",
            term("rep", "PR", district=0),
            official="Pablo José Hernández",
        ),
        person("P000610", "Stacey", "Plaskett", term("rep", "VI", district=0)),
        person(
            "S000033",
            "Bernard",
            "Sanders",
            term("sen", "VT", "Independent"),
            nickname="Bernie",
        ),
        person("T000468", "Dina", "Titus", term("rep", "NV", district=1)),
    ]


def write_yaml(directory: Path, people: list[dict[str, Any]], name: str = "people.yaml") -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(people, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def seed_legislator(name: str, last_name: str, party: str, state: str, **fields: Any) -> Legislator:
    """A legislator as entered from the seeds: no bioguide id, name as printed."""
    values = {
        "slug": fields.pop("slug", slugify(name)),
        "chamber": "house",
        "title": "Representative",
    } | fields
    return Legislator.objects.create(
        name=name, last_name=last_name, party=party, state=state, **values
    )


def snapshot() -> list[tuple[Any, ...]]:
    return list(Legislator.objects.order_by("pk").values_list())
