from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle


class ClientAddressThrottle(AnonRateThrottle):
    """Requests per client address (API_RATE_LIMIT), counted in the default cache.

    DRF reads its scope rates once, at import; this reads the setting on each request,
    so the rate follows the settings (a test can lower it)."""

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT


class DownloadThrottle(SimpleRateThrottle):
    """Bulk downloads per client address (OPEN_DATA_RATE_LIMIT), whoever is logged in:
    each streams a whole table. Addresses as the API's throttle reads them
    (API_TRUSTED_PROXY_COUNT)."""

    scope = "open-data"

    def get_rate(self) -> str:
        return settings.OPEN_DATA_RATE_LIMIT

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
