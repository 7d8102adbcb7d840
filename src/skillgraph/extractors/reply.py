"""The document itself: its name, numbers and date, who issued, signed and received it,
the proposal it answers and who proposed that, and who handled it jointly."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ..document import DATE, DOC_NUMBER, Doc, one_line, parse_date
from ..model import Fact, Identity, Mention, Span
from ..resources import lexicon
from ..segment import word_tags
from ..vocab import AgencyKey
from .names import is_generic_department, is_name, word_edge
from .phrases import alternation

SIGNATURE_NAME = re.compile(r"(局|厅|部|委|委员会|办公室|办公厅|政府|中心|管委会|政协|常委会|办)$")
DEPARTMENT = re.compile(r"(司|处|科)$")  # a department inside a ministry or bureau: its body issues
TITLE_ISSUER = re.compile(r"^(?:(?:19|20)\d{2}年度?)?(?P<issuer>(?:(?!关于)[^对\n]){2,40}?)\s*(?P<verb>关于|对)")  # 北关高新区关于
PROPOSAL_NAME = (r"(?:《(?P<bracketed>[^》]{4,80})》|“(?P<quoted>[^”]{4,80})”"
                 r"|(?P<plain>关于[^。,,;“”《》]{2,80}?的(?:几点|若干)?(?:建议|提案|议案)))")
PROPOSAL_TITLE = re.compile(r"(?:(?:提出|所提|提交)(?:的|了|出的)|(?:您|您们|你们|贵会|贵单位)的)" + PROPOSAL_NAME
                            + r"(?P<tail>的提案)?")
RECEIVED_TITLE = re.compile(  # 《关于…的建议》(224061号)收悉: the title at the head of the reply
    r"《(?P<bracketed>[^》]{4,80})》(?=的?(?:提案|建议|议案)?(?:\s*[((][^()()\n]{1,20}[))])?\s*已?收悉)")
SITTING = (r"(?:全国|自治区|[省市县区州旗])?(?:[一二三四五六七八九十]{1,3}届)?(?:全国)?(?:政协|人大)"
           r"(?:[^,,。;关于的第\n]|第[一二三四五六七八九十]{1,3}[届次]){0,16}?会议")  # 政协十三届全国委员会第三次会议
PROPOSAL_REF = re.compile(  # 市六届人大三次会议第N号建议, 市政协十四届一次会议224061号提案, 第N号(教育类M号)提案
    r"(?=[全自省市县区州旗一二三四五六七八九十政人第A-Za-z])"  # a quick test of the first character: the ones a reference can begin with
    rf"(?:(?P<sitting>{SITTING})第?|第|(?=[A-Za-z]\d))(?P<number>[A-Za-z]?\d+)号(?:\([^()\n]{{1,12}}\))?(?:提案|建议|议案)"
)
NUMBER_AFTER = re.compile(r"\s*[((]第?(?P<number>[A-Za-z]?\d+)号[))]")
CO_HANDLING = re.compile(  # 经商A、B,现答复如下 / 会同A共同研究 / 立即协调A和B,就建议事项进行了梳理研究
    r"(?=[经会商协征])"  # a quick test of the first character: the engine skips the others at once
    r"(?:(?:经商|经与|会同|商请)(?P<who>[^。;]{2,80}?)(?P<end>共同研究办理|共同研究|共同办理|研究办理|办理|,现(?:答复|函复|将))"
    r"|(?:协调|征求)(?P<consulted>[^。;,]{2,60}?)(?:的意见)?(?P<about>,就[^。;]{0,30}?研究))"
)
HELPING = re.compile(r"协办|协助办理|配合办理")  # 县农业农村局、县乡村振兴局协办: the bodies right before
ASSISTING_REACH = 60
ADDRESSEE_ITEM = re.compile(r"(?:[^、,:(]|\([^)]*\))+")  # 各县(市、区)…局 is one item
ADDRESSEE_BODY = re.compile(r"(机构|部门|局|厅|委|办|政府)$")
ADDRESSED_BODY = re.compile(r"(局|厅|部|委|委员会|办|办公室|办公厅|政府|中心|政协|人大常委会)$")
ADDRESSEE_LINE = re.compile(r"\s*(?:尊敬的)?(?P<body>[^,,。;;::、\s]{2,30})\s*[::]\s*")
NAME = r"[\u4e00-\u9fff]{2,4}?"
PROPOSING = re.compile(r"(?:提出|提交)(?:的|了)")
PROPOSER_REACH = 90  # ten names, 等N名代表, 在…会议上
NOT_IN_A_NAME = re.compile(r"[你您我他她它们咱的]")  # 关于你们提出的, 尊敬的委员: no name
ATTACHMENT = re.compile(r"附件\s*[\d]*\s*[::]\s*(?P<title>[^\n::]{4,40}?(?:名单|目录|清单|方案|办法|细则))")
HEADLINE = re.compile(r"[^。;;::|>›\t]{6,60}(?<![,,、])")
NEWS_LEDE = re.compile(r"(?:(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|近日|日前|本报讯|记者)")
DECIDED = re.compile(r"现(?:认定|命名|确定|授予|批准|公布)[^。;;\n]{0,300}?为(?P<what>[^,,。;;、\n]{4,40}?)(?=[,,。;;])")
NOTICE_CLOSE = re.compile(r"特此(?:通知|公告|通报)")
PROPOSAL_HEAD = 1500  # the proposal and its proposers are named in the opening of a reply


def _lex(key: str):
    return lexicon("reply")[key]


@cache
def _self_name() -> re.Pattern:
    """现答复如下 / 现提出协办意见如下 / 现将会办意见函告如下 / 现就…提出如下会办意见: what the reply
    calls itself."""
    names = alternation(_lex("self_names"))
    return re.compile(rf"现[^。;\n]{{0,40}}?(?:(?P<name>{names})(?:函告|告知|报告)?如下|提出如下(?P<after>{names}))")


def _headline(doc: Doc) -> Span | None:
    """A news item's headline: its first line, short and not a sentence, above a lede that opens
    with when it happened (12月13日,… / 近日,…)."""
    lines = [line for line in doc.lines[:2] if line.text.strip()]
    if len(lines) < 2 or not NEWS_LEDE.match(lines[1].text.strip()):
        return None
    first = lines[0]
    text = first.text.strip()
    roles = tuple(lexicon("people")["addressee_roles"])
    if (not HEADLINE.fullmatch(text) or DATE.search(text) or DOC_NUMBER.search(text) or text.endswith(roles)
            or SIGNATURE_NAME.search(text) or re.fullmatch(r"\(.*\)", text)):  # (此件公开发布) is no headline
        return None
    start = first.start + first.text.index(text)
    return doc.span(start, start + len(text))


def reply_mention(doc: Doc) -> Mention:
    """The document, named by its 文号, else its title, else what it calls itself (答复,
    协办意见), else its headline, else the title of what it publishes, else what a notice decides,
    else its file name (with an empty span: the text does not name it)."""
    if doc.document_number:
        return Mention("Reply", doc.document_number.text, doc.document_number, entity_key="reply")
    if doc.title:
        return Mention("Reply", one_line(doc.title.text), doc.title, entity_key="reply")
    m = _self_name().search(doc.text, 0, PROPOSAL_HEAD)
    if m:
        group = "name" if m.group("name") else "after"
        return Mention("Reply", m.group(group), doc.span(m.start(group), m.end(group)), entity_key="reply")
    headline = _headline(doc)
    if headline:
        return Mention("Reply", headline.text, headline, entity_key="reply")
    m = ATTACHMENT.search(doc.text)
    if m:
        return Mention("Reply", m.group("title"), doc.span(m.start("title"), m.end("title")), entity_key="reply")
    m = DECIDED.search(doc.text) if NOTICE_CLOSE.search(doc.text) else None
    if m:  # 现认定…等5个工作室为2023年X市市级技能大师工作室,…特此通知: a notice named by what it decides
        return Mention("Reply", m.group("what"), doc.span(m.start("what"), m.end("what")), entity_key="reply")
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


def _named(agencies: list[Mention], span: Span) -> Mention:
    """The agency the text names at `span` (or at its end: 区教育厅 of 自治区教育厅), else one
    named by the span's text."""
    inside = [a for a in agencies if span.start <= a.span.start and a.span.end == span.end and not a.is_self_reference]
    return min(inside, key=lambda a: a.span.start, default=None) or Mention("Agency", span.text, span, entity_key=span.text)


