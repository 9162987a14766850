"""Synthetic demo data at the scale of a large programme, for load tests and demos.

Scale 100 is a large programme (3,000 municipalities, 10,000 trainings, 20,000 news
articles...); scale 1 a hundredth of it. Every record written here has `is_demo` set
and "Demo" in its name, so that pages under load can be told from the programme's real
content, and `demo_data_delete()` removes exactly these records.

Demo records hang on the real phases, countries and themes that load_admin4all writes
rather than on invented ones: the country and theme pages then carry the weight of
thousands of records, and no fake member state or ISO code appears on the site.
"""

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pghistory.trigger
import pgtrigger
from django.db import models, transaction
from django.db.models import ProtectedError

from admin4all.models import Organisation, Person, ProgrammePhase, Status, Theme
from events.models import Event, NewsArticle, Publication, Session, Speaker
from municipalities.models import Country, GoodPractice, Municipality, Participation
from trainings.models import GENDER_FIELDS, SERVICE_FIELDS, CurriculumModule, PeerVisit, Training

# Records per unit of scale. Participations follow from the municipalities (one or
# more phases each).
SCALE_UNIT: dict[type[models.Model], int] = {
    Organisation: 5,
    Person: 50,
    Municipality: 30,
    CurriculumModule: 2,
    Training: 100,
    PeerVisit: 50,
    GoodPractice: 10,
    Event: 20,
    Session: 200,
    Speaker: 300,
    Publication: 20,
    NewsArticle: 200,
}
# In creation order; deletion goes the other way, so nothing is still referred to.
DEMO_MODELS: list[type[models.Model]] = [
    Organisation,
    Person,
    Municipality,
    Participation,
    CurriculumModule,
    Training,
    PeerVisit,
    GoodPractice,
    Event,
    Session,
    Speaker,
    Publication,
    NewsArticle,
]
# Below it some models would round to a single row, too few for a session's speakers.
MIN_SCALE = 0.1
BATCH_SIZE = 2000

# Rough bounding boxes (south, north, west, east) of the programme's countries, by ISO
# code: demo municipalities are put on the map inside their country.
COUNTRY_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "AT": (46.4, 48.9, 9.6, 17.1),
    "ES": (36.1, 43.7, -9.2, 3.3),
    "GR": (35.0, 41.7, 19.6, 28.2),
    "IT": (37.0, 46.9, 6.7, 18.5),
    "MT": (35.8, 36.08, 14.2, 14.57),
    "PL": (49.1, 54.8, 14.2, 24.1),
    "RO": (43.7, 48.2, 20.3, 29.6),
}
# Fixed dates rather than today's, so that a seed gives the same values on any day.
# Activities run into 2028, so some events are upcoming; published items appeared by
# the end of 2025; scheduled ones wait until 2099, so they never become public.
ACTIVITY_DAYS = (date(2016, 1, 1), date(2028, 12, 31))
PUBLISHED_DAYS = (date(2016, 1, 1), date(2025, 12, 31))
SCHEDULED_DAYS = (date(2099, 1, 1), date(2099, 12, 31))

TOPICS = [
    "housing",
    "labour market",
    "education",
    "health care",
    "language courses",
    "social services",
    "unaccompanied minors",
    "local coordination",
    "intercultural mediation",
    "data on migrants",
]
TEXT = "Synthetic demo text for load tests; it describes no real programme activity. "


class DemoDataError(Exception):
    """The database is not in a state the generator can work on."""


def _day(rng: random.Random, days: tuple[date, date]) -> date:
    start, end = days
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _moment(rng: random.Random, days: tuple[date, date]) -> datetime:
    return datetime.combine(_day(rng, days), time(rng.randint(7, 18), rng.randrange(60)), UTC)


