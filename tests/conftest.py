"""Fixtures shared by every test: the test databases, isolated media files and the two
kinds of staff.

The staff groups come from a migration and get their permissions after `migrate`
(admin4all.groups), so the fixtures fetch them instead of building their own: a test
then exercises the permissions the site really grants.
"""

import fcntl
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import translation

from admin4all.groups import EDITORS, VIEWERS
from tests.factories import UserFactory


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
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
