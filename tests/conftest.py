"""Fixtures shared by every test: the test databases, isolated media files, the two
kinds of staff, the places the municipality pages show, and the zip bombs the upload
checks must refuse.

The staff groups come from a migration and get their permissions after `migrate`
(admin4all.groups), so the fixtures fetch them instead of building their own: a test
then exercises the permissions the site really grants.
"""

import fcntl
import shutil
import subprocess
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from admin4all.groups import EDITORS, VIEWERS
from tests import samples
from tests.factories import (
    CountryFactory,
    MunicipalityFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    UserFactory,
)
from tests.servers import free_port, wait_for_port


@contextmanager
def _exclusive(path):
    """Holds an exclusive lock on the file `path` (created if missing), across processes."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_use_migrations,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """Under pytest-xdist (`make test`), the workers migrate one database together and each
    runs on a copy of it, instead of each running every migration (some 40 s of CPU).

    The first worker that needs a database migrates `test_admin4all` (the name without
    the worker's suffix) as pytest-django would; each worker then clones it with
    PostgreSQL's CREATE DATABASE … TEMPLATE into its own `test_admin4all_gw0`, `_gw1`…
    (pytest-django's names, so TEST_DATABASE_NAME still works). The last worker done
    drops the template. Without xdist, or with --reuse-db or --no-migrations, this is
    pytest-django's own setup."""
    from django.db import connection

    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None or django_db_keepdb or not django_db_use_migrations:
        request.getfixturevalue("django_db_setup")
        yield
        return

    verbosity = request.config.option.verbose
    worker = workerinput["workerid"]
    test_settings = connection.settings_dict["TEST"]
    worker_database = test_settings["NAME"]  # pytest-django's, suffixed with the worker
    template = worker_database.removesuffix(f"_{worker}")
    original_name = connection.settings_dict["NAME"]
    # The folder of this run that all its workers share (each has its own below it).
    shared = tmp_path_factory.getbasetemp().parent
    lock, users = shared / "template-database.lock", shared / "template-database.users"

    def use(name):
        connection.close()
        connection.settings_dict["NAME"] = name
        settings.DATABASES[connection.alias]["NAME"] = name

    with django_db_blocker.unblock(), _exclusive(lock):
        count = int(users.read_text()) if users.exists() else 0
        if count == 0:
            test_settings["NAME"] = template
            try:
                connection.creation.create_test_db(
                    verbosity=verbosity, autoclobber=True, serialize=False
                )
            finally:
                test_settings["NAME"] = worker_database
        else:
            use(template)
        connection.creation.clone_test_db(suffix=worker, verbosity=verbosity)
        users.write_text(str(count + 1))
        use(worker_database)

    yield

    with django_db_blocker.unblock(), _exclusive(lock):
        connection.creation.destroy_test_db(original_name, verbosity)
        count = int(users.read_text()) - 1
        users.write_text(str(count))
        if count == 0:
            use(template)
            connection.creation.destroy_test_db(original_name, verbosity)


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in English. A request activates its page's language for the
    rest of the thread (LocaleMiddleware never deactivates it), so without this a
    test's reverse() would follow the previous test's last page."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. Values kept per version of the tables they
    read (admin4all.versioned_cache) would otherwise outlive the rows a test rolled back:
    a table's counter is a sequence, which a rollback leaves advanced."""
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def docx_bomb(tmp_path_factory):
    """The docx of issue #16: some 300 KB whose "[Content_Types].xml" unpacks to 300 MB.
    Built once per run (it takes a couple of seconds)."""
    return samples.write_ooxml_bomb(tmp_path_factory.mktemp("bombs") / "minutes.docx", "docx", 300)


@pytest.fixture(scope="session")
def xlsx_bomb(tmp_path_factory):
    """The same attack as a spreadsheet to import."""
    return samples.write_ooxml_bomb(
        tmp_path_factory.mktemp("bombs") / "trainings.xlsx", "xlsx", 300
    )


@pytest.fixture
def editor(db):
    """A staff member who edits every programme record."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def viewer(db):
    """A staff member who may only look at programme records."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=VIEWERS))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(viewer):
    client = Client()
    client.force_login(viewer)
    return client


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def staff_client_with(db):
    """Makes clients logged in as staff holding only the permissions named by their
    codenames, outside the staff groups."""

    def make(*codenames: str) -> Client:
        user = UserFactory(is_staff=True)
        user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
        client = Client()
        client.force_login(user)
        return client

    return make


# Places shared by the municipality and city page tests.


@pytest.fixture
def phases():
    return ProgrammePhaseFactory(number=1, slug="phase-1"), ProgrammePhaseFactory(
        number=2, slug="phase-2"
    )


@pytest.fixture
def cities(phases):
    """Two countries; Milan in both phases, Bari in phase 1, Gdańsk in phase 2 and Tulln
    in none of them, without coordinates."""
    phase_1, phase_2 = phases
    italy = CountryFactory(name="Italy", slug="italy")
    poland = CountryFactory(name="Poland", slug="poland")
    milan = MunicipalityFactory(
        name="Milan", slug="milan", country=italy, latitude=Decimal("45.46427"), longitude=9.19
    )
    bari = MunicipalityFactory(
        name="Bari", slug="bari", country=italy, latitude=Decimal("41.11714"), longitude=16.87
    )
    gdansk = MunicipalityFactory(
        name="Gdańsk", slug="gdansk", country=poland, latitude=54.35, longitude=18.65
    )
    tulln = MunicipalityFactory(name="Tulln", slug="tulln", country=poland)
    ParticipationFactory(municipality=milan, phase=phase_1)
    ParticipationFactory(municipality=milan, phase=phase_2)
    ParticipationFactory(municipality=bari, phase=phase_1)
    ParticipationFactory(municipality=gdansk, phase=phase_2)
    return {"milan": milan, "bari": bari, "gdansk": gdansk, "tulln": tulln}


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: run `make test`, which installs it (as root).")
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            tmp_path_factory.mktemp("redis"),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
