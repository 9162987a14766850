"""Site-wide search: one ranked PostgreSQL full-text query per kind of public content.

Each document (admin4all.search_documents) is indexed twice through the
configurations of migration 0004, which both ignore diacritics: names and titles as
typed, so that a city's name or alternative spelling matches exactly, and every field
stemmed, so that prose matches other forms of a word. Events, sessions and news, the
big tables, have GIN indexes on their documents.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Count, Expression, F, QuerySet, TextField, Value, Window
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from admin4all.rich_text import markdown_text
from admin4all.search_documents import ENGLISH, SIMPLE, SearchDocument
from events.models import (
    EVENT_SEARCH,
    NEWS_ARTICLE_SEARCH,
    SESSION_SEARCH,
    Event,
    NewsArticle,
    Publication,
    Session,
)
from municipalities.models import GoodPractice, Municipality

MAX_RESULTS = 1000

# One word of three letters or more also matches as the start of a name ("Wroc").
PREFIX_WORD = re.compile(r"[^\W_]{3,}")
# Private-use characters mark the matches in a headline: the text is escaped before
# they become <mark> elements, and any the text itself holds are dropped.
MARK_START, MARK_END = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    rank: float


class SearchResults:
    """The best `limit` hits of each kind merged by rank, and how many matched in all.

    Sized and sliceable for Django's Paginator: every page up to `limit` results deep
    can be cut from the merged hits. Paging stops at MAX_RESULTS, since each page
    deeper makes every query fetch more rows."""

    def __init__(self, hits: list[SearchHit], total: int):
        self.hits = hits
        self.total = total

    def __len__(self) -> int:
        return min(self.total, MAX_RESULTS)

    def __getitem__(self, index):
        return self.hits[index]


def search_query(text: str) -> SearchQuery:
    """The visitor's words as typed (for names) or stemmed (for prose), and a word
    alone also as a prefix of a name."""
    query = SearchQuery(text, config=SIMPLE, search_type="websearch") | SearchQuery(
        text, config=ENGLISH, search_type="websearch"
    )
    word = text.strip()
    if PREFIX_WORD.fullmatch(word):
        # Safe as raw tsquery syntax: the pattern allows letters and digits only.
        query |= SearchQuery(f"{word}:*", config=SIMPLE, search_type="raw")
    return query


def _ranked(
    queryset: QuerySet,
    query: SearchQuery,
    *,
    document: SearchDocument,
    snippet: F | Expression,
    limit: int,
) -> QuerySet:
    """The `limit` best matches of `queryset`, each with its rank, a headline and the
    number of matches in all (a window count, so no second query)."""
    return (
        # An alias, not an annotation: the vector is used in SQL, never sent back.
        queryset.alias(document=document.vector())
        .annotate(
            rank=SearchRank(F("document"), query),
            headline=SearchHeadline(
                snippet,
                query,
                config=ENGLISH,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            matches=Window(Count("pk")),
        )
        .filter(document=query)
        .order_by("-rank", "pk")[:limit]
    )


def _both(first: str, second: str) -> Concat:
    return Concat(first, Value("\n"), second, output_field=TextField())


def municipality_matches(query: SearchQuery, *, limit: int) -> QuerySet[Municipality]:
    return _ranked(
        Municipality.objects.only("slug", "name"),
        query,
        document=SearchDocument(
            # An array cast to text reads "{Wroclav,Breslau}": the parser sees the words.
            names=["name", "native_name", "alternative_names"],
            summaries=["country__name", "country__native_name"],
            bodies=["profile"],
        ),
        snippet=F("profile"),
        limit=limit,
    )


def event_matches(query: SearchQuery, *, limit: int) -> QuerySet[Event]:
    return _ranked(
        Event.objects.published().only("slug", "title"),
        query,
        document=EVENT_SEARCH,
        snippet=_both("summary", "description"),
        limit=limit,
    )


def session_matches(query: SearchQuery, *, limit: int) -> QuerySet[Session]:
    return _ranked(
        Session.objects.filter(event__in=Event.objects.published())
        .select_related("event")
        .only("title", "event__slug"),
        query,
        document=SESSION_SEARCH,
        snippet=F("description"),
        limit=limit,
    )


def news_article_matches(query: SearchQuery, *, limit: int) -> QuerySet[NewsArticle]:
    return _ranked(
        NewsArticle.objects.published().only("slug", "title"),
        query,
        document=NEWS_ARTICLE_SEARCH,
        snippet=_both("summary", "body"),
        limit=limit,
    )


def publication_matches(query: SearchQuery, *, limit: int) -> QuerySet[Publication]:
    return _ranked(
        Publication.objects.published().only("slug", "title"),
        query,
        document=SearchDocument(names=["title"], summaries=["summary"]),
        snippet=F("summary"),
        limit=limit,
    )


def good_practice_matches(query: SearchQuery, *, limit: int) -> QuerySet[GoodPractice]:
    return _ranked(
        GoodPractice.objects.published().only("slug", "title"),
        query,
        document=SearchDocument(names=["title"], summaries=["summary"], bodies=["body"]),
        snippet=_both("summary", "body"),
        limit=limit,
    )


def _url(obj) -> str:
    if isinstance(obj, Session):
        return f"{obj.event.get_absolute_url()}#session-{obj.pk}"
    return obj.get_absolute_url()


SELECTORS: list[Callable[..., QuerySet]] = [
    municipality_matches,
    event_matches,
    session_matches,
    news_article_matches,
    publication_matches,
    good_practice_matches,
]


def highlighted(headline: str) -> SafeString:
    """The headline's words without their Markdown, on one line, escaped, with the
    matched words in <mark>."""
    words = " ".join(markdown_text(headline).split())
    marked = MARKED.sub(r"<mark>\1</mark>", escape(words))
    return mark_safe(marked.replace(MARK_START, "").replace(MARK_END, ""))


def site_search(text: str, *, limit: int) -> SearchResults:
    """Public content matching `text`, best first: one query per kind of content."""
    query = search_query(text)
    hits: list[SearchHit] = []
    total = 0
    for selector in SELECTORS:
        matches = list(selector(query, limit=limit))
        total += matches[0].matches if matches else 0
        hits += [
            SearchHit(
                kind=capfirst(obj._meta.verbose_name),
                title=str(obj),
                url=_url(obj),
                snippet=highlighted(obj.headline),
                rank=obj.rank,
            )
            for obj in matches
        ]
    hits.sort(key=lambda hit: (-hit.rank, hit.title))
    return SearchResults(hits[:limit], total)
