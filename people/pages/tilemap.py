"""A tile map of the states, DC and territories: one square per place, roughly where it lies.

Used by the signatories page to draw an SVG map in the template (no JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.states import STATE_NAMES

TILE = 44
GAP = 4

# (column, row) of each tile.
POSITIONS: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "WI": (6, 1), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2),
    "MI": (7, 2), "NY": (9, 2), "MA": (10, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3),
    "OH": (7, 3), "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3), "RI": (11, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4),
    "WV": (7, 4), "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5),
    "SC": (8, 5), "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
    "GU": (0, 8), "MP": (1, 8), "AS": (2, 8), "PR": (10, 8), "VI": (11, 8),
}  # fmt: skip

COLUMNS = 1 + max(column for column, _ in POSITIONS.values())
ROWS = 1 + max(row for _, row in POSITIONS.values())
WIDTH = COLUMNS * (TILE + GAP)
HEIGHT = ROWS * (TILE + GAP)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    shade: int  # 0 (none signed) to 4 (the most)
    x: int
    y: int

    @property
    def text_x(self) -> int:
        return self.x + TILE // 2

    @property
    def code_y(self) -> int:
        return self.y + TILE // 2 - 3

    @property
    def count_y(self) -> int:
        return self.y + TILE // 2 + 13


def shade(count: int, most: int) -> int:
    """Bucket a count into 0-4: 0 only for none, 4 for the highest counts."""
    if count <= 0 or most <= 0:
        return 0
    return min(4, max(1, -(-4 * count // most)))  # ceil(4 * count / most)


def tiles(counts: dict[str, int]) -> list[Tile]:
    """One tile per place, shaded by its count among the largest count on the map."""
    most = max(counts.values(), default=0)
    return [
        Tile(
            code=code,
            name=STATE_NAMES.get(code, code),
            count=counts.get(code, 0),
            shade=shade(counts.get(code, 0), most),
            x=column * (TILE + GAP),
            y=row * (TILE + GAP),
        )
        for code, (column, row) in POSITIONS.items()
    ]
