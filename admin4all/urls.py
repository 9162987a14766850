from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from admin4all import views

programme_patterns = (
    [
        path("programme/<slug:slug>/", views.PhaseDetailView.as_view(), name="phase_detail"),
        path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
        path(
            "organisations/<slug:slug>/",
            views.OrganisationDetailView.as_view(),
            name="organisation_detail",
        ),
        path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    ],
    "admin4all",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/nested/", include("nested_admin.urls")),
    path("admin/", admin.site.urls),
    path("", include(programme_patterns)),
    path("", include("municipalities.urls")),
    path("", include("trainings.urls")),
    path("", include("events.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
