"""One history mechanism for every model staff or officers can change.

django-pghistory records events with database triggers, so bulk updates, imports and
raw SQL are recorded as well as saves through the ORM. The HistoryMiddleware attaches
the acting user and URL; management commands attach their own context with
`pghistory.context(command=...)`.
"""

import pghistory


def tracked(**options):
    """Record every insert, update and deletion of the decorated model."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        # The default related name, "events", would clash with the Event model's.
        obj_field=pghistory.ObjForeignKey(related_name="history"),
        **options,
    )
