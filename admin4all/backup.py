"""Backups of the whole portal: the database, the public media and the private files in
one archive, checked against its manifest before anything is restored.

The database is dumped with pg_dump (one consistent snapshot, in PostgreSQL's custom
format, which includes the history triggers, their functions and every history row)
and restored with pg_restore. The files are those of MEDIA_ROOT and of the private
storage (PRIVATE_MEDIA_ROOT: officers' documents, report attachments), which no URL
serves; a backup without them would bring back rows whose downloads answer 404.

The archive, a .tar.gz:

    database.dump          pg_dump --format=custom
    media/…                MEDIA_ROOT's files
    private-media/…        the private storage's files
    manifest.json          format, creation time, and the SHA-256 and size of every
                           other member; written last, once they are all known

It holds a full copy of the database, personal data included, so it is written with
owner-only permissions (0600, its folder 0700 when the command creates it) whatever the
umask, and appears under its final name only once complete.

Restoring unpacks the archive into a temporary folder, checking as it goes that every
member is a plain file whose path stays in its folder, then compares what it read with
the manifest: a member missing, altered or not listed refuses the archive. Only then are
the database and the folders replaced. The manifest detects damage and careless edits;
it is not a signature, so keep archives where only administrators can write.

The database and the files are taken one after the other, so an upload made during a
backup may be missing from it: take backups when staff are not uploading, or stop the
app servers for a fully consistent one.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.utils import timezone

from admin4all.localdb import postgres_binary
from admin4all.uploads import private_storage

FORMAT = 2
DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_NAME = "media"
PRIVATE_MEDIA_NAME = "private-media"
CHUNK = 1024 * 1024
# Media files are mostly PDFs and images, compressed already: a higher level costs time
# and saves little.
COMPRESS_LEVEL = 6


class BackupError(Exception):
    """A backup that cannot be written, or an archive that will not be restored."""


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


def _file_folders() -> dict[str, Path]:
    """The folders a backup holds, by their folder in the archive."""
    folders = {
        MEDIA_NAME: Path(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_NAME: Path(private_storage.location),
    }
    media, private = (folder.resolve() for folder in folders.values())
    if media == private or media in private.parents or private in media.parents:
        # Each would be archived, and emptied on restore, with the other inside it.
        raise BackupError(
            f"MEDIA_ROOT ({media}) and the private storage ({private}) must be separate "
            "folders, neither inside the other."
        )
    return folders


# Writing a backup.


class _HashingReader:
    """A file read through, its SHA-256 computed on the way."""

    def __init__(self, source: BinaryIO):
        self.source = source
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        return data


def _files_under(folder: Path) -> Iterator[Path]:
    """The files in `folder` and its subfolders, in a stable order. Links to folders
    are not followed; a link to a file is archived as the file it points to."""
    for parent, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in sorted(names):
            path = Path(parent) / name
            if path.is_file():
                yield path


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict | None:
    """Archive the file as `name`; its manifest entry, or None when it vanished."""
    try:
        source = path.open("rb")
    except FileNotFoundError:  # deleted since the folder was listed
        return None
    with source:
        status = os.fstat(source.fileno())
        member = tarfile.TarInfo(name)
        # The size read now is the size archived: tarfile copies exactly that much.
        member.size = status.st_size
        member.mtime = status.st_mtime
        member.mode = stat.S_IMODE(status.st_mode) & 0o777
        reader = _HashingReader(source)
        tar.addfile(member, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": member.size}


def _private_folder(folder: Path) -> None:
    """Create `folder` for owner only (0700) unless it exists; an existing folder keeps
    its permissions."""
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise BackupError(f"{folder} exists and is not a folder.") from None
        return
    # mkdir's mode is filtered by the umask; the archive's folder must not be.
    folder.chmod(0o700)


def backup_create(*, destination: Path) -> Path:
    """Write a backup archive into the folder `destination`; returns its path."""
    folders = _file_folders()
    _private_folder(destination)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    archive = destination / f"admin4all-{stamp}.tar.gz"
    if archive.exists():
        raise BackupError(f"{archive} already exists; try again in a second.")
    # Written under another name, so an interrupted backup never looks like one.
    partial = destination / f"{archive.name}.partial"
    arguments, environment = _connection_arguments()
    try:
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / DUMP_NAME
            subprocess.run(
                [postgres_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump)]
                + arguments,
                check=True,
                env=environment,
            )
            partial.touch(mode=0o600, exist_ok=False)
            partial.chmod(0o600)  # whatever the umask
            with tarfile.open(partial, "w:gz", compresslevel=COMPRESS_LEVEL) as tar:
                members = {DUMP_NAME: _add_file(tar, dump, DUMP_NAME)}
                for prefix, folder in folders.items():
                    for path in _files_under(folder):
                        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
                        entry = _add_file(tar, path, name)
                        if entry is not None:
                            members[name] = entry
                manifest = json.dumps(
                    {
                        "format": FORMAT,
                        "created_at": datetime.now().astimezone().isoformat(),
                        "members": members,
                    },
                    indent=1,
                    sort_keys=True,
                ).encode()
                member = tarfile.TarInfo(MANIFEST_NAME)
                member.size = len(manifest)
                member.mtime = timezone.now().timestamp()
                member.mode = 0o600
                tar.addfile(member, io.BytesIO(manifest))
        partial.rename(archive)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, subprocess.CalledProcessError):
            raise BackupError(
                f"pg_dump failed (exit status {error.returncode}); no backup was written."
            ) from error
        raise
    return archive


# Reading a backup.


def _path_problem(name: str) -> str | None:
    """Why a member's path may not be unpacked, or None when it stays in its folder."""
    path = PurePosixPath(name)
    if not name:
        return "an empty path"
    if path.is_absolute():
        return "an absolute path"
    if ".." in path.parts:
        return "a path that climbs out of its folder"
    if path.as_posix() != name or "." in path.parts:
        # "media/./x", "media//x", "media/x/": another spelling of some other path.
        return "a path that is not in plain form"
    return None


