"""The staff's main tool: shared admin behaviour, and the programme-wide models."""

from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltrans.fields import TranslatedVirtualField

from admin4all.admin_changelist import ChangelistRowsMixin
from admin4all.admin_constraints import LibraryConstraintsForm, RefusedWriteAdminMixin
from admin4all.admin_history import HistoryAdminMixin
from admin4all.concurrency import VersionedAdminMixin
from admin4all.local_time import local_moment
from admin4all.models import (
    DemoFlagModel,
    Organisation,
    OutgoingEmail,
    Person,
    PhaseFigure,
    PhaseGoal,
    ProgrammePhase,
    Theme,
    User,
)
from admin4all.publishing import content_publish, content_unpublish
from admin4all.rich_text import MARKDOWN_HELP_TEXT
from admin4all.translation import (
    content_languages,
    lacking_translation,
    translated_fields,
    translated_languages,
    translation_key,
    translation_label,
    virtual_field_names,
)

admin.site.site_header = _("Admin4All administration")
admin.site.site_title = _("Admin4All administration")
admin.site.index_title = _("Programme management")
# The site's login (allauth) also guards the admin: same rate limits, same second factor.
admin.site.login = secure_admin_login(admin.site.login)

AUDIT_FIELDS = ("created_at", "updated_at")
# Links typed without a scheme are taken as https (Django 6's default, set explicitly).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MarkdownFieldsMixin:
    """Says under each field in `markdown_fields` that it takes Markdown. In the admin,
    not on the model fields: a model's help_text would take a migration."""

    markdown_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A field's translations (`description_it`) take Markdown as it does.
        if getattr(db_field, "original_name", db_field.name) in self.markdown_fields:
            formfield.help_text = MARKDOWN_HELP_TEXT
        return formfield


TRANSLATIONS_HELP_TEXT = _(
    "Leave a field empty while it has no translation: the page then shows the English "
    "text and says so."
)


class TranslatedFieldsMixin:
    """Change forms of translated models (admin4all.translation): each translation is
    labelled with its language ("Title (Italiano)"), carries the English field's help
    text and a lang attribute (spell-checking, screen readers), and sits in a collapsed
    section after the English fields: one per language in a change form, one for all
    of them in an inline row."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, TranslatedVirtualField) and formfield is not None:
            original = db_field.original_field
            label = translation_label(db_field.model, original.name, db_field.language)
            formfield.label = capfirst(label)
            formfield.help_text = original.help_text
            formfield.widget.attrs["lang"] = db_field.language
        return formfield

    def _translations_by_language(self, fieldsets) -> list[tuple[str, str, list[str]]]:
        """For each language, its code, its name and the translations of the fields
        the form shows."""
        shown = set(flatten_fieldsets(fieldsets))
        originals = [name for name in translated_fields(self.model) if name in shown]
        if not originals:
            return []
        return [
            (code, name, [translation_key(original, code) for original in originals])
            for code, name in content_languages()
        ]

    def get_fieldsets(self, request, obj=None):
        hidden = virtual_field_names(self.model)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]


class TranslatedInlineMixin(TranslatedFieldsMixin):
    """An inline of a translated model: each row's translations in one collapsed
    section. Such inlines are stacked: a table has no room for six more languages."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        by_language = self._translations_by_language(fieldsets)
        if not by_language:
            return fieldsets
        fields = [field for _code, _name, names in by_language for field in names]
        options = {
            "fields": fields,
            "classes": ["collapse"],
            "description": TRANSLATIONS_HELP_TEXT,
        }
        return [*fieldsets, (_("Translations"), options)]


class MissingTranslationFilter(admin.SimpleListFilter):
    """Records whose main field (title, name...) has English text but no translation
    into the chosen language."""

    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return content_languages()

    def queryset(self, request, queryset):
        if self.value() in dict(content_languages()):
            return lacking_translation(queryset, self.value())
        return queryset


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that names its record from the one its form's instance
    has already loaded (InlineRowForm), where AutocompleteSelect queries for it: one
    query per inline row otherwise."""

    preloaded = None

    def optgroups(self, name, value, attr=None):
        record = self.preloaded
        if record is None or [str(v) for v in value] != [str(record.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(record)
        options.append(self.create_option(name, record.pk, label, True, len(options)))
        return [(None, options, 0)]


class InlineRowForm(forms.ModelForm):
    """Hands each preloaded autocomplete widget the record the row already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The admin wraps related widgets in RelatedFieldWidgetWrapper.
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect):
                model_field = self.instance._meta.get_field(name)
                if model_field.is_cached(self.instance):
                    widget.preloaded = model_field.get_cached_value(self.instance)


