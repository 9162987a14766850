"""The upload checks: allowed kinds by content, impostors refused whatever their name,
the size limit, archives judged by their central directory before any part is read
(zip bombs), PDFs by their structure, clean file names, and private storage outside
MEDIA_ROOT."""

import io
import struct
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from weasyprint import HTML

from admin4all.uploads import (
    clean_file_name,
    original_file_name,
    private_storage,
    validate_upload,
)
from tests import samples
from tests.memory import allocation_peak_mb

TYPES = (
    "PDF, PNG, JPEG, WebP, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument "
    "text, OpenDocument spreadsheet, OpenDocument presentation, CSV, plain text"
)


def refusal(name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_upload(samples.upload(name, content))
    return error.value.messages


@pytest.mark.parametrize("name", sorted(samples.ALLOWED))
def test_upload_of_allowed_type_accepted(name):
    assert validate_upload(samples.upload(name, samples.ALLOWED[name])) is None


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", samples.EXECUTABLE, "PDF"),
        ("report.pdf", samples.HTML, "PDF"),
        ("report.pdf", samples.SVG, "PDF"),
        ("photo.png", samples.JPEG, "PNG"),
        ("notes.txt", samples.HTML, "plain text"),
        ("notes.txt", samples.SVG, "plain text"),
        ("notes.txt", samples.EXECUTABLE, "plain text"),
        ("figures.csv", samples.PDF, "CSV"),
        ("minutes.docx", samples.zip_bytes({"word/document.xml": b"<xml/>"}), "Word (.docx)"),
        ("minutes.docx", samples.ooxml("xlsx"), "Word (.docx)"),
        ("minutes.docx", samples.odf("odt"), "Word (.docx)"),
        ("figures.ods", samples.odf("odt"), "OpenDocument spreadsheet"),
        ("minutes.docx", b"PK\x03\x04 not really a zip", "Word (.docx)"),
        ("report.pdf", samples.PDF_HTML_POLYGLOT, "PDF"),
        ("report.pdf", samples.PDF_HTML_POLYGLOT_LATER, "PDF"),
        ("report.pdf", samples.PDF + b"<html><script>alert(1)</script></html>", "PDF"),
        ("report.pdf", samples.PDF[:-40], "PDF"),
        ("report.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_upload_whose_content_does_not_match_name_refused(name, content, kind):
    assert refusal(name, content) == [
        f"The content of this file is not a valid {kind} file. Accepted types: {TYPES}."
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", samples.EXECUTABLE),
        ("page.html", samples.HTML),
        ("drawing.svg", samples.SVG),
        ("archive.zip", samples.zip_bytes({"a.txt": b"a"})),
        ("no-extension", samples.PDF),
        ("macro.docm", samples.ooxml("docx")),
    ],
)
def test_upload_of_other_type_refused(name, content):
    assert refusal(name, content) == [
        f"This type of file is not accepted. Accepted types: {TYPES}."
    ]


def test_upload_above_size_limit_refused(settings):
    settings.MAX_UPLOAD_MB = 1

    messages = refusal("report.pdf", samples.PDF + b"0" * (1024 * 1024))

    assert messages == ["The file is too large: the limit is 1 MB."]


def test_upload_at_size_limit_accepted(settings):
    settings.MAX_UPLOAD_MB = 1
    # The offsets in the PDF take as many digits with any padding near a megabyte.
    overhead = len(samples.pdf(padding=1_000_000)) - 1_000_000
    content = samples.pdf(padding=1024 * 1024 - overhead)

    assert len(content) == 1024 * 1024
    assert validate_upload(samples.upload("report.pdf", content)) is None


# PDFs: by their structure, as pypdf parses them strictly.


def test_pdf_printed_by_weasyprint_accepted():
    # Compressed object streams and cross-reference streams, as the portal's own PDFs.
    content = HTML(string="<h1>Minutes</h1><p>Wrocław, 12 March</p>").write_pdf()

    assert validate_upload(samples.upload("minutes.pdf", content)) is None


def test_pdf_protected_by_password_accepted():
    writer = PdfWriter(clone_from=io.BytesIO(samples.PDF))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert validate_upload(samples.upload("minutes.pdf", buffer.getvalue())) is None


def test_pdf_without_pages_refused():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)

    assert refusal("minutes.pdf", buffer.getvalue()) == [
        f"The content of this file is not a valid PDF file. Accepted types: {TYPES}."
    ]


