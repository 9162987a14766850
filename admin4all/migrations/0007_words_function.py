from django.db import migrations

# A text array as one text, for the search documents' generated columns
# (admin4all.search_documents.Words). array_to_string is STABLE because some element
# types print differently under other settings; text does not, so this one is IMMUTABLE.
CREATE = """
CREATE FUNCTION admin4all_words(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_string($1, ' ') $$;
"""

DROP = "DROP FUNCTION IF EXISTS admin4all_words(text[]);"


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0006_indicator_targets"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
    ]
