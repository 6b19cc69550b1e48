"""The district's own leadership and its party organs and people's congress office."""

from __future__ import annotations

from lianjing.org.demo.catalog import (
    CLERK,
    DEPUTY_DUTIES,
    FIN,
    HR,
    LIC,
    DeptT,
    LeaderT,
    P,
    UnitSpec,
    business,
    finance_office,
    leaders,
    licensing,
    office,
)

INSPECTOR = P(
    "纪检监察员",
    "开展监督检查和审查调查工作，受理问题线索并按规定分类处置，依规依纪依法"
    "收集、固定证据。严守保密纪律。",
    "staff",
    multi=True,
    female=0.4,
)

# --- the district's own leadership (posts of the region node) -----------------------------------

DISTRICT_LEADERS: tuple[LeaderT, ...] = (
    LeaderT(
        "{q}委书记",
        "deputy_bureau",
        "主持{q}委全面工作，对全{q}经济社会发展和党的建设负总责。"
        "履行全面从严治党主体责任第一责任人职责，坚持“三重一大”事项集体决策。",
        0.1,
    ),
    LeaderT(
        "{q}委副书记、{q}长",
        "division",
        "主持{q}政府全面工作，领导{q}政府各部门和各街道（乡镇）"
        "工作。对全{q}财政预算执行、重大项目建设和政府投资负领导责任。",
        0.15,
    ),
    LeaderT(
        "{q}委副书记", "division", "协助{q}委书记处理{q}委日常工作，分管党建、政法和群团工作。", 0.2
    ),
    LeaderT(
        "{q}人大常委会主任",
        "division",
        "主持{q}人大常委会全面工作，依法组织对“一府一委两院”的监督和对预算、决算的审查。",
        0.2,
    ),
    LeaderT(
        "{q}政协主席",
        "division",
        "主持{q}政协全面工作，组织开展政治协商、民主监督和参政议政。",
        0.2,
    ),
    LeaderT(
        "{q}委常委、常务副{q}长",
        "deputy_division",
        "协助{q}长负责政府常务工作，分管财政、审计、发展改革、国有资产和公共资源交易工作。",
        0.15,
    ),
    *(
        LeaderT("副{q}长", "deputy_division", "协助{q}长工作，分管" + areas + "工作。", 0.3)
        for areas in (
            "住房城乡建设、交通运输、自然资源和城市管理",
            "教育、卫生健康、民政和医疗保障",
            "农业农村、水务、生态环境和应急管理",
            "公安、司法和信访",
        )
    ),
    *(
        LeaderT("{q}人大常委会副主任", "deputy_division", "协助主任工作，联系" + areas + "。", 0.3)
        for areas in ("财政经济和预算审查监督工作", "代表工作和法制工作")
    ),
    *(
        LeaderT("{q}政协副主席", "deputy_division", "协助主席工作，联系" + areas + "。", 0.3)
        for areas in ("提案和委员工作", "经济和文史工作")
    ),
)

# --- party organs --------------------------------------------------------------------------------

