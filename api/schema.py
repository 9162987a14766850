"""The API's OpenAPI description, true to what the API accepts and answers, so that
clients (and the schemathesis test) can rely on it.

- FilterParameters describes each filter of a list by the form field that validates
  it, not by the model field it filters (drf-spectacular's guess: a filter on the year
  of `start_date` is no date).
- document_errors adds the error answers every operation can give.
"""

from django import forms
from django.utils.choices import flatten_choices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_choice_description_list, build_parameter_type
from drf_spectacular.utils import OpenApiParameter

from api.parameters import takes_many_values
from municipalities.filters import MunicipalityField

# What a free-text filter looked up in the records takes, and when it answers 400: no
# enum can say it.
LOOKUPS = [
    (
        MunicipalityField,
        gettext_lazy(
            "A municipality’s slug, or its name in any spelling (e.g. Wroclaw for Wrocław). "
            "A text that names no municipality, or several, answers 400 naming them."
        ),
    )
]


def _choices(field: forms.ChoiceField) -> list[tuple[object, str]]:
    """The values `field` accepts, with their labels, as the site's form lists them;
    those of a model choice or of callable choices are read from the database now."""
    if isinstance(field, forms.ModelChoiceField):
        return [
            (field.prepare_value(obj), str(field.label_from_instance(obj)))
            for obj in field.queryset
        ]
    return [
        (value, str(label))
        for value, label in flatten_choices(list(field.choices))
        if value not in field.empty_values
    ]


def _enum(choices: list[tuple[object, str]]) -> tuple[dict, list, str]:
    """The schema, enum and details of a choice among `choices`: integers when every
    value is one (years), strings otherwise; the labels listed where they say more."""
    values = [value for value, _label in choices]
    if all(type(value) is int for value in values):
        schema = {"type": "integer"}
    else:
        schema = {"type": "string"}
        values = [str(value) for value in values]
        choices = [(str(value), label) for value, label in choices]
    if all(str(value) == label for value, label in choices):
        return schema, values, ""
    return schema, values, build_choice_description_list(choices)


class FilterParameters(DjangoFilterExtension):
    """The filters of the API's lists, each described by the form field that validates
    it: a choice as an enum (its values read from the database where they come from it:
    countries, phases, themes, the years the list's records fall in), a number as an
    integer with its bounds, a text as a non-empty string (the API refuses an empty
    parameter: api/parameters.py). The description is made on each request of it, and
    the page cache keeps it only until the content changes, so its enums are the
    database's.

    A choice with no value yet (no publication with a year) is left out: every value of
    it answers 400, and an enum may not be empty. A form field of another kind is left
    to drf-spectacular's guess."""

    target_class = "api.parameters.FilterBackend"
    # Before drf-spectacular's own extension, which matches the backend's parent class.
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        view = auto_schema.view
        queryset = view.get_queryset()
        filterset_class = self.target.get_filterset_class(view, queryset)
        if filterset_class is None:
            return []
        # Given the list's records, as the site's form is: the years are theirs.
        filterset = filterset_class(queryset=queryset)
        parameters = []
        for name, filter_ in filterset.filters.items():
            field = filter_.field
            enum, details = [], ""
            if isinstance(field, forms.ChoiceField):
                choices = _choices(field)
                if not choices:
                    continue
                schema, enum, details = _enum(choices)
            elif isinstance(field, forms.IntegerField):
                bounds = {"minimum": field.min_value, "maximum": field.max_value}
                schema = {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
            elif isinstance(field, forms.CharField):
                schema = {"type": "string", "minLength": max(field.min_length or 0, 1)}
                if field.max_length is not None:
                    schema["maxLength"] = field.max_length
                details = next(
                    (str(text) for kind, text in LOOKUPS if isinstance(field, kind)), ""
                )
            else:
                parameters += self.resolve_filter_field(
                    auto_schema, queryset.model, filterset_class, name, filter_
                )
                continue
            parameters.append(self._parameter(name, filter_, schema, enum, details))
        return parameters

    def _parameter(self, name: str, filter_, schema: dict, enum: list, details: str) -> dict:
        explode, style = None, None
        if takes_many_values(filter_):
            schema, explode, style = {"type": "array", "items": schema}, True, "form"
        label = str(filter_.label or name)
        help_text = str(filter_.extra.get("help_text") or "")
        return build_parameter_type(
            name=name,
            required=filter_.extra["required"],
            location=OpenApiParameter.QUERY,
            description="\n\n".join(part for part in (label, details or help_text) if part),
            schema=schema,
            enum=enum,
            explode=explode,
            style=style,
        )


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Each rejected query parameter with its messages.
PARAMETER_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def document_errors(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: 404, 429 and, where there are query
    parameters (filters, page size), 400."""
    result["components"].setdefault("schemas", {}).update(
        {"Error": ERROR, "ParameterErrors": PARAMETER_ERRORS}
    )
    for operations in result["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            responses["404"] = _response(
                _("No such record, or a page number out of range or malformed."), "Error"
            )
            responses["429"] = _response(
                _("Too many requests from this address: try again after Retry-After seconds."),
                "Error",
            )
            if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
                responses["400"] = _response(
                    _(
                        "A parameter is not valid, or given empty or more than once: each "
                        "rejected parameter with its reasons."
                    ),
                    "ParameterErrors",
                )
    return result
