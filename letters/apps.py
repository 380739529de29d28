from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Letters, demands and sources"

    def ready(self) -> None:
        from letters.models import Campaign, Letter, Signatory
        from letters.roles import ensure_staff_roles
        from letters.signals import (
            archive_version_changed,
            legislator_saved,
            letter_saved,
            signatory_before_save,
            signatory_changed,
        )
        from people.models import Legislator

        post_migrate.connect(ensure_staff_roles, sender=self)

        # Any change to the archive replaces its version token, in the same transaction:
        # cached pages and the facet index are valid only under the token they were made.
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        for app_label in ("letters", "people"):
            for model in apps.get_app_config(app_label).get_models():
                post_save.connect(archive_version_changed, sender=model)
                post_delete.connect(archive_version_changed, sender=model)
        for through in (Letter.sources.through, Campaign.letters.through):
            m2m_changed.connect(archive_version_changed, sender=through)

        # Signer counts are kept in LetterTally and LegislatorTally (see refresh_tallies).
        pre_save.connect(signatory_before_save, sender=Signatory)
        post_save.connect(signatory_changed, sender=Signatory)
        post_delete.connect(signatory_changed, sender=Signatory)
        post_save.connect(letter_saved, sender=Letter)
        post_save.connect(legislator_saved, sender=Legislator)
