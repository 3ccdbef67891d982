"""Reading reports in every encoding the agency's files come in, and cleaning PDF text."""

from __future__ import annotations

import pytest

from extract.clean import clean
from extract.read import ReadError, read_document
from tests.pdf_fixture import write_pdf

SAMPLE = "內政部移民署 106 年度施政績效報告\n\n我國於 106 年 3月 17 日與帛琉共和國簽署合作\n\n瞭解備忘錄。\n"


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp950", b""), ("big5", b""), ("utf-16", b"")],
)
def test_text_in_any_of_the_agencys_encodings_reads_the_same(tmp_path, encoding, bom):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(bom + SAMPLE.encode(encoding))
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert doc.name == path.name


def test_a_whole_report_in_big5_reads_the_same(reports, tmp_path):
    original = (reports / "004_764bd6a883dd8fa5.txt").read_text(encoding="utf-8")
    path = tmp_path / "004.txt"
    path.write_bytes(original.encode("cp950", errors="strict"))
    assert read_document(path).text == original


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pag", "PDF"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "bad.pdf" if content.startswith(b"%PDF") else tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)


def test_a_truncated_pdf_is_refused(tmp_path):
    good = write_pdf(SAMPLE, tmp_path / "good.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    with pytest.raises(ReadError, match="PDF"):
        read_document(cut)


def test_pdf_text_layer_is_read(tmp_path):
    doc = read_document(write_pdf(SAMPLE, tmp_path / "r.pdf"))
    assert "帛琉共和國" in doc.text and doc.media_type == "application/pdf"


def test_cleaning_joins_lines_broken_mid_word():
    raw = "103 年美國、索羅門群島、貝里斯、聖克里斯多福及尼\n\n維斯與日本、\n 104 年瓜地馬拉"
    assert clean(raw).text == "103 年美國、索羅門群島、貝里斯、聖克里斯多福及尼維斯與日本、104 年瓜地馬拉"


def test_cleaning_keeps_list_items_and_sentence_ends_apart():
    raw = "（一）目標值：獲得第一級。\n（二）達成情形：\n1.安置保護\n被害人"
    assert clean(raw).text == "（一）目標值：獲得第一級。\n（二）達成情形：\n1.安置保護被害人"


def test_cleaning_drops_page_numbers_and_running_heads():
    page = "移民署年報\n第{n}頁的文字，\n接續第{n}頁\n {n} \n"
    raw = "".join(page.format(n=n) for n in range(1, 5))
    assert clean(raw).text == "".join(f"第{n}頁的文字，接續第{n}頁" for n in range(1, 5))


def test_every_clean_character_maps_back_to_the_same_raw_character(reports):
    raw = (reports / "002_f489dd2fd4beed60.txt").read_text(encoding="utf-8")
    cleaned = clean(raw)
    for i, ch in enumerate(cleaned.text):
        if ch not in "\n ":
            assert raw[cleaned.origin[i]] == ch
    start = cleaned.text.index("至 106 年底止，共有 19 國")
    raw_start, raw_end = cleaned.raw_span(start, start + len("至 106 年底止，共有 19 國"))
    assert "".join(raw[raw_start:raw_end].split()) == "至106年底止，共有19國"
