"""Every email the portal sends goes through here: an email that cannot be sent is
logged and never raised into the request that asked for it.

A mail server that is down must not change an answer: password reset would otherwise
fail with a 500 for a known address and succeed for an unknown one (which sends
nothing), telling an attacker which addresses have accounts. The delivery itself is
EMAIL_DELIVERY_BACKEND's (SMTP in production), with EMAIL_TIMEOUT bounding the wait.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class LoggedFailureEmailBackend(BaseEmailBackend):
    """Hands the messages to the delivery backend; a failure is logged with the
    recipients' count and the error, and the caller carries on as if sent."""

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        try:
            return delivery.send_messages(email_messages)
        except Exception:
            logger.exception(
                "Email not sent",
                extra={
                    "messages": len(email_messages),
                    "subjects": [message.subject for message in email_messages],
                },
            )
            return 0
