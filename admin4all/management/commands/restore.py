"""Restores a backup made by `manage.py backup`: the database, the media and the private
files.

The whole archive is checked against its manifest first; a member missing, altered or
added, a link, or a path leaving its folder refuses it before anything is touched.
Everything written since the backup is lost, so the command asks for confirmation
unless --no-input is given. --check only verifies the archive, e.g. a copy kept on
another machine.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from admin4all.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Replace the database, the media files and the private files with a backup "
        "archive, once it matches its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive against its manifest; change nothing.",
        )

    def handle(self, *args, archive: Path, interactive: bool, check: bool, **options):
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        if check:
            try:
                count = backup_verify(archive=archive)
            except BackupError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                self.style.SUCCESS(f"{archive} matches its manifest ({count} files).")
            )
            return
        if interactive:
            answer = input(
                f"Replace the database, media and private files with {archive}? Type 'yes': "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            count = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} ({count} files)."))
