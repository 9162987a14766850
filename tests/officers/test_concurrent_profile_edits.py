"""Two officers of one city, or an officer and staff, editing the city's public profile
at once: the second save is refused and shown the first's changes (issue #5)."""

import pytest
from django.test import Client

from admin4all.concurrency import VERSION_FIELD
from municipalities.models import Municipality
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.edit_forms import OLD_PAGE, conflict_message, form_data

URL = "/my/wroclaw/profile/"


@pytest.fixture
def city(db):
    return factories.MunicipalityFactory(name="Wrocław", slug="wroclaw", profile="")


def officer_client(city, **names) -> Client:
    user = factories.UserFactory(**names)
    factories.OfficerMembershipFactory(user=user, municipality=city)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anna_client(city):
    return officer_client(city, first_name="Anna", last_name="Nowak")


@pytest.fixture
def piotr_client(city):
    return officer_client(city, first_name="Piotr", last_name="Zieliński")


def open_form(client) -> dict:
    return form_data(client.get(URL).content.decode())


def table_rows(response) -> list[tuple]:
    return [(c.label, c.before, c.after) for c in response.context["form"].conflict.changes]


@pytest.mark.django_db
def test_second_officer_save_refused_with_first_officers_changes(anna_client, piotr_client, city):
    anna_form, piotr_form = open_form(anna_client), open_form(piotr_client)

    first = anna_client.post(URL, {**anna_form, "profile": "A one-stop shop."})
    second = piotr_client.post(URL, {**piotr_form, "contact_email": "info@wroclaw.example"})

    city.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 200)
    assert second.context["form"].errors == {"__all__": [conflict_message(city, "Anna Nowak")]}
    assert table_rows(second) == [("profile", "—", "A one-stop shop.")]
    assert (city.profile, city.contact_email) == ("A one-stop shop.", "")
    kept = form_data(second.content.decode())
    assert (kept["profile"], kept["contact_email"]) == ([""], ["info@wroclaw.example"])
    assert '<th scope="row">Profile</th>' in second.content.decode()


@pytest.mark.django_db
def test_officer_without_a_name_is_named_by_email_never_by_username(piotr_client, city):
    anna_client = officer_client(city, username="officer-5c1e", email="anna@wroclaw.example")
    anna_form, piotr_form = open_form(anna_client), open_form(piotr_client)

    anna_client.post(URL, {**anna_form, "profile": "A one-stop shop."})
    refused = piotr_client.post(URL, {**piotr_form, "profile": "Housing first."})

    assert refused.context["form"].errors == {
        "__all__": [conflict_message(city, "anna@wroclaw.example")]
    }


@pytest.mark.django_db
def test_second_officer_sending_again_saves(anna_client, piotr_client, city):
    anna_form, piotr_form = open_form(anna_client), open_form(piotr_client)
    anna_client.post(URL, {**anna_form, "profile": "A one-stop shop."})
    refused = piotr_client.post(URL, {**piotr_form, "profile": "Housing first."})

    again = piotr_client.post(URL, form_data(refused.content.decode()))

    city.refresh_from_db()
    assert (refused.status_code, again.status_code, city.profile) == (200, 302, "Housing first.")


@pytest.mark.django_db
def test_staff_save_in_admin_meanwhile_detected(anna_client, editor_client, editor, city):
    editor.first_name, editor.last_name = "Maria", "Rossi"
    editor.save()
    opened = open_form(anna_client)
    admin_page = admin_url(Municipality, "change", city.pk)
    admin_form = form_data(editor_client.get(admin_page).content.decode())
    editor_client.post(admin_page, {**admin_form, "website": "https://www.wroclaw.pl"})

    response = anna_client.post(URL, {**opened, "profile": "A one-stop shop."})

    city.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [conflict_message(city, "Maria Rossi")]}
    assert table_rows(response) == [("website", "—", "https://www.wroclaw.pl")]
    assert (city.profile, city.website) == ("", "https://www.wroclaw.pl")


@pytest.mark.django_db
def test_officer_saves_one_after_another_never_conflict(anna_client, piotr_client, city):
    first = anna_client.post(URL, {**open_form(anna_client), "profile": "A one-stop shop."})
    second = piotr_client.post(URL, {**open_form(piotr_client), "profile": "Housing first."})

    city.refresh_from_db()
    assert (first.status_code, second.status_code, city.profile) == (302, 302, "Housing first.")


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "municipalities.Municipality:1:1:forged"])
def test_profile_missing_or_tampered_token_refused_with_message(anna_client, city, token):
    data = {**open_form(anna_client), "profile": "A one-stop shop."}
    if token is None:
        del data[VERSION_FIELD]
    else:
        data[VERSION_FIELD] = token

    response = anna_client.post(URL, data)

    city.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [OLD_PAGE]}
    assert "<table" not in response.content.decode()
    assert city.profile == ""
