"""Forms of the municipalities' admin pages beyond the models' own."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SubmissionReturnForm(forms.Form):
    """Staff's comment when they send a submission back to the officer who made it."""

    comment = forms.CharField(
        label=_("Comment for the submitter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sent by email and shown in their officer area with the submission."),
    )
