from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class ClientAddressThrottle(AnonRateThrottle):
    """Requests per client address (API_RATE_LIMIT), counted in the default cache.

    DRF reads its scope rates once, at import; this reads the setting on each request,
    so the rate follows the settings (a test can lower it)."""

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT
