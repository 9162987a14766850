from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("news/<slug:slug>/", views.NewsArticleDetailView.as_view(), name="news_article_detail"),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
]
