"""Email goes through admin4all.mail: a mail server that cannot be reached changes no
answer. Password reset answers alike for known and unknown addresses; the failure is
logged. The mail server is a real closed port, not a stand-in."""

import logging
import socket

import pytest
from django.core import mail


@pytest.fixture
def mail_server_down(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    # Django's test set-up delivers to a list; the portal's own path is restored here.
    settings.EMAIL_BACKEND = "admin4all.mail.LoggedFailureEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.parametrize("email", ["officer@example.org", "nobody@example.org"])
def test_password_reset_answers_alike_when_mail_fails(
    client, make_account, mail_server_down, caplog, email
):
    make_account(email="officer@example.org")

    with caplog.at_level(logging.ERROR, logger="admin4all.mail"):
        response = client.post("/accounts/password/reset/", {"email": email})

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/password/reset/done/",
    )
    # Only the known address had an email to send, and its failure is in the log.
    failures = [r for r in caplog.records if r.getMessage() == "Email not sent"]
    assert len(failures) == (1 if email == "officer@example.org" else 0)


def test_email_is_delivered_through_the_delivery_backend(client, make_account, settings):
    settings.EMAIL_BACKEND = "admin4all.mail.LoggedFailureEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_account(email="officer@example.org")

    client.post("/accounts/password/reset/", {"email": "officer@example.org"})

    assert [message.to for message in mail.outbox] == [["officer@example.org"]]
