"""The query parameters of the API's lists, refused as their description says
(api/schema.py): filters and pages.

The lists filter with the site's own FilterSets, whose forms take an empty value as "all"
(the site's filter form sends every field, empty or not) and the last of repeated
values. The API is stricter, as its description is: a parameter is given once, with a
value, or left out. `page` keeps its 404 for whatever is not one of the list's pages.
"""

from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

EMPTY = _("This parameter is empty: give it a value, or leave it out.")
REPEATED = _("Give this parameter only once.")


def check_given_once(query_params: QueryDict, names) -> None:
    """Each of `names` in the query once and with a value, if at all: 400 otherwise,
    naming each parameter with its reason."""
    errors = {}
    for name in names:
        values = query_params.getlist(name)
        if len(values) > 1:
            errors[name] = [str(REPEATED)]
        elif values == [""]:
            errors[name] = [str(EMPTY)]
    if errors:
        raise ValidationError(errors)


def takes_many_values(filter_) -> bool:
    """Whether a filter takes repeated values (a multiple choice). Read from its class:
    a FilterSet class's filters must not build their form field (a YearFilter's choices
    need the FilterSet instance)."""
    return issubclass(
        filter_.field_class, forms.MultipleChoiceField | forms.ModelMultipleChoiceField
    )


class FilterBackend(DjangoFilterBackend):
    """The site's FilterSets, with each single-valued filter given once and not empty."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            check_given_once(
                request.query_params,
                [
                    name
                    for name, filter_ in filterset_class.base_filters.items()
                    if not takes_many_values(filter_)
                ],
            )
        return super().filter_queryset(request, queryset, view)


class PagePagination(PageNumberPagination):
    """`?page=` (a page of the list, else 404, as the site's lists answer) and
    `?page_size=` from 1 to 100 (else 400 with the reason)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    # Only numbers: `?page=last` is no page.
    last_page_strings = ()
    page_query_description = _(
        "A page of the list, from 1. A page out of range or malformed answers 404."
    )

    def get_page_number(self, request, paginator):
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return 1
        # Only ASCII digits: int() would also read " 2", "+2" or "٢".
        if len(values) > 1 or not (values[0].isascii() and values[0].isdigit()):
            raise NotFound(self.invalid_page_message)
        return values[0]

    def get_page_size(self, request):
        name = self.page_size_query_param
        check_given_once(request.query_params, [name])
        if name not in request.query_params:
            return self.page_size
        value = request.query_params[name]
        field = forms.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            if not (value.isascii() and value.isdigit()):
                raise FormValidationError(field.error_messages["invalid"], code="invalid")
            return field.clean(value)
        except FormValidationError as error:
            raise ValidationError({name: error.messages}) from None

    def get_schema_operation_parameters(self, view):
        page, page_size = super().get_schema_operation_parameters(view)
        page["schema"]["minimum"] = 1
        page_size["schema"].update(
            {"minimum": 1, "maximum": self.max_page_size, "default": self.page_size}
        )
        page_size["description"] = _(
            "How many records a page holds, from 1 to %(most)d (%(default)d by default)."
        ) % {"most": self.max_page_size, "default": self.page_size}
        return [page, page_size]
