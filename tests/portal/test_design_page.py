"""The design system's page (/design/) is for staff only: a visitor is sent to log in,
an officer finds nothing there, and no search engine is told of it."""

import pytest
from django.utils import translation

from tests.factories import ThemeFactory, UserFactory
from tests.public_pages import sitemap_paths

pytestmark = pytest.mark.django_db


def test_design_page_sends_a_visitor_to_log_in(client):
    response = client.get("/design/")

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/design/",
    )


def test_design_page_is_not_found_by_an_officer(client):
    client.force_login(UserFactory(is_staff=False))

    assert client.get("/design/").status_code == 404


def test_design_page_shows_staff_each_component_and_is_not_indexed(client):
    ThemeFactory(name="Housing", slug="housing")
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/el/design/")

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text
    assert "no-cache" in response["Cache-Control"]
    for include in [
        "site_header.html",
        "page_heading.html",
        "card.html",
        "statistic.html",
        "tags.html",
        "notice.html",
        "pagination.html",
        "map.html",
    ]:
        assert f"includes/{include}" in response.text, include
    assert '<a class="tag" href="/el/themes/housing/">' in response.text


def test_design_page_is_not_in_the_sitemap(client):
    with translation.override("en"):
        assert [path for path in sitemap_paths() if "design" in path] == []
