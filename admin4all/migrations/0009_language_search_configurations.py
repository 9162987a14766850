from django.db import migrations

# A text search configuration per content language that PostgreSQL can stem, ignoring
# diacritics like those of migration 0004: unaccent runs first, then that language's
# stemmer. Polish has no stemmer in PostgreSQL; its text is parsed with admin4all_simple.
LANGUAGES = ("italian", "german", "romanian", "greek", "spanish")

CREATE = "".join(
    f"""
CREATE TEXT SEARCH CONFIGURATION admin4all_{language} (COPY = pg_catalog.{language});
ALTER TEXT SEARCH CONFIGURATION admin4all_{language}
    ALTER MAPPING FOR word, hword, hword_part
    WITH unaccent, {language}_stem;
"""
    for language in LANGUAGES
)

DROP = "".join(
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS admin4all_{language};\n" for language in LANGUAGES
)


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0008_translations"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
