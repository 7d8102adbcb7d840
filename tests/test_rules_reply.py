"""The document itself, its addressees, proposers and proposal, 文号, issuers and measures,
on short sentences of the genre."""
import pytest

from helpers import all_names, labels, resolved
from skillgraph.document import DOC_NUMBER, from_text


def relation(graph, subject_cls: str, prop: str) -> set[str]:
    by_id = {e.id: e for e in graph.entities}
    return {by_id[o].label for s, p, o in graph.relations if p == prop and by_id[s].cls == subject_cls}


def literal(graph, subject_cls: str, prop: str) -> set[str]:
    by_id = {e.id: e for e in graph.entities}
    return {v for s, p, v in graph.literals if p == prop and by_id[s].cls == subject_cls}


def reply_of(graph):
    (reply,) = [e for e in graph.entities if e.cls == "Reply"]
    return reply


# ---------------------------------------------------------------- the document's name


def test_a_reply_without_title_is_named_by_what_it_calls_itself():
    g = resolved("马登玺委员:\n您提出的《关于加强校企合作的几点建议》收悉,现答复如下:\n近年来,市工信局不断加强校企合作力度。\n"
                 "临沂市工业和信息化局\n2021年5月18日\n")
    reply = reply_of(g)
    assert reply.label == "答复" and reply.mentions
    assert relation(g, "Reply", "addressedTo") == {"马登玺"}
    assert relation(g, "Reply", "repliesTo") == {"关于加强校企合作的几点建议"}
    assert relation(g, "Proposal", "proposedBy") == {"马登玺"}
    assert literal(g, "Reply", "date") == {"2021-05-18"}


def test_a_reply_published_in_part_is_titled_with_its_summary_and_addressed_to_a_person():
    g = resolved("对十四届全国人大二次会议第0124号建议的答复摘要\n\n侯二河等8代表:\n"
                 "你们提出的关于大力实施乡村人才培育工程促进乡村人才振兴的建议收悉。经商中央组织部、人力资源社会保障部,现答复如下:\n")
    assert reply_of(g).label == "对十四届全国人大二次会议第0124号建议的答复摘要"
    assert relation(g, "Reply", "addressedTo") == {"侯二河"}
    assert relation(g, "Proposal", "proposedBy") == {"侯二河"}
    assert relation(g, "Reply", "coIssuedWith") == {"中央组织部", "人力资源和社会保障部"}


def test_a_notice_to_a_row_of_organisations_is_named_by_what_it_decides():
    g = resolved("中海福陆重工有限公司、珠海格力精密模具有限公司、珠海市技师学院:根据《认定办法》规定,经评审,现认定"
                 "朱化学焊工技能大师工作室等3个技能大师工作室为2023年珠海市市级技能大师工作室,特此通知,"
                 "珠海市人力资源和社会保障局2023年8月4日。\n")
    assert reply_of(g).label == "2023年珠海市市级技能大师工作室"
    assert relation(g, "Reply", "addressedTo") == {"中海福陆重工有限公司", "珠海格力精密模具有限公司", "珠海市技师学院"}
    assert relation(g, "Reply", "issuedBy") == {"珠海市人力资源和社会保障局"}
    assert literal(g, "Reply", "date") == {"2023-08-04"}


def test_a_row_with_an_item_that_is_no_organisation_is_no_addressee_row():
    g = resolved("技能培训、就业服务:根据《认定办法》规定,现认定如下。\n")
    assert relation(g, "Reply", "addressedTo") == set()


def test_addressees_that_are_a_level_of_bodies_under_a_metadata_block():
    g = resolved("  • 索 引 号: FZ00104-2708-2020-00134\n  • 发文机关: 福州市教育局\n  • 成文日期:2020-12-07\n"
                 "  • 标    题: 福州市教育局关于公布职业技能竞赛获奖情况的通知\n  • 发文字号: 榕教职成〔2020〕23号\n\n"
                 "各县(市)区教育局,各中等职业学校、技工院校:\n为进一步提高技能水平,举办了竞赛。\n")
    assert relation(g, "Reply", "addressedTo") == {"各县(市)区教育局"}


def test_bodies_consulted_on_the_proposal_handle_it_jointly():
    g = resolved("曾卫平代表:\n您提出的《关于支持创建技师学院的建议》已收悉。市人社局高度重视,立即协调市教育局和崇阳县人民政府,"
                 "就建议事项有关政策进行了梳理研究。\n咸宁市人力资源和社会保障局\n2022年8月2日\n")
    assert relation(g, "Reply", "coIssuedWith") == {"咸宁市教育局", "崇阳县人民政府"}


