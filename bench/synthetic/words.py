"""The synthetic archive's sizes, names and wording: data tables only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SLUG_PREFIX = "synthetic-"
TITLE_PREFIX = "[Synthetic] "
NOTICE = (
    "This document is generated synthetic data for load testing and benchmarks. It is not "
    "a real document: every person, office and bill in it is invented."
)
# The span of the generated letters (and of the events and responses around them).
FIRST_DAY = datetime.date(2020, 11, 1)
LAST_DAY = datetime.date(2026, 10, 31)
BATCH_SIZE = 5_000
# Letters are written in chunks of this many, each with all its rows (keeps memory flat).
LETTER_CHUNK = 500
# The longest signature list of a generated letter (the real ones top out near 200).
MAX_SIGNERS = 250


@dataclass(frozen=True)
class Size:
    """How big a synthetic archive is. `signatures` is met exactly."""

    letters: int
    legislators: int
    signatures: int
    detainees: int
    demands: int
    recipients: int
    bills: int
    campaigns: int
    campaign_letters: int  # in the biggest campaign; the others have fewer, down to 2
    responses: int  # to demands; detainee events follow the mentions (bench.synthetic.events)


SIZES: dict[str, Size] = {
    "small": Size(
        letters=60,
        legislators=60,
        signatures=600,
        detainees=30,
        demands=8,
        recipients=6,
        bills=5,
        campaigns=6,
        campaign_letters=6,
        responses=16,
    ),
    "medium": Size(
        letters=1_000,
        legislators=540,
        signatures=30_000,
        detainees=500,
        demands=30,
        recipients=20,
        bills=40,
        campaigns=60,
        campaign_letters=25,
        responses=150,
    ),
    "large": Size(
        letters=10_000,
        legislators=540,
        signatures=300_000,
        detainees=2_000,
        demands=60,
        recipients=40,
        bills=120,
        campaigns=300,
        campaign_letters=60,
        responses=600,
    ),
}


# House seats after the 2020 census (435), plus one delegate for DC and each territory:
# synthetic House members are spread over the states in these proportions.
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28,
    "GA": 14, "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6,
    "ME": 2, "MD": 8, "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3,
    "NV": 4, "NH": 2, "NJ": 12, "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5,
    "OR": 6, "PA": 17, "RI": 2, "SC": 7, "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1,
    "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
    "DC": 1, "PR": 1, "GU": 1, "VI": 1, "AS": 1, "MP": 1,
}  # fmt: skip
STATES = [code for code in HOUSE_SEATS if code not in {"DC", "PR", "GU", "VI", "AS", "MP"}]

OFFICES = [
    "Secretary of State",
    "National Security Advisor",
    "Secretary of Defense",
    "Secretary of the Treasury",
    "Administrator of USAID",
    "U.S. Ambassador to Azerbaijan",
    "U.S. Ambassador to Armenia",
    "Special Envoy for Hostage Affairs",
    "Ambassador-at-Large for International Religious Freedom",
    "U.S. Representative to the United Nations",
]
ASKS = [
    "secure the immediate release of every Armenian prisoner of war",
    "impose Global Magnitsky sanctions on the officials responsible",
    "suspend security assistance under Section 907 of the FREEDOM Support Act",
    "demand independent access for the International Committee of the Red Cross",
    "raise the detainees' cases at every meeting with the government in Baku",
    "report to Congress on the conditions and treatment of the detainees",
    "press for fair and open trials with international observers present",
    "condition any peace agreement on the return of all captives",
    "support the right of return of the displaced population",
    "protect the cultural and religious heritage left behind",
    "appoint a special envoy for the detained Armenians",
    "restrict visas for those involved in the detentions",
]
THEMES = [
    "urging the release of Armenian prisoners",
    "on the sham trials of Armenian leaders",
    "calling for sanctions over the detentions",
    "on humanitarian access to detainees",
    "on the plight of displaced Armenians",
    "asking for a report to Congress",
    "on the conditions of detention",
    "on the peace process and the captives",
]
FILLER = [
    "We write to express our deep concern about the continued detention of Armenians.",
    "These men and women have been held for far too long without due process.",
    "Their families have waited without news, some of them for years.",
    "Reports from released captives describe mistreatment and denial of medical care.",
    "The United States has long stood for the humane treatment of prisoners of war.",
    "International humanitarian law requires the release of prisoners after hostilities end.",
    "We believe American leadership can make a decisive difference here.",
    "The trials conducted so far have fallen short of basic international standards.",
    "Independent observers and journalists have been denied access to the proceedings.",
    "We urge you to make their release a priority of United States diplomacy.",
    "Our constituents of Armenian descent follow these cases closely.",
    "Silence would be read as acceptance, and we cannot accept what is happening.",
    "Any lasting peace in the South Caucasus must rest on justice for the detained.",
    "We appreciate your attention to this urgent matter and look forward to your reply.",
]
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
]  # fmt: skip


def code(prefix: str, number: int, width: int) -> str:
    return f"{prefix} {number:0{width}d}"
