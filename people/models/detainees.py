"""Detainees named in the letters, and the other spellings of their names."""

from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.apps import apps
from django.db import models
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery

from archive.models import PageBySlug, SlugManager, TimeStampedModel, key_depends_on
from archive.text import words_match


class MentionCount(TypedDict):
    """What with_mention_counts() adds to each detainee."""

    letters_naming: int


class MentionSpan(MentionCount):
    """What with_mention_counts().with_mention_dates() adds to each detainee."""

    first_named: datetime.date | None
    last_named: datetime.date | None


class DetaineeQuerySet(models.QuerySet["Detainee"]):
    def with_mention_counts(self) -> DetaineeQuerySet:
        """Annotate `letters_naming` (one mention per letter and detainee: no DISTINCT)."""
        return self.annotate(letters_naming=Count("mentions"))

    def most_named(self) -> DetaineeQuerySet:
        """The detainees named in at least one letter, most named first, then by name, with
        `letters_naming`; slice it. Each is counted in a subquery over the mentions'
        detainee index: ranking all of them by with_mention_counts() would group each
        one's columns through the join of every mention."""
        mention: Any = self.model._meta.get_field("mentions").related_model
        counted = (
            mention.objects.filter(detainee=OuterRef("pk"))
            .order_by()
            .values("detainee")
            .annotate(n=Count("*"))
            .values("n")
        )
        return (
            self.annotate(letters_naming=Subquery(counted))
            .filter(letters_naming__gt=0)
            .order_by("-letters_naming", "name")
        )

    def with_mention_dates(self) -> DetaineeQuerySet:
        """Annotate `first_named` and `last_named`: dates of the first and latest letters."""
        return self.annotate(
            first_named=Min("mentions__letter__date"), last_named=Max("mentions__letter__date")
        )

    def named(self) -> DetaineeQuerySet:
        """Detainees at least one letter names (the home page's figure)."""
        # An EXISTS per detainee, not a DISTINCT over every mention: mentions far outnumber
        # the detainees.
        mentions = apps.get_model("letters", "DetaineeMention").objects
        return self.filter(Exists(mentions.filter(detainee=OuterRef("pk"))))

    def search(self, text: str) -> DetaineeQuerySet:
        """Detainees whose name, or one of whose aliases, has every word of `text`."""
        aliased = DetaineeAlias.objects.filter(words_match(("name",), text))
        return self.filter(words_match(("name",), text) | Q(pk__in=aliased.values("detainee_id")))


class DetaineeCategory(models.TextChoices):
    PRISONER_OF_WAR = "pow", "Prisoner of war"
    POLITICAL_PRISONER = "political", "Political prisoner"
    HOSTAGE = "hostage", "Hostage"


class Detainee(PageBySlug, TimeStampedModel):
    """A person held by Azerbaijan whom at least one letter names."""

    Category = DetaineeCategory

    slug = models.SlugField(
        max_length=120, unique=True, help_text="Permanent URL name, e.g. 'ruben-vardanyan'."
    )
    name = models.CharField(max_length=200, help_text="Name as most often printed in the letters.")
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text="Role or title the sources give (e.g. 'former State Minister'); each "
        "letter's own wording is kept on its mention.",
    )
    category = models.CharField(
        max_length=20,
        choices=Category.choices,
        help_text="How the letters class this person's detention.",
    )
    status = models.CharField(
        max_length=200,
        blank=True,
        help_text="Detention status where a source states it; blank where no source does.",
    )
    status_passage = models.TextField(
        blank=True, help_text="The source passage that states the status, quoted verbatim."
    )
    summary = models.TextField(
        blank=True, help_text="What the letters say about this person, in brief."
    )

    page_url_name = "people:detainee_detail"
    objects = SlugManager.from_queryset(DetaineeQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=DetaineeCategory.values), name="detainee_category_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DetaineeAliasManager(models.Manager["DetaineeAlias"]):
    def get_by_natural_key(self, detainee_slug: str, name: str) -> DetaineeAlias:
        return self.get(detainee__slug=detainee_slug, name=name)


class DetaineeAlias(models.Model):
    """Another spelling of a detainee's name (transliteration, nickname)."""

    class Kind(models.TextChoices):
        TRANSLITERATION = "transliteration", "Transliteration"
        ALIAS = "alias", "Alias"
        NATIVE = "native", "Native script"

    detainee = models.ForeignKey(
        Detainee,
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The detainee this name refers to.",
    )
    name = models.CharField(max_length=200, help_text="The other name or spelling.")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.TRANSLITERATION,
        help_text="Transliteration variant, alias, or name in native script.",
    )

    objects = DetaineeAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "detainee aliases"
        constraints = [
            models.UniqueConstraint(fields=["detainee", "name"], name="detainee_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @key_depends_on("people.detainee")
    def natural_key(self) -> tuple[str, str]:
        return (*self.detainee.natural_key(), self.name)

    def get_absolute_url(self) -> str:
        return self.detainee.get_absolute_url()
