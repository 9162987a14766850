"""Training sessions for municipal staff, the curriculum they follow, peer visits, and
the training reports officers submit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from admin4all.addresses import slug_address
from admin4all.constraints import ConstraintFieldsModel
from admin4all.history import track_links, tracked
from admin4all.models import (
    DatedQuerySet,
    DemoFlagModel,
    Organisation,
    Person,
    ProgrammePhase,
    PublishableModel,
    SubmissionModel,
    Theme,
    TimestampedModel,
    end_not_before_start,
)
from admin4all.translation import InActiveLanguage, TranslationField, in_active_language
from admin4all.uploads import UploadPath, original_file_name, private_storage, validate_upload
from municipalities.models import Municipality


@tracked()
class CurriculumModule(DemoFlagModel, TimestampedModel):
    """A module of the training curriculum built from the needs assessment."""

    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        related_name="curriculum_modules",
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("title", "description"))

    class Meta:
        ordering = ["phase", "position", InActiveLanguage("title")]
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")

    def __str__(self):
        return in_active_language(self, "title")


def _breakdown_constraints(prefix: str, parts: list[str], adds_up: str, within_total: str):
    """A breakdown reported in full adds up to the reported total; a partial one
    does not exceed it. The messages say so in the breakdown's words."""
    full_sum = sum((F(part) for part in parts[1:]), F(parts[0]))
    partial_sum = sum((Coalesce(F(part), 0) for part in parts[1:]), Coalesce(F(parts[0]), 0))
    any_missing = Q()
    for field in ["attendance_total", *parts]:
        any_missing |= Q(**{f"{field}__isnull": True})
    return [
        models.CheckConstraint(
            condition=any_missing | Q(attendance_total=full_sum),
            name=f"training_{prefix}_adds_up",
            violation_error_message=adds_up,
        ),
        models.CheckConstraint(
            condition=Q(attendance_total__isnull=True) | Q(attendance_total__gte=partial_sum),
            name=f"training_{prefix}_within_total",
            violation_error_message=within_total,
        ),
    ]


GENDER_FIELDS = ["attendance_women", "attendance_men", "attendance_other_gender"]
SERVICE_FIELDS = [
    "attendance_social_services",
    "attendance_immigration_office",
    "attendance_employment_services",
    "attendance_other_services",
]


@tracked()
class Training(ConstraintFieldsModel, DemoFlagModel, TimestampedModel):
    """A training session held for a municipality's staff.

    Attendance is disaggregated the way the donor asks for it: by gender and by the
    service the participants work in. Empty figures mean "not reported", not zero.
    """

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    phase = models.ForeignKey(
        ProgrammePhase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="trainings"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=250, blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("For example: municipal social services and immigration departments."),
    )
    description = models.TextField(_("description"), blank=True)
    trainers = models.ManyToManyField(
        Person, verbose_name=_("trainers"), blank=True, related_name="trainings_given"
    )
    trainer_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("training provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings_given",
    )
    modules = models.ManyToManyField(
        CurriculumModule,
        verbose_name=_("curriculum modules"),
        blank=True,
        related_name="trainings",
    )
    attendance_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    attendance_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    attendance_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    attendance_other_gender = models.PositiveIntegerField(
        _("other or undisclosed gender"), null=True, blank=True
    )
    attendance_social_services = models.PositiveIntegerField(
        _("from social services"), null=True, blank=True
    )
    attendance_immigration_office = models.PositiveIntegerField(
        _("from the immigration office"), null=True, blank=True
    )
    attendance_employment_services = models.PositiveIntegerField(
        _("from employment services"), null=True, blank=True
    )
    attendance_other_services = models.PositiveIntegerField(
        _("from other services"), null=True, blank=True
    )
    # The location is a place name, kept as written.
    i18n = TranslationField(fields=("title", "audience", "description"))

    objects = DatedQuerySet.as_manager()

    # A breakdown's messages go on its first figure, where its row of figures begins.
    constraint_fields = {
        "training_end_not_before_start": ("end_date",),
        "training_gender_adds_up": (GENDER_FIELDS[0],),
        "training_gender_within_total": (GENDER_FIELDS[0],),
        "training_service_adds_up": (SERVICE_FIELDS[0],),
        "training_service_within_total": (SERVICE_FIELDS[0],),
    }

    class Meta:
        ordering = ["-start_date", InActiveLanguage("title")]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            end_not_before_start("training"),
            *_breakdown_constraints(
                "gender",
                GENDER_FIELDS,
                adds_up=_(
                    "Women, men and other gender must add up to the participants when all "
                    "three are given."
                ),
                within_total=_("Women, men and other gender exceed the participants."),
            ),
            *_breakdown_constraints(
                "service",
                SERVICE_FIELDS,
                adds_up=_(
                    "The four services must add up to the participants when all four are given."
                ),
                within_total=_("The services exceed the participants."),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "start_date"], name="training_city_date")]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("trainings:training_detail", self.slug)


