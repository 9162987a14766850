"""Every spelling of the city a search names: "Wroclaw" also looks for "Wroclav",
"Wrocław", "Breslau", "Breslavia", "Βρότσλαβ"... so that a record is found whatever
spelling its text uses, in whatever language; and "training Wroclav" for "training"
beside any spelling of Wrocław.

The spellings are the municipality's own data: its canonical and native names, the
alternative spellings staff record, and its names in the portal's languages (the
translations of `name`). The expansion runs inside each search query, as a scalar
subquery over the municipalities, so it costs no query of its own and follows every
edit of a name at once. (A PostgreSQL synonym or thesaurus dictionary would hold the
same spellings in a file on the database server, written again after each edit, and
every stored search document computed again: docs/languages.md has both measured.)
"""

from django.contrib.postgres.search import SearchQueryCombinable, SearchQueryField
from django.db.models.expressions import RawSQL

from admin4all.search_documents import ENGLISH, SIMPLE
from admin4all.search_documents import FIELD as SEARCH_FIELD
from municipalities.models import Municipality

# A city's name has at most this many words ("Reggio nell'Emilia" parses as three), and
# a text of more words than MAX_WORDS is searched as typed: each run of words is tried
# as a city's name, so the runs grow with the square of the words.
MAX_NAME_WORDS = 3
MAX_WORDS = 6

# A municipality's names: canonical, native, alternative spellings, and its name in each
# language (the `name_<language>` keys of its translations).
_NAMES = (
    "ARRAY[m.name, m.native_name] || m.alternative_names || "
    "ARRAY(SELECT value FROM jsonb_each_text(m.i18n) WHERE key LIKE 'name\\_%%')"
)

# For each way of reading the visitor's text as a city's name and other words (`part`),
# the city whose name that is (the same words): any of its spellings, joined with AND
# to the other words, typed or stemmed as the rest of the search reads them; an empty
# tsquery when no part is a city's name. The search document (its names as typed among
# its words, GIN-indexed) finds the few candidate cities first, so that names are
# compared for those only. A text that is a name alone is widened to the spellings: a
# name beside other words is not OR-ed alone, or "housing Milano" would find every
# record about Milan, housing or not.
_READINGS_SQL = f"""(
SELECT admin4all_tsquery_or_agg(DISTINCT found.query)
FROM (
    SELECT CASE
        WHEN part.rest = '' THEN spellings.query
        ELSE spellings.query && (
            websearch_to_tsquery('{SIMPLE}', part.rest)
            || websearch_to_tsquery('{ENGLISH}', part.rest)
            || websearch_to_tsquery(%s::regconfig, part.rest)
        )
    END AS query
    FROM unnest(%s::text[], %s::text[]) AS part(name, rest)
    JOIN {Municipality._meta.db_table} AS m
        ON m.{SEARCH_FIELD} @@ phraseto_tsquery('{SIMPLE}', part.name)
    CROSS JOIN LATERAL (SELECT {_NAMES} AS names) AS city
    CROSS JOIN LATERAL (
        SELECT admin4all_tsquery_or_agg(DISTINCT spelling) AS query
        FROM unnest(city.names) AS variant
        CROSS JOIN LATERAL phraseto_tsquery('{SIMPLE}', variant) AS spelling
        WHERE numnode(spelling) > 0
    ) AS spellings
    WHERE EXISTS (
        SELECT 1 FROM unnest(city.names) AS name
        WHERE numnode(phraseto_tsquery('{SIMPLE}', name)) > 0
        AND websearch_to_tsquery('{SIMPLE}', part.name) @> phraseto_tsquery('{SIMPLE}', name)
        AND websearch_to_tsquery('{SIMPLE}', part.name) <@ phraseto_tsquery('{SIMPLE}', name)
    )
) AS found
)"""
# The whole text read as a city's name first: only when it is none are its runs of words
# tried (COALESCE evaluates its second argument only then). A word that many cities'
# texts hold ("municipality") would otherwise make every one of them a candidate.
_VARIANTS_SQL = f"COALESCE({_READINGS_SQL}, {_READINGS_SQL}, ''::tsquery)"


def name_readings(text: str) -> list[tuple[str, str]]:
    """Each way of reading `text` as a city's name and the other words around it: the
    whole text first, then every run of up to MAX_NAME_WORDS words with the rest."""
    words = text.split()
    readings = [(" ".join(words), "")]
    if len(words) > MAX_WORDS or any(_is_operator(word) for word in words):
        return readings
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_NAME_WORDS, len(words)) + 1):
            if (start, end) != (0, len(words)):
                rest = words[:start] + words[end:]
                readings.append((" ".join(words[start:end]), " ".join(rest)))
    return readings


def _is_operator(word: str) -> bool:
    """Whether websearch syntax reads the word as (part of) an operator: a phrase in
    quotation marks, a word to leave out, "or". A text holding one is not split."""
    return '"' in word or word.startswith("-") or word.lower() == "or"


class CityNameVariants(SearchQueryCombinable, RawSQL):
    """A tsquery matching every spelling of the city `text` names, with the text's other
    words (stemmed as `stemming` too), to join to a search query with `|`."""

    def __init__(self, text: str, *, stemming: str):
        (whole, _nothing), *runs = name_readings(text)
        names, rests = [name for name, _rest in runs], [rest for _name, rest in runs]
        super().__init__(
            _VARIANTS_SQL,
            (stemming, [whole], [""], stemming, names, rests),
            output_field=SearchQueryField(),
        )
