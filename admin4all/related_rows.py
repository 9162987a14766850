"""A record's related rows read within the record's own query: for a detail page whose
few related lists would each cost a prefetch query (a publication's themes beside its
authors). The rows come back as one array of JSON objects, made into model instances
holding only the fields asked for; any other field is deferred.

    Publication.objects.annotate(
        theme_rows=related_rows(Theme.objects.filter(publications=OuterRef("pk")), THEME)
    )
    themes = instances(Theme, publication.theme_rows)
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.functions import JSONObject


def related_rows(queryset: models.QuerySet, fields: tuple[str, ...]) -> ArraySubquery:
    """The rows of `queryset` (a subquery on OuterRef), in its order, as JSON objects
    of `fields`."""
    return ArraySubquery(queryset.values(row=JSONObject(**{name: name for name in fields})))


def instances(model: type[models.Model], rows: list[dict]) -> list[models.Model]:
    """Model instances from the rows of related_rows(), as if loaded from the database
    with only their fields."""
    if not rows:
        return []
    names = [field.attname for field in model._meta.concrete_fields if field.attname in rows[0]]
    return [model.from_db(DEFAULT_DB_ALIAS, names, [row[name] for name in names]) for row in rows]
