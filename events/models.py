"""Regional events with their agenda and speakers, and what comes out of them:
materials, publications and news."""

from django.db import models
from django.db.models import F, Q
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
    PublishableQuerySet,
    ReportedFigure,
    Status,
    Theme,
    end_not_before_start,
)
from admin4all.search_documents import SearchableManager, SearchDocument
from admin4all.translation import InActiveLanguage, TranslationField, in_active_language
from admin4all.uploads import UploadPath, validate_upload
from municipalities.models import Country, Municipality


class EventQuerySet(PublishableQuerySet, DatedQuerySet):
    def in_country(self, country):
        return self.filter(country=country)


def listed_in_order(*order: F, name: str) -> models.Index:
    """The index of a public list's order, over published items only: the list reads
    its first page from it instead of sorting every published row."""
    return models.Index(*order, F("title"), name=name, condition=Q(status=Status.PUBLISHED))


@tracked()
class Event(DemoFlagModel, PublishableModel):
    """A regional workshop, consultation, webinar or other gathering of the programme."""

    class Kind(models.TextChoices):
        REGIONAL_WORKSHOP = "regional_workshop", _("regional workshop")
        REGIONAL_CONSULTATION = "regional_consultation", _("regional consultation")
        WEBINAR = "webinar", _("webinar")
        CONFERENCE = "conference", _("conference")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the sources do not give the date."),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    host_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("hosted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), blank=True, related_name="events_organised"
    )
    participating_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="events",
    )
    participating_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="events_attended",
    )
    participant_count = models.PositiveIntegerField(
        _("participants as reported"), null=True, blank=True
    )
    participant_count_qualifier = models.CharField(
        _("participants qualifier"),
        max_length=10,
        choices=ReportedFigure.Qualifier.choices,
        default=ReportedFigure.Qualifier.EXACT,
    )
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("One objective per line.")
    )
    outcome = models.TextField(_("outcome"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="events"
    )
    # The venue and address are kept as the place writes them; the city has its name in
    # each language ("Bruxelles", "Mailand").
    i18n = TranslationField(
        fields=("title", "summary", "description", "objectives", "outcome", "city")
    )

    search_document = SearchDocument(
        names=["title"], summaries=["summary"], bodies=["description"], translated=i18n.fields
    ).field()

    objects = SearchableManager.from_queryset(EventQuerySet)()

    constraint_fields = {
        **PublishableModel.constraint_fields,
        "event_end_not_before_start": ("end_date",),
        "event_end_needs_start": ("start_date",),
    }

    class Meta(PublishableModel.Meta):
        ordering = [F("start_date").desc(nulls_last=True), InActiveLanguage("title")]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            *PublishableModel.Meta.constraints,
            end_not_before_start("event"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False),
                name="event_end_needs_start",
                violation_error_message=_("An end date needs a start date."),
            ),
        ]
        indexes = [
            *PublishableModel.Meta.indexes,
            models.Index(fields=["start_date"], name="event_start_date"),
            listed_in_order(F("start_date").desc(nulls_last=True), name="event_listed"),
            SearchDocument.index("event_search"),
        ]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("events:event_detail", self.slug)

    @property
    def objective_list(self) -> list[str]:
        """The objectives in the active language (English where it has none)."""
        return [line.strip() for line in self.objectives_i18n.splitlines() if line.strip()]


