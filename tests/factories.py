"""factory_boy factories for every model of the project.

Each factory builds the smallest valid record: required relations through SubFactory,
unique fields from a Sequence. Publishable content is published, with a publication
time in the past, unless a test asks for one of the traits:

    NewsArticleFactory(draft=True)       # status draft, no publication time
    NewsArticleFactory(review=True)      # awaiting review, no publication time
    NewsArticleFactory(scheduled=True)   # published, publication time in the future
"""

import string
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from admin4all.models import (
    Indicator,
    Organisation,
    Person,
    PhaseFigure,
    PhaseGoal,
    ProgrammePhase,
    Status,
    Theme,
    User,
)
from events.models import (
    Event,
    EventFigure,
    EventMaterial,
    NewsArticle,
    Publication,
    Session,
    Speaker,
)
from municipalities.models import (
    Country,
    GoodPractice,
    Municipality,
    MunicipalityContact,
    MunicipalityDocument,
    OfficerInvitation,
    OfficerMembership,
    Participation,
)
from reporting.models import IndicatorTarget
from tests import samples
from trainings.models import (
    CurriculumModule,
    PeerVisit,
    Training,
    TrainingParticipant,
    TrainingReport,
)


def _iso_code(n: int) -> str:
    """AA, AB, ... ZZ: 676 distinct codes that all match ^[A-Z]{2}$.

    A test that sets a real code ("IT") itself should not also create hundreds of
    countries from the sequence, or the two may meet.
    """
    letters = string.ascii_uppercase
    first, second = divmod(n % len(letters) ** 2, len(letters))
    return letters[first] + letters[second]


def _days_from_today(days: int):
    return lambda: timezone.localdate() + timedelta(days=days)


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("password")

    class Meta:
        model = User


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")

    class Meta:
        model = Organisation


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")

    class Meta:
        model = Person


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme


class ProgrammePhaseFactory(DjangoModelFactory):
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Phase {n + 1}")
    slug = factory.Sequence(lambda n: f"phase-{n + 1}")

    class Meta:
        model = ProgrammePhase


class PhaseGoalFactory(DjangoModelFactory):
    phase = factory.SubFactory(ProgrammePhaseFactory)
    kind = PhaseGoal.Kind.OBJECTIVE
    text = factory.Sequence(lambda n: f"Objective {n}")

    class Meta:
        model = PhaseGoal


class PhaseFigureFactory(DjangoModelFactory):
    phase = factory.SubFactory(ProgrammePhaseFactory)
    label = "people trained"
    value = 100

    class Meta:
        model = PhaseFigure


class IndicatorTargetFactory(DjangoModelFactory):
    indicator = Indicator.TRAININGS_HELD
    phase = factory.SubFactory(ProgrammePhaseFactory)
    value = 10

    class Meta:
        model = IndicatorTarget


class CountryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    iso_code = factory.Sequence(_iso_code)

    class Meta:
        model = Country


class MunicipalityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Municipality {n}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")
    country = factory.SubFactory(CountryFactory)

    class Meta:
        model = Municipality


class ParticipationFactory(DjangoModelFactory):
    municipality = factory.SubFactory(MunicipalityFactory)
    phase = factory.SubFactory(ProgrammePhaseFactory)

    class Meta:
        model = Participation


class OfficerMembershipFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)

    class Meta:
        model = OfficerMembership


class PublishableFactory(DjangoModelFactory):
    """Published yesterday by default; see the module docstring for the traits."""

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        review = factory.Trait(status=Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        )


class GoodPracticeFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Good practice {n}")
    slug = factory.Sequence(lambda n: f"good-practice-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)

    class Meta:
        model = GoodPractice


class CurriculumModuleFactory(DjangoModelFactory):
    phase = factory.SubFactory(ProgrammePhaseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")

    class Meta:
        model = CurriculumModule


class TrainingFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    phase = factory.SubFactory(ProgrammePhaseFactory)
    start_date = factory.LazyFunction(_days_from_today(30))

    class Meta:
        model = Training


class TrainingParticipantFactory(DjangoModelFactory):
    """Someone who attended, gender and service not recorded."""

    training = factory.SubFactory(TrainingFactory)
    full_name = factory.Sequence(lambda n: f"Participant {n}")

    class Meta:
        model = TrainingParticipant


class PeerVisitFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Peer visit {n}")
    slug = factory.Sequence(lambda n: f"peer-visit-{n}")
    host = factory.SubFactory(MunicipalityFactory)
    phase = factory.SubFactory(ProgrammePhaseFactory)
    start_date = factory.LazyFunction(_days_from_today(30))

    class Meta:
        model = PeerVisit


class EventFactory(PublishableFactory):
    """A one-day regional workshop a month from now (end date empty)."""

    kind = Event.Kind.REGIONAL_WORKSHOP
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = factory.LazyFunction(_days_from_today(30))

    class Meta:
        model = Event


class EventFigureFactory(DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    label = "participants"
    value = 50

    class Meta:
        model = EventFigure


class SessionFactory(DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = Session.Kind.PLENARY
    day = factory.LazyAttribute(lambda o: o.event.start_date or timezone.localdate())

    class Meta:
        model = Session


class SpeakerFactory(DjangoModelFactory):
    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = Speaker


class EventMaterialFactory(DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    kind = EventMaterial.Kind.SLIDES
    title = factory.Sequence(lambda n: f"Material {n}")
    url = factory.Sequence(lambda n: f"https://example.org/materials/{n}.pdf")

    class Meta:
        model = EventMaterial


class PublicationFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.Sequence(lambda n: f"publication-{n}")
    year = 2023

    class Meta:
        model = Publication


class NewsArticleFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"News article {n}")
    slug = factory.Sequence(lambda n: f"news-article-{n}")
    body = "Body of the article."

    class Meta:
        model = NewsArticle


class OfficerInvitationFactory(DjangoModelFactory):
    """A pending invitation whose link's token is `token` (a test may set it):

    OfficerInvitationFactory(token="secret")   # valid at /accounts/invitation/secret/
    OfficerInvitationFactory(expired=True)     # expired yesterday
    OfficerInvitationFactory(accepted=True)    # used already
    """

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    municipality = factory.SubFactory(MunicipalityFactory)
    language = "en"
    token_hash = factory.LazyAttribute(lambda o: OfficerInvitation.hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Meta:
        model = OfficerInvitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))


class MunicipalityContactFactory(DjangoModelFactory):
    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")

    class Meta:
        model = MunicipalityContact


class MunicipalityDocumentFactory(DjangoModelFactory):
    """A small PDF, stored in the private storage (beside the test's MEDIA_ROOT)."""

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="minutes.pdf", data=samples.PDF)

    class Meta:
        model = MunicipalityDocument


class TrainingReportFactory(PublishableFactory):
    title = factory.Sequence(lambda n: f"Training report {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    body = "What the training achieved."

    class Meta:
        model = TrainingReport
