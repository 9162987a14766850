"""Records' text in the visitor's language, and a notice where it is not there yet
(admin4all.translation).

    {% translated event "title" %}
        the title in the active language; where it has none, the English title marked
        <span lang="en">
    {% translated event "summary" as summary %}
        the same as a variable, for filters and elements: {{ summary|truncatewords:40 }}
        gives the plain text, <p{{ summary.lang_attr }}> marks the element holding it
    <h1{{ title.lang_attr }}>{{ title|bare }}</h1>
        an element that carries the mark prints the text without its own
    {% translated phase %}
        the record's name (str(phase)), in the language of its main field

    {% translation_notice %}...{% endtranslation_notice %}
        its content, preceded by one notice when some text in it is shown in English
        for want of a translation. base.html wraps every page's content in one; a
        section wrapped in its own takes its notices with it.
        A page in another language that shows a translated text quoting someone (a
        Markdown block quote) also says once that quotations are translated from
        English.
    {% translated_texts_are_parts %}
        inside a notice: the records' texts are only parts of the page, whose own
        words are the interface's (the officer area): when none of them is translated,
        the notice says that parts of the page are in English, not the whole page.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from admin4all import translation
from admin4all.rich_text import quotes

register = template.Library()

# The context variable through which {% translated %} reports to the notice around it.
TRACKER = "translation_tracker"


@dataclass
class _Tracker:
    """What the {% translated %} tags inside one notice showed."""

    shown: int = 0
    in_english: int = 0
    only_parts: bool = False
    translated_quotations: bool = False


@register.filter
def in_english(text):
    """Text that is English in every language, as the title of an English source is,
    marked lang="en" on pages in other languages (WCAG 3.1.2, language of parts)."""
    english = settings.LANGUAGE_CODE
    return translation.TranslatedText(text, None if get_language() == english else english)


@register.filter
def bare(text):
    """A translated text without its own language mark, for an element that carries
    its `lang_attr`; any other value as it is (a title may be a plain string)."""
    return str(text) if isinstance(text, translation.TranslatedText) else text


@register.simple_tag(takes_context=True)
def translated(context, obj, field=None):
    text = translation.translated(obj, field)
    tracker = context.get(TRACKER)
    if tracker is not None and text:
        tracker.shown += 1
        tracker.in_english += text.is_fallback
        if not tracker.translated_quotations and _is_translation(text):
            tracker.translated_quotations = quotes(text)
    return text


def _is_translation(text: translation.TranslatedText) -> bool:
    return not text.is_fallback and get_language() != settings.LANGUAGE_CODE


class TranslationNoticeNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        tracker = _Tracker()
        with context.push({TRACKER: tracker}):
            content = self.nodelist.render(context)
        notices = [self._language_notice(tracker)] if tracker.in_english else []
        if tracker.translated_quotations:
            notices.append(_("Quotations on this page are translated from English."))
        return format_html_join("", '<p class="notice">{}</p>', ((n,) for n in notices)) + content

    @staticmethod
    def _language_notice(tracker: _Tracker) -> str:
        # The notice shows only on pages in a language other than English, so each
        # catalogue names its own language, in the grammar of its sentence.
        if tracker.in_english == tracker.shown and not tracker.only_parts:
            # Translators: shown on pages in your language only: name your language.
            return _("This page is not yet available in this language; it is shown in English.")
        # Translators: shown on pages in your language only: name your language.
        return _(
            "Parts of this page are not yet available in this language; they are shown in English."
        )


@register.simple_tag(takes_context=True)
def translated_texts_are_parts(context):
    tracker = context.get(TRACKER)
    if tracker is not None:
        tracker.only_parts = True
    return ""


@register.tag
def translation_notice(parser, token):
    nodelist = parser.parse(("endtranslation_notice",))
    parser.delete_first_token()
    return TranslationNoticeNode(nodelist)
