"""Each extraction rule, on real sentences from documents of the genre."""
from decimal import Decimal

import pytest

from helpers import all_names, labels, resolved
from skillgraph.normalize import chinese_to_int, month_of, to_decimal


def relation(graph, subject_label: str, prop: str) -> set[str]:
    by_id = {e.id: e for e in graph.entities}
    return {by_id[o].label for s, p, o in graph.relations if p == prop and by_id[s].label == subject_label}


def literal(graph, subject_label: str, prop: str) -> set[str]:
    by_id = {e.id: e for e in graph.entities}
    return {v for s, p, v in graph.literals if p == prop and by_id[s].label == subject_label}


def figures(graph) -> list[tuple]:
    return [(s.figure.value, s.figure.unit, s.figure.qualifier, s.figure.indicator, s.figure.period_start)
            for s in graph.statistics]


# ---------------------------------------------------------------- numbers and dates

@pytest.mark.parametrize("text, value", [("三", 3), ("十一", 11), ("二十五", 25), ("千", 1000), ("万", 10000),
                                         ("一万二千", 12000), ("两百", 200)])
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value


def test_magnitudes_normalise():
    assert to_decimal("1.6", "万") == Decimal("16000")
    assert to_decimal("1,000") == Decimal("1000")
    assert to_decimal("1.1", "亿") == Decimal("110000000")


def test_relative_months_resolve_against_the_reply_date():
    assert month_of("去年5月份,我市选手", "2025-05-22") == "2024-05"
    assert month_of("今年四月,学院与", "2025-07-31") == "2025-04"
    assert month_of("2023年4月", None) == "2023-04"
    assert month_of("去年5月份", None) is None


# ---------------------------------------------------------------- the reply itself

REPLY = (
    "| 文号 | 咸人社函〔2025〕140号 | 发布机构 | 市人社局 |\n"
    "签发人:李卫东\n"
    "张卫婷委员:\n"
    "您提出的《关于大力发展职业教育的建议》(第440号)收悉。现答复如下:\n"
    "近年来,我局深入学习贯彻。\n"
    "咸阳市人力资源和社会保障局\n"
    "2025年5月22日\n"
)


def test_reply_number_signer_addressee_proposal_and_issuer():
    g = resolved(REPLY)
    assert labels(g, "Reply") == {"咸人社函〔2025〕140号"}
    assert relation(g, "咸人社函〔2025〕140号", "signedBy") == {"李卫东"}
    assert relation(g, "咸人社函〔2025〕140号", "addressedTo") == {"张卫婷"}
    assert relation(g, "咸人社函〔2025〕140号", "repliesTo") == {"关于大力发展职业教育的建议"}
    assert relation(g, "关于大力发展职业教育的建议", "proposedBy") == {"张卫婷"}
    assert literal(g, "关于大力发展职业教育的建议", "proposalNumber") == {"440"}
    assert literal(g, "咸人社函〔2025〕140号", "date") == {"2025-05-22"}
    assert relation(g, "咸人社函〔2025〕140号", "issuedBy") == {"咸阳市人力资源和社会保障局"}


def test_short_names_and_self_reference_resolve_to_the_issuer():
    g = resolved(REPLY)
    agencies = [e for e in g.entities if e.cls == "Agency"]
    assert len(agencies) == 1
    assert {"市人社局", "我局"} <= set(agencies[0].alt_labels)
    assert agencies[0].id == "agency/咸阳市人力资源和社会保障局"


def test_bare_short_name_without_a_named_city_stays_in_its_document():
    g = resolved("市人社局也先后制定了《职业培训管理暂行办法》。")  # no city anywhere (a title naming one decides: test_pipeline)
    (agency,) = [e for e in g.entities if e.cls == "Agency"]
    assert agency.id.startswith("doc/t/agency/")


