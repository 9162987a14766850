"""Deployment checks of our own, run by `manage.py check --deploy` with Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """The login rate limits and the page cache must be seen by every app server."""
    if settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The cache is private to each process, so login rate limits are counted "
            "per process and cached pages differ between app servers.",
            hint=(
                "Set CACHE_URL to a shared cache (e.g. redis://host:6379/0), or leave it "
                "unset for the cache table every worker shares in the database."
            ),
            id="admin4all.W001",
        )
    ]
