from django.urls import path

from portal.views import city, design, directory, home, programme, search

app_name = "portal"
urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("search/", search.search, name="search"),
    path("design/", design.DesignSystemView.as_view(), name="design"),
    path("programme/", programme.PhaseListView.as_view(), name="phase_list"),
    path("programme/<slug:slug>/", programme.PhaseDetailView.as_view(), name="phase_detail"),
    path(
        "municipalities/<slug:slug>/",
        city.MunicipalityDetailView.as_view(),
        name="municipality_detail",
    ),
    path("people/<slug:slug>/", directory.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organisations/<slug:slug>/",
        directory.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("themes/<slug:slug>/", directory.ThemeDetailView.as_view(), name="theme_detail"),
]
