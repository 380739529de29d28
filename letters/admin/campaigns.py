"""Admin for campaigns (with the suggested groupings editors may turn into one) and for the
responses recorded to each kind of demand."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from reversion.admin import VersionAdmin

from letters.campaigns.suggestions import suggest_campaigns
from letters.models import Campaign, DemandResponse


@admin.register(Campaign)
class CampaignAdmin(VersionAdmin[Campaign]):
    list_display = ["title", "slug"]
    search_fields = ["title", "description", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["letters"]
    readonly_fields = ["created", "modified"]
    # reversion's changelist plus a button to the suggested groupings.
    change_list_template = "admin/letters/campaign/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.suggestions_view)
        suggestions = path("suggestions/", view, name="letters_campaign_suggestions")
        return [suggestions, *super().get_urls()]

    def suggestions_view(self, request: HttpRequest) -> HttpResponse:
        """Letters that may belong together, for an editor to group or ignore (those who
        may add a campaign: the page is the way to one)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Suggested campaigns",
            "suggestions": suggest_campaigns(),
        }
        return TemplateResponse(request, "admin/letters/campaign/suggestions.html", context)


@admin.register(DemandResponse)
class DemandResponseAdmin(VersionAdmin[DemandResponse]):
    """Replies, statements and actions answering a kind of demand, each with its source."""

    list_display = ["demand", "kind", "responder", "date_display", "source"]
    list_filter = ["kind", "demand", ("date", admin.DateFieldListFilter)]
    search_fields = ["responder", "summary", "passage", "demand__name"]
    autocomplete_fields = ["demand", "letter", "source"]
    list_select_related = ["demand", "source"]
    readonly_fields = ["created", "modified"]
    fieldsets = [
        (None, {"fields": ["demand", "letter", "kind", "responder", "summary"]}),
        ("Date", {"fields": ["date", "date_precision"]}),
        ("Source", {"fields": ["source", "passage"]}),
        ("Record", {"fields": ["created", "modified"], "classes": ["collapse"]}),
    ]

    @admin.display(ordering="date", description="Date")
    def date_display(self, response: DemandResponse) -> str:
        return response.date_display
