"""File → `Doc`: decoded text, metadata, title, sections and sentences, all as spans.

Every position is a Unicode code-point offset into `Doc.text`, the file's text exactly as
decoded (line endings untouched), so a span can always be checked against the source.
"""
from __future__ import annotations

import bisect
import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from html.parser import HTMLParser
from pathlib import Path

from .errors import UserError
from .files import HTML_SUFFIXES
from .model import Fact, Figure, Identity, Mention, Mentions, Span, sentence_at
from .normalize import chinese_to_int
from .resources import lexicon

ENCODINGS = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
DOC_NUMBER = re.compile(  # X发〔2021〕15号, also in 【】 [] () and with one bracket missing: X办〔20218号, X发2021〕8号
    r"(?=[\u4e00-\u9fff]{1,10}[〔\[(【12])"  # first, the quick test that a bracket or a year follows (half the time)
    r"[\u4e00-\u9fff]{1,10}(?:[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,5}\s*号"
    r"|[〔\[【]\s*(?:19|20)\d{2}\d{1,5}\s*号(?![)\]〕】])|(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,5}\s*号)"
)
# A pattern that can only begin with a few characters tests that first ("(?=[…])"): the engine
# then skips every other position at once instead of trying the whole pattern there.
DATE = re.compile(
    r"(?=[12〇零一二三四五六七八九])"
    r"(?:(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<cy>[〇零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日)"
)
SENTENCE_END = re.compile(r"(?=[。!?.\n])(?:[。!?]+[”」』]?|(?<=[\u4e00-\u9fff”)])\.(?![\d.])|\n+)")


@dataclass(frozen=True)
class Section:
    """A numbered item (一是…, 一、…, (一)…, 1.…) or a 下一步 block, with its headline."""

    marker: Span
    headline: Span
    style: str  # "shi" (一是), "dun" (一、), "paren" ((一)), "arabic" (1.), "next" (下一步)
    planned: bool  # inside the 下一步 part of the document


