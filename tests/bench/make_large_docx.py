#!/usr/bin/env python3
"""Writes a DOCX of just under 5 MiB (the largest upload) of dense text, for upload_rss.sh.

    tests/bench/make_large_docx.py SHAPE OUT.docx [--words N] [--kib K]

SHAPE says how the body holds its ~120,000 short paragraphs (about 19 MB of document.xml):
  paragraphs  each a child of the body
  table       one table of two-cell rows, a paragraph per cell
  control     one content control (w:sdt) around all of them
  nested      one content control around one table
  paragraph   one paragraph of that many runs (a single line of text)
  textbox     one paragraph anchoring a text box that holds all of them
The words are drawn from a seeded vocabulary of N made-up words (6000 by default), so the file
is the same on every run and compresses about as well as real text (document.xml is about four
times the zip); a small vocabulary (--words 40) compresses ten times, to a document.xml near the
50 MiB limit. --kib K makes the zip about K KiB instead.
"""
import argparse
import io
import random
import sys
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = XML + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = XML + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
# Each shape: (opening, closing, one item holding `text`).
SHAPES = {
    "paragraphs": ("", "", lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'),
    "table": ("<w:tbl><w:tblPr/>", "</w:tbl>",
              lambda t: "<w:tr>" + "".join(
                  f'<w:tc><w:p><w:r><w:t xml:space="preserve">{half}</w:t></w:r></w:p></w:tc>'
                  for half in (t[: len(t) // 2], t[len(t) // 2:])) + "</w:tr>"),
    "control": ('<w:sdt><w:sdtPr><w:alias w:val="Resume"/></w:sdtPr><w:sdtContent>',
                "</w:sdtContent></w:sdt>",
                lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'),
    "nested": ('<w:sdt><w:sdtPr/><w:sdtContent><w:tbl>', "</w:tbl></w:sdtContent></w:sdt>",
               lambda t: f'<w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r>'
                         '</w:p></w:tc></w:tr>'),
    "paragraph": ("<w:p>", "</w:p>", lambda t: f'<w:r><w:t xml:space="preserve">{t} </w:t></w:r>'),
    "textbox": ('<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>'
                '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
                "<wps:wsp><wps:txbx><w:txbxContent>",
                "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
                "</w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>",
                lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'),
}
TARGET = 5 * 1024 * 1024 - 96 * 1024  # compressed bytes of document.xml: the zip stays < 5 MiB


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=SHAPES)
    parser.add_argument("out")
    parser.add_argument("--words", type=int, default=6000)
    parser.add_argument("--kib", type=int, default=TARGET // 1024)
    args = parser.parse_args()
    opening, closing, item = SHAPES[args.shape]
    target = args.kib * 1024
    rng = random.Random(5)
    letters = "etaoinshrdlucmfwypvbgkqjxz"
    weights = [12, 9, 8, 8, 7, 7, 6, 6, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    vocabulary = ["".join(rng.choices(letters, weights, k=rng.randint(2, 11))) for _ in range(args.words)]
    frequency = [1 / rank for rank in range(1, len(vocabulary) + 1)]  # Zipf, as in real text

    head = XML + f"<w:document {NS}><w:body>{opening}"
    tail = f"{closing}<w:sectPr/></w:body></w:document>"
    chunks, packer = [head], zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = len(packer.compress(head.encode()))
    while packed + 4096 < target:  # the packer's backlog is a few KiB at most
        block = "".join(item(" ".join(rng.choices(vocabulary, frequency, k=15))) for _ in range(200))
        chunks.append(block)
        packed += len(packer.compress(block.encode()))
    chunks.append(tail)
    document = "".join(chunks).encode()

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                           ("word/document.xml", document)):
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)
    with open(args.out, "wb") as f:
        f.write(out.getvalue())
    print(f"{args.out}: {len(out.getvalue()):,} bytes, document.xml {len(document):,} bytes")


if __name__ == "__main__":
    main()
