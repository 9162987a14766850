"""The anonymous page cache: hits cost no query, a change made through the portal
shows at once and a scheduled item's publication within a second, a change invalidates
only the pages that read the changed table, logged-in users are never served or stored,
and browsers revalidate with ETags."""

import pickle
import time
from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

from admin4all.content_versions import (
    VERSIONS_KEY,
    KeptVersions,
    kept_versions,
    versions_in_process,
)
from admin4all.models import Status, User
from admin4all.page_cache import (
    PageMemo,
    PublicPageCacheMiddleware,
    StoredPage,
    page_key,
    seconds_kept,
)
from events.models import NewsArticle
from tests.factories import (
    MunicipalityFactory,
    NewsArticleFactory,
    TrainingFactory,
    UserFactory,
)
from trainings.models import Training

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def titles(response) -> list[str]:
    return [
        article.title
        for article in NewsArticle.objects.all()
        if article.title.encode() in response.content
    ]


def test_second_anonymous_request_served_from_cache_without_a_query(
    client, django_assert_num_queries, settings
):
    # The first request of a process can take longer than the versions' second.
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    NewsArticleFactory(title="Milan consultation held")
    first = client.get("/news/")

    with django_assert_num_queries(0):
        second = client.get("/news/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "en"


def test_miss_costs_the_views_queries_plus_one_when_the_version_is_not_kept(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    NewsArticleFactory()

    with django_assert_num_queries(6):  # the news list's 5 (tests/events) and the versions
        client.get("/news/")
    with django_assert_num_queries(5):  # the versions are kept
        client.get("/de/news/")


def test_page_stored_as_its_bytes_and_headers(client, rf):
    NewsArticleFactory()
    response = client.get("/news/")

    page = cache.get(page_key(rf.get("/news/")))

    assert type(page) is StoredPage
    assert page.content == response.content
    assert dict(page.headers)["ETag"] == response["ETag"]
    # What the cache holds: the body and a few headers, no response object.
    assert len(pickle.dumps(page)) < len(response.content) + 2048


def test_writes_outside_the_content_keep_the_pages(client, django_assert_num_queries):
    NewsArticleFactory()
    user = UserFactory()
    client.get("/news/")

    User.objects.filter(pk=user.pk).update(last_login=timezone.now())  # every login does
    with django_assert_num_queries(0):
        response = client.get("/news/")

    assert response["X-Page-Cache"] == "hit"


def test_change_made_outside_the_portal_shows_within_a_second(client):
    NewsArticleFactory(title="Brussels workshop")
    client.get("/news/")
    with connection.cursor() as cursor:  # as a trigger does for psql or another program
        cursor.execute("SELECT nextval('admin4all_version_events_newsarticle')")

    kept = client.get("/news/")
    time.sleep(1.1)
    later = client.get("/news/")

    assert (kept["X-Page-Cache"], later["X-Page-Cache"]) == ("hit", "miss")


def test_change_to_a_table_the_page_does_not_read_keeps_it(client, django_assert_num_queries):
    NewsArticleFactory(title="Milan consultation held")
    TrainingFactory(title="Intercultural mediation", start_date=date(2025, 3, 4))  # held
    client.get("/news/")
    client.get("/trainings/")

    Training.objects.update(title="Intercultural mediation, part 2")
    with django_assert_num_queries(1):  # the versions, read again after the write
        news = client.get("/news/")
    trainings = client.get("/trainings/")

    assert (news["X-Page-Cache"], trainings["X-Page-Cache"]) == ("hit", "miss")
    assert b"Intercultural mediation, part 2" in trainings.content


def test_page_records_the_tables_it_read(client, rf):
    NewsArticleFactory()
    client.get("/news/")

    read = dict(cache.get(page_key(rf.get("/news/"))).read)

    assert "events_newsarticle" in read
    assert "trainings_training" not in read


@pytest.mark.parametrize(
    ("local_time", "seconds"),
    [("2026-12-07 12:00:00", 600), ("2026-12-07 23:59:30", 30), ("2026-12-07 23:59:59.9", 1)],
)
def test_no_page_outlives_the_next_midnight(local_time, seconds):
    now = timezone.make_aware(datetime.fromisoformat(local_time))

    assert seconds_kept(now, 600) == seconds


def test_response_varying_on_a_header_not_stored(rf, settings):
    def view(request):
        response = HttpResponse("Preferred language only")
        response["Vary"] = "Accept-Language"
        return response

    middleware = PublicPageCacheMiddleware(view)
    responses = [middleware(rf.get("/varies/")) for _ in range(2)]

    assert ["X-Page-Cache" in response for response in responses] == [False, False]


def test_change_saved_shows_at_once(client):
    article = NewsArticleFactory(title="Milan consultation held")
    client.get("/news/")

    article.title = "Milan consultation report"
    article.save()
    response = client.get("/news/")

    assert response["X-Page-Cache"] == "miss"
    assert titles(response) == ["Milan consultation report"]


def test_bulk_update_shows_at_once(client):
    NewsArticleFactory(title="Brussels workshop")
    client.get("/news/")

    NewsArticle.objects.update(status=Status.DRAFT)
    response = client.get("/news/")

    assert titles(response) == []


def test_scheduled_item_appears_when_its_time_passes(client):
    NewsArticleFactory(title="Published earlier")
    NewsArticleFactory(
        title="Scheduled article", published_at=timezone.now() + timedelta(seconds=1)
    )
    before = client.get("/news/")
    assert titles(before) == ["Published earlier"]
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    time.sleep(1.1)  # no write happens: only the clock moves past the publication time
    after = client.get("/news/")

    assert after["X-Page-Cache"] == "miss"
    assert sorted(titles(after)) == ["Published earlier", "Scheduled article"]


def test_logged_in_user_neither_served_nor_stored(client):
    user = UserFactory(first_name="Zofia", last_name="Kowalska")
    client.get("/")  # an anonymous copy is in the cache
    client.force_login(user)

    logged_in = client.get("/")
    client.logout()
    anonymous = client.get("/")

    assert "X-Page-Cache" not in logged_in
    assert b"Log out" in logged_in.content
    assert anonymous["X-Page-Cache"] in ("hit", "miss")
    assert b"Log out" not in anonymous.content


def test_staff_preview_of_a_draft_never_reaches_visitors(client, editor_client):
    NewsArticleFactory(draft=True, slug="draft-news", title="Not yet public")

    preview = editor_client.get("/news/draft-news/")
    visitor = client.get("/news/draft-news/")

    assert preview.status_code == 200
    assert visitor.status_code == 404


def test_private_areas_and_errors_not_cached(client):
    MunicipalityFactory()

    # The "email sent" page of a password reset has no form: only its path keeps it out.
    paths = [
        "/accounts/password/reset/done/",
        "/ro/accounts/password/reset/done/",
        "/healthz",
        "/no-such/",
        "/el/no-such/",
    ]
    responses = [client.get(path) for path in paths]

    assert [("X-Page-Cache" in response) for response in responses] == [False] * 5


def test_each_language_cached_on_its_own(client):
    NewsArticleFactory()

    responses = [client.get(path) for path in ["/news/", "/de/news/", "/news/", "/de/news/"]]

    assert [response["X-Page-Cache"] for response in responses] == ["miss", "miss", "hit", "hit"]
    assert [response["Content-Language"] for response in responses] == ["en", "de", "en", "de"]
    assert responses[2].content == responses[0].content
    assert responses[3].content == responses[1].content != responses[0].content


def test_browser_revalidates_with_etag_and_gets_304_until_a_change(client):
    article = NewsArticleFactory(title="Milan consultation held")
    first = client.get("/news/")
    etag = first["ETag"]

    unchanged = client.get("/news/", HTTP_IF_NONE_MATCH=etag)
    article.title = "Milan consultation report"
    article.save()
    changed = client.get("/news/", HTTP_IF_NONE_MATCH=etag)

    assert first["Cache-Control"] == "public, no-cache"
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# What each process keeps in its own memory


def test_page_served_often_comes_from_the_process_memory_without_a_round_trip(client, rf):
    NewsArticleFactory(title="Milan consultation held")
    first = client.get("/news/")

    cache.delete(page_key(rf.get("/news/")))  # only this process's copy is left
    second = client.get("/news/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_change_saved_in_another_process_shows_within_a_second(client):
    NewsArticleFactory(title="Brussels workshop")
    client.get("/news/")
    # What another app server's save does: the trigger advances the table's version,
    # and that process drops the versions the shared cache kept.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('admin4all_version_events_newsarticle')")
    cache.delete(VERSIONS_KEY)

    kept = client.get("/news/")
    time.sleep(1.1)
    later = client.get("/news/")

    assert (kept["X-Page-Cache"], later["X-Page-Cache"]) == ("hit", "miss")


def test_versions_read_by_another_process_kept_only_until_their_second_ends(
    django_assert_num_queries,
):
    read_earlier = KeptVersions(time.time() - 0.9, {"events_newsarticle": "7"})

    with django_assert_num_queries(0):
        assert kept_versions(read_earlier) == {"events_newsarticle": "7"}
    assert versions_in_process() == {"events_newsarticle": "7"}
    time.sleep(0.15)
    assert versions_in_process() is None


def stored(content: bytes, seconds: float = 600) -> StoredPage:
    return StoredPage((), (), content, time.time() + seconds)


def test_process_memory_keeps_the_pages_used_last_up_to_its_size(settings):
    settings.PAGE_CACHE_MEMO_BYTES = 10
    memo = PageMemo()
    for key in "abc":
        memo.keep(key, stored(b"1234"))  # 4 bytes each: c pushes a out

    memo.get("b")  # used: c is now the oldest
    memo.keep("d", stored(b"1234"))
    memo.keep("huge", stored(b"12345678901"))  # larger than the whole memory: not kept

    assert [key for key in "abcd" if memo.get(key)] == ["b", "d"]
    assert memo.get("huge") is None


def test_process_memory_keeps_a_page_no_longer_than_the_shared_cache():
    memo = PageMemo()
    memo.keep("leaving", stored(b"page", seconds=0.1))
    memo.keep("staying", stored(b"page"))

    time.sleep(0.15)

    assert memo.get("leaving") is None
    assert memo.get("staying").content == b"page"
