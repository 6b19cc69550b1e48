"""区住房和城乡建设局: 建筑工程施工许可, 商品房预售许可, penalties with benchmarks, 质量安全
监督检查; a revoked licence (施工总承包三级资质, abolished by the qualification reform) and a
draft (竣工验收备案)."""

from __future__ import annotations

import datetime

from lianjing.powers.demo.procedures import inspection_flow, licence_flow, penalty_flow
from lianjing.powers.demo.spec import (
    DRAFT,
    GRAVE,
    MINOR,
    ORDINARY,
    REVOKED,
    SERIOUS,
    PowerT,
    cd,
    decide,
    dept,
    deputy,
    end,
    grades,
    head,
    in_charge,
    other,
    post,
    start,
    step,
    wd,
)

BUILDING_LAW = "中华人民共和国建筑法"
QUALITY_REGULATION = "建设工程质量管理条例"
PERMIT_RULES = ("建筑工程施工许可管理办法", "")
NOT_PUNISHED = "《中华人民共和国行政处罚法》第三十三条第一款"

PERMIT_CLERK = (post("施工许可审批员"),)
SITE_INSPECTOR = (post("质量安全监督员"),)
STATION = (head("建设工程质量安全监督站"),)
STATION_LEADER = (in_charge("建设工程质量安全监督站"), deputy(1))
LEGAL = (post("法制审核员"), dept("政策法规科"), dept("办公室"))

CONSTRUCTION_PERMIT = PowerT(
    "XK-001",
    "建筑工程施工许可",
    "licensing",
    "对本行政区域内工程投资额在30万元以上或者建筑面积在300平方米以上的房屋建筑及其附属设施"
    "和城镇市政基础设施工程，在开工前由建设单位申请领取施工许可证。",
    ((BUILDING_LAW, "第七条、第八条"), PERMIT_RULES, ("中华人民共和国行政许可法", "")),
    licence_flow(
        subject="建筑工程施工许可",
        window=PERMIT_CLERK,
        reviewer=PERMIT_CLERK,
        approver=(in_charge("建筑业管理科"), deputy(0)),
        conditions="已经办理该建筑工程用地批准手续；依法应当办理建设工程规划许可证的，已经取得"
        "建设工程规划许可证；需要拆迁的，其拆迁进度符合施工要求；已经确定建筑施工企业；有满足"
        "施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。",
        certificate="建筑工程施工许可证",
        review=wd(3),
        decide_in=wd(2),
    ),
    department=(dept("建筑业管理科"),),
    service_target="建设单位",
    limit=cd(7),
)

PRESALE_PERMIT = PowerT(
    "XK-002",
    "商品房预售许可",
    "licensing",
    "对房地产开发企业预售商品房的申请进行审查，核发商品房预售许可证明，预售资金纳入监管账户。",
    (
        ("中华人民共和国城市房地产管理法", "第四十五条"),
        ("城市房地产开发经营管理条例", ""),
        ("城市商品房预售管理办法", ""),
    ),
    licence_flow(
        subject="商品房预售许可",
        window=(post("预售许可审核员"),),
        reviewer=(post("预售许可审核员"),),
        approver=(in_charge("房地产市场监管科"), deputy(0)),
        conditions="已交付全部土地使用权出让金，取得土地使用权证书；持有建设工程规划许可证；按"
        "提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的百分之二十五以上，并已经"
        "确定施工进度和竣工交付日期。",
        certificate="商品房预售许可证",
        review=wd(5),
        decide_in=wd(2),
        site=(post("房地产市场巡查员"),),
        site_limit=wd(3),
        site_text="现场核查工程形象进度是否达到预售条件，核实预售范围与规划许可一致。",
    ),
    department=(dept("房地产市场监管科"),),
    service_target="房地产开发企业",
    limit=wd(10),
)

