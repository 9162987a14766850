"""The text-search document of each kind of public content, stored in a generated column
of its table (`search_document`) with a GIN index on it, and read by the search queries
(portal.search). A document holds the record's translations too (the keys of its
`i18n` column, admin4all.translation), each parsed with its language's configuration, so
a page in any language finds what that language's text says.

Stored, not an expression index: ranking needs each matching row's vector, and an
expression index only helps to find the rows; a stored vector is read as it is, where an
expression would be recomputed from the text for every match (seconds for a common word
at scale 100). Core module: it imports no app, so any app's models may use it.

A document is a list of parts, each some columns parsed with one configuration and given
one weight, so a part is added (another language's columns, with that language's
configuration) without touching the others or the queries. PostgreSQL cannot change a
generated column's expression in place: a migration that changes a document removes the
field and adds it again.
"""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Expression, Func
from django.db.models.fields.json import KeyTextTransform
from django.utils.translation import gettext_lazy as _
from modeltrans.conf import get_available_languages
from modeltrans.utils import build_localized_fieldname

# The configurations of migrations 0004 and 0009; all ignore diacritics.
SIMPLE = "admin4all_simple"
ENGLISH = "admin4all_english"
# The configuration that stems each language's words. PostgreSQL has no Polish stemmer:
# Polish text matches word for word (docs/languages.md says why not hunspell).
STEMMING = {
    "en": ENGLISH,
    "it": "admin4all_italian",
    "de": "admin4all_german",
    "pl": SIMPLE,
    "ro": "admin4all_romanian",
    "el": "admin4all_greek",
    "es": "admin4all_spanish",
}

FIELD = "search_document"


class Words(Func):
    """An array of names as one text: array_to_string is only STABLE (the text of some
    element types depends on settings), which a generated column refuses; admin4all_words
    (migration 0007) is the same for text arrays, declared IMMUTABLE."""

    function = "admin4all_words"
    output_field = models.TextField()


@dataclass(frozen=True)
class Part:
    columns: Sequence[str | Expression]
    config: str
    weight: str

    def vector(self) -> SearchVector:
        return SearchVector(*self.columns, config=self.config, weight=self.weight)


@dataclass(frozen=True)
class SearchDocument:
    """Names and titles as typed (SIMPLE) and stemmed, weighing most (A); summaries
    next (B); bodies least (C). The same for each translation of the `translated`
    fields (the model's TranslationField's `fields`), stemmed as its language is."""

    names: Sequence[str | Expression]
    summaries: Sequence[str] = ()
    bodies: Sequence[str] = ()
    translated: Sequence[str] = ()

    def parts(self) -> list[Part]:
        parts = self._language_parts(self.names, self.summaries, self.bodies, ENGLISH)
        for language in get_available_languages(include_default=False):
            groups = (self.names, self.summaries, self.bodies)
            parts += self._language_parts(
                *(self._translations(columns, language) for columns in groups),
                STEMMING[language],
            )
        return parts

    def _translations(self, columns, language: str) -> list[KeyTextTransform]:
        return [
            KeyTextTransform(build_localized_fieldname(column, language), "i18n")
            for column in columns
            if column in self.translated
        ]

    @staticmethod
    def _language_parts(names, summaries, bodies, stemming: str) -> list[Part]:
        parts = [Part(names, SIMPLE, "A")] if names else []
        if names and stemming != SIMPLE:
            parts.append(Part(names, stemming, "A"))
        if summaries:
            parts.append(Part(summaries, stemming, "B"))
        if bodies:
            parts.append(Part(bodies, stemming, "C"))
        return parts

    def vector(self) -> SearchVector:
        return reduce(operator.add, (part.vector() for part in self.parts()))

    def field(self) -> models.GeneratedField:
        return models.GeneratedField(
            expression=self.vector(),
            output_field=SearchVectorField(),
            db_persist=True,
            verbose_name=_("search document"),
        )

    @staticmethod
    def index(name: str) -> GinIndex:
        return GinIndex(fields=[FIELD], name=name)


class SearchableManager(models.Manager):
    """Leaves the stored document out of the rows it loads: only the search reads it,
    in SQL. Used as `SearchableManager.from_queryset(SomeQuerySet)()`."""

    def get_queryset(self):
        return super().get_queryset().defer(FIELD)
