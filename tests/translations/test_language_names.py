"""Languages are named from CLDR (Babel), not typed by hand: in running text as the
page's language writes them, and in the language menu each in its own name with a
capital, as a menu shows it."""

import pytest
from django.utils import translation

from admin4all.language_names import language_name, own_language_name
from tests import factories
from tests.officers.test_profile_translations import officer_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "English"),
        ("it", "Italiano"),
        ("de", "Deutsch"),
        ("pl", "Polski"),
        ("ro", "Română"),
        ("el", "Ελληνικά"),
        ("es", "Español"),
    ],
)
def test_the_menu_names_each_language_in_itself_with_a_capital(code, name):
    assert own_language_name(code) == name


@pytest.mark.parametrize(
    ("page", "code", "name"),
    [
        ("en", "pl", "Polish"),
        ("it", "pl", "polacco"),
        ("de", "el", "Griechisch"),
        ("pl", "it", "włoski"),
        ("ro", "es", "spaniolă"),
        ("el", "ro", "Ρουμανικά"),
        ("es", "de", "alemán"),
    ],
)
def test_running_text_names_a_language_as_the_pages_language_writes_it(page, code, name):
    with translation.override(page):
        assert language_name(code) == name


def test_the_italian_profile_form_names_the_languages_in_lower_case_as_italian_does():
    city = factories.MunicipalityFactory(name="Wrocław", slug="wroclaw", profile="On the Oder.")

    response = officer_client(city, "Anna").get("/it/my/wroclaw/profile/")

    form = response.context["form"]
    assert form.fields["profile"].label == "Profilo (inglese)"
    assert [form.fields[f"profile_{code}"].label for code in ("it", "de", "el")] == [
        "Profilo (italiano)",
        "Profilo (tedesco)",
        "Profilo (greco)",
    ]
    # A section title, like a menu item, starts with a capital.
    assert "<summary>Tedesco</summary>" in response.content.decode()
