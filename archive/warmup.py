"""Work each gunicorn worker would otherwise repeat on its first requests, done once in the
master before it forks them (`preload_app` in archive/gunicorn_conf.py): a worker started
after a crash or recycled by max_requests answers its first request as fast as its
hundredth. Nothing here touches the database: a connection opened before the fork would be
shared by every worker.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation


def project_template_names() -> list[str]:
    """Every template of the project's templates/ directories (the public pages)."""
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        names += sorted(
            str(path.relative_to(root)) for path in root.rglob("*.html") if path.is_file()
        )
    return names


def warm_up() -> int:
    """Import every view through the URLconf, load the translation catalogue and compile
    the project's templates into the cached loader; returns the number of templates."""
    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    translation.activate(settings.LANGUAGE_CODE)
    translation.gettext("Home")
    translation.deactivate()
    engine = engines["django"]
    names = project_template_names()
    for name in names:
        engine.get_template(name)
    return len(names)
