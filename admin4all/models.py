"""Programme-wide models and the abstract bases every app shares.

The core imports no other app of the project (docs/architecture.md): every app builds
on what is here.
"""

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from admin4all.addresses import slug_address
from admin4all.constraints import ConstraintFieldsModel
from admin4all.history import track_links, tracked
from admin4all.language_names import lazy_language_name
from admin4all.translation import InActiveLanguage, TranslationField, in_active_language


def language_choices() -> list[tuple[str, str]]:
    """The portal's languages, for a field's choices: a callable, so that settings are
    read when a form needs them, and migrations do not copy the list; each named in the
    language of the page that shows the choice."""
    return [(code, lazy_language_name(code)) for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.LANGUAGE_CODE


# Django's longest language codes ("zh-hans") have 7 characters.
LANGUAGE_CODE_LENGTH = 7


@tracked(exclude=["password", "last_login"])
class User(AbstractUser):
    """A member of programme staff or a municipal officer; logs in by email."""

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=LANGUAGE_CODE_LENGTH,
        choices=language_choices,
        default=default_language,
        help_text=_("The language of the emails the portal sends this person."),
    )

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.email or self.username


class TimestampedModel(models.Model):
    """Adds when a record was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DemoFlagModel(models.Model):
    """Marks the synthetic records generate_demo_data writes, so that pages under load
    tests can be told from the programme's real content and removed all at once."""

    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        # Set only by the generator: an edit must not turn real content into demo data
        # that --delete would remove, nor the reverse.
        editable=False,
        help_text=_("Synthetic record made by generate_demo_data; not programme content."),
    )

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, with a publication time already passed."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def awaiting_review(self):
        return self.filter(status=Status.REVIEW)


class DatedQuerySet(models.QuerySet):
    """For activities with a start date and an optional end date (a one-day activity
    may leave it empty) that belong to a phase."""

    @staticmethod
    def _not_over() -> Q:
        today = timezone.localdate()
        return Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)

    def upcoming(self):
        """Not over yet: ongoing or still to come."""
        return self.filter(self._not_over())

    def upcoming_first(self):
        """Those not over yet, soonest first, then the past ones, latest first: the
        order in which a bounded list keeps what matters most."""
        not_over = self._not_over()
        return self.order_by(
            Case(When(not_over, then=Value(0)), default=Value(1)),
            Case(When(not_over, then=F("start_date"))).asc(nulls_last=True),
            F("start_date").desc(nulls_last=True),
            "pk",
        )

    def past(self):
        today = timezone.localdate()
        return self.filter(Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today))

    def in_phase(self, phase):
        return self.filter(phase=phase)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("awaiting review")
    PUBLISHED = "published", _("published")


class PublishableModel(ConstraintFieldsModel, TimestampedModel):
    """Public content: visible only once published and its publication time has come.

    A published item with a future publication time is scheduled: it appears nowhere
    public until then; one published without a time is published when it is saved.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Set a future time to schedule the item. Left empty, publishing sets it to the "
            "time of saving."
        ),
    )

    objects = PublishableQuerySet.as_manager()

    constraint_fields = {"%(app_label)s_%(class)s_published_has_time": ("published_at",)}

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
                violation_error_message=_("A published item needs a publication time."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="%(class)s_pub"),
        ]

    def clean(self):
        # Choosing "published" without a time means now: every form and import saves
        # the item published, where the constraint would refuse it.
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class SubmissionModel(PublishableModel):
    """Content an officer submits for staff review: awaiting review until staff publish
    it or return it with a comment."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)s_submissions",
    )
    review_comment = models.TextField(
        _("review comment"), blank=True, help_text=_("Shown to the officer who submitted it.")
    )

    # The kind's name in the officer area's URLs ("good-practice"), set by each model.
    submission_kind: str

    class Meta(PublishableModel.Meta):
        abstract = True

    def get_officer_url(self) -> str:
        """The submission's page in the officer area, where its submitter follows it."""
        return reverse(
            "officer:submission_detail", kwargs={"kind": self.submission_kind, "pk": self.pk}
        )


END_DATE_BEFORE_START = _("The end date cannot be before the start date.")


def end_not_before_start(
    prefix: str, start="start_date", end="end_date", message=END_DATE_BEFORE_START
):
    """The constraint every dated record carries: it cannot end before it starts. Its
    models give it the end field in their constraint_fields."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"{prefix}_end_not_before_start",
        violation_error_message=message,
    )


class Indicator(models.TextChoices):
    """The programme's indicators: the expected results of the seeds and the activities
    that lead to them. What each counts is reporting.indicators'."""

    STAFF_TRAINED = "staff_trained", _("staff trained")
    TRAININGS_HELD = "trainings_held", _("trainings held")
    PEER_VISITS = "peer_visits", _("peer-exchange visits")
    PARTICIPATING_MUNICIPALITIES = "municipalities", _("participating municipalities")
    COORDINATION_MECHANISMS = (
        "coordination_mechanisms",
        _("municipalities with coordination mechanisms"),
    )
    GOOD_PRACTICES = "good_practices", _("good practices shared")
    EVENTS = "events", _("events")
    EVENT_PARTICIPANTS = "event_participants", _("event participants")


