from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Letters, demands and sources"

    def ready(self) -> None:
        from letters.roles import ensure_staff_roles

        post_migrate.connect(ensure_staff_roles, sender=self)
