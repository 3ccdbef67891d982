"""Undo what PDF extraction does to report text, keeping a map back to the original.

PDF text breaks lines mid-word (`聖克里斯多福及尼` / `維斯`), leaves blank lines
between them, mixes page numbers and running heads into the flow and indents
continuation lines. Cleaning joins a line to the one before unless the new one
starts a list item or the old one ended a sentence, drops page numbers and
running heads, and records for every character of the clean text the offset of
the character it came from, so evidence always cites the original file.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from dataclasses import dataclass

from extract.normalize.text import fold

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:第\s*)?\d{1,4}(?:\s*頁)?(?:\s*[-–—])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")
# A line that opens a list item or heading: 一、 (一) 1. (1) １、 A. a. 壹、 第一章
_ITEM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[壹貳參肆伍陸柒捌玖拾]+、|[(][一二三四五六七八九十]+[)]"
    r"|\d{1,2}[、.](?!\d)|[(]\d{1,2}[)]|[A-Za-z][.、](?![A-Za-z])|第[一二三四五六七八九十]+[章節篇]|[★●◎■□▲※])"
)
_SENTENCE_END = re.compile(r"[。！？；：!?;:]\s*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class CleanText:
    """Clean text plus, for each of its characters, the offset in the raw text."""

    text: str
    origin: array  # array('l'): origin[i] is the raw offset of text[i]
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span that clean span ``[start, end)`` came from."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else self.raw_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def _lines(raw: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in raw.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _running_heads(lines: list[tuple[int, str]], page_lines: set[int]) -> set[str]:
    """Short lines that keep recurring next to page numbers: headers and footers."""
    near: Counter[str] = Counter()
    content = [i for i, (_, line) in enumerate(lines) if line.strip()]
    for k, i in enumerate(content):
        if i in page_lines:
            for j in content[max(0, k - 2) : k] + content[k + 1 : k + 3]:
                if j not in page_lines:
                    text = lines[j][1].strip()
                    if len(text) <= 40:
                        near[text] += 1
    return {text for text, n in near.items() if n >= 3}


def clean(raw: str) -> CleanText:
    """Join broken lines and drop page furniture; see the module docstring."""
    lines = _lines(raw.replace("\f", "\n"))
    page_lines = {i for i, (_, line) in enumerate(lines) if line.strip() and _PAGE_NUMBER.match(line)}
    heads = _running_heads(lines, page_lines)

    out: list[str] = []
    origin = array("l")
    prev_last = ""  # last character kept so far
    for i, (offset, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or i in page_lines or stripped in heads:
            continue
        lead = len(line) - len(line.lstrip())
        if out:
            folded = fold(stripped)
            sep_at = offset - 1  # the newline that ended the previous line
            if _ITEM_START.match(folded) or _SENTENCE_END.search(fold(prev_last)):
                out.append("\n")
                origin.append(sep_at)
            elif _ASCII_WORD.match(fold(prev_last)) and _ASCII_WORD.match(folded[0]):
                out.append(" ")
                origin.append(sep_at)
        out.append(stripped)
        origin.extend(range(offset + lead, offset + lead + len(stripped)))
        prev_last = stripped[-1]
    return CleanText("".join(out), origin, len(raw))
