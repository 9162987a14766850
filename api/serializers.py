"""What the API shows of each public record: ids, slugs, ISO 8601 dates, a link to the
record in the API (`url`) and to its page on the site (`html_url`).

Related records are summaries (id, slug, name, links). Related publishable content is
shown only when it is itself public, like on the site's pages.
"""

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from admin4all.models import Organisation, Person, PhaseFigure, PhaseGoal, ProgrammePhase, Theme
from api.languages import TranslatedSerializer
from events.models import (
    Event,
    EventFigure,
    EventMaterial,
    NewsArticle,
    Publication,
    Session,
    Speaker,
)
from municipalities.models import Country, GoodPractice, Municipality, Participation


@extend_schema_field(OpenApiTypes.URI)
class PageLinkField(serializers.Field):
    """The record's page on the site (get_absolute_url), as an absolute address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("The record's page on the site."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record: Model) -> str:
        return self.context["request"].build_absolute_uri(record.get_absolute_url())


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class FileLinkField(serializers.Field):
    """An uploaded file's absolute address, or else the external link beside it."""

    def __init__(self, link_field: str, **kwargs):
        self.link_field = link_field
        kwargs.setdefault("help_text", _("The file's address, or else the external link."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record: Model) -> str | None:
        if record.file:
            return self.context["request"].build_absolute_uri(record.file.url)
        return getattr(record, self.link_field) or None


def api_link(view_name: str) -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}", lookup_field="slug", help_text=_("The record in the API.")
    )


class PublicOnlySerializerMixin:
    """For a related item that is publishable: null unless it is public, as the site's
    pages leave out the link to an unpublished event."""

    def to_representation(self, instance):
        if instance is None or not instance.is_public:
            return None
        return super().to_representation(instance)


# Summaries of related records


class ThemeSerializer(TranslatedSerializer):
    html_url = PageLinkField()

    class Meta:
        model = Theme
        fields = ["id", "slug", "name", "html_url"]


class OrganisationSerializer(TranslatedSerializer):
    html_url = PageLinkField()

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "acronym", "html_url"]


class PersonSerializer(TranslatedSerializer):
    html_url = PageLinkField()

    class Meta:
        model = Person
        fields = ["id", "slug", "honorific", "name", "html_url"]


class CountrySummarySerializer(TranslatedSerializer):
    url = api_link("country-detail")

    class Meta:
        model = Country
        fields = ["id", "slug", "name", "iso_code", "url"]


class MunicipalitySummarySerializer(TranslatedSerializer):
    url = api_link("municipality-detail")

    class Meta:
        model = Municipality
        fields = ["id", "slug", "name", "url"]


class PhaseSummarySerializer(TranslatedSerializer):
    url = api_link("phase-detail")

    class Meta:
        model = ProgrammePhase
        fields = ["id", "slug", "number", "name", "url"]


class EventSummarySerializer(TranslatedSerializer):
    url = api_link("event-detail")

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "start_date", "url"]


class PublicEventSummarySerializer(PublicOnlySerializerMixin, EventSummarySerializer):
    pass


class PublicationSummarySerializer(TranslatedSerializer):
    url = api_link("publication-detail")

    class Meta:
        model = Publication
        fields = ["id", "slug", "title", "year", "url"]


class NewsArticleSummarySerializer(TranslatedSerializer):
    url = api_link("news-detail")

    class Meta:
        model = NewsArticle
        fields = ["id", "slug", "title", "published_at", "url"]


FIGURE_FIELDS = ["label", "value", "qualifier", "source"]


# Countries, municipalities, phases


class CountrySerializer(TranslatedSerializer):
    url = api_link("country-detail")
    html_url = PageLinkField()

    class Meta:
        model = Country
        fields = ["id", "slug", "name", "native_name", "iso_code", "url", "html_url"]


class ParticipationSerializer(serializers.ModelSerializer):
    """A municipality's phase, through its participation."""

    id = serializers.IntegerField(source="phase.id")
    slug = serializers.SlugField(source="phase.slug")
    number = serializers.IntegerField(source="phase.number")
    name = serializers.CharField(source="phase.name_i18n")
    url = serializers.HyperlinkedRelatedField(
        source="phase", view_name="api:phase-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = Participation
        fields = ["id", "slug", "number", "name", "url"]


class MunicipalitySerializer(TranslatedSerializer):
    country = CountrySummarySerializer()
    # Degrees as numbers (the database keeps five decimals), null when not recorded.
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    phases = ParticipationSerializer(
        source="participations", many=True, help_text=_("The phases it took part in.")
    )
    url = api_link("municipality-detail")
    html_url = PageLinkField()

    class Meta:
        model = Municipality
        fields = [
            "id",
            "slug",
            "name",
            "native_name",
            "alternative_names",
            "kind",
            "country",
            "region",
            "latitude",
            "longitude",
            "phases",
            "profile",
            "website",
            "contact_email",
            "url",
            "html_url",
        ]


class PhaseGoalSerializer(TranslatedSerializer):
    class Meta:
        model = PhaseGoal
        fields = ["kind", "text"]


class PhaseFigureSerializer(TranslatedSerializer):
    class Meta:
        model = PhaseFigure
        fields = FIGURE_FIELDS


class PhaseSerializer(TranslatedSerializer):
    goals = PhaseGoalSerializer(many=True)
    figures = PhaseFigureSerializer(many=True)
    managed_by = OrganisationSerializer(allow_null=True)
    funded_by = OrganisationSerializer(allow_null=True)
    url = api_link("phase-detail")
    html_url = PageLinkField()

    class Meta:
        model = ProgrammePhase
        fields = [
            "id",
            "slug",
            "number",
            "name",
            "summary",
            "description",
            "start_date",
            "end_date",
            "duration_months",
            "managed_by",
            "funded_by",
            "goals",
            "figures",
            "url",
            "html_url",
        ]


# Events, with their agenda and what came out of them


class EventSerializer(TranslatedSerializer):
    country = CountrySummarySerializer(allow_null=True)
    phase = PhaseSummarySerializer(allow_null=True)
    host_municipality = MunicipalitySummarySerializer(allow_null=True)
    themes = ThemeSerializer(many=True)
    url = api_link("event-detail")
    html_url = PageLinkField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "summary",
            "start_date",
            "end_date",
            "is_online",
            "venue",
            "city",
            "country",
            "host_municipality",
            "phase",
            "themes",
            "published_at",
            "url",
            "html_url",
        ]


