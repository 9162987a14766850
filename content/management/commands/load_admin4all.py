"""Loads the programme's real content: phases, municipalities, events, news and studies.

The portal must show what the programme's own pages say, and nothing else as real
content. Typing it into the admin would be slow and easy to get wrong, so the content
lives in `content/programme_content.py` (its translations in
content/translations/) and this command writes it. `make run` calls
it every time: it creates only what is missing, so a second run changes nothing, leaves
no history behind and keeps every edit staff made. `--overwrite` brings the loaded
fields back to the content (after a correction of the content, say); records the
content does not know are left alone either way. The history names the command as the
author of every change it makes.
"""

from django.core.management.base import BaseCommand

from content.loader import LOADED_MODELS, count_key, programme_content_load


class Command(BaseCommand):
    help = "Create or update the programme's real content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Run the whole load, then roll it back and report what would change.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Bring records that exist back to the content, undoing edits to loaded fields.",
        )

    def handle(self, *args, dry_run: bool = False, overwrite: bool = False, **options):
        counts = programme_content_load(dry_run=dry_run, overwrite=overwrite)
        for model in LOADED_MODELS:
            created = counts[count_key(model, "created")]
            updated = counts[count_key(model, "updated")]
            if created or updated:
                self.stdout.write(f"  {model.__name__}: {created} created, {updated} updated")
        created = sum(v for k, v in counts.items() if k.endswith(".created"))
        updated = sum(v for k, v in counts.items() if k.endswith(".updated"))
        if dry_run:
            message = f"Dry run, nothing saved: would create {created} and update {updated} rows."
        elif created or updated:
            message = f"Programme content loaded: {created} created, {updated} updated."
        else:
            message = "Programme content already up to date: nothing changed."
        self.stdout.write(self.style.SUCCESS(message))
