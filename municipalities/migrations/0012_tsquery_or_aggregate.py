# An aggregate joining tsqueries with OR (tsquery_or is the function of tsquery's ||
# operator): the spellings of a city as one query (municipalities/name_variants.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0011_translated_names"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE AGGREGATE admin4all_tsquery_or_agg(tsquery) "
            "(SFUNC = tsquery_or, STYPE = tsquery);",
            reverse_sql="DROP AGGREGATE admin4all_tsquery_or_agg(tsquery);",
        ),
    ]