def test_title_prefix_names_the_issuer_and_the_proposal():
    g = resolved("2025年度薛城区教体局关于区政协十届四次会议第104019号提案的回复\n于瀛委员:\n"
                 "您提出的关于进一步加强产教融合、实现融合共赢的建议的提案收悉。\n")
    (reply,) = labels(g, "Reply")
    assert relation(g, reply, "issuedBy") == {"薛城区教育和体育局"}
    assert "区政协十届四次会议第104019号提案" in all_names(g, "Proposal")
    assert "关于进一步加强产教融合、实现融合共赢的建议" in all_names(g, "Proposal")
    assert literal(g, "关于进一步加强产教融合、实现融合共赢的建议", "proposalNumber") == {"104019"}
    assert "区政协" in all_names(g, "Agency") and "薛城区政协" in labels(g, "Agency")  # the issuer's district


def test_a_reply_to_a_peoples_congress_suggestion_with_contact_and_joint_issuers():
    g = resolved("对市人大十七届三次会议第0123号建议的答复\n王建国代表:\n您提出的《关于加强技能人才培养的建议》收悉。"
                 "经商市财政局,现答复如下:\n市委组织部、市人社局联合印发了《关于加强高技能人才队伍建设的实施意见》。\n"
                 "联系人:李明,联系电话:0512-12345678\n苏州市人力资源和社会保障局\n2024年6月10日\n")
    reply = "对市人大十七届三次会议第0123号建议的答复"
    assert labels(g, "Reply") == {reply}
    assert relation(g, reply, "coIssuedWith") == {"苏州市财政局"}  # 市 of a Suzhou bureau's reply
    assert literal(g, "关于加强技能人才培养的建议", "proposalNumber") == {"0123"}
    assert labels(g, "Person") == {"王建国", "李明"}
    title = "关于加强高技能人才队伍建设的实施意见"
    assert relation(g, title, "issuedBy") == {"苏州市委组织部"}
    assert relation(g, title, "coIssuedWith") == {"苏州市人力资源和社会保障局"}
    assert not labels(g, "Agency") & {"组织办"}


def test_consulted_agencies_are_co_issuers():
    g = resolved("人社建字〔2025〕141号\n您提出的关于多措并举助力零工市场有序发展的建议收悉。"
                 "经商国家发展改革委、司法部、财政部、住房城乡建设部、市场监管总局,现答复如下:\n"
                 "为此,人力资源社会保障部积极会同有关部门。\n")
    assert relation(g, "人社建字〔2025〕141号", "coIssuedWith") == {
        "国家发展和改革委员会", "司法部", "财政部", "住房和城乡建设部", "市场监督管理总局"}
    assert relation(g, "人社建字〔2025〕141号", "issuedBy") == {"人力资源和社会保障部"}


def test_notice_addressees_are_definite_bodies_only():
    g = resolved("渝高技办〔2024〕3号\n各区县(自治县)高技能人才工作机构,两江新区、万盛经开区高技能人才工作有关单位,"
                 "有关人民团体:\n现将有关事项通知如下。\n")
    assert relation(g, "渝高技办〔2024〕3号", "addressedTo") == {"各区县(自治县)高技能人才工作机构"}
    assert {"两江新区", "万盛经开区"} <= labels(g, "Place")


def test_signature_line_before_a_date_names_the_issuer():
    g = resolved("渝高技办〔2024〕3号\n请认真抓好落实。\n重庆市高技能人才工作联席会办公室\n2024年4月9日\n")
    assert relation(g, "渝高技办〔2024〕3号", "issuedBy") == {"重庆市高技能人才工作联席会办公室"}
    assert literal(g, "渝高技办〔2024〕3号", "date") == {"2024-04-09"}


# ---------------------------------------------------------------- documents, concepts, measures

