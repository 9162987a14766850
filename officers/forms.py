"""Forms of the officer area. Each is bound to a municipality the view obtained from
officers.access, and offers only that city's choices."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from admin4all.concurrency import VersionedFormMixin
from admin4all.language_names import lazy_default_language_name
from admin4all.models import Status
from admin4all.rich_text import MARKDOWN_HELP_TEXT
from admin4all.translation import content_languages, translation_key
from admin4all.uploads import upload_help_text
from municipalities.models import GoodPractice, Municipality, MunicipalityDocument
from officers.access import officer_trainings
from trainings.models import TrainingReport


class MunicipalityProfileForm(VersionedFormMixin, forms.ModelForm):
    """What the public page says about the city, which its officers keep up to date:
    the profile in English and in each other language. Several officers serve a city:
    the form refuses to overwrite another's save."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Municipality
        fields = ["profile", "website", "contact_email"]
        # "(English)": the field is the English profile, which an officer reading the
        # form in Italian would otherwise fill in Italian.
        labels = {
            "profile": format_lazy("{} ({})", _("Profile"), lazy_default_language_name()),
            "contact_email": _("Public contact email"),
        }
        help_texts = {
            "profile": format_lazy(
                "{} {}", _("Shown on the city's public page."), MARKDOWN_HELP_TEXT
            ),
            "contact_email": _("Shown on the city's public page."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The translations are virtual fields of the i18n column: added here, as the
        # languages are settings, and written by save().
        self.translations = []
        for code, language in content_languages():
            name = translation_key("profile", code)
            self.fields[name] = field = forms.CharField(
                label=format_lazy("{} ({})", _("Profile"), language),
                required=False,
                widget=forms.Textarea(attrs={"lang": code}),
                help_text=_(
                    "Shown to visitors reading the site in this language. Left empty, "
                    "the page shows the English profile and says so."
                ),
            )
            field.language = language  # the template groups the fields by language
            self.initial[name] = getattr(self.instance, name) or ""
            self.translations.append(name)
        self.order_fields(["profile", *self.translations])

    def save(self, commit=True):
        for name in self.translations:
            setattr(self.instance, name, self.cleaned_data[name])
        return super().save(commit)


class MunicipalityDocumentForm(forms.ModelForm):
    class Meta:
        model = MunicipalityDocument
        fields = ["title", "file"]
        labels = {"title": _("Title"), "file": _("File")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help_text()


class SubmissionForm(forms.ModelForm):
    """A good practice or training report for staff review: saved as awaiting review,
    for the form's municipality, by the officer who sends it."""

    def __init__(self, *args, municipality: Municipality, submitted_by, **kwargs):
        super().__init__(*args, **kwargs)
        # Set before validation, so that the model's clean() sees the city.
        self.instance.municipality = municipality
        self.instance.submitted_by = submitted_by

    def save(self, commit=True):
        self.instance.status = Status.REVIEW
        self.instance.published_at = None
        return super().save(commit)


class GoodPracticeForm(SubmissionForm):
    class Meta:
        model = GoodPractice
        fields = ["title", "summary", "body", "themes"]
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "body": _("Description"),
            "themes": _("Themes"),
        }
        help_texts = {
            "summary": _("One or two sentences shown in lists."),
            "body": MARKDOWN_HELP_TEXT,
        }
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = _unique_slug(self.instance.title)
        return super().save(commit)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:240] or "good-practice"
    slug, number = base, 2
    while GoodPractice.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class TrainingReportForm(SubmissionForm):
    class Meta:
        model = TrainingReport
        fields = ["title", "training", "body", "attachment"]
        labels = {
            "title": _("Title"),
            "training": _("Training"),
            "body": _("Report"),
            "attachment": _("Attachment"),
        }
        # Private files have no URL for the usual "currently: <link>" display.
        widgets = {"attachment": forms.FileInput}

    def __init__(self, *args, municipality: Municipality, submitted_by, **kwargs):
        super().__init__(*args, municipality=municipality, submitted_by=submitted_by, **kwargs)
        self.fields["training"].queryset = officer_trainings(submitted_by, municipality)
        # Marked outside the f-string: xgettext does not look inside one, and the word
        # was left out of the catalogues (English on every page).
        optional = gettext("Optional.")
        help_text = f"{optional} {upload_help_text()}"
        if self.instance.attachment:
            current = gettext("Current attachment: %(name)s; choose a file to replace it.") % {
                "name": self.instance.attachment_name
            }
            help_text = f"{current} {help_text}"
        self.fields["attachment"].help_text = help_text


class InvitationPasswordForm(SetPasswordForm):
    """An invited officer's first password, held to the site's password rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Password")
        self.fields["new_password2"].label = _("Password (again)")
