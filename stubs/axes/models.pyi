import datetime
from typing import ClassVar

from django.db import models

class AccessAttempt(models.Model):
    objects: ClassVar[models.Manager[AccessAttempt]]
    username: str | None
    ip_address: str | None
    attempt_time: datetime.datetime
    failures_since_start: int