def test_policy_documents_with_issuers_numbers_and_years():
    g = resolved("根据中共中央办公厅、国务院办公厅《关于加强新时代高技能人才队伍建设的意见》(中办发〔2022〕58号)"
                 "和人力资源社会保障部等七部门《关于实施高技能领军人才培育计划的通知》(人社部发〔2024〕29号)精神。")
    central = "中办发〔2022〕58号"  # a policy document with a 文号 is named by it, its title another name
    assert "关于加强新时代高技能人才队伍建设的意见" in all_names(g, "PolicyDocument")
    assert relation(g, central, "issuedBy") == {"中共中央办公厅"}
    assert relation(g, central, "coIssuedWith") == {"国务院办公厅"}
    assert literal(g, central, "documentNumber") == {"中办发〔2022〕58号"}
    assert literal(g, central, "year") == {"2022"}
    assert relation(g, "人社部发〔2024〕29号", "issuedBy") == {"人力资源和社会保障部"}
    assert not [s for s in g.statistics if s.figure.unit == "部门"]  # 七部门 is no figure


def test_issuing_verb_takes_the_nearest_subject_and_a_run_of_titles():
    g = resolved("多年以来,市委市政府高度重视,先后印发了《关于切实做好高技能人才工作的实施意见》"
                 "《市人民政府办公厅关于实施紧缺技能人才振兴计划的意见》等文件。")
    assert relation(g, "关于切实做好高技能人才工作的实施意见", "issuedBy") == {"市政府"}
    assert relation(g, "市人民政府办公厅关于实施紧缺技能人才振兴计划的意见", "issuedBy") == {
        "市政府", "市人民政府办公厅"}
    assert "关于实施紧缺技能人才振兴计划的意见" in all_names(g, "PolicyDocument")


def test_jointly_issued_with_a_generic_department_and_its_year():
    g = resolved(REPLY + "2023年,会同教育部门下发了《关于推动职业学校开展职业技能等级认定工作的通知》。")
    title = "关于推动职业学校开展职业技能等级认定工作的通知"
    assert relation(g, title, "issuedBy") == {"咸阳市人力资源和社会保障局"}
    assert relation(g, title, "coIssuedWith") == {"教育部门"}
    assert literal(g, title, "year") == {"2023"}


def test_generic_department_without_a_fact_is_not_an_entity():
    g = resolved("人社部门围绕全市现代产业体系先后出台政策文件。")
    assert "人社部门" not in labels(g, "Agency")


def test_nested_title_is_a_document_of_its_own():
    g = resolved("市人社局制定了《关于贯彻〈市人民政府关于加强职业培训促进就业的意见〉的实施意见》。")
    assert "市人民政府关于加强职业培训促进就业的意见" in labels(g, "PolicyDocument")
    assert relation(g, "市人民政府关于加强职业培训促进就业的意见", "issuedBy") == {"市人民政府"}


def test_quotes_are_concepts_unless_inside_a_title():
    g = resolved("以“人社工作进园区”为总抓手,围绕全市“16+8+3”现代产业体系,制定《武汉市农民工职业技能提升计划-“春潮行动”实施方案》。")
    assert labels(g, "Concept") == {"人社工作进园区", "16+8+3"}


def test_measures_numbered_and_planned():
    g = resolved("一是健全完善政策体系,搭建人才培育平台。按照方案。\n下一步,我们将从以下3个方面发力。\n"
                 "一是全面促进高质量就业。聚焦需求。\n")
    assert labels(g, "Measure") == {"健全完善政策体系,搭建人才培育平台", "全面促进高质量就业"}
    assert not g.statistics  # 3个方面 enumerates, it does not count


def test_unnumbered_actions_under_a_next_step_heading():
    g = resolved("二、下一步工作打算\n继续扶持我区公共实训基地的发展。同时,会同区人力社保局研究制订办法。\n")
    assert {"继续扶持我区公共实训基地的发展", "同时,会同区人力社保局研究制订办法"} <= labels(g, "Measure")


# ---------------------------------------------------------------- platforms, statistics

