from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce

from archive.badges import badge_agrees
from archive.models import PageBySlug, SlugManager, TimeStampedModel
from archive.names import normalise_party
from archive.states import STATE_CHOICES, TERRITORY_CODES, state_name
from archive.text import words_match


class Chamber(models.TextChoices):
    HOUSE = "house", "House"
    SENATE = "senate", "Senate"


class Party(models.TextChoices):
    DEMOCRAT = "D", "Democrat"
    REPUBLICAN = "R", "Republican"
    INDEPENDENT = "I", "Independent"


class LetterCounts(TypedDict):
    """What with_letter_counts() adds to each legislator."""

    letters_signed: int
    letters_led: int
    letters_cosigned: int


class LegislatorQuerySet(models.QuerySet["Legislator"]):
    def with_letter_counts(self) -> LegislatorQuerySet:
        """Add letters signed in all, as lead and as co-signer, read from each legislator's
        tally (one join, no aggregate: see letters.models.LegislatorTally)."""
        return self.annotate(
            letters_signed=Coalesce(F("tally__letters_signed"), Value(0)),
            letters_led=Coalesce(F("tally__letters_led"), Value(0)),
            letters_cosigned=Coalesce(F("tally__letters_cosigned"), Value(0)),
        )

    def most_signing(self) -> LegislatorQuerySet:
        """Signers with their letter counts, who signed most first (home)."""
        signers = self.with_letter_counts().filter(Q(letters_signed__gt=0))
        return signers.order_by(F("letters_signed").desc(), "last_name", "name")

    def signers(self) -> LegislatorQuerySet:
        """Legislators named as a signer on at least one letter (the signatories list and its
        counts: every current member is in the archive, most have signed nothing)."""
        return self.filter(tally__letters_signed__gt=0)

    def search(self, text: str) -> LegislatorQuerySet:
        """Legislators whose printed or official name has every word of `text` (accents
        ignored: 'Sanchez' finds Sánchez)."""
        return self.filter(words_match(("name", "official_name"), text))

    def signing(self, signatures: models.QuerySet[Any]) -> LegislatorQuerySet:
        """The legislators on these signatures, each once (a demand's or a detainee's
        page: who is behind it)."""
        return self.filter(pk__in=signatures.values("legislator_id"))

    def party_split(self) -> dict[str, int]:
        """How many of these legislators are in each party, and in all (runs one query)."""
        counts = dict(self.order_by().values_list("party").annotate(n=Count("pk")))
        split = {
            "democrats": counts.get(Party.DEMOCRAT, 0),
            "republicans": counts.get(Party.REPUBLICAN, 0),
            "independents": counts.get(Party.INDEPENDENT, 0),
        }
        split["total"] = sum(split.values())
        return split

    def signed_with(self, legislator: Legislator, latest: int | None = None) -> LegislatorQuerySet:
        """Other legislators with `shared_letters` signed with `legislator`, most first,
        counted over the `latest` letters they signed (all where None).

        One aggregate over the signatures of those letters (the bound keeps it at a few
        thousand rows for a legislator on most letters); slice it, e.g. [:10]."""
        their_letters = legislator.signatures.order_by().values("letter_id")
        if latest is not None:
            their_letters = legislator.signatures.order_by("-letter__date", "-letter_id").values(
                "letter_id"
            )[:latest]
        return (
            self.exclude(pk=legislator.pk)
            .filter(signatures__letter_id__in=their_letters)
            # The rows of that join, one per shared letter: counted from the (letter,
            # legislator) index alone, where counting the signatures' ids reads each row.
            .annotate(shared_letters=Count("*"))
            .order_by("-shared_letters", "last_name", "name")
        )

    def serving(
        self, on: datetime.date, *, chamber: str = "", state: str = ""
    ) -> LegislatorQuerySet:
        """Legislators with a term covering the date `on`, in `chamber` and for `state`
        where given: who served in the Senate for New Jersey on 2021-06-01. Only legislators
        whose terms the archive holds (imported from congress-legislators) are found."""
        terms = LegislatorTerm.objects.covering(on, chamber=chamber, state=state)
        return self.filter(pk__in=terms.values("legislator_id"))


