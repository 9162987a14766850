"""Spreadsheet columns of trainings (with their attendance), their participant lists and
peer visits."""

from admin4all.models import Organisation, Person, Theme
from admin4all.resources import ProgrammeResource, key_field, slugs_field
from municipalities.models import Municipality
from municipalities.resources import municipality_field, phase_field
from trainings.models import (
    GENDER_FIELDS,
    SERVICE_FIELDS,
    CurriculumModule,
    PeerVisit,
    Training,
    TrainingParticipant,
)


class TrainingResource(ProgrammeResource):
    municipality = municipality_field("municipality")
    phase = phase_field()
    trainer_organisation = key_field("trainer_organisation", Organisation, ["slug", "name"])
    trainers = slugs_field("trainers", Person)
    modules = slugs_field("modules", CurriculumModule)

    class Meta:
        model = Training
        fields = [
            "slug",
            "title",
            "municipality",
            "phase",
            "start_date",
            "end_date",
            "location",
            "audience",
            "description",
            "modules",
            "trainers",
            "trainer_organisation",
            "attendance_total",
            *GENDER_FIELDS,
            *SERVICE_FIELDS,
        ]
        import_id_fields = ["slug"]


class PeerVisitResource(ProgrammeResource):
    host = municipality_field("host")
    visitors = slugs_field("visitors", Municipality)
    phase = phase_field()
    themes = slugs_field("themes", Theme)

    class Meta:
        model = PeerVisit
        fields = [
            "slug",
            "title",
            "host",
            "visitors",
            "phase",
            "start_date",
            "end_date",
            "themes",
            "participant_count",
            "programme",
            "findings",
            "recommendations",
        ]
        import_id_fields = ["slug"]


class TrainingParticipantResource(ProgrammeResource):
    """A row is a participant of the training named by its slug, found by email when
    the row gives one the list knows, else by name (ignoring case): a corrected name
    with the same email changes the participant instead of adding another."""

    training = key_field("training", Training, ["slug"])

    class Meta:
        model = TrainingParticipant
        fields = [
            "training",
            "full_name",
            "email",
            "gender",
            "service",
            "organisation",
            "attended",
        ]
        import_id_fields = ["training", "full_name"]

    def get_instance(self, instance_loader, row):
        try:
            training = self.fields["training"].clean(row)
        except ValueError:
            return None  # reported on the training column
        listed = TrainingParticipant.objects.filter(training=training)
        email = str(row.get("email") or "").strip()
        name = str(row.get("full_name") or "").strip()
        found = listed.filter(email__iexact=email).first() if email else None
        if found is None and name:
            found = listed.filter(full_name__iexact=name).first()
        return found
