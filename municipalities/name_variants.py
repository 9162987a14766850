"""Every spelling of the city a search names: "Wroclaw" also looks for "Wroclav",
"Wrocław", "Breslau", "Breslavia", "Βρότσλαβ"... so that a record is found whatever
spelling its text uses, in whatever language.

The spellings are the municipality's own data: its canonical and native names, the
alternative spellings staff record, and its names in the portal's languages (the
translations of `name`). The expansion runs inside each search query, as a scalar
subquery over the municipalities, so it costs no query of its own and follows every
edit of a name at once. (A PostgreSQL synonym or thesaurus dictionary would hold the
same spellings in a file on the database server, written again after each edit.)
"""

from django.contrib.postgres.search import SearchQueryCombinable, SearchQueryField
from django.db.models.expressions import RawSQL

from admin4all.search_documents import FIELD as SEARCH_FIELD
from admin4all.search_documents import SIMPLE
from municipalities.models import Municipality

# A municipality's names: canonical, native, alternative spellings, and its name in each
# language (the `name_<language>` keys of its translations).
_NAMES = (
    "ARRAY[m.name, m.native_name] || m.alternative_names || "
    "ARRAY(SELECT value FROM jsonb_each_text(m.i18n) WHERE key LIKE 'name\\_%%')"
)

# The names, as one tsquery of phrases joined by OR, of the municipality whose name the
# visitor's text is (the same words); an empty tsquery when it is no city's name. Only a
# text that is a name alone is widened: OR-ed into "housing Milano", the spellings of
# Milan would find every record about Milan, housing or not. The search document (its
# names as typed among its words, GIN-indexed) finds the few candidates first, so that
# names are compared for those only.
_VARIANTS_SQL = f"""(
SELECT COALESCE(admin4all_tsquery_or_agg(DISTINCT spelling), ''::tsquery)
FROM {Municipality._meta.db_table} AS m
CROSS JOIN LATERAL (SELECT {_NAMES} AS names) AS city
CROSS JOIN LATERAL unnest(city.names) AS variant
CROSS JOIN LATERAL phraseto_tsquery('{SIMPLE}', variant) AS spelling
WHERE m.{SEARCH_FIELD} @@ phraseto_tsquery('{SIMPLE}', %s)
AND numnode(spelling) > 0
AND EXISTS (
    SELECT 1 FROM unnest(city.names) AS name
    WHERE numnode(phraseto_tsquery('{SIMPLE}', name)) > 0
    AND websearch_to_tsquery('{SIMPLE}', %s) @> phraseto_tsquery('{SIMPLE}', name)
    AND websearch_to_tsquery('{SIMPLE}', %s) <@ phraseto_tsquery('{SIMPLE}', name)
)
)"""


class CityNameVariants(SearchQueryCombinable, RawSQL):
    """A tsquery matching every spelling of the city `text` names, to join to a search
    query with `|`."""

    def __init__(self, text: str):
        super().__init__(_VARIANTS_SQL, (text, text, text), output_field=SearchQueryField())
