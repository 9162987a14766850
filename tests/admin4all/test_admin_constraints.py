"""Writes the database refuses for a constraint, which model validation could not
foresee, show the change form again with the constraint's message and what was typed,
never a server error (admin4all.admin_constraints)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from admin4all.admin_constraints import refused_constraint
from municipalities.models import Country, Municipality
from tests import factories
from tests.admin4all.test_constraints import errorlist, errors_above_inlines, with_new_row
from tests.edit_forms import form_data
from trainings.models import TrainingParticipant

pytestmark = pytest.mark.django_db


def integrity_error(make) -> IntegrityError:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        make()
    return raised.value


def test_refused_constraint_named_by_the_database():
    existing = factories.MunicipalityFactory(name="Milano")

    error = integrity_error(
        lambda: factories.MunicipalityFactory(name="Milano", country=existing.country)
    )

    model, constraint = refused_constraint(error)
    assert (model, constraint.name) == (Municipality, "municipality_unique_name")


def test_refused_unique_field_is_no_constraint_of_the_model():
    existing = factories.CountryFactory()

    error = integrity_error(lambda: factories.CountryFactory(slug=existing.slug))

    assert refused_constraint(error) is None
    assert Country.objects.count() == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"full_name": "Ana Rossi"}, {"full_name": "ana rossi"}],
            "This training already lists someone of this name.",
        ),
        (
            [
                {"full_name": "Ana Rossi", "email": "ana@example.org"},
                {"full_name": "Anna Rossi", "email": "ana@example.org"},
            ],
            "This training already lists someone with this email address.",
        ),
    ],
    ids=["name", "email"],
)
def test_participants_clashing_in_one_list_refused_above_it_with_what_was_typed(
    superuser_client, rows, message
):
    training = factories.TrainingFactory()
    url = reverse("admin:trainings_training_change", args=[training.pk])
    data = form_data(superuser_client.get(url).content.decode())
    for number, row in enumerate(rows):
        data = with_new_row(data, "participants")
        data.update({f"participants-{number}-{name}": [value] for name, value in row.items()})

    response = superuser_client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert errors_above_inlines(page) == [message]
    shown = form_data(page)
    assert [shown[f"participants-{n}-full_name"] for n in range(len(rows))] == [
        [row["full_name"]] for row in rows
    ]
    assert list(TrainingParticipant.objects.all()) == []


@pytest.mark.urls("tests.admin4all.urls_fixed_country")
def test_write_refused_by_database_shown_on_the_constraints_fields(superuser_client):
    existing = factories.MunicipalityFactory(name="Milano")
    municipality = factories.MunicipalityFactory(country=existing.country, name="Milan")
    url = reverse("fixed_country:municipalities_municipality_change", args=[municipality.pk])
    data = form_data(superuser_client.get(url).content.decode())
    data["name"] = ["Milano"]

    response = superuser_client.post(url, data)

    page = response.content.decode()
    municipality.refresh_from_db()
    assert response.status_code == 200
    assert errorlist(page, "id_name_error") == [
        "This country already has a municipality of this name."
    ]
    assert form_data(page)["name"] == ["Milano"]
    assert municipality.name == "Milan"


# allauth's models: their constraints carry no message, so the admin's forms say it.
LIBRARY_VIOLATIONS = {
    "unique_primary_email": (
        "account_emailaddress",
        lambda user: {"email": "second@example.org", "primary": "on", "verified": ""},
        "id_primary_error",
        "This person has a primary address already: make that one not primary first.",
    ),
    "unique_verified_email": (
        "account_emailaddress",
        lambda user: {"email": "first@example.org", "primary": "", "verified": "on"},
        "id_email_error",
        "Another account has verified this address already.",
    ),
    "unique_authenticator_type": (
        "mfa_authenticator",
        lambda user: (
            {"type": "totp", "data": "{}", "created_at_0": "2026-12-07"}
            | {"created_at_1": "08:00:00"}
        ),
        "id_type_error",
        "This person has an authenticator of this kind already.",
    ),
}


@pytest.mark.parametrize("name", LIBRARY_VIOLATIONS)
def test_allauths_constraints_speak_plainly_on_their_field(superuser_client, name):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    owner = factories.UserFactory()
    EmailAddress.objects.create(user=owner, email="first@example.org", primary=True, verified=True)
    Authenticator.objects.create(user=owner, type="totp", data={})
    # The verified address is someone else's; the primary one and the TOTP are the owner's.
    user = factories.UserFactory() if name == "unique_verified_email" else owner
    admin_name, data, error_id, message = LIBRARY_VIOLATIONS[name]

    response = superuser_client.post(
        reverse(f"admin:{admin_name}_add"), {"user": user.pk, **data(user)}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert errorlist(page, error_id) == [message]
    assert name not in page
