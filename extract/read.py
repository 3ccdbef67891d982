"""Read a report file into text: `.txt` in any encoding the agency's files come in, or `.pdf`.

Text files arrive as UTF-8 (with or without BOM), Big5/CP950 from older Windows
tools, or UTF-16 from Office exports. The encoding is detected by
charset-normalizer rather than guessed by hand; PDFs are read through pypdf's
text layer. Anything that cannot yield text raises :class:`ReadError` with a
reason a person can act on.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".pdf")
_CJK = re.compile(r"[\u3400-\u9fff]")


class ReadError(Exception):
    """A file that cannot be turned into report text; ``str()`` is the reason."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self):  # survive the trip back from a worker process
        return (ReadError, (self.path, self.reason))


@dataclass(frozen=True)
class SourceDocument:
    """The text of one report and where it came from."""

    name: str  # the file's name: what `doc` columns and evidence cite
    path: str
    text: str
    sha256: str  # of the file's bytes: unchanged bytes mean an unchanged graph
    encoding: str
    media_type: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path | str) -> SourceDocument:
    """Read one `.txt` or `.pdf` file; raises :class:`ReadError` if it holds no usable text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ReadError(path, "empty file")
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        text, encoding, media = _pdf_text(path, data), "pdf", "application/pdf"
    else:
        text, encoding = decode_text(path, data)
        media = "text/plain"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "no text in file")
    return SourceDocument(path.name, str(path), text, sha256_bytes(data), encoding, media)


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode report bytes; BOMs first, then strict UTF-8, then detection."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    logging.getLogger("charset_normalizer").setLevel(logging.ERROR)
    # Chinese government files: prefer the encodings they actually use when the
    # detector finds several plausible ones.
    results = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be", "cp950", "big5", "big5hkscs", "gb18030", "utf_8"])
    best = results.best()
    if best is None:
        results = from_bytes(data)
        best = results.best()
    if best is None:
        raise ReadError(path, "binary file, not text (no text encoding fits its bytes)")
    text = str(best)
    if "\x00" in text or not _CJK.search(text) and _control_ratio(text) > 0.05:
        raise ReadError(path, "binary file, not text (no text encoding fits its bytes)")
    encoding = best.encoding
    if encoding in {"big5", "big5hkscs"}:
        try:  # CP950 is Big5 plus the characters Windows added; read it as such when it fits.
            text, encoding = data.decode("cp950"), "cp950"
        except UnicodeDecodeError:
            pass
    return text, encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 1.0
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / len(text)


def _pdf_text(path: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError) as exc:
        raise ReadError(path, f"damaged or truncated PDF ({exc})") from exc
    if not pages:
        raise ReadError(path, "damaged or truncated PDF (no pages)")
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (a scan?); run OCR first")
    return text


def iter_inputs(paths: list[Path | str]) -> tuple[list[Path], list[ReadError]]:
    """Expand files and folders into report files, in a stable order."""
    files: list[Path] = []
    errors: list[ReadError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            errors.append(ReadError(p, "no such file or folder"))
    return files, errors