class InlineRowsMixin:
    """Inlines whose rows load the records they name (in their titles and autocomplete
    widgets) with the rows, so that a change form's queries do not grow with its rows.
    Foreign keys in inline rows are autocomplete fields: a plain select queries its
    choices once per row."""

    form = InlineRowForm
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProgrammeAdmin(
    ChangelistRowsMixin,
    RefusedWriteAdminMixin,
    VersionedAdminMixin,
    MarkdownFieldsMixin,
    TranslatedFieldsMixin,
    HistoryAdminMixin,
    admin.ModelAdmin,
):
    """Base of every programme model's admin: lean changelist rows, history with
    restore, change forms that
    refuse to overwrite someone else's save and show a write the database refuses with
    its constraint's message, Markdown hints, a section per language on
    translated models with their languages listed and a "missing translation" filter,
    the audit timestamps shown read-only in a collapsed section at the end of the form,
    and a "demo data" filter on the models generate_demo_data writes."""

    list_per_page = 50
    formfield_overrides = HTTPS_URL_FIELDS
    # Shown on the list while it is empty: where its records come from.
    empty_list_help = None
    # Counting every row of a big table on each changelist load is slow; the
    # paginator still counts the filtered rows.
    show_full_result_count = False

    def _audit_fields(self):
        return [name for name in AUDIT_FIELDS if hasattr(self.model, name)]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self._audit_fields()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"empty_list_help": self.empty_list_help, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_list_display(self, request):
        translations = ["translations"] if translated_fields(self.model) else []
        return [*super().get_list_display(request), *translations]

    def get_search_fields(self, request):
        # A record is found by the translations of the fields searched too
        # ("Consultazione" finds the Milan consultation).
        search_fields = super().get_search_fields(request)
        translated = set(translated_fields(self.model))
        translations = [
            translation_key(name, code)
            for name in search_fields
            if name in translated
            for code, _language in content_languages()
        ]
        return [*search_fields, *translations]

    def get_list_filter(self, request):
        translations = [MissingTranslationFilter] if translated_fields(self.model) else []
        # Staff must be able to hide the synthetic records, or find only them.
        demo = ["is_demo"] if issubclass(self.model, DemoFlagModel) else []
        return [*super().get_list_filter(request), *translations, *demo]

    @admin.display(description=_("translated into"))
    def translations(self, obj):
        return " ".join(code.upper() for code in translated_languages(obj)) or "—"

    def object_tool_links(self, request, obj) -> list[tuple[str, str]]:
        """Links shown beside History on the change form of `obj`: (label, URL)."""
        return []

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["object_tool_links"] = self.object_tool_links(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        audit = self._audit_fields()
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in audit]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        for _code, language, fields in self._translations_by_language(fieldsets):
            options = {
                "fields": fields,
                "classes": ["collapse"],
                "description": TRANSLATIONS_HELP_TEXT,
            }
            fieldsets.append((language, options))
        if audit and obj is not None:
            fieldsets.append((_("Record"), {"fields": audit, "classes": ["collapse"]}))
        return fieldsets


class PublishableAdmin(ProgrammeAdmin):
    """Admin of public content: status columns and filters, publish/unpublish actions."""

    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "status", "published_at", "is_public"]

    def get_list_filter(self, request):
        return ["status", *super().get_list_filter(request)]

    @admin.display(boolean=True, description=_("public now"))
    def is_public(self, obj):
        return obj.is_public

    @admin.action(description=_("Publish the selected items now"), permissions=["change"])
    def publish(self, request, queryset):
        count = content_publish(queryset=queryset)
        self.message_user(
            request,
            ngettext("%d item published.", "%d items published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = content_unpublish(queryset=queryset)
        self.message_user(
            request,
            ngettext("%d item unpublished.", "%d items unpublished.", count) % count,
            messages.SUCCESS,
        )


@admin.display(description=_("phase"), ordering="phase__number")
def phase_number(obj):
    """A list's phase column: the phase's number. Its full title ("Phase 2: Supporting
    Social Inclusion of …") stays on one line, as the admin keeps every related
    record's column, and pushed the list's other columns out of sight."""
    return obj.phase.number if obj.phase_id else None


class YearFilter(admin.SimpleListFilter):
    """Filter on the year of a date field; subclasses name the field."""

    title = _("year")
    parameter_name = "year"
    field_name = "start_date"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .filter(**{f"{self.field_name}__isnull": False})
            .dates(self.field_name, "year", order="DESC")
        )
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.field_name}__year": int(value)})
        return queryset


