# IndicatorTarget moves to the reporting app, which counts the indicators it sets
# targets for (docs/architecture.md). Its table, its history table and their rows stay
# where they are: the core forgets the models here (state only) and reporting 0001
# takes them over. The history triggers go, since pgtrigger names them after the app;
# reporting 0001 installs them again under their new names.

import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("admin4all", "0010_user_language"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(model_name="indicatortarget", name="insert_insert"),
        pgtrigger.migrations.RemoveTrigger(model_name="indicatortarget", name="update_update"),
        pgtrigger.migrations.RemoveTrigger(model_name="indicatortarget", name="delete_delete"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="indicatortargetevent",
                    name="pgh_obj",
                ),
                migrations.RemoveField(
                    model_name="indicatortargetevent",
                    name="country",
                ),
                migrations.RemoveField(
                    model_name="indicatortargetevent",
                    name="pgh_context",
                ),
                migrations.RemoveField(
                    model_name="indicatortargetevent",
                    name="phase",
                ),
                migrations.DeleteModel(
                    name="IndicatorTarget",
                ),
                migrations.DeleteModel(
                    name="IndicatorTargetEvent",
                ),
            ],
            database_operations=[],
        ),
    ]
