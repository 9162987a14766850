"""Brings the translation catalogues (locale/<language>/LC_MESSAGES/django.po) in step
with the strings the code marks: new strings arrive untranslated, removed ones go.

Django's makemessages runs on a copy of the sources and catalogues, so what it reads is
exactly `sources()`, whatever else lies in the checkout (a virtualenv, node_modules, media),
and tests can run the same extraction without touching the real catalogues.
"""

import shutil
import tempfile
from contextlib import chdir
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

NOT_SOURCES = shutil.ignore_patterns("migrations", "__pycache__", "month_names", "*.mo")


def catalogue_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def sources() -> list[str]:
    """Where the marked strings are: the project's apps and the templates."""
    return [*settings.LOCAL_APPS, "templates"]


def extract_catalogues(workdir: Path) -> Path:
    """Copies the sources and catalogues into `workdir`, updates the copies, and returns
    the locale folder that holds them."""
    for name in sources():
        shutil.copytree(settings.BASE_DIR / name, workdir / name, ignore=NOT_SOURCES)
    locale = workdir / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", locale, ignore=NOT_SOURCES)
    with chdir(workdir), override_settings(LOCALE_PATHS=[locale]):
        call_command(
            "makemessages",
            locale=catalogue_languages(),
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
    return locale


class Command(BaseCommand):
    help = "Update the translation catalogues with the strings the code marks."

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as workdir:
            updated = extract_catalogues(Path(workdir))
            for language in catalogue_languages():
                path = Path(language) / "LC_MESSAGES" / "django.po"
                (settings.BASE_DIR / "locale" / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(updated / path, settings.BASE_DIR / "locale" / path)
        self.stdout.write(
            self.style.SUCCESS('Catalogues updated: translate their new entries (msgstr "").')
        )
