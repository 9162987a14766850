"""Staff pages of their own in the admin: the indicators dashboard and the list of
what needs attention. Gathers across apps (DESIGN.md)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from admin4all import data_quality
from admin4all.models import ProgrammePhase
from admin4all.results import results_context


def dashboard(request, slug: str = ""):
    """The indicators per phase, or one phase's per country, against the targets;
    for staff who may see the targets."""
    if not request.user.has_perm("admin4all.view_indicatortarget"):
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
        **results,
    }
    return TemplateResponse(request, "admin/results/dashboard.html", context)


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
    return TemplateResponse(request, "admin/results/data_quality.html", context)
