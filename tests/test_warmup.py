"""gunicorn forks its workers from a master that has already imported the views and
compiled the public templates (archive/warmup.py), without opening a database connection
the workers would then share."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.loaders import cached
from pytest_django import DjangoAssertNumQueries

from archive.warmup import project_template_names, warm_up
from tests.prepared_archive import PreparedArchive, server_env

BASE_DIR = Path(__file__).resolve().parent.parent


def cached_loader() -> cached.Loader:
    """The project's template loader: Django's cached loader, in production settings."""
    backend = engines["django"]
    assert isinstance(backend, DjangoTemplates)
    loader = backend.engine.template_loaders[0]
    assert isinstance(loader, cached.Loader)
    return loader


def cached_template_names() -> set[str]:
    loader = cached_loader()
    # get_template(name) caches under the name itself (a key with "-" and a hash is
    # for a template reached while extending another).
    return set(loader.get_template_cache)


@pytest.mark.django_db
def test_warm_up_compiles_every_public_template_without_a_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    names = project_template_names()
    assert "letters/letter_list.html" in names
    assert "includes/_letter_row.html" in names
    cached_loader().reset()

    with django_assert_num_queries(0):
        assert warm_up() == len(names)

    assert set(names) <= cached_template_names()


def test_warm_up_needs_no_database() -> None:
    # Without the django_db mark, pytest-django makes any database access raise.
    cached_loader().reset()
    assert warm_up() == len(project_template_names())


def test_gunicorn_preloads_and_warms_the_app() -> None:
    import runpy

    from django.conf import settings

    config = runpy.run_path(str(settings.BASE_DIR / "archive" / "gunicorn_conf.py"))
    assert config["preload_app"] is True
    assert callable(config["when_ready"])


# Run in a fresh interpreter: as gunicorn's master loads the app (preload_app) and warms it
# (when_ready), then as a newly forked worker answers its first requests.
FIRST_REQUESTS = r"""
import json, sys, uuid
from wsgiref.util import setup_testing_defaults

from archive.wsgi import application
from archive.warmup import warm_up

warm_up()
before = set(sys.modules)
fresh = uuid.uuid4().hex  # a query string no cached page has


def get(path):
    environ = {}
    setup_testing_defaults(environ)
    path, _, query = path.partition("?")
    environ.update(
        PATH_INFO=path,
        QUERY_STRING=f"{query}&fresh={fresh}".lstrip("&"),
        HTTP_HOST="127.0.0.1",
        SERVER_NAME="127.0.0.1",
    )
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    return statuses[0]


imported = {}
for path in sys.argv[1:]:
    known = set(sys.modules)
    status = get(path)
    imported[path] = [status, sorted(set(sys.modules) - known)]
print(json.dumps(imported))
from django.core.cache import cache
cache.clear()
"""


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_a_new_worker_imports_nothing_on_its_first_requests(
    cache: str, prepared_sqlite_archive: PreparedArchive, tmp_path: Path
) -> None:
    """Whatever a first request would import is imported in the master before the fork: a
    worker recycled under load (max_requests) would otherwise spend its first request
    importing the Redis client, slowest where Python cannot write bytecode files."""
    env = server_env(
        prepared_sqlite_archive.copy_database(tmp_path),  # its requests write to it
        prepared_sqlite_archive.static_root,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        ARCHIVE_PAGE_CACHE="true",
    )
    if cache == "redis":
        try:
            socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        except OSError:
            pytest.skip("no Redis on 127.0.0.1:6379")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    pages = [
        "/",
        "/letters/?party=D",
        "/letters/2025-04-11-titus-smith-rubio/",
        "/legislators/?state=CA",
        "/legislators/dina-titus/",
        "/detainees/arayik-harutyunyan/",
        "/demands/",
        "/search/?q=release",
        "/letters.csv?party=R",
        "/letters/feed/",
        "/about/",
        "/no-such-page/",
        "/letters/?year=nope",
    ]
    result = subprocess.run(
        [sys.executable, "-c", FIRST_REQUESTS, *pages],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    imported = json.loads(result.stdout.strip().splitlines()[-1])
    statuses = {path: status for path, (status, _) in imported.items()}
    assert statuses == {
        **{path: "200 OK" for path in pages[:-2]},
        "/no-such-page/": "404 Not Found",
        "/letters/?year=nope": "400 Bad Request",
    }
    assert {path: modules for path, (_, modules) in imported.items() if modules} == {}
