"""The PDF engine (admin4all.pdf): WeasyPrint gets our static files, as collected in
production or found in development, and nothing else: no other host, no local file."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from weasyprint import HTML

from admin4all.pdf import StaticFilesFetcher, render_pdf
from tests import factories
from tests.admin4all.test_static_files import collected  # noqa: F401 (a fixture)

BASE = "http://testserver/"
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


def test_fetcher_serves_a_static_file():
    response = StaticFilesFetcher(f"{BASE}static/").fetch(f"{BASE}static/css/print.css")

    assert (response.content_type, response.read()) == ("text/css", STYLESHEET.read_bytes())


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/css/print.css",
        "http://testserver/media/photo.jpg",
        "http://testserver/static/../admin4all/settings.py",
        "http://testserver/static/css/../../manage.py",
        "http://testserver/static/css/missing.css",
        "file:///etc/passwd",
        "data:text/css,body{color:red}",
    ],
    ids=["other-host", "media", "above-static", "dot-dot", "missing", "file", "data"],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticFilesFetcher(f"{BASE}static/").fetch(url)


@pytest.mark.django_db
def test_certificate_laid_out_by_the_collected_stylesheet(collected, editor_client):  # noqa: F811
    [hashed] = [path.name for path in (collected / "css").glob("print.*.css")]
    participant = factories.TrainingParticipantFactory(training__start_date="2019-05-06")

    served = StaticFilesFetcher(f"{BASE}static/").fetch(f"{BASE}static/css/{hashed}")
    response = editor_client.get(
        f"/admin/trainings/trainingparticipant/{participant.pk}/certificate.pdf"
    )

    [page] = PdfReader(io.BytesIO(response.content)).pages
    assert served.read() == STYLESHEET.read_bytes()
    # A4 landscape, as print.css asks for certificates (WeasyPrint's own default is
    # portrait): the page's hashed stylesheet was found.
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (842, 595)


@pytest.fixture
def other_host():
    """A web server on this machine that records the paths asked of it."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()
    server.server_close()


def test_pdf_of_a_page_naming_another_host_asks_it_nothing(other_host):
    host, asked = other_host
    html = (
        f'<link rel="stylesheet" href="{host}/theme.css">'
        f'<p>Text<img src="{host}/tracker.png" alt=""></p>'
        f'<style>@import url("{host}/more.css");</style>'
    )

    ours = render_pdf(html, base_url=BASE)
    asked_by_ours = list(asked)
    HTML(string=html, base_url=BASE).write_pdf()  # WeasyPrint's own fetcher, for contrast

    assert ours.startswith(b"%PDF")
    assert asked_by_ours == []
    assert sorted(asked) == ["/more.css", "/theme.css", "/tracker.png"]
