"""Staff pages of their own in the admin: the indicators dashboard, the list of what
needs attention and the phase reports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from admin4all.models import ProgrammePhase
from municipalities.models import Municipality
from reporting import data_quality
from reporting.phase_reports import phase_report
from reporting.results import results_context

# A phase report shows the activities, the good practices and the indicators' targets.
REPORT_PERMISSIONS = (
    "trainings.view_training",
    "trainings.view_peervisit",
    "events.view_event",
    "municipalities.view_goodpractice",
    "reporting.view_indicatortarget",
)


def indicators_dashboard(request, slug: str = ""):
    """The indicators per phase, or one phase's per country, against the targets;
    for staff who may see the targets."""
    if not request.user.has_perm("reporting.view_indicatortarget"):
        raise PermissionDenied
    phases = list(ProgrammePhase.objects.order_by("number"))
    if slug:
        phase = get_object_or_404(ProgrammePhase, slug=slug)
        results = results_context(phase=phase)
        title = _("Indicators: %(phase)s") % {"phase": phase}
    else:
        results = results_context(phases=phases)
        title = _("Indicators dashboard")
    context = {
        **admin.site.each_context(request),
        "title": title,
        "phases": phases,
        "can_see_reports": request.user.has_perms(REPORT_PERMISSIONS),
        **results,
    }
    return TemplateResponse(request, "admin/reporting/indicators_dashboard.html", context)


def data_quality_view(request):
    """The sections of data_quality the user may see, each with its first records."""
    sections = [
        (section, *section.rows())
        for section in data_quality.sections()
        if request.user.has_perm(section.view_permission)
    ]
    if not sections:
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Data quality"),
        "sections": sections,
        "limit": data_quality.LIMIT,
    }
    return TemplateResponse(request, "admin/reporting/data_quality.html", context)


def phase_report_view(request, phase: str, municipality: str = "", pdf: bool = False):
    """The phase report of the whole programme or of one municipality, as a printable
    page or (`pdf`) as a PDF made from the same page."""
    if not request.user.has_perms(REPORT_PERMISSIONS):
        raise PermissionDenied
    programme_phase = get_object_or_404(
        ProgrammePhase.objects.select_related("managed_by", "funded_by"), slug=phase
    )
    city = None
    if municipality:
        city = get_object_or_404(Municipality.objects.select_related("country"), slug=municipality)
    context = {
        **phase_report(programme_phase, city),
        "generated": timezone.localdate(),
    }
    if not pdf:
        return TemplateResponse(request, "reporting/phase_report.html", context)
    from admin4all.pdf import pdf_response  # loads WeasyPrint: see admin4all.pdf

    name = f"{programme_phase.slug}-{city.slug}" if city else programme_phase.slug
    return pdf_response(
        request, "reporting/phase_report.html", context, filename=f"report-{name}.pdf"
    )