TIERS = ("全面构建以公共实训基地、民办职业技能培训学校和企业为基础,职业院校为标杆,高技能人才培训基地、"
         "技能大师工作室为引领的三级技能人才培养平台体系,目前,建设高技能人才培养基地7个,技能大师工作室9个。")


def test_tiered_platform_system():
    g = resolved(TIERS)
    assert labels(g, "PlatformSystem") == {"三级技能人才培养平台体系"}
    assert relation(g, "基础", "includes") == {"公共实训基地", "民办职业技能培训学校", "企业"}
    assert relation(g, "标杆", "includes") == {"职业院校"}
    assert relation(g, "引领", "includes") == {"高技能人才培训基地", "技能大师工作室"}
    assert [literal(g, t, "rank") for t in ("基础", "标杆", "引领")] == [{"1"}, {"2"}, {"3"}]


def test_spelling_variants_of_a_kind_are_one_node_and_counted():
    g = resolved(TIERS)
    (base,) = [e for e in g.entities if e.label == "高技能人才培训基地"]
    assert "高技能人才培养基地" in base.alt_labels
    (seven,) = [s for s in g.statistics if s.figure.value == 7]
    assert seven.counts == base.id


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("2022年以来,全市职业院校累计开展技能培训5413人次,拨付补贴资金1000多万元。",
         [(Decimal(5413), "人次", "Exact", "技能培训", "2022"), (Decimal(10000000), "元", "AtLeast", "补贴资金", "2022")]),
        ("2022年以来,开展职业技能等级认定1.6万人次,认定后取得证书1.2万人。",
         [(Decimal(16000), "人次", "Exact", "职业技能等级认定", "2022"), (Decimal(12000), "人", "Exact", "证书", "2022")]),
        ("累计组织近千名选手参加全国、全省各类竞赛20余次,取得国家级、省级奖项50多个。",
         [(Decimal(1000), "名", "Approximately", "选手", None), (Decimal(20), "次", "AtLeast", "各类竞赛", None),
          (Decimal(50), "个", "AtLeast", "省级奖项", None)]),
        ("吸纳103家返乡创业型企业入驻,提供就业岗位1754个,年销售产值达1.1亿元。",
         [(Decimal(103), "家", "Exact", "返乡创业型企业", None), (Decimal(1754), "个", "Exact", "就业岗位", None),
          (Decimal(110000000), "元", "Exact", "销售产值", None)]),
        ("监测户可申请小额信贷(5万元),扩大承贷金融机构范围,从2022年的3家银行增加到6家。",
         [(Decimal(50000), "元", "Exact", "小额信贷", None), (Decimal(3), "家", "Exact", "银行", None),
          (Decimal(6), "家", "Exact", "银行", None)]),
        ("计划用3年时间,从扩容省份、新增企业、拓展行业三个维度推进。", [(Decimal(3), "年", "Exact", "时间", None)]),
        ("您在县政协十一届一次会议上提出的建议,已于第二届大赛上说明。", []),
    ],
)
def test_figures(sentence, expected):
    got = [(v.normalize(), u, q, i, p) for v, u, q, i, p in figures(resolved(sentence))]
    assert [(v.normalize(), u, q, i, p) for v, u, q, i, p in expected] == got


def test_the_same_figure_reported_twice_is_one_statistic():
    g = resolved("持续培育三个市级农民工返乡创业园。截至目前,我县建立了3个农民工返乡创业园。")
    (parks,) = g.statistics
    assert len(parks.mentions) == 2


def test_counted_institutions_become_platform_kinds():
    g = resolved("全市职业院校共备案政府补贴培训目录清单机构21家,共备案社会职业技能等级评价机构20家。")
    assert {"政府补贴培训目录清单机构", "社会职业技能等级评价机构"} <= labels(g, "PlatformType")
    assert all(s.counts for s in g.statistics)


# ---------------------------------------------------------------- organisations, people, places, contests

