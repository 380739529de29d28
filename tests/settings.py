"""Test settings: the production settings plus a throwaway secret key when none is set."""

import atexit
import shutil
import tempfile
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from archive.settings import *  # noqa: F403
from archive.settings import INSTALLED_APPS, SECRET_KEY

SECRET_KEY = SECRET_KEY or get_random_secret_key()

# The benchmark's app (its synthetic-archive command) is tested too; it never serves.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# Templates use {% static %}; tests run without `collectstatic`, so no manifest lookup.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Pages are rendered afresh in tests (query counts are pinned on the uncached path); the
# page-cache tests switch it on.
ARCHIVE_PAGE_CACHE = False
# The page-cache tests read how each page was served (off in production).
ARCHIVE_PAGE_CACHE_STATE_HEADER = True

# The test client's host: absolute URLs read as the pages' links do.
ARCHIVE_SITE_URL = "http://testserver"

# Serve static files from the app folders, as `collectstatic` would lay them out.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests log in hundreds of times (the lockout tests guess passwords on purpose): a fast
# hasher, as Django's testing documentation advises. Production keeps Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process builds the data package in a folder of its own, removed when it ends.
ARCHIVE_DATA_PACKAGE_DIR = Path(tempfile.mkdtemp(prefix="archive-data-package-"))
atexit.register(shutil.rmtree, ARCHIVE_DATA_PACKAGE_DIR, ignore_errors=True)
# A thread's own database connection would not see a test's uncommitted data: the request
# builds the package itself (tests/test_data_package.py runs the background path).
ARCHIVE_DATA_PACKAGE_IN_BACKGROUND = False
