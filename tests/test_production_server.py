"""The production server as `make serve` starts it (gunicorn.conf.py, production
settings, no Redis configured): the login limits hold across its workers.

For the account's limit (five in five minutes) each worker is recycled after every
request (`--max-requests 1`), so a count kept in a worker's own memory would start from
nothing at each attempt: the limit can only hold when every worker reads one shared
store, and the same attempts against a per-process cache get through. Recycling costs
up to a second a request (gunicorn's arbiter restarts workers on its own beat), too
slow for the address's limit of ten a minute on a busy machine: that test keeps the
workers.
"""

import subprocess
import sys
import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from admin4all.models import OutgoingEmail
from tests.factories import UserFactory
from tests.servers import free_port, wait_for_port
from tests.test_app_servers import ROOT, Browser, production_environment

PASSWORD = "Right-password-locked-out-42"
# Followed by when: 5 minutes for an account, within a minute for an address.
TOO_MANY = b"Too many failed login attempts. Try again in "
WRONG = b"The email address and/or password you specified are not correct."


def start_server(tmp_path, recycle: bool, **environment) -> tuple[subprocess.Popen, str]:
    port = free_port()
    recycling = ("--max-requests", "1", "--max-requests-jitter", "0", "--preload")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "admin4all.wsgi", *(recycling if recycle else ())],
        cwd=ROOT,
        env=production_environment(tmp_path, PORT=str(port), WEB_CONCURRENCY="2", **environment),
    )
    wait_for_port(port, process)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture
def server(transactional_db, tmp_path):
    """Starts `make serve`'s production server on the test database: two workers, no
    Redis; `server(recycle=True)` recycles them after every request."""
    # The cache table is no model's, so the database's flush between tests leaves it:
    # each test starts with no attempts counted.
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{settings.CACHE_TABLE}"')
    started = []

    def start(recycle: bool, **environment) -> str:
        process, url = start_server(tmp_path, recycle, **environment)
        started.append(process)
        return url

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def verified_user(email: str):
    user = UserFactory(email=email)
    # The server runs the production hashers, not the tests' fast one.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt")
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(url: str, email: str, password: str):
    return Browser().post_form(f"{url}/accounts/login/", {"login": email, "password": password})


def outcome(answer) -> str:
    if answer.status == 302:
        return "logged in"
    if TOO_MANY in answer.body:
        return "locked"
    return "wrong" if WRONG in answer.body else f"{answer.status}?"


def test_an_account_locks_at_the_sixth_wrong_password_even_for_the_right_one(server):
    url = server(recycle=True)
    verified_user("officer@bari.example")

    answers = [log_in(url, "officer@bari.example", f"wrong-{n}") for n in range(5)]
    answers.append(log_in(url, "officer@bari.example", PASSWORD))

    assert [outcome(answer) for answer in answers] == ["wrong"] * 5 + ["locked"]


def test_an_address_locks_at_the_eleventh_failure(server):
    url = server(recycle=False)
    answers = [log_in(url, f"nobody-{n}@example.org", "wrong") for n in range(11)]

    assert [outcome(answer) for answer in answers] == ["wrong"] * 10 + ["locked"]


def test_a_cache_private_to_each_worker_would_let_the_attempts_through(server):
    """What the shared store prevents: the same attempts against the same server with
    a per-process cache are never locked out."""
    url = server(recycle=True, CACHE_URL="locmemcache://")
    verified_user("officer@tulln.example")

    answers = [log_in(url, "officer@tulln.example", f"wrong-{n}") for n in range(6)]
    answers.append(log_in(url, "officer@tulln.example", PASSWORD))

    assert [outcome(answer) for answer in answers] == ["wrong"] * 6 + ["logged in"]


def test_the_task_queue_worker_process_delivers_what_the_server_queued(server, tmp_path):
    """`make serve` runs the task queue's worker beside gunicorn: a password reset
    answered by the server reaches the mail backend through the worker process."""
    outbox = tmp_path / "outbox"
    mail = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    url = server(recycle=False, **mail)
    verified_user("officer@bari.example")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "procrastinate", "worker"],
        cwd=ROOT,
        env=production_environment(tmp_path, **mail),
    )
    try:
        answer = Browser().post_form(
            f"{url}/accounts/password/reset/", {"email": "officer@bari.example"}
        )
        assert answer.status == 302
        deadline = time.monotonic() + 30
        while not list(outbox.glob("*.log")) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=10)

    [sent] = outbox.glob("*.log") or pytest.fail(
        f"Nothing delivered: {list(OutgoingEmail.objects.values('state', 'last_error'))}"
    )
    assert "To: officer@bari.example" in sent.read_text()
    assert "/accounts/password/reset/key/" in sent.read_text()
