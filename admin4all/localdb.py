"""The project-owned PostgreSQL cluster used when DATABASE_URL is not set.

`python -m admin4all.localdb start|stop|status` manages it; settings call
`database_settings()` to reach it. The server listens on a unix socket only, in a
folder named after this checkout, so it never collides with another server or
another clone of the project. This module imports nothing from Django: it runs
before the project's dependencies are guaranteed to be configured.
"""

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATABASE_NAME = "admin4all"
SUPERUSER = "postgres"
# The port only names the socket file; nothing listens on TCP.
PORT = 5432


def runtime_dir() -> Path:
    """Socket and fallback data folder: short (socket paths are limited to 107
    bytes) and reachable by the postgres user wherever the project is cloned."""
    digest = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:10]
    return Path("/tmp") / f"admin4all-pg-{digest}"


def database_settings() -> dict:
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": SUPERUSER,
        "HOST": str(runtime_dir()),
        "PORT": str(PORT),
    }


def _is_root() -> bool:
    return os.geteuid() == 0


def postgres_binary(name: str) -> str:
    """Path of a PostgreSQL program: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    if candidates:
        return candidates[-1]
    if _is_root() and shutil.which("apt-get"):
        print("PostgreSQL is missing: installing Debian's postgresql package.", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return postgres_binary(name)
    sys.exit(
        f"{name} not found. Install PostgreSQL (Debian: apt-get install postgresql) "
        "or set DATABASE_URL."
    )


def _run_pg(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    # initdb and pg_ctl refuse to run as root.
    prefix = ["runuser", "-u", SUPERUSER, "--"] if _is_root() else []
    return subprocess.run(prefix + args, **kwargs)


def _owned_by_postgres(path: Path) -> None:
    if _is_root():
        shutil.chown(path, user=SUPERUSER, group=SUPERUSER)


def data_dir() -> Path:
    """Where the cluster keeps its files: under the project's ignored .local/
    folder when the postgres user can reach it, else beside the socket."""
    local = PROJECT_ROOT / ".local" / "postgres"
    fallback = runtime_dir() / "data"
    for candidate in (local, fallback):
        if (candidate / "PG_VERSION").exists():
            return candidate
    local.mkdir(parents=True, exist_ok=True)
    _owned_by_postgres(local)
    reachable = _run_pg(["test", "-w", str(local)], capture_output=True).returncode == 0
    return local if reachable else fallback


def _log_file() -> Path:
    return runtime_dir() / "server.log"


def is_running() -> bool:
    status = _run_pg(
        [postgres_binary("pg_ctl"), "-D", str(data_dir()), "status"], capture_output=True
    )
    return status.returncode == 0


def start() -> None:
    runtime = runtime_dir()
    runtime.mkdir(mode=0o755, exist_ok=True)
    _owned_by_postgres(runtime)
    data = data_dir()
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        _owned_by_postgres(data)
        print(f"Creating the local PostgreSQL cluster in {data}", flush=True)
        _run_pg(
            [
                postgres_binary("initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
                # Sort names as people expect ("Málaga" before "Milan"), whatever
                # locales the machine has.
                "--locale-provider=icu",
                "--icu-locale=und",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not is_running():
        options = (
            f"-p {PORT} -k {runtime} -c listen_addresses='' "
            # A development cluster: losing the last commits on a crash is acceptable,
            # waiting for every commit to reach the disk is not.
            "-c synchronous_commit=off"
        )
        _run_pg(
            [
                postgres_binary("pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(_log_file()),
                "-w",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    create_database()


def create_database(name: str = DATABASE_NAME) -> None:
    """Creates the database in the running cluster unless it is there."""
    import psycopg2

    connection = psycopg2.connect(
        dbname="postgres", user=SUPERUSER, host=str(runtime_dir()), port=PORT
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def stop() -> None:
    if is_running():
        _run_pg(
            [postgres_binary("pg_ctl"), "-D", str(data_dir()), "-m", "fast", "stop"], check=True
        )


def main(argv: list[str]) -> None:
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: the local PostgreSQL cluster is not used.")
        return
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "status":
        state = "running" if is_running() else "stopped"
        print(
            f"Local PostgreSQL cluster: {state}; data in {data_dir()}, socket in {runtime_dir()}"
        )
    else:
        sys.exit("usage: python -m admin4all.localdb start|stop|status")


if __name__ == "__main__":
    main(sys.argv)
