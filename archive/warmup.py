"""Work each gunicorn worker would otherwise repeat on its first requests, done once in the
master before it forks them (`preload_app` in archive/gunicorn_conf.py): a worker started
after a crash or recycled by max_requests answers its first request as fast as its
hundredth. Nothing here touches the database: a connection opened before the fork would be
shared by every worker.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver
from django.utils import formats, translation
from django.utils.module_loading import import_string


def project_template_names() -> list[str]:
    """Every template of the project's templates/ directories (the public pages)."""
    names = []
    directories = cast("list[str | Path]", settings.TEMPLATES[0]["DIRS"])
    for directory in directories:
        root = Path(directory)
        names += sorted(
            str(path.relative_to(root)) for path in root.rglob("*.html") if path.is_file()
        )
    return names


def import_first_request_modules() -> None:
    """Import what Django would import on a worker's first request: the cache backends and
    their client library (a large package, slow to compile where no bytecode was written),
    the SQL compilers, the message and session classes, the template context
    processors, the error views."""
    for alias in settings.CACHES:
        # A throwaway instance (nothing connected, nothing shared): imports the backend.
        if isinstance(caches.create_connection(alias), RedisCache):
            importlib.import_module("redis")  # imported by its client, when first made
    for alias in settings.DATABASES:  # the SQL compilers, without connecting
        importlib.import_module(connections[alias].ops.compiler_module)
    import_string(settings.MESSAGE_STORAGE)
    import_string(settings.SESSION_SERIALIZER)
    importlib.import_module(settings.SESSION_ENGINE)
    django_templates = engines["django"]
    assert isinstance(django_templates, DjangoTemplates)
    django_templates.engine.template_context_processors  # noqa: B018 (imports them)
    for status in (400, 403, 404, 500):
        get_resolver().resolve_error_handler(status)
    # Codecs: the first connection by host name (idna), the first 4xx logged (escaped).
    for codec in ("encodings.idna", "encodings.unicode_escape"):
        importlib.import_module(codec)


def warm_up() -> int:
    """Import every view through the URLconf and what a first request would import, load
    the translation catalogue and compile the project's templates into the cached loader;
    returns the number of templates."""
    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    import_first_request_modules()
    translation.activate(settings.LANGUAGE_CODE)
    translation.gettext("Home")
    formats.get_format("DATE_FORMAT")  # imports the language's format module
    translation.deactivate()
    engine = engines["django"]
    names = project_template_names()
    for name in names:
        engine.get_template(name)
    return len(names)
