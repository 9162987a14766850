"""Brings the catalogues of the content's translations (content/translations/<language>.po)
in step with the content: an entry for every text the loader writes, the English it
holds now as msgid. Translators then fill the empty entries and check the fuzzy ones,
whose English changed (content.catalogues).

The loader knows which texts it writes, so this runs it, rolled back, on the database.
"""

from django.core.management.base import BaseCommand

from content.catalogues import ContentCatalogues, update_catalogue
from content.loader import programme_content_load


class Command(BaseCommand):
    help = "Update content/translations/<language>.po with the content's texts."

    def handle(self, *args, **options):
        catalogues = ContentCatalogues()
        programme_content_load(dry_run=True, catalogues=catalogues)
        for language in catalogues.languages:
            counts = update_catalogue(language, catalogues.asked)
            self.stdout.write(
                f"{language}: {counts['added']} added, {counts['fuzzy']} fuzzy, "
                f"{counts['dropped']} dropped; {counts['untranslated']} to translate"
            )
