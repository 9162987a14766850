"""The permission matrix of the officer area: every kind of user against every private
URL and every form, with the exact answer and, for forms, proof that nothing changed
where it must not.

Officers reach only the municipalities they hold a membership of; anything else answers
404, so that a guessed URL or id reveals nothing. Staff roles (viewer, editor, even
superuser) give no officer access: staff work in the admin, and see the officer area
only for a city they also hold a membership of.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model

from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.models import Status
from municipalities.models import GoodPractice, Municipality, MunicipalityDocument
from tests import factories, samples
from trainings.models import TrainingReport

PDF = samples.PDF
USERS = ["anonymous", "officer_a", "officer_ab", "no_membership", "viewer", "editor", "superuser"]
# The cities each kind of user is an officer of (None: not logged in).
SERVED = {
    "anonymous": None,
    "officer_a": {"a"},
    "officer_ab": {"a", "b"},
    "no_membership": set(),
    "viewer": set(),
    "editor": set(),
    "superuser": set(),
}


@dataclass
class City:
    municipality: Municipality
    document: MunicipalityDocument
    good_practice: GoodPractice
    report: TrainingReport


def make_city(name: str, officer) -> City:
    municipality = factories.MunicipalityFactory(name=f"City {name}", slug=f"city-{name}")
    factories.MunicipalityContactFactory(municipality=municipality, name=f"Contact of {name}")
    return City(
        municipality=municipality,
        document=factories.MunicipalityDocumentFactory(municipality=municipality),
        good_practice=factories.GoodPracticeFactory(
            municipality=municipality, submitted_by=officer, review=True
        ),
        # Returned to its submitter, so that its edit form is open.
        report=factories.TrainingReportFactory(
            municipality=municipality,
            submitted_by=officer,
            draft=True,
            review_comment="Please add figures.",
            attachment=SimpleUploadedFile("figures.pdf", PDF),
        ),
    )


@pytest.fixture
def world(db, viewer, editor, superuser):
    users = {
        "officer_a": factories.UserFactory(),
        "officer_ab": factories.UserFactory(),
        "no_membership": factories.UserFactory(),
        "viewer": viewer,
        "editor": editor,
        "superuser": superuser,
    }
    cities = {
        "a": make_city("a", users["officer_a"]),
        "b": make_city("b", users["officer_ab"]),
    }
    for user_key, city_keys in SERVED.items():
        for city_key in city_keys or ():
            factories.OfficerMembershipFactory(
                user=users[user_key], municipality=cities[city_key].municipality
            )
    return users, cities


def client_for(client, users, user_key):
    if user_key != "anonymous":
        client.force_login(users[user_key])
    return client


# The private pages of a city, as functions of the city: (name, url).
CITY_PAGES = {
    "private page": lambda c: f"/my/{c.municipality.slug}/",
    "profile form": lambda c: f"/my/{c.municipality.slug}/profile/",
    "document upload form": lambda c: f"/my/{c.municipality.slug}/documents/new/",
    "good practice form": lambda c: f"/my/{c.municipality.slug}/good-practices/new/",
    "training report form": lambda c: f"/my/{c.municipality.slug}/training-reports/new/",
    "document download": lambda c: f"/my/documents/{c.document.pk}/",
    "good practice": lambda c: f"/my/submissions/good-practice/{c.good_practice.pk}/",
    "training report": lambda c: f"/my/submissions/training-report/{c.report.pk}/",
    "training report edit form": lambda c: f"/my/submissions/training-report/{c.report.pk}/edit/",
    "report attachment": lambda c: f"/my/submissions/training-report/{c.report.pk}/attachment/",
}


def expected_status(user_key: str, city_key: str | None) -> int:
    served = SERVED[user_key]
    if served is None:
        return 302
    if city_key is None or city_key in served:
        return 200
    return 404


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_dashboard_status(client, world, user_key):
    users, _ = world

    response = client_for(client, users, user_key).get("/my/")

    assert response.status_code == expected_status(user_key, None)
    if user_key == "anonymous":
        assert response["Location"] == "/accounts/login/?next=/my/"


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", [key for key in USERS if key != "anonymous"])
def test_dashboard_lists_only_served_cities(client, world, user_key):
    users, cities = world

    response = client_for(client, users, user_key).get("/my/")

    assert [m.slug for m in response.context["municipalities"]] == [
        cities[key].municipality.slug for key in sorted(SERVED[user_key])
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(CITY_PAGES))
@pytest.mark.parametrize("city_key", ["a", "b"])
@pytest.mark.parametrize("user_key", USERS)
def test_private_page_status(client, world, user_key, city_key, page):
    users, cities = world
    url = CITY_PAGES[page](cities[city_key])

    response = client_for(client, users, user_key).get(url)
    response.close()  # downloads stream their file until closed

    assert response.status_code == expected_status(user_key, city_key)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=/my/")


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", ["officer_a", "no_membership", "editor", "superuser"])
def test_unknown_ids_answer_like_foreign_ones(client, world, user_key):
    users, _ = world
    client = client_for(client, users, user_key)

    for url in [
        "/my/no-such-city/",
        "/my/documents/999999/",
        "/my/submissions/good-practice/999999/",
        "/my/submissions/unknown-kind/1/",
    ]:
        assert client.get(url).status_code == 404, url


def private_files(media_root: Path) -> list[str]:
    root = media_root.parent / "private-media"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def snapshot(media_root: Path) -> dict:
    """Every row and file an officer form could change."""

    def rows(model: type[Model]):
        return list(model.objects.order_by("pk").values())

    return {
        "municipalities": rows(Municipality),
        "documents": rows(MunicipalityDocument),
        "good practices": rows(GoodPractice),
        "training reports": rows(TrainingReport),
        "files": private_files(media_root),
    }


# Each form: its URL for a city, and data that the form accepts.
def form_posts(city: City) -> dict:
    slug = city.municipality.slug
    return {
        "profile": (
            f"/my/{slug}/profile/",
            {
                "profile": "Changed.",
                "website": "city.example.org",
                "contact_email": "",
                VERSION_FIELD: version_token(city.municipality),
            },
        ),
        "document upload": (
            f"/my/{slug}/documents/new/",
            {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", PDF)},
        ),
        "good practice": (
            f"/my/{slug}/good-practices/new/",
            {"title": "Shared desk", "summary": "", "body": "One desk for all services."},
        ),
        "training report": (
            f"/my/{slug}/training-reports/new/",
            {"title": "Spring training", "training": "", "body": "Forty people came."},
        ),
        "training report edit": (
            f"/my/submissions/training-report/{city.report.pk}/edit/",
            {"title": "Report with figures", "training": "", "body": "Forty people came."},
        ),
    }


FORMS = ["profile", "document upload", "good practice", "training report", "training report edit"]


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("city_key", ["a", "b"])
@pytest.mark.parametrize("user_key", USERS)
def test_form_post_status_and_effect(client, world, media_root, user_key, city_key, form):
    users, cities = world
    url, data = form_posts(cities[city_key])[form]
    before = snapshot(media_root)

    response = client_for(client, users, user_key).post(url, data)

    after = snapshot(media_root)
    allowed = expected_status(user_key, city_key) == 200
    if allowed:
        assert response.status_code == 302
        assert not response["Location"].startswith("/accounts/login/")
        assert after != before
    else:
        assert response.status_code == expected_status(user_key, city_key)
        assert after == before


@pytest.mark.django_db
def test_officer_submission_lands_in_own_city_awaiting_review(client, world):
    users, cities = world
    client.force_login(users["officer_a"])
    url, data = form_posts(cities["a"])["good practice"]

    client.post(url, data)

    created = GoodPractice.objects.get(title="Shared desk")
    assert (created.municipality, created.submitted_by, created.status) == (
        cities["a"].municipality,
        users["officer_a"],
        Status.REVIEW,
    )


@pytest.mark.django_db
def test_posted_municipality_field_cannot_move_submission(client, world):
    users, cities = world
    client.force_login(users["officer_a"])
    url, data = form_posts(cities["a"])["good practice"]

    client.post(url, {**data, "municipality": cities["b"].municipality.pk})

    assert GoodPractice.objects.get(title="Shared desk").municipality == cities["a"].municipality


@pytest.mark.django_db
def test_training_of_other_city_refused_in_report(client, world):
    users, cities = world
    training_b = factories.TrainingFactory(municipality=cities["b"].municipality)
    client.force_login(users["officer_a"])
    url, data = form_posts(cities["a"])["training report"]

    response = client.post(url, {**data, "training": training_b.pk})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "training": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert TrainingReport.objects.filter(title="Spring training").exists() is False


@pytest.mark.django_db
def test_staff_with_membership_sees_that_city_only(client, world):
    users, cities = world
    editor = users["editor"]
    factories.OfficerMembershipFactory(user=editor, municipality=cities["b"].municipality)
    client.force_login(editor)

    assert client.get("/my/city-b/").status_code == 200
    assert client.get("/my/city-a/").status_code == 404


@pytest.mark.django_db
def test_inactive_officer_sees_nothing(client, world):
    users, cities = world
    officer = users["officer_a"]
    officer.is_active = False
    officer.save()
    client.force_login(officer)

    response = client.get("/my/city-a/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/my/city-a/"


@pytest.mark.django_db
def test_membership_removed_closes_the_city(client, world):
    users, cities = world
    client.force_login(users["officer_a"])
    assert client.get("/my/city-a/").status_code == 200

    users["officer_a"].officer_memberships.all().delete()

    assert client.get("/my/city-a/").status_code == 404
    assert client.get(f"/my/documents/{cities['a'].document.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", ["officer_a", "officer_ab", "no_membership"])
def test_officers_have_no_admin_access(client, world, user_key):
    users, _ = world
    client.force_login(users[user_key])

    index = client.get("/admin/")
    changelist = client.get("/admin/municipalities/municipalitydocument/")

    assert index.status_code == 302
    assert changelist.status_code == 302
    assert client.get(index["Location"]).status_code == 403
