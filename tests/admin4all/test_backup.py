"""make backup / make restore: the programme content, the media, the private files and
the history survive a round trip through an archive, which is written for its owner
only and refused, with nothing changed, unless it matches its manifest."""

import hashlib
import io
import json
import os
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client

from admin4all.admin_history import event_model_for
from admin4all.backup import backup_create, backup_restore
from events.models import Event, NewsArticle
from municipalities.models import Municipality, MunicipalityDocument
from tests import factories
from tests.public_pages import load_programme_content

# Every byte value, behind a PDF's signature: a file restored "byte for byte" is.
DOCUMENT_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


@pytest.fixture
def private_root(media_root):
    """Where the private storage keeps its files in tests (PRIVATE_MEDIA_ROOT unset)."""
    return media_root.parent / "private-media"


@pytest.fixture
def officer_document(db):
    """A document of Wrocław, uploaded by its officer."""
    city = factories.MunicipalityFactory(name="Wrocław", slug="wroclaw")
    officer = factories.UserFactory(first_name="Anna", last_name="Nowak")
    factories.OfficerMembershipFactory(user=officer, municipality=city)
    return factories.MunicipalityDocumentFactory(
        municipality=city,
        uploaded_by=officer,
        title="Council minutes",
        file__filename="minutes.pdf",
        file__data=DOCUMENT_BYTES,
    )


def make_backup(destination: Path) -> Path:
    """What `make backup` runs."""
    call_command("backup", "--destination", str(destination), stdout=StringIO())
    [archive] = destination.glob("admin4all-*.tar.gz")
    return archive


def restore(archive: Path, *options: str) -> None:
    """What `make restore FILE=archive` runs, without the question."""
    call_command("restore", str(archive), "--no-input", *options, stdout=StringIO())


