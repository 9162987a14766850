from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from admin4all import admin_views, search_views, views
from admin4all.sitemaps import sitemaps

programme_patterns = (
    [
        path("programme/", views.PhaseListView.as_view(), name="phase_list"),
        path("programme/<slug:slug>/", views.PhaseDetailView.as_view(), name="phase_detail"),
        path("results/", views.ResultsView.as_view(), name="results"),
        path("results/<slug:slug>/", views.PhaseResultsView.as_view(), name="phase_results"),
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
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # An index of one sitemap per section, each paginated by Django (50,000 a page), so
    # no answer holds every page of the site. Each page is listed in every language.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("admin/nested/", include("nested_admin.urls")),
    # Staff pages of their own, beside the models' (admin4all.admin_views).
    path("admin/dashboard/", admin.site.admin_view(admin_views.dashboard), name="admin_dashboard"),
    path(
        "admin/dashboard/<slug:slug>/",
        admin.site.admin_view(admin_views.dashboard),
        name="admin_phase_dashboard",
    ),
    path(
        "admin/data-quality/",
        admin.site.admin_view(admin_views.data_quality_view),
        name="admin_data_quality",
    ),
    path(
        "admin/reports/<slug:phase>/",
        admin.site.admin_view(admin_views.phase_report_view),
        name="admin_phase_report",
    ),
    path(
        "admin/reports/<slug:phase>/report.pdf",
        admin.site.admin_view(admin_views.phase_report_view),
        {"pdf": True},
        name="admin_phase_report_pdf",
    ),
    path(
        "admin/reports/<slug:phase>/<slug:municipality>/",
        admin.site.admin_view(admin_views.phase_report_view),
        name="admin_municipality_report",
    ),
    path(
        "admin/reports/<slug:phase>/<slug:municipality>/report.pdf",
        admin.site.admin_view(admin_views.phase_report_view),
        {"pdf": True},
        name="admin_municipality_report_pdf",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

# Pages people read, in every language: English without a prefix (/events/), the others
# with theirs (/it/events/). The language comes from the path alone, never from a
# cookie or the browser's preference, so a URL always shows the same page (and the
# page cache keeps one copy of it).
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("search/", search_views.search, name="search"),
    # The officer area (/my/) and the invitation link (/accounts/invitation/<token>/).
    path("", include("municipalities.officer_urls")),
    path("accounts/", include("allauth.urls")),
    path("open-data/", include("api.open_data_urls")),
    path("", include(programme_patterns)),
    path("", include("municipalities.urls")),
    path("", include("trainings.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
