"""Writes a backup of the portal: the database and the uploaded media in one archive.

Run it before an upgrade or on a schedule; `manage.py restore ARCHIVE` brings the
portal back to the archive's state.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from admin4all.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--destination", type=Path, default=Path("backups"), help="Folder for the archive."
        )

    def handle(self, *args, destination: Path, **options):
        archive = backup_create(destination=destination)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
