"""US states, DC and the territories, from the `us` package (state metadata)."""

import us

STATE_CHOICES: list[tuple[str, str]] = sorted(
    ((state.abbr, state.name) for state in us.states.STATES_AND_TERRITORIES),
    key=lambda choice: choice[1],
)
STATE_NAMES: dict[str, str] = dict(STATE_CHOICES)
TERRITORY_CODES: frozenset[str] = frozenset(
    state.abbr for state in us.states.STATES_AND_TERRITORIES if state.is_territory
) | {"DC"}


def state_name(code: str) -> str:
    return STATE_NAMES.get(code, code)