def find_issuer(doc: Doc, agencies: list[Mention], signers: list[Mention]) -> list[Mention]:
    """The issuer, then any co-issuers named with it (广西…人力资源和社会保障厅 广西…财政厅关于…):
    from the title, the signature, the 发布机构 (a ministry's 司 means the ministry), the 来源,
    the 文号, else the body the text reports as doing its own work."""
    if doc.title:
        m = TITLE_ISSUER.match(doc.title.text)
        if m:
            span = doc.span(doc.title.start + m.start("issuer"), doc.title.start + m.end("issuer"))
            named = [a for a in agencies if span.start <= a.span.start and a.span.end <= span.end and not a.is_self_reference]
            if len(named) > 1:
                return named
            if not signers and (m.group("verb") == "关于" or named or SIGNATURE_NAME.search(span.text)):
                return [_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=span.text)]
    if signers:
        return signers
    publisher = doc.metadata.get("publisher")
    if publisher and not DEPARTMENT.search(publisher.text):
        return [_named(agencies, publisher)]
    for field in ("leadHandler", "source"):  # 主办单位:市人社局 / 来源:市农业农村局 (not 来源:人民网)
        value = doc.metadata.get(field)
        if value and SIGNATURE_NAME.search(value.text):
            return [_named(agencies, value)]
    if doc.document_number:  # 人社建字〔2025〕141号 → the 人社 body the text names
        prefix = re.split(r"[〔\[(【]|(?:19|20)\d{2}", doc.document_number.text)[0]
        variants = lexicon("agencies")["cores"]
        for a in agencies:
            if a.is_self_reference or is_generic_department(a) or a.label.startswith(tuple(lexicon("agencies")["plural_prefixes"])):
                continue  # 各市人社局 are the readers, not the author
            agency = AgencyKey.parse(a.entity_key)
            core = agency.core if agency else ""
            if any(len(v) >= 2 and v in prefix for v in variants.get(core, [])):
                return [a]
    reporter = reporting_body(doc, agencies)
    return [reporter] if reporter else []


