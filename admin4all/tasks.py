"""The core's jobs on the task queue (procrastinate, in PostgreSQL): delivering the
emails, and removing old emails and jobs. The worker (`manage.py procrastinate worker`,
started by `make run` and `make serve`) runs them."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from procrastinate import RetryStrategy, builtin_tasks
from procrastinate.contrib.django import app

from admin4all import mail
from admin4all.models import OutgoingEmail

# Six retries, after 5 s, 25 s, 2 min, 10 min, 52 min and 4 h: a mail server down for an
# afternoon loses nothing.
MAIL_RETRY = RetryStrategy(max_attempts=6, exponential_wait=5)


@app.task(queue="mail", retry=MAIL_RETRY, pass_context=True)
def deliver_email(context, email_id: int) -> None:
    email = OutgoingEmail.objects.get(pk=email_id)
    email.attempts += 1
    try:
        mail.deliver(email.message)
    except Exception as error:
        email.last_error = f"{type(error).__name__}: {error}"
        if context.job.attempts >= MAIL_RETRY.max_attempts:
            email.state = OutgoingEmail.State.FAILED
        email.save(update_fields=["attempts", "last_error", "state"])
        raise  # the queue logs it and, before the last attempt, retries
    email.state, email.sent_at, email.message = OutgoingEmail.State.SENT, timezone.now(), {}
    email.save(update_fields=["attempts", "state", "sent_at", "message"])


@app.periodic(cron="17 3 * * *")
@app.task(queue="maintenance", queueing_lock="remove_old_jobs", pass_context=True)
async def remove_old_jobs(context, timestamp: int) -> None:
    """Emails hold addresses (personal data): they, and the jobs that sent them, are
    kept TASK_RETENTION_HOURS."""
    cutoff = timezone.now() - timedelta(hours=settings.TASK_RETENTION_HOURS)
    await (
        OutgoingEmail.objects.filter(created_at__lt=cutoff)
        .exclude(state=OutgoingEmail.State.QUEUED)
        .adelete()
    )
    await builtin_tasks.remove_old_jobs(
        context,
        max_hours=settings.TASK_RETENTION_HOURS,
        remove_failed=True,
        remove_cancelled=True,
        remove_aborted=True,
    )
