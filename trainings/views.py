from django.views.generic import DetailView
from django_filters.views import FilterView

from admin4all.views import FilteredListMixin, SectionMixin
from trainings.filters import PeerVisitFilter, TrainingFilter
from trainings.models import PeerVisit, Training


class HeldMixin(SectionMixin):
    """Trainings and peer visits are public once held; planned ones are for the officers
    of the cities concerned."""

    section = "programme"

    def get_queryset(self):
        return super().get_queryset().past()


class HeldListView(FilteredListMixin, HeldMixin, FilterView):
    """A filtered, paginated list of held activities, newest first; a page number out of
    range or malformed answers 404, as in the other lists."""

    paginate_by = 20


class TrainingListView(HeldListView):
    queryset = Training.objects.select_related("municipality__country")
    filterset_class = TrainingFilter


class PeerVisitListView(HeldListView):
    queryset = PeerVisit.objects.select_related("host__country")
    filterset_class = PeerVisitFilter


class TrainingDetailView(HeldMixin, DetailView):
    model = Training
    queryset = Training.objects.select_related("municipality", "phase")


class PeerVisitDetailView(HeldMixin, DetailView):
    model = PeerVisit
    queryset = PeerVisit.objects.select_related("host", "phase").prefetch_related("visitors")