class Legislator(PageBySlug, TimeStampedModel):
    """A member of Congress: one who signed a letter in the archive, or a current member
    from the congress-legislators data (whose page says what they signed, if anything)."""

    class Title(models.TextChoices):
        REPRESENTATIVE = "Representative", "Representative"
        SENATOR = "Senator", "Senator"
        DELEGATE = "Delegate", "Delegate"
        RESIDENT_COMMISSIONER = "Resident Commissioner", "Resident Commissioner"

        @classmethod
        def for_seat(cls, chamber: str, state: str) -> Legislator.Title:
            """Senator; or for the House, the Resident Commissioner of Puerto Rico, the
            delegate of DC or another territory, else a representative."""
            if chamber == Chamber.SENATE:
                return cls.SENATOR
            if state == "PR":
                return cls.RESIDENT_COMMISSIONER
            if state in TERRITORY_CODES:
                return cls.DELEGATE
            return cls.REPRESENTATIVE

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Permanent URL name, e.g. 'dina-titus' (a state is added only to tell "
        "namesakes apart).",
    )
    name = models.CharField(
        max_length=200,
        help_text="Name as commonly printed in the sources, accents kept (e.g. 'Linda Sánchez').",
    )
    official_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Official full name from congress-legislators (name.official_full); "
        "blank where the reference data does not have this legislator.",
    )
    last_name = models.CharField(
        max_length=100,
        help_text="Family name used for matching (with party and state, never alone).",
    )
    chamber = models.CharField(max_length=10, choices=Chamber.choices, help_text="House or Senate.")
    title = models.CharField(
        max_length=30,
        choices=Title.choices,
        help_text="Representative, Senator, Delegate (DC and territories) or Resident "
        "Commissioner (Puerto Rico).",
    )
    party = models.CharField(
        max_length=1, choices=Party.choices, help_text="Party as printed beside the name (D, R, I)."
    )
    state = models.CharField(
        max_length=2,
        choices=STATE_CHOICES,
        help_text="Two-letter code of the state, DC or territory represented.",
    )
    district = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="House district from congress-legislators (0 = at-large); empty for "
        "senators and where unknown.",
    )
    bioguide_id = models.CharField(
        max_length=7,
        blank=True,
        help_text="Biographical Directory id (e.g. T000468) from congress-legislators; "
        "blank where the reference data does not have this legislator.",
    )
    entered_by_hand = models.BooleanField(
        default=False,
        help_text="Entered by an editor from what a letter prints (name, party, state, "
        "chamber), not from congress-legislators: to be checked against the reference data.",
    )

    page_url_name = "people:legislator_detail"
    objects = SlugManager.from_queryset(LegislatorQuerySet)()
    # Set where a page links many legislators (letters.campaigns.steps): their pages' URLs
    # from one reverse() for all (archive/links.py).
    page_url: str

    class Meta:
        ordering = ["last_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bioguide_id"],
                condition=~Q(bioguide_id=""),
                name="legislator_unique_bioguide_id",
            ),
            models.CheckConstraint(
                condition=Q(party__in=Party.values), name="legislator_party_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=[code for code, _ in STATE_CHOICES]),
                name="legislator_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(chamber__in=Chamber.values), name="legislator_chamber_valid"
            ),
        ]
        indexes = [
            # Signatories list: filter by party and state.
            models.Index(fields=["party", "state"], name="legislator_party_state_idx"),
            # Signatories list: filter by state (map links).
            models.Index(fields=["state"], name="legislator_state_idx"),
            # Name matching on import: last name + party + state.
            models.Index(fields=["last_name", "party", "state"], name="legislator_match_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.party_state})"

    @property
    def party_state(self) -> str:
        """Party-state badge text, e.g. 'D-NV'."""
        return f"{self.party}-{self.state}"

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    def was_ever(self, printed_badge: str) -> bool:
        """Whether a badge as printed ('D-Mass.', 'NJ-06') names this legislator's party and
        state, now or in any of their terms (queries the terms where it is not the current
        party and state)."""
        if badge_agrees(printed_badge, self.party, self.state):
            return True
        return any(
            badge_agrees(printed_badge, term.party_code, term.state) for term in self.terms.all()
        )

    @property
    def bioguide_url(self) -> str:
        if not self.bioguide_id:
            return ""
        return f"https://bioguide.congress.gov/search/bio/{self.bioguide_id}"


# A term's office contact details, as congress-legislators gives them (each a field below).
CONTACT_FIELDS: tuple[str, ...] = ("phone", "website", "contact_form", "office", "address")


class LegislatorTermQuerySet(models.QuerySet["LegislatorTerm"]):
    def covering(
        self, on: datetime.date, *, chamber: str = "", state: str = ""
    ) -> LegislatorTermQuerySet:
        """Terms that include the date `on` (first and last day included), in `chamber`
        and for `state` where given."""
        terms = self.filter(start__lte=on, end__gte=on)
        if chamber:
            terms = terms.filter(chamber=chamber)
        if state:
            terms = terms.filter(state=state)
        return terms


class LegislatorTerm(models.Model):
    """One term a legislator served in the House or the Senate, from congress-legislators
    (`terms` of each person): lets a name printed on a letter be matched among the members
    who served in that chamber on the letter's date."""

    legislator = models.ForeignKey(
        Legislator,
        on_delete=models.CASCADE,
        related_name="terms",
        help_text="The legislator who served this term.",
    )
    chamber = models.CharField(
        max_length=10, choices=Chamber.choices, help_text="House or Senate (type rep or sen)."
    )
    state = models.CharField(
        max_length=2,
        choices=STATE_CHOICES,
        help_text="Two-letter code of the state, DC or territory represented in this term.",
    )
    district = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text="House district in this term (0 = at-large); empty for senators and "
        "where the reference data does not know it.",
    )
    party = models.CharField(
        max_length=40,
        blank=True,
        help_text="Party in this term as congress-legislators names it ('Democrat', "
        "'Republican', 'Independent', 'Whig' ...).",
    )
    caucus = models.CharField(
        max_length=40,
        blank=True,
        help_text="Party an independent caucused with in this term, where the reference data "
        "says (e.g. 'Democrat').",
    )
    start = models.DateField(help_text="First day of the term.")
    end = models.DateField(help_text="Last day of the term (the day it ended or will end).")
    phone = models.CharField(
        max_length=30,
        blank=True,
        help_text="Office phone in this term as congress-legislators gives it (phone, e.g. "
        "'202-224-3441'); blank where the reference data has none.",
    )
    website = models.URLField(
        max_length=300,
        blank=True,
        help_text="Official website in this term (url); blank where the reference data has none.",
    )
    contact_form = models.URLField(
        max_length=300,
        blank=True,
        help_text="The office's web contact form in this term (contact_form); blank where the "
        "reference data has none.",
    )
    office = models.CharField(
        max_length=200,
        blank=True,
        help_text="Washington office room and building (office, e.g. '511 Hart Senate Office "
        "Building'); blank where the reference data has none.",
    )
    address = models.CharField(
        max_length=300,
        blank=True,
        help_text="Washington office postal address (address); blank where the reference data "
        "has none.",
    )
    contact_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="Day the import that wrote these contact details ran (they are the reference "
        "data's as of that day); empty where the term has none.",
    )

    objects = LegislatorTermQuerySet.as_manager()

    class Meta:
        ordering = ["legislator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["legislator", "chamber", "start"], name="legislator_term_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="legislator_term_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(chamber__in=Chamber.values), name="legislator_term_chamber_valid"
            ),
        ]
        indexes = [
            # Drafting and "my members of Congress": who served in a chamber for a state on a date.
            models.Index(
                fields=["chamber", "state", "start", "end"], name="legislator_term_when_idx"
            ),
        ]

    def __str__(self) -> str:
        where = self.state if self.district is None else f"{self.state}-{self.district:02d}"
        return f"{self.get_chamber_display()} {where}, {self.start} to {self.end}"

    @property
    def phone_url(self) -> str:
        """The office phone as a tel: link ('tel:+12022243441'), '' where there is none: US
        numbers, so the country code is +1."""
        digits = "".join(char for char in self.phone if char.isdigit())
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        return f"tel:+1{digits}" if len(digits) == 10 else ""

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.website or self.contact_form or self.address)

    @property
    def party_code(self) -> str:
        """D, R or I: the party, or for another party the one caucused with ('' if neither)."""
        return normalise_party(self.party) or normalise_party(self.caucus)
