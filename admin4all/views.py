import re

from django import forms
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django_filters import FilterSet
from django_filters.views import FilterView


class SectionMixin:
    """Names the site section a page belongs to, which the navigation marks as current."""

    section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class PublishedMixin:
    """Views of public content: published items only. Detail pages let staff preview
    drafts and scheduled items; lists (`staff_preview = False`) show everyone the same
    items, as their feeds do."""

    staff_preview = True

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.staff_preview and self.request.user.is_staff:
            return queryset
        return queryset.published()


class FilteredListMixin(SectionMixin):
    """A FilterView's list page: templates/<app>/<model>_list.html, which shows the
    filter form (includes/filter_form.html) and the page links (includes/pagination.html)."""

    template_name_suffix = "_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters_active"] = any(
            self.request.GET.get(name) for name in self.filterset.filters
        )
        if page := context.get("page_obj"):
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


class PublishedFilterView(FilteredListMixin, PublishedMixin, FilterView):
    """A filtered, paginated list of published items.

    A page number out of range or malformed answers 404 (ListView's behaviour), rather
    than being clamped: the page links the list prints are always in range, and each
    listed address keeps one meaning for visitors, crawlers and caches.
    """

    staff_preview = False
    paginate_by = 20


# The errors quote the values sent; control characters among them (a NUL, a terminal
# escape) are dropped rather than echoed to whoever reads the answer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def invalid_filters(filterset: FilterSet | forms.Form) -> HttpResponseBadRequest:
    """400 with each wrong filter (or the map's view) and why, for the feeds and the
    map's data: an unfiltered answer would give their readers what they did not ask for."""
    return HttpResponseBadRequest(
        CONTROL_CHARACTERS.sub("", filterset.errors.as_text()),
        content_type="text/plain; charset=utf-8",
    )


def map_context() -> dict:
    """What templates/includes/map.html needs besides the filters: the optional tiles.
    The points come from municipalities:municipality_map, so no page grows with them."""
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})