class SpeakerSerializer(TranslatedSerializer):
    person = PersonSerializer()
    organisation = OrganisationSerializer(allow_null=True)

    class Meta:
        model = Speaker
        fields = ["person", "role", "job_title", "organisation"]


class SessionSerializer(TranslatedSerializer):
    speakers = SpeakerSerializer(many=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "kind",
            "day",
            "start_time",
            "end_time",
            "track",
            "description",
            "speakers",
        ]


class SessionRowSerializer(SessionSerializer):
    """A session in the table of every session (the bulk download): with its event."""

    event = EventSummarySerializer()

    class Meta(SessionSerializer.Meta):
        fields = ["id", "event", *SessionSerializer.Meta.fields[1:]]


class EventFigureSerializer(TranslatedSerializer):
    class Meta:
        model = EventFigure
        fields = FIGURE_FIELDS


class EventMaterialSerializer(TranslatedSerializer):
    link = FileLinkField("url")

    class Meta:
        model = EventMaterial
        fields = ["kind", "title", "link", "caption", "credit"]


class EventDetailSerializer(EventSerializer):
    organisers = OrganisationSerializer(many=True)
    participating_municipalities = MunicipalitySummarySerializer(many=True)
    objectives = serializers.ListField(
        source="objective_list", child=serializers.CharField(), help_text=_("The objectives.")
    )
    figures = EventFigureSerializer(many=True)
    sessions = SessionSerializer(many=True)
    materials = EventMaterialSerializer(many=True)
    # Prefetched published only (events.selectors.event_details).
    publications = PublicationSummarySerializer(many=True)
    news = NewsArticleSummarySerializer(source="news_articles", many=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "description",
            "address",
            "organisers",
            "participating_municipalities",
            "participant_count",
            "participant_count_qualifier",
            "objectives",
            "outcome",
            "figures",
            "sessions",
            "materials",
            "publications",
            "news",
        ]


# News, publications, good practices


class NewsArticleSerializer(TranslatedSerializer):
    event = PublicEventSummarySerializer(allow_null=True)
    municipalities = MunicipalitySummarySerializer(many=True)
    themes = ThemeSerializer(many=True)
    url = api_link("news-detail")
    html_url = PageLinkField()

    class Meta:
        model = NewsArticle
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "body",
            "published_at",
            "event",
            "municipalities",
            "themes",
            "url",
            "html_url",
        ]


class PublicationSerializer(TranslatedSerializer):
    authors = PersonSerializer(many=True)
    organisation = OrganisationSerializer(allow_null=True)
    presented_at = PublicEventSummarySerializer(allow_null=True)
    themes = ThemeSerializer(many=True)
    link = FileLinkField("url")
    url = api_link("publication-detail")
    html_url = PageLinkField()

    class Meta:
        model = Publication
        fields = [
            "id",
            "slug",
            "kind",
            "title",
            "year",
            "summary",
            "authors",
            "organisation",
            "presented_at",
            "themes",
            "link",
            "published_at",
            "url",
            "html_url",
        ]


class GoodPracticeSerializer(TranslatedSerializer):
    municipality = MunicipalitySummarySerializer()
    phase = PhaseSummarySerializer(allow_null=True)
    themes = ThemeSerializer(many=True)
    url = api_link("good-practice-detail")
    html_url = PageLinkField()

    class Meta:
        model = GoodPractice
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "body",
            "municipality",
            "phase",
            "themes",
            "published_at",
            "url",
            "html_url",
        ]


# Trainings and peer visits: figures only, never who took part


def _total(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, help_text=help_text)


class StatisticsSerializer(serializers.Serializer):
    country = serializers.SlugField(help_text=_("The municipality's country (its slug)."))
    phase = serializers.IntegerField(source="phase_number", help_text=_("The phase's number."))
    year = serializers.IntegerField(help_text=_("The year they were held."))


class TrainingStatisticsSerializer(StatisticsSerializer):
    """Held trainings of one country, phase and year, with their attendance added up.
    Attendance not reported counts in no total, so a total may be below the truth."""

    trainings = serializers.IntegerField(help_text=_("Held trainings."))
    trainings_reporting_attendance = serializers.IntegerField(
        help_text=_("Held trainings that reported their attendance.")
    )
    participants = _total(_("Participants, in the trainings that reported them."))
    women = _total(_("Women among them."))
    men = _total(_("Men among them."))
    other_gender = _total(_("Participants of another or undisclosed gender."))
    social_services = _total(_("Participants from social services."))
    immigration_office = _total(_("Participants from the immigration office."))
    employment_services = _total(_("Participants from employment services."))
    other_services = _total(_("Participants from other services."))


class PeerVisitStatisticsSerializer(StatisticsSerializer):
    """Held peer visits hosted in one country, in one phase and year."""

    peer_visits = serializers.IntegerField(help_text=_("Held peer visits."))
    visits_reporting_participants = serializers.IntegerField(
        help_text=_("Held peer visits that reported their participants.")
    )
    participants = _total(_("Participants, in the visits that reported them."))