def _is_unpacked(name: str) -> bool:
    """Whether the member is one restore uses (the others are only checked)."""
    parts = PurePosixPath(name).parts
    return name == DUMP_NAME or (len(parts) > 1 and parts[0] in (MEDIA_NAME, PRIVATE_MEDIA_NAME))


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:5])
    return f"{shown} and {len(names) - 5} more" if len(names) > 5 else shown


def _copy_member(source: BinaryIO, target: Path | None) -> dict:
    """Read a member through, into `target` when given; its manifest entry."""
    sha256, size = hashlib.sha256(), 0
    output = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Never through a link, never over a file already unpacked.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        output = open(os.open(target, flags, 0o600), "wb")
    try:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            size += len(chunk)
            if output is not None:
                output.write(chunk)
    finally:
        if output is not None:
            output.close()
    return {"sha256": sha256.hexdigest(), "size": size}


def _read_archive(archive: Path, staging: Path | None) -> tuple[bytes | None, dict[str, dict]]:
    """The manifest's bytes and the entry of every other member, unpacking the members
    restore uses into `staging` when given. Refuses links and paths that would leave
    their folder before writing anything."""
    manifest, found = None, {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = member.name
                problem = _path_problem(name)
                if problem:
                    raise BackupError(f"{archive} holds {name!r}, {problem}.")
                if member.issym() or member.islnk():
                    raise BackupError(
                        f"{archive} holds {name!r}, a link to {member.linkname!r}; "
                        "a backup holds only files."
                    )
                if not member.isreg():
                    raise BackupError(f"{archive} holds {name!r}, which is not a file.")
                if name in found or (name == MANIFEST_NAME and manifest is not None):
                    raise BackupError(f"{archive} holds {name!r} twice.")
                source = tar.extractfile(member)
                if name == MANIFEST_NAME:
                    manifest = source.read()
                    continue
                target = staging / name if staging is not None and _is_unpacked(name) else None
                try:
                    found[name] = _copy_member(source, target)
                except (FileExistsError, NotADirectoryError, IsADirectoryError):
                    raise BackupError(
                        f"{archive} holds {name!r}, which clashes with another member."
                    ) from None
                if target is not None:
                    target.chmod((member.mode & 0o777) | 0o600)
                    os.utime(target, (member.mtime, member.mtime))
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise BackupError(f"{archive} is damaged ({error}).") from error
    return manifest, found


def _manifest_members(archive: Path, manifest: bytes | None) -> dict[str, dict]:
    if manifest is None:
        raise BackupError(
            f"{archive} is not a backup made by `manage.py backup`: it has no {MANIFEST_NAME}."
        )
    try:
        content = json.loads(manifest)
    except ValueError as error:
        raise BackupError(f"{archive}: its {MANIFEST_NAME} cannot be read ({error}).") from None
    version = content.get("format") if isinstance(content, dict) else None
    if version != FORMAT:
        raise BackupError(
            f"{archive} is a backup of format {version!r}; this version restores format "
            f"{FORMAT} only (with a manifest of checksums, and the private files)."
        )
    members = content.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(entry, dict) and set(entry) == {"sha256", "size"} for entry in members.values()
    ):
        raise BackupError(f"{archive}: its {MANIFEST_NAME} does not list the members.")
    return members


