"""Records' addresses from their URL pattern reversed once per language.

A page listing a hundred cities would reverse() a hundred times, and reverse() costs
about as much as the rest of a list item. Every record of a kind has the same pattern
with its slug in it: the pattern is reversed once, with a slug no record has, and each
record's slug put in its place. Models' get_absolute_url(), the sitemaps and the map
all take their addresses from here.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

# A slug no record has, replaced by each record's in its address.
SLUG_PLACEHOLDER = "slug-placeholder"


@functools.lru_cache(maxsize=512)
def _pattern(view_name: str, language: str | None, script_prefix: str, urlconf: str) -> str:
    # The script prefix and the URLconf are part of the key: reverse() depends on them.
    with override(language):
        return reverse(view_name, urlconf=urlconf, kwargs={"slug": SLUG_PLACEHOLDER})


def slug_address(view_name: str, slug: str, language: str | None = None) -> str:
    """reverse(view_name, kwargs={"slug": slug}), in `language` or the active one."""
    urlconf = get_urlconf(settings.ROOT_URLCONF)
    pattern = _pattern(view_name, language or get_language(), get_script_prefix(), urlconf)
    return pattern.replace(SLUG_PLACEHOLDER, slug)
