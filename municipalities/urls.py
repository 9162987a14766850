from django.urls import path

from municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("countries/<slug:slug>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("municipalities/", views.MunicipalityListView.as_view(), name="municipality_list"),
    path("municipalities/map.geojson", views.municipality_map, name="municipality_map"),
    path(
        "municipalities/suggestions.json",
        views.municipality_suggestions,
        name="municipality_suggestions",
    ),
    path("good-practices/", views.GoodPracticeListView.as_view(), name="good_practice_list"),
    path(
        "good-practices/<slug:slug>/",
        views.GoodPracticeDetailView.as_view(),
        name="good_practice_detail",
    ),
]
