"""Policy documents: titles in 《》 (and 〈〉 inside them), and unbracketed 关于…的通知 after
印发/出台; who issued them, with whom, their 文号 and year."""
from __future__ import annotations

import bisect
import re

from ..document import DOC_NUMBER, Doc
from ..model import Fact, Mention
from .gazetteer import divisions_at
from .names import is_generic_department

TITLE = re.compile(r"《(?P<title>[^《》]{2,120})》")
INNER_TITLE = re.compile(r"〈(?P<title>[^〈〉]{2,80})〉")
ISSUE_VERB = re.compile(r"(?:联合|牵头)?(?:(?:印发|出台|制定|下发|发布)(?:实施)?|修订|颁布|公布实施|公布|起草|编制)[了的]?$")
DRAFTING_AFTER = re.compile(r"的?(?:编制|起草|修订|制定|编写)工作")  # 开展《…》编制工作: the subject drafts it
PLAIN_TITLE = re.compile(
    r"(?:印发|出台|下发|制定|发布)了?(?P<title>关于[^,,。;;《》“”]{2,50}?的(?:实施意见|指导意见|意见|通知|实施方案|方案|办法|决定|规定|细则))"
)
NAMED_PLAN = re.compile(  # 编制出台技工教育“十四五”发展规划, 印发“十四五”职业技能培训规划: a document without 《》
    r"(?=[编牵印出制下发])"  # a quick test of the first character: the engine skips the others at once
    r"(?:编制|牵头)?(?:印发|出台|制定|编制|下发|发布)(?:了|实施)?(?P<title>(?!相关|有关|配套|系列|一系列|各类|若干|如下|以下|本|此|该)"
    r"[^,,。;;:《》、的\s]{4,24}?(?:发展规划|培训规划|专项规划|实施方案|工作方案|行动方案|管理办法|实施办法|实施意见|指导意见))"
    r"(?=[,,。;;、]|$)"
)
STANDALONE_TITLE = re.compile(r"[^,。;:、《》\s|]{6,48}(?:实施意见|指导意见|实施方案|管理办法|实施细则|暂行办法|工作方案)(?:\([^)]{0,12}\))?")
ISSUE_TO_READERS = re.compile(r"[^。]{0,20}?印发给你们")  # 现将《…》印发给你们 / 《…》已经市政府同意,现印发给你们
ISSUER_PREFIX = re.compile(r"^(?P<issuer>.{2,20}?)关于")
YEAR_LEAD = re.compile(r"(?:^|(?<=[,,。;;\n]))\s*((?:19|20)\d{2})年(?:[一二三四五六七八九十\d]{1,2}月(?:份|[一二三四五六七八九十\d]{1,3}日)?)?[,,]")
NUMBER_AFTER = re.compile(r"\s*[((](?P<number>[^()(),,]{4,30}?)[)),,]")  # (X发〔2019〕4号) / (X〔2018〕285号,以下简称…)
PROPOSAL_LIKE = re.compile(r"(建议|提案|议案)$")
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")  # 2023年高质量推进…工作方案 (matched at the title's start)
UNNAMED_SUBJECT = re.compile(r"(?:办公室|领导小组|委员会|局|厅|委|办|部|中心|政府)$")  # a body the rules did not name
FOLLOWING = ("按照", "根据", "依据", "参照", "依照")  # 按照农业农村部…方案,起草印发了: no subject
JOINED = re.compile(r"^(?:[、和及与]|联合|会同|等[一二三四五六七八九十\d]*个?部门)?$")


LAW = re.compile(r"(?<!办)法$")
SHORT_NAME = 8  # 《指导意见》 after 《关于…的指导意见》: the same document, named short


