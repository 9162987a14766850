"""Bulk downloads of the open data (/open-data/): each public table of the API whole, as
CSV and as JSON (and the municipalities also as GeoJSON, for maps), and the page listing
them with the licence and the fields.

A table is an API view: its queryset (published-only rules, ordering) and its serializer
(the fields) are the API's own, so a download shows exactly what the API's pages show,
all at once. Downloads stream, a chunk of records at a time, so no table is ever held in
memory. In CSV, a cell holding nested records (a country, a list of themes, speakers) is
their JSON text, as in the JSON download; text a spreadsheet would run as a formula gets
the guard of the admin's exports.
"""

import csv
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignObjectRel
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from rest_framework.generics import GenericAPIView
from rest_framework.serializers import BaseSerializer, Field
from rest_framework.utils.encoders import JSONEncoder

from admin4all.resources import guard_formula
from api import serializers, views
from api.throttling import DownloadThrottle
from events.models import Event
from events.selectors import sessions_with_speakers

CHUNK_SIZE = 500
LIST_ACTIONS = {"get": "list", "head": "list"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}


class SessionTableView(GenericAPIView):
    """Every session of the published events, with its speakers. The API shows them in
    their event's page; the table has them all."""

    serializer_class = serializers.SessionRowSerializer

    def get_queryset(self):
        return (
            sessions_with_speakers()
            .select_related("event")
            .filter(event__in=Event.objects.published())
        )


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    view: type[GenericAPIView]
    api_url_name: str
    # Records with a place (latitude and longitude fields) are also offered as GeoJSON.
    has_places: bool = False

    @property
    def extensions(self) -> tuple[str, ...]:
        return ("csv", "json", "geojson") if self.has_places else ("csv", "json")

    def api_url(self) -> str:
        return reverse(self.api_url_name)

    def serializer_class(self) -> type[BaseSerializer]:
        return self.view(action="list").get_serializer_class()

    def field_names(self) -> list[str]:
        return list(self.serializer_class()().fields)

    def fields(self) -> list[tuple[str, str]]:
        """(name, description) of each field, from the serializer and its model."""
        serializer = self.serializer_class()()
        return [(name, describe(serializer, field)) for name, field in serializer.fields.items()]

    def rows(self, request: HttpRequest, language: str) -> Iterator[dict]:
        # As the API's router would set it up for its list (a viewset's own
        # initialize_request reads action_map).
        view = self.view(
            action="list", action_map=LIST_ACTIONS, format_kwarg=None, args=(), kwargs={}
        )
        view.request = view.initialize_request(request)
        serializer_class = view.get_serializer_class()
        context = view.get_serializer_context()
        # The rows are written as the response streams, after the view has returned:
        # in the page's language (/it/open-data/…), whatever is active by then.
        with translation.override(language):
            # select_related and prefetch_related work with a chunked iterator.
            for record in view.get_queryset().iterator(chunk_size=CHUNK_SIZE):
                yield serializer_class(record, context=context).data


def describe(serializer: BaseSerializer, field: Field) -> str:
    """A model field's name (its help text speaks to editors), else the serializer
    field's help text, else the related records' name, else the field's label."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    try:
        model_field = model._meta.get_field(field.source)
    except (AttributeError, FieldDoesNotExist):
        model_field = None
    if model_field is not None and not isinstance(model_field, ForeignObjectRel):
        return str(capfirst(model_field.verbose_name))
    if field.help_text:
        return str(field.help_text)
    if model_field is not None:
        # A reverse relation (a phase's goals).
        return str(capfirst(model_field.related_model._meta.verbose_name_plural))
    return str(field.label)


TABLES = {
    table.slug: table
    for table in [
        Table("countries", _("Countries"), views.CountryViewSet, "api:country-list"),
        Table(
            "municipalities",
            _("Municipalities"),
            views.MunicipalityViewSet,
            "api:municipality-list",
            has_places=True,
        ),
        Table("phases", _("Programme phases"), views.PhaseViewSet, "api:phase-list"),
        Table("events", _("Events"), views.EventViewSet, "api:event-list"),
        Table("sessions", _("Sessions of the events"), SessionTableView, "api:event-list"),
        Table("news", _("News"), views.NewsArticleViewSet, "api:news-list"),
        Table("publications", _("Publications"), views.PublicationViewSet, "api:publication-list"),
        Table(
            "good-practices",
            _("Good practices"),
            views.GoodPracticeViewSet,
            "api:good-practice-list",
        ),
        Table(
            "training-statistics",
            _("Training statistics"),
            views.TrainingStatisticsViewSet,
            "api:training-statistics-list",
        ),
        Table(
            "peer-visit-statistics",
            _("Peer visit statistics"),
            views.PeerVisitStatisticsViewSet,
            "api:peer-visit-statistics-list",
        ),
    ]
}


def to_json(value) -> str:
    return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)


def csv_cell(value):
    if isinstance(value, dict | list):
        value = to_json(value)
    return guard_formula(value)


class _Echo:
    """A file for csv.writer that hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header: list[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte order mark tells Excel the file is UTF-8.
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_cell(row[name]) for name in header])


def json_lines(rows: Iterable[dict]) -> Iterator[str]:
    separator = "["
    for row in rows:
        yield f"{separator}\n{to_json(row)}"
        separator = ","
    yield "[]\n" if separator == "[" else "\n]\n"


def geojson_lines(rows: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection: each record a Feature whose properties are its fields, with a
    point where it has coordinates and no geometry where it has none (RFC 7946, 3.2)."""
    yield '{"type": "FeatureCollection", "features": '
    yield from json_lines(
        {
            "type": "Feature",
            # GeoJSON puts the longitude first.
            "geometry": None
            if row["latitude"] is None or row["longitude"] is None
            else {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": row,
        }
        for row in rows
    )
    yield "}\n"


def download(request: HttpRequest, table: str, extension: str) -> HttpResponse:
    """One table whole, as a file named after it and today's date."""
    if table not in TABLES or extension not in TABLES[table].extensions:
        raise Http404
    throttle = DownloadThrottle()
    if not throttle.allow_request(request, None):
        seconds = math.ceil(throttle.wait() or 1)
        message = ngettext(
            "Too many downloads from your address. Try again in %(seconds)d second.",
            "Too many downloads from your address. Try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(seconds)
        return response
    found = TABLES[table]
    rows = found.rows(request, translation.get_language())
    if extension == "csv":
        lines = csv_lines(found.field_names(), rows)
    elif extension == "geojson":
        lines = geojson_lines(rows)
    else:
        lines = json_lines(rows)
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[extension])
    filename = f"admin4all-{table}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class OpenDataView(TemplateView):
    """The downloads, their licence and each table's fields."""

    template_name = "api/open_data.html"

    def get_context_data(self, **kwargs):
        tables = [
            {
                "table": table,
                "fields": table.fields(),
                "downloads": [
                    (extension, reverse(f"open_data:{extension}", kwargs={"table": table.slug}))
                    for extension in table.extensions
                ],
                "api_url": table.api_url(),
            }
            for table in TABLES.values()
        ]
        return super().get_context_data(
            tables=tables, licence=settings.OPEN_DATA_LICENCE, **kwargs
        )