def test_a_law_is_not_the_authors_document():
    g = resolved("咸宁市人力资源和社会保障局\n2022年8月2日\n今年5月1日新颁布的《中华人民共和国职业教育法》将大力实施普职协调发展。"
                 "我局印发了《技能人才培养管理办法》。\n")
    by_id = {e.id: e for e in g.entities}
    assert {by_id[s].label for s, p, o in g.relations if p == "issuedBy" and by_id[s].cls == "PolicyDocument"} == {"技能人才培养管理办法"}


def test_a_co_handling_opinion_names_itself_and_its_proposers_in_the_body():
    g = resolved("自治区教育厅:\n自治区十四届人大二次会议期间,钟莺、黄清梅、李海桦等3名代表提出了关于支持玉林市产教融合发展建设的建议"
                 "(第2024363号),经研究,现提出协办意见如下:\n我厅认真落实有关决策部署。\n")
    assert reply_of(g).label == "协办意见"
    assert relation(g, "Proposal", "proposedBy") == {"钟莺", "黄清梅", "李海桦"}
    (addressee,) = relation(g, "Reply", "addressedTo")
    assert addressee.endswith("区教育厅")
    assert "关于支持玉林市产教融合发展建设的建议" in labels(g, "Proposal")
    assert literal(g, "Proposal", "proposalNumber") == {"2024363"}


def test_a_news_item_is_named_by_its_headline():
    g = resolved("第一届全国技能大赛圆满闭幕 湖北选手获得2银3铜和52个优胜奖\n\n12月13日,大赛闭幕式在广州举行。\n")
    assert reply_of(g).label == "第一届全国技能大赛圆满闭幕 湖北选手获得2银3铜和52个优胜奖"


@pytest.mark.parametrize("first", ["向胜飞委员", "(此件公开发布)", "首页 > 政务公开 > 建议提案", "2023-05-06", "附件1"])
def test_lines_that_are_no_headline(first):
    g = resolved(first + "\n5月6日,大赛在市体育中心举行。\n")
    assert reply_of(g).label != first


def test_a_first_line_without_a_dated_lede_is_no_headline():
    g = resolved("湖北选手获得2银3铜\n\n大赛中,湖北选手在电工和西式烹调2个项目获得银牌。\n")
    assert reply_of(g).label != "湖北选手获得2银3铜"


def test_an_issuer_whose_name_holds_the_character_of_the_title_verb():
    # 永川高新区 of a real title, read as 北关 (and 嘉峪关): 关 alone is no 关于
    for issuer in ("北关高新区", "嘉峪关市人力资源和社会保障局"):
        g = resolved(issuer + "关于区政协十五届五次会议第320号提案的复函\n邓怀勇委员:\n"
                     "您提出的《关于加强我区公共实训基地运营的提案》收悉。对此提案我委高度重视。\n")
        assert relation(g, "Reply", "issuedBy") == {issuer}


def test_a_title_opened_by_its_verb_names_no_issuer():
    g = resolved("关于对区政协第320号提案的答复\n邓怀勇委员:\n您提出的提案收悉。\n")
    assert relation(g, "Reply", "issuedBy") == set()


def test_a_title_broken_over_lines_with_its_issuer_and_the_sitting_reference():
    g = resolved("重庆市人力资源和社会保障局\n\n关于市六届人大一次会议第0501号建议办理\n\n情况的答复函\n\n"
                 "技能人才是支撑中国制造的重要力量。\n")
    assert reply_of(g).label == "重庆市人力资源和社会保障局关于市六届人大一次会议第0501号建议办理情况的答复函"
    assert relation(g, "Reply", "issuedBy") == {"重庆市人力资源和社会保障局"}
    assert "市六届人大一次会议第0501号建议" in all_names(g, "Proposal")
    assert literal(g, "Proposal", "proposalNumber") == {"0501"}  # as written


@pytest.mark.parametrize("title, reference, number", [
    ("人力资源社会保障部对十三届全国人大五次会议第1491号建议的答复", "十三届全国人大五次会议第1491号建议", "1491"),
    ("关于区政协二届四次会议第085号提案的答复", "区政协二届四次会议第085号提案", "085"),
    ("关于市政协十四届一次会议224061号提案的答复", "市政协十四届一次会议224061号提案", "224061"),
    ("关于第12号(教育类3号)提案的答复", "第12号(教育类3号)提案", "12"),
    ("关于政协十三届全国委员会第三次会议第2004号(教育类227号)提案答复的函",
     "政协十三届全国委员会第三次会议第2004号(教育类227号)提案", "2004"),
])
def test_proposal_references_keep_the_whole_sitting_prefix(title, reference, number):
    g = resolved(f"{title}\n张立委员:\n首先感谢您对我区职业教育的关心。\n")
    assert reference in all_names(g, "Proposal")
    assert literal(g, "Proposal", "proposalNumber") == {number}