def _titles(doc: Doc, occupied_by_proposal: set[tuple[int, int]]) -> list[Mention]:
    out = []
    endings: dict[str, str] = {}  # the last few characters of each full title → its key
    for m in TITLE.finditer(doc.text):
        span = doc.span(m.start("title"), m.end("title"))
        if (span.start, span.end) not in occupied_by_proposal and not PROPOSAL_LIKE.search(span.text):
            key = endings.get(span.text, span.text) if len(span.text) <= SHORT_NAME else span.text
            out.append(Mention("PolicyDocument", span.text, span, entity_key=key))
            for n in range(2, min(SHORT_NAME, len(span.text) - 1) + 1):
                endings.setdefault(span.text[-n:], key)
        for inner in INNER_TITLE.finditer(span.text):
            s = doc.span(span.start + inner.start("title"), span.start + inner.end("title"))
            out.append(Mention("PolicyDocument", s.text, s, entity_key=s.text))
    for line in doc.lines:  # a document's own title on a line of its own (the attachment of a notice)
        text = line.text.strip()
        if (STANDALONE_TITLE.fullmatch(text) and line != doc.title and doc.document_number != line
                and not any(m.span.start <= line.start < m.span.end for m in out)):
            start = line.start + line.text.index(text)
            out.append(Mention("PolicyDocument", text, doc.span(start, start + len(text)), entity_key=text))
    for pattern in (PLAIN_TITLE, NAMED_PLAN):
        for m in pattern.finditer(doc.text):
            span = doc.span(m.start("title"), m.end("title"))
            if len(span.text) >= 6 and not any(t.span.start <= span.start < t.span.end for t in out[-1:]):
                out.append(Mention("PolicyDocument", span.text, span, entity_key=span.text))
    return out


CLAUSE_REACH = 120  # how far before its verb an issuer is named
JOIN_REACH = 8  # the longest joint between two names of a chain: 等十二个部门


class Agencies:
    """The agencies of a document, indexed by where they start and end."""

    def __init__(self, agencies: list[Mention], selves: list[Mention]):
        self.all = sorted(agencies + selves, key=lambda a: (a.span.start, a.span.end))
        self.starts = [a.span.start for a in self.all]
        self.at = {(a.span.start, a.span.end): a for a in agencies}
        self.by_end = {a.span.end: a for a in agencies}

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        return [a for a in self.all[i : bisect.bisect_left(self.starts, end)] if a.span.end <= end]


def _clause_start(doc: Doc, offset: int) -> int:
    """Where the clause ending at `offset` begins: after a line break, a full stop, a semicolon or
    a title (省发展改革委…共同研究制定的《A》,下发《B》: the bodies before 《A》 did not issue B)."""
    low = max(0, offset - CLAUSE_REACH)
    return max([low] + [doc.text.rfind(ch, low, offset) + 1 for ch in "\n。;》"])


