"""Restores a backup made by `manage.py backup`: the database and the media files.

Everything written since the backup is lost, so the command asks for confirmation
unless --no-input is given.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from admin4all.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database and the media files with a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask."
        )

    def handle(self, *args, archive: Path, interactive: bool, **options):
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        if interactive:
            answer = input(f"Replace the database and media with {archive}? Type 'yes': ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup_restore(archive=archive)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}"))
