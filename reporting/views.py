"""The public results pages: the programme's indicators per phase, and one phase's per
country."""

from django.views.generic import DetailView, TemplateView

from admin4all.models import ProgrammePhase
from admin4all.views import SectionMixin
from reporting.results import results_context


class ResultsView(SectionMixin, TemplateView):
    """The programme's indicators per phase, from published records only."""

    section = "results"
    template_name = "reporting/results.html"

    def get_context_data(self, **kwargs):
        phases = list(ProgrammePhase.objects.order_by("number"))
        return super().get_context_data(phases=phases, **results_context(phases=phases), **kwargs)


class PhaseResultsView(SectionMixin, DetailView):
    """One phase's indicators per country."""

    section = "results"
    model = ProgrammePhase
    template_name = "reporting/results.html"
    context_object_name = "phase"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            phases=list(ProgrammePhase.objects.order_by("number")),
            **results_context(phase=self.object),
            **kwargs,
        )
