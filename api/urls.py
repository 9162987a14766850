from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("phases", views.PhaseViewSet, basename="phase")
router.register("events", views.EventViewSet, basename="event")
router.register("news", views.NewsArticleViewSet, basename="news")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("good-practices", views.GoodPracticeViewSet, basename="good-practice")
router.register(
    "training-statistics", views.TrainingStatisticsViewSet, basename="training-statistics"
)
router.register(
    "peer-visit-statistics", views.PeerVisitStatisticsViewSet, basename="peer-visit-statistics"
)

urlpatterns = [
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("v1/docs/", views.DocsView.as_view(), name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"", views.not_found),
]
