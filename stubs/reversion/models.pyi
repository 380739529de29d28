import datetime
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

class Revision(models.Model):
    date_created: datetime.datetime
    comment: str
    def revert(self, delete: bool = ...) -> None: ...

class VersionQuerySet(models.QuerySet[Version]):
    def get_for_model(
        self, model: type[models.Model], model_db: str | None = ...
    ) -> VersionQuerySet: ...
    def get_for_object(self, obj: models.Model, model_db: str | None = ...) -> VersionQuerySet: ...
    def get_deleted(
        self, model: type[models.Model], model_db: str | None = ...
    ) -> VersionQuerySet: ...

class Version(models.Model):
    objects: ClassVar[VersionQuerySet]
    revision: Revision
    object_id: str
    content_type: ContentType
    object_repr: str
    serialized_data: str
    @property
    def field_dict(self) -> dict[str, Any]: ...
    def revert(self) -> None: ...
