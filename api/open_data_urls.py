from django.urls import path

from api import open_data

app_name = "open_data"

urlpatterns = [
    path("", open_data.OpenDataView.as_view(), name="index"),
    path("<slug:table>.csv", open_data.download, {"extension": "csv"}, name="csv"),
    path("<slug:table>.json", open_data.download, {"extension": "json"}, name="json"),
    path("<slug:table>.geojson", open_data.download, {"extension": "geojson"}, name="geojson"),
]
