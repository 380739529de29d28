from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.health import health
from archive.page_cache import page_parameters
from letters.pages.sitemaps import SITEMAPS
from letters.pages.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Its `p` pages a sitemap longer than 50,000 addresses.
    path("sitemap.xml", page_parameters("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("letters.urls")),
    path("", include("people.urls")),
]

handler500 = "letters.pages.views.server_error"
