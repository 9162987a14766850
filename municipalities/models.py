"""Countries, municipalities, their part in each phase, their officers and good practices;
officer invitations and each city's private contacts and documents."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Concat
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from admin4all.addresses import slug_address
from admin4all.constraints import ConstraintFieldsModel
from admin4all.history import track_links, tracked
from admin4all.models import (
    LANGUAGE_CODE_LENGTH,
    DemoFlagModel,
    ProgrammePhase,
    PublishableModel,
    PublishableQuerySet,
    SubmissionModel,
    Theme,
    TimestampedModel,
    language_choices,
)
from admin4all.search_documents import SearchableManager, SearchDocument, Words
from admin4all.translation import (
    InActiveLanguage,
    TranslationField,
    in_active_language,
    translation_of,
)
from admin4all.uploads import UploadPath, original_file_name, private_storage, validate_upload

# The language of the officers of each programme country, by ISO code: what their
# invitation is in unless staff choose another. Countries not listed (Malta) get English.
COUNTRY_LANGUAGES = {
    "AT": "de",
    "CY": "el",
    "DE": "de",
    "ES": "es",
    "GR": "el",
    "IT": "it",
    "PL": "pl",
    "RO": "ro",
}


@tracked()
class Country(ConstraintFieldsModel, TimestampedModel):
    """A member state whose municipalities take part in the programme."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    native_name = models.CharField(_("native name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    iso_code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. IT.")
    )
    # "Italy" is "Italia", "Italien"... in the other languages; native_name stays the
    # country's own.
    i18n = TranslationField(fields=("name",))
    # Not searched on its own: the search matches a country's municipalities by it.
    search_document = SearchDocument(names=["name", "native_name"], translated=i18n.fields).field()

    objects = SearchableManager()

    constraint_fields = {"country_iso_code_format": ("iso_code",)}

    class Meta:
        ordering = [InActiveLanguage("name")]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="country_iso_code_format",
                violation_error_message=_(
                    "Write the code in two capital letters, as in ISO 3166-1: IT, PL."
                ),
            ),
        ]

    def __str__(self):
        return in_active_language(self, "name")

    def get_absolute_url(self):
        return slug_address("municipalities:country_detail", self.slug)

    @property
    def language(self) -> str:
        """The portal's language its officers read (COUNTRY_LANGUAGES)."""
        return COUNTRY_LANGUAGES.get(self.iso_code, settings.LANGUAGE_CODE)


# The alternative spellings as one text, "Wroclav | Breslau", so that a spelling can be
# matched in part or (between separators) as a whole.
SEPARATOR = " | "
ALTERNATIVE_NAMES_TEXT = Func(
    F("alternative_names"),
    Value(SEPARATOR),
    function="array_to_string",
    output_field=models.TextField(),
)


def _name_contains(text: str) -> Q:
    return (
        Q(name__unaccent__icontains=text)
        | Q(native_name__unaccent__icontains=text)
        | Q(alternative_names_text__unaccent__icontains=text)
    )


class MunicipalityQuerySet(models.QuerySet):
    def in_country(self, country):
        return self.filter(country=country)

    def in_phase(self, phase):
        return self.filter(participations__phase=phase)

    def matching_name(self, text: str):
        """Municipalities whose name, native name or any alternative spelling contains
        `text`, ignoring case and diacritics."""
        return self.annotate(alternative_names_text=ALTERNATIVE_NAMES_TEXT).filter(
            _name_contains(text)
        )

    def named(self, text: str):
        """The municipalities `text` may mean, most likely first, each with its
        `closeness`: 0 for the one whose slug it is (what the site's links use); 1 for
        those it names exactly (name, native name or an alternative spelling, ignoring
        case and diacritics); 2 for those whose names contain it."""
        exactly = (
            Q(name__unaccent__iexact=text)
            | Q(native_name__unaccent__iexact=text)
            | Q(alternative_names_list__unaccent__icontains=f"{SEPARATOR}{text}{SEPARATOR}")
        )
        return (
            self.annotate(
                alternative_names_text=ALTERNATIVE_NAMES_TEXT,
                alternative_names_list=Concat(
                    Value(SEPARATOR),
                    ALTERNATIVE_NAMES_TEXT,
                    Value(SEPARATOR),
                    output_field=models.TextField(),
                ),
            )
            .filter(Q(slug=text) | _name_contains(text))
            .annotate(closeness=Case(When(slug=text, then=0), When(exactly, then=1), default=2))
            .order_by("closeness", "name", "pk")
        )


