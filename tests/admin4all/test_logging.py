"""Logs are JSON lines carrying the request's id, method and path; secrets (passwords,
tokens, cookies, query strings) never reach them."""

import io
import json
import logging

import pytest
from django.test import Client

from admin4all.request_logging import loggable_path
from municipalities.models import OfficerInvitation

PASSWORD = "Correct-Horse-Battery-9"
TOKEN = "tok3n-that-must-stay-secret"


@pytest.fixture
def log_lines():
    """What the configured console handler writes, through its own filter and format."""
    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    stream = io.StringIO()
    capture = logging.StreamHandler(stream)
    capture.setFormatter(console.formatter)
    for log_filter in console.filters:
        capture.addFilter(log_filter)
    logging.getLogger().addHandler(capture)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(capture)


@pytest.fixture
def client():
    client = Client()
    client.raise_request_exception = False
    return client


@pytest.mark.urls("tests.urls_with_error")
def test_error_logged_as_json_with_request_path_and_no_secret(db, client, log_lines):
    response = client.post(
        f"/broken/{TOKEN}/?password={PASSWORD}",
        {"login": "anna@example.org", "password": PASSWORD},
        HTTP_AUTHORIZATION=f"Basic {PASSWORD}",
        HTTP_COOKIE=f"sessionid={PASSWORD}",
    )

    assert response.status_code == 500
    [record] = log_lines()
    assert {key: record[key] for key in ("levelname", "name", "method", "path")} == {
        "levelname": "ERROR",
        "name": "django.request",
        "method": "POST",
        "path": "/broken/[redacted]/",
    }
    assert record["message"] == "Internal Server Error: /broken/[redacted]/"
    assert record["status_code"] == 500
    assert record["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: the view broke" in record["exc_info"]
    assert "timestamp" in record
    written = json.dumps(record)
    assert PASSWORD not in written
    assert TOKEN not in written


@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_unknown_invitation_token_redacted_from_the_not_found_line(db, client, log_lines, prefix):
    response = client.get(f"{prefix}/accounts/invitation/{TOKEN}/")

    assert response.status_code == 404
    assert not OfficerInvitation.objects.exists()
    [record] = log_lines()
    assert record["message"] == f"Not Found: {prefix}/accounts/invitation/[redacted]/"
    assert record["path"] == f"{prefix}/accounts/invitation/[redacted]/"
    assert TOKEN not in json.dumps(record)


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/accounts/password/reset/key/1a-{TOKEN}/", "/accounts/password/reset/key/"),
        (f"/accounts/confirm-email/{TOKEN}/", "/accounts/confirm-email/"),
        (f"/it/accounts/confirm-email/{TOKEN}/", "/it/accounts/confirm-email/"),
        (f"/el/accounts/invitation/{TOKEN}/", "/el/accounts/invitation/"),
    ],
)
def test_allauth_keys_redacted_from_the_logged_path(rf, path, logged):
    assert loggable_path(rf.get(path)).startswith(logged)
    assert TOKEN not in loggable_path(rf.get(path))


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("lb-7f3a.1_x", True), ("", False), ("<script>", False), ("x" * 65, False)],
)
def test_request_id_from_the_proxy_kept_only_when_plain(db, client, sent, kept):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=sent)

    assert (response["X-Request-ID"] == sent) is kept
    assert len(response["X-Request-ID"]) == (len(sent) if kept else 32)


def test_line_outside_a_request_has_no_request_fields(log_lines):
    logging.getLogger("admin4all").warning("backup written to %s", "backups/x.tar.gz")

    [record] = log_lines()
    assert record["message"] == "backup written to backups/x.tar.gz"
    assert "path" not in record
    assert "request_id" not in record