@tracked()
class EventFigure(ReportedFigure):
    """A figure reported about an event, kept per source when sources disagree."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="figures"
    )

    class Meta(ReportedFigure.Meta):
        verbose_name = _("event figure")
        verbose_name_plural = _("event figures")


@tracked()
class Session(ConstraintFieldsModel, DemoFlagModel):
    """An item of an event's agenda: a plenary, a panel, a thematic workshop..."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("opening")
        PLENARY = "plenary", _("plenary")
        PANEL = "panel", _("panel")
        THEMATIC_WORKSHOP = "thematic_workshop", _("thematic workshop")
        PRESENTATION = "presentation", _("presentation")
        DISCUSSION = "discussion", _("discussion")
        CLOSING = "closing", _("closing")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    track = models.CharField(
        _("parallel track"),
        max_length=150,
        blank=True,
        help_text=_("Name of the track when sessions run in parallel."),
    )
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="sessions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("title", "description", "track"))
    search_document = SearchDocument(
        names=["title"], bodies=["description"], translated=i18n.fields
    ).field()

    objects = SearchableManager()

    constraint_fields = {"session_end_not_before_start": ("end_time",)}

    class Meta:
        ordering = ["event", "day", "position", "start_time", "track"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [SearchDocument.index("session_search")]
        constraints = [
            end_not_before_start(
                "session",
                start="start_time",
                end="end_time",
                message=_("The end time cannot be before the start time."),
            )
        ]

    def __str__(self):
        return in_active_language(self, "title")


@tracked()
class Speaker(ConstraintFieldsModel, DemoFlagModel):
    """A person speaking in a session, with the role and affiliation they had then."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("speaker")
        PANELLIST = "panellist", _("panellist")
        MODERATOR = "moderator", _("moderator")
        PRESENTER = "presenter", _("presenter")
        OPENING = "opening", _("opening remarks")
        CLOSING = "closing", _("closing remarks")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="speaking_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    job_title = models.CharField(
        _("position at the time"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to show the person's current role."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation at the time"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speakers",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("job_title",))

    constraint_fields = {"speaker_once_per_session": ("person",)}

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="speaker_once_per_session",
                violation_error_message=_("This person already speaks in this session."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def job_title_holder(self) -> "Speaker | Person":
        """Whose job title the agenda shows: the role the speaker had then, or else
        the person's current one."""
        return self if self.job_title else self.person


def material_upload_to(instance, filename):
    return UploadPath("events", owner="event_id")(instance, filename)


@tracked()
class EventMaterial(ConstraintFieldsModel):
    """Slides, a report, a recording or a photo attached to an event."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("slides")
        REPORT = "report", _("report")
        RECORDING = "recording", _("recording")
        PHOTO = "photo", _("photo")
        OTHER = "other", _("other")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(
        _("file"),
        upload_to=material_upload_to,
        max_length=255,
        blank=True,
        validators=[validate_upload],
    )
    url = models.URLField(_("link"), blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    i18n = TranslationField(fields=("title", "caption"))

    constraint_fields = {"eventmaterial_file_or_link": ("file", "url")}

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="", url=""),
                name="eventmaterial_file_or_link",
                violation_error_message=_("Upload a file or give a link."),
            ),
        ]

    def __str__(self):
        return in_active_language(self, "title")


@tracked()
class Publication(DemoFlagModel, PublishableModel):
    """A study or report produced by the programme."""

    class Kind(models.TextChoices):
        STUDY = "study", _("study")
        REPORT = "report", _("report")
        BRIEF = "brief", _("policy brief")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STUDY)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    authors = models.ManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="publications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=UploadPath("publications", owner=None),
        max_length=255,
        blank=True,
        validators=[validate_upload],
    )
    url = models.URLField(_("link"), blank=True)
    presented_at = models.ForeignKey(
        Event,
        verbose_name=_("presented at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="publications"
    )
    i18n = TranslationField(fields=("title", "summary"))
    search_document = SearchDocument(
        names=["title"], summaries=["summary"], translated=i18n.fields
    ).field()

    objects = SearchableManager.from_queryset(PublishableQuerySet)()

    constraint_fields = {**PublishableModel.constraint_fields, "publication_year_range": ("year",)}

    class Meta(PublishableModel.Meta):
        ordering = [F("year").desc(nulls_last=True), InActiveLanguage("title")]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [*PublishableModel.Meta.indexes, SearchDocument.index("publication_search")]
        constraints = [
            *PublishableModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1990, year__lte=2100),
                name="publication_year_range",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
        ]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("events:publication_detail", self.slug)


@tracked()
class NewsArticle(DemoFlagModel, PublishableModel):
    """A news article, usually reporting an event."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"))
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_articles",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="news_articles"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="news_articles"
    )
    i18n = TranslationField(fields=("title", "summary", "body"))
    search_document = SearchDocument(
        names=["title"], summaries=["summary"], bodies=["body"], translated=i18n.fields
    ).field()

    objects = SearchableManager.from_queryset(PublishableQuerySet)()

    class Meta(PublishableModel.Meta):
        # Newest first; drafts, which have no publication time, last.
        ordering = [F("published_at").desc(nulls_last=True), InActiveLanguage("title")]
        get_latest_by = "published_at"
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [
            *PublishableModel.Meta.indexes,
            listed_in_order(F("published_at").desc(nulls_last=True), name="newsarticle_listed"),
            SearchDocument.index("newsarticle_search"),
        ]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("events:news_article_detail", self.slug)


track_links(
    Event.organisers,
    Event.participating_municipalities,
    Event.participating_organisations,
    Event.themes,
    Session.themes,
    Publication.authors,
    Publication.themes,
    NewsArticle.municipalities,
    NewsArticle.themes,
)
