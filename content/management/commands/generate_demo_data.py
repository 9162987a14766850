"""Fills the database with synthetic demo records at the scale of a large programme.

The real programme is small (35 municipalities); load tests, demos and performance work
need pages and changelists with thousands of rows. `--scale 100` writes about 3,000
municipalities, 10,000 trainings, 2,000 events with 20,000 sessions, 20,000 news
articles and more, all flagged as demo data with "Demo" in their names, on top of the
real content (run load_admin4all first). `--seed` makes a run repeatable; `--delete`
removes every demo record and nothing else. The generator refuses to run twice: delete
first, or pass `--if-missing` to do nothing when demo records exist (`make bench`).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from content.demo_data import (
    DemoDataError,
    demo_data_delete,
    demo_data_generate,
    demo_records_exist,
)


class Command(BaseCommand):
    help = "Add synthetic, flagged demo records at a given scale, or delete them all."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1 is a hundredth of a large programme (30 municipalities); 100 the whole.",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed writes the same records."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Delete every demo record instead."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do the work, then roll it back."
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when demo records exist already.",
        )

    def handle(
        self,
        *args,
        scale: float,
        seed: int,
        delete: bool,
        dry_run: bool,
        if_missing: bool,
        **options,
    ):
        if if_missing and not delete and demo_records_exist():
            self.stdout.write("Demo data is there already.")
            return
        started = time.monotonic()
        try:
            if delete:
                counts = demo_data_delete(dry_run=dry_run)
            else:
                counts = demo_data_generate(scale=scale, seed=seed, dry_run=dry_run)
        except DemoDataError as error:
            raise CommandError(error) from error
        for model, count in counts.items():
            self.stdout.write(f"  {model.__name__}: {count}")
        action = "deleted" if delete else "created"
        if dry_run:
            action = f"would be {action} (dry run, nothing saved)"
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {sum(counts.values())} records {action} in {seconds:.1f} s."
            )
        )
