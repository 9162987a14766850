"""The language of the API's text: `?lang=it` gives each record's translated fields in
Italian, English where a field has no Italian text, and lists those fields in the
record's `untranslated`. Without `lang`, English. The downloads of /open-data/ follow
the page's language (/it/open-data/events.csv).

Only the parameter chooses, not Accept-Language: an answer then depends on its address
alone, as the page cache and any cache between the API and its clients key it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from admin4all.translation import TranslatedText, translated, translated_fields
from api.parameters import check_given_once

CODES = [code for code, _name in settings.LANGUAGES]

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=CODES,
    description=_(
        "The language of the records' translated text (default: en). Fields with no text "
        "in it are given in English and named in each record's `untranslated`."
    ),
)


def activate_requested_language(request) -> None:
    """Activates the language `?lang=` asks for; 400 for one the portal does not have."""
    check_given_once(request.query_params, ["lang"])
    language = request.query_params.get("lang", settings.LANGUAGE_CODE)
    if language not in CODES:
        raise ValidationError({"lang": [_("Choose one of: %s.") % ", ".join(CODES)]})
    translation.activate(language)
    request.LANGUAGE_CODE = language


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class UntranslatedField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("The fields given in English for want of a translation."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record) -> list[str]:
        texts = self.parent.texts(record)
        return [name for name, text in texts.items() if text.is_fallback]


class TranslatedSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose translated fields are in the active language, with
    `untranslated` naming those shown in English instead."""

    untranslated = UntranslatedField()

    def get_field_names(self, declared_fields, info):
        return [*super().get_field_names(declared_fields, info), "untranslated"]

    def texts(self, record) -> dict[str, TranslatedText]:
        """The record's translated fields that this serializer shows, in the active
        language; none where the query left the translations out (`.only()`): the
        English alone then, with no query to fetch them."""
        if "i18n" in record.get_deferred_fields():
            return {}
        return {
            name: translated(record, name)
            for name in translated_fields(type(record))
            if name in self.fields
        }

    def to_representation(self, record):
        data = super().to_representation(record)
        for name, text in self.texts(record).items():
            # A field of another source (`objectives` as a list) translates itself.
            if self.fields[name].source == name:
                data[name] = str(text)
        return data