@dataclass
class Doc:
    """One document. `source` is the text exactly as decoded; `text` is the same text with
    each character folded to its compatibility form where that is one character (：→:,
    （→(, ０→0, full-width space → space), so rules see one spelling and offsets stay the
    same. Rules and spans read `text`; provenance quotes `source`.

    The extraction components write what they find onto the Doc (`mentions`, `facts`,
    `figures`) and read what earlier components found from it; the reply component sets the
    document's own identity, issuer and date once for the others."""

    id: str
    path: Path | None
    source: str
    text: str = ""
    metadata: dict[str, Span] = field(default_factory=dict)
    mentions: Mentions = field(default_factory=Mentions, init=False, repr=False)
    facts: list[Fact] = field(default_factory=list, init=False, repr=False)
    figures: list[Figure] = field(default_factory=list, init=False, repr=False)
    identity: Identity | None = field(default=None, init=False, repr=False)  # set by the reply component

    def forget_findings(self) -> None:
        """Start extraction afresh."""
        self.mentions, self.facts, self.figures, self.identity = Mentions(), [], [], None

    def _identity(self) -> Identity:
        self.mentions.check_readable("Reply")
        if self.identity is None:
            raise RuntimeError("the document's identity is read before the reply component ran")
        return self.identity

    @property
    def reply(self) -> Mention:
        return self._identity().reply

    @property
    def issuer(self) -> Mention | None:
        return self._identity().issuer

    @property
    def date(self) -> str | None:
        """The date the document was signed or published (ISO), if it says."""
        return self._identity().date

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    @cached_property
    def sentences(self) -> list[Span]:
        return [self.span(start, end) for start, end in split_sentences(self.text)]

    def sentence_at(self, offset: int) -> Span:
        """The sentence that contains `offset` (the whole text where there are no sentences)."""
        return sentence_at(self.sentences, offset, len(self.text)) if self.sentences else self.span(0, len(self.text))

    @cached_property
    def lines(self) -> list[Span]:
        return [self.span(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", self.text)]

    @cached_property
    def title(self) -> Span | None:
        return find_title(self)

    @cached_property
    def document_number(self) -> Span | None:
        return find_document_number(self)

    @cached_property
    def sections(self) -> list[Section]:
        return find_sections(self)

    @cached_property
    def tokens(self) -> list[Span]:
        from .segment import tokenize

        return tokenize(self.text)

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]


# ---------------------------------------------------------------- reading files


def read(path: Path) -> Doc:
    """Read a .txt (UTF-8 or GB18030) or .html file; raise UserError on anything unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder; pass the documents inside it") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if LONE_SURROGATE.search(path.name):  # bytes the file system's encoding could not decode
        raise UserError(f"{path}: the file's name is not valid UTF-8; rename the file")
    text = decode(raw, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    if not text.strip():
        raise UserError(f"{path}: no text in it; pass a document of the genre")
    return from_text(text, doc_id=path.stem, path=path)


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows Notepad's "Unicode"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{path}: starts as UTF-16 but is not valid UTF-16; re-save it as UTF-8") from None
    if not raw.strip():
        raise UserError(f"{path}: the file is empty; pass a document with text")
    if b"\x00" in raw[:4096]:
        raise UserError(f"{path}: looks like a binary file, not text; pass a .txt or .html document")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"{path}: text is neither UTF-8 nor GB18030/GBK; re-save it as UTF-8")


def check_text(text: str) -> str:
    """Text given as a str (the Python API) must be whole Unicode: a lone surrogate has no UTF-8."""
    lone = LONE_SURROGATE.search(text)
    if lone:
        raise UserError(f"the text holds a lone surrogate (U+{ord(lone.group()):04X}) at offset {lone.start()}; "
                        "pass text decoded without errors='surrogateescape' or 'surrogatepass'")
    return text


def from_text(text: str, doc_id: str = "document", path: Path | None = None) -> Doc:
    doc = Doc(id=doc_id, path=path, source=check_text(text), text=fold(text))
    doc.metadata = parse_metadata(doc)
    return doc


def fold(text: str) -> str:
    """Full-width and compatibility characters → their plain form, one character for one."""
    return text.translate(_FOLDED)


class _Folded(dict):
    """code point → its folded character, worked out the first time a character is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _Folded()


@cache
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


class _TextOfHtml(HTMLParser):
    """Visible text of a saved web page: markup, scripts and page furniture dropped.

    Furniture is a skipped tag (nav, footer …) or an element whose class or id says so
    (div class="nav", id="footer", class="related-links"); everything inside it is dropped.
    """

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "head", "iframe", "button", "select", "form"}
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article"}
    VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
    FURNITURE = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|related|share|sidebar|copyright|toolbar|"
                           r"banner|topbar|bottom|print|close|login|search|xgwz|fenxiang|dqwz", re.I)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[bool] = []  # for each open element: is it furniture?
        self.furniture = 0  # how many of the open elements are furniture

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        if tag in self.VOID:
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        furniture = tag in self.SKIP or bool(names and self.FURNITURE.search(names))
        self.open.append(furniture)
        self.furniture += furniture

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag not in self.VOID and self.open:
            self.furniture -= self.open.pop()

    def handle_data(self, data):
        if not self.furniture:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------- structure


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        if text[start:end].strip():
            out.append(_stripped(text, start, end))
        start = m.end()
    if text[start:].strip():
        out.append(_stripped(text, start, len(text)))
    return out


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trimmed(doc: Doc, start: int, end: int) -> Span:
    return doc.span(*_stripped(doc.text, start, end))


def _label_pattern(label: str) -> str:
    return r"\s*".join(map(re.escape, label))


METADATA_BULLET = "•·●▪*-"