def test_a_title_that_reads_x_to_y_names_its_issuer():
    g = resolved("人力资源社会保障部对十三届全国人大五次会议第1491号建议的答复\n您提出的建议收悉。\n")
    assert relation(g, "Reply", "issuedBy") == {"人力资源和社会保障部"}


# ---------------------------------------------------------------- metadata


def test_metadata_in_a_bullet_list_with_values_on_the_next_line():
    doc = from_text("  • 索  引  号|\n    717823004/2022-00124\n  • 分       类|\n    建议提案办理;建议答复\n"
                    "  • 发布单位|\n    职业能力建设司\n  • 发文字号|\n    人社建字〔2022〕153号\n时间:\n2022-08-16\n")
    fields = {k: v.text for k, v in doc.metadata.items()}
    assert fields == {"indexNumber": "717823004/2022-00124", "subjectCategory": "建议提案办理;建议答复",
                      "publisher": "职业能力建设司", "documentNumber": "人社建字〔2022〕153号", "datePublished": "2022-08-16"}
    assert doc.document_number.text == "人社建字〔2022〕153号"


def test_metadata_on_one_line_without_colons_and_labels_inside_words():
    doc = from_text("索引号 113302830029800655/2025-162526 组配分类 政协委员提案 主题分类 教育\n"
                    "文号 生成日期 2024-10-18\n发布机构 区教育局 发文日期 2025-05-26\n培训时间:三个月\n")
    fields = {k: v.text for k, v in doc.metadata.items()}
    assert fields["indexNumber"] == "113302830029800655/2025-162526"
    assert fields["subjectCategory"] == "教育"  # not 组配分类's value
    assert fields["category"] == "政协委员提案"
    assert fields["dateWritten"] == "2024-10-18" and fields["publisher"] == "区教育局"
    assert "documentNumber" not in fields and "datePublished" not in fields  # 培训时间 is no label


def test_a_sentence_that_names_fields_is_no_table():
    doc = from_text("分类 指导 发布 政策。\n")
    assert doc.metadata == {}


def test_the_publisher_and_date_of_a_page_issue_and_date_the_reply():
    g = resolved("索引号 113302830029800655/2025-162526 组配分类 政协委员提案 主题分类 教育\n"
                 "发布机构 区教育局 发文日期 2025-05-26\n关于区政协二届四次会议第085号提案的答复\n张立委员:\n"
                 "首先感谢您对我区职业教育的关心。\n")
    assert relation(g, "Reply", "issuedBy") == {"区教育局"}
    assert literal(g, "Reply", "date") == {"2025-05-26"}
    assert literal(g, "Reply", "subjectCategory") == {"教育"}


def test_a_source_line_names_the_issuer_and_the_date():
    g = resolved("关于市政协十四届一次会议224061号提案的答复\n\n日期:2022-06-27 10:59 来源:市农业农村局\n\n兰淑珍委员:\n"
                 "《关于加快人才队伍建设,助力民族地区农业农村现代化的建议》(224061号)收悉。现答复如下:\n")
    assert relation(g, "Reply", "issuedBy") == {"市农业农村局"}
    assert literal(g, "Reply", "date") == {"2022-06-27"}
    assert "关于加快人才队伍建设,助力民族地区农业农村现代化的建议" in labels(g, "Proposal")
    assert relation(g, "Proposal", "proposedBy") == {"兰淑珍"}


def test_a_ministrys_department_as_publisher_means_the_ministry_issues():
    g = resolved("人力资源社会保障部对十三届全国人大五次会议第1491号建议的答复\n  • 发布单位|\n    职业能力建设司\n"
                 "您提出的关于落实高技能人才评聘细则的建议收悉,经商全国总工会,现答复如下:\n")
    assert relation(g, "Reply", "issuedBy") == {"人力资源和社会保障部"}
    assert "职业能力建设司" in labels(g, "Agency")
    assert relation(g, "Reply", "coIssuedWith") == {"全国总工会"}
    assert "全国总工会" in labels(g, "Organization")  # a people's organisation, consulted


# ---------------------------------------------------------------- issuers from the body


