"""Uploaded files: which ones are accepted, where they are stored, how private ones are
served.

A file is accepted when its content is one of the allowed kinds and its name says the
same kind: a renamed program or web page is refused whatever its name. Checking costs
little memory whatever the file holds: a ZIP archive (docx/xlsx/pptx, odt/ods/odp) is
judged by its central directory (how many entries, how large and how compressed they
are) before any part is read, and the parts read are read a bounded number of bytes; a
PDF is parsed strictly by pypdf, its streams decompressed up to a limit. The limits
are settings (docs/settings.md), read on each upload. Private files
(officers' documents, training report attachments) live in their own storage, outside
MEDIA_ROOT, so no web server and no MEDIA_URL serves them; only views that check access
stream them, as downloads.
"""

import secrets
import struct
import zipfile
import zlib
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
from pypdf import PdfReader, apply_configuration
from pypdf.errors import FileNotDecryptedError


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


# How much of a part inside an archive is read to see its kind: the few parts read
# ("mimetype", "[Content_Types].xml") are a few kilobytes in real documents.
ARCHIVE_PART_READ_BYTES = 1024 * 1024
# Parts smaller than this are not held to the compression ratio: a small part may
# compress far (a page of blank styles) and cannot make a bomb on its own; the total
# unpacked size bounds them all.
RATIO_EXEMPT_BYTES = 1024 * 1024
# The ZIP records (PKWARE's APPNOTE.TXT 4.3.12-4.3.16) read to count the entries.
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
# What a damaged or hostile archive makes zipfile raise.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    RuntimeError,  # encrypted entries
    NotImplementedError,  # unknown compression methods
    ValueError,
    struct.error,
)


def _zip_directory_entries(upload: UploadedFile, limit: int) -> int | None:
    """How many entries the central directory lists, counted up to `limit` + 1 the way
    zipfile walks it but without building an object per entry (a 10 MB directory of
    empty entries costs zipfile over 60 MB); None when there is none to read."""
    size = upload.size
    tail_size = min(size, _END_RECORD.size + 0xFFFF)  # the end record and a comment
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    if tail[-_END_RECORD.size : -_END_RECORD.size + 4] == b"PK\x05\x06" and tail[-2:] == b"\0\0":
        found = len(tail) - _END_RECORD.size  # no comment: the usual case
    else:
        found = tail.rfind(b"PK\x05\x06")
    if found < 0 or found + _END_RECORD.size > len(tail):
        return None
    directory_size = _END_RECORD.unpack_from(tail, found)[5]
    directory_end = size - tail_size + found
    locator = tail[max(found - _ZIP64_LOCATOR.size, 0) : found]
    if len(locator) == _ZIP64_LOCATOR.size and locator.startswith(b"PK\x06\x07"):
        record_at = directory_end - _ZIP64_LOCATOR.size - _ZIP64_END_RECORD.size
        if record_at >= 0:
            upload.seek(record_at)
            record = upload.read(_ZIP64_END_RECORD.size)
            if record.startswith(b"PK\x06\x06") and len(record) == _ZIP64_END_RECORD.size:
                directory_size = _ZIP64_END_RECORD.unpack(record)[8]
                directory_end = record_at
    start = directory_end - directory_size
    if start < 0:
        return None
    upload.seek(start)
    directory = upload.read(directory_size)
    count = offset = 0
    while offset < len(directory) and count <= limit:
        if not directory.startswith(b"PK\x01\x02", offset):
            return None
        if offset + _CENTRAL_HEADER.size > len(directory):
            return None
        name, extra, comment = _CENTRAL_HEADER.unpack_from(directory, offset)[12:15]
        offset += _CENTRAL_HEADER.size + name + extra + comment
        count += 1
    return count


