"""Events with their sessions, speakers and materials; publications and news."""

from datetime import date, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from admin4all.models import Status
from events.models import Event, EventMaterial, NewsArticle
from tests.factories import (
    EventFactory,
    EventMaterialFactory,
    NewsArticleFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHABLE_FACTORIES = [EventFactory, PublicationFactory, NewsArticleFactory]


def _day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


# Publishing


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_published_returns_only_published_items_whose_time_has_passed(factory):
    factory(draft=True)
    factory(review=True)
    factory(scheduled=True)
    published = factory()

    assert list(factory._meta.model.objects.published()) == [published]


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
@pytest.mark.parametrize(
    ("traits", "expected"),
    [
        ({"draft": True}, False),
        ({"review": True}, False),
        ({"scheduled": True}, False),
        ({}, True),
    ],
)
def test_is_public_only_once_published_and_due(factory, traits, expected):
    item = factory(**traits)

    assert item.is_public is expected


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_published_without_time_is_rejected(factory):
    with pytest.raises(IntegrityError, match="_published_has_time"), transaction.atomic():
        factory(status=Status.PUBLISHED, published_at=None)


# Constraints


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_slug_duplicate_is_rejected(factory):
    factory(slug="taken")

    with pytest.raises(IntegrityError, match=r"Key \(slug\)=\(taken\)"), transaction.atomic():
        factory(slug="taken")


def test_event_end_date_before_start_date_is_rejected():
    with pytest.raises(IntegrityError, match="event_end_not_before_start"), transaction.atomic():
        EventFactory(start_date=date(2024, 6, 2), end_date=date(2024, 6, 1))


def test_event_end_date_without_start_date_is_rejected():
    with pytest.raises(IntegrityError, match="event_end_needs_start"), transaction.atomic():
        EventFactory(start_date=None, end_date=date(2024, 6, 1))


def test_session_end_time_before_start_time_is_rejected():
    with pytest.raises(IntegrityError, match="session_end_not_before_start"), transaction.atomic():
        SessionFactory(start_time=time(10, 0), end_time=time(9, 30))


def test_speaker_twice_in_one_session_is_rejected():
    speaker = SpeakerFactory()

    with pytest.raises(IntegrityError, match="speaker_once_per_session"), transaction.atomic():
        SpeakerFactory(session=speaker.session, person=speaker.person)


def test_event_material_without_file_or_link_is_rejected():
    with pytest.raises(IntegrityError, match="eventmaterial_file_or_link"), transaction.atomic():
        EventMaterialFactory(url="")


def test_event_material_with_a_file_only_is_accepted(media_root):
    material = EventMaterialFactory(url="", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4"))

    assert EventMaterial.objects.get().file.name == material.file.name
    assert (media_root / material.file.name).read_bytes() == b"%PDF-1.4"


@pytest.mark.parametrize("year", [1989, 2101])
def test_publication_year_out_of_range_is_rejected(year):
    with pytest.raises(IntegrityError, match="publication_year_range"), transaction.atomic():
        PublicationFactory(year=year)


@pytest.mark.parametrize("year", [1990, 2100, None])
def test_publication_year_in_range_or_unknown_is_accepted(year):
    publication = PublicationFactory(year=year)

    publication.refresh_from_db()
    assert publication.year == year


# Querysets


@pytest.fixture
def dated_events():
    """One event of each kind of date, named after it."""
    return {
        "last month": EventFactory(start_date=_day(-30), end_date=_day(-28)),
        "yesterday, one day": EventFactory(start_date=_day(-1), end_date=None),
        "ending today": EventFactory(start_date=_day(-2), end_date=_day(0)),
        "today, one day": EventFactory(start_date=_day(0), end_date=None),
        "next week": EventFactory(start_date=_day(7), end_date=_day(9)),
        "undated": EventFactory(start_date=None, end_date=None),
    }


def test_event_upcoming_returns_events_not_over_yet(dated_events):
    assert list(Event.objects.upcoming()) == [
        dated_events["next week"],
        dated_events["today, one day"],
        dated_events["ending today"],
    ]


def test_event_past_returns_events_already_over(dated_events):
    assert list(Event.objects.past()) == [
        dated_events["yesterday, one day"],
        dated_events["last month"],
    ]


def test_event_upcoming_and_published_chain():
    EventFactory(draft=True, start_date=_day(3))
    EventFactory(start_date=_day(-3))
    published = EventFactory(start_date=_day(3))

    assert list(Event.objects.published().upcoming()) == [published]


# URLs


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (EventFactory, "/events/the-slug/"),
        (PublicationFactory, "/publications/the-slug/"),
        (NewsArticleFactory, "/news/the-slug/"),
    ],
)
def test_get_absolute_url_resolves_to_the_detail_page(factory, expected):
    instance = factory.build(slug="the-slug")

    assert instance.get_absolute_url() == expected


def test_news_latest_and_ordering_put_drafts_last():
    older = NewsArticleFactory(published_at=timezone.now() - timedelta(days=9))
    newer = NewsArticleFactory(published_at=timezone.now() - timedelta(days=1))
    draft = NewsArticleFactory(draft=True)

    assert (list(NewsArticle.objects.all()), NewsArticle.objects.published().latest()) == (
        [newer, older, draft],
        newer,
    )
