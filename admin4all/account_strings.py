"""The account pages' strings that come from allauth and from Django's password rules,
marked here so that our catalogues translate them; `manage.py catalogues`
(makemessages) reads this module, and nothing imports it.

Their own translations change register from one string to the next: allauth says
Italian "tu", German "du", Romanian "tu" (often without diacritics), Polish "Ty", and
Django's password rules Italian "la tua password", where the rest of the portal says
"Lei", "Sie", "dumneavoastră" and uses impersonal Polish; some allauth buttons break a
language's convention too. Our catalogues come before theirs (LOCALE_PATHS are searched
before the apps' catalogues), so our translations of these strings are the ones shown:
one register per language, buttons in the imperative in Italian, Polish and Romanian,
in the infinitive in German and Spanish, as nouns in Greek.

Only their exact wording is overridden: after an upgrade,
tests/translations/test_account_register.py says which strings they no longer have.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

ALLAUTH_STRINGS = [
    # Errors and messages of the account adapter
    _("This account is currently inactive."),
    _("You cannot remove your primary email address."),
    _("This email address is already associated with this account."),
    _("The email address and/or password you specified are not correct."),
    _("A user is already registered with this email address."),
    _("Please type your current password."),
    _("You cannot add more than %d email addresses."),
    _("Your primary email address must be verified."),
    _("Be patient, you are sending too many requests."),
    _("Use your password"),
    _("Use authenticator app or code"),
    # Form labels
    _("Email"),
    _("You must type the same password each time."),
    _("Forgot your password?"),
    _("Current Password"),
    _("New Password"),
    _("New Password (again)"),
    # Two-factor authentication: errors
    _("You cannot add an email address to an account protected by two-factor authentication."),
    _("You cannot deactivate two-factor authentication."),
    _("You cannot generate recovery codes without having two-factor authentication enabled."),
    _("You cannot activate two-factor authentication until you have verified your email address."),
    # Account pages
    _("Confirm"),
    _("Confirm Access"),
    _("Please reauthenticate to safeguard your account."),
    _("Password Reset"),
    _("Email Addresses"),
    _("The following email addresses are associated with your account:"),
    _("Verified"),
    _("Unverified"),
    _("Primary"),
    _("Make Primary"),
    _("Re-send Verification"),
    _("Remove"),
    _("Add Email Address"),
    _("Add Email"),
    _("Do you really want to remove the selected email address?"),
    _("Confirm Email Address"),
    _(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email '
        "address for user %(user_display)s."
    ),
    _(
        "This email confirmation link expired or is invalid. Please <a "
        'href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("Change Password"),
    _("Forgot Password?"),
    _(
        "Forgotten your password? Enter your email address below, and we'll send you "
        "an email allowing you to reset it."
    ),
    _("Reset My Password"),
    _("Please contact us if you have any trouble resetting your password."),
    _(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    _(
        "The password reset link was invalid, possibly because it has already been "
        'used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    _("Your password is now changed."),
    _("Set Password"),
    _("Enter your password:"),
    _("Sign Up Closed"),
    _("We are sorry, but the sign up is currently closed."),
    _("Verify Your Email Address"),
    _(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in your "
        "main inbox, check your spam folder. Please contact us if you do not receive "
        "the verification email within a few minutes."
    ),
    _(
        "This part of the site requires us to verify that\nyou are who you claim to "
        "be. For this purpose, we require that you\nverify ownership of your email "
        "address. "
    ),
    _(
        "We have sent an email to you for\nverification. Please click on the link "
        "inside that email. If you do not see the verification email in your main "
        "inbox, check your spam folder. Otherwise\ncontact us if you do not receive it "
        "within a few minutes."
    ),
    _(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your '
        "email address</a>."
    ),
    # Two-factor authentication pages and messages
    _("Sign In"),
    _("Two-Factor Authentication"),
    _(
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:"
    ),
    _("Authenticator app activated."),
    _("Authenticator app deactivated."),
    _("Authenticator App"),
    _("Authentication using an authenticator app is active."),
    _("An authenticator app is not active."),
    _("Deactivate"),
    _("Activate"),
    _("View"),
    _("Download"),
    _("Generate"),
    _("Save them  in a secure location now — they won't be shown again."),
    _("Enter an authenticator code:"),
    _("You are about to generate a new set of recovery codes for your account."),
    _("This action will invalidate your existing codes."),
    _("Are you sure?"),
    _("Download codes"),
    _("Generate new codes"),
    _("Activate Authenticator App"),
    _(
        "To protect your account with two-factor authentication, scan the QR code "
        "below with your authenticator app. Then, input the verification code "
        "generated by the app below."
    ),
    _("Authenticator secret"),
    _("You can store this secret and use it to reinstall your authenticator app at a later time."),
    _("Deactivate Authenticator App"),
    _("You are about to deactivate authenticator app based authentication. Are you sure?"),
    # Emails
    _("Please Confirm Your Email Address"),
    _(
        "You're receiving this email because you or someone else has requested a "
        "password reset for your user account.\nIt can be safely ignored if you did "
        "not request a password reset. Click the link below to reset your password."
    ),
    # Messages
    _("You cannot remove your primary email address (%(email)s)."),
    _("Confirmation email sent to %(email)s."),
    _("You have confirmed %(email)s."),
    _("Removed email address %(email)s."),
    _("Successfully signed in as %(name)s."),
    _("You have signed out."),
    _("Password successfully changed."),
    _("Password successfully set."),
    _("Primary email address set."),
]

# django.contrib.auth's password rules (AUTH_PASSWORD_VALIDATORS) and password forms.
DJANGO_STRINGS = [
    _("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
    _("Enter the same password as before, for verification."),
]
