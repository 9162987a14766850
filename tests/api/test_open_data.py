"""Bulk downloads (/open-data/): every table whole as CSV and JSON, the same records and
fields as the API, published content only, formulas guarded; and the page listing them."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from api.open_data import TABLES
from tests.api.test_views import HIDDEN
from tests.factories import (
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PeerVisitFactory,
    PersonFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

API_LISTS = sorted(set(TABLES) - {"sessions"})


@pytest.fixture
def records():
    seed()


def seed():
    """A public record of each kind, beside the unpublished and planned ones that must
    stay out."""
    ParticipationFactory()
    for factory in (EventFactory, NewsArticleFactory, PublicationFactory, GoodPracticeFactory):
        factory()
        for state in HIDDEN:
            factory(**state)
    TrainingFactory(start_date=date(2019, 5, 1), attendance_total=12)
    TrainingFactory()  # planned
    PeerVisitFactory(start_date=date(2018, 3, 1), participant_count=8)
    PeerVisitFactory()  # planned


def streamed(response) -> str:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def api_rows(client, table: str) -> list[dict]:
    data = client.get(TABLES[table].api_url(), {"page_size": 100}).json()
    # The statistics are one list, not paginated.
    return data if isinstance(data, list) else data["results"]


@pytest.mark.parametrize("table", API_LISTS)
def test_json_download_has_the_api_list_rows(client, records, table):
    response = client.get(f"/open-data/{table}.json")

    assert response["Content-Type"] == "application/json"
    assert json.loads(streamed(response)) == api_rows(client, table)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_csv_download_has_bom_header_and_the_json_rows(client, records, table):
    rows = json.loads(streamed(client.get(f"/open-data/{table}.json")))
    response = client.get(f"/open-data/{table}.csv")

    text = streamed(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="admin4all-{table}-{timezone.localdate().isoformat()}.csv"'
    )
    assert text.startswith("\ufeff")
    header, *cells = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header == TABLES[table].field_names()
    assert [row[0] for row in cells] == [str(row[header[0]]) for row in rows]


def test_unpublished_content_is_in_no_download(client, records):
    for table in ("events", "news", "publications", "good-practices"):
        rows = json.loads(streamed(client.get(f"/open-data/{table}.json")))
        assert len(rows) == 1, table


def test_sessions_are_those_of_published_events_with_speakers(client):
    event = EventFactory(slug="milan-2019")
    session = SessionFactory(event=event, title="Housing workshop")
    SpeakerFactory(session=session, person=PersonFactory(slug="rossi"))
    for state in HIDDEN:
        SessionFactory(event=EventFactory(**state))

    [row] = json.loads(streamed(client.get("/open-data/sessions.json")))
    text = streamed(client.get("/open-data/sessions.csv"))

    assert (row["title"], row["event"]["slug"]) == ("Housing workshop", "milan-2019")
    assert [speaker["person"]["slug"] for speaker in row["speakers"]] == ["rossi"]
    [cells] = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert json.loads(cells["speakers"]) == row["speakers"]
    assert json.loads(cells["event"]) == row["event"]


def test_csv_guards_formulas_and_json_keeps_the_text(client):
    NewsArticleFactory(title='=HYPERLINK("http://evil.example")', summary="-2+3")

    text = streamed(client.get("/open-data/news.csv"))
    [row] = json.loads(streamed(client.get("/open-data/news.json")))

    [cells] = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert (cells["title"], cells["summary"]) == ('\'=HYPERLINK("http://evil.example")', "'-2+3")
    assert (row["title"], row["summary"]) == ('=HYPERLINK("http://evil.example")', "-2+3")


def test_empty_table_is_an_empty_list_and_a_header(client):
    assert json.loads(streamed(client.get("/open-data/news.json"))) == []
    text = streamed(client.get("/open-data/news.csv"))
    assert text == "\ufeff" + ",".join(TABLES["news"].field_names()) + "\r\n"


def test_geojson_has_a_feature_per_municipality_with_its_fields(client):
    placed = MunicipalityFactory(
        slug="milan", latitude=Decimal("45.46427"), longitude=Decimal("9.18951")
    )
    MunicipalityFactory(slug="malta-local-councils", latitude=None, longitude=None)
    rows = json.loads(streamed(client.get("/open-data/municipalities.json")))

    response = client.get("/open-data/municipalities.geojson")

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == (
        'attachment; filename="admin4all-municipalities-'
        f'{timezone.localdate().isoformat()}.geojson"'
    )
    collection = json.loads(streamed(response))
    assert collection == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": None
                if row["slug"] == "malta-local-councils"
                else {"type": "Point", "coordinates": [9.18951, 45.46427]},
                "properties": row,
            }
            for row in rows
        ],
    }
    assert sorted(row["slug"] for row in rows) == ["malta-local-councils", placed.slug]


def test_empty_geojson_is_an_empty_collection(client):
    collection = json.loads(streamed(client.get("/open-data/municipalities.geojson")))

    assert collection == {"type": "FeatureCollection", "features": []}


def test_downloads_limited_per_address_with_a_clear_429(client, settings):
    settings.OPEN_DATA_RATE_LIMIT = "2/hour"
    cache.clear()

    statuses = [client.get("/open-data/news.csv").status_code for _ in range(3)]
    other_address = client.get("/open-data/news.json", REMOTE_ADDR="192.0.2.1")
    throttled = client.get("/open-data/countries.json")
    cache.clear()

    assert statuses == [200, 200, 429]
    assert other_address.status_code == 200
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == "text/plain; charset=utf-8"
    assert 3590 < int(throttled["Retry-After"]) <= 3600
    assert throttled.content.decode() == (
        f"Too many downloads from your address. Try again in {throttled['Retry-After']} seconds."
    )


@pytest.mark.parametrize(
    "path",
    ["/open-data/trainings.csv", "/open-data/news.xml", "/open-data/news.geojson"],
)
def test_unknown_download_answers_404(client, path):
    assert client.get(path).status_code == 404


def test_page_links_every_table_and_each_link_works(client, records, settings):
    settings.OPEN_DATA_LICENCE = "CC0 1.0"

    response = client.get("/open-data/")

    assert response.status_code == 200
    assert "Licence: CC0 1.0." in response.content.decode()
    links = re.findall(r'href="(/(?:open-data|api/v1)/[^"]+)"', response.content.decode())
    downloads = [link for link in links if link.startswith("/open-data/")]
    assert downloads == [
        f"/open-data/{table}.{extension}"
        for table in TABLES
        for extension in ("csv", "json", "geojson")
        if extension != "geojson" or table == "municipalities"
    ]
    for link in links:
        followed = client.get(link)
        assert followed.status_code == 200, link


def test_page_describes_each_field_of_each_table(client):
    content = client.get("/open-data/").content.decode()

    rows = [
        # A name as it reads: the <wbr> in it only say where a narrow column may break.
        (name.replace("<wbr>", ""), description)
        for name, description in re.findall(
            r'<th scope="row"><code>(.*?)</code></th>\s*<td>(.*?)</td>', content
        )
    ]

    assert rows == [
        (name, escape(description))
        for table in TABLES.values()
        for name, description in table.fields()
    ]
    assert ("html_url", "The record&#x27;s page on the site.") in rows
    assert ("published_at", "Publication time") in rows


@pytest.mark.parametrize("count", [1, 3])
def test_sessions_download_queries_do_not_grow_with_rows(client, django_assert_num_queries, count):
    for _ in range(count):
        SpeakerFactory(session=SessionFactory(event=EventFactory()))

    with django_assert_num_queries(2):
        streamed(client.get("/open-data/sessions.csv"))


@pytest.mark.parametrize(
    "path",
    [f"{table}.csv" for table in sorted(TABLES)] + ["municipalities.geojson"],
)
def test_download_queries_do_not_grow_with_rows(client, path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            streamed(client.get(f"/open-data/{path}"))
        return len(captured)

    seed()
    SessionFactory()
    with_one = queries()
    for _ in range(2):
        seed()
        SessionFactory()

    assert queries() == with_one


@pytest.mark.django_db
def test_open_data_page_breaks_field_names_after_underscores_and_explains_untranslated(client):
    # A phone's column breaks "trainings_reporting_attendance" at its underscores only.
    html = client.get("/it/open-data/").content.decode()

    assert "<code>trainings_<wbr>reporting_<wbr>attendance</code>" in html
    assert "<code>untranslated</code></th>\n              <td>I campi forniti in inglese" in html
