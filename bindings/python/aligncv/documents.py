"""Résumé documents: parsing without an engine, and the original file of a stored document.

::

    import aligncv

    parsed = aligncv.parse_file("jane_doe_resume.pdf")
    print(parsed["profile"]["basics"]["name"], parsed["skills"])

:func:`parse_file` and :func:`parse_bytes` need no data folder or database: they run the same
extraction and parser as an upload (api-v2.md section 3) and store nothing. The GIL is released
while the engine works.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Union

from aligncv import _aligncv

__all__ = ["DocumentFile", "BytesLike", "parse_bytes", "parse_file"]

#: What the document functions accept as file content: read in place, without a copy.
BytesLike = Union[bytes, bytearray, memoryview]


@dataclass(frozen=True)
class DocumentFile:
    """The original file of a stored document (:meth:`aligncv.Engine.document_file`).

    Attributes:
        data: the bytes exactly as uploaded.
        mime_type: the stored type: ``application/pdf``,
            ``application/vnd.openxmlformats-officedocument.wordprocessingml.document``,
            ``text/plain`` or ``text/markdown``.
        file_name: the display name given at upload (no directory part).
    """

    data: bytes
    mime_type: str
    file_name: str

    def __repr__(self) -> str:  # the bytes would flood a console
        return (f"DocumentFile(file_name={self.file_name!r}, mime_type={self.mime_type!r}, "
                f"size={len(self.data)})")


def parse_bytes(data: BytesLike, filename: str) -> Dict[str, Any]:
    """Extracts and parses a résumé held in memory.

    Args:
        data: the file's content (``bytes``, ``bytearray`` or a contiguous ``memoryview``).
        filename: its name; only the extension is used, and it must agree with the content
            (``.pdf``, ``.docx``, ``.txt``, ``.md`` or ``.markdown``).

    Returns:
        ``{"file_type", "text", "skills", "roles", "entities", "profile", "sections"}`` with the
        field names of the HTTP API's document detail.

    Raises:
        InvalidArgumentError: the messages of the upload table in api-v2.md section 3 (an
            unknown extension, an empty file, content that does not match the extension, an
            encrypted or corrupt PDF, a corrupt DOCX, a zip bomb, non-UTF-8 text, too many
            pages, too slow).
        UnsupportedMediaTypeError: a legacy ``.doc`` file.
        TypeError: ``data`` is not bytes-like (a ``str`` must be encoded first).
    """
    if not isinstance(filename, str):
        raise TypeError(f"filename must be a str, not {type(filename).__name__}")
    return _aligncv.parse_bytes(data, filename)


def parse_file(path: Union[str, "os.PathLike[str]"]) -> Dict[str, Any]:
    """Reads a file and parses it like :func:`parse_bytes`, using the file's own name.

    Raises:
        OSError: the file cannot be read (e.g. ``FileNotFoundError``).
        InvalidArgumentError, UnsupportedMediaTypeError: as for :func:`parse_bytes`.
    """
    path = os.fspath(path)
    if not isinstance(path, str):
        raise TypeError("path must be a str or an os.PathLike of str")
    with open(path, "rb") as file:
        data = file.read()
    return _aligncv.parse_bytes(data, os.path.basename(path))
