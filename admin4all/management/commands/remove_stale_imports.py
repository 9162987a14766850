"""Removes the spreadsheets uploaded for an import whose preview was never confirmed.

The import keeps each upload in the private storage between its preview and its
confirmation; an upload nobody confirms stays there, with whatever personal data the
sheet holds (participant lists). Run it daily, e.g. from cron.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from admin4all.admin_spreadsheets import import_uploads_remove_stale


class Command(BaseCommand):
    help = "Remove import uploads never confirmed, older than a day (or --hours)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Age from which an upload is removed."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the uploads, remove nothing."
        )

    def handle(self, *args, hours: int, dry_run: bool, **options):
        names = import_uploads_remove_stale(older_than=timedelta(hours=hours), dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for name in names:
            self.stdout.write(f"{verb} {name}")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(names)} stale import upload(s)."))
