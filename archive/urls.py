from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.health import health
from letters.pages.sitemaps import SITEMAPS
from letters.pages.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("letters.urls")),
    path("", include("people.urls")),
]

handler500 = "letters.pages.views.server_error"
