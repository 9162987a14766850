"""The forms' renderer writes labels, inputs, textareas, selects and empty error lists
itself: the same markup as Django's templates, character for character."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from admin4all.form_renderer import WRITERS, PortalFormRenderer
from tests import factories
from tests.admin4all.test_admin import FACTORIES, admin_url

TEMPLATES = DjangoTemplates()


class EveryKindForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=20, help_text="<b>x</b>")
    notes = forms.CharField(widget=forms.Textarea(attrs={"lang": "it", "rows": 3}))
    count = forms.IntegerField(min_value=0)
    agreed = forms.BooleanField(required=False)
    email = forms.EmailField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        choices=[("", "---"), ("a", 'A & "B"'), ("Group", [("c", "<C>"), ("d", "D")])]
    )
    themes = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two")], required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)


def _markup(form) -> list[str]:
    return [
        str(part)
        for field in form
        for part in (field.label_tag(), field.as_widget(), field.errors, field.legend_tag())
    ]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": '<script>"Ioana" & Co',
            "notes": "Line\n<two>",
            "count": "3",
            "agreed": "on",
            "hidden": mark_safe("<i>safe</i>"),
            "day": "2019-10-08",
            "kind": "c",
            "themes": ["1", "2"],
            "secret": "'",
        },
        {"count": "-1", "kind": "zzz"},  # invalid: errors are drawn by the templates
    ],
)
def test_renderer_writes_what_the_templates_write(data):
    fast = EveryKindForm(data, renderer=PortalFormRenderer())
    templates = EveryKindForm(data, renderer=TEMPLATES)

    assert _markup(fast) == _markup(templates)


def test_renderer_leaves_to_the_templates_what_it_does_not_write_as_text():
    widget = {"name": "n", "type": "text", "value": None, "attrs": {"data-x": lambda: "y"}}

    rendered = PortalFormRenderer().render("django/forms/widgets/text.html", {"widget": widget})

    assert rendered == '<input type="text" name="n" data-x="y">'


def test_renderer_writes_the_widgets_most_drawn():
    assert sorted(name.rsplit("/", 1)[1] for name in WRITERS) == [
        "checkbox.html",
        "color.html",
        "date.html",
        "datetime.html",
        "default.html",
        "email.html",
        "hidden.html",
        "input.html",
        "label.html",
        "number.html",
        "password.html",
        "search.html",
        "select.html",
        "tel.html",
        "text.html",
        "textarea.html",
        "time.html",
        "ul.html",
        "url.html",
    ]


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_class", sorted(FACTORIES, key=lambda m: m._meta.label), ids=lambda m: m._meta.label
)
def test_admin_change_forms_same_with_either_renderer(superuser_client, model_class):
    obj = FACTORIES[model_class]()
    if model_class._meta.label == "events.Session":
        factories.SpeakerFactory(session=obj)
    url = admin_url(model_class, "change", obj.pk)

    fast = superuser_client.get(url).content.decode()
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        templates = superuser_client.get(url).content.decode()

    assert _without_tokens(fast) == _without_tokens(templates)