def _unpack_verified(archive: Path, staging: Path | None) -> int:
    """Check the whole archive against its manifest, unpacking it into `staging` when
    given; the number of members checked. Raises BackupError, having written nothing
    outside `staging`, when the archive is not exactly what `backup_create` wrote."""
    manifest, found = _read_archive(archive, staging)
    listed = _manifest_members(archive, manifest)
    problems = []
    if missing := sorted(listed.keys() - found.keys()):
        problems.append(f"missing {_names(missing)}")
    if altered := sorted(
        name for name in listed.keys() & found.keys() if listed[name] != found[name]
    ):
        problems.append(f"altered {_names(altered)}")
    if extra := sorted(found.keys() - listed.keys()):
        problems.append(f"not in the manifest {_names(extra)}")
    if problems:
        raise BackupError(f"{archive} does not match its manifest: {'; '.join(problems)}.")
    if DUMP_NAME not in found:
        raise BackupError(f"{archive} holds no {DUMP_NAME}.")
    return len(found)


def backup_verify(*, archive: Path) -> int:
    """Check an archive against its manifest without restoring it; the number of
    members checked. Raises BackupError when it would be refused."""
    return _unpack_verified(archive, None)


# Restoring a backup.


def _restore_database(dump: Path) -> None:
    arguments, environment = _connection_arguments()
    # pg_restore drops and recreates every table: no connection may hold them.
    connections.close_all()
    try:
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
            + [str(dump)],
            check=True,
            env=environment,
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(
            f"pg_restore failed (exit status {error.returncode}); it ran in one transaction, "
            "so the database is as it was, and no file was touched."
        ) from error


def _replace_folder_content(folder: Path, unpacked: Path) -> None:
    """Make `folder` hold what `unpacked` holds. The folder itself stays: it may be a
    mount point or a link."""
    folder.mkdir(parents=True, exist_ok=True)
    for child in list(folder.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if unpacked.is_dir():
        for child in unpacked.iterdir():
            shutil.move(child, folder / child.name)


def backup_restore(*, archive: Path) -> int:
    """Replace the database, the media and the private files with the archive's
    content, once the whole archive matches its manifest, and empty the page cache; the
    number of members."""
    folders = _file_folders()
    with tempfile.TemporaryDirectory() as work:
        staging = Path(work)
        count = _unpack_verified(archive, staging)
        # Nothing was touched so far; from here on the archive is known to be whole.
        _restore_database(staging / DUMP_NAME)
        for prefix, folder in folders.items():
            _replace_folder_content(folder, staging / prefix)
    # The content version went back with the database, so pages cached since the backup
    # under the versions it will count through again would be served as current.
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return count
