"""Filters of the public municipality and good-practice lists, and the slug-based
choices and the year the other lists' filters share.

Values go through form fields, so an unknown slug or a NUL byte becomes a form error
instead of reaching the database.
"""

from collections.abc import Callable, Iterable

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from admin4all.models import ProgrammePhase, Theme
from admin4all.translation import translated
from municipalities.models import Country, GoodPractice, Municipality


class TranslatedSelect(forms.Select):
    """A <select> whose options are records' names in the page's language, each marked
    lang="en" where its English name stands in for a missing translation (WCAG 3.1.2).
    An option holds text only, so the mark is the option's attribute."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if language := getattr(label, "language", None):
            option["attrs"]["lang"] = language
        # The plain text: a TranslatedText would render its own <span lang> in the option.
        option["label"] = str(label)
        return option


class TranslatedChoiceField(django_filters.fields.ModelChoiceField):
    widget = TranslatedSelect

    def label_from_instance(self, obj):
        return translated(obj)


class TranslatedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = TranslatedChoiceField


def country_filter(*, label: str = "", **kwargs) -> TranslatedChoiceFilter:
    return TranslatedChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="slug",
        label=label or _("Country"),
        empty_label=_("All countries"),
        **kwargs,
    )


# How many municipalities an error names when a text matches several.
NAMED_IN_ERROR = 5


def _listed(municipalities: list[Municipality], *, by_slug: bool) -> str:
    """Each by its name and country, or, for cities that share a name, by its slug."""
    names = [
        f"{municipality.slug if by_slug else municipality} ({municipality.country})"
        for municipality in municipalities[:NAMED_IN_ERROR]
    ]
    if len(municipalities) > NAMED_IN_ERROR:
        names.append(gettext("and others"))
    return ", ".join(names)


class MunicipalityField(forms.CharField):
    """A municipality, typed as its slug (what the site's links and the API use) or its
    name in any spelling: a text field, so the form does not grow with the number of
    municipalities as a <select> of them all would. Text that means no municipality, or
    several, is an error that names them; a slug, then an exact name, wins over names
    that only contain the text."""

    def __init__(self, **kwargs):
        super().__init__(max_length=150, **kwargs)

    def clean(self, value) -> Municipality | None:
        text = super().clean(value)
        if not text:
            return None
        # The site's links carry slugs: one index lookup. Names are matched on every row.
        if by_slug := Municipality.objects.filter(slug=text).first():
            return by_slug
        candidates = list(
            Municipality.objects.named(text).select_related("country")[: NAMED_IN_ERROR + 1]
        )
        if candidates and candidates[0].closeness == 1:
            candidates = [c for c in candidates if c.closeness == 1]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise ValidationError(
                _("No municipality is called “%(text)s”. Check the spelling."),
                code="invalid_choice",
                params={"text": text},
            )
        if candidates[0].closeness == 1:
            raise ValidationError(
                _("Several municipalities are called “%(text)s”. Type one of these: %(names)s."),
                code="ambiguous",
                params={"text": text, "names": _listed(candidates, by_slug=True)},
            )
        raise ValidationError(
            _("Several municipalities match “%(text)s”: %(names)s. Type more of the name."),
            code="ambiguous",
            params={"text": text, "names": _listed(candidates, by_slug=False)},
        )


class MunicipalityNameFilter(django_filters.CharFilter):
    field_class = MunicipalityField


def municipality_filter(*, label: str = "", **kwargs) -> MunicipalityNameFilter:
    return MunicipalityNameFilter(
        label=label or _("Municipality"),
        help_text=_("A city’s name in any spelling, e.g. Wroclaw for Wrocław."),
        widget=forms.TextInput(
            # static/js/suggestions.js offers the matching names as one types.
            attrs={
                "data-suggestions": reverse_lazy("municipalities:municipality_suggestions"),
                "autocomplete": "off",
            }
        ),
        **kwargs,
    )


class PhaseChoiceField(django_filters.fields.ModelChoiceField):
    # "Phase 2": the phases' full names are too long for a select on a phone.
    def label_from_instance(self, obj):
        return gettext("Phase %(number)s") % {"number": obj.number}


class PhaseChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PhaseChoiceField


def phase_filter(**kwargs) -> PhaseChoiceFilter:
    return PhaseChoiceFilter(
        queryset=ProgrammePhase.objects.all(),
        to_field_name="slug",
        label=_("Phase"),
        empty_label=_("All phases"),
        **kwargs,
    )


def theme_filter(**kwargs) -> TranslatedChoiceFilter:
    return TranslatedChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
        **kwargs,
    )


class YearFilter(django_filters.ChoiceFilter):
    """A year among those the filterset's own items fall in, newest first, so the form
    offers no year with nothing to show."""

    def __init__(self, *args, years_of: Callable[[QuerySet], Iterable[int]], **kwargs):
        self.years_of = years_of
        super().__init__(*args, label=_("Year"), empty_label=_("All years"), **kwargs)

    @cached_property
    def year_choices(self) -> list[tuple[int, int]]:
        return [(year, year) for year in self.years_of(self.parent.queryset)]

    @property
    def field(self):
        # The choices depend on the queryset the filterset was given: looked up once,
        # and only when the form is validated or rendered.
        self.extra["choices"] = lambda: self.year_choices
        return super().field


class MunicipalityFilter(django_filters.FilterSet):
    country = country_filter()
    # One participation per municipality and phase (a unique constraint): no duplicates.
    phase = phase_filter(field_name="participations__phase")

    class Meta:
        model = Municipality
        fields = ["country", "phase"]


class GoodPracticeFilter(django_filters.FilterSet):
    country = country_filter(field_name="municipality__country")
    municipality = municipality_filter()
    theme = theme_filter()
    phase = phase_filter()

    class Meta:
        model = GoodPractice
        fields = ["country", "municipality", "theme", "phase"]
