"""Résumé files for the document tests, built in code: TXT, Markdown, DOCX (zipfile, with a
table), PDF (python3-cairo, one and two columns, many pages) and the hostile inputs of the upload
table in api-v2.md section 3. Where tests/fixtures/text/ holds a file that cannot be made here
(an encrypted PDF), it is read from there. The people and numbers are fictional."""

from __future__ import annotations

import io
import zipfile
from typing import Callable, Dict, List, Optional, Tuple

from support import REPO

FIXTURES = REPO / "tests" / "fixtures" / "text"

# The contract's key sets (api-v2.md section 3).
SUMMARY_KEYS = {"id", "file_name", "file_type", "file_size", "text_length", "skills", "roles",
                "created_at", "updated_at"}
DETAIL_KEYS = SUMMARY_KEYS | {"mime_type", "storage_path", "extracted_text", "parsed_content",
                              "profile", "sections"}
UPLOAD_KEYS = {"document_id", "message", "file_name", "file_type", "storage_path", "file_size",
               "text_length", "parsed_text", "skills", "roles", "entities", "profile", "sections"}
CLIENT_UPLOAD_KEYS = {"document_id", "message", "file_name", "file_size", "parsed_text", "skills",
                      "roles"}
PARSED_KEYS = {"file_type", "text", "skills", "roles", "entities", "profile", "sections"}
PROFILE_KEYS = {"basics", "work", "education", "skills", "projects", "certificates", "languages",
                "awards", "experience_months", "evidence"}
SECTION_NAMES = {"contact", "summary", "experience", "education", "skills", "projects",
                 "certifications", "languages", "awards", "other"}
JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "md": "text/markdown",
}

UPLOADED = "Document uploaded and parsed successfully"
NOT_FOUND = {"detail": "Document not found", "code": "not_found"}
TOO_SHORT = "Failed to extract text from document or content is too short"

RESUME_LINES = [
    "Jane Doe",
    "Senior Backend Engineer",
    "jane.doe@example.com | +49 30 1234567 | Berlin, Germany",
    "",
    "Summary",
    "Backend engineer with seven years of experience building reliable APIs in Python and Go.",
    "",
    "Experience",
    "Senior Backend Engineer, Northwind Analytics",
    "Mar 2021 - Present",
    "- Cut p99 latency of the billing API from 900 ms to 120 ms",
    "- Moved the platform to Kubernetes and Docker with Terraform",
    "Software Engineer, Contoso Payments",
    "Jan 2017 - Feb 2021",
    "- Built the fraud scoring service in Python and PostgreSQL",
    "",
    "Education",
    "TU Berlin, BSc Computer Science, 2012 - 2016",
    "",
    "Skills",
    "Python, FastAPI, PostgreSQL, Docker, Kubernetes, AWS",
]
RESUME_TEXT = "\n".join(RESUME_LINES) + "\n"


def resume_txt() -> bytes:
    return RESUME_TEXT.encode("utf-8")


def resume_md() -> bytes:
    md = RESUME_TEXT.replace("Summary\n", "## Summary\n").replace("Experience\n", "## Experience\n")
    md = md.replace("Education\n", "## Education\n").replace("Skills\n", "## Skills\n")
    return ("# " + md).encode("utf-8")


# ---- DOCX --------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = XML_DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = XML_DECL + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraph(text: str, style: Optional[str] = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{_xml_escape(text)}</w:t></w:r></w:p>'