@admin.register(User)
class UserAdmin(ChangelistRowsMixin, VersionedAdminMixin, HistoryAdminMixin, DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["username", "email", "first_name", "last_name"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets[:2],  # the login; the name and email address
        (_("Language"), {"fields": ["language"]}),
        *DjangoUserAdmin.fieldsets[2:],  # permissions; dates
    ]


@admin.register(Organisation)
class OrganisationAdmin(ProgrammeAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    markdown_fields = ("description",)
    ordering = ["name"]


@admin.register(Person)
class PersonAdmin(ProgrammeAdmin):
    list_display = ["__str__", "job_title", "organisation"]
    list_filter = ["organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["name", "job_title", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    markdown_fields = ("bio",)
    ordering = ["name"]


@admin.register(Theme)
class ThemeAdmin(ProgrammeAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    markdown_fields = ("description",)
    ordering = ["name"]


class PhaseGoalInline(TranslatedInlineMixin, admin.StackedInline):
    model = PhaseGoal
    extra = 0
    fields = [("kind", "position"), "text"]


class PhaseFigureInline(TranslatedInlineMixin, admin.StackedInline):
    model = PhaseFigure
    extra = 0
    fields = [("qualifier", "value", "position"), "label", ("indicator", "source")]


@admin.register(ProgrammePhase)
class ProgrammePhaseAdmin(ProgrammeAdmin):
    list_display = ["number", "name", "start_date", "end_date", "managed_by"]
    list_display_links = ["number", "name"]
    list_select_related = ["managed_by"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["managed_by", "funded_by"]
    inlines = [PhaseGoalInline, PhaseFigureInline]
    markdown_fields = ("description",)
    ordering = ["number"]

    def object_tool_links(self, request, obj):
        return [
            (_("Phase report"), reverse("admin_phase_report", kwargs={"phase": obj.slug})),
            (
                _("Indicators"),
                reverse("admin_phase_indicators_dashboard", kwargs={"slug": obj.slug}),
            ),
        ]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ChangelistRowsMixin, admin.ModelAdmin):
    """What the portal emailed, and what it could not: read-only. The message itself is
    not shown (it may hold someone's password reset link)."""

    list_display = ["queued", "recipient_list", "subject", "state", "attempts"]
    list_filter = ["state"]
    search_fields = ["subject", "recipients"]
    date_hierarchy = "created_at"
    fields = ["queued", "recipient_list", "subject", "state", "attempts", "last_error", "sent"]
    readonly_fields = fields

    @admin.display(description=_("queued at"), ordering="created_at")
    def queued(self, email):
        return local_moment(email.created_at)

    @admin.display(description=_("sent at"))
    def sent(self, email):
        return local_moment(email.sent_at) if email.sent_at else "—"

    @admin.display(description=_("recipients"))
    def recipient_list(self, email):
        return ", ".join(email.recipients)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EmailAddressForm(LibraryConstraintsForm):
    constraint_messages = {
        "unique_primary_email": (
            "primary",
            _("This person has a primary address already: make that one not primary first."),
        ),
        "unique_verified_email": (
            "email",
            _("Another account has verified this address already."),
        ),
    }


class AuthenticatorForm(LibraryConstraintsForm):
    constraint_messages = {
        "unique_authenticator_type": (
            "type",
            _("This person has an authenticator of this kind already."),
        ),
    }


# allauth's admins, with forms that say what its constraints mean.
admin.site.unregister(EmailAddress)
admin.site.register(EmailAddress, AllauthEmailAddressAdmin, form=EmailAddressForm)
admin.site.unregister(Authenticator)
admin.site.register(Authenticator, AllauthAuthenticatorAdmin, form=AuthenticatorForm)
