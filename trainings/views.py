from django.views.generic import DetailView

from admin4all.views import SectionMixin
from trainings.models import PeerVisit, Training


class HeldMixin(SectionMixin):
    """Trainings and peer visits are public once held; planned ones are for the officers
    of the cities concerned."""

    section = "programme"

    def get_queryset(self):
        return super().get_queryset().past()


class TrainingDetailView(HeldMixin, DetailView):
    model = Training
    queryset = Training.objects.select_related("municipality", "phase")


class PeerVisitDetailView(HeldMixin, DetailView):
    model = PeerVisit
    queryset = PeerVisit.objects.select_related("host", "phase").prefetch_related("visitors")
