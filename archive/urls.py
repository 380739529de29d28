import os

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.health import health
from letters.sitemaps import SITEMAPS
from letters.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("letters.urls")),
    path("", include("people.urls")),
]

handler500 = "letters.views.server_error"

# The benchmark's ceiling page (bench/run.py), routed only when the benchmark asks for it.
if os.environ.get("ARCHIVE_BENCH_CEILING") == "1":
    from archive.bench_views import ceiling

    urlpatterns.append(path("bench/ceiling/", ceiling, name="bench_ceiling"))
