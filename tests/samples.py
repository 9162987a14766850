"""Small files of every kind the upload checks meet: each allowed type, built the way
real programs build them, and the impostors they must refuse."""

import io
import zipfile
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


def pdf(padding: int = 0) -> bytes:
    """A real one-page PDF, as pypdf writes it; `padding` characters of metadata make
    it that many bytes longer."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if padding:
        writer.add_metadata({"/Subject": "0" * padding})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24
CSV = "name;participants\nWrocław;12\n".encode()
TXT = b"Minutes of the meeting.\r\nNext steps.\r\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
# Starts as a PDF, continues as a web page: one with its markup up front, one with
# the markup further on, where only the PDF's structure gives it away.
PDF_HTML_POLYGLOT = b"%PDF-1.7\n" + HTML
PDF_HTML_POLYGLOT_LATER = b"%PDF-1.7\n%" + b" " * 2048 + b"\n" + HTML + b"\n%%EOF\n"
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


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    """The same bytes for the same entries: each entry is dated 1 January 2020, not
    now, so two calls a second apart make files a test can compare."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            entry.compress_type = compression
            archive.writestr(entry, data)
    return buffer.getvalue()


def ooxml(kind: str) -> bytes:
    main_part, content_type = OOXML[kind]
    types = (
        '<?xml version="1.0"?><Types><Override PartName="/'
        + main_part
        + f'" ContentType="{content_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types.encode(), main_part: b"<xml/>"})


def docx() -> bytes:
    """A Word document with a paragraph: the parts and relationships Word itself needs
    (ECMA-376 Part 2), which ooxml() leaves out."""
    main_type = OOXML["docx"][1]
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    wordml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return zip_bytes(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Types xmlns="{package}/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
                "</Types>"
            ).encode(),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Relationships xmlns="{package}/relationships">'
                f'<Relationship Id="rId1" Type="{office}/officeDocument" '
                'Target="word/document.xml"/></Relationships>'
            ).encode(),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{wordml}"><w:body><w:p><w:r>'
                "<w:t>Minutes of the meeting in Wrocław.</w:t>"
                "</w:r></w:p></w:body></w:document>"
            ).encode(),
        },
        compression=zipfile.ZIP_DEFLATED,
    )


def write_ooxml_bomb(path: Path, kind: str, unpacked_mb: int) -> Path:
    """The attack of issue #16: a docx (or xlsx, pptx) of a few hundred KB whose
    "[Content_Types].xml", a real one padded with blanks, unpacks to `unpacked_mb` MB.
    Written a megabyte at a time, so building it costs the test no memory."""
    main_part, main_type = OOXML[kind]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("[Content_Types].xml", "w") as part:
            part.write(
                b'<?xml version="1.0"?><Types><Override PartName="/'
                + main_part.encode()
                + b'" ContentType="'
                + main_type.encode()
                + b'"/>'
            )
            blanks = b" " * 1024 * 1024
            for _ in range(unpacked_mb):
                part.write(blanks)
            part.write(b"</Types>")
        archive.writestr(main_part, b"<xml/>")
    return path


def pdf_bomb(unpacked_mb: int) -> bytes:
    """A PDF of a few hundred KB whose cross-reference stream, which a reader must
    decompress before anything else, unpacks to `unpacked_mb` MB."""
    compressor = zlib.compressobj(9)
    megabyte = b"\0" * 1024 * 1024
    data = b"".join(compressor.compress(megabyte) for _ in range(unpacked_mb))
    data += compressor.flush()
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    out += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref_at = len(out)
    out += b"3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
    out += b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


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
    "letter.docx": docx(),
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
