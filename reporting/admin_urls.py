"""Staff pages of their own in the admin, beside the models' (reporting.admin_views):
included under /admin/ by the root URLs, without a namespace, as the admin's are."""

from django.contrib import admin
from django.urls import path, re_path
from django.views.generic import RedirectView

from reporting import admin_views

urlpatterns = [
    # The targets' admin pages before the model moved from the core to reporting.
    re_path(
        r"^admin4all/indicatortarget/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/reporting/indicatortarget/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path(
        "dashboard/",
        admin.site.admin_view(admin_views.indicators_dashboard),
        name="admin_indicators_dashboard",
    ),
    path(
        "dashboard/<slug:slug>/",
        admin.site.admin_view(admin_views.indicators_dashboard),
        name="admin_phase_indicators_dashboard",
    ),
    path(
        "data-quality/",
        admin.site.admin_view(admin_views.data_quality_view),
        name="admin_data_quality",
    ),
    path(
        "reports/<slug:phase>/",
        admin.site.admin_view(admin_views.phase_report_view),
        name="admin_phase_report",
    ),
    path(
        "reports/<slug:phase>/report.pdf",
        admin.site.admin_view(admin_views.phase_report_view),
        {"pdf": True},
        name="admin_phase_report_pdf",
    ),
    path(
        "reports/<slug:phase>/<slug:municipality>/",
        admin.site.admin_view(admin_views.phase_report_view),
        name="admin_municipality_report",
    ),
    path(
        "reports/<slug:phase>/<slug:municipality>/report.pdf",
        admin.site.admin_view(admin_views.phase_report_view),
        {"pdf": True},
        name="admin_municipality_report_pdf",
    ),
]
