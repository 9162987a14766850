"""Structured logs: one JSON object per line on stdout, for the log collector of whatever
runs the app servers.

Every line written while a request is served carries the request's id, method and path,
so an error can be traced to the request behind it across several app servers. Secrets
stay out: the path's secret parts (invitation tokens, password-reset and email
confirmation keys) are redacted, and no query string, body, header or cookie is ever
logged, so a password or token typed into a form cannot reach the logs.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path, override
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

# URL parameters that are credentials: allauth's password-reset and confirmation keys,
# and the officer invitation token.
SECRET_URL_PARAMETERS = frozenset({"key", "token", "uidb36"})
REDACTED = "[redacted]"
# An id a load balancer or proxy sent is kept only if it is short and plain.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")

_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def loggable_path(request: HttpRequest) -> str:
    """The request's path, with the values of secret URL parameters redacted."""
    match = request.resolver_match
    if match is None:  # logged before URL resolution, or nothing matched
        # /it/accounts/... resolves only while Italian is active; this may run before
        # the request's language is, or after another's.
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            with override(language):
                match = resolve(request.path_info)
        except Resolver404:
            return request.path
    path = request.path
    for name, value in match.kwargs.items():
        if name in SECRET_URL_PARAMETERS and value:
            path = path.replace(str(value), REDACTED)
    return path


class RequestLogContextMiddleware:
    """Gives each request an id (the proxy's X-Request-ID if it sent a plain one),
    returns it in the response, and makes the request known to the log filter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        sent = request.headers.get("X-Request-ID", "")
        request.log_id = sent if REQUEST_ID_PATTERN.fullmatch(sent) else uuid.uuid4().hex
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response["X-Request-ID"] = request.log_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds request_id, method and path to records logged during a request, and
    redacts secret URL parts from messages that quote the path (Django's "Not Found:
    /accounts/invitation/<token>/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None) or _current_request.get()
        if not isinstance(request, HttpRequest):
            return True
        path = loggable_path(request)
        record.request_id = getattr(request, "log_id", None)
        record.method = request.method
        record.path = path
        if path != request.path:
            record.msg = record.getMessage().replace(request.path, path)
            record.args = ()
        return True


class StructuredFormatter(JsonFormatter):
    """JSON with the standard fields and the request context; the request object that
    Django attaches to its records is left out, since its text shows the raw path."""

    def __init__(self, *args, **kwargs):
        reserved = [*RESERVED_ATTRS, "request", "server_time"]
        super().__init__(*args, reserved_attrs=reserved, timestamp=True, **kwargs)
