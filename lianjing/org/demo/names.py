"""Names for the demo organisation: surnames with their approximate frequency (national figures,
nudged towards Sichuan, where 何, 罗, 邓, 谢, 唐 and 曾 are more common), given names by gender
and generation, and fictional but plausible place names. All places are invented except 四川省."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# (surname, weight ≈ share in ‰)
SURNAMES: list[tuple[str, float]] = [
    ("王", 66), ("李", 70), ("张", 68), ("刘", 54), ("陈", 48), ("杨", 35), ("黄", 24),
    ("赵", 19), ("吴", 19), ("周", 21), ("徐", 14), ("孙", 13), ("马", 11), ("朱", 11),
    ("胡", 12), ("郭", 10), ("何", 18), ("高", 10), ("林", 9), ("罗", 17), ("郑", 8),
    ("梁", 8), ("谢", 11), ("宋", 7), ("唐", 11), ("许", 6), ("韩", 6), ("冯", 7), ("邓", 12),
    ("曹", 6), ("彭", 8), ("曾", 9), ("肖", 7), ("田", 6), ("董", 5), ("袁", 6), ("潘", 4),
    ("于", 3), ("蒋", 6), ("蔡", 4), ("余", 6), ("杜", 5), ("叶", 4), ("程", 4), ("苏", 4),
    ("魏", 4), ("吕", 3), ("丁", 3), ("任", 5), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 2), ("钟", 4), ("谭", 4), ("陆", 2), ("汪", 3), ("范", 3), ("金", 2), ("石", 3),
    ("廖", 5), ("贾", 2), ("夏", 2), ("韦", 1), ("付", 4), ("方", 2), ("白", 2), ("邹", 3),
    ("孟", 2), ("熊", 3), ("秦", 2), ("邱", 3), ("江", 3), ("尹", 2), ("薛", 2), ("闫", 1),
    ("段", 2), ("雷", 3), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2),
    ("顾", 1), ("毛", 2), ("郝", 1), ("龚", 2), ("邵", 1), ("万", 2), ("钱", 1), ("严", 2),
    ("覃", 1), ("武", 1), ("戴", 1), ("莫", 1), ("孔", 1), ("向", 2), ("汤", 1), ("代", 2),
    ("文", 2), ("祝", 1), ("鲜", 1), ("敬", 1), ("冉", 1), ("欧阳", 0.3), ("司马", 0.1),
]  # fmt: skip

# Given names, by gender and by generation (born before 1980 / from 1980 on).
MALE_OLD = _words(
    "建国 建华 建军 建平 国强 国平 国华 志强 志刚 志明 志勇 永强 永刚 卫东 卫国 红兵 振华 "
    "德明 文斌 文华 明华 海涛 海波 晓东 俊峰 宏伟 立新 成龙 家明 少华 春林 学军 兴华 光明 "
    "伟 刚 勇 强 军 平 斌 涛 波 林 华 杰 峰 辉 毅 鹏 亮 东 明 忠 良 祥 荣 洪 彬 云 雄 健 "
    "庆 川 蜀 德勇 开明 正华 世平 泽民 仕林 长春 天明 绍华 远平"
)
MALE_NEW = _words(
    "浩 宇 轩 博 晨 俊 皓 睿 泽 鑫 磊 凯 帅 阳 翔 航 昊 然 豪 杰 涛 川 浩然 子轩 宇航 "
    "俊杰 嘉豪 思远 天宇 博文 一鸣 皓轩 睿哲 泽宇 鑫磊 晨阳 家乐 梓豪 文博 昊天 志远 俊熙 "
    "明轩 子豪 浩宇 宇轩 鹏飞 晓峰 立伟 建宇 国栋 永杰 海洋 小龙 锦程 星宇 瑞 亦凡 睿阳 "
    "佳明 英杰 晋川 蜀江"
)
FEMALE_OLD = _words(
    "秀英 桂英 秀兰 玉兰 桂兰 淑珍 丽华 红梅 晓红 丽娟 海燕 秀芳 春梅 玉梅 建英 小红 文静 "
    "琼 芳 敏 静 丽 艳 娟 霞 燕 萍 红 梅 莉 英 华 玲 洁 蓉 琳 慧 凤 素芬 晓梅 永红 雪梅 "
    "丽萍 朝霞 国英 少琼 德芳 明秀 淑华 小琴 燕萍 继红 蜀蓉"
)
FEMALE_NEW = _words(
    "欣怡 梓涵 诗涵 雨涵 可馨 思琪 佳怡 雨欣 婷婷 雪 琪 瑶 倩 颖 璐 悦 丹 露 楠 晶 佳 怡 "
    "静怡 梦瑶 晓雪 子涵 雅琪 诗雨 一诺 欣然 语嫣 思雨 梦琪 婉清 文婷 晓丽 艳玲 丽君 俊英 "
    "倩倩 丹丹 雯雯 晓燕 玉洁 春燕 晨曦 蓉蓉 锦 雨桐 若曦 紫萱 安琪 芷若 晓彤"
)

CAPITAL_CITY = "蓉城市"
# Cities of the demo province, in order; the first is the capital (code 5101).
CITIES: list[str] = [
    CAPITAL_CITY, "绵州市", "嘉州市", "眉州市", "雅州市", "资州市", "果州市", "蓬州市",
    "戎州市", "邛州市", "梓州市", "简州市",
]  # fmt: skip

# District names are built from two disjoint character rows: index 0 is 锦华.
_DISTRICT_FIRST = "锦青金玉龙凤云清桂松文福嘉瑞永长丰兴德茂"
_DISTRICT_SECOND = "华溪江山城川泉平宁林源河阳安湖峰水台岭原"

STREETS = _words(
    "东城 西城 南城 北城 新华 文庙 书院 府河 锦官 玉林 桂花 莲花 柳城 永宁 天府 双桥 白鹤 "
    "石桥 青龙 红光 金沙 清水 望江 万安 合江 太平 新民 和平 花园 长乐 永兴 安仁 福田 凤凰 "
    "龙潭 迎宾 水井 草堂 三圣 大观"
)
COMMUNITIES = _words(
    "翠柳 锦绣 芙蓉 幸福 和谐 阳光 银杏 桂苑 丽景 滨河 文星 星辰 新桥 府南 花语 紫荆 华庭 "
    "东湖 清风 明月 枫林 荷塘 南苑 北苑 长春 朝阳 金桥 玉带 双龙 梧桐 康宁 安居 泰和 锦苑 "
    "青石 红星 桃园 柳岸"
)
VILLAGES = _words(
    "石桥 柏树 大堰 金竹 黄桷 杨柳 白果 桂花 龙井 清泉 新店 松林 高峰 花果 双河 三江 明月 "
    "天池 红庙 凉水 青杠 水碾 竹林 马鞍 元通 太平 永安 五星 光明 和平 新华 团结"
)
NEW_ORGS = _words(
    "蜀锦丝绸实业 天府优品食品 巴蜀智造科技 锦程物流 川渝建材 蓉兴电子 青城茶业 岷江农业开发"
)


def district_name(index: int) -> str:
    """The base name of the district at `index` (锦华, 青溪, …), unique for index < 100 per
    cycle; beyond 400 districts a number keeps it unique."""
    size = len(_DISTRICT_FIRST)
    first, cycle = index % size, index // size
    second = (7 * first + cycle) % len(_DISTRICT_SECOND)
    name = _DISTRICT_FIRST[first] + _DISTRICT_SECOND[second]
    return name if index < size * len(_DISTRICT_SECOND) else f"{name}{index}"


def city_name(index: int) -> str:
    return CITIES[index] if index < len(CITIES) else f"新{index}市"