SITE_CASE_FLOW = penalty_flow(
    investigator=SITE_INSPECTOR,
    reviewer=STATION,
    legal=LEGAL,
    approver=STATION_LEADER,
)

NO_PERMIT = "建设单位未取得施工许可证或者为规避办理施工许可证将工程项目分解后擅自施工"
NO_PERMIT_BASIS = "《建设工程质量管理条例》第五十七条"

NO_PERMIT_PENALTY = PowerT(
    "CF-001",
    "对建设单位未取得施工许可证擅自施工的处罚",
    "penalty",
    "对建设单位未取得施工许可证或者开工报告未经批准擅自施工的，责令停止施工，限期改正，处工程"
    "合同价款百分之一以上百分之二以下的罚款。",
    ((BUILDING_LAW, "第六十四条"), (QUALITY_REGULATION, "第五十七条"), PERMIT_RULES),
    SITE_CASE_FLOW,
    department=(dept("建设工程质量安全监督站"),),
    service_target="建设单位",
    limit=cd(90),
    benchmarks=(
        other(
            NO_PERMIT,
            "不予行政处罚",
            MINOR,
            "责令停止施工、限期改正，不予行政处罚",
            "已具备开工条件，在责令期限内补办施工许可证，主体结构尚未施工且未造成危害后果的。",
            NOT_PUNISHED,
        ),
        *grades(
            NO_PERMIT,
            "罚款（占工程合同价款比例）",
            "%",
            NO_PERMIT_BASIS,
            (ORDINARY, 1, "1.3", "已具备开工条件，在责令期限内补办施工许可证的。"),
            (SERIOUS, "1.3", "1.7", "不具备开工条件，或者逾期未补办施工许可证的。"),
            (GRAVE, "1.7", 2, "拒不停止施工，或者造成质量安全事故、恶劣社会影响的。"),
        ),
    ),
)

SHODDY = "施工单位偷工减料，使用不合格的建筑材料、建筑构配件和设备，或者不按照工程设计图纸施工"
SHODDY_BASIS = "《建设工程质量管理条例》第六十四条"

SHODDY_PENALTY = PowerT(
    "CF-002",
    "对施工单位偷工减料、不按图施工的处罚",
    "penalty",
    "对施工单位在施工中偷工减料，使用不合格的建筑材料、建筑构配件和设备，或者有不按照工程设计"
    "图纸或者施工技术标准施工的其他行为的，责令改正，处工程合同价款百分之二以上百分之四以下的"
    "罚款；情节严重的，责令停业整顿，降低资质等级或者吊销资质证书。",
    ((QUALITY_REGULATION, "第六十四条"), ("中华人民共和国行政处罚法", "")),
    SITE_CASE_FLOW,
    department=(dept("建设工程质量安全监督站"),),
    service_target="施工单位",
    limit=cd(90),
    benchmarks=(
        *grades(
            SHODDY,
            "罚款（占工程合同价款比例）",
            "%",
            SHODDY_BASIS,
            (ORDINARY, 2, "2.6", "涉及非主体结构部位，及时返工修复，未造成质量缺陷的。"),
            (SERIOUS, "2.6", "3.3", "涉及主体结构或者造成质量缺陷，需要返工加固的。"),
            (GRAVE, "3.3", 4, "造成工程质量事故，或者拒不返工修理的。"),
        ),
        other(
            SHODDY,
            "责令停业整顿、降低资质等级或者吊销资质证书",
            GRAVE,
            "责令停业整顿；提请资质许可机关降低资质等级或者吊销资质证书",
            "造成重大工程质量事故或者重大质量隐患的。",
            SHODDY_BASIS,
        ),
    ),
)

