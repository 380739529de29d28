"""Staff roles: editors change the archive's records, viewers only read them in the admin."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
VIEWERS = "Viewers"
ARCHIVE_APPS = ("letters", "people")


def ensure_staff_roles(**kwargs: object) -> None:
    """Create or refresh the two groups with their permissions (runs after every migrate)."""
    if not apps.is_installed("django.contrib.auth"):
        return
    archive_permissions = Permission.objects.filter(content_type__app_label__in=ARCHIVE_APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(archive_permissions)
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    viewers.permissions.set(archive_permissions.filter(codename__startswith="view_"))
