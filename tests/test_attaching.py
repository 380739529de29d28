"""Several sources per letter: a text about a letter in the archive is attached as another
source, the editor takes what it adds (each fact quoting that source), differences are kept
beside the recorded facts, and removing the source leaves the archive as it was."""

from __future__ import annotations

import json

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.test import Client

from letters.drafting import LetterDraft, draft_letter, find_existing_letter
from letters.drafting.attaching import (
    KEEP,
    TAKE,
    Addition,
    attach_source,
    compare_with_letter,
    remove_source,
)
from letters.models import DifferingFact, Letter, Signatory, Source
from people.models import Legislator
from tests.factories import make_legislator
from tests.test_corpus import CORPUS
from tests.test_recognition import NOVEMBER_RELEASE, TITUS_SMITH_STORY

pytestmark = pytest.mark.django_db

NOVEMBER = "2025-11-21-senators-rubio"
TITUS_SMITH = "2025-04-11-titus-smith-rubio"
CAUCUS_APRIL = "2025-04-armenian-caucus-rubio-waltz"


@pytest.fixture
def archive(seed_archive: None) -> None:
    """The seed archive, loaded once for the module."""
    make_legislator("Maria Kessler", "D", "NH", chamber="senate")
    make_legislator("Tom Whitford", "R", "KS", chamber="senate")


def attach_release(
    draft: LetterDraft, letter: Letter, title: str, choices: dict[str, str] | None = None
) -> Source:
    """Attach a press release as the editor does on the review page, taking the defaults
    except for `choices`."""
    return attach_source(
        draft, letter, source_title=title, source_kind="press_release", choices=choices or {}
    )


