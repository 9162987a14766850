"""Content in several languages, on django-modeltrans.

A translated model declares `i18n = TranslationField(fields=(...))`. English stays in
the record's own columns; each other language is a key of its JSONB `i18n` column
(`title_it`), read and written through virtual fields: `title_it`, and `title_i18n` for
the active language, English where that has no text. The column is an ordinary
declared field, so the history triggers (admin4all.history) record and restore the
translations with the rest of the record. (django-modeltranslation adds its columns when
the apps are ready, after pghistory has built its event models: they would be neither
recorded nor restorable.)

Pages show a record's text with `{% translated %}` (templatetags/translations.py): where
the active language has none, the English text, marked lang="en", and a notice.
"""

import modeltrans.fields
from django.apps import apps
from django.db.models import Expression, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils.deconstruct import deconstructible
from django.utils.html import escape, format_html
from modeltrans.conf import get_available_languages, get_default_language
from modeltrans.fields import TranslatedVirtualField
from modeltrans.translator import get_i18n_field
from modeltrans.utils import build_localized_fieldname, get_language, get_model_field

from admin4all.language_names import language_name


class TranslationField(modeltrans.fields.TranslationField):
    """modeltrans' field, keeping only translations that have text: a field left empty
    in a form is a missing translation, which the English text stands in for."""

    def pre_save(self, model_instance, add):
        translations = {
            key: value
            for key, value in (getattr(model_instance, self.attname) or {}).items()
            if value not in (None, "")
        }
        setattr(model_instance, self.attname, translations)
        return translations


def lock_derived_fields() -> None:
    """Make `title_i18n` and `title_en` (the English column again) read-only, as
    modeltrans means them to be: its virtual fields copy the original field's
    `editable`, so model forms would edit them, and `title_i18n` writes into whatever
    language is active. Runs once the apps are ready, after modeltrans has added them."""
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, TranslatedVirtualField) and field.language in (
                None,
                get_default_language(),
            ):
                field.editable = False


def content_languages() -> list[tuple[str, str]]:
    """The languages content is translated into (all but English), with their names in
    the active language."""
    return [(code, language_name(code)) for code in get_available_languages(include_default=False)]


def translated_fields(model) -> tuple[str, ...]:
    """The names of `model`'s translated fields, its main one (title, name...) first;
    empty for a model without translations."""
    i18n_field = get_i18n_field(model)
    return tuple(i18n_field.fields) if i18n_field else ()


def translation_key(field: str, language: str) -> str:
    """The name of `field`'s translation into `language`: a virtual field of the model
    and a key of its i18n column (`title_it`)."""
    return build_localized_fieldname(field, language)


def translation_label(model, field: str, language: str) -> str:
    """How forms and the history name a translation: "title (Italiano)"."""
    verbose_name = model._meta.get_field(field).verbose_name
    return f"{verbose_name} ({language_name(language)})"


def virtual_field_names(model) -> set[str]:
    """modeltrans' virtual fields of `model` (`title_i18n`, `title_en`, `title_it`...).

    Model.full_clean() must exclude them: cleaning `title_i18n` sets it back, and under
    a language other than English that writes the English text standing in for a
    missing translation into the translation.
    """
    return {f.name for f in model._meta.private_fields if isinstance(f, TranslatedVirtualField)}


def translation_of(obj, field: str, language: str) -> str:
    """The text of `field` in `language` (not English), empty when missing."""
    return (obj.i18n or {}).get(translation_key(field, language)) or ""


def translated_languages(obj) -> list[str]:
    """The languages in which the object's main field has text, besides English."""
    main = translated_fields(type(obj))[0]
    return [
        code
        for code in get_available_languages(include_default=False)
        if translation_of(obj, main, code)
    ]


def lacking_translation(queryset: QuerySet, language: str) -> QuerySet:
    """The records whose main field has English text but none in `language`."""
    main = translated_fields(queryset.model)[0]
    text = Coalesce(
        KeyTextTransform(translation_key(main, language), "i18n"),
        Value(""),
        output_field=TextField(),
    )
    return queryset.alias(translation_text=text).filter(translation_text="").exclude(**{main: ""})


def in_active_language(obj, field: str) -> str:
    """`obj.<field>_i18n`: the text in the active language, English where it has none;
    the English column alone where the query left the translations out (`.only()`), so
    that a record's name never fails."""
    if "i18n" in obj.get_deferred_fields():
        return getattr(obj, field)
    return getattr(obj, f"{field}_i18n")


class TranslatedText(str):
    """A field's text for a page, knowing when it is not in the page's language: the
    English original standing in for a missing translation. `{{ text }}` marks it with
    a lang attribute (WCAG 3.1.2, language of parts); filters see the plain text, and
    `lang_attr` marks an element that holds it, which then prints the text
    without its own mark (the `bare` filter)."""

    language: str | None

    def __new__(cls, text: str, language: str | None = None):
        instance = super().__new__(cls, text)
        instance.language = language
        return instance

    @property
    def is_fallback(self) -> bool:
        return self.language is not None

    @property
    def lang_attr(self) -> str:
        return format_html(' lang="{}"', self.language) if self.language else ""

    def __html__(self) -> str:
        if self.language:
            return format_html('<span lang="{}">{}</span>', self.language, str(self))
        return escape(str(self))


def translated(obj, field: str | None = None) -> TranslatedText:
    """The text of `obj`'s `field` in the active language, or the English text where
    that has none. Without `field`: the object's name (`str(obj)`), whose language is
    that of its main field."""
    fields = translated_fields(type(obj))
    if not fields or (field is not None and field not in fields):
        raise ValueError(f"{type(obj).__name__}.{field} is not a translated field")
    name = field or fields[0]
    text = getattr(obj, f"{name}_i18n") if field else str(obj)
    return TranslatedText(text, standing_in_language(obj, name) if getattr(obj, name) else None)


def standing_in_language(obj, field: str) -> str | None:
    """English, where the active language has no text of `field`, so that the English
    text stands in for it; None where the text is in the active language. Reads only
    the translations (`i18n`), not the field."""
    language, default = get_language(), get_default_language()
    if language == default or translation_of(obj, field, language):
        return None
    return default


@deconstructible(path="admin4all.translation.InActiveLanguage")
class InActiveLanguage(Expression):
    """A translated field's text in the language active when the query runs, English
    where it has none: for Meta.ordering, where modeltrans would fix the language to
    the one active at start-up. `InActiveLanguage("title")`."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"

    def prefix_references(self, prefix):
        # Ordering by a relation (Session by "event") orders by the related model's
        # Meta.ordering, prefixed with the relation's name.
        return type(self)(f"{prefix}{self.name}")

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        lookup = f"{self.name}_i18n"
        virtual_field = get_model_field(query.model, lookup)
        expression = virtual_field.as_expression(bare_lookup=lookup)
        return expression.resolve_expression(query, allow_joins, reuse, summarize, for_save)