@tracked()
class PeerVisit(ConstraintFieldsModel, DemoFlagModel, TimestampedModel):
    """A peer-exchange visit: one municipality hosts officers of others to show its work."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    host = models.ForeignKey(
        Municipality,
        verbose_name=_("host municipality"),
        on_delete=models.PROTECT,
        related_name="peer_visits_hosted",
    )
    visitors = models.ManyToManyField(
        Municipality, verbose_name=_("visiting municipalities"), related_name="peer_visits_made"
    )
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        related_name="peer_visits",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="peer_visits"
    )
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    programme = models.TextField(_("programme of the visit"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    i18n = TranslationField(fields=("title", "programme", "findings", "recommendations"))

    objects = DatedQuerySet.as_manager()

    constraint_fields = {"peervisit_end_not_before_start": ("end_date",)}

    class Meta:
        ordering = ["-start_date", InActiveLanguage("title")]
        verbose_name = _("peer visit")
        verbose_name_plural = _("peer visits")
        constraints = [end_not_before_start("peervisit")]
        indexes = [models.Index(fields=["host", "start_date"], name="peervisit_host_date")]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("trainings:peer_visit_detail", self.slug)


track_links(Training.trainers, Training.modules, PeerVisit.visitors, PeerVisit.themes)


@tracked()
class TrainingParticipant(ConstraintFieldsModel, TimestampedModel):
    """A person on a training's participant list. Personal data: staff see it in the
    admin, officers see the names on their own city's lists, the public never."""

    # The categories of the training's attendance breakdown, each counted in its field.
    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", _("other or undisclosed gender")

    class Service(models.TextChoices):
        SOCIAL_SERVICES = "social_services", _("social services")
        IMMIGRATION_OFFICE = "immigration_office", _("immigration office")
        EMPLOYMENT_SERVICES = "employment_services", _("employment services")
        OTHER = "other", _("other services")

    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        # The list belongs to the training: it goes with it.
        on_delete=models.CASCADE,
        related_name="participants",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Leave empty when it was not recorded."),
    )
    service = models.CharField(
        _("service"),
        max_length=20,
        choices=Service.choices,
        blank=True,
        help_text=_("The service the participant works in; empty when not recorded."),
    )
    organisation = models.CharField(_("organisation or department"), max_length=250, blank=True)
    attended = models.BooleanField(
        _("attended"),
        default=True,
        help_text=_("Untick for someone registered who did not come: no certificate."),
    )

    constraint_fields = {
        "trainingparticipant_name_once": ("full_name",),
        "trainingparticipant_email_once": ("email",),
    }

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("training participant")
        verbose_name_plural = _("training participants")
        constraints = [
            # A spreadsheet row finds its participant by name or email in the training.
            models.UniqueConstraint(
                "training",
                Lower("full_name"),
                name="trainingparticipant_name_once",
                violation_error_message=_("This training already lists someone of this name."),
            ),
            models.UniqueConstraint(
                fields=["training", "email"],
                condition=~Q(email=""),
                name="trainingparticipant_email_once",
                violation_error_message=_(
                    "This training already lists someone with this email address."
                ),
            ),
        ]

    def __str__(self):
        return self.full_name


# The attendance field of the training that counts each category.
GENDER_ATTENDANCE = dict(zip(TrainingParticipant.Gender, GENDER_FIELDS, strict=True))
SERVICE_ATTENDANCE = dict(zip(TrainingParticipant.Service, SERVICE_FIELDS, strict=True))


@tracked()
class TrainingReport(SubmissionModel):
    """A municipality's report on its training work, submitted by an officer for staff
    review. Private: published means accepted by staff, not shown to the public."""

    submission_kind = "training-report"

    title = models.CharField(_("title"), max_length=250)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="training_reports",
    )
    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("The training reported on, if the report is about one."),
    )
    body = models.TextField(_("report"))
    attachment = models.FileField(
        _("attachment"),
        upload_to=UploadPath("training-reports"),
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_upload],
    )

    class Meta(PublishableModel.Meta):
        ordering = ["-created_at", "title"]
        verbose_name = _("training report")
        verbose_name_plural = _("training reports")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (
            self.training_id
            and self.municipality_id
            and self.training.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"training": _("This training was held for another municipality.")}
            )

    @property
    def attachment_name(self) -> str:
        return original_file_name(self.attachment.name) if self.attachment else ""
