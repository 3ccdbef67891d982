"""Write a report's text as a real PDF (text layer, CJK CID font), the way the agency publishes it."""

from __future__ import annotations

from pathlib import Path


def write_pdf(text: str, path: Path, lines_per_page: int = 45) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    lines = [line for line in text.splitlines() if line.strip()]
    c = canvas.Canvas(str(path))
    for page, start in enumerate(range(0, len(lines), lines_per_page), 1):
        c.setFont("MSung-Light", 10)
        y = 800
        for line in lines[start : start + lines_per_page]:
            c.drawString(40, y, line)
            y -= 16
        c.drawString(290, 30, str(page))  # a page number, as real reports have
        c.showPage()
    c.save()
    return path
