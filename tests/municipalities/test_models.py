"""Countries, municipalities, participations, officers, good practices, and the history
that the database triggers record for them."""

import re
from decimal import Decimal

import pghistory
import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from admin4all.models import Status
from municipalities.models import (
    COUNTRY_LANGUAGES,
    GoodPractice,
    Municipality,
    MunicipalityEvent,
)
from tests.factories import (
    CountryFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    OfficerMembershipFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _history(pk: int) -> list[MunicipalityEvent]:
    """Every history event of one municipality, oldest first; survives its deletion."""
    return list(MunicipalityEvent.objects.filter(pgh_obj_id=pk).order_by("pgh_id"))


# Publishing


def test_good_practice_published_returns_only_published_items_whose_time_has_passed():
    GoodPracticeFactory(draft=True)
    GoodPracticeFactory(review=True)
    GoodPracticeFactory(scheduled=True)
    published = GoodPracticeFactory()

    assert list(GoodPractice.objects.published()) == [published]


@pytest.mark.parametrize(
    ("traits", "expected"),
    [
        ({"draft": True}, False),
        ({"review": True}, False),
        ({"scheduled": True}, False),
        ({}, True),
    ],
)
def test_good_practice_is_public_only_once_published_and_due(traits, expected):
    good_practice = GoodPracticeFactory(**traits)

    assert good_practice.is_public is expected


def test_good_practice_published_without_time_is_rejected():
    with (
        pytest.raises(IntegrityError, match="goodpractice_published_has_time"),
        transaction.atomic(),
    ):
        GoodPracticeFactory(status=Status.PUBLISHED, published_at=None)


# Languages


@pytest.mark.parametrize(
    ("iso_code", "language"),
    [
        ("IT", "it"),
        ("AT", "de"),
        ("DE", "de"),
        ("PL", "pl"),
        ("RO", "ro"),
        ("GR", "el"),
        ("CY", "el"),
        ("ES", "es"),
        ("MT", "en"),
        ("FR", "en"),
    ],
)
def test_country_language_by_iso_code(iso_code, language):
    assert CountryFactory.build(iso_code=iso_code).language == language


@pytest.mark.parametrize(
    ("language", "native_name", "shown"),
    [
        ("it", "Milano", "Milano"),
        ("en", "Milano", "Milan"),
        ("de", "Milano", "Milan"),
        ("it", "", "Milan"),
    ],
)
def test_city_named_natively_in_its_countrys_language(language, native_name, shown):
    city = MunicipalityFactory.build(
        name="Milan", native_name=native_name, country=CountryFactory.build(iso_code="IT")
    )

    with translation.override(language):
        assert city.name_in_active_language == shown


def test_country_languages_are_the_portals():
    portal = {code for code, _name in settings.LANGUAGES}

    assert set(COUNTRY_LANGUAGES.values()) - portal == set()


# Constraints


@pytest.mark.parametrize("iso_code", ["it", "I", "I1", ""])
def test_country_iso_code_not_two_capitals_is_rejected(iso_code):
    with pytest.raises(IntegrityError, match="country_iso_code_format"), transaction.atomic():
        CountryFactory(iso_code=iso_code)


def test_country_factory_iso_codes_stay_valid_and_unique_for_hundreds_of_rows():
    countries = CountryFactory.create_batch(300)

    iso_codes = [country.iso_code for country in countries]
    assert len(set(iso_codes)) == 300
    assert [code for code in iso_codes if not re.fullmatch(r"[A-Z]{2}", code)] == []


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (CountryFactory, {}),
        (MunicipalityFactory, {}),
        (GoodPracticeFactory, {}),
    ],
)
def test_slug_duplicate_is_rejected(factory, kwargs):
    factory(slug="taken", **kwargs)

    with pytest.raises(IntegrityError, match=r"Key \(slug\)=\(taken\)"), transaction.atomic():
        factory(slug="taken", **kwargs)


def test_municipality_same_name_in_one_country_is_rejected():
    first = MunicipalityFactory(name="Valencia")

    with pytest.raises(IntegrityError, match="municipality_unique_name"), transaction.atomic():
        MunicipalityFactory(name="Valencia", country=first.country)


def test_municipality_same_name_in_two_countries_is_accepted():
    MunicipalityFactory(name="Valencia")
    MunicipalityFactory(name="Valencia")

    assert list(Municipality.objects.values_list("name", flat=True)) == ["Valencia", "Valencia"]


