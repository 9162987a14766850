"""/sitemap.xml, an index of /sitemap-<section>.xml: every public page in every language,
public content only once it is published. Each app lists its own pages
(`<app>/sitemaps.py`); this assembles them, in the order crawlers are offered them."""

from admin4all.models import Organisation, Person, ProgrammePhase, Theme
from admin4all.sitemaps import PageSitemap, RecordSitemap
from events import sitemaps as events
from municipalities import sitemaps as municipalities
from reporting import sitemaps as reporting
from trainings import sitemaps as trainings

# The open data page is the api app's, a sibling of the portal: named, not imported.
PAGES = [
    "portal:home",
    "portal:phase_list",
    *reporting.LIST_PAGES,
    *municipalities.LIST_PAGES,
    *events.LIST_PAGES,
    *trainings.LIST_PAGES,
    "open_data:index",
]

sitemaps = {
    "pages": PageSitemap(PAGES),
    "phases": RecordSitemap(ProgrammePhase.objects.all),
    **reporting.sitemaps,
    **municipalities.sitemaps,
    **trainings.sitemaps,
    **events.sitemaps,
    "people": RecordSitemap(Person.objects.all),
    "organisations": RecordSitemap(Organisation.objects.all),
    "themes": RecordSitemap(Theme.objects.all),
}
