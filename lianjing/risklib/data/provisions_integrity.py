"""Provisions of 《中国共产党廉洁自律准则》 (2015): its preamble and the eight norms, four for
every Party member and four for leading cadres. The norms are positive standards (高标准), so
their topic words name the risks each norm guards against.

MUST BE CHECKED AGAINST THE OFFICIAL PUBLICATION before anyone relies on them: the wording below
follows the published text as remembered and the explanations are Lianjing's. Every provision is
seeded with `verified` = False; an administrator marks it checked after comparing it."""

from __future__ import annotations

from lianjing.risklib.data.spec import INTEGRITY, provisions_from

PROVISIONS = provisions_from(
    """
@ ICR-00 | 序言 | 全体党员和党员领导干部必须坚持廉洁自律
条文：中国共产党全体党员和各级党员领导干部必须坚定共产主义理想和中国特色社会主义信念，必须
  坚持全心全意为人民服务根本宗旨，必须继承发扬党的优良传统和作风，自觉培养高尚道德情操，
  努力弘扬中华民族传统美德，廉洁自律，接受监督，永葆党的先进性和纯洁性。
主题词：廉洁自律 接受监督 宗旨 作风 道德

@ ICR-01 | 第一条 | 坚持公私分明，先公后私，克己奉公
条文：党员廉洁自律规范：坚持公私分明，先公后私，克己奉公。（防范公私不分、化公为私，如公款
  私存、公车私用、侵占公物。）
主题词：公私分明 公款 公物 公车 私用 侵占 公款私存 挪用 贪污 侵吞

@ ICR-02 | 第二条 | 坚持崇廉拒腐，清白做人，干净做事
条文：党员廉洁自律规范：坚持崇廉拒腐，清白做人，干净做事。（防范收受财物、接受好处、权钱
  交易。）
主题词：拒腐 收受 礼品 礼金 贿赂 回扣 好处费 收受财物

@ ICR-03 | 第三条 | 坚持尚俭戒奢，艰苦朴素，勤俭节约
条文：党员廉洁自律规范：坚持尚俭戒奢，艰苦朴素，勤俭节约。（防范享乐奢靡、公款吃喝、铺张
  浪费。）
主题词：勤俭节约 奢靡 享乐 公款吃喝 宴请 浪费 接待 高消费 公款消费

@ ICR-04 | 第四条 | 坚持吃苦在前，享受在后，甘于奉献
条文：党员廉洁自律规范：坚持吃苦在前，享受在后，甘于奉献。（防范攀比待遇、计较个人得失。）
主题词：奉献 享乐 特权 攀比

@ ICR-05 | 第五条 | 廉洁从政，自觉保持人民公仆本色
条文：党员领导干部廉洁自律规范：廉洁从政，自觉保持人民公仆本色。（防范特权思想、脱离群众、
  对服务对象态度冷漠。）
主题词：廉洁从政 公仆 特权 吃拿卡要 刁难 态度恶劣 不作为

@ ICR-06 | 第六条 | 廉洁用权，自觉维护人民根本利益
条文：党员领导干部廉洁自律规范：廉洁用权，自觉维护人民根本利益。（防范以权谋私、滥用职权、
  插手干预、利益输送。）
主题词：用权 以权谋私 滥用职权 插手 干预 利益输送 谋取利益

@ ICR-07 | 第七条 | 廉洁修身，自觉提升思想道德境界
条文：党员领导干部廉洁自律规范：廉洁修身，自觉提升思想道德境界。（防范生活作风不检点、
  沉迷赌博、追求低级趣味。）
主题词：修身 道德 生活作风 赌博 思想

@ ICR-08 | 第八条 | 廉洁齐家，自觉带头树立良好家风
条文：党员领导干部廉洁自律规范：廉洁齐家，自觉带头树立良好家风。（防范亲属、身边工作人员
  借势谋利，配偶子女违规经商办企业。）
主题词：家风 亲属 配偶 子女 身边工作人员 经商 办企业 特定关系人
""",
    INTEGRITY,
    first_order=30_000,
)
