"""The load_admin4all command: what it loads, and that loading twice changes nothing."""

import datetime
from io import StringIO

import pghistory.models
import pytest
from django.apps import apps
from django.core.management import call_command

from admin4all.models import Indicator, Person, PhaseFigure, ProgrammePhase
from content.loader import programme_content_load
from events.models import Event, EventFigure, NewsArticle, Publication, Session
from municipalities.models import Country, Municipality

pytestmark = pytest.mark.django_db

MILAN = "milan-mid-term-regional-consultation-2019"


def _history_rows() -> int:
    """How many history events pghistory holds, over every tracked model."""
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event) and not model._meta.proxy
    )


def _load() -> str:
    out = StringIO()
    call_command("load_admin4all", stdout=out)
    return out.getvalue()


def test_load_admin4all_counts_phases_countries_and_municipalities():
    _load()

    assert ProgrammePhase.objects.count() == 2
    assert Country.objects.count() == 7
    assert Municipality.objects.count() == 35
    assert Municipality.objects.in_phase(ProgrammePhase.objects.get(number=1)).count() == 14
    assert Municipality.objects.in_phase(ProgrammePhase.objects.get(number=2)).count() == 33


def test_load_admin4all_malta_when_loaded_is_one_local_authorities_record():
    _load()

    malta = Municipality.objects.get(country__iso_code="MT")

    assert (malta.slug, malta.kind) == ("malta-local-authorities", "local_authorities")


def test_load_admin4all_phase_2_when_loaded_has_seed_dates():
    _load()

    phase = ProgrammePhase.objects.get(slug="phase-2")

    assert (phase.start_date, phase.end_date, phase.duration_months) == (
        datetime.date(2018, 7, 1),
        datetime.date(2020, 6, 30),
        24,
    )
    assert phase.managed_by.name == "IOM Coordination Office for the Mediterranean"
    assert phase.funded_by.acronym == "DG EMPL"


def test_load_admin4all_phase_1_when_loaded_has_no_dates():
    _load()

    phase = ProgrammePhase.objects.get(slug="phase-1")

    assert (phase.start_date, phase.end_date) == (None, None)
    assert [str(f) for f in PhaseFigure.objects.filter(phase=phase)] == [
        "14 municipalities",
        "4 countries",
        "more than 500 people reached by the training sessions",
        "18 months of work",
    ]


def test_load_admin4all_milan_event_when_loaded_has_dates_venue_and_host():
    _load()

    event = Event.objects.get(slug=MILAN)

    assert (event.start_date, event.end_date) == (
        datetime.date(2019, 10, 8),
        datetime.date(2019, 10, 9),
    )
    assert (event.venue, event.address, event.city) == (
        "Fabbrica del Vapore",
        "Via Giulio Cesare Procaccini 4",
        "Milan",
    )
    assert event.host_municipality.slug == "milan"
    assert event.country.iso_code == "IT"


def test_load_admin4all_milan_figures_when_sources_disagree_keeps_both():
    _load()

    figures = EventFigure.objects.filter(event__slug=MILAN)

    assert [(str(f), f.source) for f in figures] == [
        ("more than 35 EU municipalities represented", "Regional conferences"),
        (
            "more than 30 European municipalities",
            "News: Admin4All Mid-Term Regional Consultation",
        ),
        ("7 EU Member States", "News: Admin4All Mid-Term Regional Consultation"),
    ]


def test_load_admin4all_milan_sessions_when_loaded_follow_the_two_days():
    _load()

    sessions = Session.objects.filter(event__slug=MILAN)

    assert [(s.day.day, s.kind, s.track) for s in sessions] == [
        (8, "opening", ""),
        (8, "presentation", ""),
        (8, "panel", ""),
        (8, "panel", ""),
        (9, "thematic_workshop", "Housing"),
        (9, "thematic_workshop", "Labour market"),
        (9, "thematic_workshop", "Education"),
        (9, "closing", ""),
    ]


def test_load_admin4all_first_panel_when_loaded_lists_speakers_in_order():
    _load()

    panel = Session.objects.get(
        event__slug=MILAN,
        title="Models of management of social services for migrant integration in urban areas",
    )

    assert [(str(s.person), s.role, s.organisation.name) for s in panel.speakers.all()] == [
        ("Mr. Rabaiotti", "panellist", "Municipality of Milan"),
        ("Mr. Sanahuja Vélez", "panellist", "Municipality of Barcelona"),
        ("Mr. Gonzalo López", "panellist", "Madrid City Council"),
    ]


def test_load_admin4all_brussels_event_when_loaded_reports_about_75_participants():
    _load()

    event = Event.objects.get(slug="brussels-regional-workshop-2017")

    assert (event.participant_count, event.participant_count_qualifier) == (75, "about")
    assert event.country is None
    assert event.participating_municipalities.count() == 14
    assert [str(f) for f in event.figures.all()] == [
        "about 75 participants",
        "14 programme municipalities",
    ]


def test_load_admin4all_wroclaw_when_loaded_keeps_every_spelling():
    _load()

    wroclaw = Municipality.objects.get(slug="wroclaw")

    assert (wroclaw.name, wroclaw.native_name, wroclaw.alternative_names) == (
        "Wrocław",
        "Wrocław",
        ["Wroclav", "Wroclaw", "Breslau"],
    )


