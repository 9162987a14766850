"""Email goes through the task queue (admin4all.mail): a request only stores and queues
it, and the queue's worker, a real procrastinate worker on the test database, delivers
it and retries when the mail server cannot be reached (a real closed port, not a
stand-in). Password reset answers alike for known and unknown addresses whatever the
mail server does."""

import logging
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from admin4all.models import OutgoingEmail
from admin4all.tasks import MAIL_RETRY, remove_old_jobs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_mail(settings):
    # Django's test set-up delivers to a list at once; the portal's own path is restored
    # here, with that list as the delivery backend.
    settings.EMAIL_BACKEND = "admin4all.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield
    # The queue's tables are no model's own, so the flush between tests leaves them.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procrastinate_jobs CASCADE")


@pytest.fixture
def mail_server_down(settings, queued_mail):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def run_worker(monkeypatch):
    """Runs the jobs that are due, then returns: the worker of `manage.py procrastinate
    worker`, on its own connection, in this process."""
    # Each job closes its database connection when done, rather than keep it for the
    # next job in a thread that ends with this worker.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)

    def run() -> None:
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False)

    return run


def reset_password(client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


@pytest.mark.parametrize("email", ["officer@example.org", "nobody@example.org"])
def test_password_reset_answers_alike_when_mail_fails(
    client, make_account, mail_server_down, email
):
    make_account(email="officer@example.org")

    response = reset_password(client, email)

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/password/reset/done/",
    )
    # Only the known address has an email waiting.
    assert OutgoingEmail.objects.count() == (1 if email == "officer@example.org" else 0)


def test_the_request_queues_and_the_worker_delivers(client, make_account, queued_mail, run_worker):
    make_account(email="officer@example.org")

    reset_password(client, "officer@example.org")

    email = OutgoingEmail.objects.get()
    assert (mail.outbox, email.state, email.recipients) == ([], "queued", ["officer@example.org"])
    # The job names the email, never its content.
    assert ProcrastinateJob.objects.get().args == {"email_id": email.pk}
    run_worker()
    [message] = mail.outbox
    assert message.to == ["officer@example.org"]
    assert message.subject == "[ADMin4ALL] Password Reset Email"
    assert "/accounts/password/reset/key/" in message.body
    email.refresh_from_db()
    # Delivered: the reset link is kept nowhere, the job is gone.
    assert (email.state, email.attempts, email.message) == ("sent", 1, {})
    assert email.sent_at is not None
    assert not ProcrastinateJob.objects.exists()


def test_a_failed_delivery_is_logged_and_retried_later(
    client, make_account, mail_server_down, run_worker, caplog
):
    make_account(email="officer@example.org")
    reset_password(client, "officer@example.org")

    with caplog.at_level(logging.INFO, logger="procrastinate"):
        run_worker()

    email = OutgoingEmail.objects.get()
    assert (email.state, email.attempts) == ("queued", 1)
    assert email.last_error.startswith("ConnectionRefusedError")
    job = ProcrastinateJob.objects.get()
    assert (job.status, job.attempts) == ("todo", 1)
    # The first retry waits five seconds, the later ones longer.
    assert timedelta(seconds=3) < job.scheduled_at - timezone.now() <= timedelta(seconds=5)
    [failure] = [record for record in caplog.records if record.exc_info]
    assert "ConnectionRefusedError" in failure.exc_text or failure.exc_info[0] is not None
    # The log names the email by its id: no address, no link.
    assert "officer@example.org" not in caplog.text
    assert "/reset/key/" not in caplog.text


def test_a_delivery_failing_its_last_attempt_stays_failed_for_staff(
    client, make_account, mail_server_down, run_worker, admin_client
):
    make_account(email="officer@example.org")
    reset_password(client, "officer@example.org")
    # As if every earlier attempt had failed and the last one were due now.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET attempts = %s", [MAIL_RETRY.max_attempts])

    run_worker()

    email = OutgoingEmail.objects.get()
    assert email.state == "failed"
    assert ProcrastinateJob.objects.get().status == "failed"
    listed = admin_client.get("/admin/admin4all/outgoingemail/?state=failed").content.decode()
    assert "officer@example.org" in listed
    assert "Could not be sent" in listed
    shown = admin_client.get(f"/admin/admin4all/outgoingemail/{email.pk}/change/").content
    assert b"ConnectionRefusedError" in shown
    assert b"/reset/key/" not in shown


def test_the_daily_clean_up_removes_emails_past_their_retention(queued_mail, run_worker, settings):
    past = timezone.now() - timedelta(hours=settings.TASK_RETENTION_HOURS + 1)
    for subject, state in [("Old, sent", "sent"), ("Old, waiting", "queued"), ("New", "failed")]:
        OutgoingEmail.objects.create(recipients=["a@example.org"], subject=subject, state=state)
    OutgoingEmail.objects.filter(subject__startswith="Old").update(created_at=past)

    remove_old_jobs.defer(timestamp=0)
    run_worker()

    # An email still waiting is kept whatever its age: its delivery is not over.
    assert set(OutgoingEmail.objects.values_list("subject", flat=True)) == {
        "Old, waiting",
        "New",
    }