def _table(rows: List[List[str]]) -> str:
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>']
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            out.append(f"<w:tc>{_paragraph(cell)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml(body: str, prolog: str = "") -> str:
    return (XML_DECL + prolog + f'<w:document xmlns:w="{W_NS}"><w:body>{body}'
            '<w:sectPr/></w:body></w:document>')


def make_docx(document: str, extra: Optional[Dict[str, bytes]] = None,
              stored_extra: Optional[Dict[str, bytes]] = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        for name, data in (stored_extra or {}).items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def resume_docx() -> bytes:
    """A small DOCX résumé whose experience dates and skills sit in a table."""
    body = "".join([
        _paragraph("Jane Doe", "Title"),
        _paragraph("Senior Backend Engineer"),
        _paragraph("jane.doe@example.com | +49 30 1234567 | Berlin, Germany"),
        _paragraph("Summary", "Heading1"),
        _paragraph("Backend engineer with seven years of experience building reliable APIs in "
                   "Python and Go."),
        _paragraph("Experience", "Heading1"),
        _table([["Senior Backend Engineer, Northwind Analytics", "Mar 2021 - Present"],
                ["Software Engineer, Contoso Payments", "Jan 2017 - Feb 2021"]]),
        _paragraph("Cut p99 latency of the billing API from 900 ms to 120 ms"),
        _paragraph("Education", "Heading1"),
        _paragraph("TU Berlin, BSc Computer Science, 2012 - 2016"),
        _paragraph("Skills", "Heading1"),
        _table([["Languages", "Python, Go, SQL"], ["Platforms", "Docker, Kubernetes, AWS"]]),
    ])
    return make_docx(document_xml(body))


def padded_docx(size: int) -> bytes:
    """The DOCX résumé grown to exactly `size` bytes with a stored (uncompressed) entry that no
    reader looks at: a real file right at an upload limit."""
    document = document_xml("".join(_paragraph(line) for line in RESUME_LINES))
    base = len(make_docx(document, stored_extra={"customXml/pad.bin": b""}))
    assert size >= base, (size, base)
    data = make_docx(document, stored_extra={"customXml/pad.bin": b"\0" * (size - base)})
    assert len(data) == size, (len(data), size)
    return data


def zip_bomb_docx() -> bytes:
    """40 MiB of one repeated byte deflated to a few dozen KiB: ratio far beyond 100:1."""
    return make_docx(document_xml(_paragraph("x")),
                     extra={"word/media/bomb.xml": b"<a>" + b" " * (40 << 20) + b"</a>"})


def xxe_docx() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return make_docx(document_xml(_paragraph("&xxe; " + "padding " * 20), prolog))


def corrupt_docx() -> bytes:
    """A real DOCX cut in half: the zip magic is there, the central directory is not."""
    data = resume_docx()
    return data[: len(data) // 2]


# ---- PDF -----------------------------------------------------------------------------------------

def _cairo_pdf(draw_page: Callable[[object, int], None], pages: int = 1) -> bytes:
    import cairo  # python3-cairo (Debian); only the PDF helpers need it

    buffer = io.BytesIO()
    surface = cairo.PDFSurface(buffer, 595, 842)
    ctx = cairo.Context(surface)
    ctx.select_font_face("DejaVu Sans", cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
    for number in range(pages):
        draw_page(ctx, number)
        ctx.show_page()
    surface.finish()
    return buffer.getvalue()


def _draw_lines(ctx, lines: List[str], x: float, y: float, size: float = 10.5) -> None:
    ctx.set_font_size(size)
    for line in lines:
        ctx.move_to(x, y)
        ctx.show_text(line)
        y += size * 1.4


def generated_pdf_one_column() -> bytes:
    return _cairo_pdf(lambda ctx, _: _draw_lines(ctx, RESUME_LINES, 56, 70))


def generated_pdf_two_columns() -> bytes:
    def draw(ctx, _: int) -> None:
        _draw_lines(ctx, RESUME_LINES[:3], 56, 60, 12)
        sidebar = ["Skills", "Python, FastAPI", "PostgreSQL, Docker", "Kubernetes, AWS", "",
                   "Education", "TU Berlin", "BSc Computer Science", "2012 - 2016"]
        _draw_lines(ctx, sidebar, 24, 160, 9.5)
        _draw_lines(ctx, RESUME_LINES[4:15], 224, 160, 9.5)

    return _cairo_pdf(draw)


def fixture_or(name: str, make: Callable[[], bytes]) -> bytes:
    path = FIXTURES / name
    return path.read_bytes() if path.exists() else make()


def resume_pdf_one_column() -> bytes:
    return fixture_or("resume_1col.pdf", generated_pdf_one_column)


def resume_pdf_two_columns() -> bytes:
    return fixture_or("resume_2col.pdf", generated_pdf_two_columns)


def pdf_pages(count: int) -> bytes:
    def draw(ctx, number: int) -> None:
        line = f"Page {number + 1} of a very long résumé: Python, Docker, AWS"
        _draw_lines(ctx, [line], 56, 70)

    return _cairo_pdf(draw, pages=count)


def corrupt_pdf() -> bytes:
    """The PDF magic, then no objects, no xref and no trailer that a reader could rebuild."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"this is not a PDF body\n" * 40 + b"%%EOF\n"


def encrypted_pdf() -> Optional[bytes]:
    """A PDF that needs a user password (tests/fixtures/text, made by make_text_fixtures.py)."""
    path = FIXTURES / "encrypted_user_password.pdf"
    return path.read_bytes() if path.exists() else None


# ---- the upload table (api-v2.md section 3) --------------------------------------------------

def latin1_txt() -> bytes:
    return "Jürgen Müller, Straße 5, Köln. ".encode("latin-1") * 4


# (test id, file name, content factory, status, detail) for every row of the table that can be
# built here, top to bottom. Factories run when a test needs them, not at collection.
BAD_UPLOADS: List[Tuple[str, str, Callable[[], Optional[bytes]], int, str]] = [
    ("legacy-doc", "resume.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
     415, "Legacy .doc is not supported; save as .docx or PDF"),
    ("exe", "resume.exe", lambda: b"MZ\x90\0" + b"\0" * 200, 400,
     "Only PDF, DOCX and TXT files are supported"),
    ("no-extension", "resume", resume_txt, 400, "Only PDF, DOCX and TXT files are supported"),
    ("empty", "resume.txt", lambda: b"", 400, "Uploaded file is empty"),
    ("pdf-named-docx", "resume.docx", resume_pdf_one_column, 400,
     "File content does not match its extension"),
    ("text-named-pdf", "resume.pdf", resume_txt, 400, "File content does not match its extension"),
    ("encrypted-pdf", "resume.pdf", encrypted_pdf, 400,
     "PDF is encrypted; upload an unprotected copy"),
    ("corrupt-pdf", "resume.pdf", corrupt_pdf, 400,
     "PDF could not be read; the file is corrupt or not a PDF"),
    ("corrupt-docx", "resume.docx", corrupt_docx, 400,
     "DOCX could not be read; the file is corrupt or not a DOCX document"),
    ("zip-bomb", "resume.docx", zip_bomb_docx, 400, "DOCX exceeds safe decompression limits"),
    ("xxe", "resume.docx", xxe_docx, 400, "DOCX contains a forbidden XML construct"),
    ("latin1-txt", "resume.txt", latin1_txt, 400, "Text file is not valid UTF-8"),
    ("51-pages", "resume.pdf", lambda: pdf_pages(51), 400, "PDF has more than 50 pages"),
    ("12-byte-txt", "resume.txt", lambda: b"Hello World!", 400, TOO_SHORT),
    ("blank-md", "notes.md", lambda: b" \n\t\n" * 40 + b"short", 400, TOO_SHORT),
]


def assert_no_nulls(value, path: str = "") -> None:
    """JSON Resume validates no null anywhere."""
    assert value is not None, f"null at {path or '/'}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert_no_nulls(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_nulls(item, f"{path}/{index}")