@pytest.mark.parametrize(("stream_limit_mb", "peak_limit_mb"), [(20, 100), (5, 25)])
def test_pdf_bomb_refused_within_stream_limit(settings, stream_limit_mb, peak_limit_mb):
    """The stream inflates to 300 MB: pypdf stops at the setting's limit. (pypdf's own
    limit, 75 MB, made the check allocate about 160 MB.)"""
    settings.MAX_UPLOAD_PDF_STREAM_MB = stream_limit_mb
    content = samples.pdf_bomb(unpacked_mb=300)

    messages, peak_mb = allocation_peak_mb(lambda: refusal("minutes.pdf", content))

    assert (len(content) < 400_000, messages) == (
        True,
        [f"The content of this file is not a valid PDF file. Accepted types: {TYPES}."],
    )
    assert peak_mb < peak_limit_mb


# Archives (docx/xlsx/pptx, odt/ods/odp): by their central directory first.


def zip_with(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A docx holding `entries` besides its own two parts."""
    main_part, main_type = samples.OOXML["docx"]
    types = f'<Types><Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    parts = {"[Content_Types].xml": types.encode(), main_part: b"<xml/>", **entries}
    return samples.zip_bytes(parts, compression=compression)


def test_spreadsheet_saved_by_openpyxl_accepted():
    workbook = openpyxl.Workbook()
    for number in range(2000):
        workbook.active.append([f"training-{number}", "Wrocław", number])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert validate_upload(samples.upload("trainings.xlsx", buffer.getvalue())) is None


def test_docx_bomb_refused_by_its_directory_without_unpacking(docx_bomb):
    content = docx_bomb.read_bytes()

    messages, peak_mb = allocation_peak_mb(lambda: refusal("minutes.docx", content))

    assert (len(content) < 400_000, messages) == (
        True,
        ["The file is too large once uncompressed: the limit is 100 MB."],
    )
    assert peak_mb < 5


def test_memory_measure_sees_a_bomb_read_whole(docx_bomb):
    # What the check did before: read the part whole. The measure must see it, or the
    # bounds above would prove nothing.
    def read_whole():
        with zipfile.ZipFile(docx_bomb) as archive:
            return len(archive.read("[Content_Types].xml"))

    size, peak_mb = allocation_peak_mb(read_whole)

    assert size > 300 * 1024 * 1024
    assert peak_mb > 300


@pytest.mark.parametrize(("limit_mb", "refused"), [(1, True), (2, False)])
def test_archive_unpacked_size_limit_follows_setting(settings, limit_mb, refused):
    settings.MAX_UPLOAD_UNPACKED_MB = limit_mb
    # Stored without compression: only the total is at stake.
    content = zip_with({"word/media/photo.png": b"\x89" * (1024 * 1024 + 1)}, zipfile.ZIP_STORED)

    if refused:
        assert refusal("minutes.docx", content) == [
            "The file is too large once uncompressed: the limit is 1 MB."
        ]
    else:
        assert validate_upload(samples.upload("minutes.docx", content)) is None


@pytest.mark.parametrize(("ratio", "refused"), [(100, True), (2000, False)])
def test_archive_compression_ratio_limit_follows_setting(settings, ratio, refused):
    settings.MAX_UPLOAD_COMPRESSION_RATIO = ratio
    # 2 MB of blanks compress about a thousand times.
    content = zip_with({"word/styles.xml": b" " * 2 * 1024 * 1024})

    if refused:
        assert refusal("minutes.docx", content) == [
            "This file is compressed far more than documents normally are: a part of it "
            "expands more than 100 times."
        ]
    else:
        assert validate_upload(samples.upload("minutes.docx", content)) is None


def test_small_part_compressed_far_accepted():
    # 500 KB of blanks compress a thousand times too, but a part this small cannot
    # make a bomb: only the total limits it.
    content = zip_with({"word/styles.xml": b" " * 500 * 1024})

    assert validate_upload(samples.upload("minutes.docx", content)) is None


@pytest.mark.parametrize(("limit", "refused"), [(3, True), (4, False)])
def test_archive_entries_limit_follows_setting(settings, limit, refused):
    settings.MAX_UPLOAD_ARCHIVE_ENTRIES = limit
    content = zip_with({"_rels/.rels": b"<xml/>", "docProps/core.xml": b"<xml/>"})

    if refused:
        assert refusal("minutes.docx", content) == [
            "This file contains too many parts: the limit is 3."
        ]
    else:
        assert validate_upload(samples.upload("minutes.docx", content)) is None


def test_archive_entries_counted_in_directory_not_taken_from_end_record(settings):
    settings.MAX_UPLOAD_ARCHIVE_ENTRIES = 3
    content = bytearray(zip_with({"_rels/.rels": b"<xml/>", "docProps/core.xml": b"<xml/>"}))
    # The end record (the last 22 bytes) claims a single entry, on this disk and in all.
    end = len(content) - 22
    content[end + 8 : end + 12] = struct.pack("<2H", 1, 1)

    assert refusal("minutes.docx", bytes(content)) == [
        "This file contains too many parts: the limit is 3."
    ]


def test_archive_of_many_entries_refused_before_they_are_read(settings):
    # 50,000 empty entries: zipfile would build an object for each (some 30 MB); they
    # are counted in the directory, a few bytes each, and refused first.
    settings.MAX_UPLOAD_ARCHIVE_ENTRIES = 10
    content = zip_with({f"word/media/{number}.png": b"" for number in range(50_000)})

    messages, peak_mb = allocation_peak_mb(lambda: refusal("minutes.docx", content))

    assert messages == ["This file contains too many parts: the limit is 10."]
    assert peak_mb < 10


DAMAGEABLE = {
    "report.pdf": samples.PDF,
    "letter.docx": samples.docx(),
    "minutes.odt": samples.odf("odt"),
}


@hypothesis_settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_document_accepted_or_refused_never_an_error(data):
    """A few bytes changed and the end cut off, as a hostile or broken file: the check
    answers with a refusal or accepts, it never raises anything else (a 500)."""
    name = data.draw(st.sampled_from(sorted(DAMAGEABLE)))
    content = bytearray(DAMAGEABLE[name])
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        content[position] = data.draw(st.integers(min_value=0, max_value=255))
    end = data.draw(st.integers(min_value=len(content) // 2, max_value=len(content)))

    try:
        validate_upload(samples.upload(name, bytes(content[:end])))
    except ValidationError as error:
        assert error.code in {"file_content", "archive_entries"}


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("Minutes 2019.PDF", "Minutes_2019.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("***.pdf", "file.pdf"),
        ("Wrocław – report.docx", "Wrocław__report.docx"),
    ],
)
def test_file_name_cleaned_behind_random_prefix(uploaded, kept):
    cleaned = clean_file_name(uploaded)

    prefix, _, rest = cleaned.partition("-")
    assert (len(prefix), rest, original_file_name(f"folder/{cleaned}")) == (16, kept, kept)


def test_file_names_never_collide():
    assert clean_file_name("a.pdf") != clean_file_name("a.pdf")


def test_private_storage_outside_media_root(settings, media_root):
    assert private_storage.path("x.pdf") == str(media_root.parent / "private-media" / "x.pdf")


def test_private_storage_follows_setting(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "vault")

    assert private_storage.path("x.pdf") == str(tmp_path / "vault" / "x.pdf")


def test_private_files_have_no_url():
    with pytest.raises(ValueError):
        private_storage.url("x.pdf")
