"""/sitemap.xml: the index of every section's sitemap pages, as Django's index view
lists them, written without its template. The index grows with the data (a line per
page of 500 entries), and per line the template's loop, date filter and {% spaceless %}
cost far more than the line itself: here a section's lastmod is formatted once and its
pages' lines are joined strings, so the index costs about the same at any size."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date


def _w3c(lastmod: datetime | None) -> str:
    # As the template's date:"c": in the site's time zone.
    return timezone.localtime(lastmod).isoformat() if lastmod else ""


def _entries(location: str, lastmod: str, pages: int) -> list[str]:
    tail = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return [f"<sitemap><loc>{escape(location)}</loc>{tail}</sitemap>"] + [
        f"<sitemap><loc>{escape(location)}?p={page}</loc>{tail}</sitemap>"
        for page in range(2, pages + 1)
    ]


@x_robots_tag
def sitemap_index(request: HttpRequest, sitemaps: dict[str, Sitemap]) -> HttpResponse:
    domain = get_current_site(request).domain
    lines, latest = [], []
    for section, sitemap in sitemaps.items():
        protocol = sitemap.protocol or request.scheme
        location = f"{protocol}://{domain}{reverse('sitemap_section', args=[section])}"
        lastmod = sitemap.get_latest_lastmod()
        latest.append(lastmod)
        pages = sitemap.paginator.num_pages
        lines += _entries(location, _w3c(lastmod), pages)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "\n".join(lines)
        + "</sitemapindex>\n"
    )
    response = HttpResponse(body, content_type="application/xml")
    # As Django's index: when every section has a lastmod, the latest lets browsers and
    # crawlers revalidate (ConditionalGetMiddleware).
    if latest and None not in latest:
        response["Last-Modified"] = http_date(max(latest).timestamp())
    return response
