from admin4all.sitemaps import RecordSitemap
from trainings.models import PeerVisit, Training

LIST_PAGES = ["trainings:training_list", "trainings:peer_visit_list"]

# Trainings and peer visits once held, as on their pages: planned ones belong to the
# officers' area.
sitemaps = {
    "trainings": RecordSitemap(Training.objects.past),
    "peer_visits": RecordSitemap(PeerVisit.objects.past),
}
