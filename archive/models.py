"""The abstract base model every record of the archive shares (no table of its own), and
what every record with a permanent URL name shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.db import models
from django.urls import reverse

_Record = TypeVar("_Record", bound=models.Model)
_Method = TypeVar("_Method", bound=Callable[..., Any])


def key_depends_on(*models: str) -> Callable[[_Method], _Method]:
    """Mark a `natural_key` method with the models whose keys it holds, as Django's
    serializer reads them (`natural_key.dependencies`), so they are dumped first."""

    def mark(method: _Method) -> _Method:
        vars(method)["dependencies"] = list(models)
        return method

    return mark


class SlugManager(models.Manager[_Record]):
    """Natural key = slug, so fixtures never depend on primary keys."""

    def get_by_natural_key(self, slug: str) -> _Record:
        return self.get(slug=slug)


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True, help_text="When this record was created.")
    modified = models.DateTimeField(auto_now=True, help_text="When this record last changed.")

    class Meta:
        abstract = True


class PageBySlug:
    """A record known by its permanent URL name: its natural key is its `slug`, and its
    page the URL named `page_url_name`, which takes that slug."""

    slug: str
    page_url_name: ClassVar[str]

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse(self.page_url_name, kwargs={"slug": self.slug})