def _publishing(rng: random.Random) -> dict[str, Any]:
    """Mostly published in the past, some drafts, a few scheduled for later."""
    roll = rng.random()
    if roll < 0.1:
        return {"status": Status.DRAFT, "published_at": None}
    days = SCHEDULED_DAYS if roll < 0.15 else PUBLISHED_DAYS
    return {"status": Status.PUBLISHED, "published_at": _moment(rng, days)}


def _titled(noun: str, number: int, rng: random.Random) -> dict[str, Any]:
    """The flag, a title that says "Demo" (with a topic, for search), a unique slug."""
    return {
        "is_demo": True,
        "title": f"Demo {noun} {number:05d}: {rng.choice(TOPICS)}",
        "slug": f"demo-{noun.replace(' ', '-')}-{number:05d}",
    }


def _period(rng: random.Random, longest_days: int) -> dict[str, date]:
    start = _day(rng, ACTIVITY_DAYS)
    return {"start_date": start, "end_date": start + timedelta(days=rng.randint(0, longest_days))}


def _text(rng: random.Random) -> str:
    return TEXT * rng.randint(1, 8)


def _spread(total: int, buckets: int, rng: random.Random) -> list[int]:
    """`total` items over `buckets` as evenly as possible, the remainder on random ones,
    so that the totals are exactly the proportions asked for."""
    base, extra = divmod(total, buckets)
    lucky = set(rng.sample(range(buckets), extra))
    return [base + (bucket in lucky) for bucket in range(buckets)]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Random non-negative numbers that add up to `total`."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [high - low for low, high in zip([0, *cuts], [*cuts, total], strict=True)]


def _attendance(rng: random.Random) -> dict[str, int | None]:
    """Figures that satisfy Training's constraints: a full breakdown adds up to the
    total, a partial one (a figure not reported) stays within it, and sometimes
    nothing is reported at all."""
    roll = rng.random()
    if roll < 0.1:
        return {}
    total = rng.randint(8, 60)
    figures: dict[str, int | None] = {"attendance_total": total}
    for fields in (GENDER_FIELDS, SERVICE_FIELDS):
        values: list[int | None] = list(_split(total, len(fields), rng))
        if roll < 0.3:
            values[rng.randrange(len(values))] = None
        figures.update(zip(fields, values, strict=True))
    return figures