def files_under(*roots: Path) -> dict[str, bytes]:
    return {
        f"{root.name}/{path.relative_to(root).as_posix()}": path.read_bytes()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def download(document: MunicipalityDocument):
    client = Client()
    client.force_login(document.uploaded_by)
    return client.get(f"/my/documents/{document.pk}/")


@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trips_content_and_media(tmp_path, media_root):
    load_programme_content()
    (media_root / "events").mkdir(parents=True)
    (media_root / "events" / "slides.pdf").write_bytes(b"%PDF-1.7 slides")
    before = (
        sorted(Municipality.objects.values_list("slug", "name", "alternative_names")),
        sorted(Event.objects.values_list("slug", "start_date", "status")),
    )
    archive = backup_create(destination=tmp_path / "backups")

    Municipality.objects.filter(slug="bari").update(name="Vandalised")
    NewsArticle.objects.all().delete()
    (media_root / "events" / "slides.pdf").unlink()
    (media_root / "stray.txt").write_text("written after the backup")
    cache.set("page.cached-after-the-backup", "a page of the vandalised Bari")
    backup_restore(archive=archive)

    after = (
        sorted(Municipality.objects.values_list("slug", "name", "alternative_names")),
        sorted(Event.objects.values_list("slug", "start_date", "status")),
    )
    assert after == before
    assert NewsArticle.objects.count() == 2
    assert cache.get("page.cached-after-the-backup") is None
    assert sorted(p.relative_to(media_root).as_posix() for p in media_root.rglob("*.*")) == [
        "events/slides.pdf"
    ]
    # The history triggers came back with the tables: changes are still recorded.
    bari = Municipality.objects.get(slug="bari")
    bari.region = "Apulia"
    bari.save()
    assert bari.history.filter(pgh_label="update").count() == 1


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_a_deleted_private_document(tmp_path, officer_document, private_root):
    stored = private_root / officer_document.file.name
    archive = make_backup(tmp_path / "backups")

    MunicipalityDocument.objects.filter(pk=officer_document.pk).delete()
    stored.unlink()
    assert download(officer_document).status_code == 404
    restore(archive)

    document = MunicipalityDocument.objects.get()
    assert (document.pk, document.title, document.file.name) == (
        officer_document.pk,
        "Council minutes",
        officer_document.file.name,
    )
    assert stored.read_bytes() == DOCUMENT_BYTES
    response = download(document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DOCUMENT_BYTES


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_the_history(tmp_path, officer_document):
    city = officer_document.municipality
    city.region = "Lower Silesia"
    city.save()
    events = {
        model: event_model_for(model).objects.order_by("pgh_id")
        for model in (Municipality, MunicipalityDocument)
    }
    before = {model: list(rows.values()) for model, rows in events.items()}
    archive = make_backup(tmp_path / "backups")

    city.region = "Vandalised"
    city.save()
    officer_document.delete()
    restore(archive)

    assert {model: list(rows.values()) for model, rows in events.items()} == before
    assert [row["pgh_label"] for row in before[Municipality]] == ["insert", "update"]
    assert [row["pgh_label"] for row in before[MunicipalityDocument]] == ["insert"]
    # The triggers came back with the tables: a change made now is recorded.
    MunicipalityDocument.objects.update(title="Minutes, corrected")
    assert list(
        event_model_for(MunicipalityDocument).objects.values_list("pgh_label", "title")
    ) == [("insert", "Council minutes"), ("update", "Minutes, corrected")]


@pytest.mark.django_db
def test_backup_holds_every_file_listed_in_its_manifest(
    tmp_path, officer_document, media_root, private_root
):
    (media_root / "events").mkdir(parents=True)
    (media_root / "events" / "slides.pdf").write_bytes(b"%PDF-1.7 slides")

    archive = make_backup(tmp_path / "backups")

    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        content = {name: tar.extractfile(name).read() for name in names}
    manifest = json.loads(content.pop("manifest.json"))
    assert names == [
        "database.dump",
        "media/events/slides.pdf",
        f"private-media/{officer_document.file.name}",
        "manifest.json",
    ]
    assert manifest["format"] == 2
    assert manifest["members"] == {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in content.items()
    }
    assert content[f"private-media/{officer_document.file.name}"] == DOCUMENT_BYTES


@pytest.mark.django_db
def test_backup_is_readable_by_its_owner_only_whatever_the_umask(tmp_path):
    previous = os.umask(0)
    try:
        archive = make_backup(tmp_path / "new" / "backups")
    finally:
        os.umask(previous)

    assert oct(archive.stat().st_mode & 0o777) == oct(0o600)
    assert oct(archive.parent.stat().st_mode & 0o777) == oct(0o700)
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]


@pytest.mark.django_db
def test_restore_check_accepts_an_archive_matching_its_manifest(tmp_path, officer_document):
    archive = make_backup(tmp_path / "backups")
    output = StringIO()

    call_command("restore", str(archive), "--check", stdout=output)

    assert output.getvalue() == f"{archive} matches its manifest (2 files).\n"


# Archives changed after the backup, each refused with nothing touched.


def rewrite(archive: Path, change) -> None:
    """Rewrite the archive after `change` edited its members, a list of
    [TarInfo, bytes] pairs with the manifest last."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [
            [member, tar.extractfile(member).read() if member.isreg() else b""]
            for member in tar.getmembers()
        ]
    change(members)
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if member.isreg() else None)


def member(members, prefix: str) -> list:
    return next(pair for pair in members if pair[0].name.startswith(prefix))


def flip_a_byte(members, prefix):
    pair = member(members, prefix)
    data = bytearray(pair[1])
    data[len(data) // 2] ^= 0x01
    pair[1] = bytes(data)


def add_listed(members, name: str, data: bytes = b"planted") -> None:
    """Add a file and list it in the manifest with its true checksum, so only its path
    can refuse it."""
    info = tarfile.TarInfo(name)
    members.insert(-1, [info, data])
    manifest = json.loads(members[-1][1])
    manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    members[-1][1] = json.dumps(manifest).encode()


def add_link(members, name: str, target: str) -> None:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    members.insert(-1, [info, b""])


TAMPERINGS = {
    "a private file altered": (
        lambda members: flip_a_byte(members, "private-media/"),
        r"does not match its manifest: altered private-media/municipalities/\d+/\w+-minutes\.pdf",
    ),
    "the database dump altered": (
        lambda members: flip_a_byte(members, "database.dump"),
        "does not match its manifest: altered database.dump",
    ),
    "a private file removed": (
        lambda members: members.remove(member(members, "private-media/")),
        r"does not match its manifest: missing private-media/municipalities/",
    ),
    "a file added": (
        lambda members: members.insert(-1, [tarfile.TarInfo("media/added.html"), b"<script>"]),
        "does not match its manifest: not in the manifest media/added.html",
    ),
    "the manifest removed": (
        lambda members: members.pop(),
        "is not a backup made by `manage.py backup`: it has no manifest.json",
    ),
    "a path climbing out": (
        lambda members: add_listed(members, "media/../../escaped.txt"),
        "holds 'media/../../escaped.txt', a path that climbs out of its folder",
    ),
    "an absolute path": (
        lambda members: add_listed(members, "/tmp/escaped.txt"),
        "holds '/tmp/escaped.txt', an absolute path",
    ),
    "a link": (
        lambda members: add_link(members, "private-media/passwd", "/etc/passwd"),
        "holds 'private-media/passwd', a link to '/etc/passwd'",
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_restore_refuses_a_tampered_archive_and_changes_nothing(
    tmp_path, officer_document, media_root, private_root, tampering
):
    change, error = TAMPERINGS[tampering]
    (media_root / "events").mkdir(parents=True)
    (media_root / "events" / "slides.pdf").write_bytes(b"%PDF-1.7 slides")
    archive = make_backup(tmp_path / "backups")
    rewrite(archive, change)
    # The state the restore would replace: a document deleted since, a file added.
    (private_root / officer_document.file.name).unlink()
    officer_document.delete()
    (media_root / "events" / "agenda.pdf").write_bytes(b"%PDF-1.7 agenda")
    counts, files = row_counts(), files_under(media_root, private_root)

    for options in (["--check"], []):
        with pytest.raises(CommandError, match=error):
            restore(archive, *options)

    assert row_counts() == counts
    assert files_under(media_root, private_root) == files
    assert not Path("/tmp/escaped.txt").exists()
    assert [p.name for p in tmp_path.rglob("escaped.txt")] == []


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive(tmp_path):
    archive = make_backup(tmp_path / "backups")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="Nothing was restored"):
        restore(archive)


@pytest.mark.django_db
def test_restore_refuses_an_archive_that_is_not_a_backup(tmp_path):
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="notes.py")

    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(archive), "--no-input", stdout=StringIO())

    assert Municipality.objects.count() == 0


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), "--no-input")
