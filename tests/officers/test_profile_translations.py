"""The officers' profile form in every language: each translation of the city's profile
is written, recorded in the history under the officer's name, and guarded against
another officer's save like the rest of the form."""

import pytest
from django.test import Client

from admin4all.concurrency import VERSION_FIELD, version_token
from municipalities.models import Municipality
from tests import factories
from tests.edit_forms import form_data

pytestmark = pytest.mark.django_db

URL = "/my/wroclaw/profile/"
TRANSLATIONS = ["profile_it", "profile_de", "profile_pl", "profile_ro", "profile_el", "profile_es"]


@pytest.fixture
def city():
    return factories.MunicipalityFactory(
        name="Wrocław",
        slug="wroclaw",
        profile="A city on the Oder.",
        profile_pl="Miasto nad Odrą.",
    )


def officer_client(city, first_name: str) -> Client:
    user = factories.UserFactory(first_name=first_name, last_name="Nowak")
    factories.OfficerMembershipFactory(user=user, municipality=city)
    client = Client()
    client.force_login(user)
    return client


def post(client, city, **translations):
    data = {"profile": city.profile, "website": "", "contact_email": ""}
    return client.post(URL, {**data, **translations, VERSION_FIELD: version_token(city)})


def test_profile_form_offers_the_profile_in_every_language(city):
    response = officer_client(city, "Anna").get(URL)

    form = response.context["form"]
    html = response.content.decode()
    assert list(form.fields) == [
        "profile",
        *TRANSLATIONS,
        "website",
        "contact_email",
        VERSION_FIELD,
    ]
    assert form.fields["profile"].label == "Profile (English)"
    assert form.fields["profile_ro"].label == "Profile (Romanian)"
    assert form["profile_pl"].value() == "Miasto nad Odrą."
    assert "<legend>The profile in other languages</legend>" in html
    assert '<textarea name="profile_el" cols="40" rows="10" lang="el"' in html
    assert "<details>\n        <summary>Italian</summary>" in html
    assert "<details open>\n        <summary>Polish</summary>" in html


def test_profile_form_saves_each_language(city):
    response = post(
        officer_client(city, "Anna"),
        city,
        profile_it="Una città sull'Oder.",
        profile_pl="Miasto nad Odrą.",
        profile_es="",
    )

    city.refresh_from_db()
    assert response.status_code == 302
    assert city.profile == "A city on the Oder."
    assert city.i18n == {"profile_it": "Una città sull'Oder.", "profile_pl": "Miasto nad Odrą."}


def test_profile_form_emptied_language_is_missing_again(city):
    post(officer_client(city, "Anna"), city, profile_pl="")

    city.refresh_from_db()
    assert city.i18n == {}


def test_profile_translation_recorded_under_the_officers_name(city, editor_client):
    post(officer_client(city, "Anna"), city, profile_pl="Miasto nad Odrą.", profile_de="Breslau.")

    response = editor_client.get(f"/admin/municipalities/municipality/{city.pk}/history/")

    latest = response.context["versions"][0]
    assert latest.user.first_name == "Anna"
    assert [(c.label, c.before, c.after) for c in latest.changes] == [
        ("profile (German)", "—", "Breslau.")
    ]


def test_second_officers_translation_refused_with_the_first_ones_change(city):
    anna, ewa = officer_client(city, "Anna"), officer_client(city, "Ewa")
    anna_form = form_data(anna.get(URL).content.decode())
    ewa_form = form_data(ewa.get(URL).content.decode())

    anna.post(URL, {**anna_form, "profile_it": "Una città sull'Oder."})
    refused = ewa.post(URL, {**ewa_form, "profile_it": "Città della Slesia."})

    city = Municipality.objects.get(slug="wroclaw")
    changes = refused.context["form"].conflict.changes
    assert refused.status_code == 200
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("profile (Italian)", "—", "Una città sull'Oder.")
    ]
    assert city.i18n["profile_it"] == "Una città sull'Oder."
    assert form_data(refused.content.decode())["profile_it"] == ["Città della Slesia."]
