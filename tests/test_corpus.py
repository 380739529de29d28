"""The drafting corpus: texts written the way press offices, newsrooms and the letters
themselves print them (tests/corpus/NN_name.txt), each with the draft an editor should get
(NN_name.expected.json): every named signer with its badge as printed, role and matched
legislator (or flagged doubtful), the recipients by title and name, the exact date with its
precision, the stated number of signers and, for texts about a letter already in the
archive, that letter.

The archive they are drafted against is the seed archive, every current member of Congress
with their terms (the carried congress-legislators file), and the former members the texts
name, entered with their terms as congress-legislators records them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from pytest_django import DjangoDbBlocker

from letters.drafting import LetterDraft, draft_letter, find_existing_letter
from letters.drafting.report import draft_as_json
from people.importing import import_legislators
from tests.conftest import kept_for_module
from tests.factories import make_legislator, make_term
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.stem for path in CORPUS.glob("*.txt"))
CURRENT_MEMBERS = (
    Path(settings.BASE_DIR)
    / "people"
    / "data"
    / "congress-legislators"
    / "legislators-current.yaml"
)
# Members who left Congress before the carried file's date: (name, party, state, last name,
# terms as (chamber, start, end, district)).
FORMER_MEMBERS: list[tuple[str, str, str, str, list[tuple[str, str, str, int | None]]]] = [
    ("Dianne Feinstein", "D", "CA", "Feinstein", [("senate", "1992-11-10", "2023-09-29", None)]),
    ("Patrick Leahy", "D", "VT", "Leahy", [("senate", "1975-01-14", "2023-01-03", None)]),
    ("Rob Portman", "R", "OH", "Portman", [("senate", "2011-01-05", "2023-01-03", None)]),
    ("Barbara Lee", "D", "CA", "Lee", [("house", "1998-04-21", "2025-01-03", 12)]),
    ("Anna Eshoo", "D", "CA", "Eshoo", [("house", "1993-01-05", "2025-01-03", 16)]),
    ("Bob Casey", "D", "PA", "Casey", [("senate", "2007-01-04", "2025-01-03", None)]),
    (
        "Bob Menendez",
        "D",
        "NJ",
        "Menendez",
        [("house", "1993-01-05", "2006-01-17", 13), ("senate", "2006-01-18", "2024-08-20", None)],
    ),
]


@pytest.fixture(scope="module")
def corpus_archive(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with kept_for_module(django_db_blocker):
        load_seed_archive()
        import_legislators(CURRENT_MEMBERS)
        for name, party, state, last_name, terms in FORMER_MEMBERS:
            chamber = terms[-1][0]
            legislator = make_legislator(
                name, party, state, chamber=chamber, last_name=last_name, slug=f"former-{last_name}"
            )
            for term_chamber, start, end, district in terms:
                make_term(legislator, start, end, chamber=term_chamber, district=district)
        yield


def as_expected(draft: LetterDraft) -> dict[str, Any]:
    """The draft in the corpus's expected form: the report's date, chamber and count, and
    each signer and recipient as the corpus writes them."""
    report = draft_as_json(draft, None)
    return {
        "date": report["date"],
        "chamber": report["chamber"],
        "signers_stated": report["signers_stated"],
        "signers": [
            {
                "printed_name": signer.printed_name,
                "printed_party_state": signer.printed_party_state,
                "role": str(signer.role),
                "legislator": signer.legislator.slug if signer.legislator else None,
                "doubtful": not signer.is_resolved,
            }
            for signer in draft.signers
        ],
        "recipients": [
            {
                "title": recipient.printed_title,
                "printed_name": recipient.printed_name,
                "recipient": recipient.recipient.slug if recipient.recipient else None,
            }
            for recipient in draft.recipients
        ],
    }


@pytest.mark.parametrize("case", CASES)
def test_each_corpus_text_drafts_as_an_editor_expects(corpus_archive: None, case: str) -> None:
    text = (CORPUS / f"{case}.txt").read_text(encoding="utf-8")
    expected = json.loads((CORPUS / f"{case}.expected.json").read_text(encoding="utf-8"))
    draft = draft_letter(text)
    drafted = as_expected(draft)
    for key in ("date", "chamber", "signers_stated", "signers", "recipients"):
        assert drafted[key] == expected[key], f"{case}: {key}"
    for signer in draft.signers:
        assert signer.passage in text and signer.printed_name in signer.passage
    if "existing" in expected:
        existing = find_existing_letter(draft)
        assert (existing.slug if existing else None) == expected["existing"], f"{case}: existing"


def test_the_corpus_has_fifty_texts_each_with_its_expected_draft() -> None:
    assert len(CASES) >= 50
    assert all((CORPUS / f"{case}.expected.json").is_file() for case in CASES)


@dataclass
class Score:
    """The corpus scored as an editor would check it: what was found of what the texts
    say, and every error of a kind that makes a draft untrustworthy."""

    totals: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def error(self, case: str, kind: str, what: str) -> None:
        self.totals[kind] += 1
        self.errors.append(f"{case}: {kind}: {what}")

    def add(self, case: str, draft: LetterDraft, expected: dict[str, Any]) -> None:
        drafted = as_expected(draft)
        self._date(case, drafted["date"], expected["date"])
        wanted = {s["printed_name"]: s for s in expected["signers"]}
        got = {s["printed_name"]: s for s in drafted["signers"]}
        self.totals["signers named"] += len(wanted)
        self.totals["signers found"] += len(wanted.keys() & got.keys())
        for name, signer in got.items():
            if name not in wanted:
                self.error(case, "false signer", name)
                continue
            if signer["legislator"] == wanted[name]["legislator"]:
                self.totals["signers linked right"] += signer["legislator"] is not None
            elif signer["legislator"] is not None:
                self.error(case, "wrong link", f"{name} -> {signer['legislator']}")
            if signer["role"] == "lead" and wanted[name]["role"] != "lead":
                self.error(case, "invented lead", name)
        leads = [name for name, signer in wanted.items() if signer["role"] == "lead"]
        self.totals["leads named"] += len(leads)
        self.totals["leads found"] += sum(got.get(name, {}).get("role") == "lead" for name in leads)
        self._recipients(drafted["recipients"], expected["recipients"])
        self._loss(case, draft, expected)
        if "existing" in expected:
            self._existing(case, draft, expected["existing"])

    def _date(self, case: str, drafted: Any, expected: Any) -> None:
        if drafted is not None and drafted != expected:
            self.error(case, "invented date", f"{drafted}, not {expected}")
        self.totals["dates right"] += drafted == expected

    def _recipients(self, drafted: list[Any], expected: list[Any]) -> None:
        self.totals["recipients named"] += len(expected)
        self.totals["recipients found"] += sum(item in drafted for item in expected)
        self.totals["false recipients"] += sum(item not in expected for item in drafted)

    def _loss(self, case: str, draft: LetterDraft, expected: dict[str, Any]) -> None:
        """Fewer signers than the text names or counts, and not a word about it."""
        held = len(draft.signers)
        named = max(len(expected["signers"]), expected["signers_stated"] or 0)
        if (held < named or expected.get("loss_noted")) and not draft.losses:
            self.error(case, "silent loss", f"{held} signers of {named}, no note")

    def _existing(self, case: str, draft: LetterDraft, expected: str | None) -> None:
        existing = find_existing_letter(draft)
        found = existing.slug if existing else None
        self.totals["texts about archived letters"] += expected is not None
        self.totals["recognised"] += found == expected and expected is not None
        if found != expected:
            kind = "missed duplicate" if found is None else "false duplicate"
            self.error(case, kind, f"{found}, not {expected}")


def test_the_whole_corpus_scores_without_an_error(
    corpus_archive: None, capsys: pytest.CaptureFixture[str]
) -> None:
    score = Score()
    for case in CASES:
        text = (CORPUS / f"{case}.txt").read_text(encoding="utf-8")
        expected = json.loads((CORPUS / f"{case}.expected.json").read_text(encoding="utf-8"))
        score.add(case, draft_letter(text), expected)
    with capsys.disabled():
        print(f"\nCorpus of {len(CASES)} texts:", dict(sorted(score.totals.items())))
    assert score.errors == []