def _too_many_entries(limit: int) -> ValidationError:
    return ValidationError(
        _("This file contains too many parts: the limit is %(limit)s."),
        code="archive_entries",
        params={"limit": limit},
    )


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose central directory announces more than the limits allow:
    a zip bomb is caught by what it declares, since zipfile never unpacks more than an
    entry's declared size."""
    entries = archive.infolist()
    max_entries = settings.MAX_UPLOAD_ARCHIVE_ENTRIES
    if len(entries) > max_entries:
        raise _too_many_entries(max_entries)
    max_unpacked_mb = settings.MAX_UPLOAD_UNPACKED_MB
    if sum(entry.file_size for entry in entries) > max_unpacked_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large once uncompressed: the limit is %(limit)s MB."),
            code="archive_too_large",
            params={"limit": max_unpacked_mb},
        )
    max_ratio = settings.MAX_UPLOAD_COMPRESSION_RATIO
    for entry in entries:
        if entry.file_size > RATIO_EXEMPT_BYTES and (
            entry.file_size > max_ratio * entry.compress_size
        ):
            raise ValidationError(
                _(
                    "This file is compressed far more than documents normally are: a part "
                    "of it expands more than %(limit)s times."
                ),
                code="archive_ratio",
                params={"limit": max_ratio},
            )


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """The beginning of a part, never more than ARCHIVE_PART_READ_BYTES unpacked."""
    with archive.open(name) as part:
        return part.read(ARCHIVE_PART_READ_BYTES)


def _zip_kind(upload: UploadedFile) -> str | None:
    """docx/xlsx/pptx or odt/ods/odp from the parts inside the ZIP container, once its
    central directory is within the limits."""
    max_entries = settings.MAX_UPLOAD_ARCHIVE_ENTRIES
    try:
        entries = _zip_directory_entries(upload, max_entries)
        if entries is None:
            return None
        if entries > max_entries:
            raise _too_many_entries(max_entries)
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive)
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = _read_part(archive, "mimetype").decode("ascii", "replace").strip()
                return next((k for k, m in ODF_MIMETYPES.items() if m == mimetype), None)
            if "[Content_Types].xml" in names:
                content_types = _read_part(archive, "[Content_Types].xml")
                for kind, main_part in OOXML_MAIN_PARTS.items():
                    if main_part in names and KINDS[kind].content_type.encode() in content_types:
                        return kind
    except _ZIP_ERRORS:
        return None
    return None


# Content sniffers (older browsers, some proxies and mail filters) look for markup in
# a file's first bytes; a PDF has none there, so a "PDF" with markup is a polyglot.
PDF_MARKUP_SNIFF_BYTES = 1024
MARKUP_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg")


def _is_pdf(upload: UploadedFile, head: bytes) -> bool:
    """A PDF by its structure: pypdf parses the cross-reference table and the trailer
    strictly (no repairs by scanning the file) and counts the pages, decompressing at
    most MAX_UPLOAD_PDF_STREAM_MB per stream. A password-protected PDF, whose pages
    cannot be read, passes on its cross-reference table and trailer."""
    if any(marker in head[:PDF_MARKUP_SNIFF_BYTES].lower() for marker in MARKUP_MARKERS):
        return False
    # At least a megabyte: to pypdf, a limit of 0 means none.
    stream_limit = max(settings.MAX_UPLOAD_PDF_STREAM_MB, 1) * 1024 * 1024
    limits = apply_configuration(
        maximum_declared_stream_length=stream_limit,
        zlib_maximum_output_length=stream_limit,
        lzw_maximum_output_length=stream_limit,
        run_length_maximum_output_length=stream_limit,
        brotli_maximum_output_length=stream_limit,
        array_based_stream_maximum_output_length=stream_limit,
        stream_decoding_work_maximum_length=stream_limit,
        # pypdf repairs a damaged compressed stream byte by byte, in Python: bounded.
        zlib_maximum_recovery_input_length=64 * 1024,
        jbig2dec_binary=None,  # never run an outside program on an upload
    )
    upload.seek(0)
    try:
        with limits:
            reader = PdfReader(upload, strict=True)
            try:
                return reader.get_num_pages() > 0
            except FileNotDecryptedError:
                return "/Root" in reader.trailer
    # A hostile file can make a parser raise nearly anything; each means "not a PDF".
    except Exception:
        return False
    finally:
        upload.seek(0)


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
    """The kind of file the content shows, or None when it is none of the allowed ones.
    Raises ValidationError for an archive beyond the limits."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf" if _is_pdf(upload, head) else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_kind(upload)
        finally:
            upload.seek(0)
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
    not match their name, and archives beyond the limits of what they may unpack to.
    Every upload goes through it: the models' file fields (admin and officer forms)
    and the spreadsheet imports (admin4all.admin_spreadsheets)."""
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
