from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("results/", views.ResultsView.as_view(), name="results"),
    path("results/<slug:slug>/", views.PhaseResultsView.as_view(), name="phase_results"),
]
