"""The text-search document of each kind of public content, stored in a generated column
of its table (`search_document`) with a GIN index on it, and read by the search queries
(admin4all.search).

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
from django.utils.translation import gettext_lazy as _

# The configurations of migration 0004; both ignore diacritics.
SIMPLE = "admin4all_simple"
ENGLISH = "admin4all_english"

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
    next (B); bodies least (C)."""

    names: Sequence[str | Expression]
    summaries: Sequence[str] = ()
    bodies: Sequence[str] = ()

    def parts(self) -> list[Part]:
        parts = [Part(self.names, SIMPLE, "A"), Part(self.names, ENGLISH, "A")]
        if self.summaries:
            parts.append(Part(self.summaries, ENGLISH, "B"))
        if self.bodies:
            parts.append(Part(self.bodies, ENGLISH, "C"))
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
