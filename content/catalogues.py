"""The content's translations: one gettext catalogue per language,
`content/translations/<language>.po`, beside the English content.

Each entry is one field of one record: its context names the record and the field
(`event/brussels-regional-conference-2017 title`), its msgid is the English text the
content holds, its msgstr the translation. A translator reviews and corrects a
catalogue with any PO editor. When the English text changes, the entry no longer
matches: the loader leaves the old translation unused, and `content_catalogues` marks
it fuzzy, keeping the old English beside it, for the translator to bring up to date.

The loader asks the catalogues for every text it writes, so the records and fields
the catalogues hold are exactly those the loader writes, and `content_catalogues`
learns them by running the loader (rolled back).
"""

from dataclasses import dataclass
from pathlib import Path

import polib
from modeltrans.conf import get_available_languages

from admin4all.translation import translation_key

CATALOGUE_DIR = Path(__file__).resolve().parent / "translations"


def catalogue_path(language: str, directory: Path = CATALOGUE_DIR) -> Path:
    return directory / f"{language}.po"


def entry_context(key: str, field: str) -> str:
    return f"{key} {field}"


@dataclass(frozen=True)
class ContentText:
    """One field of one record, as the loader writes it in English."""

    key: str
    field: str
    english: str

    @property
    def context(self) -> str:
        return entry_context(self.key, self.field)


class ContentCatalogues:
    """The translations of the content, read once from the catalogues; records every
    text it is asked for, in the order asked."""

    def __init__(self, directory: Path = CATALOGUE_DIR) -> None:
        self.languages = get_available_languages(include_default=False)
        self.translations: dict[str, dict[tuple[str, str], str]] = {}
        for language in self.languages:
            path = catalogue_path(language, directory)
            entries = polib.pofile(str(path)) if path.exists() else []
            self.translations[language] = {
                (entry.msgctxt, entry.msgid): entry.msgstr
                for entry in entries
                if entry.msgstr and not entry.fuzzy and not entry.obsolete
            }
        self.asked: list[ContentText] = []

    def translate(self, key: str, field: str, english: str) -> dict[str, str]:
        """The translations of `english` as `field` of the record `key`, as the record's
        i18n column holds them (`{"title_it": ...}`); languages without one are left out."""
        text = ContentText(key, field, english)
        self.asked.append(text)
        found = {}
        for language in self.languages:
            translation = self.translations[language].get((text.context, english))
            if translation:
                found[translation_key(field, language)] = translation
        return found

    def missing(self, language: str) -> list[ContentText]:
        """The texts asked for that have no current translation into `language`."""
        known = self.translations[language]
        return [text for text in self.asked if (text.context, text.english) not in known]


def update_catalogue(
    language: str, texts: list[ContentText], directory: Path = CATALOGUE_DIR
) -> dict[str, int]:
    """Brings `language`'s catalogue in step with `texts`: new texts get an empty entry,
    changed English marks the entry fuzzy with the old English kept as its previous
    msgid, and entries for texts the content no longer has are dropped. Entries follow
    the order of `texts`. Returns how many entries were added, marked fuzzy and dropped,
    and how many are left to translate (empty or fuzzy)."""
    path = catalogue_path(language, directory)
    old = polib.pofile(str(path)) if path.exists() else polib.POFile()
    by_context = {entry.msgctxt: entry for entry in old if not entry.obsolete}
    catalogue = polib.POFile(wrapwidth=88)
    catalogue.metadata = {
        "Project-Id-Version": "admin4all-content",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    counts = {"added": 0, "fuzzy": 0, "dropped": 0}
    seen = set()
    for text in texts:
        if text.context in seen:
            continue
        seen.add(text.context)
        previous = by_context.get(text.context)
        entry = polib.POEntry(msgctxt=text.context, msgid=text.english, msgstr="")
        if previous is None:
            counts["added"] += 1
        elif previous.msgid == text.english:
            entry.msgstr = previous.msgstr
            entry.flags = list(previous.flags)
            entry.previous_msgid = previous.previous_msgid
        else:
            entry.msgstr = previous.msgstr
            entry.previous_msgid = previous.msgid
            if previous.msgstr:
                entry.flags = ["fuzzy"]
                counts["fuzzy"] += 1
        entry.tcomment = previous.tcomment if previous else ""
        catalogue.append(entry)
    counts["dropped"] = len(set(by_context) - seen)
    counts["untranslated"] = sum(1 for entry in catalogue if not entry.msgstr or entry.fuzzy)
    directory.mkdir(exist_ok=True)
    catalogue.save(str(path))
    return counts
