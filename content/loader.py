"""Loads the programme's real content (content.programme_content) into every app's
models: phases, municipalities, events, news and studies. The content app sits on top
of all the others, and nothing imports it (docs/architecture.md).
"""

from decimal import Decimal
from typing import Any

import pghistory
from babel import Locale
from django.db import models, transaction

from admin4all.models import (
    Organisation,
    Person,
    PhaseFigure,
    PhaseGoal,
    ProgrammePhase,
    Status,
    Theme,
)
from admin4all.translation import translated_fields, translation_key
from content import programme_content as content
from content.catalogues import ContentCatalogues
from events.models import Event, EventFigure, NewsArticle, Publication, Session, Speaker
from municipalities.models import Country, Municipality, Participation

LOADED_MODELS: list[type[models.Model]] = [
    Organisation,
    Person,
    Theme,
    ProgrammePhase,
    PhaseGoal,
    PhaseFigure,
    Country,
    Municipality,
    Participation,
    Event,
    EventFigure,
    Session,
    Speaker,
    Publication,
    NewsArticle,
]


def count_key(model: type[models.Model], action: str) -> str:
    """The key of the summary that counts `action` ("created" or "updated") for `model`."""
    return f"{model.__name__}.{action}"


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one:
        # Compare keys, so that checking a foreign key costs no query.
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def cldr_country_names(iso_code: str, languages: list[str]) -> dict[str, str]:
    """The country's name in each language, from CLDR (Babel), as its i18n column
    holds them."""
    return {
        translation_key("name", language): Locale.parse(language).territories[iso_code]
        for language in languages
    }


def save_fields(obj: models.Model, names: list[str]) -> None:
    """Saves only the fields `names`, with updated_at where the model has one."""
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        names = [*names, "updated_at"]
    obj.save(update_fields=names)


