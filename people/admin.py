from __future__ import annotations

from typing import cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_stubs_ext import WithAnnotations
from reversion.admin import VersionAdmin

from archive.editors_only import EditorsOnlyFieldsAdmin
from people.models import Detainee, DetaineeAlias, DetaineeEvent, Legislator, LegislatorTerm
from people.models.detainees import DetaineeQuerySet, MentionCount
from people.models.legislators import LegislatorQuerySet, LetterCounts


class LegislatorTermInline(admin.TabularInline[LegislatorTerm, Legislator]):
    """Terms come from congress-legislators (import_legislators); shown, not edited here."""

    model = LegislatorTerm
    extra = 0
    fields = ("chamber", "state", "district", "party", "caucus", "start", "end")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Legislator)
class LegislatorAdmin(VersionAdmin[Legislator]):
    list_display = [
        "name",
        "party",
        "state",
        "district",
        "chamber",
        "title",
        "bioguide_id",
        "letters_signed",
    ]
    list_filter = ["party", "chamber", "title", "entered_by_hand", "state"]
    ordering = ["last_name", "name"]
    inlines = [LegislatorTermInline]
    search_fields = ["name", "official_name", "last_name", "bioguide_id", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "modified"]
    fieldsets = [
        (None, {"fields": ["name", "last_name", "slug"]}),
        ("Office", {"fields": ["chamber", "title", "party", "state", "district"]}),
        (
            "Reference data (congress-legislators)",
            {"fields": ["bioguide_id", "official_name", "entered_by_hand"]},
        ),
        ("Record", {"fields": ["created", "modified"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Legislator]:
        return cast(LegislatorQuerySet, super().get_queryset(request)).with_letter_counts()

    @admin.display(ordering="letters_signed", description="Letters signed")
    def letters_signed(self, legislator: WithAnnotations[Legislator, LetterCounts]) -> int:
        return legislator.letters_signed


class DetaineeAliasInline(admin.TabularInline[DetaineeAlias, Detainee]):
    model = DetaineeAlias
    extra = 1


class DetaineeEventInline(EditorsOnlyFieldsAdmin, admin.StackedInline[DetaineeEvent, Detainee]):
    model = DetaineeEvent
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("kind", "is_public"),
        ("date", "date_end", "date_precision", "timing"),
        "date_note",
        "description",
        ("source", "passage"),
        "internal_note",
    ]


@admin.register(Detainee)
class DetaineeAdmin(VersionAdmin[Detainee]):
    list_display = ["name", "role", "category", "status", "letters_naming"]
    list_filter = ["category"]
    search_fields = ["name", "aliases__name", "role", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "modified"]
    inlines = [DetaineeAliasInline, DetaineeEventInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Detainee]:
        return cast(DetaineeQuerySet, super().get_queryset(request)).with_mention_counts()

    @admin.display(ordering="letters_naming", description="Letters naming them")
    def letters_naming(self, detainee: WithAnnotations[Detainee, MentionCount]) -> int:
        return detainee.letters_naming


@admin.register(DetaineeAlias)
class DetaineeAliasAdmin(VersionAdmin[DetaineeAlias]):
    list_display = ["name", "kind", "detainee"]
    list_filter = ["kind"]
    search_fields = ["name", "detainee__name"]
    autocomplete_fields = ["detainee"]
    list_select_related = ["detainee"]


@admin.register(DetaineeEvent)
class DetaineeEventAdmin(EditorsOnlyFieldsAdmin, VersionAdmin[DetaineeEvent]):
    """Events of a detainee's story; each stays internal until an editor marks it reviewed."""

    list_display = ["detainee", "kind", "date_display", "is_public", "source"]
    list_filter = ["is_public", "kind", "date_precision", "timing"]
    search_fields = ["detainee__name", "description", "passage", "internal_note"]
    autocomplete_fields = ["detainee", "source"]
    list_select_related = ["detainee", "source"]
    readonly_fields = ["created", "modified"]
    fieldsets = [
        (None, {"fields": ["detainee", "kind", "description"]}),
        ("Date", {"fields": ["date", "date_end", "date_precision", "timing", "date_note"]}),
        ("Source", {"fields": ["source", "passage"]}),
        ("Review", {"fields": ["is_public", "internal_note"]}),
        ("Record", {"fields": ["created", "modified"], "classes": ["collapse"]}),
    ]

    @admin.display(ordering="date", description="Date")
    def date_display(self, event: DetaineeEvent) -> str:
        return event.date_display
