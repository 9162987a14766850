"""gunicorn's settings for `make serve` and production; each can be overridden on the
command line or by GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Recycled after a while, so a slow leak cannot grow a worker for ever.
max_requests = 5000
max_requests_jitter = 500
timeout = 30
# The app logs its own JSON lines to stdout; gunicorn's access log stays off.
accesslog = None
errorlog = "-"
# X-Forwarded-Proto from the load balancer in front (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket sits at one path per user, so a second server on the same
# host would take it over; nothing here uses it.
control_socket_disable = True