def issuers(doc: Doc, title: Mention, index: Agencies, verb_end: int | None) -> list[tuple[str, Mention]]:
    """(issuedBy | coIssuedWith, agency) for one title, from the words around it."""
    out: list[tuple[str, Mention]] = []
    prefix = ISSUER_PREFIX.match(title.span.text)
    named = _prefix_issuers(doc, index, title.span.start, title.span.start + prefix.end("issuer")) if prefix else []
    if named:  # 《市人民政府办公厅关于…》, 《湖南省财政厅 湖南省教育厅关于…》: the bodies before 关于
        out += [("issuedBy", named[0])] + [("coIssuedWith", a) for a in named[1:]]
    # 相继出台《国务院关于…》: a title that names its issuer is not the author's
    self_titled = bool(named) or (prefix is not None and UNNAMED_SUBJECT.search(prefix.group("issuer")) is not None)
    chain = _chain_ending_at(doc, index, title.span.start - 1)
    if chain:  # 中共中央办公厅、国务院办公厅《…》 / 人力资源社会保障部等七部门《…》
        return out + [("issuedBy", chain[0])] + [("coIssuedWith", a) for a in chain[1:]]
    if verb_end is not None:
        para = _clause_start(doc, verb_end)
        clause = [a for a in index.within(para, verb_end) if not _inside_title(doc, a)
                  and doc.text[max(0, a.span.start - 2) : a.span.start] not in FOLLOWING]
        if not clause and doc.text[para - 1 : para] == "。":  # 市人社局以…为平台,…。出台了《…》: the last subject
            previous = doc.sentence_at(para - 1).start
            clause = [a for a in index.within(previous, previous + 1 + JOIN_REACH) if a.span.start - previous <= 1]
        joint = doc.text.rfind("会同", para, verb_end)  # 我厅会同省发展改革委、省财政厅联合印发
        partners = [a for a in clause if joint != -1 and a.span.start > joint and not a.is_self_reference]
        subjects = [a for a in clause if (joint == -1 or a.span.end <= joint) and not is_generic_department(a)]
        verb_head = doc.text[max(para, verb_end - 8) : verb_end]
        verb = ISSUE_VERB.search(verb_head)
        subject_end = joint if joint != -1 else (verb_end - len(verb_head) + verb.start() if verb else verb_end)
        named_subject = bool(subjects) and subjects[-1].span.end == subject_end
        # …领导小组办公室印发了《…》: a body is the subject, though not one the rules name
        unnamed_subject = not named_subject and UNNAMED_SUBJECT.search(doc.text[para:subject_end]) is not None
        # a name without 《》 or 关于 is too weak a sign that the author made it
        titled = doc.text[title.span.start - 1 : title.span.start] == "《" or title.label.startswith("关于")
        law = LAW.search(title.label) is not None  # 新颁布的《职业教育法》: a congress makes laws, not the author
        if subjects and not subjects[-1].is_self_reference:  # 市委组织部、市人社局联合印发: the first issues
            chain = _chain_ending_at(doc, index, subjects[-1].span.end)
            out += [("issuedBy", chain[0])] + [("coIssuedWith", a) for a in chain[1:]]
        elif doc.issuer and titled and not unnamed_subject and not self_titled and not law:  # no subject named, or 我局: the author
            out.append(("issuedBy", doc.issuer))
        out += [("coIssuedWith", a) for a in partners]
    elif _issued_to_readers(doc, title) and doc.issuer:
        out.append(("issuedBy", doc.issuer))  # 现将《…》印发给你们: the notice issues it
    return out


def _prefix_issuers(doc: Doc, index: Agencies, start: int, end: int) -> list[Mention]:
    """The bodies that fill a title's prefix, one after another (separated by a space or 、)."""
    bodies, cursor = [], start
    for a in index.within(start, end):
        if a.is_self_reference or a.span.start < cursor:
            continue
        if doc.text[cursor : a.span.start].strip() not in ("", "、", "和"):
            return []
        bodies.append(a)
        cursor = a.span.end
    return bodies if cursor == end else []


YEAR_LEAD_REACH = 400  # how far back in its sentence a title looks for 2019年,… (bounded: linear time)


def _year_leads(doc: Doc, start: int) -> list[re.Match]:
    """The year leads (2019年,…) of the sentence before `start`, within reach."""
    sentence = doc.sentence_at(start)
    if start - sentence.start <= YEAR_LEAD_REACH:
        return list(YEAR_LEAD.finditer(doc.text[sentence.start : start]))
    return list(YEAR_LEAD.finditer(doc.text, start - YEAR_LEAD_REACH, start))  # mid-sentence: no ^ match


def _issued_to_readers(doc: Doc, title: Mention) -> bool:
    closing = title.span.end + (1 if doc.text[title.span.end : title.span.end + 1] == "》" else 0)
    return ISSUE_TO_READERS.match(doc.text, closing) is not None


