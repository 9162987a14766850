"""The addresses crawlers ask for, outside the languages' prefixes: the sitemaps and
robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from portal.sitemaps import sitemaps
from portal.views.sitemap_index import sitemap_index

urlpatterns = [
    # An index of one sitemap per section, each paginated (500 entries a page,
    # admin4all.sitemaps), so no answer holds every page of the site. Each page is
    # listed in every language.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]