PARTY: list[UnitSpec] = [
    UnitSpec(
        "party_office",
        "中共{d}委办公室",
        "{q}委办",
        "party",
        35,
        *leaders(
            "{q}委常委、办公室主任",
            "办公室副主任",
            3,
            top_rank="deputy_division",
            deputy_rank="section",
        ),
        departments=(
            business(
                "秘书科",
                "负责{q}委领导日常政务服务、会议组织和重要活动安排",
                P("会务专员", "负责{q}委常委会议、全会等会议的筹备、记录和纪要整理。"),
            ),
            business(
                "综合调研科",
                "负责{q}委重要文稿起草和重大课题调查研究",
                P("文稿起草岗", "负责{q}委重要会议讲话、工作报告和综合性文稿的起草。"),
            ),
            business(
                "督查科",
                "负责{q}委重大决策部署和领导批示落实情况的督查督办",
                P("督查专员", "跟踪重大决策部署落实情况，开展实地督查，形成督查通报。"),
            ),
            business("信息科", "负责党委信息收集、编报和舆情信息工作"),
            DeptT(
                "机要保密科",
                "负责机要通信、密码管理和保密工作",
                (
                    P(
                        "机要员",
                        "负责涉密文件的收发、传递、登记和保管，严格执行保密制度。",
                        "staff",
                    ),
                    CLERK,
                ),
            ),
            finance_office("财务室"),
        ),
        top_short="主任",
    ),
    UnitSpec(
        "discipline",
        "中共{d}纪律检查委员会（{d}监察委员会）",
        "{q}纪委监委",
        "party",
        46,
        *leaders(
            "{q}委常委、{q}纪委书记、{q}监委主任",
            "{q}纪委副书记、{q}监委副主任",
            2,
            top_rank="deputy_division",
            deputy_rank="section",
            extra=(
                LeaderT("{q}纪委常委、{q}监委委员", "deputy_section", DEPUTY_DUTIES),
                LeaderT("{q}纪委常委、{q}监委委员", "deputy_section", DEPUTY_DUTIES),
            ),
        ),
        departments=(
            office(),
            DeptT(
                "组织部",
                "负责纪检监察干部队伍建设、教育培训和派驻机构日常管理",
                (
                    P(
                        "干部管理岗",
                        "负责纪检监察干部的考核、调配、教育培训和档案管理。",
                        "staff",
                        HR,
                    ),
                    INSPECTOR,
                ),
                kinds=(HR,),
            ),
            DeptT(
                "宣传部",
                "负责党风廉政宣传教育、廉洁文化建设和警示教育",
                (
                    P("廉政宣传岗", "负责廉政教育活动组织、廉政信息发布和警示教育片编制。"),
                    INSPECTOR,
                ),
            ),
            DeptT(
                "党风政风监督室",
                "负责落实中央八项规定精神监督检查和廉政风险防控工作的综合协调",
                (
                    P(
                        "廉情信息管理员",
                        "负责廉情信息的汇总、录入和分析研判，按时限督促各采集点录入。",
                    ),
                    INSPECTOR,
                ),
            ),
            DeptT(
                "信访室",
                "负责受理信访举报，对问题线索进行登记、分类和转办",
                (
                    P(
                        "信访接待员",
                        "负责来信来访接待和网络举报受理，登记问题线索并按规定移送。"
                        "对举报人信息严格保密。",
                    ),
                    INSPECTOR,
                ),
            ),
            DeptT(
                "案件监督管理室",
                "负责问题线索集中管理、审查调查措施审批备案和涉案财物监管",
                (
                    P("线索管理员", "负责问题线索统一登记、动态更新和定期清理，监管涉案款物。"),
                    INSPECTOR,
                ),
            ),
            DeptT(
                "第一监督检查室",
                "负责联系单位的日常监督、谈话函询和初步核实",
                (INSPECTOR,),
                weight=2,
            ),
            DeptT(
                "第二监督检查室",
                "负责联系单位的日常监督、谈话函询和初步核实",
                (INSPECTOR,),
                weight=2,
            ),
            DeptT("第一审查调查室", "负责对违纪违法问题立案审查调查", (INSPECTOR,), weight=2),
            DeptT("第二审查调查室", "负责对违纪违法问题立案审查调查", (INSPECTOR,), weight=2),
            DeptT(
                "案件审理室",
                "负责审查调查案件的审核处理和申诉复审",
                (P("审理员", "审核案件事实、证据、定性和处理意见，提出审理意见。"), INSPECTOR),
            ),
        ),
        top_short="书记",
    ),
    *(
        UnitSpec(
            f"stationed_{n}",
            f"{{d}}纪委监委派驻第{cn}纪检监察组",
            f"派驻第{cn}纪检监察组",
            "party",
            8,
            LeaderT(
                "组长",
                "section",
                "主持派驻组全面工作，对归口联系单位开展监督检查，推动驻在"
                "部门落实全面从严治党主体责任。",
                0.2,
            ),
            (
                LeaderT(
                    "副组长",
                    "deputy_section",
                    "协助组长工作，负责对归口联系单位的日常监督和问题线索处置。",
                    0.3,
                ),
            ),
            unit_posts=(INSPECTOR,),
            parent="discipline",
            top_short="组长",
        )
        for n, cn in ((1, "一"), (2, "二"))
    ),
    UnitSpec(
        "organization",
        "中共{d}委组织部",
        "{q}委组织部",
        "party",
        36,
        *leaders(
            "{q}委常委、组织部部长",
            "组织部副部长",
            3,
            top_rank="deputy_division",
            deputy_rank="section",
        ),
        departments=(
            office(),
            business(
                "组织科",
                "负责基层党组织建设、党员发展和教育管理、党费收缴使用",
                P("党员管理岗", "负责党员发展计划、党员信息库维护和党员组织关系转接。"),
            ),
            DeptT(
                "干部科",
                "负责科级领导干部选拔任用、考察考核、交流轮岗和任免手续",
                (
                    P(
                        "干部考察员",
                        "参与干部考察、民主推荐和任前公示，起草考察材料，严守选人用人纪律。",
                        "staff",
                        HR,
                    ),
                    CLERK,
                ),
                kinds=(HR,),
                deputy=True,
                weight=2,
            ),
            DeptT(
                "干部监督科",
                "负责干部选拔任用工作监督、领导干部个人有关事项报告抽查核实和“12380”举报受理",
                (
                    P(
                        "干部监督员",
                        "负责个人有关事项报告查核、选人用人检查和干部监督信息汇总。",
                        "staff",
                        HR,
                    ),
                    CLERK,
                ),
                kinds=(HR,),
            ),
            DeptT(
                "公务员管理科",
                "负责公务员招录、考核、职级晋升、调任转任和奖惩",
                (
                    P(
                        "公务员管理岗",
                        "负责公务员登记、职级晋升审核和年度考核结果备案。",
                        "staff",
                        HR,
                    ),
                    CLERK,
                ),
                kinds=(HR,),
            ),
            business(
                "人才工作科",
                "负责人才引进、培养和服务保障，管理人才专项资金",
                P("人才服务岗", "负责人才认定、人才补贴审核和人才服务事项办理。", "staff", FIN),
            ),
            business("干部教育科", "负责干部教育培训规划和调训管理"),
        ),
        top_short="部长",
    ),
    UnitSpec(
        "propaganda",
        "中共{d}委宣传部",
        "{q}委宣传部",
        "party",
        26,
        *leaders(
            "{q}委常委、宣传部部长",
            "宣传部副部长",
            2,
            top_rank="deputy_division",
            deputy_rank="section",
        ),
        departments=(
            office(),
            business("理论科", "负责理论学习中心组学习和理论宣讲"),
            business(
                "新闻宣传科",
                "负责新闻发布、对外宣传和媒体联络",
                P("新闻发布岗", "负责新闻发布会组织、新闻通稿撰写和媒体采访协调。"),
            ),
            business(
                "网络信息安全科",
                "负责网络意识形态、网络舆情监测处置和网络安全工作",
                P("舆情监测员", "负责网络舆情24小时监测、研判和报送，协调处置涉{q}舆情。"),
            ),
            business("文明创建科", "负责文明城市创建、志愿服务和未成年人思想道德建设"),
        ),
        top_short="部长",
    ),
    UnitSpec(
        "united_front",
        "中共{d}委统战部",
        "{q}委统战部",
        "party",
        18,
        *leaders(
            "{q}委常委、统战部部长",
            "统战部副部长",
            2,
            top_rank="deputy_division",
            deputy_rank="section",
        ),
        departments=(
            office(),
            business("党派工作科", "负责联系民主党派、无党派人士和党外代表人士队伍建设"),
            business(
                "民族宗教科",
                "负责民族宗教事务管理，办理宗教活动场所有关审批事项",
                P(
                    "宗教事务管理岗",
                    "负责宗教活动场所登记、年检和大型宗教活动审批初审。",
                    "staff",
                    LIC,
                ),
            ),
            business("经济联络科", "负责非公有制经济人士统战工作和商会建设"),
        ),
        top_short="部长",
    ),
    UnitSpec(
        "political_legal",
        "中共{d}委政法委员会",
        "{q}委政法委",
        "party",
        20,
        *leaders(
            "{q}委常委、政法委书记",
            "政法委副书记",
            2,
            top_rank="deputy_division",
            deputy_rank="section",
        ),
        departments=(
            office(),
            business("平安建设科", "负责平安建设、社会治安综合治理和矛盾纠纷多元化解"),
            business("执法监督科", "负责政法机关执法司法活动监督和涉法涉诉信访"),
            business("维稳指导科", "负责维护稳定工作的统筹协调和重大风险评估"),
            business("网格化服务管理中心", "负责全{q}网格化服务管理和综治信息平台运行"),
        ),
        top_short="书记",
    ),
    UnitSpec(
        "establishment",
        "中共{d}委机构编制委员会办公室",
        "{q}委编办",
        "party",
        12,
        *leaders("主任", "副主任", 1),
        departments=(
            business(
                "机构编制科",
                "负责党政机关和事业单位机构设置、职能配置和编制核定",
                P(
                    "编制核定岗",
                    "负责机构编制调整方案审核、编制使用核准和实名制管理。",
                    "staff",
                    HR,
                ),
            ),
            licensing("事业单位登记管理科", "事业单位法人设立、变更和注销登记", clerk="登记审核员"),
            business("综合科", "负责文秘、财务和机构编制统计"),
        ),
        top_short="主任",
    ),
    UnitSpec(
        "party_school",
        "中共{d}委党校",
        "{q}委党校",
        "party",
        20,
        *leaders("常务副校长", "副校长", 2),
        departments=(
            office(),
            business("教务科", "负责主体班次教学计划、学员管理和培训档案"),
            DeptT(
                "理论教研室",
                "负责党的理论、党史党建和经济社会发展专题教学研究",
                (
                    P(
                        "教研人员",
                        "承担主体班次专题授课和课题研究，撰写理论文章。",
                        "staff",
                        multi=True,
                        female=0.55,
                    ),
                ),
                weight=2,
            ),
            finance_office("财务科"),
        ),
        top_short="常务副校长",
    ),
    UnitSpec(
        "inspection",
        "中共{d}委巡察工作领导小组办公室",
        "{q}委巡察办",
        "party",
        15,
        *leaders("主任", "副主任", 1),
        departments=(
            business("综合科", "负责巡察工作计划、巡察组组建和巡察成果运用"),
            *(
                DeptT(
                    f"第{cn}巡察组",
                    "负责对被巡察党组织开展政治巡察，发现问题、形成报告和移交线索",
                    (
                        P(
                            "巡察专员",
                            "参与个别谈话、调阅资料和下沉调研，梳理问题线索，起草巡察报告。",
                            multi=True,
                        ),
                    ),
                    head="组长",
                    deputy=True,
                )
                for cn in "一二三"
            ),
        ),
        top_short="主任",
    ),
]

# --- people's congress ----------------------------------------------------------------------------

CONGRESS: list[UnitSpec] = [
    UnitSpec(
        "congress_office",
        "{d}人大常委会办公室",
        "{q}人大办",
        "congress",
        26,
        *leaders("党组成员、办公室主任", "办公室副主任", 2),
        departments=(
            business("综合科", "负责常委会会议服务、文稿起草和机关行政事务"),
            business("研究室", "负责调研和常委会审议意见的起草"),
            business("代表工作室", "负责人大代表联络、代表建议办理和代表履职服务"),
            business(
                "财政经济工作委员会办公室",
                "负责预算审查监督、国有资产管理情况监督和预算联网监督系统运行",
            ),
            business(
                "人事代表选举任免委员会办公室",
                "负责人事任免、代表选举和代表资格审查",
                P(
                    "任免工作岗",
                    "负责人事任免案的审查、任前法律知识考试和宪法宣誓组织。",
                    "staff",
                    HR,
                ),
            ),
            finance_office("财务室"),
        ),
        top_short="主任",
    ),
]
