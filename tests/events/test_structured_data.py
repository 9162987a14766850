"""Event pages carry their schema.org Event as JSON-LD, safely inside a data block."""

import json
import re
from datetime import date

import pytest
from django.db.models import Prefetch

from events.models import Event, Speaker
from events.structured_data import event_data
from tests.factories import (
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_of(client, event: Event) -> list[dict]:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


@pytest.fixture
def milan():
    iom = OrganisationFactory(name="International Organization for Migration")
    city = OrganisationFactory(
        name="Municipality of Milan", website="https://www.comune.milano.it/"
    )
    event = EventFactory(
        title="Mid-Term Regional Consultation",
        slug="milan-consultation",
        summary="Two days in Milan.",
        description="High-level panels.",
        start_date=date(2019, 10, 8),
        end_date=date(2019, 10, 9),
        venue="Fabbrica del Vapore",
        address="Via Giulio Cesare Procaccini 4",
        city="Milan",
        country=CountryFactory(name="Italy", iso_code="IT"),
    )
    event.organisers.add(iom, city)
    rossi = PersonFactory(name="Rossi", honorific="Dr.", job_title="Coordinator", organisation=iom)
    opening = SessionFactory(event=event, day=date(2019, 10, 8), position=1)
    SpeakerFactory(session=opening, person=rossi)
    SpeakerFactory(session=opening, person=PersonFactory(name="Bianchi"), organisation=city)
    # Rossi speaks again: listed once, with the role of the first appearance.
    workshop = SessionFactory(event=event, day=date(2019, 10, 9), position=2)
    SpeakerFactory(session=workshop, person=rossi, job_title="Moderator")
    return event


def test_event_page_describes_the_event_for_search_engines(client, milan):
    assert json_ld_of(client, milan) == [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "Mid-Term Regional Consultation",
            "url": "http://testserver/events/milan-consultation/",
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "description": "Two days in Milan.",
            "startDate": "2019-10-08",
            "endDate": "2019-10-09",
            "location": {
                "@type": "Place",
                "name": "Fabbrica del Vapore",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "Via Giulio Cesare Procaccini 4",
                    "addressLocality": "Milan",
                    "addressCountry": "IT",
                },
            },
            "organizer": [
                {"@type": "Organization", "name": "International Organization for Migration"},
                {
                    "@type": "Organization",
                    "name": "Municipality of Milan",
                    "url": "https://www.comune.milano.it/",
                },
            ],
            "performer": [
                {
                    "@type": "Person",
                    "name": "Rossi",
                    "honorificPrefix": "Dr.",
                    "jobTitle": "Coordinator",
                    "affiliation": {
                        "@type": "Organization",
                        "name": "International Organization for Migration",
                    },
                },
                {
                    "@type": "Person",
                    "name": "Bianchi",
                    "affiliation": {
                        "@type": "Organization",
                        "name": "Municipality of Milan",
                        "url": "https://www.comune.milano.it/",
                    },
                },
            ],
        }
    ]


def test_online_event_is_located_at_its_page(client):
    event = EventFactory(slug="webinar", is_online=True, start_date=date(2020, 5, 12))

    [data] = json_ld_of(client, event)

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "http://testserver/events/webinar/",
    }
    assert (data["startDate"], data["endDate"]) == ("2020-05-12", "2020-05-12")


def test_event_without_date_or_place_leaves_them_out(client):
    event = EventFactory(start_date=None, description="Only a description.")

    [data] = json_ld_of(client, event)

    assert sorted(data) == [
        "@context",
        "@type",
        "description",
        "eventAttendanceMode",
        "eventStatus",
        "name",
        "url",
    ]
    assert data["description"] == "Only a description."


def test_event_description_from_markdown_is_plain_text(client):
    event = EventFactory(
        summary="", description="## Aims\n\nMeet **the cities** of [Europe](https://e.org)."
    )

    [data] = json_ld_of(client, event)

    assert data["description"] == "Aims\nMeet the cities of Europe."


def test_event_data_cannot_close_its_script_element(client):
    title = '</script><script>alert("x")</script> & <!--'
    event = EventFactory(title=title)

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert" in html
    [data] = [json.loads(block) for block in JSON_LD.findall(html)]
    assert data["name"] == title


def test_event_data_reads_prefetched_organisers_and_speakers(milan, django_assert_num_queries):
    event = (
        Event.objects.select_related("country")
        .prefetch_related(
            "organisers",
            Prefetch(
                "sessions__speakers",
                queryset=Speaker.objects.select_related("person__organisation", "organisation"),
            ),
        )
        .get(pk=milan.pk)
    )

    with django_assert_num_queries(0):
        data = event_data(event, url="https://example.org/")

    assert [performer["name"] for performer in data["performer"]] == ["Rossi", "Bianchi"]
