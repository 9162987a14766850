"""The upload checks: allowed kinds by content, impostors refused whatever their name,
the size limit, clean file names, and private storage outside MEDIA_ROOT."""

import pytest
from django.core.exceptions import ValidationError

from admin4all.uploads import (
    clean_file_name,
    original_file_name,
    private_storage,
    validate_upload,
)
from tests import samples

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
    ],
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
    content = samples.PDF + b"0" * (1024 * 1024 - len(samples.PDF))

    assert validate_upload(samples.upload("report.pdf", content)) is None


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
