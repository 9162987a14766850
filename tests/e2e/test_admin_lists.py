"""The admin's lists show all their columns on a 1280 px screen: none hides behind a
sideways scroll of the results table, with the programme's real lengths of names (a
phase's full title, an event's long title, a department's name)."""

import pytest

from admin4all.models import Status
from events.models import Event, Publication, Session
from municipalities.models import GoodPractice, OfficerInvitation
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.e2e.conftest import log_in_as_staff
from trainings.models import Training, TrainingParticipant

pytestmark = pytest.mark.e2e

# Columns of the results table that stick out of its box, and by how much.
CUT_COLUMNS = """() => {
    const results = document.querySelector("#changelist .results");
    const right = results.getBoundingClientRect().right;
    return [...results.querySelectorAll("thead th")]
        .filter(th => th.getBoundingClientRect().right > right + 0.5)
        .map(th => `${th.innerText.trim()}: ${th.getBoundingClientRect().right - right} px`);
}"""


def seed_long_names() -> list[str]:
    phase = factories.ProgrammePhaseFactory(
        name="Phase 2: Supporting Social Inclusion of Vulnerable Migrants in Europe"
    )
    city = factories.MunicipalityFactory(name="Reggio nell'Emilia")
    event = factories.EventFactory(
        title="Webinar: Driving Migrant Inclusion through Social Innovation",
        phase=phase,
        city="Reggio nell'Emilia",
        status=Status.PUBLISHED,
    )
    factories.SessionFactory(event=event, title="Opening")
    factories.PublicationFactory(title="Toolkit for municipal one-stop shops")
    training = factories.TrainingFactory(
        title="Intercultural mediation in municipal social services",
        municipality=city,
        phase=phase,
    )
    factories.TrainingParticipantFactory(
        training=training,
        organisation="Department of social services and housing",
        email="participant@example.org",
    )
    factories.GoodPracticeFactory(
        title="One-stop desk for newcomers", municipality=city, phase=phase
    )
    factories.OfficerInvitationFactory(
        email="head.of.social.services@comune.example.org",
        municipality=city,
        job_title="Head of social services",
        invited_by=factories.UserFactory(email="programme.coordinator@iom.example.org"),
    )
    return [
        admin_url(model, "changelist")
        for model in [
            Event,
            Publication,
            Session,
            Training,
            TrainingParticipant,
            GoodPractice,
            OfficerInvitation,
        ]
    ]


def test_admin_lists_show_every_column_at_1280_px(page, transactional_db, live_server):
    urls = seed_long_names()
    log_in_as_staff(page.context, live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    cut = {}

    for url in urls:
        page.goto(url)
        if columns := page.evaluate(CUT_COLUMNS):
            cut[url] = columns

    assert cut == {}
