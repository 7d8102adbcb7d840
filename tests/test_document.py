"""Reading files: encodings, HTML, metadata, title, sections, sentences, offsets."""
from pathlib import Path

import pytest

from skillgraph.document import from_text, html_to_text, parse_date, read
from skillgraph.errors import UserError

SEED_HEAD = (
    "| 索引号 | 11610400687993722F/2025-00177 | 主题分类 | 劳动就业 |\n"
    "| 文号 | 咸人社函〔2025〕140号 | 发布机构 | 市人社局 |\n"
    "| 公开日期 | 有效性 | ||\n"
    "签发人:李卫东\n"
    "张卫婷委员:\n"
)


def test_metadata_table_rows_and_key_value_lines():
    doc = from_text(SEED_HEAD)
    fields = {k: v.text for k, v in doc.metadata.items()}
    assert fields["indexNumber"] == "11610400687993722F/2025-00177"
    assert fields["subjectCategory"] == "劳动就业"
    assert fields["documentNumber"] == "咸人社函〔2025〕140号"
    assert fields["publisher"] == "市人社局"
    assert fields["signer"] == "李卫东"
    assert "datePublished" not in fields  # "| 公开日期 | 有效性 |": a label next to a label is no value


def test_spaced_labels_full_width_colons_and_several_fields_on_a_line():
    doc = from_text("索 引 号:370403/2025-01676\n文  号:\n来源: 发布时间:2019年08月28日 17:08\n")
    fields = {k: v.text for k, v in doc.metadata.items()}
    assert fields["indexNumber"] == "370403/2025-01676"
    assert "documentNumber" not in fields  # empty value
    assert fields["datePublished"] == "2019年08月28日 17:08"


def test_metadata_spans_point_into_the_text():
    doc = from_text(SEED_HEAD)
    for span in doc.metadata.values():
        assert doc.text[span.start : span.end] == span.text


def test_title_and_document_number():
    doc = from_text("巫溪县人力资源和社会保障局关于县政协十一届二次会议第95号提案的复函\n日期:2023-07-06\n")
    assert doc.title.text == "巫溪县人力资源和社会保障局关于县政协十一届二次会议第95号提案的复函"
    assert doc.document_number is None
    doc = from_text("人社建字〔2025〕141号\n您提出的关于多措并举助力零工市场有序发展的建议收悉。\n")
    assert doc.document_number.text == "人社建字〔2025〕141号"
    assert doc.title is None


def test_sections_numbered_and_planned():
    text = (
        "一是健全完善政策体系,搭建人才培育平台。按照要求。\n"
        "下一步,我们将从以下3个方面发力。\n"
        "一是全面促进高质量就业。聚焦需求。\n"
        "(一)加强顶层设计,不断完善职业培训政策制度体系。\n"
    )
    sections = from_text(text).sections
    assert [(s.style, s.headline.text, s.planned) for s in sections] == [
        ("shi", "健全完善政策体系,搭建人才培育平台", False),
        ("next", ",我们将从以下3个方面发力", True),
        ("shi", "全面促进高质量就业", True),
        ("paren", "加强顶层设计,不断完善职业培训政策制度体系", True),
    ]


def test_a_heading_that_starts_with_next_step_makes_what_follows_planned():
    doc = from_text("一、我区公共实训基地基本情况\n正文。\n二、下一步工作打算\n继续扶持。\n")
    assert [(s.headline.text, s.planned) for s in doc.sections] == [
        ("我区公共实训基地基本情况", False), ("下一步工作打算", True)]


def test_sentences_keep_offsets_and_line_endings_untouched():
    text = "第一句。第二句!\r\n第三句"
    doc = from_text(text)
    assert [s.text for s in doc.sentences] == ["第一句。", "第二句!", "第三句"]
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk"])
def test_reads_utf8_and_gb_encodings(tmp_path: Path, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes("咸阳市人力资源和社会保障局\n2025年5月22日\n".encode(encoding))
    assert read(path).text.startswith("咸阳市人力资源和社会保障局")


def test_html_page_markup_and_navigation_dropped(tmp_path: Path):
    page = (
        "<html><head><title>t</title><script>var x='《不要》';</script><style>p{}</style></head>"
        "<body><nav>首页 | 政务公开</nav><div class='content'><p>张卫婷委员:</p>"
        "<p>您提出的《关于大力发展职业教育的建议》收悉。&nbsp;现答复如下:</p></div>"
        "<footer>版权所有</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read(path).text
    assert "张卫婷委员:" in text and "《关于大力发展职业教育的建议》" in text
    assert "首页" not in text and "版权所有" not in text and "var x" not in text and "<p>" not in text


def test_html_to_text_keeps_paragraphs_apart():
    assert html_to_text("<p>一</p><p>二</p>") == "一\n二\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("咸阳".encode("utf-16-le") + b"\xff\xfe\xd8\x00", "binary"),
    ],
)
def test_unusable_files_raise_a_clear_user_error(tmp_path: Path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read(path)


def test_undecodable_text_names_the_encodings(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"\x81\x30\xff\xfe caf\xe9")
    with pytest.raises(UserError, match="neither UTF-8 nor GB18030"):
        read(path)


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(UserError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(UserError, match="is a folder"):
        read(tmp_path)


def test_parse_date_forms():
    assert parse_date("2025年5月22日") == "2025-05-22"
    assert parse_date("2023-07-06") == "2023-07-06"
    assert parse_date("2019年08月28日 17:08") == "2019-08-28"
    assert parse_date("2025年13月1日") is None
