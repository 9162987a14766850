"""Inviting officers: staff create the invitation in the admin, the email carries a
single-use link, and accepting it sets the password, verifies the address and makes the
membership. Used, expired and unknown links are refused with a clear page."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from admin4all.models import User
from municipalities.models import OfficerInvitation, OfficerMembership
from municipalities.services import InvitationNotPendingError, officer_invitation_accept
from tests import factories

PASSWORD = "a-Long-and-unusual-passphrase-42"
ADD_URL = "/admin/municipalities/officerinvitation/add/"
CHANGELIST_URL = "/admin/municipalities/officerinvitation/"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The login at the end of some tests counts against allauth's rate limits."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def city(db):
    # In a country whose language the portal does not have: the emails are in English.
    return factories.MunicipalityFactory(
        name="Cluj-Napoca", slug="cluj-napoca", country__iso_code="XA"
    )


@pytest.fixture
def italian_city(db):
    # The canonical name is the English one; Italians read the native one.
    return factories.MunicipalityFactory(
        name="Milan",
        native_name="Milano",
        slug="milan",
        country=factories.CountryFactory(name="Italy", iso_code="IT"),
    )


def link_path(message) -> str:
    [path] = re.findall(
        r"https?://testserver((?:/[a-z]{2})?/accounts/invitation/[\w-]+/)", message.body
    )
    return path


def invite_from_admin(
    editor_client, city, email="ioana@cluj.example", job_title="", language=""
) -> str:
    """Create an invitation as staff do; returns the path of the emailed link."""
    response = editor_client.post(
        ADD_URL,
        {"email": email, "municipality": city.pk, "job_title": job_title, "language": language},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return link_path(mail.outbox[-1])


def accept(client, path, password=PASSWORD, again=None):
    return client.post(path, {"new_password1": password, "new_password2": again or password})


@pytest.mark.django_db
def test_admin_invitation_form_says_saving_sends_the_email(editor_client, settings):
    settings.OFFICER_INVITATION_DAYS = 10

    response = editor_client.get(ADD_URL)

    assert (
        "Saving sends the invitation by email. Its link, valid for 10 days, lets the person "
        "choose a password and become an officer of the municipality."
    ) in response.content.decode()


@pytest.mark.django_db
def test_admin_invitation_sends_email_with_link(editor_client, editor, city, settings):
    settings.OFFICER_INVITATION_DAYS = 3

    path = invite_from_admin(editor_client, city, "Ioana@Cluj.example", "Social worker")

    invitation = OfficerInvitation.objects.get()
    token = path.split("/")[-2]
    assert (invitation.email, invitation.job_title, invitation.invited_by) == (
        "ioana@cluj.example",
        "Social worker",
        editor,
    )
    assert invitation.token_hash == OfficerInvitation.hash_token(token)
    assert token not in invitation.token_hash
    assert timedelta(days=3) - (invitation.expires_at - timezone.now()) < timedelta(minutes=1)
    [message] = mail.outbox
    assert message.to == ["ioana@cluj.example"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "[ADMin4ALL] Your invitation as an officer of Cluj-Napoca"
    assert "as an officer of Cluj-Napoca. Your role: Social worker." in message.body
    assert "The link works once, until" in message.body


ITALIAN_MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]


@pytest.mark.django_db
def test_admin_invitation_in_language_of_municipalitys_country(
    client, editor_client, italian_city
):
    path = invite_from_admin(editor_client, italian_city, "giulia@milano.example", "Mediatrice")

    invitation = OfficerInvitation.objects.get()
    expires = timezone.localtime(invitation.expires_at)
    [message] = mail.outbox
    assert invitation.language == "it"
    assert message.subject == "[ADMin4ALL] Invito come referente di Milano"
    assert message.body.startswith(
        "Buongiorno,\n\nIl personale del programma ADMin4ALL La invita sul portale in "
        "qualità di referente di Milano. Il Suo ruolo: Mediatrice.\n"
    )
    assert (
        f"Il link può essere usato una sola volta, entro il {expires.day} "
        f"{ITALIAN_MONTHS[expires.month - 1]} {expires.year}, {expires:%H:%M} "
        f"({expires.tzname()})."
    ) in message.body
    assert re.fullmatch(r"/it/accounts/invitation/[\w-]+/", path)
    page = client.get(path)
    assert page["Content-Language"] == "it"
    assert "in qualità di referente di Milano." in page.content.decode()


@pytest.mark.django_db
def test_admin_invitation_in_language_staff_chose(editor_client, italian_city):
    path = invite_from_admin(editor_client, italian_city, "jan@milano.example", language="de")

    assert OfficerInvitation.objects.get().language == "de"
    [message] = mail.outbox
    # The portal knows no German name of the city: its canonical one.
    assert message.subject == "[ADMin4ALL] Ihre Einladung als verantwortliche Person für Milan"
    assert message.body.startswith("Guten Tag,\n")
    assert re.fullmatch(r"/de/accounts/invitation/[\w-]+/", path)


@pytest.mark.django_db
def test_admin_invitation_in_english_for_country_without_own_language(editor_client):
    malta = factories.CountryFactory(name="Malta", iso_code="MT")
    valletta = factories.MunicipalityFactory(name="Valletta", country=malta)

    path = invite_from_admin(editor_client, valletta, "joseph@valletta.example")

    assert OfficerInvitation.objects.get().language == "en"
    [message] = mail.outbox
    assert message.subject == "[ADMin4ALL] Your invitation as an officer of Valletta"
    assert re.fullmatch(r"/accounts/invitation/[\w-]+/", path)


@pytest.mark.django_db
def test_admin_invitation_form_offers_the_countrys_language_first(editor_client):
    form = editor_client.get(ADD_URL).context["adminform"].form

    assert form.fields["language"].required is False
    assert [(code, str(name)) for code, name in form.fields["language"].choices] == [
        ("", "The language of the municipality's country"),
        ("en", "English"),
        ("it", "Italian"),
        ("de", "German"),
        ("pl", "Polish"),
        ("ro", "Romanian"),
        ("el", "Greek"),
        ("es", "Spanish"),
    ]


@pytest.mark.django_db
def test_admin_invitation_with_unknown_language_refused(editor_client, italian_city):
    response = editor_client.post(
        ADD_URL, {"email": "a@milano.example", "municipality": italian_city.pk, "language": "xx"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "language": ["Select a valid choice. xx is not one of the available choices."]
    }
    assert mail.outbox == []


@pytest.mark.django_db
def test_sent_invitation_shows_its_language(editor_client):
    invitation = factories.OfficerInvitationFactory(language="ro")

    changelist = editor_client.get(CHANGELIST_URL)
    change = editor_client.get(f"{CHANGELIST_URL}{invitation.pk}/change/")

    assert '<td class="field-language">Romanian</td>' in changelist.content.decode()
    assert "language" in change.context["adminform"].readonly_fields
    assert '<div class="readonly">Romanian</div>' in change.content.decode()


@pytest.mark.django_db
def test_admin_invitation_of_existing_officer_refused(editor_client, city):
    officer = factories.UserFactory(email="ioana@cluj.example")
    factories.OfficerMembershipFactory(user=officer, municipality=city)

    response = editor_client.post(
        ADD_URL, {"email": "IOANA@cluj.example", "municipality": city.pk, "job_title": ""}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "email": ["This person is already an officer of this municipality."]
    }
    assert OfficerInvitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_invitation_admin_refused_to_viewer(viewer_client, city):
    response = viewer_client.post(
        ADD_URL, {"email": "ioana@cluj.example", "municipality": city.pk, "job_title": ""}
    )

    assert response.status_code == 403
    assert OfficerInvitation.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_invitation_page_asks_for_password(client, editor_client, city):
    path = invite_from_admin(editor_client, city)

    response = client.get(path)

    assert response.status_code == 200
    assert response.context["mode"] == "password"
    assert 'value="ioana@cluj.example" autocomplete="username" readonly' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_accepting_creates_officer_and_logs_in(client, editor_client, city):
    path = invite_from_admin(editor_client, city, job_title="Social worker")

    response = accept(client, path)

    user = User.objects.get(email="ioana@cluj.example")
    assert response["Location"] == "/my/cluj-napoca/"
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.check_password(PASSWORD)
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert list(
        EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")
    ) == [("ioana@cluj.example", True, True)]
    assert list(
        OfficerMembership.objects.filter(user=user).values_list("municipality", "job_title")
    ) == [(city.pk, "Social worker")]
    invitation = OfficerInvitation.objects.get()
    assert (invitation.accepted_by, invitation.state) == (user, OfficerInvitation.State.ACCEPTED)
    assert user.language == "en"
    assert client.get("/my/cluj-napoca/").status_code == 200


@pytest.mark.django_db
def test_accepting_italian_invitation_makes_italian_the_officers_language(
    client, editor_client, italian_city
):
    path = invite_from_admin(editor_client, italian_city, "giulia@milano.example")

    response = accept(client, path)

    assert response["Location"] == "/it/my/milan/"
    assert User.objects.get(email="giulia@milano.example").language == "it"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Lei è ora referente di Milano.",
        "Ha effettuato l’accesso come giulia@milano.example.",
    ]


@pytest.mark.django_db
def test_accepted_officer_logs_in_with_email_and_password(client, editor_client, city):
    path = invite_from_admin(editor_client, city)
    accept(client, path)
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "ioana@cluj.example", "password": PASSWORD}
    )

    assert response["Location"] == "/my/"
    assert SESSION_KEY in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "again", "field", "error"),
    [
        ("12345678", None, "new_password2", "This password is too common."),
        ("short", None, "new_password2", "This password is too short."),
        (PASSWORD, PASSWORD + "x", "new_password2", "The two password fields didn’t match."),
    ],
)
def test_accepting_with_bad_password_creates_nothing(
    client, editor_client, city, password, again, field, error
):
    path = invite_from_admin(editor_client, city)

    response = accept(client, path, password, again)

    assert response.status_code == 200
    assert error in response.context["form"].errors[field][0]
    assert User.objects.filter(email="ioana@cluj.example").exists() is False
    assert OfficerInvitation.objects.get().accepted_at is None
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_password_similar_to_email_refused(client, editor_client, city):
    path = invite_from_admin(editor_client, city, email="mediation.office@cluj.example")

    response = accept(client, path, "mediation.office")

    assert response.context["form"].errors["new_password2"] == [
        "The password is too similar to the email address."
    ]


@pytest.mark.django_db
def test_used_link_refused(client, editor_client, city):
    path = invite_from_admin(editor_client, city)
    accept(client, path)
    client.logout()

    get = client.get(path)
    post = accept(client, path, "another-Unusual-passphrase-77")

    assert (get.status_code, post.status_code) == (410, 410)
    assert b"This invitation has already been accepted" in get.content
    assert User.objects.get(email="ioana@cluj.example").check_password(PASSWORD)


@pytest.mark.django_db
def test_expired_link_refused(client, city):
    factories.OfficerInvitationFactory(municipality=city, token="secret", expired=True)

    get = client.get("/accounts/invitation/secret/")
    post = accept(client, "/accounts/invitation/secret/")

    assert (get.status_code, post.status_code) == (410, 410)
    assert b"This invitation has expired." in get.content
    assert User.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token", ["unknown", "a" * 200, "%00", "..", "' OR 1=1 --", "invitation-token-0x"]
)
def test_unknown_link_not_found(client, token):
    factories.OfficerInvitationFactory(token="invitation-token-0")

    response = client.get(f"/accounts/invitation/{token}/")

    assert response.status_code == 404
    assert b"This invitation link is not valid." in response.content


@pytest.mark.django_db
def test_accepting_twice_in_a_row_refused(client, city):
    invitation = factories.OfficerInvitationFactory(municipality=city, token="secret")

    officer_invitation_accept(invitation=invitation, password=PASSWORD)

    with pytest.raises(InvitationNotPendingError):
        officer_invitation_accept(invitation=invitation, password="other-Passphrase-99")
    assert OfficerMembership.objects.count() == 1


@pytest.mark.django_db
def test_existing_account_with_password_must_log_in_first(client, city):
    existing = factories.UserFactory(email="ioana@cluj.example", password=PASSWORD)
    factories.OfficerInvitationFactory(
        municipality=city, email="ioana@cluj.example", token="secret"
    )

    page = client.get("/accounts/invitation/secret/")
    post = accept(client, "/accounts/invitation/secret/", "taken-Over-passphrase-11")

    assert page.context["mode"] == "login"
    assert (
        '<a class="button" href="/accounts/login/?next=/accounts/invitation/secret/">'
        in page.content.decode()
    )
    assert post.status_code == 200
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert OfficerMembership.objects.count() == 0
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_existing_account_accepts_once_logged_in(client, city):
    existing = factories.UserFactory(email="ioana@cluj.example", password=PASSWORD)
    factories.OfficerInvitationFactory(
        municipality=city, email="ioana@cluj.example", token="secret", job_title="Mediator"
    )
    client.force_login(existing)

    page = client.get("/accounts/invitation/secret/")
    response = client.post("/accounts/invitation/secret/")

    assert page.context["mode"] == "confirm"
    assert response["Location"] == "/my/cluj-napoca/"
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert list(existing.officer_memberships.values_list("municipality", "job_title")) == [
        (city.pk, "Mediator")
    ]


@pytest.mark.django_db
def test_existing_account_takes_the_invitations_language(city):
    existing = factories.UserFactory(email="ioana@cluj.example", language="en")
    invitation = factories.OfficerInvitationFactory(
        municipality=city, email="ioana@cluj.example", language="ro"
    )

    officer_invitation_accept(invitation=invitation)

    existing.refresh_from_db()
    assert existing.language == "ro"


@pytest.mark.django_db
def test_existing_account_without_password_sets_one(client, city):
    existing = factories.UserFactory(email="ioana@cluj.example", password=None)
    factories.OfficerInvitationFactory(
        municipality=city, email="ioana@cluj.example", token="secret"
    )

    response = accept(client, "/accounts/invitation/secret/")

    assert response["Location"] == "/my/cluj-napoca/"
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_invitation_while_logged_in_as_someone_else_changes_nothing(client, city):
    other = factories.UserFactory()
    factories.OfficerInvitationFactory(municipality=city, token="secret")
    client.force_login(other)

    page = client.get("/accounts/invitation/secret/")
    post = accept(client, "/accounts/invitation/secret/")

    assert page.context["mode"] == "other_account"
    assert post.status_code == 200
    assert OfficerMembership.objects.count() == 0
    assert OfficerInvitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_invitation_for_deactivated_account_refused(client, city):
    factories.UserFactory(email="ioana@cluj.example", is_active=False)
    factories.OfficerInvitationFactory(
        municipality=city, email="ioana@cluj.example", token="secret"
    )

    response = accept(client, "/accounts/invitation/secret/")

    assert response.status_code == 410
    assert OfficerMembership.objects.count() == 0


@pytest.mark.django_db
def test_send_again_issues_fresh_link(client, editor_client, city):
    old_path = invite_from_admin(editor_client, city)
    invitation = OfficerInvitation.objects.get()
    accepted = factories.OfficerInvitationFactory(accepted=True)

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "send_again", "_selected_action": [invitation.pk, accepted.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]][-2:] == [
        "1 invitation queued to be sent again.",
        "1 invitation was accepted already and was not sent.",
    ]
    assert len(mail.outbox) == 2
    new_path = link_path(mail.outbox[-1])
    assert new_path != old_path
    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200


@pytest.mark.django_db
def test_send_again_keeps_the_invitations_language(editor_client, city):
    invitation = factories.OfficerInvitationFactory(municipality=city, language="pl")

    editor_client.post(
        CHANGELIST_URL, {"action": "send_again", "_selected_action": [invitation.pk]}
    )

    [message] = mail.outbox
    assert message.subject == "[ADMin4ALL] Zaproszenie do roli urzędnika (Cluj-Napoca)"
    assert re.fullmatch(r"/pl/accounts/invitation/[\w-]+/", link_path(message))
    invitation.refresh_from_db()
    assert invitation.language == "pl"


@pytest.mark.django_db
def test_send_again_revives_expired_invitation(client, editor_client, city):
    invitation = factories.OfficerInvitationFactory(municipality=city, expired=True)

    editor_client.post(
        CHANGELIST_URL, {"action": "send_again", "_selected_action": [invitation.pk]}
    )

    invitation.refresh_from_db()
    assert invitation.state == OfficerInvitation.State.PENDING
    assert client.get(link_path(mail.outbox[-1])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["pending", "accepted", "expired"])
def test_invitation_changelist_filters_by_state(editor_client, state):
    invitations = {
        "pending": factories.OfficerInvitationFactory(),
        "accepted": factories.OfficerInvitationFactory(accepted=True),
        "expired": factories.OfficerInvitationFactory(expired=True),
    }

    response = editor_client.get(CHANGELIST_URL, {"state": state})

    assert list(response.context["cl"].result_list) == [invitations[state]]


@pytest.mark.django_db
def test_sent_invitation_read_only_in_admin(editor_client, city):
    invitation = factories.OfficerInvitationFactory(municipality=city, email="a@example.org")
    url = f"{CHANGELIST_URL}{invitation.pk}/change/"

    editor_client.post(url, {"email": "b@example.org", "municipality": city.pk})

    invitation.refresh_from_db()
    assert invitation.email == "a@example.org"
