"""Query budgets of the admin: every changelist, change form and "Deleted records" page
runs the same number of queries whatever the number of rows or related rows."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from admin4all.models import ChangeHistory
from tests import factories
from tests.admin4all.test_admin import FACTORIES, admin_url

SIZES = [1, 3]


def _factory(model_class):
    return getattr(factories, f"{model_class.__name__}Factory", None)


def _add_inline_rows(inline_classes, parent, size):
    """`size` rows in each inline of `parent`, and in each of their nested inlines."""
    for inline_class in inline_classes:
        [link] = [
            f
            for f in inline_class.model._meta.fields
            if f.is_relation and f.related_model is type(parent)
        ]
        for row in _factory(inline_class.model).create_batch(size, **{link.name: parent}):
            _add_inline_rows(getattr(inline_class, "inlines", []), row, size)


def with_related_rows(model_class, size):
    """A record with `size` rows in each of its change form's inlines and `size` links
    in each of its many-to-many fields (those whose records have a factory)."""
    obj = FACTORIES[model_class]()
    _add_inline_rows(admin.site._registry[model_class].inlines, obj, size)
    for m2m in model_class._meta.many_to_many:
        related_factory = _factory(m2m.related_model)
        if m2m.remote_field.through._meta.auto_created and related_factory:
            getattr(obj, m2m.name).add(*related_factory.create_batch(size))
    return obj


# Model label: queries of its (changelist, change form, "Deleted records" page). Each
# includes the session and the user of the request.
QUERIES = {
    "admin4all.Organisation": (4, 5, 3),
    "admin4all.Person": (4, 5, 3),
    "admin4all.ProgrammePhase": (4, 7, 3),
    "admin4all.Theme": (4, 5, 3),
    "admin4all.User": (6, 9, 3),
    "events.Event": (10, 16, 3),
    "events.NewsArticle": (8, 9, 3),
    "events.Publication": (8, 9, 3),
    "events.Session": (4, 9, 4),
    "municipalities.Country": (4, 5, 3),
    "municipalities.GoodPractice": (9, 8, 4),
    "municipalities.Municipality": (7, 11, 4),
    "municipalities.MunicipalityContact": (5, 7, 4),
    "municipalities.MunicipalityDocument": (7, 6, 4),
    "municipalities.OfficerInvitation": (7, 6, 4),
    "municipalities.OfficerMembership": (5, 9, 5),
    "municipalities.Participation": (6, 9, 5),
    "reporting.IndicatorTarget": (6, 7, 4),
    "trainings.CurriculumModule": (5, 6, 4),
    "trainings.PeerVisit": (10, 11, 5),
    "trainings.Training": (9, 12, 5),
    "trainings.TrainingParticipant": (6, 6, 5),
    "trainings.TrainingReport": (7, 6, 4),
}


@pytest.fixture(params=sorted(FACTORIES, key=lambda m: m._meta.label), ids=lambda m: m._meta.label)
def model_class(request):
    return request.param


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    # Counted from a cold cache, so that the counts do not depend on the tests before.
    ContentType.objects.clear_cache()
    return client


@pytest.mark.parametrize("size", SIZES)
def test_admin_changelist_query_count(
    superuser_client, django_assert_num_queries, model_class, size
):
    FACTORIES[model_class].create_batch(size)
    changelist, _, _ = QUERIES[model_class._meta.label]

    with django_assert_num_queries(changelist):
        response = superuser_client.get(admin_url(model_class, "changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_admin_change_form_query_count(
    superuser_client, django_assert_num_queries, model_class, size
):
    obj = with_related_rows(model_class, size)
    _, change_form, _ = QUERIES[model_class._meta.label]

    with django_assert_num_queries(change_form):
        response = superuser_client.get(admin_url(model_class, "change", obj.pk))

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_admin_deleted_records_query_count(
    superuser_client, django_assert_num_queries, model_class, size
):
    for obj in FACTORIES[model_class].create_batch(size):
        obj.delete()
    _, _, deleted_records = QUERIES[model_class._meta.label]

    with django_assert_num_queries(deleted_records):
        response = superuser_client.get(admin_url(model_class, "deleted"))

    assert len(response.context["versions"]) == size


@pytest.mark.parametrize("size", SIZES)
def test_change_history_query_count(superuser_client, django_assert_num_queries, size):
    # Rows of every kind, each naming records: changed (a foreign key), deleted, linked.
    for event in factories.EventFactory.create_batch(size):
        type(event).objects.filter(pk=event.pk).update(
            host_municipality=factories.MunicipalityFactory(), title=f"{event.title}, changed"
        )
        factories.ParticipationFactory().delete()
        event.themes.add(factories.ThemeFactory())

    with django_assert_num_queries(15):
        response = superuser_client.get(admin_url(ChangeHistory, "changelist"))

    assert response.status_code == 200
