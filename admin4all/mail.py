"""Every email the portal sends goes through here, and no request waits on a mail server.

EMAIL_BACKEND (QueuedEmailBackend) writes each message as an OutgoingEmail and queues
its delivery on the task queue, in this database: both commit with the request's other
writes, or not at all. The task queue's worker delivers it (admin4all.tasks) through
EMAIL_DELIVERY_BACKEND, SMTP in production, and retries a failed delivery with growing
waits. A mail server that is down therefore changes no answer: password reset answers
alike for known and unknown addresses, and an invitation is saved and queued.

The job carries only the email's id, so neither the queue's tables nor its log lines
hold a message's content (password reset links among them).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from admin4all.models import OutgoingEmail

# The parts of a message kept until delivery, as JSON. The portal sends no attachments.
MESSAGE_FIELDS = ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to")


def stored_message(message: EmailMultiAlternatives) -> dict:
    if message.attachments:
        raise ValueError("Queued emails carry no attachments.")
    return {
        **{field: getattr(message, field) for field in MESSAGE_FIELDS},
        "headers": message.extra_headers,
        "alternatives": [
            list(alternative) for alternative in getattr(message, "alternatives", [])
        ],
    }


def deliver(stored: dict) -> None:
    """Sends a stored message now through the delivery backend; raises when it cannot."""
    message = EmailMultiAlternatives(
        **{field: stored[field] for field in MESSAGE_FIELDS},
        headers=stored["headers"],
        alternatives=[tuple(alternative) for alternative in stored["alternatives"]],
    )
    get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False).send_messages([message])


class QueuedEmailBackend(BaseEmailBackend):
    """Stores and queues each message; sending it is the worker's job."""

    def send_messages(self, email_messages) -> int:
        from admin4all.tasks import deliver_email  # The task queue is ready only after setup.

        for message in email_messages:
            email = OutgoingEmail.objects.create(
                recipients=message.recipients(),
                subject=message.subject,
                message=stored_message(message),
            )
            deliver_email.defer(email_id=email.pk)
        return len(email_messages)
