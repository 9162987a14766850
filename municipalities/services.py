"""Writes that touch several models: inviting officers, accepting an invitation, and
returning a submission to the officer who made it."""

from urllib.parse import urljoin

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from admin4all.models import Status
from municipalities.models import Municipality, OfficerInvitation, OfficerMembership

User = get_user_model()


class InvitationNotPendingError(Exception):
    """The invitation was accepted already, or has expired."""


def _send_text_email(*, template: str, to: str, context: dict) -> None:
    """Send `<template>_subject.txt` and `<template>_message.txt` as a plain-text email,
    in the active language."""
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    message = render_to_string(f"{template}_message.txt", context)
    send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [to])


def _send_invitation(invitation: OfficerInvitation, *, base_url: str) -> None:
    token = invitation.issue_token()
    invitation.save()
    # Staff send it from the English admin; the officer reads it, and the page its link
    # opens (/it/accounts/invitation/...), in the invitation's language.
    with translation.override(invitation.language):
        path = reverse("officer:invitation_accept", kwargs={"token": token})
        _send_text_email(
            template="municipalities/email/officer_invitation",
            to=invitation.email,
            context={"invitation": invitation, "accept_url": urljoin(base_url, path)},
        )


@transaction.atomic
def officer_invite(
    *,
    email: str,
    municipality: Municipality,
    job_title: str = "",
    language: str = "",
    invited_by: User,
    base_url: str,
) -> OfficerInvitation:
    """Invite someone to become an officer of `municipality`: the email carries a link,
    under `base_url`, where they set their password. Both are in `language`, or, left
    blank, in the language of the municipality's country."""
    invitation = OfficerInvitation(
        email=email.strip().lower(),
        municipality=municipality,
        job_title=job_title,
        language=language or municipality.country.language,
        invited_by=invited_by,
    )
    _send_invitation(invitation, base_url=base_url)
    return invitation


@transaction.atomic
def officer_invitation_resend(*, invitation: OfficerInvitation, base_url: str) -> None:
    """Send the invitation again with a fresh link; the earlier link stops working."""
    if invitation.accepted_at is not None:
        raise InvitationNotPendingError(invitation.state)
    _send_invitation(invitation, base_url=base_url)


def invited_user(invitation: OfficerInvitation) -> User | None:
    """The existing account of the invited address, if there is one."""
    email = invitation.email
    return (
        User.objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .distinct()
        .first()
    )


@transaction.atomic
def officer_invitation_accept(
    *, invitation: OfficerInvitation, password: str | None = None
) -> User:
    """Make the invited person an officer of the city: their account is created (or the
    existing one reused), `password` set when given, the invitation's language made
    theirs, their address marked verified (the link proved it), the membership created
    and the invitation used up.

    Raises InvitationNotPendingError when the invitation was used or has expired,
    even if that happened a moment ago in another request.
    """
    invitation = OfficerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != OfficerInvitation.State.PENDING:
        raise InvitationNotPendingError(invitation.state)
    user = invited_user(invitation)
    if user is None:
        user = User(
            email=invitation.email,
            username=get_adapter().generate_unique_username([invitation.email, "officer"]),
        )
    if password is not None:
        user.set_password(password)
    user.language = invitation.language
    user.save()
    _mark_email_verified(user, invitation.email)
    OfficerMembership.objects.get_or_create(
        user=user,
        municipality=invitation.municipality,
        defaults={"job_title": invitation.job_title},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return user


def _mark_email_verified(user: User, email: str) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        address = EmailAddress(user=user, email=email, primary=not has_primary)
    address.verified = True
    address.save()


@transaction.atomic
def submission_return(*, submission: models.Model, comment: str, base_url: str) -> None:
    """Send a good practice or training report awaiting review back to its submitter:
    a draft again, with staff's comment, which the officer reads by email (in their
    language) and in /my/."""
    submission.status = Status.DRAFT
    submission.published_at = None
    submission.review_comment = comment
    submission.save(update_fields=["status", "published_at", "review_comment", "updated_at"])
    submitter = submission.submitted_by
    if submitter is None or not submitter.email:
        return
    with translation.override(submitter.language):
        path = submission.get_officer_url()
        _send_text_email(
            template="municipalities/email/submission_returned",
            to=submitter.email,
            context={"submission": submission, "url": urljoin(base_url, path)},
        )
