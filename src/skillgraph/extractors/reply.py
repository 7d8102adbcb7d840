"""The document itself: its name, numbers and date, who issued, signed and received it,
the proposal it answers and who proposed that, and who handled it jointly."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..document import DATE, Doc, parse_date
from ..model import Fact, Identity, Mention, Span
from ..resources import lexicon
from ..vocab import AgencyKey
from .names import is_generic_department, is_name

SIGNATURE_NAME = re.compile(r"(局|厅|部|委|委员会|办公室|办公厅|政府|中心|管委会|政协|常委会|办)$")
TITLE_ISSUER = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?P<issuer>[^关]{2,40}?)关于")
PROPOSAL_TITLE = re.compile(
    r"提出的(?:《(?P<bracketed>[^》]{4,80})》|(?P<plain>关于[^。,,;]{2,80}?的(?:建议|提案|议案)))(?P<tail>的提案)?"
)
PROPOSAL_REF = re.compile(
    r"(?P<session>(?:[省市县区]|全国)?(?:政协|人大)[^,,。;关于的第]{0,12}?会议)?第(?P<number>[A-Za-z]?\d+)号(?:提案|建议|议案)"
)
NUMBER_AFTER = re.compile(r"\s*[((]第(?P<number>[A-Za-z]?\d+)号[))]")
CO_HANDLING = re.compile(
    r"(?:经商|经与|会同|商请)(?P<who>[^。;]{2,80}?)(?:共同研究办理|共同办理|研究办理|办理|,现(?:答复|函复|将))"
    r"|(?P<helpers>[^。;,:]{2,60}?)(?:协办|协助办理|配合办理)"  # 县农业农村局、县乡村振兴局协办
)
ADDRESSEE_ITEM = re.compile(r"(?:[^、,:(]|\([^)]*\))+")  # 各县(市、区)…局 is one item
ADDRESSEE_BODY = re.compile(r"(机构|部门|局|厅|委|办|政府)$")
ATTACHMENT = re.compile(r"附件\s*[\d]*\s*[::]\s*(?P<title>[^\n::]{4,40}?(?:名单|目录|清单|方案|办法|细则))")


def reply_mention(doc: Doc) -> Mention:
    """The document, named by its 文号, else its title, else the title of what it publishes,
    else its file name (with an empty span: the text does not name it)."""
    if doc.document_number:
        return Mention("Reply", doc.document_number.text, doc.document_number, entity_key="reply")
    if doc.title:
        return Mention("Reply", doc.title.text, doc.title, entity_key="reply")
    m = ATTACHMENT.search(doc.text)
    if m:
        return Mention("Reply", m.group("title"), doc.span(m.start("title"), m.end("title")), entity_key="reply")
    return Mention("Reply", doc.id, doc.span(0, 0), entity_key="reply")  # no name in the text: no span either


def find_signature(doc: Doc, agencies: list[Mention]) -> tuple[list[Mention], str | None]:
    """The issuing bodies and the date printed together (咸阳市人力资源和社会保障局\\n2025年5月22日;
    several bodies on one line sign jointly)."""
    by_end = {m.span.end: m for m in agencies if not m.is_self_reference}
    for date in DATE.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, date.start()) + 1
        before = doc.text[line_start : date.start()].rstrip()
        if before:
            name_end = line_start + len(before)
            if name_end in by_end:
                return [by_end[name_end]], parse_date(date.group())
            continue
        line = bisect.bisect_right(doc.lines, date.start(), key=lambda span: span.start) - 1
        if line <= 0:
            continue
        previous = doc.lines[line - 1]  # the line above the date
        name = previous.text.strip()
        name_start = previous.start + previous.text.find(name)
        on_line = [a for a in by_end.values() if name_start <= a.span.start and a.span.end <= name_start + len(name)]
        if name and on_line and "".join(a.label for a in on_line) == re.sub(r"\s", "", name):
            return sorted(on_line, key=lambda a: a.span.start), parse_date(date.group())
        if name and len(name) <= 30 and SIGNATURE_NAME.search(name) and not re.search(r"[,。;:、]", name):
            return [Mention("Agency", name, doc.span(name_start, name_start + len(name)), entity_key=name)], parse_date(date.group())
    return [], None


def _agency_at(agencies: list[Mention], span: Span) -> Mention | None:
    return next((m for m in agencies if m.span.start == span.start and m.span.end == span.end), None)


def find_issuer(doc: Doc, agencies: list[Mention], signers: list[Mention]) -> list[Mention]:
    """The issuer, then any co-issuers named with it (广西…人力资源和社会保障厅 广西…财政厅关于…)."""
    if doc.title:
        m = TITLE_ISSUER.match(doc.title.text)
        if m:
            span = doc.span(doc.title.start + m.start("issuer"), doc.title.start + m.end("issuer"))
            named = [a for a in agencies if span.start <= a.span.start and a.span.end <= span.end and not a.is_self_reference]
            if len(named) > 1:
                return named
            if not signers:
                return [_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=span.text)]
    if signers:
        return signers
    if "publisher" in doc.metadata:
        span = doc.metadata["publisher"]
        return [_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=span.text)]
    if doc.document_number:  # 人社建字〔2025〕141号 → the 人社 body the text names
        prefix = re.split(r"[〔\[［(（]", doc.document_number.text)[0]
        variants = lexicon("agencies")["cores"]
        for a in agencies:
            if a.is_self_reference or is_generic_department(a) or a.label.startswith(tuple(lexicon("agencies")["plural_prefixes"])):
                continue  # 各市人社局 are the readers, not the author
            agency = AgencyKey.parse(a.entity_key)
            core = agency.core if agency else ""
            if any(len(v) >= 2 and v in prefix for v in variants.get(core, [])):
                return [a]
    return []


def find_proposal(doc: Doc) -> tuple[list[Mention], str | None]:
    """Mentions of the proposal answered, and its number (440, 104019)."""
    mentions, number = [], None
    m = PROPOSAL_TITLE.search(doc.text)
    if m:
        group = "bracketed" if m.group("bracketed") else "plain"
        mentions.append(Mention("Proposal", m.group(group), doc.span(m.start(group), m.end(group)), entity_key="proposal"))
        if m.group("tail"):
            start = m.start(group) - (1 if group == "bracketed" else 0)
            full = doc.text[m.start(group) : m.end(group)] + "的提案"
            mentions.append(Mention("Proposal", full, doc.span(start, m.end()), entity_key="proposal"))
        after = NUMBER_AFTER.match(doc.text, m.end())
        if after:
            number = after.group("number")
    ref = PROPOSAL_REF.search(doc.title.text if doc.title else doc.text[:300])
    if ref:
        base = doc.title.start if doc.title else 0
        mentions.append(Mention("Proposal", ref.group(), doc.span(base + ref.start(), base + ref.end()), entity_key="proposal"))
        number = number or ref.group("number")
    return mentions, number


def find_addressees(doc: Doc, agencies: list[Mention]) -> list[Mention]:
    """张卫婷委员: → the person; 各区…局, … : → each definite body (not 有关单位)."""
    roles = "|".join(lexicon("people")["addressee_roles"])
    for line in doc.lines[:12]:
        m = re.fullmatch(rf"\s*(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?:等[\d一二三四五六七八九十]+[位名])?(?:{roles})\s*[::]?\s*",
                         line.text)  # 王建国代表: / 孙立华等5位代表:
        if m and is_name(m.group("name")):
            return [Mention("Person", m.group("name"), doc.span(line.start + m.start("name"), line.start + m.end("name")))]
    for line in doc.lines[:6]:
        text = line.text
        head = re.match(r"各[^,,::。]{2,40}", text) if text.startswith("各") else None
        items: Iterable[re.Match[str]]
        if text.rstrip().endswith(":") and ("、" in text or "各" in text):
            items = ADDRESSEE_ITEM.finditer(text)
        elif head:
            items = [head]
        else:
            continue
        found: list[Mention] = []
        for item in items:  # 各市人力资源社会保障局、财政局: 各 covers the list
            span = doc.span(line.start + item.start(), line.start + item.end())
            if (span.text.startswith("各") or found) and "有关" not in span.text and ADDRESSEE_BODY.search(span.text):
                found.append(_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=span.text))
            elif found:
                break
        return found
    return []


def find_co_handlers(doc: Doc, agencies: list[Mention]) -> list[Mention]:
    """Bodies that handled the reply jointly: 经商A、B,现答复如下 / 经与A共同研究办理."""
    out = []
    for m in CO_HANDLING.finditer(doc.text):
        group = "who" if m.group("who") else "helpers"
        out += [a for a in agencies if m.start(group) <= a.span.start and a.span.end <= m.end(group) and not a.is_self_reference]
    return out


def run(doc: Doc) -> None:
    agencies = doc.mentions.of("Agency")
    reply = reply_mention(doc)
    mentions: list[Mention] = [reply]
    facts: list[Fact] = []

    def literal(prop: str, value: str | None) -> None:
        if value:
            facts.append(Fact(reply, prop, value))

    def relate(prop: str, other: Mention) -> None:
        mentions.append(other)
        facts.append(Fact(reply, prop, other))

    if doc.title and doc.title != reply.span:
        mentions.append(Mention("Reply", doc.title.text, doc.title, entity_key="reply"))
    literal("documentNumber", doc.document_number.text if doc.document_number else None)
    for field in ("indexNumber", "subjectCategory"):
        literal(field, doc.metadata[field].text if field in doc.metadata else None)

    signers, signed_on = find_signature(doc, agencies)
    issuers = find_issuer(doc, agencies, signers)
    issuer = issuers[0] if issuers else None
    if issuer:
        relate("issuedBy", issuer)
    for other in issuers[1:]:
        relate("coIssuedWith", other)
    if "publisher" in doc.metadata and issuer and doc.metadata["publisher"] != issuer.span:
        span = doc.metadata["publisher"]
        mentions.append(_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=issuer.entity_key))
    dates = [signed_on] + [parse_date(doc.metadata[f].text) for f in ("dateWritten", "datePublished") if f in doc.metadata]
    date = next((d for d in dates if d), None)
    literal("date", date)

    if "signer" in doc.metadata and is_name(doc.metadata["signer"].text):
        relate("signedBy", Mention("Person", doc.metadata["signer"].text, doc.metadata["signer"]))
    proposals, number = find_proposal(doc)
    mentions += proposals
    if proposals:
        facts.append(Fact(reply, "repliesTo", proposals[0]))
        if number:
            facts.append(Fact(proposals[0], "proposalNumber", number))
    for addressee in find_addressees(doc, agencies):
        relate("addressedTo", addressee)
        if addressee.cls == "Person" and proposals:
            facts.append(Fact(proposals[0], "proposedBy", addressee))
    for agency in find_co_handlers(doc, agencies):
        if not issuer or agency.entity_key != issuer.entity_key:
            relate("coIssuedWith", agency)
    doc.mentions.add(mentions)
    doc.facts += facts
    doc.identity = Identity(reply, issuer, date)
