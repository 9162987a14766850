"""Adds the API's error answers to its OpenAPI description, so that clients (and the
schemathesis test) know every status an operation can give."""

from django.utils.translation import gettext as _

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A FilterSet's errors: each rejected parameter with its messages.
FILTER_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
PAGING_PARAMETERS = {"page", "page_size"}


def _response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def document_errors(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: 404, 429 and, where there are filters, 400."""
    result["components"].setdefault("schemas", {}).update(
        {"Error": ERROR, "FilterErrors": FILTER_ERRORS}
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
            filters = {
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query"
            } - PAGING_PARAMETERS
            if filters:
                responses["400"] = _response(_("A filter's value is not valid."), "FilterErrors")
    return result
