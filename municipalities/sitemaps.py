from admin4all.sitemaps import RecordSitemap
from municipalities.models import Country, GoodPractice, Municipality

LIST_PAGES = ["municipalities:municipality_list", "municipalities:good_practice_list"]

sitemaps = {
    "countries": RecordSitemap(Country.objects.all),
    "municipalities": RecordSitemap(Municipality.objects.all),
    "good_practices": RecordSitemap(GoodPractice.objects.published),
}
