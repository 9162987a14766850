"""The API's OpenAPI description: valid OpenAPI 3, and true to the API. Schemathesis
generates requests from it, valid and invalid, and checks each answer: never a server
error, and every status, content type and body as the description says."""

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import (
    EventFactory,
    GoodPracticeFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def test_description_is_valid_openapi_without_warnings(tmp_path):
    # --fail-on-warn: a field or filter spectacular cannot type fails here, not silently.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yaml")


PATHS = [
    "/api/v1/countries/",
    "/api/v1/countries/{slug}/",
    "/api/v1/events/",
    "/api/v1/events/{slug}/",
    "/api/v1/good-practices/",
    "/api/v1/good-practices/{slug}/",
    "/api/v1/municipalities/",
    "/api/v1/municipalities/{slug}/",
    "/api/v1/news/",
    "/api/v1/news/{slug}/",
    "/api/v1/peer-visit-statistics/",
    "/api/v1/phases/",
    "/api/v1/phases/{slug}/",
    "/api/v1/publications/",
    "/api/v1/publications/{slug}/",
    "/api/v1/training-statistics/",
]
# The statistics take no parameter, so no invalid request can be made of them.
WITH_PARAMETERS = [path for path in PATHS if "statistics" not in path]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_description_served_as_json(client):
    response = client.get("/api/v1/openapi.json")

    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    description = json.loads(response.content)
    assert description["openapi"].startswith("3.")
    assert sorted(description["paths"]) == PATHS


@pytest.fixture
def api_schema(db):
    """Some of every kind of record, then the live description through Django's WSGI
    application (no server)."""
    event = EventFactory(slug="milan")
    SpeakerFactory(session=SessionFactory(event=event))
    NewsArticleFactory(event=event)
    PublicationFactory(presented_at=event)
    GoodPracticeFactory()
    ParticipationFactory(municipality__latitude=45, municipality__longitude=9)
    TrainingFactory(start_date=event.start_date.replace(year=2019), attendance_total=3)
    # As Django's test client does: the test's database connection (and transaction)
    # must outlive each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# schemathesis's own pytest integration does not run on pytest 9 yet: each operation's
# strategy is driven by Hypothesis directly. Few examples per operation, so the whole
# run stays well under two minutes in CI.
@pytest.mark.parametrize(
    ("path", "mode"),
    [(path, GenerationMode.POSITIVE) for path in PATHS]
    + [(path, GenerationMode.NEGATIVE) for path in WITH_PARAMETERS],
)
def test_api_answers_as_its_description_says(api_schema, path, mode):
    @given(case=api_schema[path]["GET"].as_strategy(generation_mode=mode))
    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def answers_as_described(case):
        case.call_and_validate(checks=CHECKS)

    answers_as_described()
