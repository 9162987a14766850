from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

STAFF_GROUPS = ["Programme editors", "Programme viewers"]


def create_staff_groups(apps, schema_editor):
    # Their permissions are set after every migrate by admin4all.groups.sync_staff_groups.
    Group = apps.get_model("auth", "Group")
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)


def delete_staff_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        # Search matches spellings with and without diacritics ("Wroclaw" finds Wrocław).
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_staff_groups, delete_staff_groups),
    ]
