from admin4all.sitemaps import RecordSitemap
from events.models import Event, NewsArticle, Publication

LIST_PAGES = ["events:event_list", "events:news_article_list", "events:publication_list"]

sitemaps = {
    "events": RecordSitemap(Event.objects.published),
    "news": RecordSitemap(NewsArticle.objects.published),
    "publications": RecordSitemap(Publication.objects.published),
}
