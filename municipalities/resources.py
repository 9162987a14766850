"""Spreadsheet columns of municipalities and their participation in the phases."""

from import_export.fields import Field

from admin4all.models import ProgrammePhase
from admin4all.resources import ProgrammeResource, key_field
from municipalities.models import Country, Municipality, Participation


def municipality_field(attribute: str) -> Field:
    return key_field(attribute, Municipality, ["slug", "name"])


def phase_field() -> Field:
    return key_field("phase", ProgrammePhase, ["number", "slug"])


def country_field() -> Field:
    return key_field("country", Country, ["name", "iso_code"])


class MunicipalityResource(ProgrammeResource):
    country = country_field()

    class Meta:
        model = Municipality
        fields = [
            "slug",
            "name",
            "native_name",
            "alternative_names",
            "kind",
            "country",
            "region",
            "latitude",
            "longitude",
            "website",
            "contact_email",
            "profile",
        ]
        import_id_fields = ["slug"]

    def before_import_row(self, row, **kwargs):
        # A row without a slug is the municipality of that name in that country.
        if row.get("slug") or not row.get("name"):
            return
        try:
            country = self.fields["country"].clean(row)
        except ValueError:
            return  # reported on the country column
        existing = Municipality.objects.filter(name=row["name"], country=country).first()
        if existing:
            row["slug"] = existing.slug


class ParticipationResource(ProgrammeResource):
    municipality = municipality_field("municipality")
    phase = phase_field()

    class Meta:
        model = Participation
        fields = [
            "municipality",
            "phase",
            "has_coordination_mechanism",
            "needs_assessment",
            "coordination_notes",
        ]
        import_id_fields = ["municipality", "phase"]