def test_named_organisations_and_their_boundaries():
    g = resolved("作为枣庄职业教育富集区,当前薛城区属职业(技工)院校有枣矿集团技术学院和枣庄理工学校。枣矿集团技术学院先后与巽风科技合作共建人工智能产业学院;"
                 "学院与薛经开集团合作创建低空飞行器学院。枣庄理工学校与芜湖图塔机器人职业培训学校有限公司、枣庄育华职业培训学校三方联合成立。")
    assert labels(g, "Organization") == {"枣矿集团技术学院", "枣庄理工学校", "巽风科技", "人工智能产业学院", "薛经开集团",
                                         "低空飞行器学院", "芜湖图塔机器人职业培训学校有限公司", "枣庄育华职业培训学校"}
    assert "薛城区" in labels(g, "Place") and "枣庄市" in labels(g, "Place")


def test_a_list_of_studios_glued_to_their_host_companies():
    g = resolved("付一鸣技能大师工作室武汉地铁集团有限公司杨开龙技能大师工作室中铁十一局集团第四工程有限公司"
                 "段杨技能大师工作室格力暖通制冷设备(武汉)有限公司")
    assert labels(g, "Person") == {"付一鸣", "杨开龙", "段杨"}
    assert labels(g, "Organization") == {"付一鸣技能大师工作室", "武汉地铁集团有限公司", "杨开龙技能大师工作室",
                                         "中铁十一局集团第四工程有限公司", "段杨技能大师工作室", "格力暖通制冷设备(武汉)有限公司"}
    for master in ("付一鸣", "杨开龙", "段杨"):  # each the master of the studio named after them, of no other
        assert relation(g, master, "masterOf") == {f"{master}技能大师工作室"}


def test_generic_kinds_are_not_organisations():
    g = resolved("对我区实训基地运营工作高度重视,全市职业院校和县级公共实训基地5个。")
    assert not labels(g, "Organization")


def test_places_only_on_their_own_and_on_word_boundaries():
    g = resolved("聚焦咸阳重点产业。为贯彻落实党的二十大关于加快建设的部署,咸阳市人力资源和社会保障局会同企业新建西门子智能制造公共实训基地。")
    assert labels(g, "Place") == {"咸阳市"}


def test_competition_event_award_winner_and_date():
    g = resolved(REPLY + "2023年,成功举办咸阳市第一届职业技能大赛。去年5月份,我市选手杨婉洁在第二届全国乡村振兴职业技能大赛育婴赛项中荣获铜奖。")
    assert labels(g, "Competition") == {"咸阳市第一届职业技能大赛", "第二届全国乡村振兴职业技能大赛"}
    assert literal(g, "咸阳市第一届职业技能大赛", "year") == {"2023"}
    assert literal(g, "咸阳市第一届职业技能大赛", "edition") == {"1"}
    assert relation(g, "育婴赛项", "partOf") == {"第二届全国乡村振兴职业技能大赛"}
    assert relation(g, "铜奖", "awardedTo") == {"杨婉洁"}
    assert relation(g, "铜奖", "inEvent") == {"育婴赛项"}
    assert literal(g, "铜奖", "date") == {"2024-05"}


def test_groups_of_contests_are_not_named_contests():
    g = resolved("参加全国、全省各类竞赛20余次,健全完善市级职业技能竞赛体系。")
    assert not labels(g, "Competition")


# ---------------------------------------------------------------- the genre beyond the first documents

def test_full_width_punctuation_reads_like_ascii_and_anchors_keep_it(tmp_path):
    from skillgraph import pipeline as p
    from skillgraph.store import to_rdflib

    text = "索引号：014109462/2023-00214\n文　　号：常人社建〔2023〕17号\n王建国代表：\n　　（一）深化产教融合、校企合作。\n"
    path = tmp_path / "fw.txt"
    path.write_text(text, encoding="utf-8")
    triples, doc = p.build_document(path)
    graph, g = to_rdflib(triples), p.process(doc)
    assert labels(g, "Reply") == {"常人社建〔2023〕17号"}
    assert labels(g, "Person") == {"王建国"} and labels(g, "Measure") == {"深化产教融合、校企合作"}
    anchors = {str(o) for o in graph.objects(None, rdflib_sg("anchorOf"))}
    assert "王建国" in anchors and "深化产教融合、校企合作" in anchors
    for m in graph.subjects(rdflib_sg("anchorOf"), None):
        b, e = int(graph.value(m, rdflib_sg("beginIndex"))), int(graph.value(m, rdflib_sg("endIndex")))
        assert text[b:e] == str(graph.value(m, rdflib_sg("anchorOf")))


