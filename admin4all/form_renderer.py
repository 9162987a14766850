"""The forms' renderer: Django's, with the templates drawn most often (a field's label,
an input, a textarea, a select) written by Python instead of the template engine. An
event's change form draws about a hundred of each kind; through the engine they were a
third of its time. The output is the templates' own, character for character
(tests/admin4all/test_form_renderer.py); a value the templates would treat in a way
these functions do not (a number to localise, something callable) goes to the template.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

# Django's input widget templates that only include django/forms/widgets/input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "input",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class NotPlain(Exception):
    """A value the template engine would treat otherwise than as text."""


def _text(value) -> str:
    """`{{ value }}` of text: escaped unless marked safe."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        raise NotPlain
    return conditional_escape(value)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless marked safe."""
    if callable(value):
        raise NotPlain
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html (and django/forms/attrs.html)."""
    if not attrs:
        return ""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _textarea(widget) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def _option(option) -> str:
    if option["template_name"] != OPTION_TEMPLATE:
        raise NotPlain
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context) -> str:
    if not context["use_tag"]:
        return _text(context["label"])
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_text(context['label'])}</{tag}>"


def _error_list(context) -> str:
    # Each field of an admin form draws its (nearly always empty) list of errors twice.
    if context["errors"]:
        raise NotPlain
    return ""


WRITERS = {
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _error_list,
    "django/forms/errors/list/ul.html": _error_list,
    "django/forms/widgets/textarea.html": lambda context: _textarea(context["widget"]),
    "django/forms/widgets/select.html": lambda context: _select(context["widget"]),
    **{name: (lambda context: _input(context["widget"])) for name in INPUT_TEMPLATES},
}


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        writer = WRITERS.get(template_name)
        if writer is not None:
            try:
                return mark_safe(writer(context).strip())
            except NotPlain:
                pass
        return super().render(template_name, context, request)
