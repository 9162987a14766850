from django.urls import path

from trainings import views

app_name = "trainings"
urlpatterns = [
    path("trainings/<slug:slug>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path(
        "peer-visits/<slug:slug>/", views.PeerVisitDetailView.as_view(), name="peer_visit_detail"
    ),
]
