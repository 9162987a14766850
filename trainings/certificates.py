"""Certificates of attendance: a PDF with a page for each participant who attended."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from trainings.models import CurriculumModule, TrainingParticipant

# A certificate shows the training and names the participant.
PERMISSIONS = ("trainings.view_training", "trainings.view_trainingparticipant")


def certified(participants: QuerySet[TrainingParticipant]) -> QuerySet[TrainingParticipant]:
    """Those of `participants` who attended a training that has begun, with what their
    certificates show, in two queries whatever their number."""
    return (
        participants.filter(attended=True, training__start_date__lte=timezone.localdate())
        .select_related(
            "training__municipality__country",
            "training__phase",
            "training__trainer_organisation",
        )
        .prefetch_related(
            Prefetch(
                "training__modules",
                queryset=CurriculumModule.objects.order_by("position", "title"),
            )
        )
        .order_by("training__start_date", "training__title", "full_name", "pk")
    )


def require_permission(request: HttpRequest) -> None:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied


def certificates_response(
    request: HttpRequest, participants: list[TrainingParticipant], *, filename: str
) -> HttpResponse:
    """The PDF of the certificates of `participants` (see `certified`), for staff who
    may see trainings and their participants."""
    require_permission(request)
    from admin4all.pdf import pdf_response  # loads WeasyPrint: see admin4all.pdf

    context = {"participants": participants, "issued": timezone.localdate()}
    return pdf_response(request, "trainings/certificates.html", context, filename=filename)
