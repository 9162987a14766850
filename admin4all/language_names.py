"""Languages named from CLDR through Babel, not typed by hand: each page names a
language as its own language writes it ("polacco" on an Italian page, "Polnisch" on a
German one), and the language menu names each language in itself ("Polski").

CLDR gives names as they stand in running text: lower case in Italian, Polish,
Romanian and Spanish ("italiano", "polski"), capitalised in English and German. A menu
starts each item with a capital, as CLDR's own "uiListOrMenu" context transform says
for those four languages (titlecase-firstword), which Babel does not expose: the menu
capitalises the first letter and leaves the rest as CLDR writes it.
"""

from functools import cache

from babel import Locale
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import capfirst
from modeltrans.utils import get_language


@cache
def _names_in(language: str) -> dict[str, str]:
    return Locale.parse(language).languages


def language_name(code: str, in_language: str | None = None) -> str:
    """The name of language `code` in `in_language` (by default the active language),
    as it stands in running text: "polacco" in Italian, "Polish" in English."""
    return _names_in(in_language or get_language())[code]


def own_language_name(code: str) -> str:
    """The language's name in itself, as a menu shows it: "Italiano", "Ελληνικά"."""
    return capfirst(language_name(code, code))


def default_language_name() -> str:
    """The name of the language records are entered in (English), in the active one."""
    return language_name(settings.LANGUAGE_CODE)


# For labels and choices built before a request chooses the language.
lazy_language_name = lazy(language_name, str)
lazy_default_language_name = lazy(default_language_name, str)
