from django.urls import path

from events import feeds, views

app_name = "events"
urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
    # Before the detail pages: news/<slug:slug>/ would take news/feed/.
    path("events/calendar.ics", feeds.events_calendar, name="calendar"),
    path("events/<slug:slug>/calendar.ics", feeds.event_calendar, name="event_calendar"),
    path("news/feed/", feeds.NewsFeed(), name="news_feed"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("news/", views.NewsArticleListView.as_view(), name="news_article_list"),
    path("news/<slug:slug>/", views.NewsArticleDetailView.as_view(), name="news_article_detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
]
