"""Fields for editors only (a model's `editors_only_fields`, each documented so in its
help_text): whoever may view a model in the admin but not change it (the Viewers group)
sees none of them anywhere in the admin.

Every admin page of such a model builds on its ModelAdmin's or inline's fieldsets, list
columns and search fields, so removing the fields there hides them from the change form,
inlines, the list, its search and filters, and a version read from the history
(django-reversion renders it with the same change form)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.admin.options import BaseModelAdmin
from django.contrib.auth import get_permission_codename
from django.db.models import Model
from django.http import HttpRequest


def editors_only_fields(model: type[Model]) -> frozenset[str]:
    return frozenset(getattr(model, "editors_only_fields", ()))


def hidden_fields(model: type[Model], request: HttpRequest) -> frozenset[str]:
    """The model's fields for editors only, unless this user may change the model."""
    opts = model._meta
    may_change = request.user.has_perm(
        f"{opts.app_label}.{get_permission_codename('change', opts)}"
    )
    return frozenset() if may_change else editors_only_fields(model)


def without(lines: Sequence[Any], hidden: frozenset[str]) -> list[Any]:
    """Field names or lines of names (a fieldset's ("date", "date_end")) less the hidden."""
    kept: list[Any] = []
    for line in lines:
        if isinstance(line, str):
            if line not in hidden:
                kept.append(line)
        elif remaining := [name for name in line if name not in hidden]:
            kept.append(tuple(remaining))
    return kept


def names_a_hidden_field(lookup: str, hidden: frozenset[str]) -> bool:
    """Whether a search field or list lookup ("internal_note", "^internal_note",
    "internal_note__contains") reads a hidden field of this model."""
    return lookup.lstrip("^=@").split("__", 1)[0] in hidden


class EditorsOnlyFieldsAdmin(BaseModelAdmin[Any]):
    """For a ModelAdmin or an inline: the model's fields for editors only are left out of
    every page for whoever may not change the model."""

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return without(super().get_fields(request, obj), hidden_fields(self.model, request))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        hidden = hidden_fields(self.model, request)
        return [
            (name, {**options, "fields": without(options["fields"], hidden)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        display = super().get_list_display(request)  # type: ignore[misc]  # a ModelAdmin's: inlines have no list
        return without(display, hidden_fields(self.model, request))

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        hidden = hidden_fields(self.model, request)
        fields = super().get_search_fields(request)  # type: ignore[misc]  # a ModelAdmin's: inlines have no list
        return [field for field in fields if not names_a_hidden_field(field, hidden)]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        """No filtering the list by a hidden field (?internal_note__contains=...): the count
        of rows left would read the field a word at a time."""
        if names_a_hidden_field(lookup, hidden_fields(self.model, request)):
            return False
        return super().lookup_allowed(lookup, value, request)