@cache
def _own_work() -> tuple[re.Pattern, re.Pattern]:
    role = re.compile(rf"作为(?:[^,,。;]{{0,12}}?的)?(?:{alternation(_lex('own_work_roles'))})")
    plan = re.compile(rf"(?:{alternation(_lex('own_work_plan_before'))})[,,]\s*$")
    return role, plan


def reporting_body(doc: Doc, agencies: list[Mention]) -> Mention | None:
    """The body the reply reports as doing its own work: 市人社局作为(该提案的)牵头单位…, 下一步,市医保局将…,
    a sentence opened by 农业农村部会同有关部门…"""
    role, plan = _own_work()
    for a in agencies:
        if a.is_self_reference or is_generic_department(a) or a.label.startswith(tuple(lexicon("agencies")["plural_prefixes"])):
            continue
        opens_sentence = doc.text[a.span.start - 1 : a.span.start] in ("", "。", "\n")
        if role.match(doc.text, a.span.end) or (doc.text.startswith("将", a.span.end)
                                                and plan.search(doc.text, max(0, a.span.start - 6), a.span.start)):
            return a
        if opens_sentence and doc.text.startswith(tuple(_lex("own_work_leading")), a.span.end):
            return a  # 农业农村部会同有关部门,认真贯彻落实…
    return None


