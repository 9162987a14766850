"""Which private data a user may reach as a municipal officer: the one place every
officer view and form asks.

Everything is scoped to the municipalities the user holds an officer membership of.
Staff roles give no officer access (staff work in the admin). Whatever lies outside the
scope answers 404 rather than 403, so that guessing an address or an id tells nothing
about what exists.
"""

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from municipalities.models import (
    GoodPractice,
    Municipality,
    MunicipalityContact,
    MunicipalityDocument,
)
from trainings.models import PeerVisit, Training, TrainingParticipant, TrainingReport

# Submissions officers make for staff review, by their name in URLs.
SUBMISSION_MODELS: dict[str, type[Model]] = {
    model.submission_kind: model for model in (GoodPractice, TrainingReport)
}


def officer_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities `user` is an officer of; none for visitors and inactive users."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    return Municipality.objects.filter(officer_memberships__user=user)


def officer_municipality_or_404(user, slug: str) -> Municipality:
    return get_object_or_404(officer_municipalities(user).select_related("country"), slug=slug)


def officer_documents(user) -> QuerySet[MunicipalityDocument]:
    return MunicipalityDocument.objects.filter(municipality__in=officer_municipalities(user))


def officer_document_or_404(user, pk: int) -> MunicipalityDocument:
    return get_object_or_404(officer_documents(user), pk=pk)


def officer_submissions(user, kind: str) -> QuerySet:
    """Submissions of `kind` made through the officer area for the user's cities, by
    any of their officers (colleagues of one city share their work)."""
    model = SUBMISSION_MODELS.get(kind)
    if model is None:
        raise Http404("No such kind of submission.")
    return model.objects.filter(
        municipality__in=officer_municipalities(user), submitted_by__isnull=False
    )


def officer_submission_or_404(user, kind: str, pk: int) -> Model:
    return get_object_or_404(
        officer_submissions(user, kind).select_related("municipality", "submitted_by"), pk=pk
    )


def _served(user, municipality: Municipality) -> QuerySet[Municipality]:
    """`municipality` if the user is one of its officers, else nothing."""
    return officer_municipalities(user).filter(pk=municipality.pk)


def officer_contacts(user, municipality: Municipality) -> QuerySet[MunicipalityContact]:
    return MunicipalityContact.objects.filter(municipality__in=_served(user, municipality))


def officer_trainings(user, municipality: Municipality) -> QuerySet[Training]:
    """The trainings held for `municipality`, if the user is one of its officers."""
    return Training.objects.filter(municipality__in=_served(user, municipality))


def officer_participants(user, municipality: Municipality) -> QuerySet[TrainingParticipant]:
    """The participant lists of `municipality`'s trainings, if the user is one of its
    officers: the city's own staff, whose lists its officers usually send."""
    return TrainingParticipant.objects.filter(training__in=officer_trainings(user, municipality))


def officer_peer_visits(user, municipality: Municipality) -> QuerySet[PeerVisit]:
    """Peer visits `municipality` hosts or makes, if the user is one of its officers."""
    served = _served(user, municipality)
    return PeerVisit.objects.filter(Q(host__in=served) | Q(visitors__in=served)).distinct()
