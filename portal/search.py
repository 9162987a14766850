"""Site-wide search: one ranked PostgreSQL full-text query per kind of public content,
then the snippets of the hits shown, in one more.

Each kind's document (admin4all.search_documents) is stored in its table and indexed:
names and titles as typed, so that a city's name or alternative spelling matches
exactly, and every field stemmed, so that prose matches other forms of a word; both
ignore diacritics. The documents hold the translations too, each stemmed as its
language is: the visitor's words are stemmed as the page's language is, and the hits
are shown in that language, in English where they have no translation.

A common word matches most rows, so the work per matching row is kept to reading its
stored vector for the rank: headlines, the costly part, are built only for the page's
hits, and the matches are counted up to MAX_RESULTS + 1 only.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import groupby
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import (
    BooleanField,
    F,
    Func,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from modeltrans.utils import get_language

from admin4all.rich_text import markdown_text
from admin4all.search_documents import ENGLISH, FIELD, SIMPLE, STEMMING
from admin4all.translation import (
    InActiveLanguage,
    standing_in_language,
    translated,
    translated_fields,
)
from events.models import Event, NewsArticle, Publication, Session
from municipalities.models import Country, GoodPractice, Municipality
from municipalities.name_variants import CityNameVariants

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
    rank: float
    model: type[Model]
    pk: int
    # The language of the text the snippet is taken from, where it is not the page's:
    # English, for want of a translation.
    text_language: str | None = None
    snippet: SafeString = mark_safe("")


class SearchResults:
    """The best `limit` hits of each kind merged by rank, and how many matched in all
    (each kind counted up to MAX_RESULTS + 1, so "more than MAX_RESULTS" is all a
    common word costs).

    Sized and sliceable for Django's Paginator: every page up to `limit` results deep
    can be cut from the merged hits, and a slice comes with its snippets. Paging stops
    at MAX_RESULTS, since each page deeper makes every query fetch more rows."""

    def __init__(self, hits: list[SearchHit], total: int, query: SearchQuery):
        self.hits = hits
        self.total = total
        self.query = query

    @property
    def more_than_shown(self) -> bool:
        return self.total > MAX_RESULTS

    def __len__(self) -> int:
        return min(self.total, MAX_RESULTS)

    def __getitem__(self, index: slice) -> list[SearchHit]:
        return with_snippets(self.hits[index], self.query)


def search_query(text: str) -> SearchQuery:
    """The visitor's words as typed (for names) or stemmed (for prose: as English, the
    language of every record, and as the page's language is), every spelling of a city
    they name (with their other words, where there are some), and a word alone also as
    a prefix of a name."""
    stemming = STEMMING[get_language()]
    query = (
        SearchQuery(text, config=SIMPLE, search_type="websearch")
        | SearchQuery(text, config=ENGLISH, search_type="websearch")
        | CityNameVariants(text, stemming=stemming)
    )
    if stemming not in (SIMPLE, ENGLISH):
        query |= SearchQuery(text, config=stemming, search_type="websearch")
    word = text.strip()
    if PREFIX_WORD.fullmatch(word):
        # Safe as raw tsquery syntax: the pattern allows letters and digits only.
        query |= SearchQuery(f"{word}:*", config=SIMPLE, search_type="raw")
    return query


class CappedCount(Subquery):
    """How many rows the queryset has, counting no further than its slice: one more than
    can be shown is enough to say "more than"."""

    template = "(SELECT count(*) FROM (%(subquery)s) AS capped)"
    output_field = IntegerField()


class EqualsAny(Func):
    """`value = ANY(array)`: unlike `value IN (subquery)`, a condition an index can
    serve within an OR."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        value, array = self.get_source_expressions()
        value_sql, value_params = compiler.compile(value)
        array_sql, array_params = compiler.compile(array)
        return f"{value_sql} = ANY({array_sql})", (*value_params, *array_params)


def _ranked(
    queryset: QuerySet, query: SearchQuery, *, limit: int, also: Q | None = None, rank=None
) -> QuerySet:
    """The `limit` best matches of `queryset` (those whose document, or `also`, matches),
    each with its rank and the number of matches in all, capped (a subquery run once,
    so no second query)."""
    condition = Q(**{FIELD: query})
    matching = queryset.filter(condition | also if also else condition)
    return matching.annotate(
        rank=rank or SearchRank(F(FIELD), query),
        matches=CappedCount(matching.order_by().values("pk")[: MAX_RESULTS + 1]),
    ).order_by("-rank", "pk")[:limit]


def municipality_matches(query: SearchQuery, *, limit: int) -> QuerySet[Municipality]:
    """A city matches by its own document or by its country's, which counts as much as
    a summary would. A city's index cannot hold its country's names: the countries that
    match are found first, in the same query, and their cities added."""
    countries = Country.objects.filter(**{FIELD: query}).values("pk")
    with_country = Func(
        F(FIELD),
        Func(F(f"country__{FIELD}"), Value("B"), function="setweight"),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )
    return _ranked(
        Municipality.objects.only("slug", "name", "i18n"),
        query,
        limit=limit,
        also=EqualsAny(F("country"), ArraySubquery(countries)),
        rank=SearchRank(with_country, query),
    )


