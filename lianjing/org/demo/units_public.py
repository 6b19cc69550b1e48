"""The CPPCC office, the court and the procuratorate, people's organisations, public
institutions and state-owned enterprises of a demo district."""

from __future__ import annotations

from lianjing.org.demo.catalog import (
    CLERK,
    DEPUTY_DUTIES,
    DISCIPLINE_DUTIES,
    FIN,
    HR,
    TOP_DUTIES,
    DeptT,
    LeaderT,
    P,
    PostT,
    UnitSpec,
    business,
    finance_office,
    leaders,
    office,
    procurement,
)

# --- CPPCC, court, procuratorate ------------------------------------------------------------------

JUDGE = P(
    "员额法官",
    "依法独立审理案件，主持庭审，制作裁判文书，对案件质量终身负责。严禁接受当事人及其代理人请托。",
    "deputy_section",
    multi=True,
    female=0.45,
)
JUDGE_AID = P(
    "法官助理",
    "协助法官审查诉讼材料、组织证据交换和庭前调解，起草裁判文书。",
    multi=True,
    female=0.55,
)
COURT_CLERK = P("书记员", "负责庭审记录、送达法律文书和案卷归档。", "clerk", multi=True, female=0.7)
PROSECUTOR = P(
    "员额检察官",
    "依法办理审查逮捕、审查起诉等检察业务，对办案质量负责。",
    "deputy_section",
    multi=True,
    female=0.45,
)
PROS_AID = P(
    "检察官助理", "协助检察官审查案件材料、讯问犯罪嫌疑人和出庭支持公诉。", multi=True, female=0.55
)

JUDICIAL: list[UnitSpec] = [
    UnitSpec(
        "cppcc_office",
        "政协{d}委员会办公室",
        "{q}政协办",
        "cppcc",
        25,
        *leaders("党组成员、办公室主任", "办公室副主任", 2),
        departments=(
            business("综合科", "负责全会和常委会会议服务、文稿和机关事务"),
            business("提案科", "负责提案征集、审查、交办和督办"),
            business("委员工作科", "负责委员联络、履职服务和界别活动"),
            business("研究室", "负责调研视察和社情民意信息"),
            finance_office("财务室"),
        ),
        top_short="主任",
    ),
    UnitSpec(
        "court",
        "{d}人民法院",
        "{q}法院",
        "court",
        110,
        *leaders(
            "党组书记、院长",
            "党组成员、副院长",
            3,
            top_rank="deputy_division",
            deputy_rank="section",
            extra=(LeaderT("审判委员会专职委员", "section", DEPUTY_DUTIES),),
        ),
        departments=(
            office(),
            DeptT(
                "政治部",
                "负责法院队伍建设、干部人事和教育培训",
                (P("人事专员", "负责法官员额管理、干部任免和人事档案。", "staff", HR), CLERK),
                kinds=(HR,),
                head="主任",
            ),
            DeptT(
                "立案庭",
                "负责诉讼服务、立案审查和诉前调解",
                (
                    P("立案审查员", "负责起诉材料审查和立案登记，依法保障当事人诉权。"),
                    JUDGE_AID,
                    COURT_CLERK,
                ),
                weight=2,
            ),
            DeptT("刑事审判庭", "负责刑事案件审判", (JUDGE, JUDGE_AID, COURT_CLERK), weight=2),
            DeptT(
                "民事审判第一庭",
                "负责婚姻家庭、劳动争议等民事案件审判",
                (JUDGE, JUDGE_AID, COURT_CLERK),
                weight=3,
            ),
            DeptT(
                "民事审判第二庭",
                "负责合同、金融等商事案件审判",
                (JUDGE, JUDGE_AID, COURT_CLERK),
                weight=3,
            ),
            DeptT("行政审判庭", "负责行政案件审判和非诉行政执行审查", (JUDGE, COURT_CLERK)),
            DeptT(
                "执行局",
                "负责生效法律文书的执行和执行案款管理",
                (
                    P(
                        "执行员",
                        "负责查控被执行人财产、实施强制执行措施，执行案款及时发放。",
                        "staff",
                        FIN,
                        multi=True,
                        female=0.25,
                    ),
                    JUDGE,
                    COURT_CLERK,
                ),
                weight=4,
                deputy=True,
            ),
            DeptT("审判管理办公室", "负责审判流程管理、案件质量评查和司法统计", (CLERK,)),
            DeptT(
                "司法警察大队",
                "负责法庭警卫、押解和执行保障",
                (
                    P(
                        "司法警察",
                        "负责庭审安全保障、押解看管和协助强制执行。",
                        multi=True,
                        female=0.15,
                    ),
                ),
            ),
            finance_office("财务装备科"),
            *(
                DeptT(
                    f"{{{s}}}人民法庭",
                    "负责辖区民事案件审判和诉源治理",
                    (JUDGE, JUDGE_AID, COURT_CLERK),
                    head="庭长",
                    weight=2,
                )
                for s in ("s1", "s2")
            ),
        ),
        top_short="院长",
    ),
    UnitSpec(
        "procuratorate",
        "{d}人民检察院",
        "{q}检察院",
        "procuratorate",
        70,
        *leaders(
            "党组书记、检察长",
            "党组成员、副检察长",
            2,
            top_rank="deputy_division",
            deputy_rank="section",
            extra=(LeaderT("检察委员会专职委员", "section", DEPUTY_DUTIES),),
        ),
        departments=(
            office(),
            DeptT(
                "政治部",
                "负责检察队伍建设、干部人事和教育培训",
                (P("人事专员", "负责检察官员额管理、干部任免和人事档案。", "staff", HR), CLERK),
                kinds=(HR,),
                head="主任",
            ),
            DeptT(
                "第一检察部",
                "负责普通刑事案件审查逮捕、审查起诉",
                (PROSECUTOR, PROS_AID, COURT_CLERK),
                weight=3,
            ),
            DeptT(
                "第二检察部",
                "负责经济犯罪和职务犯罪案件审查逮捕、审查起诉",
                (PROSECUTOR, PROS_AID, COURT_CLERK),
                weight=2,
            ),
            DeptT(
                "第三检察部", "负责刑事执行检察和司法工作人员职务犯罪侦查", (PROSECUTOR, PROS_AID)
            ),
            DeptT("第四检察部", "负责民事、行政检察和公益诉讼", (PROSECUTOR, PROS_AID), weight=2),
            DeptT("第五检察部", "负责未成年人检察", (PROSECUTOR, PROS_AID)),
            DeptT(
                "案件管理部",
                "负责案件受理、流程监控和涉案财物管理",
                head="主任",
                posts=(
                    P(
                        "涉案财物管理员",
                        "负责涉案财物的登记、保管和移送，做到账物相符。",
                        "staff",
                        FIN,
                    ),
                    COURT_CLERK,
                ),
            ),
            DeptT("检察技术信息中心", "负责检察技术和信息化", (CLERK,)),
            DeptT(
                "司法警察大队",
                "负责押解看管、安全保障",
                (P("司法警察", "负责押解看管、办案安全保障和出庭警务。", multi=True, female=0.15),),
            ),
            finance_office("计划财务装备科"),
        ),
        top_short="检察长",
    ),
]