def rdflib_sg(name: str):
    import rdflib

    return rdflib.URIRef("https://w3id.org/skillgraph/ontology#" + name)


def test_awards_in_other_word_orders_with_their_events():
    g = resolved("在第一届全国技能大赛中,我市选手共获得金牌1枚、银牌2枚,其中常州技师学院学生李晨阳获得数控铣赛项金牌,"
                 "何思琪同学获得美发项目银牌。")
    assert relation(g, "金牌", "awardedTo") == {"李晨阳"} and relation(g, "银牌", "awardedTo") == {"何思琪"}
    assert relation(g, "金牌", "inEvent") == {"数控铣赛项"} and relation(g, "银牌", "inEvent") == {"美发项目"}
    assert relation(g, "数控铣赛项", "partOf") == {"第一届全国技能大赛"}
    assert {(s.figure.value, s.figure.unit, s.figure.indicator) for s in g.statistics} == {
        (Decimal(1), "枚", "金牌"), (Decimal(2), "枚", "银牌")}  # medal counts are figures, not awards


def test_listed_events_and_a_contest_named_after_a_province():
    g = resolved("成功举办潍坊市第十一届职工职业技能大赛,设焊工、数控车工、电工等16个工种。"
                 "在2019年山东省职工职业技能大赛中,高建民、于晓婷3名同志获得个人一等奖。")
    assert relation(g, "焊工", "partOf") == {"潍坊市第十一届职工职业技能大赛"}
    assert {"焊工", "数控车工", "电工"} <= labels(g, "CompetitionEvent")
    assert "山东省职工职业技能大赛" in labels(g, "Competition")
    assert literal(g, "山东省职工职业技能大赛", "year") == {"2019"}
    assert {"高建民", "于晓婷"} <= labels(g, "Person")


def test_people_in_lists_tables_and_after_roles_but_not_bodies():
    g = resolved("确定李国庆等8名同志为首席技师。楼晓峰、陈美玲、何军3名同志获评技能大师。\n1 王建伟 男 中国一拖集团有限公司 装配钳工\n"
                 "遵义市发展和改革委员会关于答复的函。金华市级技能大师工作室12家。")
    assert labels(g, "Person") == {"李国庆", "楼晓峰", "陈美玲", "何军", "王建伟"}


def test_organisation_names_lose_the_verb_before_them_and_quotes_make_names():
    g = resolved("支持遵义职业技术学院、贵州航天职业技术学院建设实训基地。支持茅台学院与企业共建“酱香酒产业学院”。"
                 "(义乌市技能人才公共实训基地)建成投用。")
    assert {"遵义职业技术学院", "贵州航天职业技术学院", "茅台学院", "酱香酒产业学院", "义乌市技能人才公共实训基地"} <= labels(
        g, "Organization")
    assert not labels(g, "Concept")


def test_planned_actions_stop_at_the_closing_formula():
    g = resolved("三、下一步工作打算\n继续推动三项工程提质扩容。\n专此函复。\n佛山市南海区人力资源和社会保障局\n2021年7月15日\n")
    assert labels(g, "Measure") == {"继续推动三项工程提质扩容"}
    assert not g.statistics  # 三项工程 names a programme, it counts nothing


