from django.db import migrations

# Two text search configurations that ignore diacritics, so "Wroclaw" finds Wrocław:
# admin4all_simple keeps words as typed (names match exactly), admin4all_english stems
# them (prose matches "housing" for "houses"). unaccent runs first, then passes its
# output on to the next dictionary.
CREATE = """
CREATE TEXT SEARCH CONFIGURATION admin4all_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION admin4all_simple
    ALTER MAPPING FOR word, hword, hword_part
    WITH unaccent, simple;
CREATE TEXT SEARCH CONFIGURATION admin4all_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION admin4all_english
    ALTER MAPPING FOR word, hword, hword_part
    WITH unaccent, english_stem;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS admin4all_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS admin4all_simple;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0003_changehistory"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