def snapshot() -> str:
    """Every letter with its parts, sources and tallies, as natural-key JSON (timestamps
    left out: they record when, not what)."""
    from letters.models import LetterPart, LetterTally

    rows = [
        *Letter.objects.order_by("slug"),
        *Source.objects.order_by("slug"),
        *LetterTally.objects.order_by("letter__slug"),
    ]
    for part in LetterPart.__subclasses__():
        rows += list(part.objects.order_by("letter__slug", "pk"))
    data = json.loads(
        serializers.serialize(
            "json", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )
    for row in data:
        for stamp in ("created", "modified"):
            row["fields"].pop(stamp, None)
    return json.dumps(data, sort_keys=True)


def test_a_release_naming_the_leads_adds_them_to_the_november_letter(archive: None) -> None:
    letter = Letter.objects.get(slug=NOVEMBER)
    draft = draft_letter(NOVEMBER_RELEASE)
    keys = [addition.key for addition in compare_with_letter(draft, letter)]
    assert keys == ["signer_1", "signer_2"]

    source = attach_release(draft, letter, "Senators press Rubio")
    assert set(letter.sources.all()) >= {source}
    added = list(letter.signatories.order_by("position"))
    assert [(s.printed_name, s.role, s.source) for s in added] == [
        ("Maria Kessler", "lead", source),
        ("Tom Whitford", "lead", source),
    ]
    assert all(s.passage in source.full_text for s in added)
    letter.refresh_from_db()
    assert letter.date_source is not None
    assert letter.date_source.slug == "2025-11-21-letter-ocr"  # its date stays its own


def test_a_different_count_is_kept_beside_the_recorded_one_unless_the_editor_takes_it(
    archive: None,
) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    story = TITUS_SMITH_STORY.replace("Thirty-six House members", "Thirty-seven House members")
    draft = draft_letter(story)
    (count,) = [a for a in compare_with_letter(draft, letter) if a.key == "count"]
    assert count.differs and count.recorded == "36 signers" and count.says == "37 signers"

    source = attach_release(draft, letter, "A story")
    letter.refresh_from_db()
    assert letter.signers_stated == 36  # nothing recorded is overwritten by default
    (differing,) = letter.differing_facts.all()
    assert (differing.fact, differing.value, differing.source) == ("count", "37", source)
    assert differing.passage in source.full_text


def test_taking_a_new_count_keeps_the_old_one_with_its_source(archive: None) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    old_source = letter.signers_stated_source
    story = TITUS_SMITH_STORY.replace("Thirty-six House members", "Thirty-seven House members")
    source = attach_release(draft_letter(story), letter, "A story", {"count": TAKE})
    letter.refresh_from_db()
    assert (letter.signers_stated, letter.signers_stated_source) == (37, source)
    (old,) = letter.differing_facts.all()
    assert (old.value, old.source) == ("36", old_source)


def test_removing_a_taken_count_brings_back_the_one_it_replaced_not_a_later_sources(
    archive: None,
) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    old_source = letter.signers_stated_source

    def story(count: str) -> str:
        return TITUS_SMITH_STORY.replace("Thirty-six House members", f"{count} House members")

    taken = attach_release(draft_letter(story("Thirty-seven")), letter, "Taken", {"count": TAKE})
    later = attach_release(draft_letter(story("Forty")), letter, "Later, not taken")
    remove_source(letter, taken)
    letter.refresh_from_db()
    assert (letter.signers_stated, letter.signers_stated_source) == (36, old_source)
    (kept,) = letter.differing_facts.all()  # the later source still differs, beside it
    assert (kept.value, kept.source) == ("40", later)


def test_an_exact_date_refines_a_month_and_the_month_is_kept(archive: None) -> None:
    letter = Letter.objects.get(slug=CAUCUS_APRIL)
    text = (
        "Caucus letter to Rubio and Waltz\n\nApril 3, 2025\n\n"
        "The Congressional Armenian Caucus letter to Secretary of State Marco Rubio and "
        "National Security Advisor Michael Waltz, led by Frank Pallone (D-NJ), went out today.\n"
    )
    draft = draft_letter(text)
    (date,) = [a for a in compare_with_letter(draft, letter) if a.key == "date"]
    assert not date.differs and date.recorded == "April 2025"
    source = attach_release(draft, letter, "Caucus")
    letter.refresh_from_db()
    assert (letter.date.isoformat(), letter.date_precision, letter.date_source) == (
        "2025-04-03",
        "day",
        source,
    )
    (month,) = letter.differing_facts.filter(fact=DifferingFact.Kind.DATE)
    assert month.value_display == "April 2025"


@pytest.mark.parametrize(
    ("slug", "text", "choices"),
    [
        (NOVEMBER, NOVEMBER_RELEASE, {}),
        (
            TITUS_SMITH,
            TITUS_SMITH_STORY.replace("Thirty-six House", "Thirty-seven House"),
            {"count": TAKE},
        ),
        (TITUS_SMITH, TITUS_SMITH_STORY.replace("Thirty-six House", "Forty House"), {}),
    ],
)
def test_adding_a_second_source_then_removing_it_leaves_the_archive_as_it_was(
    archive: None, slug: str, text: str, choices: dict[str, str]
) -> None:
    before = snapshot()
    letter = Letter.objects.get(slug=slug)
    source = attach_release(draft_letter(text), letter, "Second", choices)
    assert snapshot() != before
    remove_source(Letter.objects.get(slug=slug), source)
    assert snapshot() == before
    assert not Source.objects.filter(pk=source.pk).exists()


def test_a_letters_only_source_cannot_be_removed(archive: None) -> None:
    letter = Letter.objects.get(slug=NOVEMBER)
    with pytest.raises(ValidationError, match="only source"):
        remove_source(letter, letter.sources.get())
    assert Signatory.objects.exists() and Legislator.objects.exists()


def test_the_letter_page_lists_every_source_what_it_gave_and_where_they_differ(
    archive: None, client: Client
) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    story = TITUS_SMITH_STORY.replace("Thirty-six House", "Thirty-seven House")
    source = attach_release(draft_letter(story), letter, "A story")
    page = client.get(letter.get_absolute_url())
    text = " ".join(page.content.decode().split())
    release = Source.objects.get(slug="2025-04-titus-smith-press-release")
    assert (
        f'{release.title}</a> <span class="muted">(press release)</span>: '
        "the number of signers, 36 signers (2 leads)" in text
    )
    assert "Text of Titus-Smith Letter to Secretary of State Rubio</a>" in text
    assert (
        '>A story</a> <span class="muted">(press release)</span>: a different number of signers.'
        in text
    )
    assert "Where the sources differ" in text
    assert (
        f'Number of signers: 36 signers according to <a href="{release.get_absolute_url()}">'
        in text
    )
    assert f'37 signers according to <a class="from" href="{source.get_absolute_url()}#' in text


# Written for these tests: releases about seed letters giving roles the letters lack.
CAUCUS_LEADS_RELEASE = (
    "Lawler and Amo join caucus leaders on letter to Rubio and Waltz\n\n"
    "April 2025\n\n"
    "Representatives Mike Lawler (R-NY), Frank Pallone (D-NJ), Gus Bilirakis (R-FL) and Gabe "
    "Amo (D-RI) led the letter this month to Secretary of State Marco Rubio and National "
    "Security Advisor Michael Waltz, which urges the release of every Armenian prisoner held "
    "in Baku.\n"
)
MARKEY_LEADS_RELEASE = (
    "Markey, Cassidy lead bipartisan call on Blinken\n\n"
    "April 4, 2024\n\n"
    "Senators Ed Markey (D-MA) and Bill Cassidy (R-LA) led a letter today to Secretary of State "
    "Antony Blinken, urging the release of Armenian prisoners, among them Ruben Vardanyan.\n"
)


def role_additions(draft_text: str, letter: Letter) -> dict[str, Addition]:
    additions = compare_with_letter(draft_letter(draft_text), letter)
    return {a.says: a for a in additions if a.fact == DifferingFact.Kind.ROLE}


def test_a_release_saying_a_co_signer_led_offers_the_role_as_a_difference(archive: None) -> None:
    letter = Letter.objects.get(slug=CAUCUS_APRIL)
    roles = role_additions(CAUCUS_LEADS_RELEASE, letter)
    assert sorted(roles) == ["Gabe Amo: lead", "Mike Lawler: lead"]
    lawler = roles["Mike Lawler: lead"]
    assert lawler.differs and lawler.recorded == "Mike Lawler: co-signer"


def test_taking_a_role_records_it_from_the_new_source_and_keeps_the_old_one(
    archive: None,
) -> None:
    letter = Letter.objects.get(slug=CAUCUS_APRIL)
    draft = draft_letter(CAUCUS_LEADS_RELEASE)
    keys = {a.says: a.key for a in compare_with_letter(draft, letter)}
    source = attach_release(draft, letter, "Caucus release", {keys["Mike Lawler: lead"]: TAKE})
    lawler = letter.signatories.get(legislator__slug="mike-lawler")
    assert (lawler.role, lawler.role_source) == ("lead", source)
    assert "Mike Lawler" in lawler.role_passage and lawler.role_passage in source.full_text
    assert lawler.source != source  # the signer is still the letter's own
    old, kept = letter.differing_facts.filter(fact="role").order_by("position")
    assert (old.signatory, old.value, old.source) == (lawler, "cosigner", lawler.source)
    # Amo's role was not taken: the release's word for it is kept beside the record.
    amo = letter.signatories.get(legislator__slug="gabe-amo")
    assert amo.role == "cosigner" and amo.role_source is None
    assert (kept.signatory, kept.value, kept.source) == (amo, "lead", source)


def test_a_role_where_the_letter_did_not_say_who_led_is_taken_by_default(archive: None) -> None:
    letter = Letter.objects.get(slug="2024-04-04-markey-cassidy-peters-tillis-blinken")
    roles = role_additions(MARKEY_LEADS_RELEASE, letter)
    assert sorted(roles) == ["Bill Cassidy: lead", "Ed Markey: lead"]
    assert not any(a.differs for a in roles.values())
    source = attach_release(draft_letter(MARKEY_LEADS_RELEASE), letter, "Markey release")
    leads = letter.signatories.filter(role="lead").order_by("position")
    assert [(s.printed_name, s.role_source) for s in leads] == [
        ("Ed Markey", source),
        ("Bill Cassidy", source),
    ]


def test_a_last_name_alone_is_taken_for_the_one_signer_of_the_letter_it_fits(
    archive: None,
) -> None:
    """As corpus text 07 prints leads: the letter's own signers tell who is meant, but
    only for the editor to check (not taken unless ticked)."""
    letter = Letter.objects.get(slug=CAUCUS_APRIL)
    text = CAUCUS_LEADS_RELEASE.replace(
        "Mike Lawler (R-NY), Frank Pallone (D-NJ), Gus Bilirakis (R-FL) and Gabe Amo (D-RI)",
        "Lawler, Pallone, Bilirakis and Amo",
    )
    draft = draft_letter(text)
    assert not any(signer.is_resolved for signer in draft.signers)
    roles = role_additions(text, letter)
    assert sorted(roles) == ["Amo: lead", "Lawler: lead"]
    lawler = roles["Lawler: lead"]
    assert lawler.doubtful and lawler.default == KEEP
    assert lawler.recorded == "Mike Lawler: co-signer"

    keys = {a.says: a.key for a in compare_with_letter(draft, letter)}
    signers = letter.signatories.count()
    attach_release(draft, letter, "Caucus release", {keys["Lawler: lead"]: TAKE})
    assert letter.signatories.get(legislator__slug="mike-lawler").role == "lead"
    assert letter.signatories.get(legislator__slug="gabe-amo").role == "cosigner"
    assert letter.signatories.count() == signers  # no one added for a last name alone


@pytest.mark.parametrize(
    ("slug", "text", "take"),
    [
        (CAUCUS_APRIL, CAUCUS_LEADS_RELEASE, "Mike Lawler: lead"),
        ("2024-04-04-markey-cassidy-peters-tillis-blinken", MARKEY_LEADS_RELEASE, ""),
    ],
)
def test_removing_the_source_of_a_role_puts_the_old_role_back(
    archive: None, slug: str, text: str, take: str
) -> None:
    before = snapshot()
    letter = Letter.objects.get(slug=slug)
    draft = draft_letter(text)
    keys = {a.says: a.key for a in compare_with_letter(draft, letter)}
    choices = {keys[take]: TAKE} if take else {}
    source = attach_release(draft, letter, "Second", choices)
    assert letter.signatories.filter(role_source=source).exists()
    remove_source(Letter.objects.get(slug=slug), source)
    assert snapshot() == before


# Written for these tests: a story about the Titus-Smith letter naming a second recipient, a
# detainee and an ask the letter's record lacks.
TITUS_SMITH_FULLER_STORY = (
    "House members seek sanctions and enforcement of Section 907\n\n"
    "April 11, 2025\n\n"
    "Thirty-six House members, led by Reps. Dina Titus (D-NV) and Chris Smith (R-NJ), today "
    "wrote to Secretary of State Marco Rubio and National Security Advisor Michael Waltz about "
    "the Armenian prisoners held in Baku, among them Ruben Vardanyan and Davit Babayan.\n\n"
    "The members also urged the administration to enforce Section 907 of the Freedom Support "
    "Act.\n"
)


def test_a_source_adds_the_recipients_detainees_and_demands_the_letter_lacks(
    archive: None,
) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    draft = draft_letter(TITUS_SMITH_FULLER_STORY)
    added = {a.fact: a for a in compare_with_letter(draft, letter) if a.heading}
    assert {fact: a.says for fact, a in added.items()} == {
        "recipient": "National Security Advisor Michael Waltz",
        "mention": "Davit Babayan",
        "demand": "Section 907 enforcement",
    }
    # The editor leaves the ask out.
    source = attach_release(draft, letter, "Fuller story", {added["demand"].key: KEEP})
    waltz = letter.addressees.get(recipient__slug="michael-waltz")
    babayan = letter.mentions.get(detainee__slug="davit-babayan")
    assert (waltz.source, babayan.source) == (source, source)
    assert waltz.passage in source.full_text and babayan.passage in source.full_text
    assert (waltz.position, babayan.position) == (2, 2)  # after the letter's own
    assert letter.addressees.get(recipient__slug="marco-rubio").source != source
    assert not letter.letter_demands.filter(source=source).exists()


def test_taking_a_demand_quotes_its_words_in_the_new_source(archive: None) -> None:
    letter = Letter.objects.get(slug=TITUS_SMITH)
    source = attach_release(draft_letter(TITUS_SMITH_FULLER_STORY), letter, "Fuller story")
    (demand,) = letter.letter_demands.filter(source=source)
    assert demand.demand.slug == "section-907-enforcement"
    assert demand.wording in source.full_text and demand.wording_origin == "paraphrase"
    assert demand.position == 5


def test_removing_a_source_takes_away_the_recipients_detainees_and_demands_it_gave(
    archive: None,
) -> None:
    before = snapshot()
    letter = Letter.objects.get(slug=TITUS_SMITH)
    source = attach_release(draft_letter(TITUS_SMITH_FULLER_STORY), letter, "Fuller story")
    assert (letter.addressees.count(), letter.mentions.count()) == (2, 2)
    remove_source(letter, source)
    assert snapshot() == before


@pytest.mark.parametrize(
    "case",
    [
        "28_story_about_the_titus_smith_letter",
        "29_story_about_the_markey_letter",
        "30_story_about_the_november_letter",
    ],
)
@pytest.mark.parametrize("taking", [KEEP, TAKE])
def test_a_corpus_story_attached_with_all_or_nothing_taken_then_removed_leaves_no_trace(
    archive: None, case: str, taking: str
) -> None:
    """What the story adds is on the letter once taken (nothing left to add) and still
    offered where left; either way removing the story restores the archive."""
    text = (CORPUS / f"{case}.txt").read_text()
    expected = json.loads((CORPUS / f"{case}.expected.json").read_text())["existing"]
    draft = draft_letter(text)
    letter = find_existing_letter(draft)
    assert letter is not None and letter.slug == expected
    before = snapshot()
    choices = {a.key: taking for a in compare_with_letter(draft, letter) if not a.differs}
    source = attach_release(draft, letter, case, choices)
    left = [a.key for a in compare_with_letter(draft, letter) if not a.differs]
    assert left == ([] if taking == TAKE else list(choices))
    remove_source(Letter.objects.get(slug=expected), source)
    assert snapshot() == before
