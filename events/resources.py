"""Spreadsheet columns of events (their agenda is edited in the admin form)."""

from admin4all.models import Organisation, Theme
from admin4all.resources import ProgrammeResource, slugs_field
from events.models import Event
from municipalities.models import Municipality
from municipalities.resources import country_field, municipality_field, phase_field


class EventResource(ProgrammeResource):
    phase = phase_field()
    country = country_field()
    host_municipality = municipality_field("host_municipality")
    organisers = slugs_field("organisers", Organisation)
    participating_municipalities = slugs_field("participating_municipalities", Municipality)
    participating_organisations = slugs_field("participating_organisations", Organisation)
    themes = slugs_field("themes", Theme)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "phase",
            "status",
            "published_at",
            "start_date",
            "end_date",
            "is_online",
            "venue",
            "address",
            "city",
            "country",
            "host_municipality",
            "organisers",
            "participating_municipalities",
            "participating_organisations",
            "participant_count_qualifier",
            "participant_count",
            "themes",
            "summary",
            "description",
            "objectives",
            "outcome",
        ]
        import_id_fields = ["slug"]
