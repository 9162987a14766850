"""Static files as production serves them: collectstatic makes hashed, compressed
copies, pages link the hashed names, and WhiteNoise serves them with far-future,
immutable cache headers."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

MANIFEST_STORAGE = "admin4all.static_storage.GzipManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_pages_link_hashed_static_files_served_compressed_for_a_year(collected):
    client = Client()
    page = client.get("/")
    [stylesheet] = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text)

    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    response.close()  # the file WhiteNoise opened

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    assert (collected / stylesheet.removeprefix("/static/")).with_suffix(".css.gz").exists()
    # gzip only: Brotli copies took collectstatic from 6 s to 104 s (static_storage)
    assert list(collected.rglob("*.br")) == []