@pytest.mark.parametrize("body", [
    "市人社局作为牵头单位,紧紧围绕市委、市政府决策部署,高质量推进建设工作。\n",
    "市教育局作为该提案的主办单位,高度重视办理工作。\n",
    "探索建立长期护理保险制度是一项重要部署。下一步,市医疗保障局将严格按照统一部署,做好准备工作。\n",
])
def test_the_body_reporting_its_own_work_issues_a_reply_that_names_no_issuer(body):
    g = resolved("乔艳红、善巧云委员:\n您们提出的《关于大力实施技能建设的建议》提案收悉。现答复如下:\n" + body)
    (issuer,) = relation(g, "Reply", "issuedBy")
    assert issuer.startswith("市") and issuer.endswith("局")


def test_a_body_another_body_leads_does_not_issue():
    g = resolved("张立委员:\n您提出的建议收悉。现答复如下:\n由市发改委牵头,各部门共同推进。\n")
    assert relation(g, "Reply", "issuedBy") == set()


# ---------------------------------------------------------------- addressees and proposers


def test_a_line_of_names_with_a_role_and_a_name_the_surname_list_lacks():
    g = resolved("乔艳红、善巧云委员:\n您们提出的《关于大力实施技能建设》提案收悉。现答复如下:\n")
    assert relation(g, "Reply", "addressedTo") == {"乔艳红", "善巧云"}
    assert relation(g, "Proposal", "proposedBy") == {"乔艳红", "善巧云"}


def test_names_with_deng_and_no_count():
    g = resolved("王建国、李明等代表:\n您们提出的建议收悉。现答复如下:\n")
    assert relation(g, "Reply", "addressedTo") == {"王建国", "李明"}


@pytest.mark.parametrize("line, cls", [("农工党安康市委员会:", "Organization"), ("市民建:", "Organization"),
                                       ("尊敬的教科卫体委:", "Agency"), ("省人力资源和社会保障厅:", "Agency")])
def test_an_organisation_or_a_committee_as_addressee(line, cls):
    g = resolved(f"{line}\n你们提出的《关于积极推进我市长期护理保险制度建设的几点建议》的提案收悉,现答复如下:\n")
    name = line.removeprefix("尊敬的").rstrip(":")
    assert relation(g, "Reply", "addressedTo") == {name}
    assert name in labels(g, cls)
    assert relation(g, "Proposal", "proposedBy") == ({name} if cls == "Organization" else set())


def test_a_heading_with_a_colon_is_no_addressee():
    g = resolved("发布机构:\n一、基本情况:\n现答复如下:\n")
    assert relation(g, "Reply", "addressedTo") == set()


def test_a_democratic_party_committee_named_as_proposer_in_the_body():
    g = resolved("九三学社临沂市委会提出的《关于加强校企合作的建议》收悉。现答复如下:\n")
    assert relation(g, "Proposal", "proposedBy") == {"九三学社临沂市委会"}


def test_a_proposal_title_in_quotation_marks():
    g = resolved("张立委员:\n您提出的“关于加强职业教育的建议”收悉,现答复如下:\n")
    assert "关于加强职业教育的建议" in labels(g, "Proposal")


# ---------------------------------------------------------------- document numbers


@pytest.mark.parametrize("text, found", [
    ("临人社【2021】15号", "临人社【2021】15号"), ("鲁人社[2020]114号", "鲁人社[2020]114号"),
    ("临政办发(2019)13号", "临政办发(2019)13号"), ("临人社办〔20218号", "临人社办〔20218号"),
    ("人社部发2018〕74号", "人社部发2018〕74号"), ("关于支持的建议(2024363号)", None),
])
def test_document_numbers_in_other_brackets_or_with_one_missing(text, found):
    m = DOC_NUMBER.search(text)
    assert (m.group() if m else None) == found


def test_a_document_number_with_a_missing_bracket_gives_its_year():
    g = resolved("我局印发了《关于做好技能培训工作的通知》(临人社办〔20218号)。\n")
    assert literal(g, "PolicyDocument", "year") == {"2021"}


def test_a_document_number_followed_by_a_short_name_is_its_number():
    g = resolved("根据《珠海市市级技能大师工作室认定办法》(珠人社〔2018〕285号,以下简称《办法》)规定,现认定如下。\n")
    assert literal(g, "PolicyDocument", "documentNumber") == {"珠人社〔2018〕285号"}
    assert literal(g, "PolicyDocument", "year") == {"2018"}


# ---------------------------------------------------------------- issuers and years of policy documents


