"""Subscriptions: the Atom feed of news and the iCalendar feeds of events.

Both take the filters of their lists (the same FilterSets), so a city can subscribe to
its own news and events. A malformed filter value answers 400 with the reason: an
unfiltered feed would send subscribers what they did not ask for.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from admin4all.translation import TranslatedText, translated
from admin4all.views import invalid_filters
from events.filters import EventFilter, NewsArticleFilter
from events.models import Event, NewsArticle

NEWS_FEED_SIZE = 20
# A calendar subscription is re-read whole by every client, often: it holds the events
# not over yet, soonest first, then the latest past ones, never more than this (the
# whole history took 1.4 s to write at scale 100). The filters narrow it first.
CALENDAR_SIZE = 100


class LanguageTaggedAtomFeed(Atom1Feed):
    """An Atom feed whose entries say their language (xml:lang) where it is not the
    feed's: English text standing in for a missing translation."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class NewsFeed(Feed):
    """In the active language (the feed's language), English where an article has no
    translation."""

    feed_type = LanguageTaggedAtomFeed
    title = gettext_lazy("ADMin4ALL news")
    subtitle = gettext_lazy(
        "News of ADMin4ALL, the programme supporting the social inclusion of vulnerable "
        "migrants in European municipalities."
    )
    author_name = "ADMin4ALL"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        news = NewsArticleFilter(request.GET, queryset=NewsArticle.objects.published())
        if not news.is_valid():
            return invalid_filters(news)
        response = super().__call__(request, news=news)
        # The feed generator writes hundreds of small pieces, and gunicorn sends each
        # piece in a system call of its own: a feed took twice the time of a page.
        response.content = response.content
        return response

    def get_object(self, request: HttpRequest, news: NewsArticleFilter) -> NewsArticleFilter:
        return news

    def link(self) -> str:
        return reverse("events:news_article_list")

    def items(self, news: NewsArticleFilter) -> QuerySet[NewsArticle]:
        return news.qs.order_by("-published_at").prefetch_related("themes")[:NEWS_FEED_SIZE]

    def item_title(self, article: NewsArticle) -> str:
        return article.title_i18n

    def item_description(self, article: NewsArticle) -> str:
        # Atom's summary is HTML; the summary is plain text.
        return escape(article.summary_i18n)

    def item_extra_kwargs(self, article: NewsArticle) -> dict:
        return {"language": translated(article, "title").language}

    def item_pubdate(self, article: NewsArticle) -> datetime.datetime:
        return article.published_at

    def item_updateddate(self, article: NewsArticle) -> datetime.datetime:
        return article.updated_at

    def item_categories(self, article: NewsArticle) -> list[str]:
        return [theme.name_i18n for theme in article.themes.all()]


def _dated_public_events() -> QuerySet[Event]:
    """A calendar entry needs a date: events the sources do not date are left out."""
    return Event.objects.published().exclude(start_date=None).select_related("country")


def _location(event: Event) -> str:
    if event.is_online:
        return _("Online")
    country = event.country.name_i18n if event.country_id else ""
    city = event.city_i18n if event.city else ""
    return ", ".join(part for part in [event.venue, event.address, city, country] if part)


def _language(text: TranslatedText) -> dict[str, str] | None:
    """The LANGUAGE parameter of a text property in another language than the one
    asked for: the English standing in for a missing translation."""
    return {"LANGUAGE": text.language} if text.language else None


def calendar_entry(event: Event, *, domain: str, url: str) -> icalendar.Event:
    """One all-day VEVENT in the active language; its UID stays the same as long as the
    slug does."""
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.slug}@{domain}")
    entry.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    entry.add("dtstart", event.start_date)
    # All-day events end on the day after their last day (DTEND is exclusive).
    entry.add("dtend", (event.end_date or event.start_date) + datetime.timedelta(days=1))
    title, summary = translated(event, "title"), translated(event, "summary")
    entry.add("summary", str(title), parameters=_language(title))
    description = "\n\n".join(filter(None, [str(summary), url]))
    entry.add("description", description, parameters=_language(summary))
    if location := _location(event):
        entry.add("location", location)
    entry.add("url", url)
    return entry


def _calendar_response(request: HttpRequest, events: Iterable[Event]) -> HttpResponse:
    domain = get_current_site(request).domain
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//IOM//ADMin4ALL portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("ADMin4ALL events"))
    for event in events:
        url = f"{request.scheme}://{domain}{event.get_absolute_url()}"
        calendar.add_component(calendar_entry(event, domain=domain, url=url))
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def events_calendar(request: HttpRequest) -> HttpResponse:
    """The dated public events the event list's filters select, CALENDAR_SIZE at most."""
    events = EventFilter(request.GET, queryset=_dated_public_events())
    if not events.is_valid():
        return invalid_filters(events)
    return _calendar_response(request, events.qs.upcoming_first()[:CALENDAR_SIZE])


def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    return _calendar_response(request, [get_object_or_404(_dated_public_events(), slug=slug)])