class ReportedFigure(models.Model):
    """A figure as a source reports it ("more than 500 people trained").

    Sources round and disagree; keeping the qualifier and the source lets pages show
    each figure honestly instead of inventing a precise one.
    """

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        MORE_THAN = "more_than", _("more than")

    label = models.CharField(
        _("what is counted"), max_length=200, help_text=_('For example "people trained".')
    )
    value = models.PositiveIntegerField(_("value"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the figure is reported.")
    )
    indicator = models.CharField(
        _("indicator"),
        max_length=30,
        choices=Indicator.choices,
        blank=True,
        help_text=_(
            "The indicator this figure reports on. Figures of one phase or event on the same "
            "indicator are one fact in several sources' words: shown once, each source's "
            "wording as a note."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("label",))

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        label = in_active_language(self, "label")
        if self.qualifier == self.Qualifier.EXACT:
            return f"{self.value} {label}"
        return f"{self.get_qualifier_display()} {self.value} {label}"


@tracked()
class Organisation(DemoFlagModel, TimestampedModel):
    """An institution that funds, runs, hosts or takes part in the programme."""

    class Kind(models.TextChoices):
        EU_INSTITUTION = "eu_institution", _("EU institution")
        INTERNATIONAL = "international", _("international organisation")
        NATIONAL_AUTHORITY = "national_authority", _("national authority")
        LOCAL_AUTHORITY = "local_authority", _("local authority")
        RESEARCH = "research", _("research institute")
        NETWORK = "network", _("network or association")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # An organisation's official name in each language where it has one ("Organizzazione
    # Internazionale per le Migrazioni", acronym "OIM"); the English where it has none.
    i18n = TranslationField(fields=("description", "name", "acronym"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        name = in_active_language(self, "name")
        return f"{name} ({in_active_language(self, 'acronym')})" if self.acronym else name

    def get_absolute_url(self):
        return slug_address("portal:organisation_detail", self.slug)


@tracked()
class Person(DemoFlagModel, TimestampedModel):
    """Someone named in the programme: a speaker, trainer, author or official."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As the sources give it; a surname alone when that is all they say."),
    )
    honorific = models.CharField(
        _("honorific"), max_length=20, blank=True, help_text=_('For example "Mr." or "Dr."')
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    job_title = models.CharField(_("role"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    bio = models.TextField(_("biography"), blank=True)
    i18n = TranslationField(fields=("job_title", "bio", "honorific"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        if self.honorific:
            return f"{in_active_language(self, 'honorific')} {self.name}"
        return self.name

    def get_absolute_url(self):
        return slug_address("portal:person_detail", self.slug)


@tracked()
class Theme(TimestampedModel):
    """A subject that events, news, publications and good practices are tagged with."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    i18n = TranslationField(fields=("name", "description"))

    class Meta:
        ordering = [InActiveLanguage("name")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return in_active_language(self, "name")

    def get_absolute_url(self):
        return slug_address("portal:theme_detail", self.slug)


@tracked()
class ProgrammePhase(ConstraintFieldsModel, TimestampedModel):
    """A phase of the programme, with its own name, period and goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    managed_by = models.ForeignKey(
        Organisation,
        verbose_name=_("managed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases_managed",
    )
    funded_by = models.ForeignKey(
        Organisation,
        verbose_name=_("funded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases_funded",
    )
    i18n = TranslationField(fields=("name", "summary", "description"))

    constraint_fields = {"programmephase_end_not_before_start": ("end_date",)}

    class Meta:
        ordering = ["number"]
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        constraints = [end_not_before_start("programmephase")]

    def __str__(self):
        return _("Phase %(number)s: %(name)s") % {
            "number": self.number,
            "name": in_active_language(self, "name"),
        }

    def get_absolute_url(self):
        return slug_address("portal:phase_detail", self.slug)


@tracked()
class PhaseGoal(models.Model):
    """An objective or an expected result of a phase; expected results are also the
    programme's indicators."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("objective")
        EXPECTED_RESULT = "expected_result", _("expected result")

    phase = models.ForeignKey(
        ProgrammePhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="goals"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("text",))

    class Meta:
        ordering = ["phase", "kind", "position", "pk"]
        verbose_name = _("phase goal")
        verbose_name_plural = _("phase goals")

    def __str__(self):
        return in_active_language(self, "text")


@tracked()
class PhaseFigure(ReportedFigure):
    """A figure reported for a whole phase ("more than 500 people reached")."""

    phase = models.ForeignKey(
        ProgrammePhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="figures"
    )

    class Meta(ReportedFigure.Meta):
        verbose_name = _("phase figure")
        verbose_name_plural = _("phase figures")


track_links(User.groups, User.user_permissions)


class ChangeHistory(Events):
    """Every recorded change of every tracked model, for the admin's global history,
    with who made it and through which page or command."""

    user = pghistory.ProxyField(
        "pgh_context__user",
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            verbose_name=_("user"),
            on_delete=models.DO_NOTHING,
            null=True,
        ),
    )
    url = pghistory.ProxyField("pgh_context__url", models.TextField(_("page"), null=True))
    command = pghistory.ProxyField(
        "pgh_context__command", models.TextField(_("command"), null=True)
    )

    class Meta:
        proxy = True
        verbose_name = _("recorded change")
        verbose_name_plural = _("change history")


class OutgoingEmail(models.Model):
    """An email the portal sends: written by the request that sends it (admin4all.mail),
    delivered by the task queue's worker (admin4all.tasks). Staff see here what went
    out and what could not be delivered. The content is cleared once delivered (it may
    hold a password reset link); the row is removed after TASK_RETENTION_HOURS."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.TextField(_("subject"))
    message = models.JSONField(
        default=dict,
        help_text="Everything the delivery needs (admin4all.mail); empty once delivered.",
    )
    state = models.CharField(_("state"), max_length=6, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return self.subject
