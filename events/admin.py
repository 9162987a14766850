import nested_admin
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from nested_admin.formsets import NestedInlineFormSet

from admin4all.admin import (
    HTTPS_URL_FIELDS,
    InlineRowsMixin,
    MarkdownFieldsMixin,
    ProgrammeAdmin,
    PublishableAdmin,
    TranslatedInlineMixin,
    YearFilter,
    phase_number,
)
from admin4all.admin_constraints import UniqueRowsInlineMixin
from admin4all.admin_spreadsheets import SpreadsheetAdminMixin
from events.models import (
    Event,
    EventFigure,
    EventMaterial,
    NewsArticle,
    Publication,
    Session,
    Speaker,
)
from events.resources import EventResource


class PrefetchedRowsFormSet(NestedInlineFormSet):
    """A nested inline's rows taken from those its parent row prefetched, where the
    formset would query them once per parent row."""

    def get_queryset(self):
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
        accessor = self.fk.remote_field.get_accessor_name()
        if self.data or accessor not in prefetched:
            return super().get_queryset()
        return prefetched[accessor]


class SpeakerInline(
    UniqueRowsInlineMixin,
    InlineRowsMixin,
    TranslatedInlineMixin,
    nested_admin.NestedStackedInline,
):
    model = Speaker
    formset = PrefetchedRowsFormSet
    extra = 0
    fields = [("person", "role", "position"), ("job_title", "organisation")]
    autocomplete_fields = ["person", "organisation"]
    select_related = ("person", "organisation")


class SessionInline(MarkdownFieldsMixin, TranslatedInlineMixin, nested_admin.NestedStackedInline):
    model = Session
    extra = 0
    inlines = [SpeakerInline]
    markdown_fields = ("description",)
    fields = [
        ("day", "start_time", "end_time"),
        ("kind", "track", "position"),
        "title",
        "description",
    ]
    show_change_link = True

    def get_queryset(self, request):
        speakers = Speaker.objects.select_related(*SpeakerInline.select_related)
        return super().get_queryset(request).prefetch_related(Prefetch("speakers", speakers))


class EventFigureInline(TranslatedInlineMixin, nested_admin.NestedStackedInline):
    model = EventFigure
    extra = 0
    fields = [("qualifier", "value", "position"), "label", ("indicator", "source")]


class EventMaterialInline(TranslatedInlineMixin, nested_admin.NestedStackedInline):
    model = EventMaterial
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = [("kind", "position"), "title", "file", "url", ("caption", "credit")]


@admin.register(Event)
class EventAdmin(SpreadsheetAdminMixin, PublishableAdmin, nested_admin.NestedModelAdmin):
    resource_classes = [EventResource]
    list_display = ["title", "kind", "start_date", "city", phase_number]
    date_hierarchy = "start_date"
    list_filter = ["kind", "phase", "country", YearFilter, "themes"]
    list_select_related = ["phase"]
    search_fields = ["title", "summary", "city", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "phase",
        "country",
        "host_municipality",
        "organisers",
        "participating_municipalities",
        "participating_organisations",
        "themes",
    ]
    inlines = [SessionInline, EventFigureInline, EventMaterialInline]
    markdown_fields = ("description", "outcome")

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "phase", "themes", "status", "published_at"]}),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    "is_online",
                    "venue",
                    "address",
                    ("city", "country"),
                ]
            },
        ),
        (
            _("Who"),
            {
                "fields": [
                    "host_municipality",
                    "organisers",
                    "participating_municipalities",
                    "participating_organisations",
                    ("participant_count_qualifier", "participant_count"),
                ]
            },
        ),
        (_("Content"), {"fields": ["summary", "description", "objectives", "outcome"]}),
    ]


@admin.register(Session)
class SessionAdmin(ProgrammeAdmin, nested_admin.NestedModelAdmin):
    list_display = ["title", "event", "day", "start_time", "kind", "track"]
    # No filter by event: thousands of them would be listed; search finds an event's title.
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = ["title", "description", "event__title"]
    autocomplete_fields = ["event", "themes"]
    inlines = [SpeakerInline]
    markdown_fields = ("description",)


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ["title", "kind", "organisation", "year"]
    list_filter = ["kind", "year", "themes"]
    list_select_related = ["organisation"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "organisation", "presented_at", "themes"]
    markdown_fields = ("summary",)


@admin.register(NewsArticle)
class NewsArticleAdmin(PublishableAdmin):
    list_display = ["title", "event"]
    list_filter = ["themes", "municipalities__country"]
    list_select_related = ["event"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["event", "municipalities", "themes"]
    markdown_fields = ("body",)