def test_load_admin4all_tirol_region_when_loaded_is_only_on_tyrolean_towns():
    _load()

    tyrolean = Municipality.objects.filter(region="Tirol").order_by("slug")

    assert [m.slug for m in tyrolean] == ["kufstein", "schwaz", "telfs"]


def test_load_admin4all_public_content_when_loaded_is_published():
    _load()

    assert (
        Event.objects.published().count(),
        Publication.objects.published().count(),
        NewsArticle.objects.published().count(),
    ) == (4, 2, 2)


def test_load_admin4all_people_when_loaded_keep_names_as_the_seeds_give_them():
    _load()

    assert Person.objects.count() == 11
    assert str(Person.objects.get(slug="van-gessel")) == "Mr. van Gessel"
    assert Person.objects.get(slug="laura-marmorale").organisation is None


def test_load_admin4all_history_when_loaded_names_the_command():
    _load()

    contexts = pghistory.models.Context.objects.all()

    assert [c.metadata for c in contexts] == [{"command": "load_admin4all"}]


def test_load_admin4all_second_run_when_content_unchanged_changes_nothing():
    _load()
    rows = (Municipality.objects.count(), Event.objects.count(), Session.objects.count())
    history = _history_rows()

    summary = programme_content_load()

    assert set(summary.values()) == {0}
    assert (Municipality.objects.count(), Event.objects.count(), Session.objects.count()) == (rows)
    assert _history_rows() == history


def test_load_admin4all_second_run_when_content_unchanged_says_so():
    _load()

    output = _load()

    assert output == "Programme content already up to date: nothing changed.\n"


def test_load_admin4all_rerun_when_staff_edited_keeps_their_edits():
    _load()
    Municipality.objects.filter(slug="bari").update(region="Apulia")
    Event.objects.get(slug=MILAN).themes.clear()

    summary = programme_content_load()

    assert set(summary.values()) == {0}
    assert Municipality.objects.get(slug="bari").region == "Apulia"
    assert list(Event.objects.get(slug=MILAN).themes.all()) == []


def test_load_admin4all_rerun_fills_the_indicator_of_figures_loaded_before_it():
    _load()
    milan = EventFigure.objects.filter(event__slug=MILAN)
    loaded = [figure.indicator for figure in milan]
    phases = list(PhaseFigure.objects.values_list("pk", "indicator"))
    # As a portal loaded before the field existed holds them; staff then set one.
    EventFigure.objects.update(indicator="")
    PhaseFigure.objects.update(indicator="")
    staff_set = milan.filter(value=35).get()
    EventFigure.objects.filter(pk=staff_set.pk).update(indicator=Indicator.EVENTS)
    history = _history_rows()

    summary = programme_content_load()
    second = programme_content_load()

    assert loaded == [Indicator.PARTICIPATING_MUNICIPALITIES] * 2 + [""]
    assert [figure.indicator for figure in milan.all()] == [
        Indicator.EVENTS,
        Indicator.PARTICIPATING_MUNICIPALITIES,
        "",
    ]
    assert list(PhaseFigure.objects.values_list("pk", "indicator")) == phases
    filled = EventFigure.objects.exclude(indicator="").count() - 1
    phases_filled = sum(1 for _pk, indicator in phases if indicator)
    assert {key: value for key, value in summary.items() if value} == {
        "EventFigure.updated": filled,
        "PhaseFigure.updated": phases_filled,
    }
    assert set(second.values()) == {0}
    assert _history_rows() == history + filled + phases_filled


def test_load_admin4all_overwrite_when_a_loaded_field_was_edited_restores_it_once():
    _load()
    Municipality.objects.filter(slug="bari").update(region="Apulia")

    summary = programme_content_load(overwrite=True)
    second = programme_content_load(overwrite=True)

    assert {key: value for key, value in summary.items() if value} == {"Municipality.updated": 1}
    assert set(second.values()) == {0}
    assert Municipality.objects.get(slug="bari").region == ""


def test_load_admin4all_overwrite_when_translation_edited_brings_the_catalogues_back():
    _load()
    milan = Event.objects.get(slug=MILAN)
    loaded = dict(milan.i18n)
    Event.objects.filter(pk=milan.pk).update(
        title="Edited", i18n={**loaded, "title_it": "Consultazione di Milano"}
    )

    summary = programme_content_load(overwrite=True)

    milan.refresh_from_db()
    assert {key: value for key, value in summary.items() if value} == {"Event.updated": 1}
    assert (milan.title, milan.i18n) == ("Admin4All Mid-Term Regional Consultation", loaded)
    assert milan.title_it == "Consultazione regionale di medio termine di Admin4All"


def test_load_admin4all_rerun_when_a_record_was_deleted_recreates_it():
    _load()
    Publication.objects.filter(presented_at__kind=Event.Kind.WEBINAR).first().delete()

    summary = programme_content_load()

    assert {key: value for key, value in summary.items() if value} == {"Publication.created": 1}


def test_load_admin4all_dry_run_when_database_empty_writes_nothing():
    out = StringIO()

    call_command("load_admin4all", "--dry-run", stdout=out)

    assert (Municipality.objects.count(), Event.objects.count(), _history_rows()) == (0, 0, 0)
    assert out.getvalue().endswith("Dry run, nothing saved: would create 167 and update 0 rows.\n")
