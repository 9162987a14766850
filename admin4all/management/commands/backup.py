"""Writes a backup of the portal: the database, the media and the private files in one
archive, with a manifest of their checksums.

Run it before an upgrade and on a schedule (docs/operations.md); `manage.py restore
ARCHIVE` brings the portal back to the archive's state.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from admin4all.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database, the media files and the private files into one .tar.gz "
        "archive, readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--destination", type=Path, default=Path("backups"), help="Folder for the archive."
        )

    def handle(self, *args, destination: Path, **options):
        try:
            archive = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
