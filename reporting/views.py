"""The public results pages: the programme's indicators per phase, and one phase's per
country."""

from django.views.generic import DetailView, TemplateView

from admin4all.models import ProgrammePhase
from admin4all.versioned_cache import while_unchanged
from admin4all.views import SectionMixin
from reporting.results import results_context


# Computed once per version of the tables they read (admin4all.versioned_cache).
def all_results() -> dict:
    phases = list(ProgrammePhase.objects.order_by("number"))
    return {"phases": phases, **results_context(phases=phases)}


def phase_results(phase: ProgrammePhase) -> dict:
    return {
        "phases": list(ProgrammePhase.objects.order_by("number")),
        **results_context(phase=phase),
    }


class ResultsView(SectionMixin, TemplateView):
    """The programme's indicators per phase, from published records only."""

    section = "results"
    template_name = "reporting/results.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**while_unchanged("results", all_results), **kwargs)


class PhaseResultsView(SectionMixin, DetailView):
    """One phase's indicators per country."""

    section = "results"
    model = ProgrammePhase
    template_name = "reporting/results.html"
    context_object_name = "phase"

    def get_context_data(self, **kwargs):
        phase = self.object
        content = while_unchanged(f"results.{phase.pk}", lambda: phase_results(phase))
        return super().get_context_data(**content, **kwargs)
