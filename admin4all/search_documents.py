"""The text-search document of each kind of public content, shared by the search
queries (admin4all.search) and the GIN indexes of the models: PostgreSQL uses an
expression index only for the very expression it was built on, so both take it from
here. Core module: it imports no app, so any app's models may use it."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector

# The configurations of migration admin4all 0004; both ignore diacritics.
SIMPLE = "admin4all_simple"
ENGLISH = "admin4all_english"


@dataclass(frozen=True)
class SearchDocument:
    """Names and titles as typed (SIMPLE) and stemmed, weighing most (A); summaries
    next (B); bodies least (C)."""

    names: Sequence[str]
    summaries: Sequence[str] = ()
    bodies: Sequence[str] = ()

    def vector(self) -> SearchVector:
        vector = SearchVector(*self.names, config=SIMPLE, weight="A") + SearchVector(
            *self.names, config=ENGLISH, weight="A"
        )
        if self.summaries:
            vector += SearchVector(*self.summaries, config=ENGLISH, weight="B")
        if self.bodies:
            vector += SearchVector(*self.bodies, config=ENGLISH, weight="C")
        return vector

    def index(self, name: str) -> GinIndex:
        return GinIndex(self.vector(), name=name)
