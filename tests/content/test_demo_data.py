"""generate_demo_data: proportions, flags and names, repeatability, and a --delete that
leaves the programme's real content exactly as it was."""

from io import StringIO

import pghistory.models
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models

from admin4all.models import Organisation, Person, ProgrammePhase, Status
from content.demo_data import COUNTRY_BOUNDS, DEMO_MODELS
from events.models import Event, NewsArticle, Publication, Session, Speaker
from municipalities.models import GoodPractice, Municipality, Participation
from tests.factories import TrainingFactory
from tests.public_pages import load_programme_content
from trainings.models import GENDER_FIELDS, SERVICE_FIELDS, CurriculumModule, PeerVisit, Training

pytestmark = pytest.mark.django_db

LOCAL_APPS = ["admin4all", "municipalities", "trainings", "events"]

NAME_FIELDS = {
    Organisation: "name",
    Person: "name",
    Municipality: "name",
    CurriculumModule: "title",
    Training: "title",
    PeerVisit: "title",
    GoodPractice: "title",
    Event: "title",
    Session: "title",
    Publication: "title",
    NewsArticle: "title",
}


def _generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_demo_data", *args, stdout=out)
    return out.getvalue()


def _demo_counts() -> dict[str, int]:
    return {model.__name__: model.objects.filter(is_demo=True).count() for model in DEMO_MODELS}


