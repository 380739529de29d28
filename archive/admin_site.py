"""The admin site: Django's, with every form it saves run as one batch of changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

from archive.changes import batched_changes

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def one_batch_of_changes(view: View) -> View:
    """A posted form in one transaction and one batch (archive/changes.py): saving a letter
    with hundreds of signatories, or reverting one, recounts the tallies and replaces the
    version token once, not once per row."""

    @wraps(view)
    def posted_in_one_batch(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with transaction.atomic(), batched_changes():
            return view(request, *args, **kwargs)

    return cast(View, posted_in_one_batch)


class ArchiveAdminSite(AdminSite):
    def admin_view(self, view: View, cacheable: bool = False) -> View:
        return super().admin_view(one_batch_of_changes(view), cacheable)


class ArchiveAdminConfig(AdminConfig):
    default_site = "archive.admin_site.ArchiveAdminSite"
