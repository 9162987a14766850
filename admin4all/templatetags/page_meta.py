"""Tags of the page layout."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from admin4all.language_names import own_language_name

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        # The nodes have escaped what they output already: keep it as it is, on one line.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %} renders its content once into {{ name }}, so
    that a page's one title block feeds <title>, og:title and the like.

    Blocks inside stay overridable by the templates that extend this one."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "Deutsch", "Ελληνικά"
    url: str
    is_current: bool


def _translated_paths(request) -> dict[str, str] | None:
    """This page's path in each language, None for a path that names no page; as
    translate_url() gives them, with one resolve() for all languages."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _paths_in_every_language(request.path_info, request.path, urlconf)


# The addresses follow from the URLconf alone, so a worker keeps those of the pages it
# makes most: a thousand paths at most.
@functools.lru_cache(maxsize=1024)
def _paths_in_every_language(path_info: str, path: str, urlconf: str) -> dict[str, str] | None:
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    paths = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                paths[code] = reverse(
                    match.view_name, urlconf, args=match.args, kwargs=match.kwargs
                )
            except NoReverseMatch:  # a page not in every language keeps its address
                paths[code] = path
    return paths


def _versions(to_url: Callable[[str], str]) -> list[LanguageVersion]:
    current = get_language()
    return [
        LanguageVersion(
            code=code,
            name=own_language_name(code),
            url=to_url(code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def _home_in(code: str) -> str:
    with override(code):
        return reverse("portal:home")


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageVersion]:
    """This page in every language, for the language switcher: with its query string, so
    a filtered list stays filtered. A path that names no page (a 404) gives each
    language's home page."""
    request = context.get("request")
    if request is None:
        return []
    paths = _translated_paths(request)
    if paths is None:
        return _versions(_home_in)
    _path, mark, query = request.get_full_path().partition("?")
    return _versions(lambda code: paths[code] + mark + query)


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[LanguageVersion]:
    """This page in every language, for the hreflang alternates: without the query string,
    as the canonical URL. None for a path that names no page."""
    request = context.get("request")
    paths = _translated_paths(request) if request is not None else None
    if paths is None:
        return []
    return _versions(paths.__getitem__)
