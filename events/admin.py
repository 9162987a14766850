from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from admin4all.admin import (
    HTTPS_URL_FIELDS,
    InlineRowsMixin,
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


class SpeakerInline(
    UniqueRowsInlineMixin,
    InlineRowsMixin,
    TranslatedInlineMixin,
    admin.StackedInline,
):
    model = Speaker
    extra = 0
    fields = [("person", "role", "position"), ("job_title", "organisation")]
    autocomplete_fields = ["person", "organisation"]
    select_related = ("person", "organisation")


class EventFigureInline(TranslatedInlineMixin, admin.StackedInline):
    model = EventFigure
    extra = 0
    fields = [("qualifier", "value", "position"), "label", ("indicator", "source")]


class EventMaterialInline(TranslatedInlineMixin, admin.StackedInline):
    model = EventMaterial
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = [("kind", "position"), "title", "file", "url", ("caption", "credit")]


@admin.register(Event)
class EventAdmin(SpreadsheetAdminMixin, PublishableAdmin):
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
    # The agenda is listed, not edited, here (templates/admin/events/event/change_form.html):
    # each session, with its seven languages' fields and its speakers, has its own page.
    # As nested inlines they made this form 750 KB and 400 ms to build.
    inlines = [EventFigureInline, EventMaterialInline]
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

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["agenda"] = obj.sessions.all()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(Session)
class SessionAdmin(ProgrammeAdmin):
    list_display = ["title", "event", "day", "start_time", "kind", "track"]
    # No filter by event: thousands of them would be listed; search finds an event's title.
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = ["title", "description", "event__title"]
    autocomplete_fields = ["event", "themes"]
    inlines = [SpeakerInline]
    markdown_fields = ("description",)

    def object_tool_links(self, request, obj):
        return [(_("Event"), reverse("admin:events_event_change", args=[obj.event_id]))]

    # A session opened from its event's agenda ("?event=…", which also fills in the
    # event of a new one) leads back to the event on Save.
    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._back_to_event(request, obj) or response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        return self._back_to_event(request, obj) or response

    @staticmethod
    def _back_to_event(request, obj) -> HttpResponseRedirect | None:
        other_buttons = {"_continue", "_addanother", "_saveasnew", "_popup"}
        if "event" not in request.GET or other_buttons & request.POST.keys():
            return None
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[obj.event_id]))


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