def test_chinese_numeral_signature_date_and_a_reports_own_title():
    g = resolved("义乌市人力资源和社会保障局2024年职业技能培训工作总结和2025年工作思路\n正文。\n"
                 "潍坊市总工会\n二〇二〇年六月十八日\n")
    (reply,) = labels(g, "Reply")
    assert reply.endswith("工作思路")
    assert literal(g, reply, "date") == {"2020-06-18"}
    assert relation(g, reply, "issuedBy") == {"潍坊市总工会"}


def test_places_after_a_preposition_and_zones():
    g = resolved("二是在汇川区、播州区各布局建设1个市域产教联合体。加强与粤港澳大湾区城市的合作。西湖管理区建设。")
    assert {"汇川区", "播州区", "粤港澳大湾区"} <= labels(g, "Place")
    assert "西湖区" not in labels(g, "Place")


def test_html_page_furniture_by_class_and_id_is_dropped(tmp_path):
    from skillgraph.document import read

    page = ("<html><body><div class='top-nav'>首页</div><div id='content'><p>张卫婷委员:</p><p>正文。</p></div>"
            "<div class='related-links'><a>《不相关的实施方案》</a></div><div id='footer'>南海区人民政府办公室</div></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    text = read(path).text
    assert "张卫婷委员" in text and "不相关" not in text and "办公室" not in text and "首页" not in text


def test_offices_of_a_body_and_joint_levels():
    g = resolved("各县区人力资源和社会保障局:市政协提案委员会转来提案。请市政府督查室督办。")
    assert {"各县区人力资源和社会保障局", "市政协提案委员会", "市政府督查室"} <= labels(g, "Agency")
    assert "市政府" not in labels(g, "Agency")


def test_people_in_flattened_tables_and_after_a_title():
    g = resolved("一、金牌\n刘志鹏  哈尔滨电机厂有限责任公司  数控铣项目\n| 3 | 桂林市 | 莫志刚技能大师工作室 | 桂林福达股份有限公司 |\n"
                 "序号\n1\n钟国华\n赣州虔东稀土集团\n局长 王志刚\n")
    assert labels(g, "Person") == {"刘志鹏", "莫志刚", "钟国华", "王志刚"}
    assert {"哈尔滨电机厂有限责任公司", "桂林福达股份有限公司"} <= labels(g, "Organization")


def test_two_issuers_in_a_title_and_the_author_with_partners():
    g = resolved("广西壮族自治区人力资源和社会保障厅 广西壮族自治区财政厅关于下达建设项目的通知\n桂人社发〔2018〕47号\n"
                 "我厅会同省发展改革委、省财政厅联合印发《关于推进技工教育高质量发展的实施意见》。\n")
    assert relation(g, "桂人社发〔2018〕47号", "issuedBy") == {"广西壮族自治区人力资源和社会保障厅"}
    assert relation(g, "桂人社发〔2018〕47号", "coIssuedWith") == {"广西壮族自治区财政厅"}
    title = "关于推进技工教育高质量发展的实施意见"
    assert relation(g, title, "issuedBy") == {"广西壮族自治区人力资源和社会保障厅"}
    assert len(relation(g, title, "coIssuedWith")) == 2


def test_a_contest_named_with_and_without_its_edition_is_one_node():
    g = resolved("在第47届世界技能大赛中,我省选手获得金牌2枚。世界技能大赛是最高水平的职业技能赛事。")
    assert labels(g, "Competition") == {"第47届世界技能大赛"}
    assert literal(g, "第47届世界技能大赛", "edition") == {"47"}


def test_a_notice_issues_its_attachment_in_its_year():
    g = resolved("张政办发〔2023〕41号\n《张掖市技能人才队伍建设三年行动实施方案》已经市政府同意,现印发给你们。\n"
                 "张掖市人民政府办公室\n2023年6月9日\n")
    title = "张掖市技能人才队伍建设三年行动实施方案"
    assert relation(g, title, "issuedBy") == {"张掖市人民政府办公室"}
    assert literal(g, title, "year") == {"2023"}


def test_addressees_listed_after_a_plural_body_and_bracketed_levels():
    g = resolved("赣人社字〔2020〕5号\n各县(市、区)人力资源和社会保障局、财政局,有关单位:\n请认真贯彻执行。\n")
    assert relation(g, "赣人社字〔2020〕5号", "addressedTo") == {"各县(市、区)人力资源和社会保障局", "财政局"}
    assert not relation(g, "赣人社字〔2020〕5号", "issuedBy")  # the readers are not the author


def test_jointly_signed_notice_and_bodies_of_a_government():
    g = resolved("宜人社发〔2022〕12号\n根据人力资源社会保障部、财政部、国务院国资委《关于全面推行企业新型学徒制的意见》精神。\n"
                 "宜宾市人力资源和社会保障局 宜宾市财政局 宜宾市人民政府国有资产监督管理委员会\n2022年5月16日\n")
    reply = "宜人社发〔2022〕12号"
    assert relation(g, reply, "issuedBy") == {"宜宾市人力资源和社会保障局"}
    assert relation(g, reply, "coIssuedWith") == {"宜宾市财政局", "宜宾市人民政府国有资产监督管理委员会"}
    assert literal(g, reply, "date") == {"2022-05-16"}
    assert relation(g, "关于全面推行企业新型学徒制的意见", "coIssuedWith") == {"财政部", "国务院国有资产监督管理委员会"}


def test_contest_forms_and_event_lists():
    g = resolved("举办株洲市第二届家政服务职业技能竞赛,设置育婴员、家政服务员2个赛项。世赛选拔项目3个:焊接、数控铣、网络安全。"
                 "举办任城区首届乡村工匠技能大赛。参加泉州市职业技能大赛。")
    assert {"育婴员", "家政服务员", "焊接", "数控铣", "网络安全"} <= labels(g, "CompetitionEvent")
    assert relation(g, "育婴员", "partOf") == {"株洲市第二届家政服务职业技能竞赛"}
    assert literal(g, "任城区首届乡村工匠技能大赛", "edition") == {"1"}
    assert "泉州市职业技能大赛" in labels(g, "Competition") and "泉州市" not in labels(g, "Place")


def test_rates_bare_kinds_and_helpers():
    g = resolved("南部县人力资源和社会保障局关于县人大第12号建议的答复\n本建议由我局主办,县农业农村局、县乡村振兴局协办。"
                 "按每人1200元标准给予培训补贴。建成技能大师工作室。确定8家工作室。")
    figures_by_value = {s.figure.value: s for s in g.statistics}
    assert figures_by_value[Decimal(1200)].figure.indicator == "培训补贴"
    (kind,) = [e for e in g.entities if e.label == "技能大师工作室"]
    assert figures_by_value[Decimal(8)].counts == kind.id
    assert "工作室" not in labels(g, "PlatformType")
    assert relation(g, "南部县人力资源和社会保障局关于县人大第12号建议的答复", "coIssuedWith") == {"南部县农业农村局", "南部县乡村振兴局"}


def test_towns_and_zones_need_a_name():
    g = resolved("在唐口街道、喻屯镇建设乡村工匠工作站。积极组织开发区企业参加。各乡镇、街道要落实。社区就业服务站12个。")
    assert labels(g, "Place") == {"唐口街道", "喻屯镇"}
    assert not labels(g, "Organization")


def test_a_title_on_a_line_of_its_own_is_a_document_and_hides_its_place():
    g = resolved("宜人社发〔2022〕12号\n宜宾市人力资源和社会保障局\n2022年5月16日\n宜宾市全面推行企业新型学徒制的实施意见\n"
                 "一、总体要求\n嘉兴市级技能大师工作室12家。\n")
    assert "宜宾市全面推行企业新型学徒制的实施意见" in labels(g, "PolicyDocument")
    assert not labels(g, "Place")  # 宜宾市 only inside names, 嘉兴市 only as a level
