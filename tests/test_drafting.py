"""Drafting a letter from pasted text: on the five seed documents the draft agrees with the
fixtures derived from them (signers, parties, states, leads, recipients, detainees), a
letter already in the archive is recognised, and anything ambiguous or unknown is listed
for the editor, never guessed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from pytest_django import DjangoAssertNumQueries

from archive.names import MatchStatus
from archive.provenance import passage_in
from letters.drafting import (
    Resolutions,
    draft_letter,
    find_existing_letter,
    save_draft,
)
from letters.models import Letter, Signatory, SourceKind
from tests.seeds import SEED_LETTERS, seed_file, seed_text

pytestmark = pytest.mark.django_db


@dataclass
class Agreement:
    """Precision and recall of one set of drafted facts against the fixtures."""

    drafted: set[str]
    expected: set[str]

    @property
    def precision(self) -> float:
        return len(self.drafted & self.expected) / len(self.drafted) if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return len(self.drafted & self.expected) / len(self.expected) if self.expected else 1.0

    @property
    def exact(self) -> bool:
        return self.drafted == self.expected

    def __str__(self) -> str:
        return f"P={self.precision:.2f} R={self.recall:.2f} ({len(self.expected)})"


def agreement(prefix: str) -> dict[str, Agreement]:
    """Draft the seed document and compare it with the fixture letter it describes."""
    letter = Letter.objects.with_people().get(slug=SEED_LETTERS[prefix])
    draft = draft_letter(seed_text(prefix))
    matched = [(s, s.legislator) for s in draft.signers if s.legislator is not None]
    fixture_signers = list(letter.signatories.all())

    def facts(rows: list[Signatory], key: str) -> set[str]:
        return {
            f"{row.legislator.slug}:{getattr(row.legislator, key)}" if key else row.legislator.slug
            for row in rows
        }

    return {
        "signers": Agreement(
            {legislator.slug for s, legislator in matched}
            | {f"?{s.printed_name}" for s in draft.signers if s.legislator is None},
            facts(fixture_signers, ""),
        ),
        "parties": Agreement(
            {f"{legislator.slug}:{s.printed_party_state[:1]}" for s, legislator in matched},
            facts(fixture_signers, "party"),
        ),
        "states": Agreement(
            {f"{legislator.slug}:{s.printed_party_state[2:]}" for s, legislator in matched},
            facts(fixture_signers, "state"),
        ),
        "leads": Agreement(
            {legislator.slug for s, legislator in matched if s.role == Signatory.Role.LEAD},
            {row.legislator.slug for row in fixture_signers if row.role == Signatory.Role.LEAD},
        ),
        "roles": Agreement(
            {f"{legislator.slug}:{s.role}" for s, legislator in matched},
            {f"{row.legislator.slug}:{row.role}" for row in fixture_signers},
        ),
        "recipients": Agreement(
            {r.recipient.slug if r.recipient else f"?{r.printed_name}" for r in draft.recipients},
            {row.recipient.slug for row in letter.addressees.all()},
        ),
        "detainees": Agreement(
            {m.detainee.slug if m.detainee else f"?{m.printed_name}" for m in draft.mentions},
            {row.detainee.slug for row in letter.mentions.all()},
        ),
        "demands": Agreement(
            {d.demand.slug for d in draft.demands},
            {row.demand.slug for row in letter.letter_demands.all()},
        ),
    }


@pytest.fixture
def archive(seed_archive: None) -> None:
    """The seed archive, loaded once for the module (conftest.seed_archive)."""


# --- Agreement with the fixtures, seed by seed --------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(SEED_LETTERS))
def test_each_seed_drafts_the_signers_leads_recipients_and_detainees_of_its_fixture(
    archive: None, prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    measured = agreement(prefix)
    with capsys.disabled():
        print(
            f"\n[agreement {prefix}] "
            + "  ".join(f"{name}: {value}" for name, value in measured.items())
        )
    for name in ("signers", "parties", "states", "leads", "roles", "recipients", "detainees"):
        assert measured[name].exact, f"{prefix} {name}: {measured[name]}"
    # Demands are matched by keywords: most kinds, never an invented one.
    assert measured["demands"].recall >= 0.75 and measured["demands"].precision >= 0.75


def test_the_titus_smith_press_release_gives_36_signers_two_leads_and_the_exact_date(
    archive: None,
) -> None:
    draft = draft_letter(seed_text("000"))
    assert len(draft.signers) == 36
    assert [s.legislator and s.legislator.slug for s in draft.leads] == [
        "dina-titus",
        "chris-smith",
    ]
    assert draft.date is not None and draft.date.display == "April 11, 2025"
    assert draft.date.precision == Letter.DatePrecision.DAY
    assert draft.chamber == "house"
    assert draft.signers_stated == 36
    assert draft.signers_stated_passage == "Thirty-six U.S. Representatives"
    assert draft.unresolved == []


def test_a_legislator_named_outside_the_signing_sentences_is_not_taken_as_a_signer(
    archive: None,
) -> None:
    draft = draft_letter(seed_text("000"))
    assert "Anna Eshoo (D-CA)" in draft.others_named
    assert "Anna Eshoo" not in {s.printed_name for s in draft.signers}


def test_an_ocr_letter_with_unnamed_signature_blocks_names_no_signer(archive: None) -> None:
    draft = draft_letter(seed_text("001"))
    assert draft.signers == []
    assert draft.unnamed_signature_blocks == 4
    assert draft.signers_stated is None  # blocks shown, no number stated
    assert draft.signature_blocks == 4
    assert draft.chamber == "senate"
    assert "4 unnamed signature blocks" in " ".join(draft.warnings)


def test_a_press_release_dated_only_by_a_header_gives_the_month_not_a_day(archive: None) -> None:
    draft = draft_letter(seed_text("004"))
    assert draft.date is not None
    assert (draft.date.date.isoformat(), draft.date.precision) == ("2025-04-01", "month")
    assert draft.date.passage == "date 2025-04-08"
    assert draft.signers_stated == 25


def test_signature_blocks_of_signers_already_listed_with_badges_add_no_one(archive: None) -> None:
    draft = draft_letter(seed_text("003"))
    assert [s.printed_name for s in draft.signers] == [
        "Ed Markey",
        "Bill Cassidy",
        "Thom Tillis",
        "Gary Peters",
    ]
    assert {s.role for s in draft.signers} == {Signatory.Role.SIGNER}


@pytest.mark.parametrize("prefix", sorted(SEED_LETTERS))
def test_every_drafted_passage_is_verbatim_in_the_pasted_text(archive: None, prefix: str) -> None:
    text = seed_text(prefix)
    draft = draft_letter(text)
    passages = [s.passage for s in draft.signers] + [r.passage for r in draft.recipients]
    passages += [m.passage for m in draft.mentions] + [d.wording for d in draft.demands]
    passages += [draft.date.passage, draft.signers_stated_passage] if draft.date else []
    for passage in filter(None, passages):
        assert passage in text
    for signer in draft.signers:
        assert signer.printed_name in signer.passage


@pytest.mark.parametrize("prefix", sorted(SEED_LETTERS))
def test_a_press_release_for_a_letter_already_in_the_archive_is_recognised(
    archive: None, prefix: str
) -> None:
    draft = draft_letter(seed_text(prefix))
    existing = find_existing_letter(draft)
    assert existing is not None and existing.slug == SEED_LETTERS[prefix]


def test_a_letter_not_in_the_archive_is_not_mistaken_for_another(archive: None) -> None:
    Letter.objects.get(slug=SEED_LETTERS["004"]).delete()
    assert find_existing_letter(draft_letter(seed_text("004"))) is None


def test_drafting_reads_six_tables_and_writes_nothing(
    archive: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """Legislators, their terms, recipients, detainees, aliases, demand kinds: one query
    each, however many signers the text names (no query per signer)."""
    text = seed_text("000")
    with django_assert_num_queries(6) as captured:
        draft_letter(text)
    assert not any(
        query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        for query in captured.captured_queries
    )


# --- Ambiguity and unknown names: listed, never guessed ----------------------------------------


# --- Detainees: known names, aliases and transliteration variants ------------------------------


# --- Saving what the editor confirmed -----------------------------------------------------------


def test_saving_a_draft_creates_the_letter_with_every_row_quoting_the_new_source(
    archive: None,
) -> None:
    Letter.objects.get(slug=SEED_LETTERS["004"]).delete()
    draft = draft_letter(seed_text("004"))
    letter = save_draft(
        draft,
        slug="2025-04-caucus-rubio-waltz",
        title="Congressional Armenian Caucus letter to Rubio and Waltz",
        summary="Twenty-five members ask for the release of Armenian prisoners.",
        source_title="Press release on the Armenian Caucus letter",
        source_kind=SourceKind.PRESS_RELEASE,
    )
    (source,) = letter.sources.all()
    assert source.full_text == seed_text("004")
    assert (letter.date_precision, letter.signers_stated) == ("month", 25)
    assert letter.signatories.count() == 25
    assert letter.signatories.filter(role="lead").count() == 4
    assert letter.addressees.count() == 2
    for row in [*letter.signatories.all(), *letter.addressees.all(), *letter.mentions.all()]:
        assert row.source == source and passage_in(row.passage, source.full_text)


def test_saving_with_an_unresolved_signer_saves_nothing(archive: None) -> None:
    Letter.objects.get(slug=SEED_LETTERS["000"]).delete()
    draft = draft_letter(seed_text("000"))
    draft.signers[0].legislator = None
    draft.signers[0].status = MatchStatus.AMBIGUOUS
    letters = Letter.objects.count()
    named: dict[str, Any] = {"slug": "x", "title": "x", "summary": "x", "source_title": "x"}
    with pytest.raises(ValidationError):
        save_draft(draft, **named, source_kind=SourceKind.PRESS_RELEASE)
    assert Letter.objects.count() == letters
    excluded = Resolutions(excluded={("signer", 1)})
    letter = save_draft(draft, **named, source_kind=SourceKind.PRESS_RELEASE, resolutions=excluded)
    assert letter.signatories.count() == 35


# --- The management command ---------------------------------------------------------------------


def test_the_command_prints_the_draft_and_saves_only_when_asked(
    archive: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = seed_file("003", tmp_path)
    call_command("draft_letter", str(path))
    out = capsys.readouterr().out
    assert "Ed Markey (D-MA)" in out and "[ed-markey]" in out
    assert "Already in the archive" in out
    with pytest.raises(CommandError, match="Already in the archive"):
        call_command("draft_letter", str(path), "--save", "--slug", "x", "--summary", "x")
    Letter.objects.get(slug=SEED_LETTERS["003"]).delete()
    call_command("draft_letter", str(path), "--save", "--slug", "markey-blinken", "--summary", "s")
    letter = Letter.objects.get(slug="markey-blinken")
    assert letter.signatories.count() == 4 and letter.mentions.count() == 6
