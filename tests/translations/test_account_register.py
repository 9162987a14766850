"""The account and officer pages speak one register per language, allauth's pages and
messages included: Italian "Lei", German "Sie", Romanian "dumneavoastră", Polish
impersonal forms, Spanish "usted", Greek polite plural; and Italian buttons are
imperatives ("Accedi", "Salva"), not infinitives ("Accedere", "Salvare").

allauth's catalogues, and Django's for its password rules, say "tu" and "du";
admin4all/account_strings.py marks the strings we show so that our catalogues, searched
first, translate them.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.accounts.test_login import current_totp_code
from tests.e2e.test_private_pages import PASSWORD, VISITOR_PAGES, seed_officer_world
from tests.translations.test_rendered_languages import VisibleText

# Words that address the reader informally, per language (whole words, any case).
INFORMAL = {
    "it": r"tu|tuo|tua|tuoi|tue|ti|hai|puoi|devi|vuoi|sei sicuro|inserisci|clicca|controlla"
    r"|contattaci|abbi|scegline",
    "de": r"du|dich|dir|dein|deine|deinen|deinem|deiner|deines|gib|bist|kannst|musst",
    "pl": r"ty|twój|twoja|twoje|twojego|twoim|twoją|ciebie|cię|tobie|możesz|jesteś|musisz"
    r"|chcesz|zapomniałeś|dodałeś|bądź",
    "ro": r"tu|tău|poți|ești|vrei|introdu|te rugăm|ți-ai|ți-am|ai uitat|primești",
    "el": r"σου|είσαι|μπορείς|θέλεις|είσαι σίγουρος",
    "es": r"tú|tu|tus|tienes|puedes|has añadido|ten paciencia|ves|comprueba|guárdalos",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each walk logs in with a wrong password first: the counts must not add up to a
    lock from one language to the next."""
    cache.clear()
    yield
    cache.clear()


# The pages an officer goes through, after logging in (those before are VISITOR_PAGES).
ACCOUNT_PAGES = [
    "/accounts/reauthenticate/",
    "/accounts/password/reset/key/1-bad-key/",
    "/accounts/confirm-email/bad-key/",
]
TWO_FACTOR_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/deactivate/",
]


def text_of(response, language: str) -> str:
    parser = VisibleText(language)
    parser.feed(response.content.decode())
    return parser.text()


def walk(language: str) -> dict[str, str]:
    """What an officer reads in `language`, page by page and message by message: from
    the login (a wrong password first) to two-factor authentication and its recovery
    codes, and the password reset email."""
    prefix = f"/{language}"
    officer_pages = seed_officer_world()["officer pages"]
    client = Client()
    read = {}

    def get(url):
        read[url] = text_of(client.get(prefix + url, follow=True), language)

    def post(name, url, data):
        read[name] = text_of(client.post(prefix + url, data, follow=True), language)

    for url in VISITOR_PAGES:
        get(url)
    post("wrong password", "/accounts/login/", {"login": "officer@example.org", "password": "x"})
    post("login", "/accounts/login/", {"login": "officer@example.org", "password": PASSWORD})
    for url in officer_pages + ACCOUNT_PAGES:
        get(url)
    post("reauthenticated", "/accounts/reauthenticate/", {"password": PASSWORD})
    activate = client.get(f"{prefix}/accounts/2fa/totp/activate/")
    read["/accounts/2fa/totp/activate/"] = text_of(activate, language)
    code = current_totp_code(activate.context["form"].secret)
    post("activated", "/accounts/2fa/totp/activate/", {"code": code})
    for url in TWO_FACTOR_PAGES:
        get(url)
    post("logged out", "/accounts/logout/", {})
    post("reset asked", "/accounts/password/reset/", {"email": "officer@example.org"})
    [reset_email] = mail.outbox
    read["reset email"] = f"{reset_email.subject} {reset_email.body}"
    return read


@pytest.mark.django_db
@pytest.mark.parametrize("language", INFORMAL)
def test_officer_pages_and_messages_speak_one_register(language):
    informal = re.compile(rf"\b({INFORMAL[language]})\b", re.IGNORECASE)

    found = {
        page: sorted({match.group(0).lower() for match in informal.finditer(text)})
        for page, text in walk(language).items()
    }

    assert {page: words for page, words in found.items() if words} == {}


class Buttons(HTMLParser):
    """The labels of a page's buttons and of its links drawn as buttons."""

    def __init__(self):
        super().__init__()
        self.labels: list[str] = []
        self.depth = 0  # > 0 inside a button

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" or (tag == "a" and "button" in (attrs.get("class") or "").split()):
            self.depth += 1
            self.labels.append("")
        elif tag == "input" and attrs.get("type") == "submit":
            self.labels.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("button", "a") and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.labels[-1] += data


@pytest.mark.django_db
def test_italian_buttons_are_imperatives():
    officer_pages = seed_officer_world()["officer pages"]
    client = Client()
    client.post("/it/accounts/login/", {"login": "officer@example.org", "password": PASSWORD})
    labels = set()
    for url in officer_pages + ["/accounts/2fa/", *ACCOUNT_PAGES]:
        parser = Buttons()
        parser.feed(client.get(f"/it{url}").content.decode())
        labels |= {" ".join(label.split()) for label in parser.labels}

    infinitives = {label for label in labels if re.match(r"\w+(are|ere|ire)\b", label)}

    assert infinitives == set()
    assert {"Cerca", "Esci", "Salva il profilo", "Carica", "Invia per la revisione"} <= labels


def test_overridden_strings_are_still_allauths_and_djangos():
    """A string allauth or Django rewords in an upgrade is no longer overridden: say
    which."""
    theirs = {
        entry.msgid
        for catalogue in [
            Path(allauth.__file__).parent / "locale",
            Path(django.__file__).parent / "contrib" / "auth" / "locale",
        ]
        for entry in polib.pofile(str(catalogue / "it" / "LC_MESSAGES" / "django.po"))
    }
    ours = polib.pofile(str(settings.BASE_DIR / "locale" / "it" / "LC_MESSAGES" / "django.po"))
    overriding = [
        entry.msgid for entry in ours if ("admin4all/account_strings.py", "") in entry.occurrences
    ]

    assert len(overriding) == 100
    assert [msgid for msgid in overriding if msgid not in theirs] == []
