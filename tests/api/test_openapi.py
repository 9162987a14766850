"""The API's OpenAPI description: valid OpenAPI 3, typed as the API validates, and true
to the API. Schemathesis generates requests from it, valid and invalid, and checks each
answer with all its checks: never a server error; every status, content type, header
and body as the description says; what the description allows accepted, what it forbids
refused."""

import json
from datetime import date

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.hypothesis.builder import (
    HypothesisTestConfig,
    HypothesisTestMode,
    create_test,
)
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import (
    EventFactory,
    GoodPracticeFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
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


def test_description_served_as_json(client):
    response = client.get("/api/v1/openapi.json")

    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    description = json.loads(response.content)
    assert description["openapi"].startswith("3.")
    assert sorted(description["paths"]) == PATHS


def _query_parameters(client, path: str) -> dict[str, dict]:
    operation = client.get("/api/v1/openapi.json").json()["paths"][path]["get"]
    return {
        parameter["name"]: parameter
        for parameter in operation["parameters"]
        if parameter["in"] == "query"
    }


SCHEMAS = {
    # The years the events fall in, as the site's form offers them.
    "year": {"type": "integer", "enum": [2017, 2019]},
    # Every theme's slug, read from the database when the description is made.
    "theme": {"type": "string", "enum": ["education", "housing"]},
    "when": {"type": "string", "enum": ["past", "upcoming"]},
    # Free text looked up in the records: no enum can list it.
    "municipality": {"type": "string", "minLength": 1, "maxLength": 150},
    "page": {"type": "integer", "minimum": 1},
    "page_size": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
}


def test_filters_are_typed_as_they_are_validated(client):
    housing = ThemeFactory(slug="housing", name="Housing")
    ThemeFactory(slug="education", name="Education")
    EventFactory(start_date=date(2019, 10, 8)).themes.add(housing)
    EventFactory(start_date=date(2017, 11, 28))

    parameters = _query_parameters(client, "/api/v1/events/")

    assert {name: parameters[name]["schema"] for name in SCHEMAS} == SCHEMAS
    assert parameters["theme"]["description"] == (
        "Theme\n\n* `education` - Education\n* `housing` - Housing"
    )
    assert parameters["municipality"]["description"].endswith(
        "A text that names no municipality, or several, answers 400 naming them."
    )


def test_choice_with_no_value_yet_is_left_out(client):
    # No publication has a year: any year answers 400, and an enum may not be empty.
    PublicationFactory(year=None).themes.add(ThemeFactory())

    parameters = _query_parameters(client, "/api/v1/publications/")

    assert sorted(parameters) == ["lang", "page", "page_size", "theme"]


def test_lists_and_details_document_400_and_statistics_do_not(client):
    # Lists for their filters and pages, details for their language (lang).
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        path: "400" in operations["get"]["responses"] for path, operations in paths.items()
    } == {path: "statistics" not in path for path in PATHS}


# What the description says a municipality filter answers when its text names no
# municipality, or several: 400, naming them. Any other 400 to a valid request fails.
LOOKED_UP = {"municipality"}


def valid_request_accepted(ctx, response, case):
    """schemathesis's positive_data_acceptance, but for a 400 that rejects only a text
    looked up in the records (LOOKED_UP), as the description says it may."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 400 and set(response.json()) <= LOOKED_UP:
            return None
        raise


# Deterministic: the same requests on every run, so a new mismatch fails every build.
SEED = 16
# Fuzzed requests per operation, valid and invalid, besides the coverage phase's: the
# whole run takes about a minute.
MAX_EXAMPLES = 75
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "suppress-health-check": ["all"],
        "generation": {
            # Valid and invalid requests; drawn from the seed, nothing remembered.
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
    }
)


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
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# schemathesis's pytest integration (`schema.parametrize()`) does not run on pytest 9
# yet (it sets a node id pytest no longer has), so each operation's test is built by
# the function that integration uses, with every phase but the stateful one (the API
# is read-only): the schema's examples; the coverage phase (each parameter's boundaries
# and invalid values, `year=`, `page_size=null`..., and the methods not described);
# then fuzzing, positive and negative, MAX_EXAMPLES requests. Each answer goes through
# every check schemathesis has (call_and_validate's default), positive_data_acceptance
# as valid_request_accepted.
@pytest.mark.parametrize("path", PATHS)
def test_api_answers_as_its_description_says(api_schema, path):
    operation = api_schema[path]["GET"]
    project = api_schema.config

    def answers_as_described(case):
        case.call_and_validate(
            excluded_checks=[positive_data_acceptance], additional_checks=[valid_request_accepted]
        )

    test = create_test(
        operation=operation,
        test_func=answers_as_described,
        config=HypothesisTestConfig(
            project=project,
            modes=list(HypothesisTestMode),
            settings=project.get_hypothesis_settings(operation=operation, phase="fuzzing"),
            seed=SEED,
        ),
    )
    test()