# --- people's organisations -----------------------------------------------------------------------

MASS: list[UnitSpec] = [
    UnitSpec(
        "trade_union",
        "{d}总工会",
        "{q}总工会",
        "mass_org",
        15,
        *leaders("党组书记、常务副主席", "副主席", 2),
        departments=(
            office(),
            business("组织宣传部", "负责基层工会组建、会员发展和职工宣传教育"),
            business(
                "权益保障部",
                "负责职工权益维护和困难职工帮扶",
                P("帮扶资金审核员", "负责困难职工帮扶资金申请审核和发放。", "staff", FIN),
            ),
            finance_office("经费审查和财务部"),
        ),
        top_short="常务副主席",
    ),
    UnitSpec(
        "youth_league",
        "共青团{d}委员会",
        "团{q}委",
        "mass_org",
        10,
        *leaders("书记", "副书记", 2),
        departments=(
            office(),
            business("组织宣传部", "负责团的组织建设、青年思想引领和志愿服务"),
            business("青少年发展部", "负责少先队工作和青少年权益维护"),
        ),
        top_short="书记",
    ),
    UnitSpec(
        "women_federation",
        "{d}妇女联合会",
        "{q}妇联",
        "mass_org",
        12,
        *leaders("党组书记、主席", "副主席", 2),
        departments=(
            office(),
            business("权益部", "负责妇女儿童权益维护和婚姻家庭纠纷调解"),
            business("家庭和儿童工作部", "负责家庭教育、儿童关爱和巾帼创业"),
        ),
        top_short="主席",
    ),
]

# --- public institutions and state-owned enterprises --------------------------------------------