@cache
def _metadata_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A label and its colon; a spaced label; a label alone on its line (made once)."""
    fields = lexicon("metadata")["fields"]
    labels = "|".join(_label_pattern(k) for k in sorted(fields, key=len, reverse=True))
    initials = "(?=[" + "".join(sorted({re.escape(k[0]) for k in fields})) + "])"  # a quick test of the first character
    return (re.compile(rf"{initials}(?<![\u4e00-\u9fff])(?P<key>{labels})\s*[::]\s*"),
            re.compile(rf"{initials}(?:^|(?<=\s))(?P<key>{labels})(?=\s)"),  # 索引号 X 组配分类 Y 主题分类 Z
            re.compile(rf"\s*[{re.escape(METADATA_BULLET)}]?\s*(?P<key>{labels})\s*[|::]?\s*"))


def parse_metadata(doc: Doc) -> dict[str, Span]:
    """Metadata fields (索引号, 文号, 发布机构, dates, 签发人 …) as value spans.

    Handles table rows (`| 索引号 | … |`), `键:值` lines with spaced labels (`索 引 号:`)
    and full-width colons, several fields on one line (also without colons: `索引号 X 主题分类 Y`),
    and a label alone on its line (`• 发文字号|`, `时间:`) with the value on the next line.
    """
    fields: dict[str, str] = lexicon("metadata")["fields"]
    key_value, spaced_key, label_alone = _metadata_patterns()
    table_cell = re.compile(r"\|([^|\n]*)")
    found: dict[str, Span] = {}

    def keep(label: str, start: int, end: int) -> None:
        value = _trimmed(doc, start, end)
        name = fields[re.sub(r"\s", "", label)]
        if value.text and name not in found:
            found[name] = value

    lines = doc.lines
    for i, line in enumerate(lines):
        if line.text.lstrip().startswith("|"):
            cells = [(m.start(1) + line.start, m.end(1) + line.start) for m in table_cell.finditer(line.text)]
            for (ks, ke), (vs, ve) in itertools.pairwise(cells):
                label, value = (re.sub(r"\s", "", doc.text[a:b]) for a, b in ((ks, ke), (vs, ve)))
                if label in fields and value not in fields:
                    keep(label, vs, ve)
            continue
        alone = label_alone.fullmatch(line.text)
        if alone:
            following = lines[i + 1] if i + 1 < len(lines) else None
            if following and not label_alone.fullmatch(following.text) and not key_value.match(following.text.lstrip()):
                keep(alone.group("key"), following.start, following.end)
            continue
        matches = list(key_value.finditer(line.text))
        if not matches:
            matches = list(spaced_key.finditer(line.text))
            if len(matches) < 2 or line.text[: matches[0].start()].strip():
                continue
        for m, nxt in zip(matches, matches[1:] + [None]):
            end = nxt.start() if nxt else len(line.text)
            keep(m.group("key"), line.start + m.end(), line.start + end)
    return found


TITLE_ENDINGS = re.compile(  # …的答复, also as published in part: …的答复摘要
    r"(答复|复函|回复|的函|通知|意见|报告|决定|方案|办法|公告|通报|批复)(?:摘要)?([((][^))]*[))])?$")


REPORT_ENDINGS = re.compile(r"(总结|思路|工作计划|工作要点|规划|名单|情况报告|工作报告)$")
TITLE_START = re.compile(r"关于|^(?:(?:19|20)\d{2}年度?)?[^,,。]{0,20}?对")  # 关于…的答复, 对市人大…建议的答复


TITLE_PIECE = re.compile(r"[^。,,;;::!?|]{1,60}")  # one line of a title broken over lines
ISSUER_LINE = re.compile(r"[^。,,;;::!?|]{2,30}(局|厅|部|委|委员会|办公室|办公厅|政府|中心|管委会)")


def _is_title(text: str) -> bool:
    return len(text) <= 100 and bool(TITLE_START.search(text) and TITLE_ENDINGS.search(text)) \
        and not re.search(r"[。,,::]$", text)


def _head_lines(doc: Doc) -> list[Span]:
    """The lines above the body (a page header of up to a dozen lines): up to the first sentence."""
    head = []
    for line in doc.lines[:12]:
        if re.search(r"。\s*$|收悉", line.text):
            break
        head.append(line)
    return head


def find_title(doc: Doc) -> Span | None:
    """The document's title: the 标题 field, else an early line that reads like one, else one
    broken over a few lines (重庆市…局 / 关于…建议办理 / 情况的答复函)."""
    if "title" in doc.metadata:
        return doc.metadata["title"]
    head = _head_lines(doc)
    for line in head:
        if _is_title(line.text.strip()):
            return _trimmed(doc, line.start, line.end)
    lines = head[:8]
    for i, first in enumerate(lines):
        opening = first.text.strip()
        if not (opening.startswith(("关于", "对")) or ISSUER_LINE.fullmatch(opening)) or DOC_NUMBER.search(opening):
            continue
        joined = ""
        for last in lines[i : i + 4]:
            piece = last.text.strip()
            if not TITLE_PIECE.fullmatch(piece) or DATE.search(piece) or DOC_NUMBER.search(piece):
                break
            joined += piece
            if last is not first and _is_title(joined):
                return _trimmed(doc, first.start, last.end)
    for line in doc.lines[:4]:  # …2024年职业技能培训工作总结和2025年工作思路: a report's own name
        text = line.text.strip()
        if len(text) <= 60 and REPORT_ENDINGS.search(text) and not re.search(r"[。,;:|]", text):
            return _trimmed(doc, line.start, line.end)
    return None


def one_line(text: str) -> str:
    """A name printed over several lines, as one line."""
    return "".join(part.strip() for part in text.splitlines())


TITLE_NUMBER = re.compile(rf"[((](?P<number>{DOC_NUMBER.pattern})[^()()]{{0,6}}[))]$")


def find_document_number(doc: Doc) -> Span | None:
    """The document's own 文号: the 文号 field, else a line at the top that is only a 文号."""
    if "documentNumber" in doc.metadata:
        m = DOC_NUMBER.search(doc.metadata["documentNumber"].text)
        if m:
            return doc.span(doc.metadata["documentNumber"].start + m.start(), doc.metadata["documentNumber"].start + m.end())
    for line in doc.lines[:8]:  # under a title, a 发布时间 line, a metadata block
        m = DOC_NUMBER.fullmatch(line.text.strip())
        if m:
            return _trimmed(doc, line.start, line.end)
    title = doc.title
    in_title = TITLE_NUMBER.search(title.text) if title else None
    if title and in_title:  # 对…第207号提案的答复(岳财字〔2020〕74号B类)
        return doc.span(title.start + in_title.start("number"), title.start + in_title.end("number"))
    return None


