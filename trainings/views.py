from django.views.generic import DetailView

from trainings.models import PeerVisit, Training


class TrainingDetailView(DetailView):
    model = Training
    queryset = Training.objects.select_related("municipality", "phase")


class PeerVisitDetailView(DetailView):
    model = PeerVisit
    queryset = PeerVisit.objects.select_related("host", "phase").prefetch_related("visitors")