def find_proposal(doc: Doc) -> tuple[list[Mention], str | None]:
    """Mentions of the proposal answered (its title after 您提出的, in 《》 or “” or bare, or at the
    head of the reply before 收悉; its reference with the congress sitting), and its number as written."""
    mentions, number = [], None
    m = PROPOSAL_TITLE.search(doc.text, 0, PROPOSAL_HEAD) or RECEIVED_TITLE.search(doc.text, 0, PROPOSAL_HEAD)
    if m:
        group = next(g for g in ("bracketed", "quoted", "plain") if m.re.groupindex.get(g) and m.group(g))
        mentions.append(Mention("Proposal", m.group(group), doc.span(m.start(group), m.end(group)), entity_key="proposal"))
        if m.re.groupindex.get("tail") and m.group("tail"):
            start = m.start(group) - (0 if group == "plain" else 1)
            full = doc.text[m.start(group) : m.end(group)] + "的提案"
            mentions.append(Mention("Proposal", full, doc.span(start, m.end()), entity_key="proposal"))
        closing = m.end(group) + (0 if group == "plain" else 1)
        after = NUMBER_AFTER.match(doc.text, closing) or NUMBER_AFTER.match(doc.text, m.end())
        if after:
            number = after.group("number")
    ref = (PROPOSAL_REF.search(doc.text, doc.title.start, doc.title.end) if doc.title else None) \
        or PROPOSAL_REF.search(doc.text, 0, PROPOSAL_HEAD)
    if ref:
        mentions.append(Mention("Proposal", ref.group(), doc.span(ref.start(), ref.end()), entity_key="proposal"))
        number = number or ref.group("number")
    return mentions, number


@lru_cache(maxsize=4096)
def _is_name(text: str) -> bool:
    return is_name(text)


def _may_be_name(text: str) -> bool:
    """Two or three characters that a name may hold and no word the dictionary knows otherwise."""
    tag = word_tags().get(text)
    return (re.fullmatch(r"[\u4e00-\u9fff]{2,3}", text) is not None and (tag is None or tag.startswith("nr"))
            and not any(ch in lexicon("people")["not_in_names"] for ch in text))


def _names(text: str, start: int, doc: Doc, before_role: bool = False) -> list[Mention]:
    """王某、李某、张某 → a Person each, where the items are names: each a known one, or, before a
    role on the addressee line or in a list with a known one, one that may be a name (善巧云委员:);
    in a list with a known one, also a surname and one or two characters the dictionary knows as
    a word (程志). The first item may carry words before it (期间钟莺)."""
    items = text.split("、")
    if any(NOT_IN_A_NAME.search(item) for item in items):
        return []
    listed = len(items) > 1 and any(_is_name(item) for item in items)  # among known names: 程志 too
    by_evidence = before_role or listed
    out, offset = [], start
    for i, item in enumerate(items):
        name: str | None = item
        if not (_is_name(item) or (by_evidence and _may_be_name(item)) or (listed and is_name(item, listed=True))):
            name = next((item[-n:] for n in (3, 2) if i == 0 and is_name(item[-n:], listed=listed)
                         and word_edge(doc, offset + len(item) - n)), None)
        if name is None:
            return []
        begin = offset + len(item) - len(name)
        out.append(Mention("Person", name, doc.span(begin, begin + len(name))))
        offset += len(item) + 1
    return out


@cache
def _proposing_organization() -> re.Pattern:
    return re.compile(alternation(_lex("proposing_organizations")))


@cache
def _people_line() -> re.Pattern:
    """王建国代表: / 孙立华等5位代表: / 侯某等8代表: / 王某、李某等委员:"""
    roles = alternation(lexicon("people")["addressee_roles"])
    return re.compile(rf"\s*(?:尊敬的)?(?P<names>{NAME}(?:、{NAME}){{0,9}})(?:等(?:[\d一二三四五六七八九十]+[位名]?)?)?"
                      rf"(?:{roles})\s*[::]?\s*")


@cache
def _proposers() -> tuple[re.Pattern, re.Pattern]:
    """钟某、黄某等5名代表提出了… / 李某委员在…会议上提出的… / 王某提出的…; 九三学社X市委会提出的…"""
    people = re.compile(rf"(?P<names>{NAME}(?:、{NAME}){{0,9}})(?:等[\d一二三四五六七八九十]+[位名])?(?:代表|委员)?"
                        r"(?:联名|领衔)?(?:在[^。,,]{0,30}?上)?$")
    parties, heads = alternation(_lex("proposing_organizations")), alternation(_lex("organization_heads"))
    body = re.compile(rf"(?P<org>(?:{parties})[\u4e00-\u9fff]{{0,12}}?(?:{heads})?)(?:在[^。]{{0,30}}?上)?$")
    return people, body