def _published_matches(model: type[Model], query: SearchQuery, *, limit: int) -> QuerySet:
    return _ranked(model.objects.published().only("slug", "title", "i18n"), query, limit=limit)


def event_matches(query: SearchQuery, *, limit: int) -> QuerySet[Event]:
    return _published_matches(Event, query, limit=limit)


def session_matches(query: SearchQuery, *, limit: int) -> QuerySet[Session]:
    return _ranked(
        Session.objects.filter(event__in=Event.objects.published())
        .select_related("event")
        .only("title", "i18n", "event__slug"),
        query,
        limit=limit,
    )


def news_article_matches(query: SearchQuery, *, limit: int) -> QuerySet[NewsArticle]:
    return _published_matches(NewsArticle, query, limit=limit)


def publication_matches(query: SearchQuery, *, limit: int) -> QuerySet[Publication]:
    return _published_matches(Publication, query, limit=limit)


def good_practice_matches(query: SearchQuery, *, limit: int) -> QuerySet[GoodPractice]:
    return _published_matches(GoodPractice, query, limit=limit)


class Kind(NamedTuple):
    """What finds a kind of content, and the fields its snippets are taken from."""

    matches: Callable[..., QuerySet]
    text: tuple[str, ...]

    def snippet_source(self) -> InActiveLanguage | Concat:
        """The fields' text in the active language (English where it has none), one
        field to a line."""
        first, *others = [InActiveLanguage(field) for field in self.text]
        for other in others:
            first = Concat(first, Value("\n"), other, output_field=TextField())
        return first


KINDS: dict[type[Model], Kind] = {
    Municipality: Kind(municipality_matches, ("profile",)),
    Event: Kind(event_matches, ("summary", "description")),
    Session: Kind(session_matches, ("description",)),
    NewsArticle: Kind(news_article_matches, ("summary", "body")),
    Publication: Kind(publication_matches, ("summary",)),
    GoodPractice: Kind(good_practice_matches, ("summary", "body")),
}


def _title(obj) -> str:
    """The hit's title in the active language (marked as English where it has none); a
    city's name is the same in every language."""
    return translated(obj, "title") if "title" in translated_fields(type(obj)) else str(obj)


def _url(obj) -> str:
    if isinstance(obj, Session):
        return f"{obj.event.get_absolute_url()}#session-{obj.pk}"
    return obj.get_absolute_url()


def highlighted(headline: str) -> SafeString:
    """The headline's words without their Markdown, on one line, escaped, with the
    matched words in <mark>."""
    words = " ".join(markdown_text(headline).split())
    marked = MARKED.sub(r"<mark>\1</mark>", escape(words))
    return mark_safe(marked.replace(MARK_START, "").replace(MARK_END, ""))


def _headlines(model: type[Model], pks: list[int], query: SearchQuery) -> QuerySet:
    """(model label, pk, headline) of the given rows of one kind."""
    headline = SearchHeadline(
        KINDS[model].snippet_source(),
        query,
        config=STEMMING[get_language()],
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return (
        model._base_manager.filter(pk__in=pks)
        .annotate(source=Value(model._meta.label), key=F("pk"), headline=headline)
        .values_list("source", "key", "headline")
    )


def with_snippets(hits: list[SearchHit], query: SearchQuery) -> list[SearchHit]:
    """The hits with the passages of their text that match, in one query whatever the
    kinds: headlines are costly, so only the hits shown get one."""
    if not hits:
        return []
    by_kind = groupby(sorted(hits, key=lambda hit: hit.model._meta.label), lambda hit: hit.model)
    first, *others = [
        _headlines(model, [hit.pk for hit in group], query) for model, group in by_kind
    ]
    rows = first.union(*others, all=True) if others else first
    headlines = {(label, pk): text for label, pk, text in rows}
    return [
        replace(hit, snippet=highlighted(headlines[hit.model._meta.label, hit.pk])) for hit in hits
    ]


def site_search(text: str, *, limit: int) -> SearchResults:
    """Public content matching `text`, best first: one query per kind of content. The
    hits come without snippets; SearchResults adds them to the hits a page shows."""
    query = search_query(text)
    hits: list[SearchHit] = []
    total = 0
    for model, kind in KINDS.items():
        found = list(kind.matches(query, limit=limit))
        total += found[0].matches if found else 0
        hits += [
            SearchHit(
                kind=capfirst(model._meta.verbose_name),
                title=_title(obj),
                url=_url(obj),
                rank=obj.rank,
                model=model,
                pk=obj.pk,
                text_language=standing_in_language(obj, kind.text[0]),
            )
            for obj in found
        ]
    hits.sort(key=lambda hit: (-hit.rank, hit.title))
    return SearchResults(hits[:limit], total, query)
