"""Spreadsheet import and export in the admin, on top of django-import-export.

Staff import a CSV or XLSX file in two steps: a preview of what each row creates,
changes or skips, then a confirmation. The whole file is one transaction: one bad row
and nothing is written, with the problems listed by row and column. Any filtered
changelist exports as CSV or XLSX, and each import page offers a template file.
"""

from datetime import timedelta
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from import_export.tmp_storages import MediaStorage

from admin4all.admin_history import admin_view_url
from admin4all.uploads import validate_upload


class SpreadsheetImportForm(ImportForm):
    """The library's form, with the file checked like every upload (size, content
    matching its name) and its name matching the chosen format."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["import_file"].validators.append(validate_upload)

    def clean(self):
        cleaned_data = super().clean()
        upload, index = cleaned_data.get("import_file"), cleaned_data.get("format")
        if upload and index:
            extension = self.formats[int(index)]().get_extension()
            if PurePath(upload.name).suffix.lower() != f".{extension}":
                self.add_error(
                    "import_file",
                    _("This is not a .%(extension)s file: choose the format of the file.")
                    % {"extension": extension},
                )
        return cleaned_data


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import with preview, export of the filtered changelist, template files.
    Put it first among an admin's bases; the admin sets `resource_classes`."""

    import_export_change_list_template = "admin/spreadsheets/change_list.html"
    import_template_name = "admin/spreadsheets/import.html"
    import_form_class = SpreadsheetImportForm
    # With a byte order mark, Excel reads the CSV's accented names right.
    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        # An import creates and changes records: it needs both rights.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_urls(self):
        return [
            path(
                "import/template.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def _formats_by_extension(self):
        formats = self.get_import_formats()
        return {file_format().get_extension(): file_format for file_format in formats}

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "template_links": [
                (extension, admin_view_url(self, "import_template", extension=extension))
                for extension in self._formats_by_extension()
            ],
        }

    def import_template_view(self, request, extension):
        if not self.has_import_permission(request):
            raise PermissionDenied
        file_format_class = self._formats_by_extension().get(extension)
        if file_format_class is None:
            raise Http404
        file_format = file_format_class()
        resource_class = self.get_import_resource_classes(request)[0]
        resource = resource_class(**self.get_import_resource_kwargs(request))
        data = file_format.export_data(resource.template_dataset())
        if not file_format.is_binary():
            data = data.encode(self.to_encoding)
        response = HttpResponse(data, content_type=file_format.get_content_type())
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.model_name}-template.{extension}"'
        )
        return response

    def get_import_data_kwargs(self, **kwargs):
        # The confirmed import rolls back if any row has become invalid since the preview.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # Confirmed twice, or the stored upload is gone: this request wrote nothing.
            messages.error(
                request,
                _("The uploaded file is gone (imported already?). Upload it again."),
            )
            return HttpResponseRedirect(admin_view_url(self, "import"))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _("Nothing was imported: some rows are no longer valid. Upload the file again."),
            )
            return HttpResponseRedirect(admin_view_url(self, "import"))
        return super().process_result(result, request)


def import_uploads_remove_stale(*, older_than: timedelta, dry_run: bool = False) -> list[str]:
    """Removes the uploads that wait between an import's preview and its confirmation
    and were never confirmed (confirming removes them), once older than `older_than`.
    Returns their names. They hold whole spreadsheets, personal data included."""
    storage = storages["import_export"]  # settings.STORAGES: the private storage
    folder = MediaStorage().MEDIA_FOLDER  # where the library keeps them in it
    if not storage.exists(folder):
        return []
    cutoff = timezone.now() - older_than
    _folders, names = storage.listdir(folder)
    stale = [
        name for name in sorted(names) if storage.get_modified_time(f"{folder}/{name}") < cutoff
    ]
    if not dry_run:
        for name in stale:
            storage.delete(f"{folder}/{name}")
    return stale