def _organization_or_agency(agencies: list[Mention], span: Span) -> Mention | None:
    """市民建 / 农工党安康市委员会 → an Organization; 省X厅, 教科卫体委 → an Agency."""
    text = span.text
    if _proposing_organization().search(text):
        return Mention("Organization", text, span)
    if text.startswith(tuple(lexicon("agencies")["plural_prefixes"])) or text in lexicon("metadata")["fields"]:
        return None
    if ADDRESSED_BODY.search(text):
        return _named(agencies, span)
    return None


ORGANIZATION_ROW = re.compile(r"\s*(?P<row>[^,,。;;::\s、]{4,40}(?:、[^,,。;;::\s、]{4,40}){1,19})[::]")


def _organization_row(doc: Doc, agencies: list[Mention], line: Span) -> list[Mention]:
    """A notice opens with the organisations it is sent to: A有限公司、B公司、C学院: → each one."""
    m = ORGANIZATION_ROW.match(line.text)
    if not m:
        return []
    heads = tuple(lexicon("organizations")["member_heads"])
    found, offset = [], line.start + m.start("row")
    for item in m.group("row").split("、"):
        span = doc.span(offset, offset + len(item))
        offset += len(item) + 1
        if item.endswith(heads):
            found.append(Mention("Organization", item, span))
        elif ADDRESSED_BODY.search(item) and not item.startswith(tuple(lexicon("agencies")["plural_prefixes"])):
            found.append(_named(agencies, span))
        else:
            return []
    return found if any(f.cls == "Organization" for f in found) else []


def find_addressees(doc: Doc, agencies: list[Mention]) -> list[Mention]:
    """王某、李某等委员: → each person; 市民建: / 尊敬的教科卫体委: → the body; 各区…局, … : → each
    definite body (not 有关单位)."""
    for line in doc.lines[:12]:
        if len(line.text) > 60:
            continue
        m = _people_line().fullmatch(line.text)
        people = _names(m.group("names"), line.start + m.start("names"), doc, line.text.rstrip().endswith(":")) if m else []
        if people:
            return people
        m = ADDRESSEE_LINE.fullmatch(line.text)
        body = m and _organization_or_agency(agencies, doc.span(line.start + m.start("body"), line.start + m.end("body")))
        if body:
            return [body]
    for line in doc.lines[:12]:
        row = _organization_row(doc, agencies, line)
        if row:
            return row
    for i, line in enumerate(doc.lines[:12]):  # under a metadata block too
        text = line.text
        head = re.match(r"各[^,,::。]{2,40}", text) if text.startswith("各") and i < 6 else None
        items: Iterable[re.Match[str]]
        if text.rstrip().endswith(":") and ("、" in text or text.startswith("各")) and len(text) <= 200:
            items = ADDRESSEE_ITEM.finditer(text)
        elif head:
            items = [head]
        else:
            continue
        found: list[Mention] = []
        for item in items:  # 各市人力资源社会保障局、财政局: 各 covers the list
            span = doc.span(line.start + item.start(), line.start + item.end())
            if (span.text.startswith("各") or found) and "有关" not in span.text and ADDRESSEE_BODY.search(span.text):
                found.append(_named(agencies, span))
            elif found:
                break
        return found
    return []


def find_proposers(doc: Doc) -> list[Mention]:
    """Proposers the opening names: 钟某、黄某等5名代表提出了…, 李某委员在…上提出的…, 九三学社X市委会
    提出的《…》."""
    people, body = _proposers()
    for verb in PROPOSING.finditer(doc.text, 0, PROPOSAL_HEAD):  # what comes right before 提出的
        window = max(0, verb.start() - PROPOSER_REACH)
        m = people.search(doc.text, window, verb.start())
        found = m and _names(m.group("names"), m.start("names"), doc)
        if found:
            return found
        m = body.search(doc.text, window, verb.start())
        if m:
            return [Mention("Organization", m.group("org"), doc.span(m.start("org"), m.end("org")))]
    return []


def _assisting_bodies(doc: Doc) -> list[tuple[int, int]]:
    """The text right before each 协办 / 配合办理, back to a stop or a comma."""
    out, consumed = [], 0
    for m in HELPING.finditer(doc.text):
        start = max(consumed, m.start() - ASSISTING_REACH)
        stop = max(doc.text.rfind(ch, start, m.start()) for ch in "。;,:")
        start = max(start, stop + 1)
        if m.start() - start >= 2:
            out.append((start, m.start()))
        consumed = m.end()
    return out


