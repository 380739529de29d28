"""gunicorn forks its workers from a master that has already imported the views and
compiled the public templates (archive/warmup.py), without opening a database connection
the workers would then share."""

import pytest
from django.template import engines

from archive.warmup import project_template_names, warm_up


def cached_template_names() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]
    # get_template(name) caches under the name itself (a key with "-" and a hash is
    # for a template reached while extending another).
    return set(loader.get_template_cache)


@pytest.mark.django_db
def test_warm_up_compiles_every_public_template_without_a_query(django_assert_num_queries):
    names = project_template_names()
    assert "letters/letter_list.html" in names
    assert "includes/_letter_row.html" in names
    engines["django"].engine.template_loaders[0].reset()

    with django_assert_num_queries(0):
        assert warm_up() == len(names)

    assert set(names) <= cached_template_names()


def test_warm_up_needs_no_database():
    # Without the django_db mark, pytest-django makes any database access raise.
    engines["django"].engine.template_loaders[0].reset()
    assert warm_up() == len(project_template_names())


def test_gunicorn_preloads_and_warms_the_app():
    import runpy

    from django.conf import settings

    config = runpy.run_path(str(settings.BASE_DIR / "archive" / "gunicorn_conf.py"))
    assert config["preload_app"] is True
    assert callable(config["when_ready"])