class _ContentLoader:
    """Creates the content's missing rows and counts what it really created or changed.

    Rows that exist already are left as staff may have edited them, unless `overwrite`
    asks to bring them back to the content; they only gain the translations they lack.
    Django's update_or_create() would save a found row even when nothing changed, and
    every save sets updated_at, which the history triggers record as a change: comparing
    first and saving only what differs keeps a second run silent, with no writes and no
    history.
    """

    def __init__(self, *, overwrite: bool, catalogues: ContentCatalogues) -> None:
        self.overwrite = overwrite
        self.catalogues = catalogues
        self.counts = {
            count_key(model, action): 0
            for model in LOADED_MODELS
            for action in ("created", "updated")
        }
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.themes: dict[str, Theme] = {}
        self.phases: dict[str, ProgrammePhase] = {}
        self.countries: dict[str, Country] = {}
        self.municipalities: dict[str, Municipality] = {}
        self.events: dict[str, Event] = {}

    def translations(
        self, model: type[models.Model], key: str, english: dict[str, Any]
    ) -> dict[str, str]:
        """The translations of the record's English texts, from the catalogues."""
        found: dict[str, str] = {}
        for field in translated_fields(model):
            if english.get(field):
                found.update(self.catalogues.translate(key, field, english[field]))
        return found

    def add_missing_translations(
        self, obj: models.Model, english: dict[str, Any], translations: dict[str, str]
    ) -> None:
        """Gives a record that exists the catalogues' translations it lacks, so that a
        portal loaded before a translation was written gets it without --overwrite:
        only for fields whose English is still the content's (a translation of other
        English would not be one), and never over a translation it has."""
        if not translations:
            return
        current = obj.i18n or {}
        missing = {
            key: text
            for key, text in translations.items()
            if key not in current
            and getattr(obj, field := key.rsplit("_", 1)[0]) == english.get(field)
        }
        if not missing:
            return
        obj.i18n = {**current, **missing}
        save_fields(obj, ["i18n"])
        self.counts[count_key(type(obj), "updated")] += 1

    def fill_empty_fields(self, obj: models.Model, values: dict[str, Any]) -> None:
        """Gives a record that exists the content's values of fields it holds empty."""
        empty = [name for name, value in values.items() if value and not getattr(obj, name)]
        if not empty:
            return
        for name in empty:
            setattr(obj, name, values[name])
        save_fields(obj, empty)
        self.counts[count_key(type(obj), "updated")] += 1

    def upsert(
        self,
        model: type[models.Model],
        *,
        key: str,
        lookup: dict[str, Any],
        values: dict[str, Any],
        many: dict[str, list[models.Model]] | None = None,
        translations: dict[str, str] | None = None,
        fill_empty: tuple[str, ...] = (),
    ) -> Any:
        """Creates or (with `overwrite`) updates the record `key` names in the
        catalogues, with its translations: those of the catalogues, or `translations`.
        `fill_empty` names fields added after portals were loaded: a record that exists
        gets the content's value where the field is still empty, never over a value."""
        if translations is None:
            translations = self.translations(model, key, {**lookup, **values})
        try:
            obj = model.objects.get(**lookup)
        except model.DoesNotExist:
            if translations:
                values = {**values, "i18n": translations}
            obj = model.objects.create(**lookup, **values)
            action = "created"
        else:
            if not self.overwrite:
                self.fill_empty_fields(obj, {name: values[name] for name in fill_empty})
                self.add_missing_translations(obj, {**lookup, **values}, translations)
                return obj
            if translations:
                # Translations the content does not hold (staff's) stay.
                values = {**values, "i18n": {**(obj.i18n or {}), **translations}}
            changed = [name for name, value in values.items() if _differs(obj, name, value)]
            action = "updated" if changed else None
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                save_fields(obj, changed)
        for name, targets in (many or {}).items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                action = action or "updated"
        if action:
            self.counts[count_key(model, action)] += 1
        return obj

    def load(self) -> None:
        self.load_organisations()
        self.load_people()
        self.load_themes()
        self.load_phases()
        self.load_countries()
        self.load_municipalities()
        self.load_events()
        self.load_publications()
        self.load_news_articles()

    def _organisation(self, slug: str | None) -> Organisation | None:
        return self.organisations[slug] if slug else None

    def _themes(self, slugs: list[str]) -> list[Theme]:
        return [self.themes[slug] for slug in slugs]

    def load_organisations(self) -> None:
        # Parents come before their units in the content, so they are already loaded.
        for row in content.ORGANISATIONS:
            self.organisations[row["slug"]] = self.upsert(
                Organisation,
                key=f"organisation/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "name": row["name"],
                    "acronym": row["acronym"],
                    "kind": row["kind"],
                    "parent": self._organisation(row["parent"]),
                    "description": row["description"],
                },
            )

    def load_people(self) -> None:
        for row in content.PEOPLE:
            self.people[row["slug"]] = self.upsert(
                Person,
                key=f"person/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "name": row["name"],
                    "honorific": row["honorific"],
                    "job_title": row["job_title"],
                    "organisation": self._organisation(row["organisation"]),
                },
            )

    def load_themes(self) -> None:
        for row in content.THEMES:
            self.themes[row["slug"]] = self.upsert(
                Theme,
                key=f"theme/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={"name": row["name"], "description": row["description"]},
            )

    def load_phases(self) -> None:
        for row in content.PHASES:
            phase = self.upsert(
                ProgrammePhase,
                key=f"phase/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "number": row["number"],
                    "name": row["name"],
                    "summary": row["summary"],
                    "description": row["description"],
                    "start_date": row["start_date"],
                    "end_date": row["end_date"],
                    "duration_months": row["duration_months"],
                    "managed_by": self._organisation(row["managed_by"]),
                    "funded_by": self._organisation(row["funded_by"]),
                },
            )
            self.phases[row["slug"]] = phase
            # Goals have no natural key: they are numbered within their kind.
            positions: dict[str, int] = {}
            for goal in row["goals"]:
                positions[goal["kind"]] = positions.get(goal["kind"], 0) + 1
                self.upsert(
                    PhaseGoal,
                    key=f"phase/{row['slug']}/goal/{goal['kind']}-{positions[goal['kind']]}",
                    lookup={
                        "phase": phase,
                        "kind": goal["kind"],
                        "position": positions[goal["kind"]],
                    },
                    values={"text": goal["text"]},
                )
            for position, figure in enumerate(row["figures"], start=1):
                self.upsert(
                    PhaseFigure,
                    key=f"phase/{row['slug']}/figure/{position}",
                    lookup={"phase": phase, "label": figure["label"]},
                    values={
                        "value": figure["value"],
                        "qualifier": figure["qualifier"],
                        "indicator": figure.get("indicator", ""),
                        "source": figure["source"],
                        "position": position,
                    },
                    # The grouping of reported facts came after portals were loaded.
                    fill_empty=("indicator",),
                )

    def load_countries(self) -> None:
        for row in content.COUNTRIES:
            self.countries[row["slug"]] = self.upsert(
                Country,
                key=f"country/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "name": row["name"],
                    "native_name": row["native_name"],
                    "iso_code": row["iso_code"],
                },
                translations=cldr_country_names(row["iso_code"], self.catalogues.languages),
            )

    def load_municipalities(self) -> None:
        for row in content.MUNICIPALITIES:
            municipality = self.upsert(
                Municipality,
                key=f"municipality/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "name": row["name"],
                    "native_name": row["native_name"],
                    "alternative_names": row["alternative_names"],
                    "kind": row.get("kind", Municipality.Kind.MUNICIPALITY),
                    "country": self.countries[row["country"]],
                    "region": row["region"],
                    "latitude": Decimal(row["latitude"]),
                    "longitude": Decimal(row["longitude"]),
                    "profile": row.get("profile", ""),
                },
            )
            self.municipalities[row["slug"]] = municipality
            for phase_slug in row["phases"]:
                # The seeds say nothing about needs assessments or coordination
                # mechanisms: the participation records only that the city took part.
                self.upsert(
                    Participation,
                    key=f"municipality/{row['slug']}/phase/{phase_slug}",
                    lookup={"municipality": municipality, "phase": self.phases[phase_slug]},
                    values={},
                )

    def load_events(self) -> None:
        for row in content.EVENTS:
            event = self.upsert(
                Event,
                key=f"event/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "kind": row["kind"],
                    "title": row["title"],
                    "phase": self.phases[row["phase"]],
                    "summary": row["summary"],
                    "description": row["description"],
                    "start_date": row["start_date"],
                    "end_date": row["end_date"],
                    "is_online": row["is_online"],
                    "venue": row["venue"],
                    "address": row["address"],
                    "city": row["city"],
                    "country": self.countries[row["country"]] if row["country"] else None,
                    "host_municipality": (
                        self.municipalities[row["host_municipality"]]
                        if row["host_municipality"]
                        else None
                    ),
                    "participant_count": row["participant_count"],
                    "participant_count_qualifier": row["participant_count_qualifier"],
                    "objectives": row["objectives"],
                    "outcome": row["outcome"],
                    "status": Status.PUBLISHED,
                    "published_at": row["published_at"],
                },
                many={
                    "organisers": [self.organisations[s] for s in row["organisers"]],
                    "participating_municipalities": [
                        self.municipalities[s] for s in row["participating_municipalities"]
                    ],
                    "participating_organisations": [
                        self.organisations[s] for s in row["participating_organisations"]
                    ],
                    "themes": self._themes(row["themes"]),
                },
            )
            self.events[row["slug"]] = event
            for position, figure in enumerate(row["figures"], start=1):
                self.upsert(
                    EventFigure,
                    key=f"event/{row['slug']}/figure/{position}",
                    lookup={"event": event, "label": figure["label"]},
                    values={
                        "value": figure["value"],
                        "qualifier": figure["qualifier"],
                        "indicator": figure.get("indicator", ""),
                        "source": figure["source"],
                        "position": position,
                    },
                    # The grouping of reported facts came after portals were loaded.
                    fill_empty=("indicator",),
                )
            for position, item in enumerate(row["sessions"], start=1):
                self.load_session(event=event, position=position, item=item)

    def load_session(self, *, event: Event, position: int, item: dict[str, Any]) -> None:
        session = self.upsert(
            Session,
            key=f"event/{event.slug}/session/{position}",
            lookup={"event": event, "title": item["title"]},
            values={
                "kind": item["kind"],
                "day": item["day"],
                "track": item["track"],
                "description": item["description"],
                "position": position,
            },
            many={"themes": self._themes(item["themes"])},
        )
        for speaker_position, speaker in enumerate(item["speakers"], start=1):
            self.upsert(
                Speaker,
                key=f"event/{event.slug}/session/{position}/speaker/{speaker['person']}",
                lookup={"session": session, "person": self.people[speaker["person"]]},
                values={
                    "role": speaker["role"],
                    "job_title": speaker["job_title"],
                    "organisation": self._organisation(speaker["organisation"]),
                    "position": speaker_position,
                },
            )

    def load_publications(self) -> None:
        for row in content.PUBLICATIONS:
            self.upsert(
                Publication,
                key=f"publication/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "kind": row["kind"],
                    "title": row["title"],
                    "organisation": self._organisation(row["organisation"]),
                    "year": row["year"],
                    "summary": row["summary"],
                    "presented_at": self.events[row["presented_at"]],
                    "status": Status.PUBLISHED,
                    "published_at": row["published_at"],
                },
                many={"themes": self._themes(row["themes"])},
            )

    def load_news_articles(self) -> None:
        for row in content.NEWS_ARTICLES:
            self.upsert(
                NewsArticle,
                key=f"news/{row['slug']}",
                lookup={"slug": row["slug"]},
                values={
                    "title": row["title"],
                    "summary": row["summary"],
                    "body": row["body"],
                    "event": self.events[row["event"]],
                    "status": Status.PUBLISHED,
                    "published_at": row["published_at"],
                },
                many={
                    "municipalities": [self.municipalities[s] for s in row["municipalities"]],
                    "themes": self._themes(row["themes"]),
                },
            )


@transaction.atomic
def programme_content_load(
    *,
    dry_run: bool = False,
    overwrite: bool = False,
    catalogues: ContentCatalogues | None = None,
) -> dict[str, int]:
    """Create the programme's real content from `programme_content` where it is missing.

    Returns how many rows of each model were created and updated, keyed by
    `count_key(Model, "created" | "updated")`. A second run reports zeros and writes
    nothing. Existing records, and what staff changed in them, are left alone; with
    `overwrite`, the fields and links the content sets are brought back to it (records
    the content does not know are still left alone). With `dry_run`, everything runs and
    is then rolled back, so the counts say what a real run would change.

    Translations come from `catalogues` (content/translations/ by default), which
    record every text the load asks them for.
    """
    loader = _ContentLoader(overwrite=overwrite, catalogues=catalogues or ContentCatalogues())
    with pghistory.context(command="load_admin4all"):
        loader.load()
    if dry_run:
        transaction.set_rollback(True)
    return loader.counts
