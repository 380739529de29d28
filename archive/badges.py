"""Party-state badges as sources print them beside a member's name: '(D-NJ)', AP style
'(D-Mass.)' / ', R-N.C.,', full state names '(D-New Jersey)', district badges '(NJ-06)' and
'(D-NJ-06)', and independents printed 'I' or 'ID'. The printed text is kept as it is; the
parsed party code (D, R, I) and state code are for matching only."""

from __future__ import annotations

import re
from dataclasses import dataclass

import us

from archive.names import normalise_party

_STATES = list(us.states.STATES_AND_TERRITORIES)
# Every way a state is printed in a badge, to its code: 'NJ', 'N.J.', 'New Jersey'.
STATE_FORMS: dict[str, str] = {}
for _state in _STATES:
    STATE_FORMS[_state.abbr.casefold()] = _state.abbr
    STATE_FORMS[_state.name.casefold()] = _state.abbr
    if _state.ap_abbr:
        STATE_FORMS[_state.ap_abbr.casefold()] = _state.abbr
STATE_FORMS |= {"d.c.": "DC", "wash., d.c.": "DC", "tex.": "TX", "p.r.": "PR", "v.i.": "VI"}

# Longest first, so 'W.Va.' is tried before 'Va.' and 'New Jersey' before 'NJ'.
_STATE_ALTERNATIVES = "|".join(
    re.escape(form).replace(r"\ ", r"[ \t]+")
    for form in sorted(
        {form for state in _STATES for form in (state.abbr, state.name, state.ap_abbr) if form}
        | {"Tex.", "P.R.", "V.I."},
        key=len,
        reverse=True,
    )
)
STATE = rf"(?:{_STATE_ALTERNATIVES})"
PARTY = r"(?:ID|Dem\.?|Rep\.?|GOP|Ind\.?|D|R|I)"
_DASH = r"[ \t]*[-\u2013\u2014][ \t]*"
DISTRICT = r"(?:\d{1,2}|AL)"

# '(D-NJ)', '(D-Mass.)', '(D-NJ-06)', '(D, CA)', '(NJ-06)'.
PAREN_BADGE = (
    rf"\([ \t]*(?:(?P<party>{PARTY})(?:{_DASH}|[ \t]*,[ \t]*)(?P<state>{STATE})"
    rf"(?:{_DASH}(?P<district>{DISTRICT}))?|(?P<dstate>[A-Z]{{2}}){_DASH}(?P<ddistrict>{DISTRICT}))"
    r"[ \t]*\)"
)
# AP style after a comma: 'Ed Markey, D-Mass., said'. The state must be a form of a state
# (so ', D-Day' is not a badge).
COMMA_BADGE = (
    rf",[ \t]+(?P<cparty>{PARTY}){_DASH}(?P<cstate>{STATE})(?:{_DASH}(?P<cdistrict>\d{{1,2}}))?"
    r"(?![\w\u2019'])"
)
BADGE = re.compile(rf"{PAREN_BADGE}|{COMMA_BADGE}")


@dataclass(frozen=True)
class Badge:
    """A badge as printed ('D-Mass.'), and what it says: party code, state code, district."""

    printed: str
    party: str
    state: str
    district: int | None = None

    @property
    def party_state(self) -> str:
        return f"{self.party}-{self.state}" if self.party else self.state


def badge_from_match(found: re.Match[str], printed: str | None = None) -> Badge | None:
    """The badge a match of BADGE (or a pattern built from its parts) found, printed as
    `printed` (default: the whole match); None where its state is not a state."""
    groups = found.groupdict()
    party = groups.get("party") or groups.get("cparty") or ""
    state = groups.get("state") or groups.get("dstate") or groups.get("cstate") or ""
    district = groups.get("district") or groups.get("ddistrict") or groups.get("cdistrict")
    code = STATE_FORMS.get(re.sub(r"\s+", " ", state).casefold())
    if code is None:
        return None
    printed = (found.group() if printed is None else printed).strip(" \t\u00a0,()")
    return Badge(
        printed=printed,
        party=normalise_party(party),
        state=code,
        district=(0 if district == "AL" else int(district)) if district else None,
    )


def parse_badge(text: str) -> Badge | None:
    """'D-Mass.', '(R-N.C.)', 'NJ-06', 'ID-ME' -> a Badge; None where the text is not one."""
    text = text.strip()
    wrapped = text if text.startswith("(") else f"({text})"
    found = re.fullmatch(PAREN_BADGE, wrapped)
    return badge_from_match(found) if found else None


def badge_agrees(printed: str, party: str, state: str) -> bool:
    """Whether a printed badge names this party and state (a district badge: the state);
    a badge the parser cannot read agrees only where it is the same text."""
    badge = parse_badge(printed)
    if badge is None:
        return printed == f"{party}-{state}"
    return badge.state == state and badge.party in ("", party)
