"""The abstract base model every record of the archive shares (no table of its own)."""

from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True, help_text="When this record was created.")
    modified = models.DateTimeField(auto_now=True, help_text="When this record last changed.")

    class Meta:
        abstract = True
