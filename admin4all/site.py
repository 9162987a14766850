"""The Site record, which feeds, sitemaps, calendars and emails use for absolute URLs."""

from django.conf import settings
from django.contrib.sites.models import Site


def sync_site(**kwargs) -> None:
    """Keep the Site in step with the SITE_DOMAIN setting (run after every migrate)."""
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": "ADMin4ALL"}
    )
    Site.objects.clear_cache()
