"""Uploaded files: which ones are accepted, where they are stored, how private ones are
served.

A file is accepted when its content is one of the allowed kinds and its name says the
same kind: a renamed program or web page is refused whatever its name. Private files
(officers' documents, training report attachments) live in their own storage, outside
MEDIA_ROOT, so no web server and no MEDIA_URL serves them; only views that check access
stream them, as downloads.
"""

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.core.signals import setting_changed
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
KINDS = {
    "pdf": FileKind("PDF", "application/pdf", (".pdf",)),
    "png": FileKind("PNG", "image/png", (".png",)),
    "jpeg": FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "webp": FileKind("WebP", "image/webp", (".webp",)),
    "docx": FileKind(
        "Word (.docx)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": FileKind(
        "Excel (.xlsx)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    "pptx": FileKind(
        "PowerPoint (.pptx)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
    ),
    "odt": FileKind("OpenDocument text", ODF_MIMETYPES["odt"], (".odt",)),
    "ods": FileKind("OpenDocument spreadsheet", ODF_MIMETYPES["ods"], (".ods",)),
    "odp": FileKind("OpenDocument presentation", ODF_MIMETYPES["odp"], (".odp",)),
    "csv": FileKind("CSV", "text/csv", (".csv",)),
    "txt": FileKind(_("plain text"), "text/plain", (".txt",)),
}
KIND_BY_EXTENSION = {ext: name for name, kind in KINDS.items() for ext in kind.extensions}
# Enough to see a text file's nature without reading a large one whole.
SNIFF_BYTES = 64 * 1024


def _zip_kind(upload: UploadedFile) -> str | None:
    """docx/xlsx/pptx or odt/ods/odp from the parts inside the ZIP container."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next((k for k, m in ODF_MIMETYPES.items() if m == mimetype), None)
            if "[Content_Types].xml" in names:
                content_types = archive.read("[Content_Types].xml")
                for kind, main_part in OOXML_MAIN_PARTS.items():
                    if main_part in names and KINDS[kind].content_type.encode() in content_types:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _is_plain_text(head: bytes) -> bool:
    """Text without binary bytes that is not markup: a web page or an SVG renamed .txt
    is refused too."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    return not text.lstrip().startswith("<")


def detect_kind(upload: UploadedFile, extension_kind: str) -> str | None:
    """The kind of file the content shows, or None when it is none of the allowed ones."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    if extension_kind in ("csv", "txt") and _is_plain_text(head):
        # Text has no signature: its name decides between CSV and plain text.
        return extension_kind
    return None


def accepted_types_text() -> str:
    return ", ".join(str(kind.label) for kind in KINDS.values())


def upload_help_text() -> str:
    return _("Accepted types: %(types)s. Up to %(limit)s MB.") % {
        "types": accepted_types_text(),
        "limit": settings.MAX_UPLOAD_MB,
    }


def validate_upload(upload: UploadedFile) -> None:
    """Refuse files that are too large, of a type not allowed, or whose content does
    not match their name."""
    if getattr(upload, "_committed", False):
        # A model's file already stored (checked when it came in): not read again.
        return
    limit_mb = settings.MAX_UPLOAD_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large: the limit is %(limit)s MB."),
            code="file_too_large",
            params={"limit": limit_mb},
        )
    extension_kind = KIND_BY_EXTENSION.get(PurePath(upload.name).suffix.lower())
    if extension_kind is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s."),
            code="file_type",
            params={"types": accepted_types_text()},
        )
    if detect_kind(upload, extension_kind) != extension_kind:
        raise ValidationError(
            _("The content of this file is not a valid %(kind)s file. Accepted types: %(types)s."),
            code="file_content",
            params={"kind": KINDS[extension_kind].label, "types": accepted_types_text()},
        )


def clean_file_name(filename: str) -> str:
    """A safe name that keeps the extension, behind a random prefix so names never
    collide and cannot be guessed."""
    path = PurePath(filename)
    try:
        stem = get_valid_filename(path.stem)[:80]
    except SuspiciousFileOperation:  # nothing usable left, e.g. "***.pdf"
        stem = "file"
    return f"{secrets.token_hex(8)}-{stem}{path.suffix.lower()}"


def original_file_name(name: str) -> str:
    """The name as uploaded (cleaned), without the folder and the random prefix."""
    return PurePath(name).name.split("-", 1)[-1]


@deconstructible
class UploadPath:
    """upload_to for a model's files: `<folder>/<owner id>/<clean name>`, the owner
    being the field named by `owner` (the municipality unless told), or
    `<folder>/<clean name>` when `owner` is None."""

    def __init__(self, folder: str, owner: str | None = "municipality_id"):
        self.folder = folder
        self.owner = owner

    def __call__(self, instance, filename: str) -> str:
        owner = f"{getattr(instance, self.owner)}/" if self.owner else ""
        return f"{self.folder}/{owner}{clean_file_name(filename)}"


class PrivateStorage(FileSystemStorage):
    """Files that no URL serves: stored in PRIVATE_MEDIA_ROOT, or a "private-media"
    folder beside MEDIA_ROOT when it is empty, and streamed by views that check access."""

    def __init__(self):
        super().__init__()
        setting_changed.connect(self._clear_private_location)

    def _clear_private_location(self, *, setting, **kwargs):
        # FileSystemStorage itself forgets its location when MEDIA_ROOT changes.
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    @cached_property
    def base_location(self):
        if settings.PRIVATE_MEDIA_ROOT:
            return Path(settings.PRIVATE_MEDIA_ROOT)
        return Path(settings.MEDIA_ROOT).parent / "private-media"

    def url(self, name):
        raise ValueError("Private files have no URL; serve them with private_file_response().")


private_storage = PrivateStorage()


def private_file_response(field_file) -> FileResponse:
    """The file as a download that browsers neither display nor guess the type of, and
    that shared caches do not keep."""
    name = original_file_name(field_file.name)
    kind = KINDS.get(KIND_BY_EXTENSION.get(PurePath(name).suffix.lower(), ""))
    try:
        field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from the storage.") from None
    response = FileResponse(
        field_file,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
