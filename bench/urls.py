"""The site's URLs plus the benchmark's ceiling page (bench/ceiling.py)."""

from django.urls import path

from archive.urls import handler500
from archive.urls import urlpatterns as site_urlpatterns
from bench.ceiling import ceiling

urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
