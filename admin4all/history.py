"""One history mechanism for every model staff or officers can change.

django-pghistory records events with database triggers, so bulk updates, imports and
raw SQL are recorded as well as saves through the ORM. The HistoryMiddleware attaches
the acting user and URL; management commands attach their own context with
`pghistory.context(command=...)`.
"""

import pghistory
import pghistory.models
from django.db import DEFAULT_DB_ALIAS, models

# For each model, its tracked many-to-many fields and the label of their event model.
TRACKED_LINKS: dict[type, list[tuple[str, str]]] = {}


class Event(pghistory.models.Event):
    """The base of the event models. pghistory's revert() sets every field of the
    tracked model, modeltrans' virtual ones too (`title_i18n`, `title_it`), which would
    write the active language's text, or the English standing in for it, into the
    translations, or the empty English column of a missing translation back over the
    English text: this one sets the columns, the translations column among them.
    (Named Event: pghistory names each event model after its base, `CountryEvent`.)"""

    class Meta:
        abstract = True

    def revert(self, using=DEFAULT_DB_ALIAS):
        if not self.can_revert:
            raise RuntimeError(f"{type(self).__name__} does not track every field.")
        model = self.pgh_tracked_model
        values = {
            field.attname: getattr(self, field.attname)
            for field in model._meta.concrete_fields
            if not field.primary_key
        }
        queryset = models.QuerySet(model=model, using=using)
        return queryset.update_or_create(pk=self.pgh_obj_id, defaults=values)[0]


def tracked(**options):
    """Record every insert, update and deletion of the decorated model."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        # The default related name, "events", would clash with the Event model's.
        obj_field=pghistory.ObjForeignKey(related_name="history"),
        base_model=Event,
        **options,
    )


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
