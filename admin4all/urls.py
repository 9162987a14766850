"""The root URLs: each app's, included. The layers (docs/architecture.md) meet here by
name only, as INSTALLED_APPS does."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("admin4all.service_urls")),
    path("", include("portal.site_urls")),
    path("admin/", include("reporting.admin_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

# Pages people read, in every language: English without a prefix (/events/), the others
# with theirs (/it/events/). The language comes from the path alone, never from a
# cookie or the browser's preference, so a URL always shows the same page (and the
# page cache keeps one copy of it).
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    # The officer area (/my/) and the invitation link (/accounts/invitation/<token>/).
    path("", include("officers.urls")),
    path("accounts/", include("allauth.urls")),
    path("open-data/", include("api.open_data_urls")),
    path("", include("reporting.urls")),
    path("", include("municipalities.urls")),
    path("", include("trainings.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
