"""The five seed documents, read from fixtures/20_sources.json, which holds each one whole
and exactly as received (split into its press release and letter text), so no test needs
the ../shared folder beside the project."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCES_FIXTURE = Path(settings.ARCHIVE_FIXTURES_DIR) / "20_sources.json"

# Which fixture letter each seed document describes.
SEED_LETTERS = {
    "000": "2025-04-11-titus-smith-rubio",
    "001": "2025-11-21-senators-rubio",
    "002": "2025-02-06-armenian-caucus-rubio",
    "003": "2024-04-04-markey-cassidy-peters-tillis-blinken",
    "004": "2025-04-armenian-caucus-rubio-waltz",
}


@cache
def seed_documents() -> dict[str, str]:
    """Each seed file's name and its whole text: the fixture's parts of it, in order."""
    documents: dict[str, str] = {}
    for record in json.loads(SOURCES_FIXTURE.read_text(encoding="utf-8")):
        fields = record["fields"]
        if record["model"] == "letters.source" and fields.get("seed_file"):
            name = fields["seed_file"]
            documents[name] = documents.get(name, "") + fields["full_text"]
    return documents


def seed_text(prefix: str) -> str:
    """The text of the seed document whose file name starts with `prefix` ("000"...)."""
    (text,) = [text for name, text in seed_documents().items() if name.startswith(f"{prefix}_")]
    return text


def seed_file(prefix: str, folder: Path) -> Path:
    """The seed document written to a file in `folder`, as an editor would pass it."""
    path = folder / f"{prefix}.txt"
    path.write_text(seed_text(prefix), encoding="utf-8")
    return path