CN_ORDINAL = "[一二三四五六七八九十]{1,3}"
SECTION_MARKERS = [
    ("shi", re.compile(rf"(?=[ \t一二三四五六七八九十])(?:^|(?<=[。;:!\n]))[ \t]*({CN_ORDINAL}是)", re.M)),
    ("dun", re.compile(rf"^[ \t]*({CN_ORDINAL}、)", re.M)),
    ("paren", re.compile(rf"(?=[ \t(])(?:^|(?<=[。;:]))[ \t]*(\({CN_ORDINAL}\))", re.M)),
    ("arabic", re.compile(r"^[ \t\u3000]*(\d{1,2}[.、．](?!\d))", re.M)),
]
NEXT_STEP = re.compile(r"(?=[ \t\u3000下])(?:^|(?<=[。\n]))[ \t\u3000]*(下一步)", re.M)
MAX_HEADLINE = 300  # the longest in the documents here is 201 characters
HEADLINE_END = re.compile(r"[。;!\n]|(?<=[\u4e00-\u9fff])\.(?![\d.])")


def find_sections(doc: Doc) -> list[Section]:
    """Numbered items and 下一步 blocks, in text order, each with its headline."""
    markers = [(m, style) for style, pattern in SECTION_MARKERS for m in pattern.finditer(doc.text)]
    markers += [(m, "next") for m in NEXT_STEP.finditer(doc.text)]
    markers.sort(key=lambda found: found[0].start(1))
    found = []
    starts = [m.start(1) for m, _ in markers]
    for m, style in markers:
        following = bisect.bisect_left(starts, m.end(1))  # the next marker that begins after this one
        headline = _headline(doc, m.end(1), starts[following] if following < len(starts) else len(doc.text))
        if headline.text or style == "next":
            found.append((doc.span(m.start(1), m.end(1)), headline, style))
    # Everything from the first 下一步 (a paragraph or a heading such as 二、下一步工作打算) is planned.
    next_start = min((m.start for m, h, style in found if style == "next" or h.text.startswith("下一步")),
                     default=len(doc.text))
    return [Section(m, h, style, m.start >= next_start) for m, h, style in found]


def _headline(doc: Doc, start: int, next_marker: int) -> Span:
    """From a marker to the end of its sentence, the next marker or MAX_HEADLINE characters on."""
    limit = min(next_marker, start + MAX_HEADLINE)
    stop = HEADLINE_END.search(doc.text, start, limit)
    return _trimmed(doc, start, stop.start() if stop else limit)


def parse_date(text: str) -> str | None:
    """'2025年5月22日' / '2023-07-06' / '二〇二〇年六月十八日' → '2025-05-22'."""
    m = DATE.search(text)
    if not m:
        return None
    if m.group("y"):
        year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        year = int("".join(str(chinese_to_int(ch)) for ch in m.group("cy")))
        month, day = chinese_to_int(m.group("cm")), chinese_to_int(m.group("cd"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
