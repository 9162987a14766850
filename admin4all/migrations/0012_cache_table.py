# The table of the cache every worker and app server shares when no Redis is set
# (settings.CACHE_TABLE), made by migrate so that no deployment step can forget it. The
# same table `manage.py createcachetable` would make.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0011_indicator_target_to_reporting"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                'CREATE TABLE "admin4all_cache" ('
                '"cache_key" varchar(255) NOT NULL PRIMARY KEY, '
                '"value" text NOT NULL, '
                '"expires" timestamp with time zone NOT NULL)',
                'CREATE INDEX "admin4all_cache_expires" ON "admin4all_cache" ("expires")',
            ],
            reverse_sql=['DROP TABLE "admin4all_cache"'],
        ),
    ]