@pytest.mark.parametrize(
    ("latitude", "longitude", "constraint"),
    [
        (Decimal("90.00001"), Decimal("0"), "municipality_latitude_range"),
        (Decimal("-91"), Decimal("0"), "municipality_latitude_range"),
        (Decimal("0"), Decimal("180.5"), "municipality_longitude_range"),
        (Decimal("45"), None, "municipality_coordinates_together"),
        (None, Decimal("12"), "municipality_coordinates_together"),
    ],
)
def test_municipality_invalid_coordinates_are_rejected(latitude, longitude, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        MunicipalityFactory(latitude=latitude, longitude=longitude)


def test_municipality_coordinates_on_the_limits_are_accepted():
    municipality = MunicipalityFactory(latitude=Decimal("-90"), longitude=Decimal("180"))

    municipality.refresh_from_db()
    assert (municipality.latitude, municipality.longitude) == (Decimal("-90"), Decimal("180"))


def test_participation_twice_in_one_phase_is_rejected():
    participation = ParticipationFactory()

    with pytest.raises(IntegrityError, match="participation_once_per_phase"), transaction.atomic():
        ParticipationFactory(municipality=participation.municipality, phase=participation.phase)


def test_officer_membership_twice_for_one_city_is_rejected():
    membership = OfficerMembershipFactory()

    with (
        pytest.raises(IntegrityError, match="officer_membership_once_per_city"),
        transaction.atomic(),
    ):
        OfficerMembershipFactory(user=membership.user, municipality=membership.municipality)


def test_municipality_with_participations_cannot_be_deleted():
    participation = ParticipationFactory()

    with pytest.raises(ProtectedError):
        participation.municipality.delete()

    assert list(Municipality.objects.all()) == [participation.municipality]


# Querysets


def test_municipality_in_country_returns_only_that_countrys_municipalities():
    country = CountryFactory()
    elsewhere = MunicipalityFactory(name="Athens")
    turin = MunicipalityFactory(name="Turin", country=country)
    bari = MunicipalityFactory(name="Bari", country=country)

    assert list(Municipality.objects.in_country(country)) == [bari, turin]
    assert list(Municipality.objects.in_country(elsewhere.country)) == [elsewhere]


def test_municipality_in_phase_returns_each_participant_once():
    phase_1, phase_2 = ProgrammePhaseFactory(), ProgrammePhaseFactory()
    both = MunicipalityFactory(name="Bari")
    only_first = MunicipalityFactory(name="Turin")
    only_second = MunicipalityFactory(name="Athens")
    MunicipalityFactory(name="Lisbon")
    ParticipationFactory(municipality=both, phase=phase_1)
    ParticipationFactory(municipality=both, phase=phase_2)
    ParticipationFactory(municipality=only_first, phase=phase_1)
    ParticipationFactory(municipality=only_second, phase=phase_2)

    assert list(Municipality.objects.in_phase(phase_1)) == [both, only_first]
    assert list(Municipality.objects.in_phase(phase_2)) == [only_second, both]


# URLs


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (CountryFactory, "/countries/the-slug/"),
        (MunicipalityFactory, "/municipalities/the-slug/"),
        (GoodPracticeFactory, "/good-practices/the-slug/"),
    ],
)
def test_get_absolute_url_resolves_to_the_detail_page(factory, expected):
    instance = factory.build(slug="the-slug")

    assert instance.get_absolute_url() == expected


# History


def test_municipality_history_records_insert_update_and_delete():
    municipality = MunicipalityFactory(name="Wroclaw")
    pk = municipality.pk

    municipality.name = "Wrocław"
    municipality.save()
    municipality.delete()

    assert [(event.pgh_label, event.name) for event in _history(pk)] == [
        ("insert", "Wroclaw"),
        ("update", "Wrocław"),
        ("delete", "Wrocław"),
    ]


def test_municipality_history_records_queryset_update():
    municipality = MunicipalityFactory(name="Wroclaw")

    Municipality.objects.filter(pk=municipality.pk).update(name="Wrocław")

    assert [(event.pgh_label, event.name) for event in _history(municipality.pk)] == [
        ("insert", "Wroclaw"),
        ("update", "Wrocław"),
    ]


def test_municipality_history_attaches_the_acting_user():
    user = UserFactory()

    with pghistory.context(user=user.pk):
        municipality = MunicipalityFactory()

    [event] = _history(municipality.pk)
    assert event.pgh_context.metadata["user"] == user.pk


def test_municipality_history_without_context_has_no_user():
    municipality = MunicipalityFactory()

    [event] = _history(municipality.pk)
    assert event.pgh_context is None


def test_municipality_history_revert_restores_the_values_of_that_event():
    municipality = MunicipalityFactory(name="Wroclaw", region="Silesia")
    Municipality.objects.filter(pk=municipality.pk).update(name="Wrocław")
    Municipality.objects.filter(pk=municipality.pk).update(name="Breslau", region="")
    update_to_restore = municipality.history.filter(pgh_label="update").order_by("pgh_id")[0]

    # An update event holds the row as it was after that update.
    update_to_restore.revert()

    municipality.refresh_from_db()
    assert (municipality.name, municipality.region) == ("Wrocław", "Silesia")


def test_municipality_history_revert_of_delete_recreates_it():
    municipality = MunicipalityFactory(name="Wrocław", region="Silesia")
    pk, country = municipality.pk, municipality.country
    municipality.delete()
    [deletion] = MunicipalityEvent.objects.filter(pgh_obj_id=pk, pgh_label="delete")

    deletion.revert()

    restored = Municipality.objects.get(pk=pk)
    assert (restored.name, restored.region, restored.country) == ("Wrocław", "Silesia", country)
