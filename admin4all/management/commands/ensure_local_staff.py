"""Gives a fresh local checkout a staff account, so `make run` ends with a way in.

Only for local development (DEBUG on): production accounts are created on purpose,
with `createsuperuser` or by invitation. The password is generated once and kept in
the ignored `.local/` folder, so every later `make run` can print it again.
"""

import os
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
EMAIL = "admin@localhost"


class Command(BaseCommand):
    help = "Create the local development staff account once, and print how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_staff is for local development (DEBUG=1) only.")
        password_file = settings.BASE_DIR / ".local" / "admin-password.txt"
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=USERNAME, email=EMAIL, password=password)
            # Login is by email and needs a verified address (allauth).
            EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
            password_file.parent.mkdir(exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            self.stdout.write(self.style.SUCCESS(f"Created the local staff account {EMAIL}."))
        if password_file.exists():
            password = password_file.read_text().strip()
            hint = f"password {password}"
        else:
            hint = f"its password was changed; reset it with manage.py changepassword {USERNAME}"
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(f"Staff login: http://127.0.0.1:{port}/admin/ as {EMAIL}, {hint}")
        )
