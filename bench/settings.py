"""The production settings, plus the benchmark's app (the synthetic archive's command) and
its URLs (the site and the ceiling page). Never used to serve the archive."""

from archive.settings import *  # noqa: F403
from archive.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
