from django.urls import path

from trainings import views

app_name = "trainings"
urlpatterns = [
    path("trainings/", views.TrainingListView.as_view(), name="training_list"),
    path("trainings/<slug:slug>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("peer-visits/", views.PeerVisitListView.as_view(), name="peer_visit_list"),
    path(
        "peer-visits/<slug:slug>/", views.PeerVisitDetailView.as_view(), name="peer_visit_detail"
    ),
]