@tracked()
class Municipality(ConstraintFieldsModel, DemoFlagModel, TimestampedModel):
    """A city, or a group of local authorities, taking part in the programme."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        LOCAL_AUTHORITIES = "local_authorities", _("local and national authorities")

    name = models.CharField(
        _("name"), max_length=150, help_text=_("The canonical name, with its diacritics.")
    )
    native_name = models.CharField(
        _("native name"),
        max_length=150,
        blank=True,
        help_text=_("The name in the local language."),
    )
    alternative_names = ArrayField(
        models.CharField(max_length=150),
        verbose_name=_("alternative spellings"),
        default=list,
        blank=True,
        help_text=_("Other spellings found in documents, separated by commas; search finds them."),
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="municipalities"
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    profile = models.TextField(_("profile"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("public contact email"), blank=True)
    phases = models.ManyToManyField(
        ProgrammePhase,
        verbose_name=_("phases"),
        through="Participation",
        related_name="municipalities",
    )
    # The city's name in each language that has its own ("Mailand", "Μιλάνο"), as data:
    # no library holds the names of cities. Without one, the canonical name stands.
    i18n = TranslationField(fields=("profile", "name"))

    search_document = SearchDocument(
        names=["name", "native_name", Words("alternative_names")],
        bodies=["profile"],
        translated=i18n.fields,
    ).field()

    objects = SearchableManager.from_queryset(MunicipalityQuerySet)()

    constraint_fields = {
        "municipality_unique_name": ("name",),
        "municipality_latitude_range": ("latitude",),
        "municipality_longitude_range": ("longitude",),
        "municipality_coordinates_together": ("latitude", "longitude"),
    }

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                name="municipality_unique_name",
                violation_error_message=_("This country already has a municipality of this name."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="municipality_latitude_range",
                violation_error_message=_("The latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="municipality_longitude_range",
                violation_error_message=_("The longitude must be between -180 and 180."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="municipality_coordinates_together",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [
            GinIndex(fields=["alternative_names"], name="municipality_alt_names"),
            SearchDocument.index("municipality_search"),
        ]

    def __str__(self):
        return in_active_language(self, "name")

    def get_absolute_url(self):
        return slug_address("portal:municipality_detail", self.slug)

    @property
    def name_in_active_language(self) -> str:
        """The city's name for a reader of the active language: its name in that
        language, else its native name when that is the country's language ("Milano"
        for an Italian reader even with no Italian name recorded), else the canonical."""
        language = translation.get_language()
        if language != settings.LANGUAGE_CODE and (name := translation_of(self, "name", language)):
            return name
        if self.native_name and language == self.country.language:
            return self.native_name
        return self.name


@tracked()
class Participation(ConstraintFieldsModel, DemoFlagModel, TimestampedModel):
    """A municipality's part in one phase: what the needs assessment found, and how it
    coordinates its services."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    needs_assessment = models.TextField(_("needs assessment"), blank=True)
    has_coordination_mechanism = models.BooleanField(
        _("has a coordination mechanism"),
        default=False,
        help_text=_("One of the programme's expected results."),
    )
    coordination_notes = models.TextField(_("coordination mechanism"), blank=True)

    constraint_fields = {"participation_once_per_phase": ("phase",)}

    class Meta:
        ordering = ["phase", "municipality"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "phase"],
                name="participation_once_per_phase",
                violation_error_message=_("This municipality already takes part in this phase."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality} — {self.phase}"


