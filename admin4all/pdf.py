"""PDF documents (certificates of attendance, phase reports) made by WeasyPrint from
the same HTML and print stylesheet as the printable pages.

WeasyPrint fetches whatever a page names: stylesheets, images, fonts. Ours never goes to
the network nor to the disk at large: its fetcher serves the site's own static files and
refuses every other address, so a link or an image someone typed into a record cannot
make the server call another host or read a local file.

WeasyPrint takes about a second to load (Pango, fontTools, its own stylesheets): the
views import this module when they make a PDF, so that every command and app server
does not pay for it at start.
"""

import mimetypes
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesFetcher(URLFetcher):
    """Serves the URLs under `static_url` (absolute) from the static files, as
    collected (hashed names, in production) or as found in the apps (development);
    refuses everything else."""

    def __init__(self, static_url: str):
        super().__init__()
        self.static_url = static_url

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        location = f"{parts.scheme}://{parts.netloc}{posixpath.normpath(parts.path)}"
        if not location.startswith(self.static_url):
            raise ValueError(f"Only the site's static files are fetched, not {url}")
        name = unquote(location.removeprefix(self.static_url))
        path = _static_file_path(name)
        if path is None:
            raise ValueError(f"No static file {name}")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with open(path, "rb") as static_file:
            body = static_file.read()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _static_file_path(name: str) -> str | None:
    if staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    return finders.find(name)


def render_pdf(html: str, *, base_url: str) -> bytes:
    """The PDF of a page whose relative links resolve against `base_url` (the site's
    address, so that links in the PDF lead to the site)."""
    fetcher = StaticFilesFetcher(urljoin(base_url, settings.STATIC_URL))
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def pdf_response(
    request: HttpRequest, template_name: str, context: dict, *, filename: str
) -> HttpResponse:
    """The template rendered for `request` as a PDF download named `filename`. The
    print stylesheet hides what only the screen needs (the toolbar)."""
    html = render_to_string(template_name, context, request=request)
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
