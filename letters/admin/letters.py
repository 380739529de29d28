from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path
from reversion.admin import VersionAdmin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from letters.models.letter import SignerCounts

from archive.provenance import check_quotes
from letters.admin.drafts import draft_letter_view
from letters.admin.sources import remove_source_view
from letters.models import (
    Bill,
    BillReference,
    Demand,
    DetaineeMention,
    DifferingFact,
    Footnote,
    Letter,
    LetterDemand,
    LetterPart,
    LetterQuerySet,
    LetterRecipient,
    Recipient,
    Signatory,
    Source,
)

LetterPartT = TypeVar("LetterPartT", bound=LetterPart)


class LetterPartInline(admin.StackedInline[LetterPartT, Letter]):
    extra = 0
    autocomplete_fields = ["source"]


class SignatoryForm(forms.ModelForm[Signatory]):
    def clean(self) -> dict[str, Any] | None:
        """A role changed by hand no longer comes from the source that gave the old one."""
        cleaned = super().clean()
        if "role" in self.changed_data and self.instance.role_source_id is not None:
            self.instance.role_source, self.instance.role_passage = None, ""
        return cleaned


class SignatoryInline(admin.TabularInline[Signatory, Letter]):
    """One line per signer (a one-line passage box, narrow name fields), so a letter of
    hundreds of signers stays a page an editor can read; folded when there are many."""

    model = Signatory
    form = SignatoryForm
    extra = 0
    autocomplete_fields = ["legislator", "source"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 26})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 14})},
    }
    view_on_site = False  # the letter's own link says it once, not once per signer

    class Media:
        css = {"all": ["css/admin_signers.css"]}

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        """Without the add/change/delete/view icons beside each signer's legislator and
        source (a second line per row); the autocomplete stays."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield

    fields = [
        "position",
        "legislator",
        "role",
        "printed_name",
        "printed_party_state",
        "source",
        "passage",
    ]
    ordering = ["position"]


# A letter with more signers than this opens with its signers folded away.
FOLDED_SIGNERS = 30


class LetterRecipientInline(admin.TabularInline[LetterRecipient, Letter]):
    model = LetterRecipient
    extra = 0
    autocomplete_fields = ["recipient", "source"]
    fields = ["position", "recipient", "printed_title", "source", "passage"]


class LetterDemandInline(LetterPartInline[LetterDemand]):
    model = LetterDemand
    autocomplete_fields = ["demand", "source"]
    fields = [("position", "demand", "wording_origin", "source"), "wording"]


class DetaineeMentionInline(LetterPartInline[DetaineeMention]):
    model = DetaineeMention
    autocomplete_fields = ["detainee", "source"]
    fields = [("position", "detainee", "printed_name", "role_given", "source"), "passage"]


class FootnoteInline(LetterPartInline[Footnote]):
    model = Footnote
    fields = [("number", "marker_as_printed", "source"), "text", "passage"]


class DifferingFactInline(admin.TabularInline[DifferingFact, Letter]):
    model = DifferingFact
    extra = 0
    autocomplete_fields = ["source"]
    raw_id_fields = ["signatory"]
    fields = ["position", "fact", "value", "signatory", "source", "passage"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }


class BillReferenceInline(admin.TabularInline[BillReference, Letter]):
    model = BillReference
    extra = 0
    autocomplete_fields = ["bill", "source"]
    fields = ["bill", "source", "passage"]


class LetterForm(forms.ModelForm[Letter]):
    class Meta:
        model = Letter
        fields = "__all__"  # noqa: DJ007 (LetterAdmin.fieldsets choose the fields shown)

    def clean(self) -> dict[str, Any]:
        """The letter's own quotes must stand in their own source where one is chosen, else
        in the sources chosen on this form; a fact's source must be one of those."""
        super().clean()
        cleaned = self.cleaned_data
        sources = cleaned.get("sources")
        if sources is None:
            return cleaned
        for passage, source_field in (
            ("date_passage", "date_source"),
            ("signers_stated_passage", "signers_stated_source"),
            ("signature_blocks_passage", None),
        ):
            own = cleaned.get(source_field) if source_field else None
            if own is not None and own not in sources:
                self.add_error(source_field, "Choose one of the letter's sources.")
                continue
            cited = [own] if own is not None else sources
            try:
                check_quotes(
                    "\n".join(s.full_text for s in cited), {passage: cleaned.get(passage, "")}
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned


@admin.register(Letter)
class LetterAdmin(VersionAdmin[Letter]):
    form = LetterForm
    list_display = [
        "title",
        "date_display",
        "chamber",
        "signers_recorded",
        "signers_stated",
    ]
    list_filter = ["chamber", "date_precision", ("date", admin.DateFieldListFilter)]
    date_hierarchy = "date"
    search_fields = ["title", "summary", "full_text", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources"]
    autocomplete_fields = ["date_source", "signers_stated_source"]
    readonly_fields = ["created", "modified"]
    save_on_top = True
    # reversion's changelist plus a "Draft a letter from text" button.
    change_list_template = "admin/letters/letter/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "chamber", "chamber_note", "summary"]}),
        (
            "Date",
            {"fields": ["date", "date_precision", "date_passage", "date_source", "date_note"]},
        ),
        (
            "Signers",
            {
                "fields": [
                    "signers_stated",
                    "signers_stated_passage",
                    "signers_stated_source",
                    "signature_blocks",
                    "signature_blocks_passage",
                    "signers_note",
                ]
            },
        ),
        ("Text and sources", {"fields": ["sources", "full_text", "full_text_is_partial"]}),
        ("Record", {"fields": ["created", "modified"], "classes": ["collapse"]}),
    ]
    inlines = [
        LetterRecipientInline,
        SignatoryInline,
        LetterDemandInline,
        DetaineeMentionInline,
        FootnoteInline,
        BillReferenceInline,
        DifferingFactInline,
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Letter]:
        return cast(LetterQuerySet, super().get_queryset(request)).with_signer_counts()

    def get_inline_instances(
        self, request: HttpRequest, obj: Letter | None = None
    ) -> list[admin.options.InlineModelAdmin[Any, Any]]:
        """The signers inline folded on a letter with many signers (one count query)."""
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.signatories.count() > FOLDED_SIGNERS:
            for inline in inlines:
                if isinstance(inline, SignatoryInline):
                    inline.classes = ["collapse"]
        return inlines

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(partial(draft_letter_view, model_admin=self))
        remove = self.admin_site.admin_view(partial(remove_source_view, model_admin=self))
        return [
            path("draft/", view, name="letters_letter_draft"),
            path(
                "<int:letter_id>/sources/<int:source_id>/remove/",
                remove,
                name="letters_letter_remove_source",
            ),
            *super().get_urls(),
        ]

    @admin.display(ordering="signers_recorded", description="Signers recorded")
    def signers_recorded(self, letter: WithAnnotations[Letter, SignerCounts]) -> int:
        return letter.signers_recorded

    @admin.display(ordering="date", description="Date")
    def date_display(self, letter: Letter) -> str:
        return letter.date_display


@admin.register(Signatory)
class SignatoryAdmin(VersionAdmin[Signatory]):
    list_display = ["printed_name", "printed_party_state", "role", "letter", "position"]
    list_filter = [
        "role",
        "legislator__party",
        "legislator__chamber",
        "legislator__state",
        ("letter__date", admin.DateFieldListFilter),
    ]
    search_fields = ["printed_name", "legislator__name", "letter__title"]
    autocomplete_fields = ["letter", "legislator", "source"]
    list_select_related = ["letter", "legislator"]


@admin.register(Source)
class SourceAdmin(VersionAdmin[Source]):
    # A URL typed without a scheme is taken as https (Django 6.0's default, adopted ahead of it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "kind", "publisher", "published_on", "seed_file"]
    list_filter = ["kind"]
    search_fields = ["title", "full_text", "slug", "seed_file"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "modified"]


@admin.register(Recipient)
class RecipientAdmin(VersionAdmin[Recipient]):
    list_display = ["name", "office"]
    search_fields = ["name", "office"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Demand)
class DemandAdmin(VersionAdmin[Demand]):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LetterDemand)
class LetterDemandAdmin(VersionAdmin[LetterDemand]):
    list_display = ["demand", "letter", "wording_origin", "position"]
    list_filter = ["demand", "wording_origin", ("letter__date", admin.DateFieldListFilter)]
    search_fields = ["wording", "letter__title"]
    autocomplete_fields = ["letter", "demand", "source"]
    list_select_related = ["letter", "demand"]


@admin.register(DetaineeMention)
class DetaineeMentionAdmin(VersionAdmin[DetaineeMention]):
    list_display = ["printed_name", "role_given", "letter"]
    list_filter = ["detainee", ("letter__date", admin.DateFieldListFilter)]
    search_fields = ["printed_name", "passage", "detainee__name", "letter__title"]
    autocomplete_fields = ["letter", "detainee", "source"]
    list_select_related = ["letter", "detainee"]


@admin.register(Bill)
class BillAdmin(VersionAdmin[Bill]):
    list_display = ["number", "title"]
    search_fields = ["number", "title"]
    prepopulated_fields = {"slug": ["number"]}


@admin.register(Footnote)
class FootnoteAdmin(VersionAdmin[Footnote]):
    list_display = ["__str__", "letter", "number"]
    search_fields = ["text", "letter__title"]
    autocomplete_fields = ["letter", "source"]
    list_select_related = ["letter"]


@admin.register(LogEntry)
class EditLogAdmin(admin.ModelAdmin[LogEntry]):
    """Who added, changed or deleted what and when, bulk deletions included (read-only)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
