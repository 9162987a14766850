"""Selectors of the staff's data-quality page: the records that need attention.

Gathers across the domain apps, as reporting may (docs/architecture.md). Each section
is one query however many records match: the first `LIMIT` rows, each carrying the
number of all matches (a window count, computed before the limit).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from admin4all.models import Status
from events.models import Event, EventMaterial, NewsArticle, Publication, Session
from municipalities.models import GoodPractice, Municipality
from trainings.models import Training, TrainingReport

LIMIT = 20
STALE_AFTER = timedelta(days=365)
GOING_LIVE_WITHIN = timedelta(days=7)


@dataclass
class Section:
    """One list of the page: what is wrong, and the records concerned."""

    title: str
    explanation: str
    queryset: QuerySet
    # The attribute shown beside each record's name, and its column heading.
    detail: str = ""
    detail_label: str = ""

    @property
    def model(self):
        return self.queryset.model

    @property
    def model_name(self) -> str:
        return self.model._meta.verbose_name

    @property
    def view_permission(self) -> str:
        return f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"

    def rows(self) -> tuple[list, int]:
        """The first LIMIT records, each with its admin change URL, and how many match."""
        records = list(self.queryset.annotate(matches=Window(Count("pk")))[:LIMIT])
        meta = self.model._meta
        for record in records:
            record.detail = getattr(record, self.detail) if self.detail else ""
            record.admin_url = reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk]
            )
        return records, records[0].matches if records else 0


def sections() -> list[Section]:
    now = timezone.now()
    has_sessions = Exists(Session.objects.filter(event=OuterRef("pk")))
    has_materials = Exists(EventMaterial.objects.filter(event=OuterRef("pk")))
    missing = Case(
        When(has_sessions=False, has_materials=False, then=Value(str(_("agenda and materials")))),
        When(has_sessions=False, then=Value(str(_("agenda")))),
        default=Value(str(_("materials"))),
    )
    going_live = Q(status=Status.PUBLISHED, published_at__gt=now) & Q(
        published_at__lte=now + GOING_LIVE_WITHIN
    )
    return [
        Section(
            _("Published events without an agenda or materials"),
            _("Visitors find no sessions or no slides, reports or recordings."),
            Event.objects.filter(status=Status.PUBLISHED)
            .annotate(has_sessions=has_sessions, has_materials=has_materials)
            .filter(Q(has_sessions=False) | Q(has_materials=False))
            .annotate(missing=missing)
            .order_by("start_date", "title"),
            detail="missing",
            detail_label=_("missing"),
        ),
        Section(
            _("Municipalities not updated for a year"),
            _("Their public page may be out of date."),
            Municipality.objects.filter(updated_at__lt=now - STALE_AFTER).order_by(
                "updated_at", "name"
            ),
            detail="updated_at",
            detail_label=_("last updated"),
        ),
        Section(
            _("Trainings held without attendance figures"),
            _("The staff trained cannot be counted until the participants are entered."),
            Training.objects.past()
            .filter(attendance_total__isnull=True)
            .select_related("municipality")
            .order_by("start_date", "title"),
            detail="municipality",
            detail_label=_("municipality"),
        ),
        Section(
            _("Good practices awaiting review"),
            _("Submitted by officers; publish them or return them with a comment."),
            GoodPractice.objects.awaiting_review()
            .select_related("municipality")
            .order_by("updated_at", "title"),
            detail="municipality",
            detail_label=_("municipality"),
        ),
        Section(
            _("Training reports awaiting review"),
            _("Submitted by officers; accept them or return them with a comment."),
            TrainingReport.objects.awaiting_review()
            .select_related("municipality")
            .order_by("updated_at", "title"),
            detail="municipality",
            detail_label=_("municipality"),
        ),
        *(
            Section(
                _("%(items)s going live in the next 7 days")
                % {"items": capfirst(model._meta.verbose_name_plural)},
                _("Published with a publication time still to come."),
                model.objects.filter(going_live).order_by("published_at", "title"),
                detail="published_at",
                detail_label=_("publication time"),
            )
            for model in (Event, NewsArticle, Publication, GoodPractice)
        ),
    ]