def test_the_body_before_the_verb_issues_with_de_and_the_rest_co_issue():
    g = resolved("在省医疗保障局、省发改委印发的《陕西省“十四五”医疗保障事业发展规划》中明确。\n")
    # the province the title names is the province of 省…局 (resolution by the document's context)
    assert relation(g, "PolicyDocument", "issuedBy") == {"陕西省医疗保障局"}
    assert relation(g, "PolicyDocument", "coIssuedWith") == {"陕西省发展和改革委员会"}


def test_bodies_before_an_earlier_title_did_not_issue_the_next_one():
    g = resolved("根据省发展改革委、省教育厅共同研究制定的《贵州省产教融合建设试点实施方案》,"
                 "下发《关于进一步做好职业教育服务产业链人才培养相关工作的通知》。\n")
    by_id = {e.id: e for e in g.entities}
    issued = {(by_id[s].label, by_id[o].label) for s, p, o in g.relations if p == "issuedBy"}
    assert issued == {("贵州省产教融合建设试点实施方案", "贵州省发展和改革委员会")}


def test_a_body_after_according_to_is_not_the_subject():
    g = resolved("按照农业农村部指导方案,起草印发了《红河州2021年高素质农民培育工作实施方案》。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == set()


def test_a_title_that_names_its_issuer_is_not_the_authors():
    g = resolved("人力资源社会保障部\n2019年7月1日\n近年来,相继出台《国务院关于推行终身职业技能培训制度的意见》"
                 "(国发〔2018〕11号)、《国务院办公厅关于印发职业技能提升行动方案的通知》(国办发〔201924号,以下简称国办发24号文件)。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"国务院", "国务院办公厅"}
    assert relation(g, "PolicyDocument", "coIssuedWith") == set()
    assert literal(g, "PolicyDocument", "documentNumber") == {"国发〔2018〕11号", "国办发〔201924号"}


def test_the_subject_of_the_sentence_before_issues_a_title_after_a_full_stop():
    g = resolved("(二)坚持高端引领。市人社局以评选活动为平台,建立了激励机制。出台了《关于大力开展职业技能竞赛活动的意见》。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"市人社局"}


def test_put_into_effect_is_an_issuing_verb():
    g = resolved("我厅按照职能职责大力推进相关工作。印发实施《贵州支持职业教育高质量发展若干措施》,推动集聚发展。\n"
                 "贵州省教育厅\n2023年7月1日\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"贵州省教育厅"}


def test_bodies_that_fill_a_titles_prefix_issue_it_together():
    g = resolved("2015年底在收到《湖南省财政厅 湖南省教育厅关于完善高等职业院校生均经费拨款制度的通知》(湘财教〔2015〕31号)后,我局高度重视。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"湖南省财政厅"}
    assert relation(g, "PolicyDocument", "coIssuedWith") == {"湖南省教育厅"}


def test_a_document_named_inside_the_proposals_title_is_a_document():
    g = resolved("姚红等2位委员:\n你们提出的《关于落实〈国家职业教育改革实施方案〉支持职业教育发展的建议》收悉。现答复如下:\n")
    assert labels(g, "PolicyDocument") == {"国家职业教育改革实施方案"}
    assert labels(g, "Proposal") == {"关于落实〈国家职业教育改革实施方案〉支持职业教育发展的建议"}


def test_a_document_number_in_brackets_after_the_title_is_the_replys():
    g = resolved("对岳阳市政协八届四次会议第207号提案的答复(岳财字〔2020〕74号B类)\n\n来源:市财政局 发布时间:2020-07-21\n")
    assert literal(g, "Reply", "documentNumber") == {"岳财字〔2020〕74号"}


def test_a_subject_the_rules_cannot_name_is_not_the_author():
    g = resolved("湖北省人力资源和社会保障厅\n2023年4月1日\n市“人人持证”建设工作领导小组办公室印发了《2023年高质量推进建设工作方案》。\n")
    assert "湖北省人力资源和社会保障厅" not in relation(g, "PolicyDocument", "issuedBy")
    assert literal(g, "PolicyDocument", "year") == {"2023"}  # the year its title begins with


def test_a_title_with_a_range_of_years_has_no_year_from_it():
    g = resolved("为此,制定了《职业技能提升行动实施方案(2019-2021年)》。\n")
    assert literal(g, "PolicyDocument", "year") == set()


def test_named_plans_without_title_marks_after_an_issuing_verb():
    g = resolved("编制出台技工教育“十四五”发展规划,推广办学模式。印发“十四五”职业技能培训规划,加强培训。制定如下实施意见。"
                 "制定专项工作方案,明确分工。\n")
    assert labels(g, "PolicyDocument") == {"技工教育“十四五”发展规划", "“十四五”职业技能培训规划"}


def test_a_short_name_of_a_title_is_the_same_document():
    g = resolved("国家医保局、财政部下发了《关于扩大长期护理保险制度试点的指导意见》。《指导意见》中也明确要求。\n")
    (document,) = [e for e in g.entities if e.cls == "PolicyDocument"]
    assert "指导意见" in document.alt_labels


# ---------------------------------------------------------------- measures


def test_a_next_step_paragraph_is_one_measure_and_closings_are_none():
    g = resolved("农工党安康市委员会:\n你们提出的提案收悉,现答复如下:\n有关情况如下。下一步,市医疗保障局将做好准备工作,"
                 "主动加强部门协调。届时,我们将充分吸收你们提出的宝贵意见。\n"
                 "关于你们提出的“推进养老服务业健康发展”方面,我们做了以下工作:\n")
    assert labels(g, "Measure") == {"下一步,市医疗保障局将做好准备工作,主动加强部门协调"}


def test_a_next_step_sentence_that_introduces_numbered_actions_is_none():
    g = resolved("下一步,我们将从以下两个方面发力。\n一是全面促进高质量就业。聚焦需求。\n二是加强技能培训。\n")
    assert labels(g, "Measure") == {"全面促进高质量就业", "加强技能培训"}


# ---------------------------------------------------------------- handling units and dates


def test_lead_and_co_handling_units_of_the_header():
    g = resolved("主办单位:市人社局\n协办单位:市财政局、市教育局\n王建国代表:\n您提出的关于加强技能培训的建议收悉,现答复如下:\n")
    assert relation(g, "Reply", "issuedBy") == {"市人社局"}
    assert relation(g, "Reply", "coIssuedWith") == {"市财政局", "市教育局"}


def test_a_bare_date_line_dates_the_reply():
    g = resolved("王建国代表:\n您的《关于加强技能培训的建议》收悉,现答复如下:\n我们加强培训。\n2021年5月18日\n")
    assert literal(g, "Reply", "date") == {"2021-05-18"}
    assert "关于加强技能培训的建议" in labels(g, "Proposal")


def test_a_single_name_the_surname_list_lacks_before_a_role_but_no_common_word():
    g = resolved("善巧云委员:\n您提出的《关于大力实施技能建设的建议》收悉。现答复如下:\n")
    assert relation(g, "Reply", "addressedTo") == {"善巧云"}
    for line in ("各位委员:", "尊敬的委员:", "亲爱的代表:", "全体代表:"):
        g = resolved(line + "\n您们提出的《关于大力实施技能建设的建议》收悉。现答复如下:\n")
        assert relation(g, "Reply", "addressedTo") == set()


def test_a_letter_numbered_proposal_and_joint_study_in_the_opening_only():
    g = resolved("对A0123号提案的答复\n王建国委员:\n您提出的关于加强技能培训的建议收悉。我局会同市财政局、市教育局共同研究,现答复如下:\n")
    assert literal(g, "Proposal", "proposalNumber") == {"A0123"}
    assert relation(g, "Reply", "coIssuedWith") == {"市财政局", "市教育局"}
    g = resolved("王建国委员:\n您提出的关于加强技能培训的建议收悉,现答复如下:\n" + "我们加强培训。" * 250
                 + "我局会同市财政局共同研究出台了补贴政策。\n")
    assert relation(g, "Reply", "coIssuedWith") == set()


@pytest.mark.parametrize("opening, name", [
    ("经认真研究,现将会办意见函告如下:", "会办意见"), ("现就有关事项提出如下会办意见:", "会办意见"),
    ("现将有关情况答复如下:", "答复"), ("现将办理结果复函如下:", "复函"),
])
def test_what_a_reply_calls_itself(opening, name):
    g = resolved("市教育局:\n市政协提出的关于加强技工教育的提案收悉。" + opening + "\n一是加强培养。\n")
    assert reply_of(g).label == name


@pytest.mark.parametrize("title, issuer", [
    ("泉州市自然资源和规划局对市政协十三届三次会议第20240123号提案的会办意见", "泉州市自然资源和规划局"),
    ("咸宁市人力资源和社会保障局关于市政协六届二次会议第102号提案办理情况的函", "咸宁市人力资源和社会保障局"),
    ("岳阳市财政局关于市十届人大二次会议第207号建议的答复意见", "岳阳市财政局"),
])
def test_titles_of_letters_and_opinions_with_their_issuer(title, issuer):
    g = resolved(title + "\n王建国委员:\n您提出的建议收悉。\n")
    assert reply_of(g).label == title
    assert relation(g, "Reply", "issuedBy") == {issuer}


@pytest.mark.parametrize("opening, proposers", [
    ("李国庆委员在市政协十四届二次会议上提出的《关于加强技工教育的提案》收悉。", {"李国庆"}),
    ("王建国提出的关于加强技工教育的建议收悉。", {"王建国"}),
    ("您提出的关于加强技工教育的建议收悉。", set()),
    ("市人社局提出的关于加强技工教育的建议收悉。", set()),
])
def test_proposers_named_in_the_opening(opening, proposers):
    g = resolved("市教育局:\n" + opening + "现答复如下:\n")
    assert relation(g, "Proposal", "proposedBy") == proposers


def test_actions_under_a_next_step_heading_skip_introductions_but_not_age_limits():
    g = resolved("三、下一步工作打算\n我们将重点做好以下工作:\n加大对45岁以下人员的培训力度。\n完善补贴政策。\n")
    assert labels(g, "Measure") == {"加大对45岁以下人员的培训力度", "完善补贴政策"}


@pytest.mark.parametrize("sentence", [
    "我局牵头制定了《咸阳市技能人才评价管理办法》。", "我局公布实施《咸阳市技能人才评价管理办法》。",
    "2023年,印发《咸阳市技能人才评价管理办法》,规范评价工作。",
])
def test_documents_the_author_says_it_made_are_issued_by_it(sentence):
    g = resolved("张立委员:\n您提出的建议收悉,现答复如下:\n" + sentence + "\n咸阳市人力资源和社会保障局\n2025年5月22日\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"咸阳市人力资源和社会保障局"}


def test_bodies_before_a_title_issue_it_the_first_and_the_rest_co_issue():
    g = resolved("贯彻落实教育部、财政部《关于实施中国特色高水平高职学校和专业建设计划的意见》。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"教育部"}
    assert relation(g, "PolicyDocument", "coIssuedWith") == {"财政部"}


def test_a_bare_date_under_the_text_comes_before_the_publication_date():
    g = resolved("发布日期:2021-06-01\n王建国代表:\n您提出的建议收悉,现答复如下:\n我们加强培训。\n2021年5月18日\n")
    assert literal(g, "Reply", "date") == {"2021-05-18"}


def test_a_title_under_a_long_page_header_but_not_in_the_body():
    header = "".join(f"字段{i}:值{i}\n" for i in range(8))
    g = resolved(header + "关于市政协十四届一次会议第12号提案的答复\n张立委员:\n您提出的建议收悉,现答复如下:\n")
    assert reply_of(g).label == "关于市政协十四届一次会议第12号提案的答复"
    g = resolved("张立委员:\n您提出的建议收悉,现答复如下:\n我们加强培训。\n关于进一步加强技能培训的通知\n")
    assert reply_of(g).label == "答复"


def test_a_proposal_number_before_its_title_in_the_opening():
    g = resolved("王建国代表:\n您领衔提出的第0123号建议《关于加强技能人才培养的建议》收悉,现答复如下:\n")
    assert {"第0123号建议", "关于加强技能人才培养的建议"} <= all_names(g, "Proposal")
    assert literal(g, "Proposal", "proposalNumber") == {"0123"}


def test_the_addressee_and_the_other_proposers_of_the_opening():
    g = resolved("王建国代表:\n王建国、李明等2名代表提出的《关于加强技能人才培养的建议》收悉,现答复如下:\n")
    assert relation(g, "Reply", "addressedTo") == {"王建国"}
    assert relation(g, "Proposal", "proposedBy") == {"王建国", "李明"}


def test_a_pronoun_after_a_surname_character_is_no_proposer():
    g = resolved("农工党安康市委员会:\n你们提出的《关于积极推进我市长期护理保险制度建设的几点建议》的提案收悉,现答复如下:\n"
                 "关于你们提出的“推进养老服务业健康发展”方面,我们做了以下工作:\n")
    assert relation(g, "Proposal", "proposedBy") == {"农工党安康市委员会"}
    assert labels(g, "Person") == set()


def test_a_numbered_heading_that_only_introduces_the_answer_is_no_measure():
    g = resolved("一、关于推进养老服务业健康发展方面,我们做了以下工作:\n(一)加强护理人员培训。全年培训500人。\n")
    assert labels(g, "Measure") == {"加强护理人员培训"}


def test_helping_bodies_before_xieban():
    g = resolved("县政协提出的关于加强技能培训的建议收悉。本件由我局主办,县农业农村局、县乡村振兴局协办,现答复如下:\n"
                 "巫溪县人力资源和社会保障局\n2023年7月6日\n")
    assert relation(g, "Reply", "coIssuedWith") == {"巫溪县农业农村局", "巫溪县乡村振兴局"}


def test_each_sentence_of_a_next_step_paragraph_is_a_planned_action():
    g = resolved("一、关于改善职业教育发展环境的建议\n近年来,教育部做了大量工作。\n"
                 "下一步,教育部将履行好联席会议办公室职能,出台配套政策。抓紧组建国家职业教育指导咨询委员会,把各方面的积极性发挥出来。"
                 "加快推进职业教育法修订,为依法治教提供保障。\n二、关于更新观念的建议\n完善职业教育和培训体系。\n")
    assert {"下一步,教育部将履行好联席会议办公室职能,出台配套政策", "抓紧组建国家职业教育指导咨询委员会,把各方面的积极性发挥出来",
            "加快推进职业教育法修订,为依法治教提供保障"} <= labels(g, "Measure")
    assert "完善职业教育和培训体系" not in labels(g, "Measure")


def test_an_answer_to_one_point_of_the_proposal_is_a_planned_action():
    g = resolved("我局的办理意见如下:\n目前,我局正在开展规划编制工作。关于高起点建设技师学院的建议,我局将积极配合做好资源要素保障工作。\n"
                 "泉州市自然资源和规划局\n2023年4月21日\n")
    assert labels(g, "Measure") == {"关于高起点建设技师学院的建议,我局将积极配合做好资源要素保障工作"}


def test_a_full_date_leading_the_sentence_gives_the_year():
    g = resolved("2019年1月24日,国务院印发《国家职业教育改革实施方案》,明确了全面深化职业教育改革的顶层设计。\n")
    assert literal(g, "PolicyDocument", "year") == {"2019"}


def test_the_office_of_a_department_that_heads_a_title_issues_it():
    g = resolved("下发《省教育厅办公室关于进一步做好职业教育服务32个产业链人才培养相关工作的通知》进一步深化我省产教融合。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"省教育厅办公室"}


def test_a_document_the_author_is_drafting_is_the_authors():
    g = resolved("泉州市自然资源和规划局\n2023年4月21日\n目前,我局正在开展《泉州市高教职教园区总体概念规划》编制工作。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == {"泉州市自然资源和规划局"}


def test_a_document_followed_by_other_work_is_not_the_authors():
    g = resolved("泉州市自然资源和规划局\n2023年4月21日\n我局按照《职业技能提升行动方案》开展培训工作。\n")
    assert relation(g, "PolicyDocument", "issuedBy") == set()


def test_a_year_after_the_place_that_opens_a_title_is_its_year():
    g = resolved("按照农业农村部指导方案,起草印发了《红河州2021年高素质农民培育工作实施方案》。\n")
    assert literal(g, "PolicyDocument", "year") == {"2021"}


def test_a_reply_without_signature_is_issued_by_the_body_opening_its_own_account():
    g = resolved("对十四届全国人大二次会议第0124号建议的答复摘要\n\n侯二河等8代表:\n"
                 "你们提出的关于大力实施乡村人才培育工程促进乡村人才振兴的建议收悉。现答复如下:\n"
                 "2021年,中共中央办公厅、国务院办公厅印发《关于加快推进乡村人才振兴的意见》,作出全面部署。"
                 "农业农村部会同有关部门,认真贯彻落实中央有关决策部署。\n")
    assert relation(g, "Reply", "issuedBy") == {"农业农村部"}


def test_a_body_co_handling_mid_sentence_is_not_the_replier():
    g = resolved("对第0124号建议的答复\n\n侯二河代表:\n你们提出的关于促进乡村人才振兴的建议收悉。现答复如下:\n"
                 "近年来,农业农村部会同有关部门认真贯彻落实中央有关决策部署。\n")
    assert relation(g, "Reply", "issuedBy") == set()


def test_a_body_opening_a_sentence_with_named_partners_is_not_the_replier():
    g = resolved("对第0124号建议的答复\n\n侯二河代表:\n你们提出的关于促进乡村人才振兴的建议收悉。现答复如下:\n"
                 "市人社局会同市财政局印发《关于技能人才的通知》。\n")
    assert relation(g, "Reply", "issuedBy") == set()