def _chain_ending_at(doc: Doc, index: Agencies, end: int) -> list[Mention]:
    """Agencies (not 我局) joined by 、/和 that end right before `end`, in text order."""
    chain: list[Mention] = []
    cursor = end
    while True:
        gap = [e for e in range(cursor, max(-1, cursor - JOIN_REACH - 1), -1)
               if e in index.by_end and JOINED.match(doc.text[e:cursor])]
        if not gap:
            break
        agency = index.by_end[gap[0]]
        chain.insert(0, agency)
        cursor = agency.span.start
    return chain


def _inside_title(doc: Doc, mention: Mention) -> bool:
    left = doc.text.rfind("《", max(0, mention.span.start - 120), mention.span.start)
    return left != -1 and doc.text.find("》", left, mention.span.start + 1) == -1


def verbs_before(doc: Doc, titles: list[Mention]) -> dict[int, int | None]:
    """For each title's start, the end of 印发/出台/制定 governing it, also across a run of titles
    《A》《B》、《C》 (each title looks back only to the one before it)."""
    found: dict[int, int | None] = {}
    for title in sorted(titles, key=lambda t: t.span.start):
        cursor = title.span.start - (1 if doc.text[title.span.start - 1 : title.span.start] == "《" else 0)
        head = doc.text[max(0, cursor - 8) : cursor]
        verb = ISSUE_VERB.search(head)
        if verb:
            found[title.span.start] = cursor - (len(head) - verb.start())
            continue
        if DRAFTING_AFTER.match(doc.text, title.span.end + (doc.text[title.span.end : title.span.end + 1] == "》")):
            found[title.span.start] = cursor
            continue
        previous = doc.text[max(0, cursor - 1) : cursor]
        left = -1
        if previous in ("》", "、") or (previous == "和" and doc.text[cursor - 2 : cursor - 1] == "》"):
            left = doc.text.rfind("《", max(0, cursor - 200), cursor - 1)
        found[title.span.start] = found.get(left + 1) if left != -1 else None
    return found


def run(doc: Doc) -> None:
    agencies = [m for m in doc.mentions.of("Agency") if not m.is_self_reference]
    index = Agencies(agencies, [m for m in doc.mentions.of("Agency") if m.is_self_reference])
    proposals = {(m.span.start, m.span.end) for m in doc.mentions.of("Proposal")}
    titles = _titles(doc, proposals)
    mentions, facts = list(titles), []
    reply_year = (doc.date or "")[:4]
    verbs = verbs_before(doc, titles)
    for title in titles:
        prefix = ISSUER_PREFIX.match(title.span.text)
        if prefix and prefix.end() < len(title.span.text):  # also known without its issuer prefix
            span = doc.span(title.span.start + prefix.end("issuer"), title.span.end)
            mentions.append(Mention("PolicyDocument", span.text, span, entity_key=title.entity_key))
        for prop, agency in issuers(doc, title, index, verbs.get(title.span.start)):
            facts.append(Fact(title, prop, agency))
        closing = title.span.end + (1 if doc.text[title.span.end : title.span.end + 1] == "》" else 0)
        after = NUMBER_AFTER.match(doc.text, closing)
        number = after.group("number") if after and DOC_NUMBER.fullmatch(after.group("number")) else None
        year = re.search(r"(?:19|20)\d{2}", number) if number else None
        if number and year:  # a 文号 carries its year
            facts += [Fact(title, "documentNumber", number), Fact(title, "year", year.group())]
            continue
        place = next(iter(divisions_at(title.label, 0)), "")  # 红河州|2021年…实施方案
        titled_year = TITLE_YEAR.match(title.label, len(place))
        if titled_year and len(re.findall(r"(?:19|20)\d{2}", title.label)) == 1:
            facts.append(Fact(title, "year", titled_year.group(1)))
            continue
        lead = _year_leads(doc, title.span.start)
        if lead:
            facts.append(Fact(title, "year", lead[-1].group(1)))
        elif _issued_to_readers(doc, title) and reply_year:
            facts.append(Fact(title, "year", reply_year))
    doc.mentions.add(mentions)
    doc.facts += facts