class _DemoBuilder:
    """Builds the rows of each model from one random generator, in dependency order."""

    def __init__(self, *, scale: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.counts: dict[type[models.Model], int] = {}
        self.phases = list(ProgrammePhase.objects.order_by("number"))
        self.countries = list(
            Country.objects.filter(iso_code__in=COUNTRY_BOUNDS).order_by("iso_code")
        )
        self.themes = list(Theme.objects.order_by("slug"))
        if not self.phases or not self.countries:
            raise DemoDataError(
                "Demo data hangs on the real phases and countries: run load_admin4all first."
            )

    def count(self, model: type[models.Model]) -> int:
        return max(1, round(SCALE_UNIT[model] * self.scale))

    def sample(self, items: list, low: int, high: int) -> list:
        return self.rng.sample(items, min(self.rng.randint(low, high), len(items)))

    def create(self, model: type[models.Model], rows: list[models.Model]) -> list:
        created = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.counts[model] = len(created)
        return created

    def link(self, relation: Any, pairs: Iterable[tuple[int, int]]) -> None:
        """Bulk-insert the through rows of a many-to-many relation (`Event.themes`)."""
        field, through = relation.field, relation.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: a, target: b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def link_sample(self, relation: Any, owners: list, targets: list, low: int, high: int) -> None:
        self.link(
            relation,
            (
                (owner.pk, target.pk)
                for owner in owners
                for target in self.sample(targets, low, high)
            ),
        )

    def build(self) -> None:
        self.build_organisations_and_people()
        self.build_municipalities()
        self.build_trainings()
        self.build_peer_visits()
        self.build_good_practices()
        self.build_events()
        self.build_sessions_and_speakers()
        self.build_publications()
        self.build_news_articles()

    def build_organisations_and_people(self) -> None:
        rng = self.rng
        self.organisations = self.create(
            Organisation,
            [
                Organisation(
                    is_demo=True,
                    name=f"Demo organisation {i:05d}",
                    slug=f"demo-organisation-{i:05d}",
                    acronym=f"DEMO{i}",
                    kind=rng.choice(Organisation.Kind.values),
                    description=_text(rng),
                )
                for i in range(1, self.count(Organisation) + 1)
            ],
        )
        self.people = self.create(
            Person,
            [
                Person(
                    is_demo=True,
                    name=f"Demo person {i:05d}",
                    slug=f"demo-person-{i:05d}",
                    job_title=f"Demo officer for {rng.choice(TOPICS)}",
                    organisation=rng.choice(self.organisations),
                )
                for i in range(1, self.count(Person) + 1)
            ],
        )

    def build_municipalities(self) -> None:
        rng = self.rng
        rows = []
        for i in range(1, self.count(Municipality) + 1):
            country = rng.choice(self.countries)
            south, north, west, east = COUNTRY_BOUNDS[country.iso_code]
            rows.append(
                Municipality(
                    is_demo=True,
                    name=f"Demo municipality {i:05d}",
                    alternative_names=[f"Demo city {i:05d}"],
                    slug=f"demo-municipality-{i:05d}",
                    country=country,
                    region=f"Demo region {rng.randint(1, 20)}",
                    latitude=Decimal(f"{rng.uniform(south, north):.5f}"),
                    longitude=Decimal(f"{rng.uniform(west, east):.5f}"),
                    profile=_text(rng),
                    contact_email=f"demo-municipality-{i:05d}@example.org",
                )
            )
        self.municipalities = self.create(Municipality, rows)
        # Activities of a municipality belong to a phase it takes part in.
        self.phases_of = {
            m.pk: self.sample(self.phases, 1, len(self.phases)) for m in self.municipalities
        }
        self.create(
            Participation,
            [
                Participation(
                    is_demo=True,
                    municipality=municipality,
                    phase=phase,
                    has_coordination_mechanism=rng.random() < 0.5,
                    needs_assessment=_text(rng),
                )
                for municipality in self.municipalities
                for phase in self.phases_of[municipality.pk]
            ],
        )

    def build_trainings(self) -> None:
        rng = self.rng
        modules = self.create(
            CurriculumModule,
            [
                CurriculumModule(
                    **_titled("curriculum module", i, rng),
                    phase=self.phases[i % len(self.phases)],
                    description=_text(rng),
                    position=i,
                )
                for i in range(1, self.count(CurriculumModule) + 1)
            ],
        )
        rows = []
        for i in range(1, self.count(Training) + 1):
            municipality = rng.choice(self.municipalities)
            rows.append(
                Training(
                    **_titled("training", i, rng),
                    **_period(rng, 2),
                    municipality=municipality,
                    phase=rng.choice(self.phases_of[municipality.pk]),
                    location=municipality.name,
                    audience="Demo audience: social services and immigration departments",
                    description=_text(rng),
                    trainer_organisation=rng.choice(self.organisations),
                    **_attendance(rng),
                )
            )
        trainings = self.create(Training, rows)
        self.link_sample(Training.trainers, trainings, self.people, 1, 2)
        modules_of = {
            phase.pk: [m for m in modules if m.phase_id == phase.pk] for phase in self.phases
        }
        self.link(
            Training.modules,
            (
                (training.pk, module.pk)
                for training in trainings
                for module in self.sample(modules_of[training.phase_id], 1, 3)
            ),
        )

    def build_peer_visits(self) -> None:
        rng = self.rng
        rows, visitors = [], []
        for i in range(1, self.count(PeerVisit) + 1):
            host = rng.choice(self.municipalities)
            rows.append(
                PeerVisit(
                    **_titled("peer visit", i, rng),
                    **_period(rng, 3),
                    host=host,
                    phase=rng.choice(self.phases_of[host.pk]),
                    participant_count=rng.randint(4, 30),
                    programme=_text(rng),
                    findings=_text(rng),
                )
            )
            # Sampling one more than needed leaves enough once the host is dropped.
            guests = self.sample(self.municipalities, 2, 4)
            visitors.append([m for m in guests if m != host][: len(guests) - 1])
        visits = self.create(PeerVisit, rows)
        self.link(
            PeerVisit.visitors,
            (
                (visit.pk, m.pk)
                for visit, guests in zip(visits, visitors, strict=True)
                for m in guests
            ),
        )
        self.link_sample(PeerVisit.themes, visits, self.themes, 1, 2)

    def build_good_practices(self) -> None:
        rng = self.rng
        rows = []
        for i in range(1, self.count(GoodPractice) + 1):
            municipality = rng.choice(self.municipalities)
            rows.append(
                GoodPractice(
                    **_titled("good practice", i, rng),
                    municipality=municipality,
                    phase=rng.choice(self.phases_of[municipality.pk]),
                    summary=TEXT,
                    body=_text(rng),
                    **_publishing(rng),
                )
            )
        practices = self.create(GoodPractice, rows)
        self.link_sample(GoodPractice.themes, practices, self.themes, 1, 2)

    def build_events(self) -> None:
        rng = self.rng
        rows = []
        for i in range(1, self.count(Event) + 1):
            kind = rng.choice(Event.Kind.values)
            is_online = kind == Event.Kind.WEBINAR
            host = None if is_online else rng.choice(self.municipalities)
            rows.append(
                Event(
                    **_titled("event", i, rng),
                    # A webinar takes one day.
                    **_period(rng, 0 if is_online else 2),
                    kind=kind,
                    phase=rng.choice(self.phases),
                    summary=TEXT,
                    description=_text(rng),
                    is_online=is_online,
                    venue="" if is_online else f"Demo venue {i:05d}",
                    city=host.name if host else "",
                    country_id=host.country_id if host else None,
                    host_municipality=host,
                    participant_count=rng.randint(20, 300),
                    objectives="\n".join(f"Demo objective: {t}" for t in rng.sample(TOPICS, 3)),
                    **_publishing(rng),
                )
            )
        self.events = self.create(Event, rows)
        self.link_sample(Event.organisers, self.events, self.organisations, 1, 2)
        self.link_sample(
            Event.participating_municipalities, self.events, self.municipalities, 2, 6
        )
        self.link_sample(Event.themes, self.events, self.themes, 1, 3)

    def build_sessions_and_speakers(self) -> None:
        rng = self.rng
        rows = []
        per_event = _spread(self.count(Session), len(self.events), rng)
        for event, count in zip(self.events, per_event, strict=True):
            days = (event.end_date - event.start_date).days
            for position in range(count):
                hour = 9 + position % 8
                rows.append(
                    Session(
                        is_demo=True,
                        event=event,
                        title=f"Demo session {len(rows) + 1:05d}: {rng.choice(TOPICS)}",
                        kind=rng.choice(Session.Kind.values),
                        day=event.start_date + timedelta(days=rng.randint(0, days)),
                        start_time=time(hour),
                        end_time=time(hour, 45),
                        description=TEXT,
                        position=position,
                    )
                )
        sessions = self.create(Session, rows)
        per_session = _spread(self.count(Speaker), len(sessions), rng)
        self.create(
            Speaker,
            [
                Speaker(
                    is_demo=True,
                    session=session,
                    # Distinct people: a person speaks once per session.
                    person=person,
                    role=rng.choice(Speaker.Role.values),
                    position=position,
                )
                for session, count in zip(sessions, per_session, strict=True)
                for position, person in enumerate(rng.sample(self.people, count))
            ],
        )

    def build_publications(self) -> None:
        rng = self.rng
        publications = self.create(
            Publication,
            [
                Publication(
                    **_titled("publication", i, rng),
                    kind=rng.choice(Publication.Kind.values),
                    organisation=rng.choice(self.organisations),
                    year=rng.randint(2016, 2025),
                    summary=_text(rng),
                    presented_at=rng.choice(self.events) if rng.random() < 0.3 else None,
                    **_publishing(rng),
                )
                for i in range(1, self.count(Publication) + 1)
            ],
        )
        self.link_sample(Publication.authors, publications, self.people, 1, 3)
        self.link_sample(Publication.themes, publications, self.themes, 1, 2)

    def build_news_articles(self) -> None:
        rng = self.rng
        articles = self.create(
            NewsArticle,
            [
                NewsArticle(
                    **_titled("news article", i, rng),
                    summary=TEXT,
                    body=_text(rng),
                    event=rng.choice(self.events) if rng.random() < 0.5 else None,
                    **_publishing(rng),
                )
                for i in range(1, self.count(NewsArticle) + 1)
            ],
        )
        self.link_sample(NewsArticle.municipalities, articles, self.municipalities, 1, 3)
        self.link_sample(NewsArticle.themes, articles, self.themes, 1, 2)


@contextmanager
def _without_history() -> Iterator[None]:
    """Skip pghistory's triggers for the demo writes, and only for them.

    The history of synthetic rows is noise that would bury the real changes in the
    admin's history, and recording it is slow: scale 100 took 11 minutes instead of
    one under pghistory.context(), each event upserting the one context row.
    pgtrigger.ignore() names the triggers to skip in a transaction-local setting of
    this connection: other connections keep recording, and foreign keys and check
    constraints are still enforced (session_replication_role = replica would switch
    off the foreign key triggers too; ALTER TABLE ... DISABLE TRIGGER would lock the
    tables against every reader until the commit).
    """
    history_triggers = [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, pghistory.trigger.Event)
    ]
    with pgtrigger.ignore(*history_triggers):
        yield