def find_co_handlers(doc: Doc, agencies: list[Mention]) -> list[Mention]:
    """Bodies that handled the reply jointly: 经商A、B,现答复如下 / 经与A共同研究办理 / 会同A、B共同研究
    (in the opening) / A、B协办; a consulted body that is not a government one (经商全国总工会) is an
    Organization."""
    mass = tuple(_lex("mass_organization_heads"))

    def named_in(start: int, end: int) -> list[Mention]:
        return [a for a in agencies if start <= a.span.start and a.span.end <= end and not a.is_self_reference]

    out = []
    for m in CO_HANDLING.finditer(doc.text):
        if m.group("end") in ("共同研究", None) and m.start() > PROPOSAL_HEAD:
            continue  # 会同…共同研究 further on is about other work
        who = "who" if m.group("who") else "consulted"
        named = named_in(m.start(who), m.end(who))
        out += [Mention("Organization", a.label, a.span) if a.label.endswith(mass) else a for a in named]
        if m.group("end") != "办理":
            offset = m.start(who)
            for item in re.split(r"[、和及与]", m.group(who)):
                span = doc.span(offset, offset + len(item))
                offset += len(item) + 1
                if (re.fullmatch(r"[\u4e00-\u9fff]{3,20}", item) and item.endswith(mass)
                        and not any(a.span.start < span.end and span.start < a.span.end for a in named)):
                    out.append(Mention("Organization", item, span))
    for start, end in _assisting_bodies(doc):
        out += named_in(start, end)
    return out


def listed_co_handlers(doc: Doc, agencies: list[Mention]) -> list[Mention]:
    """协办单位:市财政局、市教育局 → each body."""
    field = doc.metadata.get("coHandlers")
    if field is None:
        return []
    spans = (doc.span(field.start + m.start(), field.start + m.end()) for m in re.finditer(r"[^、,,;;\s]+", field.text))
    return [_named(agencies, span) for span in spans if SIGNATURE_NAME.search(span.text)]


def bare_date(doc: Doc) -> str | None:
    """A date on a line of its own under the text: the date it was signed, with no name above."""
    for line in reversed(doc.lines[-6:]):
        if len(line.text.strip()) <= 20 and DATE.fullmatch(line.text.strip()):
            return parse_date(line.text)
    return None


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
        mentions.append(Mention("Reply", one_line(doc.title.text), doc.title, entity_key="reply"))
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
    for field in ("publisher", "source", "responsibleBody"):
        span = doc.metadata.get(field)
        if span is None or not issuer or span == issuer.span or (field == "source" and not SIGNATURE_NAME.search(span.text)):
            continue
        if DEPARTMENT.search(span.text):  # 职业能力建设司: a body of its own inside the issuer
            mentions.append(_named(agencies, span))
        else:  # the issuer under another name (区教育局, 吴忠市利通区科学技术局)
            mentions.append(_agency_at(agencies, span) or Mention("Agency", span.text, span, entity_key=issuer.entity_key))
    dates = [signed_on, bare_date(doc)] + [parse_date(doc.metadata[f].text) for f in ("dateWritten", "datePublished")
                                           if f in doc.metadata]
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
    addressees = find_addressees(doc, agencies)
    for addressee in addressees:
        relate("addressedTo", addressee)
    proposers = [a for a in addressees if a.cls in ("Person", "Organization")]
    named = {p.label for p in proposers}
    proposers += [p for p in find_proposers(doc) if p.label not in named]  # 王某等3名代表提出的: the others too
    mentions += [p for p in proposers if p not in addressees]
    for proposer in proposers if proposals else []:
        facts.append(Fact(proposals[0], "proposedBy", proposer))
    for agency in find_co_handlers(doc, agencies) + listed_co_handlers(doc, agencies):
        if not issuer or agency.entity_key != issuer.entity_key:
            relate("coIssuedWith", agency)
    doc.mentions.add(mentions)
    doc.facts += facts
    doc.identity = Identity(reply, issuer, date)
