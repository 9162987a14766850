"""One history mechanism for every model staff or officers can change.

django-pghistory records events with database triggers, so bulk updates, imports and
raw SQL are recorded as well as saves through the ORM. The HistoryMiddleware attaches
the acting user and URL; management commands attach their own context with
`pghistory.context(command=...)`.
"""

import pghistory
import pghistory.models
from django.db import DEFAULT_DB_ALIAS, models


class HistoryEvent(pghistory.models.Event):
    """The base of our event models. pghistory restores a row only from events that
    hold every column; ours leave out the generated ones, which the database computes
    from the others, so an event restores the row without them."""

    class Meta:
        abstract = True

    @staticmethod
    def _restored_fields(model) -> list:
        return [
            field
            for field in model._meta.concrete_fields
            if not isinstance(field, models.GeneratedField)
        ]

    @property
    def can_revert(self) -> bool:
        tracked = {field.name for field in self._meta.fields}
        return {f.name for f in self._restored_fields(self.pgh_tracked_model)} <= tracked

    def revert(self, using=DEFAULT_DB_ALIAS):
        model = self.pgh_tracked_model
        if not self.can_revert:
            raise RuntimeError(f"{type(self).__name__} does not record every column of {model}.")
        return models.QuerySet(model=model, using=using).update_or_create(
            pk=getattr(self, model._meta.pk.name),
            defaults={
                field.name: getattr(self, field.name)
                for field in self._restored_fields(model)
                if not field.primary_key
            },
        )[0]


# For each model, its tracked many-to-many fields and the label of their event model.
TRACKED_LINKS: dict[type, list[tuple[str, str]]] = {}


def tracked(*, exclude: list[str] | None = None, **options):
    """Record every insert, update and deletion of the decorated model.

    Generated columns (the search documents) are left out: they are derived from the
    recorded ones, and a copy in each event would cost a vector per version."""

    def track(model):
        generated = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.GeneratedField)
        ]
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            # The default related name, "events", would clash with the Event model's.
            obj_field=pghistory.ObjForeignKey(related_name="history"),
            exclude=[*(exclude or []), *generated] or None,
            base_model=HistoryEvent,
            # pghistory would name it after the base model too; keep "<Model>Event".
            model_name=f"{model.__name__}Event",
            **options,
        )(model)

    return track


def track_links(*relations) -> None:
    """Record links added to and removed from many-to-many relations.

    Takes the relation descriptors (`Event.themes`). Triggers cannot be attached to an
    auto-created through table in migrations, so each gets a proxy model
    (`EventThemesLink`) that carries them, and an event model (`EventThemesLinkEvent`)
    whose "add" and "remove" events the admin's history page shows.
    """
    for relation in relations:
        through = relation.through
        source = relation.field.model
        name = source.__name__ + relation.field.name.title().replace("_", "") + "Link"
        meta = type("Meta", (), {"proxy": True, "app_label": source._meta.app_label})
        proxy = type(name, (through,), {"Meta": meta, "__module__": source.__module__})
        pghistory.track(
            pghistory.InsertEvent("add"),
            pghistory.DeleteEvent("remove"),
            obj_field=None,
        )(proxy)
        event_label = f"{source._meta.app_label}.{name}Event"
        TRACKED_LINKS.setdefault(source, []).append((relation.field.name, event_label))