SITE_INSPECTION = PowerT(
    "JC-001",
    "建设工程质量安全监督检查",
    "inspection",
    "对在建房屋建筑和市政基础设施工程的实体质量、参建各方主体质量安全行为和施工现场安全生产"
    "条件实施监督检查，督促整改质量安全隐患。",
    (
        (QUALITY_REGULATION, ""),
        ("建设工程安全生产管理条例", ""),
        ("房屋建筑和市政基础设施工程质量监督管理规定", ""),
    ),
    inspection_flow(
        planner=STATION,
        inspector=SITE_INSPECTOR,
        approver=STATION_LEADER,
        subject="在建工程",
        rectify_in=cd(15),
        check_text="抽查涉及结构安全的关键部位、主要建筑材料和施工现场安全防护；检查人员不少于"
        "两人，发现重大隐患的责令暂停施工。",
        publish_text="检查结果记入建筑市场信用信息，对存在重大隐患的工程予以通报。",
    ),
    department=(dept("建设工程质量安全监督站"),),
    service_target="建设、勘察、设计、施工、监理单位",
)

# abolished by the reform of construction enterprise qualifications (施工总承包资质不再设三级)
GRADE_THREE = PowerT(
    "XK-003",
    "建筑业企业资质（施工总承包三级）核准",
    "licensing",
    "对申请施工总承包三级资质的建筑业企业进行审查，核发建筑业企业资质证书。资质管理制度改革"
    "后，该资质等级不再设置，本事项废止。",
    ((BUILDING_LAW, "第十三条"), ("建筑业企业资质管理规定", "")),
    licence_flow(
        subject="建筑业企业资质",
        window=PERMIT_CLERK,
        reviewer=(head("建筑业管理科"),),
        approver=(in_charge("建筑业管理科"), deputy(0)),
        conditions="企业资产、主要人员、已完成的工程业绩和技术装备符合资质标准。",
        certificate="建筑业企业资质证书",
        review=wd(15),
        decide_in=wd(5),
    ),
    department=(dept("建筑业管理科"),),
    service_target="建筑业企业",
    limit=wd(20),
    status=REVOKED,
    effective_year=2025,
    published_on=datetime.date(2025, 1, 15),
)

ACCEPTANCE_FILING = PowerT(
    "QT-001",
    "房屋建筑和市政基础设施工程竣工验收备案",
    "other",
    "建设单位自工程竣工验收合格之日起十五日内，将竣工验收报告和有关部门出具的认可文件或者准许"
    "使用文件报送备案。",
    ((QUALITY_REGULATION, "第四十九条"), ("房屋建筑和市政基础设施工程竣工验收备案管理办法", "")),
    (
        start("submit", "建设单位报送备案材料", PERMIT_CLERK, to="accept"),
        step("accept", "受理", PERMIT_CLERK, to="complete", limit=wd(1)),
        decide(
            "complete",
            "材料是否齐全",
            PERMIT_CLERK,
            ("齐全", "verify"),
            ("需补正", "amend"),
        ),
        step("amend", "一次性告知补正", PERMIT_CLERK, to="accept", limit=wd(3)),
        decide(
            "verify",
            "验收中是否有违反工程建设强制性标准的行为",
            STATION,
            ("未发现", "file"),
            ("发现违反规定行为", "redo"),
            limit=wd(5),
        ),
        step(
            "redo",
            "责令停止使用、重新组织竣工验收",
            STATION,
            to="accept",
            procedure="书面通知建设单位停止使用，重新组织竣工验收后再报备案。",
        ),
        step(
            "file",
            "办理备案",
            (head("建筑业管理科"),),
            to="done",
            documents="竣工验收备案表",
        ),
        end("done", "办结", PERMIT_CLERK),
    ),
    department=(dept("建筑业管理科"),),
    service_target="建设单位",
    status=DRAFT,
    published_on=None,
)

POWERS: tuple[PowerT, ...] = (
    CONSTRUCTION_PERMIT,
    PRESALE_PERMIT,
    NO_PERMIT_PENALTY,
    SHODDY_PENALTY,
    SITE_INSPECTION,
    GRADE_THREE,
    ACCEPTANCE_FILING,
)
