# Takes over IndicatorTarget and its history from the core (admin4all 0011) without
# touching their tables: the models, their table names and the unique constraint enter
# the state only. The history triggers are installed under their new names, and the
# content types are renamed, so that the permissions granted on the model (and the
# staff groups holding them) and the history's links keep pointing at it.

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


# The models' content types, renamed rather than created anew (which would orphan
# every permission and group assignment made on the old ones).
MOVED_MODELS = ("indicatortarget", "indicatortargetevent")


def rename_content_types(from_label: str, to_label: str):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        for model in MOVED_MODELS:
            if not content_types.filter(app_label=to_label, model=model).exists():
                content_types.filter(app_label=from_label, model=model).update(
                    app_label=to_label
                )

    return rename


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("admin4all", "0011_indicator_target_to_reporting"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("municipalities", "0008_officerinvitation_language"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='IndicatorTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('indicator', models.CharField(choices=[('staff_trained', 'staff trained'), ('trainings_held', 'trainings held'), ('peer_visits', 'peer-exchange visits'), ('municipalities', 'participating municipalities'), ('coordination_mechanisms', 'municipalities with coordination mechanisms'), ('good_practices', 'good practices shared'), ('events', 'events'), ('event_participants', 'event participants')], max_length=30, verbose_name='indicator')),
                        ('value', models.PositiveIntegerField(verbose_name='target')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('country', models.ForeignKey(blank=True, help_text='Leave empty for the target of the whole phase.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='indicator_targets', to='municipalities.country', verbose_name='country')),
                        ('phase', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicator_targets', to='admin4all.programmephase', verbose_name='phase')),
                    ],
                    options={
                        'verbose_name': 'indicator target',
                        'verbose_name_plural': 'indicator targets',
                        'db_table': 'admin4all_indicatortarget',
                        'ordering': ['phase', 'indicator', 'country'],
                    },
                ),
                migrations.CreateModel(
                    name='IndicatorTargetEvent',
                    fields=[
                        ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                        ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                        ('pgh_label', models.TextField(help_text='The event label.')),
                        ('id', models.BigIntegerField()),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('indicator', models.CharField(choices=[('staff_trained', 'staff trained'), ('trainings_held', 'trainings held'), ('peer_visits', 'peer-exchange visits'), ('municipalities', 'participating municipalities'), ('coordination_mechanisms', 'municipalities with coordination mechanisms'), ('good_practices', 'good practices shared'), ('events', 'events'), ('event_participants', 'event participants')], max_length=30, verbose_name='indicator')),
                        ('value', models.PositiveIntegerField(verbose_name='target')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('country', models.ForeignKey(blank=True, db_constraint=False, help_text='Leave empty for the target of the whole phase.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='municipalities.country', verbose_name='country')),
                        ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                        ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='history', to='reporting.indicatortarget')),
                        ('phase', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='admin4all.programmephase', verbose_name='phase')),
                    ],
                    options={
                        'db_table': 'admin4all_indicatortargetevent',
                        'abstract': False,
                    },
                ),
                migrations.AddConstraint(
                    model_name='indicatortarget',
                    constraint=models.UniqueConstraint(fields=('indicator', 'phase', 'country'), name='indicatortarget_once', nulls_distinct=False, violation_error_message='This indicator already has a target for this phase and country.'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("admin4all", "reporting"),
            rename_content_types("reporting", "admin4all"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='indicatortarget',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "admin4all_indicatortargetevent" ("country_id", "created_at", "id", "indicator", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase_id", "updated_at", "value") VALUES (NEW."country_id", NEW."created_at", NEW."id", NEW."indicator", NEW."notes", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."phase_id", NEW."updated_at", NEW."value"); RETURN NULL;', hash='fb20c20bd35c3421bfd0f5710b4c2df6d4d03f29', operation='INSERT', pgid='pgtrigger_insert_insert_b1ac8', table='admin4all_indicatortarget', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='indicatortarget',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "admin4all_indicatortargetevent" ("country_id", "created_at", "id", "indicator", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase_id", "updated_at", "value") VALUES (NEW."country_id", NEW."created_at", NEW."id", NEW."indicator", NEW."notes", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."phase_id", NEW."updated_at", NEW."value"); RETURN NULL;', hash='e5d797d49f5652e3b0cd8c125260bf517f645493', operation='UPDATE', pgid='pgtrigger_update_update_17e0a', table='admin4all_indicatortarget', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='indicatortarget',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "admin4all_indicatortargetevent" ("country_id", "created_at", "id", "indicator", "notes", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "phase_id", "updated_at", "value") VALUES (OLD."country_id", OLD."created_at", OLD."id", OLD."indicator", OLD."notes", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."phase_id", OLD."updated_at", OLD."value"); RETURN NULL;', hash='246cbe41ba2d4f7d82f086bea20aceadd2e9547f', operation='DELETE', pgid='pgtrigger_delete_delete_cc9d1', table='admin4all_indicatortarget', when='AFTER')),
        ),
    ]
