"""Backups of the whole portal: the database and the uploaded media in one archive.

The database is dumped with pg_dump (one consistent snapshot, in PostgreSQL's custom
format, which includes the history triggers and functions) and restored with
pg_restore; the media folder is archived beside it. The two are taken one after the
other, so an upload made during a backup may be missing from it: take backups when
staff are not uploading, or stop the app servers for a fully consistent one.
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from admin4all.localdb import postgres_binary

DUMP_NAME = "database.dump"
MEDIA_NAME = "media"
MANIFEST_NAME = "manifest.json"


def _connection_arguments() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore options and environment for the default database."""
    database = connection.settings_dict
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", database["USER"]]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def backup_create(*, destination: Path) -> Path:
    """Write a backup archive into the folder `destination`; returns its path."""
    destination.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination / f"admin4all-{stamp}.tar.gz"
    arguments, environment = _connection_arguments()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAME
        subprocess.run(
            [postgres_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump)]
            + arguments,
            check=True,
            env=environment,
        )
        manifest = Path(work) / MANIFEST_NAME
        manifest.write_text(
            json.dumps({"created_at": datetime.now().astimezone().isoformat(), "format": 1})
        )
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(manifest, arcname=MANIFEST_NAME)
            tar.add(dump, arcname=DUMP_NAME)
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA_NAME)
    return archive


def backup_restore(*, archive: Path) -> None:
    """Replace the database and the media folder with the archive's content."""
    arguments, environment = _connection_arguments()
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive, "r:gz") as tar:
            names = set(tar.getnames())
            if not {MANIFEST_NAME, DUMP_NAME} <= names:
                raise ValueError(f"{archive} is not a backup made by `manage.py backup`.")
            tar.extractall(work, filter="data")
        # pg_restore drops and recreates every table: no connection may hold them.
        connections.close_all()
        subprocess.run(
            [
                postgres_binary("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
            ]
            + arguments
            + [str(Path(work) / DUMP_NAME)],
            check=True,
            env=environment,
        )
        media_root = Path(settings.MEDIA_ROOT)
        restored_media = Path(work) / MEDIA_NAME
        if media_root.exists():
            shutil.rmtree(media_root)
        if restored_media.is_dir():
            shutil.copytree(restored_media, media_root)