DOCTOR = P(
    "主治医师",
    "负责病区患者诊疗、查房和病历书写，严格执行诊疗规范和合理用药制度，拒收“红包”回扣。",
    "staff",
    multi=True,
    female=0.5,
)
RESIDENT = P(
    "住院医师", "在上级医师指导下负责患者接诊、病程记录和值班。", "clerk", multi=True, female=0.5
)
NURSE = P(
    "护士", "负责患者护理、治疗执行和病情观察，落实护理核心制度。", "clerk", multi=True, female=0.92
)


def _clinical(name: str, function: str, weight: int = 3, children: tuple[DeptT, ...] = ()) -> DeptT:
    return DeptT(
        name,
        function,
        (
            P("护士长", "负责科室护理管理、护士排班和护理质量控制。", "staff", female=0.95),
            DOCTOR,
            RESIDENT,
            NURSE,
        ),
        head="主任",
        weight=weight,
        deputy=True,
        children=children,
    )


TEACHER = P(
    "任课教师",
    "承担学科教学和班级管理，落实立德树人，不得违规有偿补课、收受家长礼品礼金。",
    "staff",
    multi=True,
    female=0.65,
)

INSTITUTIONS: list[UnitSpec] = [
    UnitSpec(
        "hospital",
        "{d}人民医院",
        "{q}人民医院",
        "institution",
        200,
        *leaders(
            "党委书记、院长",
            "副院长",
            3,
            extra=(LeaderT("党委副书记", "deputy_section", DEPUTY_DUTIES),),
        ),
        departments=(
            office(name="院办公室"),
            DeptT(
                "人力资源部",
                "负责医院人事管理、招聘和绩效分配",
                (
                    P(
                        "人事专员",
                        "负责职工招聘、职称聘任、绩效工资核算和人事档案。",
                        "staff",
                        HR,
                        FIN,
                    ),
                    CLERK,
                ),
                kinds=(HR,),
            ),
            finance_office("财务科"),
            DeptT(
                "医务科",
                "负责医疗质量管理、医疗安全和医患纠纷处理",
                (P("医疗质量管理岗", "负责医疗质量检查、病历质控和不良事件管理。"), CLERK),
            ),
            DeptT("护理部", "负责全院护理管理和护理质量控制", (CLERK,)),
            DeptT(
                "设备物资科",
                "负责医疗设备和卫生耗材采购、验收和管理",
                (
                    P(
                        "设备采购员",
                        "按规定组织医疗设备和耗材采购，参与论证和验收，不得与供应商私下接触。",
                        "staff",
                        FIN,
                    ),
                    P("库房管理员", "负责耗材出入库登记、盘点和效期管理。", "clerk", FIN),
                ),
                kinds=(FIN,),
            ),
            DeptT(
                "药剂科",
                "负责药品采购、调剂和临床合理用药管理",
                (
                    P(
                        "药品采购员",
                        "负责药品集中采购平台下单、验收入库和货款对账，执行带量采购。",
                        "staff",
                        FIN,
                    ),
                    P("主管药师", "负责处方审核调配和临床用药指导。", multi=True, female=0.7),
                ),
                kinds=(FIN,),
                deputy=True,
            ),
            DeptT(
                "后勤保障科",
                "负责基建维修、物业服务和食堂管理",
                (
                    P(
                        "基建项目管理员",
                        "负责院内基建和维修工程的招标、施工管理和结算审核。",
                        "staff",
                        FIN,
                    ),
                    CLERK,
                ),
            ),
            DeptT("信息科", "负责医院信息系统建设和运维", (CLERK,)),
            _clinical(
                "内科",
                "负责内科疾病诊疗",
                2,
                children=(
                    _clinical("心血管内科", "负责心血管疾病诊疗"),
                    _clinical("呼吸内科", "负责呼吸系统疾病诊疗"),
                    _clinical("消化内科", "负责消化系统疾病诊疗"),
                ),
            ),
            _clinical(
                "外科",
                "负责外科疾病诊疗和手术",
                2,
                children=(
                    _clinical("普通外科", "负责普通外科手术和诊疗"),
                    _clinical("骨科", "负责骨科手术和创伤诊疗"),
                ),
            ),
            _clinical("妇产科", "负责妇产科诊疗和分娩"),
            _clinical("儿科", "负责儿科诊疗"),
            _clinical("急诊科", "负责急诊急救和院前急救"),
            DeptT(
                "检验科",
                "负责临床检验",
                (P("检验技师", "负责标本检验和报告审核。", multi=True, female=0.6),),
                head="主任",
            ),
            DeptT(
                "医学影像科",
                "负责放射、超声等影像检查",
                (P("影像医师", "负责影像检查和诊断报告出具。", multi=True),),
                head="主任",
            ),
        ),
        top_short="院长",
    ),
    UnitSpec(
        "high_school",
        "{d}第一中学",
        "{q}一中",
        "institution",
        90,
        *leaders("党委书记、校长", "副校长", 3),
        departments=(
            DeptT("校长办公室", "负责学校行政事务、文秘档案和对外联络", (CLERK,)),
            DeptT(
                "教务处",
                "负责教学管理、学籍和考试",
                (P("教务员", "负责排课、学籍管理和考务组织。"), TEACHER),
                head="主任",
            ),
            DeptT("德育处", "负责学生德育、安全教育和班主任管理", (TEACHER,), head="主任"),
            DeptT(
                "总务处",
                "负责学校后勤、食堂和基建维修",
                (
                    P(
                        "食堂管理员",
                        "负责食堂食材采购验收、库存管理和成本核算，执行大宗食材公开采购。",
                        "staff",
                        FIN,
                    ),
                    P("校产管理员", "负责教学设备和校产登记、采购和维修。", "staff", FIN),
                ),
                head="主任",
                kinds=(FIN,),
            ),
            finance_office("财务室"),
            *(
                DeptT(
                    f"高{g}年级组",
                    "负责本年级教育教学和学生管理",
                    (TEACHER,),
                    head="组长",
                    weight=3,
                )
                for g in "一二三"
            ),
        ),
        top_short="校长",
        head_rank="staff",
    ),
    UnitSpec(
        "primary_school",
        "{d}实验小学",
        "{q}实验小学",
        "institution",
        60,
        *leaders("党支部书记、校长", "副校长", 2),
        departments=(
            DeptT("校长办公室", "负责学校行政事务和档案", (CLERK,)),
            DeptT("教导处", "负责教学管理和教研活动", (TEACHER,), head="主任", weight=2),
            DeptT("德育处", "负责少先队、德育和安全教育", (TEACHER,), head="主任"),
            DeptT(
                "总务处",
                "负责后勤、食堂和校产管理",
                (P("食堂管理员", "负责学生营养餐食材采购验收和食堂成本核算。", "staff", FIN),),
                head="主任",
                kinds=(FIN,),
            ),
            *(
                DeptT(
                    f"{s}教研组", "负责本学科教学研究和教学质量", (TEACHER,), head="组长", weight=3
                )
                for s in ("语文", "数学", "综合")
            ),
        ),
        top_short="校长",
        head_rank="staff",
    ),
    UnitSpec(
        "cdc",
        "{d}疾病预防控制中心",
        "{q}疾控中心",
        "institution",
        35,
        *leaders("党支部书记、主任", "副主任", 2),
        departments=(
            office(),
            DeptT(
                "疾病控制科",
                "负责传染病和慢性病监测处置",
                (
                    P(
                        "疾控医师",
                        "负责传染病疫情监测、流行病学调查和处置。",
                        multi=True,
                        female=0.5,
                    ),
                ),
                weight=2,
            ),
            DeptT(
                "免疫规划科",
                "负责疫苗管理和预防接种",
                (
                    P("疫苗管理员", "负责疫苗采购计划、出入库和冷链管理。", "staff", FIN),
                    P("疾控医师", "负责预防接种督导和异常反应监测。", multi=True, female=0.6),
                ),
            ),
            DeptT(
                "检验科",
                "负责实验室检测",
                (P("检验技师", "负责样本检测和报告出具。", multi=True, female=0.6),),
            ),
            finance_office("财务科"),
        ),
        top_short="主任",
    ),
    UnitSpec(
        "trading_center",
        "{d}公共资源交易服务中心",
        "{q}公共资源交易中心",
        "institution",
        25,
        *leaders("主任", "副主任", 2),
        departments=(
            business("综合科", "负责中心行政、财务和档案"),
            DeptT(
                "交易服务科",
                "负责工程建设、政府采购、国有产权交易项目的进场登记和交易组织",
                (
                    procurement(),
                    P(
                        "交易见证员",
                        "负责开标评标全过程见证、音视频记录和异常情况报告。",
                        "staff",
                        FIN,
                        multi=True,
                    ),
                ),
                kinds=(FIN,),
                weight=3,
                deputy=True,
            ),
            DeptT(
                "专家管理科",
                "负责评标专家抽取和评价管理",
                (
                    P(
                        "专家抽取管理员",
                        "负责评标专家随机抽取和名单保密，对专家评标行为进行评价。",
                        "staff",
                        FIN,
                    ),
                ),
            ),
            business("信息科", "负责交易平台运维和交易信息公开"),
        ),
        top_short="主任",
    ),
]


