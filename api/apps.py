from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Open data API")

    def ready(self):
        # Registers the description of the lists' filters with drf-spectacular.
        from api import schema  # noqa: F401
