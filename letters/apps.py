from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Letters, demands and sources"

    def ready(self) -> None:
        from archive.changes import records_changed_in_bulk
        from archive.roles import ensure_staff_roles
        from letters.datapackage import descriptor  # noqa: F401 (registers its check)
        from letters.models import Campaign, Letter, Signatory
        from letters.signals import archive_changed, archive_changed_in_bulk, signatory_before_save

        post_migrate.connect(ensure_staff_roles, sender=self)

        # One receiver for every change to the archive: it replaces the version token in
        # the change's transaction (cached pages and the facet index are valid only under
        # the token they were made under) and keeps the signer tallies.
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        for app_label in ("letters", "people"):
            for model in apps.get_app_config(app_label).get_models():
                post_save.connect(archive_changed, sender=model)
                post_delete.connect(archive_changed, sender=model)
        for through in (Letter.sources.through, Campaign.letters.through):
            m2m_changed.connect(archive_changed, sender=through)
        pre_save.connect(signatory_before_save, sender=Signatory)
        records_changed_in_bulk.connect(archive_changed_in_bulk)
