"""The search page: a form, then the ranked results a page at a time."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.search import MAX_RESULTS, site_search

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20
LAST_PAGE = MAX_RESULTS // RESULTS_PER_PAGE


class SearchForm(forms.Form):
    # A CharField rejects NUL bytes ("Null characters are not allowed") before any query.
    q = forms.CharField(
        label=_("Words to search for"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type one or more words to search for."),
            "max_length": _(
                "Search for %(limit_value)d characters at most (you typed %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )


def _requested_page(value: str | None) -> int:
    """The page asked for, between 1 and LAST_PAGE; anything else is page 1."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET if "q" in request.GET else None)
    context = {"form": form}
    if form.is_valid():
        number = _requested_page(request.GET.get("page"))
        results = site_search(form.cleaned_data["q"], limit=number * RESULTS_PER_PAGE)
        page = Paginator(results, RESULTS_PER_PAGE).get_page(number)
        context.update(
            total=results.total,
            more_than_shown=results.more_than_shown,
            max_results=MAX_RESULTS,
            results=page,
            page_range=page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
        )
    return render(request, "portal/search.html", context)
