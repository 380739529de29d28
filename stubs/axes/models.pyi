from typing import ClassVar

from django.db import models

class AccessAttempt(models.Model):
    objects: ClassVar[models.Manager[AccessAttempt]]
    username: str | None
    ip_address: str | None
    failures_since_start: int