def demo_records_exist() -> bool:
    return any(model.objects.filter(is_demo=True).exists() for model in DEMO_MODELS)


@transaction.atomic
def demo_data_generate(
    *, scale: float, seed: int, dry_run: bool = False
) -> dict[type[models.Model], int]:
    """Write demo records at `scale` (1 = a hundredth of a large programme); the same
    seed gives the same records. Returns how many rows of each model were written.

    Refuses when demo data is already there: the same seed would write the same slugs
    again, and the database should hold one data set of a known scale.
    """
    if scale < MIN_SCALE:
        raise DemoDataError(f"The scale must be at least {MIN_SCALE}.")
    if demo_records_exist():
        raise DemoDataError("Demo data is already there: remove it first with --delete.")
    builder = _DemoBuilder(scale=scale, seed=seed)
    with _without_history():
        builder.build()
    if dry_run:
        transaction.set_rollback(True)
    return {model: builder.counts[model] for model in DEMO_MODELS}


@transaction.atomic
def demo_data_delete(*, dry_run: bool = False) -> dict[type[models.Model], int]:
    """Delete every demo record, and nothing else; returns the rows deleted per model.

    Real records are never flagged; if staff made one refer to a demo record (a real
    training in a demo municipality), nothing is deleted and the error names it.
    """
    counts = {}
    try:
        with _without_history():
            for model in reversed(DEMO_MODELS):
                _, deleted = model.objects.filter(is_demo=True).delete()
                counts[model] = deleted.get(model._meta.label, 0)
    except ProtectedError as error:
        real = sorted(f"{obj._meta.verbose_name} {obj}" for obj in error.protected_objects)
        raise DemoDataError(
            f"Real records refer to demo records, so nothing was deleted: {', '.join(real)}."
        ) from error
    if dry_run:
        transaction.set_rollback(True)
    return {model: counts[model] for model in DEMO_MODELS}
