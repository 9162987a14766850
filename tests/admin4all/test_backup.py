"""make backup / make restore: the programme content and the media survive a round
trip through an archive."""

import tarfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from admin4all.backup import backup_create, backup_restore
from events.models import Event, NewsArticle
from municipalities.models import Municipality
from tests.public_pages import load_programme_content


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
    backup_restore(archive=archive)

    after = (
        sorted(Municipality.objects.values_list("slug", "name", "alternative_names")),
        sorted(Event.objects.values_list("slug", "start_date", "status")),
    )
    assert after == before
    assert NewsArticle.objects.count() == 2
    assert sorted(p.relative_to(media_root).as_posix() for p in media_root.rglob("*.*")) == [
        "events/slides.pdf"
    ]
    # The history triggers came back with the tables: changes are still recorded.
    bari = Municipality.objects.get(slug="bari")
    bari.region = "Apulia"
    bari.save()
    assert bari.history.filter(pgh_label="update").count() == 1


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