@tracked()
class OfficerMembership(ConstraintFieldsModel, TimestampedModel):
    """Makes a user an officer of a municipality: the only key to its private data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="officer_memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="officer_memberships",
    )
    job_title = models.CharField(_("role"), max_length=200, blank=True)

    constraint_fields = {"officer_membership_once_per_city": ("user",)}

    class Meta:
        ordering = ["municipality", "user"]
        verbose_name = _("officer membership")
        verbose_name_plural = _("officer memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                name="officer_membership_once_per_city",
                violation_error_message=_(
                    "This person is already an officer of this municipality."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.municipality}"


@tracked()
class GoodPractice(DemoFlagModel, SubmissionModel):
    """A practice a municipality found to work, shared with the other cities."""

    submission_kind = "good-practice"

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="good_practices",
    )
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="good_practices"
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("description"), blank=True)
    i18n = TranslationField(fields=("title", "summary", "body"))
    search_document = SearchDocument(
        names=["title"], summaries=["summary"], bodies=["body"], translated=i18n.fields
    ).field()

    objects = SearchableManager.from_queryset(PublishableQuerySet)()

    class Meta(PublishableModel.Meta):
        ordering = [F("published_at").desc(nulls_last=True), InActiveLanguage("title")]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [*PublishableModel.Meta.indexes, SearchDocument.index("goodpractice_search")]

    def __str__(self):
        return in_active_language(self, "title")

    def get_absolute_url(self):
        return slug_address("municipalities:good_practice_detail", self.slug)


track_links(GoodPractice.themes)


class OfficerInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(accepted_at__isnull=True, expires_at__lte=timezone.now())

    def accepted(self):
        return self.filter(accepted_at__isnull=False)

    def for_token(self, token: str):
        return self.filter(token_hash=OfficerInvitation.hash_token(token))


@tracked(exclude=["token_hash"])
class OfficerInvitation(TimestampedModel):
    """An email inviting someone to become an officer of a municipality. Its link works
    once, until it expires; only a hash of the link's token is stored."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        EXPIRED = "expired", _("expired")

    email = models.EmailField(_("email address"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="officer_invitations",
    )
    job_title = models.CharField(_("role"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=LANGUAGE_CODE_LENGTH,
        choices=language_choices,
        help_text=_(
            "The language of the email and of the page its link opens; it becomes the "
            "officer's language."
        ),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer_invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="officer_invitations_accepted",
    )

    objects = OfficerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("officer invitation")
        verbose_name_plural = _("officer invitations")

    def __str__(self):
        return f"{self.email} — {self.municipality}"

    def clean(self):
        self.email = self.email.strip().lower()
        if (
            self.municipality_id
            and OfficerMembership.objects.filter(
                user__email__iexact=self.email, municipality_id=self.municipality_id
            ).exists()
        ):
            raise ValidationError(
                {"email": _("This person is already an officer of this municipality.")}
            )

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def issue_token(self) -> str:
        """A fresh secret for the link, replacing any earlier one, valid for
        OFFICER_INVITATION_DAYS. Returns the token; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.token_hash = self.hash_token(token)
        self.expires_at = timezone.now() + timedelta(days=settings.OFFICER_INVITATION_DAYS)
        return token

    @property
    def state(self) -> "OfficerInvitation.State":
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING


@tracked()
class MunicipalityContact(TimestampedModel):
    """Someone the programme works with in a municipality. Private: only staff and the
    city's officers see it."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("municipality contact")
        verbose_name_plural = _("municipality contacts")

    def __str__(self):
        return f"{self.name} ({self.municipality})"


@tracked()
class MunicipalityDocument(TimestampedModel):
    """An internal document of a municipality, uploaded by staff or one of its officers.
    Stored privately: only its officers and staff can download it."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(
        _("file"),
        upload_to=UploadPath("municipalities"),
        storage=private_storage,
        max_length=255,
        validators=[validate_upload],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipality_documents_uploaded",
    )

    class Meta:
        ordering = ["-created_at", "title"]
        verbose_name = _("municipality document")
        verbose_name_plural = _("municipality documents")

    def __str__(self):
        return self.title

    @property
    def file_name(self) -> str:
        return original_file_name(self.file.name)
