"""Small files of every kind the upload checks meet: each allowed type, built the way
real programs build them, and the impostors they must refuse."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24
CSV = "name;participants\nWrocław;12\n".encode()
TXT = b"Minutes of the meeting.\r\nNext steps.\r\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'

OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(kind: str) -> bytes:
    main_part, content_type = OOXML[kind]
    types = (
        '<?xml version="1.0"?><Types><Override PartName="/'
        + main_part
        + f'" ContentType="{content_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types.encode(), main_part: b"<xml/>"})


def odf(kind: str) -> bytes:
    # ODF puts its type, uncompressed, in the first entry "mimetype".
    return zip_bytes({"mimetype": ODF[kind].encode(), "content.xml": b"<xml/>"})


ALLOWED = {
    "report.pdf": PDF,
    "photo.png": PNG,
    "photo.jpg": JPEG,
    "photo.jpeg": JPEG,
    "photo.webp": WEBP,
    "minutes.docx": ooxml("docx"),
    "figures.xlsx": ooxml("xlsx"),
    "slides.pptx": ooxml("pptx"),
    "minutes.odt": odf("odt"),
    "figures.ods": odf("ods"),
    "slides.odp": odf("odp"),
    "figures.csv": CSV,
    "notes.txt": TXT,
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