def _history_rows() -> int:
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event) and not model._meta.proxy
    )


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every programme table, many-to-many links included; history apart."""
    tables = {}
    for config in (apps.get_app_config(label) for label in LOCAL_APPS):
        for model in config.get_models():
            if model._meta.proxy or issubclass(model, pghistory.models.Event):
                continue
            tables[model._meta.label] = list(model.objects.order_by("pk").values())
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                tables[through._meta.label] = list(through.objects.order_by("pk").values())
    return tables


@pytest.fixture
def programme():
    load_programme_content()


def test_generate_demo_data_at_scale_1_writes_a_hundredth_of_a_large_programme(programme):
    _generate("--scale", "1", "--seed", "1")

    assert _demo_counts() == {
        "Organisation": 5,
        "Person": 50,
        "Municipality": 30,
        # Each demo municipality takes part in one or both phases.
        "Participation": 45,
        "CurriculumModule": 2,
        "Training": 100,
        "PeerVisit": 50,
        "GoodPractice": 10,
        "Event": 20,
        "Session": 200,
        "Speaker": 300,
        "Publication": 20,
        "NewsArticle": 200,
    }
    assert (
        Participation.objects.filter(is_demo=True).values("municipality").distinct().count() == 30
    )


def test_generate_demo_data_output_when_run_counts_each_model(programme):
    output = _generate("--scale", "0.1", "--seed", "1")

    assert "  Municipality: 3\n" in output
    assert "  NewsArticle: 20\n" in output
    assert "Demo data: " in output and " records created in " in output


def test_generate_demo_data_names_when_generated_say_demo(programme):
    _generate("--scale", "1", "--seed", "1")

    for model, field in NAME_FIELDS.items():
        demo = model.objects.filter(is_demo=True)
        assert list(demo.exclude(**{f"{field}__startswith": "Demo "})) == [], model


def test_generate_demo_data_real_content_when_generated_stays_unflagged(programme):
    real_before = {model: model.objects.count() for model in DEMO_MODELS}

    _generate("--scale", "0.1", "--seed", "1")

    assert {model: model.objects.filter(is_demo=False).count() for model in DEMO_MODELS} == (
        real_before
    )
    assert Municipality.objects.filter(is_demo=False).count() == 35


def test_generate_demo_data_same_seed_when_run_again_writes_the_same_values(programme):
    def values():
        return (
            list(
                Training.objects.filter(is_demo=True)
                .values_list(
                    "title",
                    "municipality__name",
                    "start_date",
                    "attendance_total",
                    "attendance_men",
                )
                .order_by("slug")
            ),
            list(
                Municipality.objects.filter(is_demo=True)
                .values_list("name", "country__iso_code", "latitude", "longitude")
                .order_by("slug")
            ),
            list(
                NewsArticle.objects.filter(is_demo=True)
                .values_list("title", "status", "published_at", "event__slug", "themes__slug")
                .order_by("slug", "themes__slug")
            ),
            list(
                Speaker.objects.filter(is_demo=True)
                .values_list("session__title", "person__name", "role")
                .order_by("session__title", "position")
            ),
        )

    _generate("--scale", "0.1", "--seed", "7")
    first = values()
    _generate("--delete")
    _generate("--scale", "0.1", "--seed", "7")

    assert values() == first


def test_generate_demo_data_other_seed_writes_other_values(programme):
    def titles():
        return list(Training.objects.filter(is_demo=True).order_by("slug").values_list("title"))

    _generate("--scale", "0.1", "--seed", "7")
    first = titles()
    _generate("--delete")
    _generate("--scale", "0.1", "--seed", "8")

    assert titles() != first


def test_generate_demo_data_trainings_when_generated_report_consistent_attendance(programme):
    _generate("--scale", "1", "--seed", "1")

    shapes = set()
    for training in Training.objects.filter(is_demo=True):
        assert training.end_date >= training.start_date
        for fields in (GENDER_FIELDS, SERVICE_FIELDS):
            figures = [getattr(training, name) for name in fields]
            reported = [figure for figure in figures if figure is not None]
            if training.attendance_total is None:
                assert reported == []
                shapes.add("none")
            elif len(reported) == len(figures):
                assert sum(reported) == training.attendance_total
                shapes.add("full")
            else:
                assert sum(reported) <= training.attendance_total
                shapes.add("partial")

    assert shapes == {"none", "full", "partial"}


def test_generate_demo_data_municipalities_when_generated_lie_in_their_country(programme):
    _generate("--scale", "1", "--seed", "1")

    for municipality in Municipality.objects.filter(is_demo=True).select_related("country"):
        south, north, west, east = COUNTRY_BOUNDS[municipality.country.iso_code]
        assert south <= municipality.latitude <= north
        assert west <= municipality.longitude <= east


def test_generate_demo_data_public_content_when_generated_mixes_published_and_drafts(programme):
    _generate("--scale", "1", "--seed", "1")

    news = NewsArticle.objects.filter(is_demo=True)
    scheduled = news.filter(status=Status.PUBLISHED).exclude(pk__in=news.published())

    assert (news.published().count(), news.filter(status=Status.DRAFT).count()) == (168, 22)
    assert scheduled.count() == 10
    assert news.published().filter(published_at__year__gt=2025).count() == 0


def test_generate_demo_data_when_generated_records_no_history(programme):
    before = _history_rows()

    _generate("--scale", "0.1", "--seed", "1")
    _generate("--delete")

    assert _history_rows() == before


def test_generate_demo_data_delete_leaves_real_content_exactly_as_it_was(programme):
    before = _snapshot()

    _generate("--scale", "1", "--seed", "1")
    output = _generate("--delete")

    assert _snapshot() == before
    assert "  NewsArticle: 200\n" in output


def test_generate_demo_data_delete_when_a_real_record_refers_to_demo_data_deletes_nothing(
    programme,
):
    _generate("--scale", "0.1", "--seed", "1")
    city = Municipality.objects.filter(is_demo=True).order_by("slug").first()
    TrainingFactory(title="Real training", municipality=city, phase=ProgrammePhase.objects.first())
    before = _demo_counts()

    with pytest.raises(
        CommandError,
        match="^Real records refer to demo records, so nothing was deleted: "
        "training Real training.$",
    ):
        _generate("--delete")

    assert _demo_counts() == before


def test_generate_demo_data_dry_run_saves_nothing(programme):
    before = _snapshot()

    output = _generate("--scale", "0.1", "--seed", "1", "--dry-run")

    assert _snapshot() == before
    assert "dry run, nothing saved" in output


def test_generate_demo_data_second_run_is_refused(programme):
    _generate("--scale", "0.1", "--seed", "1")

    with pytest.raises(CommandError, match="Demo data is already there"):
        _generate("--scale", "0.1", "--seed", "2")


def test_generate_demo_data_if_missing_leaves_existing_demo_data_alone(programme):
    _generate("--scale", "0.1", "--seed", "1")
    before = _snapshot()

    output = _generate("--scale", "0.1", "--seed", "2", "--if-missing")

    assert _snapshot() == before
    assert output == "Demo data is there already.\n"


def test_generate_demo_data_without_programme_content_is_refused():
    with pytest.raises(CommandError, match="run load_admin4all first"):
        _generate("--scale", "0.1")


def test_generate_demo_data_scale_below_minimum_is_refused(programme):
    with pytest.raises(CommandError, match="at least 0.1"):
        _generate("--scale", "0.05")


def test_public_pages_with_demo_data_render(client, programme):
    _generate("--scale", "1", "--seed", "1")
    event = Event.objects.filter(is_demo=True).published().first()
    municipality = Municipality.objects.filter(is_demo=True).first()
    draft = NewsArticle.objects.filter(is_demo=True, status=Status.DRAFT).first()

    pages = ["/", "/municipalities/", "/events/", "/news/", "/publications/"]
    pages += [event.get_absolute_url(), municipality.get_absolute_url()]

    assert [client.get(page).status_code for page in pages] == [200] * len(pages)
    assert event.title in client.get(event.get_absolute_url()).content.decode()
    # Demo drafts stay off the public site like any other draft.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_admin_demo_filter_shows_only_demo_records_or_only_real(editor_client, programme):
    _generate("--scale", "0.1", "--seed", "1")
    url = "/admin/municipalities/municipality/"

    demo = editor_client.get(url, {"is_demo__exact": "1"}).context["cl"].result_count
    real = editor_client.get(url, {"is_demo__exact": "0"}).context["cl"].result_count

    assert (demo, real) == (3, 35)


@pytest.mark.parametrize("model", DEMO_MODELS)
def test_demo_flag_is_on_every_model_the_generator_writes(model: type[models.Model]):
    field = model._meta.get_field("is_demo")

    assert (field.default, field.editable, str(field.verbose_name)) == (False, False, "demo data")