def _soe_dept(
    name: str, function: str, *posts: PostT, kinds: tuple[str, ...] = (), weight: int = 1
) -> DeptT:
    member = P("业务专员", f"承担{name}具体业务，参与{function[2:]}。", "clerk", multi=True)
    return DeptT(name, function, (*posts, member), head="经理", kinds=kinds, weight=weight)


SOE: list[UnitSpec] = [
    UnitSpec(
        "urban_investment",
        "{d}城市建设投资集团有限公司",
        "{q}城投集团",
        "soe",
        60,
        LeaderT("党委书记、董事长", "section", TOP_DUTIES, 0.1),
        (
            LeaderT("党委副书记、总经理", "section", DEPUTY_DUTIES, 0.15),
            LeaderT("副总经理", "deputy_section", DEPUTY_DUTIES, 0.2),
            LeaderT("副总经理", "deputy_section", DEPUTY_DUTIES, 0.2),
            LeaderT("纪委书记", "deputy_section", DISCIPLINE_DUTIES, 0.3, in_charge=False),
        ),
        departments=(
            _soe_dept("综合办公室", "负责公司行政、文秘、档案和后勤"),
            _soe_dept(
                "党群人力部",
                "负责党建、人力资源和薪酬管理",
                P("人力资源专员", "负责员工招聘、劳动合同、薪酬核算和绩效考核。", "clerk", HR),
                kinds=(HR,),
            ),
            _soe_dept(
                "财务融资部",
                "负责财务核算、资金管理和融资",
                P("会计", "负责会计核算、纳税申报和财务报表。", "clerk", FIN, female=0.7),
                P("出纳", "负责资金收付、银行账户管理和票据保管。", "clerk", FIN, female=0.75),
                P("融资专员", "负责融资方案测算、融资合同签订和还本付息管理。", "clerk", FIN),
                kinds=(FIN,),
            ),
            _soe_dept(
                "工程管理部",
                "负责项目建设管理、质量安全和进度控制",
                P("项目经理", "负责项目现场管理、工程计量签证和变更审核。", "clerk", FIN),
                weight=3,
            ),
            _soe_dept(
                "成本合约部",
                "负责招标采购、合同管理和工程造价控制",
                P(
                    "招标采购专员",
                    "负责招标方案编制、招标代理管理和合同签订，严格执行应招尽招。",
                    "clerk",
                    FIN,
                ),
                kinds=(FIN,),
                weight=2,
            ),
            _soe_dept("投资发展部", "负责投资项目论证和战略规划"),
            _soe_dept(
                "资产运营部",
                "负责经营性资产出租、运营和处置",
                P("资产租赁专员", "负责资产招租、租金收缴和租赁合同管理。", "clerk", FIN),
            ),
            _soe_dept("审计法务部", "负责内部审计、法律事务和风险控制"),
        ),
        top_short="董事长",
    ),
    UnitSpec(
        "state_assets",
        "{d}国有资产投资经营有限公司",
        "{q}国投公司",
        "soe",
        35,
        LeaderT("党支部书记、董事长", "section", TOP_DUTIES, 0.1),
        (
            LeaderT("总经理", "deputy_section", DEPUTY_DUTIES, 0.2),
            LeaderT("副总经理", "deputy_section", DEPUTY_DUTIES, 0.2),
        ),
        departments=(
            _soe_dept(
                "综合部",
                "负责公司行政和人力资源",
                P("人力资源专员", "负责招聘、薪酬和员工档案。", "clerk", HR),
            ),
            _soe_dept(
                "财务部",
                "负责财务核算和资金管理",
                P("会计", "负责会计核算和财务报表。", "clerk", FIN, female=0.7),
                P("出纳", "负责资金收付和银行对账。", "clerk", FIN, female=0.75),
                kinds=(FIN,),
            ),
            _soe_dept("投资管理部", "负责股权投资和项目投后管理", weight=2),
            _soe_dept(
                "资产管理部",
                "负责国有资产经营、出租和处置",
                P("资产处置专员", "负责资产评估、挂牌交易和处置手续。", "clerk", FIN),
            ),
            _soe_dept("风控审计部", "负责风险控制和内部审计"),
        ),
        top_short="董事长",
    ),
]
