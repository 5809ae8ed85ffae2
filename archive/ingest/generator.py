"""Generate raw newspaper finance pages in the ingest format, fast and repeatably.

Pure Python, no Django: benchmarks and import tests use it to make as many pages as
they need that read like the shared samples: reportage and short news on the five
finance programmes across 内蒙古, research columns, and classified notices after a
`■广告` marker, with the dirt real pages have (words, figures and URLs split across
a blank line, ad hotlines, GBK-encoded files, Traditional characters).

Each page is drawn from its own `random.Random(f"{seed}/{index}")`, so a page does
not depend on the pages before it and a run can be split across processes with
`start`. Pages get distinct (publication, date, page) slots so an importer that
upserts by natural key keeps every one of them.
"""

from __future__ import annotations

import hashlib
import random
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

ARTICLE = "article"
NOTICE = "notice"

PROGRAMMES = ("科技金融", "绿色金融", "普惠金融", "养老金融", "数字金融")

# Labels follow the shared samples' expected files (环境影响评价公众参与公示).
SERVICE = "行政执法文书送达公告"
EIA = "环境影响评价公众参与公示"
LOSS = "遗失声明"
DEREGISTRATION = "注销公告"
CAPITAL_REDUCTION = "减资公告"
AUCTION = "拍卖公告"
HEARING = "听证公告"
LAND_LISTING = "土地挂牌出让公告"
TENDER = "招标公告"
AWARD = "中标公告"
EXPROPRIATION = "征收补偿公告"
NOTICE_TYPES = (
    SERVICE,
    EIA,
    LOSS,
    DEREGISTRATION,
    CAPITAL_REDUCTION,
    AUCTION,
    HEARING,
    LAND_LISTING,
    TENDER,
    AWARD,
    EXPROPRIATION,
)

PAGE_KINDS = ("reportage", "articles", "notices", "mixed")

FIRST_DAY = date(2024, 1, 1)
# Issue dates stop before the archive's "today" so no demo page is from the future.
LAST_DAY = date(2026, 10, 31)
PAGE_NUMBERS = 24  # 版次 1..24 per issue

# Shares of the page mix, and of the dirty variants.
_KIND_WEIGHTS = (0.2, 0.3, 0.3, 0.2)
_GBK_SHARE = 0.05
_TRADITIONAL_SHARE = 0.05
_MASTHEAD_SHARE = 0.08
_MAX_BYTES = 19_500  # pages stay under 20 KB whatever the encoding
_MIN_CHARS = 700  # ≥ 1.4 KB even in GBK's two bytes a character
_MAX_CHARS = 5_600

_HAN_LO, _HAN_HI = "\u4e00", "\u9fff"


INNER_MONGOLIA_CODE = "150000000000"


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """One raw page with its sidecar and what was put on it."""

    filename: str  # "000042_1f3a….txt"; the sidecar is the same stem + ".json"
    data: bytes  # the file's bytes, already encoded
    encoding: str  # "utf-8" or "gb18030"
    sidecar: dict[str, object]  # publication, publication_name, date, page, section
    item_count: int
    kinds: tuple[str, ...]  # "article" / "notice" per item, in print order
    notice_types: tuple[str, ...] = ()  # NOTICE_TYPES labels, in print order
    traditional: bool = False
    page_kind: str = "articles"  # one of PAGE_KINDS


_T = TypeVar("_T")


def _choice(rng: random.Random, items: Sequence[_T]) -> _T:
    # Random.choice and randint are pure Python and dominated the profile;
    # Random.random is C. Same distribution, a third of the time.
    return items[int(rng.random() * len(items))]


def _int(rng: random.Random, low: int, high: int) -> int:
    """Return a random integer in [low, high], like Random.randint."""
    return low + int(rng.random() * (high - low + 1))


# --------------------------------------------------------------------------
# Working-day calendar (State Council holiday notices for 2024–2026), so printed
# 公示起止日期 agree with the law; years past the table are never printed.

_HOLIDAY_RANGES = (
    ("2024-01-01", "2024-01-01"),
    ("2024-02-10", "2024-02-17"),
    ("2024-04-04", "2024-04-06"),
    ("2024-05-01", "2024-05-05"),
    ("2024-06-10", "2024-06-10"),
    ("2024-09-15", "2024-09-17"),
    ("2024-10-01", "2024-10-07"),
    ("2025-01-01", "2025-01-01"),
    ("2025-01-28", "2025-02-04"),
    ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"),
    ("2025-05-31", "2025-06-02"),
    ("2025-10-01", "2025-10-08"),
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
)
_MAKEUP_DAYS = frozenset(
    date.fromisoformat(d)
    for d in (
        "2024-02-04",
        "2024-02-18",
        "2024-04-07",
        "2024-04-28",
        "2024-05-11",
        "2024-09-14",
        "2024-09-29",
        "2024-10-12",
        "2025-01-26",
        "2025-02-08",
        "2025-04-27",
        "2025-09-28",
        "2025-10-11",
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    )
)


def _expand(ranges: tuple[tuple[str, str], ...]) -> frozenset[date]:
    days: set[date] = set()
    for first, last in ranges:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


_HOLIDAYS = _expand(_HOLIDAY_RANGES)
CALENDAR_LAST_DAY = date(2026, 12, 31)


def is_workday(day: date) -> bool:
    """Tell whether `day` is an official working day (make-up Saturdays included)."""
    if day in _MAKEUP_DAYS:
        return True
    return day.weekday() < 5 and day not in _HOLIDAYS


def working_window(start: date, days: int) -> tuple[date, date] | None:
    """Return the first and last of `days` working days from `start` (day 1)."""
    first = None
    count = 0
    day = start
    while day <= CALENDAR_LAST_DAY:
        if is_workday(day):
            first = first or day
            count += 1
            if count == days:
                return first, day
        day += timedelta(days=1)
    return None


# --------------------------------------------------------------------------
# Places (official names, from the shipped division list), publications.

# city short area-code plate doc-abbr domain, then county:town,town …
_PLACE_DATA = """
呼和浩特市 呼和浩特 0471 蒙A 呼 huhhot
 新城区:保合少镇 赛罕区:榆林镇,黄合少镇,金河镇 土默特左旗:察素齐镇,毕克齐镇,善岱镇
 托克托县:双河镇,新营子镇 和林格尔县:盛乐镇,新店子镇 清水河县:喇嘛湾镇,宏河镇
 武川县:哈乐镇,西乌兰不浪镇
包头市 包头 0472 蒙B 包 baotou
 东河区:河东镇,沙尔沁镇 九原区:麻池镇,哈业胡同镇,哈林格尔镇 石拐区:五当召镇
 土默特右旗:萨拉齐镇,双龙镇,美岱召镇 固阳县:金山镇,西斗铺镇
 达尔罕茂明安联合旗:百灵庙镇,满都拉镇,希拉穆仁镇
乌海市 乌海 0473 蒙C 乌海 wuhai
 海勃湾区:千里山镇 海南区:拉僧庙镇,公乌素镇,巴音陶亥镇 乌达区:乌兰淖尔镇
赤峰市 赤峰 0476 蒙D 赤 chifeng
 红山区:红庙子镇,文钟镇 元宝山区:风水沟镇,美丽河镇 松山区:穆家营子镇,初头朗镇,大庙镇
 阿鲁科尔沁旗:天山镇,双胜镇 巴林左旗:林东镇,隆昌镇 巴林右旗:大板镇,索博日嘎镇
 林西县:官地镇,新城子镇 克什克腾旗:经棚镇,宇宙地镇 翁牛特旗:乌丹镇,乌敦套海镇,五分地镇
 喀喇沁旗:锦山镇,美林镇,王爷府镇 宁城县:天义镇,小城子镇 敖汉旗:新惠镇,四家子镇,长胜镇
通辽市 通辽 0475 蒙G 通 tongliao
 科尔沁区:大林镇,钱家店镇,余粮堡镇 科尔沁左翼中旗:保康镇,宝龙山镇,舍伯吐镇
 科尔沁左翼后旗:金宝屯镇,吉尔嘎朗镇 开鲁县:开鲁镇,大榆树镇
 库伦旗:库伦镇,六家子镇,额勒顺镇
 奈曼旗:大沁他拉镇,八仙筒镇,青龙山镇 扎鲁特旗:鲁北镇,巨日合镇 霍林郭勒市:达来胡硕苏木
鄂尔多斯市 鄂尔多斯 0477 蒙K 鄂 ordos
 东胜区:罕台镇,铜川镇 康巴什区: 达拉特旗:王爱召镇,树林召镇,昭君镇
 准格尔旗:薛家湾镇,沙圪堵镇,龙口镇 鄂托克前旗:敖勒召其镇,上海庙镇
 鄂托克旗:蒙西镇,棋盘井镇
 杭锦旗:锡尼镇,巴拉贡镇 乌审旗:乌审召镇,图克镇,嘎鲁图镇 伊金霍洛旗:阿勒腾席热镇,札萨克镇
呼伦贝尔市 呼伦贝尔 0470 蒙E 呼伦贝尔 hlbe
 海拉尔区:奋斗镇,哈克镇 阿荣旗:那吉镇,六合镇 莫力达瓦达斡尔族自治旗:尼尔基镇,宝山镇
 鄂温克族自治旗:伊敏河镇,巴彦托海镇 陈巴尔虎旗:巴彦库仁镇,宝日希勒镇 满洲里市:新开河镇
 牙克石市:免渡河镇,博克图镇 扎兰屯市:蘑菇气镇,卧牛河镇 额尔古纳市:莫尔道嘎镇,黑山头镇
巴彦淖尔市 巴彦淖尔 0478 蒙L 巴 bynr
 临河区:狼山镇,新华镇 五原县:隆兴昌镇,塔尔湖镇 磴口县:巴彦高勒镇,渡口镇
 乌拉特前旗:乌拉山镇,白彦花镇,新安镇 乌拉特中旗:德岭山镇,海流图镇
 杭锦后旗:头道桥镇,二道桥镇
乌兰察布市 乌兰察布 0474 蒙J 乌 wulanchabu
 集宁区:白海子镇 卓资县:卓资山镇,旗下营镇 化德县:长顺镇,七号镇 商都县:七台镇
 凉城县:岱海镇,麦胡图镇 察哈尔右翼前旗:土贵乌拉镇,平地泉镇 四子王旗:乌兰花镇,吉生太镇
 丰镇市:黑土台镇,隆盛庄镇
兴安盟 兴安 0482 蒙F 兴 xam
 乌兰浩特市:乌兰哈达镇,葛根庙镇 阿尔山市:天池镇,白狼镇 科尔沁右翼前旗:索伦镇,大石寨镇
 科尔沁右翼中旗:巴彦呼舒镇,高力板镇 扎赉特旗:音德尔镇,巴彦高勒镇 突泉县:突泉镇,六户镇
锡林郭勒盟 锡林郭勒 0479 蒙H 锡 xlgl
 锡林浩特市:阿尔善宝拉格镇 阿巴嘎旗:别力古台镇,查干淖尔镇 苏尼特右旗:赛汉塔拉镇,朱日和镇
 东乌珠穆沁旗:乌里雅斯太镇,嘎达布其镇 西乌珠穆沁旗:巴拉嘎尔高勒镇
 太仆寺旗:宝昌镇,千斤沟镇
 正蓝旗:上都镇,桑根达来镇 多伦县:多伦诺尔镇,大北沟镇
阿拉善盟 阿拉善 0483 蒙M 阿 als
 阿拉善左旗:巴彦浩特镇,吉兰泰镇 阿拉善右旗:巴丹吉林镇,雅布赖镇
 额济纳旗:达来呼布镇,东风镇
"""


@dataclass(frozen=True, slots=True)
class _City:
    name: str  # 赤峰市
    short: str  # 赤峰
    area_code: str  # 0476
    plate: str  # 蒙D
    abbr: str  # 赤, for document numbers
    domain: str  # chifeng, for gov URLs
    counties: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def whole(self) -> str:
        """全市 / 全盟."""
        return "全" + self.name[-1]

    @property
    def government(self) -> str:
        # A 盟 is governed by a 行政公署, not a 人民政府.
        return self.name + ("行政公署" if self.name.endswith("盟") else "人民政府")


def _load_places() -> dict[str, _City]:
    cities: dict[str, _City] = {}
    head: list[str] = []
    counties: list[tuple[str, tuple[str, ...]]] = []

    def close() -> None:
        if head:
            name, short, code, plate, abbr, domain = head
            cities[name] = _City(
                name, short, code, plate, abbr, domain, tuple(counties)
            )

    for line in _PLACE_DATA.strip("\n").splitlines():
        if not line.startswith(" "):
            close()
            head, counties = line.split(), []
            continue
        for chunk in line.split():
            county, _, towns = chunk.partition(":")
            counties.append((county, tuple(t for t in towns.split(",") if t)))
    close()
    return cities


_CITIES = _load_places()
_CITY_LIST = tuple(_CITIES.values())

_PUBLICATIONS: tuple[tuple[str, str, str | None], ...] = (
    ("chifeng-daily", "赤峰日报", "赤峰市"),
    ("tongliao-daily", "通辽日报", "通辽市"),
    ("wuhai-daily", "乌海日报", "乌海市"),
    ("ordos-daily", "鄂尔多斯日报", "鄂尔多斯市"),
    ("inner-mongolia-daily", "内蒙古日报", None),
    ("hohhot-daily", "呼和浩特日报", "呼和浩特市"),
    ("baotou-daily", "包头日报", "包头市"),
    ("hulunbuir-daily", "呼伦贝尔日报", "呼伦贝尔市"),
    ("bayannur-daily", "巴彦淖尔日报", "巴彦淖尔市"),
    ("ulanqab-daily", "乌兰察布日报", "乌兰察布市"),
    ("xingan-daily", "兴安日报", "兴安盟"),
    ("xilingol-daily", "锡林郭勒日报", "锡林郭勒盟"),
    ("alxa-daily", "阿拉善日报", "阿拉善盟"),
    ("hongshan-evening", "红山晚报", "赤峰市"),
    ("northern-news", "北方新报", None),
    ("inner-mongolia-morning-post", "内蒙古晨报", None),
)
PUBLICATIONS = tuple((slug, name) for slug, name, _ in _PUBLICATIONS)

_DAYS = (LAST_DAY - FIRST_DAY).days + 1
SLOTS = len(_PUBLICATIONS) * _DAYS * PAGE_NUMBERS
_STRIDE = 1_000_003  # prime, coprime with SLOTS: i -> slot is a bijection


# --------------------------------------------------------------------------
# Word lists.


def _words(block: str) -> tuple[str, ...]:
    return tuple(block.split())


_SURNAMES = _words("""
王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯
邓 曹 彭 曾 田 董 袁 潘 蒋 蔡 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪
金 石 廖 贾 夏 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 史 陶 贺 顾 毛 郝 邵
""")
_GIVEN = _words("""
建 国 军 伟 强 磊 洋 勇 杰 涛 明 超 秀 英 华 丽 敏 静 燕 玲 芳 娜 霞 红 梅 丹 宇 鹏
飞 鑫 波 斌 辉 刚 平 亮 俊 峰 春 海 东 志 文 利 新 凤 云 婷 慧 雪 欣 晶 琳 博 凯
""")
_MONGOLIAN_NAMES = _words("""
巴特尔 乌云 苏和 斯琴高娃 那仁 额尔敦 其木格 图雅 宝音 朝鲁 萨仁 阿拉坦
乌力吉 敖特根 哈斯 包力高 格日勒 吉日木图 娜仁花 孟和
""")
_BANKS = _words("""
中国农业银行 中国工商银行 中国建设银行 中国银行 中国邮政储蓄银行 交通银行
内蒙古银行 蒙商银行 中国农业发展银行 国家开发银行
""")
_PRODUCTS = _words("""
“信易贷” “草原e贷” “兴农贷” “牧民e贷” “科创贷” “专精特新贷” “节水贷” “光伏贷”
“碳汇贷” “养老安心贷” “税易贷” “肉牛活体贷” “乡村振兴贷” “商户e贷” “创业担保贷”
""")
_PLATFORMS = _words("""
“信易贷”平台 “蒙企贷”平台 金融服务超市 “蒙信通”平台 综合金融服务平台
""")
_FIRM_STEMS = _words("""
华瑞 兴盛 蒙源 北方 草原 瑞丰 金川 恒泰 众鑫 远航 德润 鼎元 天骄 弘达 宏远 顺通
亿丰 蒙润 沃土 青城 祥和 金穗 驰宇 晟通 泰和 丰源
""")
_INDUSTRIES = _words("""
新材料 生物科技 农牧业 乳业 新能源 光伏科技 稀土科技 肉牛养殖 农机 物流 商贸 建材
牧业 食品 化工 装备制造 绿色能源 种业 羊绒制品 蒙医药
""")
_CHAINS = _words("""
肉牛 玉米 稀土 光伏 风电 乳业 羊绒 蒙医药 小杂粮 马铃薯 向日葵 新能源装备 煤化工
""")
_COMMUNITIES = _words("""
锦绣园 阳光花园 康居小区 滨河湾 幸福里 和谐家园 金桥小区 御景苑 翠园 书香门第
""")

_COLUMNS_BEFORE = ("走一线 改文风", "金融观察", "基层传真", "数说金融", "一线调研")
_COLUMNS_AFTER = _words("学习研究 理论与实践")
_KICKERS = (
    "金融活水润草原：",
    "聚焦金融“五篇大文章”：",
    "{cs}观察：",
    "一线调研：",
    "蹲点日记：",
    "记者调查：",
    "写好“五篇大文章”·{cs}样本：",
)
_SEASONS = {
    1: "寒冬时节，北疆大地银装素裹",
    2: "早春二月，冰雪尚未消融",
    3: "三月的草原，风里已有了暖意",
    4: "春寒料峭，田野里已经忙碌起来",
    5: "五月的塞外，草色渐绿",
    6: "初夏时节，草原上绿意盎然",
    7: "盛夏的草原，牛羊成群",
    8: "八月的北疆，天高云淡",
    9: "金秋时节，田野里一派丰收景象",
    10: "深秋的塞外，层林尽染",
    11: "初冬的草原，寒意渐浓",
    12: "寒冬腊月，朔风凛冽",
}
_AFFILIATIONS = (
    "中共{city}委员会党校",
    "{city}金融学会",
    "中国人民银行{city}分行",
    "内蒙古财经大学金融学院",
    "国家金融监督管理总局{cs}监管分局",
    "{city}财政局",
    "内蒙古民族大学经济管理学院",
)


# --------------------------------------------------------------------------
# Templates: one per line; each {slot} is filled by the function in _SLOTS.


def _templates(block: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    parser = string.Formatter()
    out = []
    for line in block.strip().splitlines():
        text = line.strip()
        if text:
            fields = tuple(sorted({f for _, f, _, _ in parser.parse(text) if f}))
            out.append((text, fields))
    return tuple(out)


_BODY = {
    "科技金融": _templates("""
{asof}，{area}科技型企业贷款余额达{yi}，同比增长{pct}，累计支持科技型中小企业{jia}。
“过去找银行，人家先问有没有厂房、有没有土地。”{company}负责人{person}说，企业手里最值钱的是几项发明专利，{bank}据此发放知识产权质押贷款{wan}，新产线得以按期投产。
在{county}{town}，{company}的车间里机器轰鸣。{bank}为企业量身定制{product}，从受理到放款只用了一周，企业当年研发投入同比增长{pct}。
{area}金融部门建立科技型企业“白名单”，推动银行对名单内企业实行差异化授信。{asof}，名单内企业获得授信{yi}，首贷户达到{hu}。
为破解科技型企业“轻资产、缺抵押”的难题，{city}设立科技信贷风险补偿资金池，首期规模{wan}，撬动银行贷款{yi}。
科技创新和技术改造再贷款政策落地后，{area}清单内设备更新项目预计可获得再贷款支持资金{yis}，惠及企业{jia}。
{bank}相关负责人介绍，下一步将围绕{chain}等产业链探索“投贷联动”模式，让更多“专精特新”企业拿到“耐心资本”。
从“卡脖子”到“拿订单”，{company}只用了三年。企业负责人{person}说，这背后离不开{bank}的{wan}信用贷款和政府性融资担保的增信支持。
这不是简单的“给钱”，而是给“信用”。{city}科技、财政、金融等部门联合建立企业创新积分制度，把研发投入、人才团队、知识产权等指标折算成积分，积分越高，授信额度越高。
{asof}，{area}高新技术企业达到{jia}，其中获得银行贷款支持的占比超过{pctint}。
在{city}高新技术产业开发区，{company}的实验室里，研发人员正在调试新一代产品。企业负责人坦言，最难的时候账上只剩下两个月的工资，是{bank}的一笔“科创贷”让企业挺了过来。
为了让专家“下沉”到企业，{city}组织证券交易所、股权投资机构开展“一对一”上市辅导，{asof}已有{jia}企业进入上市后备资源库。
"""),
    "绿色金融": _templates("""
{asof}，{area}绿色贷款余额{yi}，同比增长{pct}，高于各项贷款平均增速{pp}。
在{county}的光伏治沙基地，一排排光伏板整齐排列。{bank}为项目发放绿色项目贷款{yis}，板上发电、板下种草，昔日的沙地正在变成“绿色银行”。
{company}负责人{person}给记者算了一笔账：通过碳排放权质押贷款获得资金{wan}，用于余热回收改造，每年可节约标准煤{tons}。
{bank}落地{area}首笔ESG挂钩贷款，金额{yis}。贷款利率与企业的能耗、排放指标挂钩，“指标达标，利率下调；反之上调”。
针对农牧民节水改造需求，{county}推出“节水贷”“水权贷”等产品，{asof}已累计发放{wan}，带动高效节水灌溉面积{mu}。
绿色金融不只服务大项目。{town}的牧民{person}用{wans}“草畜平衡贷”建起了标准化棚圈，“草场休养生息了，牛羊也长得更壮”。
{area}发行绿色债券{yis}，募集资金全部投向风电、光伏和储能项目，预计每年减少二氧化碳排放{tons}。
在{county}{town}，{bank}把林权、草原承包经营权纳入抵押范围，{asof}已发放相关贷款{bi}，金额{wan}。
过去搞环保改造，企业普遍动力不足，因为投入大、见效慢。现在财政贴息和绿色信贷联手发力，降下来的利息正好覆盖治污设施的运维成本。
{city}建立绿色项目库，{asof}入库项目{n}个，总投资{yi}，其中已获得银行授信的项目占比{pctint}。
黄河流域生态保护和高质量发展，离不开金融的支持。{bank}为{county}矿山生态修复项目提供中长期贷款{yis}，贷款期限长达十五年。
"""),
    "普惠金融": _templates("""
{asof}，{area}普惠小微贷款余额达{yi}，同比增长{pct}；普惠型涉农贷款余额{yi2}，服务经营主体{hu}。
{town}养殖户{person}今年扩建了牛舍。{bank}的客户经理上门办理{product}，不用抵押，凭信用就拿到了{wans}，“手机上点一点，钱就到账了”。
{area}创业担保贷款余额同比增长{pct}，{asof}累计扶持创业{ren}，带动就业{ren2}。
为破解“融资难、融资贵”，{city}组织{jia}金融机构开展“千企万户大走访”，累计走访经营主体{hu}，新增授信{yi}。
{bank}把服务网点延伸到嘎查村，在{county}布设惠农金融服务点{n}个，让农牧民“足不出村”就能办理取款、转账、缴费等业务。
“过去借钱要看人脸色，现在银行主动上门。”{county}{town}种植大户{person}说，{product}解决了春耕备耕的资金难题。
{asof}，{area}小微企业贷款加权平均利率降至{lowpct}，较上年同期下降{ppsmall}，企业综合融资成本持续下降。
在{county}，{bank}与政府性融资担保机构合作推出“见贷即担”业务，{asof}累计担保放款{bi}，金额{yis}。
“最怕啥？最怕牲畜生病，更怕断了饲料钱。”{person}蹲在棚圈边给记者算账，以前找私人借钱，利息高得吓人；如今有了{product}，一年能省下不少利息。
{county}把肉牛、肉羊等活体纳入抵押范围，通过耳标和视频监控实现“活体可查、风险可控”，{asof}已发放活体抵押贷款{wan}。
小微企业遍布生产经营各领域，是稳就业的“主阵地”。{city}把普惠金融作为稳就业的重要抓手，{asof}，小微企业贷款户数达到{hu}，较年初增加{husmall}。
{bank}推行“阳光信贷”，把贷款条件、办理流程、利率标准在每个网点和村委会公示，{asof}累计发放农户信用贷款{bi}。
"""),
    "养老金融": _templates("""
{area}下达城乡居民基本养老保险补助{yis}，为{ren}80岁以上老人按月发放高龄津贴。
在{county}的一处居家社区养老服务驿站，老人们花几块钱就能吃上一顿热乎饭。驿站负责人{person}说，{bank}提供的{wan}养老产业贷款，帮助驿站改造了食堂和活动室。
{bank}推出个人养老金专属服务，{asof}，辖内累计开立个人养老金账户{hu}，缴存金额{wan}。
养老金融不能只盯着理财产品。{city}的思路是“两条腿走路”：一方面财政直接投入，建机构、发补贴；另一方面引导金融机构丰富养老储蓄、商业养老保险等产品。
{bank}在{town}网点设置爱心窗口和老年人专座，保留现金、存折等传统服务，{asof}累计为老年客户办理业务{bi}。
{area}落地首笔养老产业专项贷款{wan}，支持{company}建设医养结合服务中心，新增床位{beds}。
“以前取养老金要坐一个多小时班车进城。”{town}的{oldperson}说，如今村里有了助农取款点，在家门口就能领到钱。
{asof}，{area}60岁以上户籍人口占比达到{agedpct}，老龄化程度高于全区平均水平，养老服务的资金需求日益迫切。
{bank}联合保险机构推出专属商业养老保险，{asof}累计承保{ren}，保费规模{wan}。
为防范针对老年人的金融诈骗，{city}金融部门开展“反诈进社区”活动{n}场，为老年人讲解识别非法集资、养老诈骗的常识。
"""),
    "数字金融": _templates("""
在{area}，{platform}注册企业{hu}，成功对接线上融资{bi}，累计交易金额{yi}。
过去，银行不敢贷给小微企业，是因为信息不对称。现在，{city}把政务数据、纳税数据、用电数据归集到{platform}，用数据替代抵押，{asof}累计发放线上贷款{yi}。
{bank}推出的{product}实现“秒申秒批”，个体工商户{person}在手机上操作几分钟，{wans}贷款便到了账。
{county}推进数字人民币应用，{asof}已开立数字人民币钱包{hu}，覆盖商户{jia}。
{area}正积极融入“东数西算”国家战略，支持一体化政务大数据中心和智算中心建设，为金融“活水”精准滴灌打下数据底座。
依托大数据风控模型，{bank}线上信用贷款不良率控制在{lowpct}以内，审批时间由过去的半个月压缩到{hours}。
“以前跑断腿也贷不到几十万，现在手指一点就到账。”{county}一位农机经销商{person}感慨道。
在{bank}的后台大屏上，一笔笔线上贷款的申请、审批、放款数据实时跳动。工作人员介绍，{asof}，线上贷款占全部新增贷款的比重已提高到{pctint}。
{city}搭建的“一网通办”金融服务专区，把开户、贷款、缴费等{n}项业务搬到线上，企业和群众办事实现“最多跑一次”。
数字化转型也让风险管理更精准。{bank}运用卫星遥感监测农作物长势和草场状况，为{hu}农牧户发放了种植养殖贷款。
"""),
}

_OPENINGS = _templates("""
{season}。记者此行，是想看看一笔笔金融“活水”如何流进田间地头、工厂车间。
{season}，记者驱车来到{county}{town}。一路上，新建的厂房、成片的大棚和整齐的棚圈不时映入眼帘。
{season}。在{county}{town}，记者见到了正在忙碌的{person}。
""")
_INTRO = _templates("""
做好金融“五篇大文章”，既要有顶层设计，更要落地生根。{area}把科技金融、绿色金融、普惠金融、养老金融、数字金融一体谋划、协同推进。
数据是亮眼的：{asof}，{area}各项贷款余额{yi}，同比增长{pct}。但走进车间、走进牧区，记者看到的是一个个鲜活的人和正在经历的改变。
金融是实体经济的血脉。这些宏大的数字背后，是一个个经营主体的具体改变，是一户户农牧民账本上的真实变化。
“政策好不好，要看能不能落到老百姓身上。”采访中，不少基层干部这样对记者说。
""")
_OUTRO = _templates("""
“金融工作做得好不好，要看老百姓的账本。”{bank}相关负责人表示，下一步将继续下沉服务重心，把更多金融资源配置到重点领域和薄弱环节。
做好金融“五篇大文章”，既是使命，也是征途。在{cs}，这篇文章正一笔一画地写在广袤的草原上。
离开{town}时，{person}正忙着给新补栏的牛犊添草料。他说，明年还想再扩大规模，“有金融撑腰，心里踏实”。
""")
_NOTES_HEAD = ("记者手记：", "采访札记：", "记者观察：")
_NOTES_SUB = ("答卷写在草原上", "账本里的民生温度", "让金融活水流得更远")

_SECTION_HEADS = {
    "科技金融": (
        ("科技金融的“加速度”：", "让创新企业不再“缺氧”"),
        ("科技金融：", "专利变成“真金白银”"),
    ),
    "绿色金融": (
        ("绿色金融的“成色”：", "沙地里长出“绿色银行”"),
        ("绿色金融：", "算好减排这笔账"),
    ),
    "普惠金融": (
        ("普惠金融的“泥土味”：", "{person}的牛舍扩建记"),
        ("普惠金融：", "把服务送到嘎查村"),
    ),
    "养老金融": (
        ("养老金融的“温度”：", "家门口的养老驿站"),
        ("养老金融：", "让老人少跑路"),
    ),
    "数字金融": (
        ("数字金融的“速度”：", "手指一点钱到账"),
        ("数字金融：", "数据跑路代替企业跑腿"),
    ),
}

_RESEARCH_HEADS = (
    "{prog}发展的现实意义",
    "当前{prog}发展面临的主要问题",
    "推动{prog}高质量发展的路径",
)
# One group of paragraphs for each of _RESEARCH_HEADS, in order.
_RESEARCH = (
    _templates("""
{prog}是金融服务实体经济的重要抓手。近年来，{city}持续完善支持政策，{asof}，相关贷款余额达到{yi}，同比增长{pct}，为地区经济高质量发展提供了有力支撑。
据测算，{city}{prog}相关领域每新增1亿元贷款，可带动约{ren}就业，其乘数效应不容忽视。
做好{prog}大文章，是落实金融强国战略的具体行动，也是服务地方经济社会发展的内在要求。
"""),
    _templates("""
从实践看，{prog}发展仍面临一些制约。一是信息不对称问题依然存在，金融机构难以全面掌握经营主体的真实情况；二是风险分担机制不健全，银行“不敢贷、不愿贷”的顾虑仍未完全消除；三是专业人才储备不足，产品创新能力有待提升。
部分经营主体财务管理不规范，缺少合格抵押物，难以满足传统信贷的准入要求，融资成本也相对偏高。
"""),
    _templates("""
应加快建设统一的信用信息共享平台，打通税务、社保、水电等数据壁垒，推动金融机构运用大数据手段精准画像，提升风险定价能力。
应发挥财政资金的撬动作用，用好贷款贴息、风险补偿、融资担保降费奖补等政策工具，引导更多金融资源投向重点领域和薄弱环节。
应立足{chain}等优势特色产业，推动金融机构开发专属信贷产品，健全敢贷、愿贷、能贷、会贷的长效机制。
"""),
)
_RESEARCH_END = _templates("""
总之，做好{prog}这篇大文章，需要政府、金融机构和经营主体同向发力、久久为功，为{cs}高质量发展注入源源不断的金融活水。
""")

_HEADLINES_LONG = (
    "从“{a}”到“{b}”，{cs}金融的“{c}”与“{d}”",  # a/b, c/d: filled in pairs
    "{cs}：金融“五篇大文章”在草原落地生根",
    "写好“五篇大文章” 金融活水润北疆",
    "一笔笔“活水”流向哪里 {cs}金融服务实体经济见闻",
)
_HEAD_PAIRS = (
    ("纸上", "地上"),
    ("输血", "造血"),
    ("跑腿", "跑数"),
    ("抵押", "信用"),
    ("盆景", "风景"),
)
_HEAD_WORDS = ("答卷", "落笔", "生根", "温度", "成色", "刻度")
_HEADLINES_SHORT = {
    "科技金融": (
        "{cs}科技型企业贷款余额突破{yiround}",
        "{bank}为科技型企业“精准画像”",
        "知识产权质押为{company}解了燃眉之急",
    ),
    "绿色金融": (
        "{cs}绿色贷款同比增长{pct}",
        "{county}首笔ESG挂钩贷款落地",
        "光伏治沙项目获{yi}绿色信贷支持",
    ),
    "普惠金融": (
        "{cs}普惠小微贷款余额突破{yiround}",
        "{product}贷出牧民好日子",
        "{county}：金融服务点开到嘎查村",
    ),
    "养老金融": (
        "养老服务有了金融“加油站”",
        "{bank}打造适老化服务网点",
        "{county}个人养老金账户开户数快速增长",
    ),
    "数字金融": (
        "数字赋能让融资“跑”出加速度",
        "{platform}累计撮合融资{yi}",
        "{county}数字人民币应用场景持续拓展",
    ),
}
_SUBTITLES = (
    "——{city}{prog}工作综述",
    "——走进{county}{town}看{prog}",
    "——{bank}服务地方经济发展纪实",
)

_PARSED_HEADS: dict[str, tuple[str, tuple[str, ...]]] = {}


def _tpl(text: str) -> tuple[str, tuple[str, ...]]:
    # Small strings are parsed once and cached: headline/kicker lists are short.
    found = _PARSED_HEADS.get(text)
    if found is None:
        found = _templates(text)[0]
        _PARSED_HEADS[text] = found
    return found


# --------------------------------------------------------------------------
# Simplified → Traditional, for the characters the templates and word lists use.
# A character map cannot see words, so characters whose reading depends on the
# word are either left alone (干 in 查干淖尔, 里 in 千里山) or mapped to their
# common reading, and the few words that then come out wrong are fixed after.
# Surnames that stay unconverted in Traditional (于, 范) are not in the lists.

_S2T_PAIRS = """
万萬 与與 专專 业業 东東 两兩 个個 丰豐 临臨 为為 丽麗 义義 乌烏 乐樂 习習 乡鄉
书書 买買 于於 云雲 产產 亩畝 亿億 仆僕 从從 们們 价價 众眾 优優 会會 伟偉 传傳
伦倫 体體 余餘 债債 偿償 储儲 党黨 兰蘭 关關 兴興 养養 内內 册冊 写寫 军軍 农農
冯馮 决決 况況 准準 凉涼 减減 凛凜 几幾 凤鳳 凭憑 凯凱 划劃 刘劉 则則 刚剛 创創
别別 办辦 务務 动動 势勢 区區 医醫 华華 协協 单單 卖賣 卢盧 卧臥 卫衛 厂廠 厅廳
历歷 压壓 县縣 参參 双雙 发發 变變 台臺 叶葉 号號 后後 吓嚇 吕呂 吨噸 听聽 吴吳
员員 咨諮 响響 团團 园園 围圍 国國 图圖 场場 块塊 垒壘 墙牆 壮壯 声聲 处處 备備
复復 头頭 奋奮 奖獎 孙孫 学學 宁寧 宝寶 实實 审審 宽寬 宾賓 对對 导導 将將 尔爾
尽盡 层層 属屬 岁歲 岭嶺 币幣 帘簾 带帶 帮幫 并並 广廣 庄莊 库庫 应應 庙廟 废廢
开開 异異 张張 强強 归歸 当當 录錄 彦彥 征徵 径徑 态態 总總 恒恆 愿願 战戰 户戶
执執 扩擴 护護 报報 担擔 拟擬 挂掛 挥揮 据據 撑撐 数數 断斷 无無 旧舊 时時 术術
机機 杂雜 权權 条條 来來 杨楊 杰傑 极極 构構 标標 栏欄 树樹 样樣 桥橋 楼樓 毕畢
气氣 氢氫 汇匯 汉漢 沟溝 没沒 测測 济濟 浓濃 涛濤 润潤 渐漸 温溫 湾灣 满滿 滨濱
灵靈 点點 热熱 爱愛 爷爺 犊犢 状狀 独獨 环環 现現 电電 画畫 监監 盖蓋 盘盤 矿礦
码碼 硕碩 离離 种種 积積 称稱 税稅 稳穩 竞競 笔筆 筑築 简簡 类類 粮糧 系繫 红紅
约約 级級 纪紀 纳納 纸紙 线線 组組 织織 绍紹 经經 绒絨 结結 绕繞 给給 络絡 统統
绣繡 继繼 续續 维維 综綜 绿綠 编編 缩縮 缴繳 网網 罗羅 罚罰 联聯 胜勝 脉脈 脸臉
腊臘 腾騰 节節 苏蘇 范範 荣榮 药藥 获獲 营營 萨薩 蒋蔣 蓝藍 虑慮 补補 装裝 见見
观觀 规規 视視 计計 订訂 让讓 议議 讯訊 记記 讲講 许許 论論 设設 访訪 证證 评評
识識 诈詐 试試 话話 询詢 说說 请請 诺諾 调調 谊誼 谋謀 谐諧 谢謝 谭譚 贝貝 负負
贡貢 财財 责責 败敗 账賬 质質 购購 贴貼 贵貴 贷貸 贸貿 费費 贺賀 贾賈 资資 赉賚
赋賦 赖賴 赛賽 赵趙 践踐 车車 转轉 轰轟 轻輕 载載 较較 辅輔 辆輛 辉輝 输輸 辖轄
边邊 辽遼 达達 过過 运運 还還 这這 进進 远遠 违違 适適 递遞 遗遺 遥遙 邓鄧 邮郵
邹鄒 郑鄭 采採 针針 钟鍾 钢鋼 钩鉤 钱錢 铃鈴 铜銅 银銀 铺鋪 链鏈 销銷 锂鋰 锡錫
锦錦 镇鎮 长長 门門 闫閆 问問 间間 闻聞 队隊 阳陽 阵陣 陆陸 陈陳 险險 难難 静靜
韩韓 顶頂 项項 顺順 顾顧 顿頓 预預 领領 频頻 题題 额額 风風 飞飛 饭飯 饲飼 马馬
驰馳 驱驅 驿驛 骄驕 验驗 骗騙 鲁魯 鲜鮮 鸣鳴 鹏鵬 麦麥 黄黃 齐齊 龄齡 龙龍
"""


_S2T_FIXES = (
    ("批準", "批准"),
    ("核準", "核准"),
    ("體繫", "體系"),
    ("關繫", "關係"),
    ("日歷", "日曆"),
    ("分鍾", "分鐘"),
    ("徵途", "征途"),
    ("基層干部", "基層幹部"),
    ("定制", "定製"),
    ("制造", "製造"),
    ("制品", "製品"),
    ("一周", "一週"),
    ("奮斗", "奮鬥"),
    ("存折", "存摺"),
    ("依托", "依託"),
    ("委托", "委託"),
    ("注冊", "註冊"),
    ("注銷", "註銷"),
    ("哪里", "哪裡"),
    ("心里", "心裡"),
    ("村里", "村裡"),
    ("地里", "地裡"),
    ("本里", "本裡"),
)


def _s2t_table() -> dict[int, str]:
    pairs = _S2T_PAIRS.split()
    return str.maketrans("".join(p[0] for p in pairs), "".join(p[1] for p in pairs))


_S2T = _s2t_table()


def to_traditional(text: str) -> str:
    """Convert generator text to Traditional characters with the built-in map."""
    text = text.translate(_S2T)
    for wrong, right in _S2T_FIXES:
        if wrong in text:
            text = text.replace(wrong, right)
    return text


# --------------------------------------------------------------------------
# The writer: one per page, holding its random source and setting.


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _cn_date_short(day: date, year: int) -> str:
    # The end of a printed window drops the year when it is the start's year.
    if day.year == year:
        return f"{day.month}月{day.day}日"
    return _cn_date(day)


_WEEKDAYS = "一二三四五六日"


class _Writer:
    """Fill templates for one page: its place, date and random source."""

    def __init__(self, rng: random.Random, day: date, city: _City) -> None:
        self.rng = rng
        self.day = day
        self.city = city
        self.breaks = 0  # page-break artefacts still allowed on this page
        self.in_body = False  # artefacts go into body text only
        self.prog = PROGRAMMES[0]
        # Articles on one page take turns through the programmes, so two
        # articles on a page do not share a headline or sentences.
        self._progs = rng.sample(PROGRAMMES, len(PROGRAMMES))
        self._prog_turn = 0
        self._pick_place()

    def next_prog(self) -> str:
        prog = self._progs[self._prog_turn % len(self._progs)]
        self._prog_turn += 1
        return prog

    def _pick_place(self) -> None:
        county, towns = _choice(self.rng, self.city.counties)
        self.county = county
        self.town = _choice(self.rng, towns) if towns else county

    # -- people, firms -------------------------------------------------------

    def name(self) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            return _choice(rng, _MONGOLIAN_NAMES)
        given = _choice(rng, _GIVEN)
        if rng.random() < 0.7:
            given += _choice(rng, _GIVEN)
        return _choice(rng, _SURNAMES) + given

    def names(self, count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            candidate = self.name()
            if candidate not in out:
                out.append(candidate)
        return out

    def bank(self) -> str:
        rng = self.rng
        if rng.random() < 0.2:
            return f"{self.city.short}农商银行"
        base = _choice(rng, _BANKS)
        if base.startswith(("内蒙古银行", "蒙商银行")):
            return f"{base}{self.city.short}分行"
        return f"{base}{self.city.name}分行"

    def company(self) -> str:
        rng = self.rng
        return (
            f"{self.city.short}{_choice(rng, _FIRM_STEMS)}"
            f"{_choice(rng, _INDUSTRIES)}有限公司"
        )

    def mobile(self) -> str:
        rng = self.rng
        return f"1{_choice(rng, '3578')}{rng.randrange(10**9):09d}"

    def landline(self) -> str:
        return f"{self.city.area_code}-{_int(self.rng, 2000000, 8999999)}"

    def email(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{_int(rng, 10**7, 10**10)}@qq.com"
        user = "".join(rng.choices(string.ascii_lowercase, k=_int(rng, 4, 8)))
        return f"{user}{_int(rng, 1, 999)}@{_choice(rng, ('163.com', '126.com'))}"

    def uscc(self) -> str:
        # 统一社会信用代码: 18 characters, region code in positions 3–8.
        rng = self.rng
        tail = "".join(rng.choices("0123456789ABCDEFGHJKLMNPQRTUWXY", k=10))
        return f"9115{_int(rng, 100, 2999):04d}{tail}"

    # -- figures and dates -----------------------------------------------------

    def _split(self, head: str, tail: str) -> str:
        if self.in_body and self.breaks and self.rng.random() < 0.08:
            self.breaks -= 1
            return f"{head}\n\n{tail}"
        return head + tail

    def asof_date(self) -> str:
        rng = self.rng
        back = _int(rng, 1, 7)
        year, month = self.day.year, self.day.month - back
        while month <= 0:
            month += 12
            year -= 1
        if month == 12 and rng.random() < 0.5:
            return self._split(f"截至{year}", "年末")
        return self._split(f"截至{year}", f"年{month}月末")

    def asof(self) -> str:
        return "截至目前" if self.rng.random() < 0.1 else self.asof_date()

    def yi(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            value = str(_int(rng, 2, 1200))
        else:
            value = f"{rng.uniform(0.5, 990):.2f}"
        return self._split(f"{value}亿", "元")

    def yi_small(self) -> str:
        # One loan or one project: a few hundred million yuan at most.
        return self._split(f"{self.rng.uniform(0.2, 12):.2f}亿", "元")

    def wan(self) -> str:
        rng = self.rng
        value = _int(rng, 5, 9800)
        if rng.random() < 0.2:
            return f"{value}.{_int(rng, 1, 9)}万元"
        return self._split(f"{value}万", "元")

    def pct(self) -> str:
        return f"{self.rng.uniform(1.2, 90):.2f}%"

    def hu(self) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            return f"{rng.uniform(1.1, 15):.1f}万户"
        return f"{_int(rng, 120, 9800)}户"

    def ren(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.uniform(1.1, 12):.2f}万人"
        return f"{_int(rng, 150, 9800)}人"

    # -- filling -------------------------------------------------------------

    def fill(self, template: tuple[str, tuple[str, ...]]) -> str:
        text, fields = template
        if not fields:
            return text
        slots = _SLOTS
        return text.format_map({f: slots[f](self) for f in fields})

    def fill_text(self, text: str) -> str:
        return self.fill(_tpl(text))

    def page_break(self, paragraph: str) -> str:
        """Split a paragraph across a blank line between two Han characters."""
        rng = self.rng
        size = len(paragraph)
        if size < 24:
            return paragraph
        for _ in range(4):
            cut = rng.randrange(size // 4, size * 3 // 4)
            before, after = paragraph[cut - 1], paragraph[cut]
            if (
                _HAN_LO <= before <= _HAN_HI
                and _HAN_LO <= after <= _HAN_HI
                and "\n" not in paragraph
            ):
                return f"{paragraph[:cut]}\n\n{paragraph[cut:]}"
        return paragraph


def _area(w: _Writer) -> str:
    r = w.rng.random()
    if r < 0.4:
        return w.city.whole
    if r < 0.75:
        return w.city.name
    return w.county


_SLOTS: dict[str, Callable[[_Writer], str]] = {
    "city": lambda w: w.city.name,
    "cs": lambda w: w.city.short,
    "county": lambda w: w.county,
    "town": lambda w: w.town,
    "area": _area,
    "bank": _Writer.bank,
    "company": _Writer.company,
    "person": _Writer.name,
    "oldperson": lambda w: _choice(w.rng, _SURNAMES) + "大爷",
    "product": lambda w: _choice(w.rng, _PRODUCTS),
    "platform": lambda w: _choice(w.rng, _PLATFORMS),
    "chain": lambda w: "、".join(w.rng.sample(_CHAINS, 2)),
    "asof": _Writer.asof,
    "yi": _Writer.yi,
    "yi2": _Writer.yi,
    "yis": _Writer.yi_small,
    "husmall": lambda w: f"{_int(w.rng, 30, 900)}户",
    "pctint": lambda w: f"{_int(w.rng, 12, 85)}%",
    "yiround": lambda w: f"{w.rng.randrange(50, 1500, 50)}亿元",
    "wan": _Writer.wan,
    "pct": _Writer.pct,
    "lowpct": lambda w: f"{w.rng.uniform(0.3, 4.5):.2f}%",
    "pp": lambda w: f"{w.rng.uniform(0.2, 15):.1f}个百分点",
    "ppsmall": lambda w: f"{w.rng.uniform(0.05, 0.9):.2f}个百分点",
    "agedpct": lambda w: f"{w.rng.uniform(15, 29):.1f}%",
    "wans": lambda w: f"{_int(w.rng, 3, 80)}万元",
    "hu": _Writer.hu,
    "bi": lambda w: f"{_int(w.rng, 60, 9800)}笔",
    "jia": lambda w: f"{_int(w.rng, 3, 360)}家",
    "ren": _Writer.ren,
    "ren2": _Writer.ren,
    "n": lambda w: str(_int(w.rng, 3, 60)),
    "tons": lambda w: f"{w.rng.uniform(0.3, 9):.1f}万吨",
    "mu": lambda w: f"{w.rng.uniform(0.5, 30):.1f}万亩",
    "beds": lambda w: f"{_int(w.rng, 40, 600)}张",
    "hours": lambda w: f"{_int(w.rng, 2, 48)}小时",
    "season": lambda w: _SEASONS[w.day.month],
    "prog": lambda w: w.prog,
}


# --------------------------------------------------------------------------
# Articles: each builder returns the item's blocks (joined by a blank line).


def _headline_long(w: _Writer) -> str:
    rng = w.rng
    template = _choice(rng, _HEADLINES_LONG)
    if "{a}" in template:
        a, b = _choice(rng, _HEAD_PAIRS)
        c, d = rng.sample(_HEAD_WORDS, 2)
        return template.format(a=a, b=b, c=c, d=d, cs=w.city.short)
    return w.fill_text(template)


def _headline_lines(w: _Writer, headline: str, hashed: float) -> str:
    # Big type: a "# " line; a long one may wrap, the second line following
    # directly (read back as one headline, the break as a space).
    rng = w.rng
    prefix = "# " if rng.random() < hashed else ""
    for mark in ("， ", " ", "，"):
        head, found, tail = headline.partition(mark)
        if found and tail and rng.random() < 0.25:
            return f"{prefix}{head}{found.strip()}\n{tail}"
    return prefix + headline


def _body(
    w: _Writer, prog: str, count: int, shortest: int = 1, longest: int = 3
) -> list[str]:
    """Return `count` paragraphs of `shortest` to `longest` sentences on `prog`."""
    rng = w.rng
    w.prog = prog
    templates = _BODY[prog]
    chosen = rng.sample(templates, min(len(templates), count * longest))
    paragraphs = []
    at = 0
    for _ in range(count):
        take = _int(rng, shortest, longest)
        part = chosen[at : at + take]
        if not part:
            break
        at += take
        paragraphs.append("".join([w.fill(t) for t in part]))
    return paragraphs


def _with_breaks(w: _Writer, paragraphs: list[str], chance: float) -> list[str]:
    rng = w.rng
    out = []
    for paragraph in paragraphs:
        if w.breaks and rng.random() < chance:
            w.breaks -= 1
            paragraph = w.page_break(paragraph)
        out.append(paragraph)
    return out


def _reportage(w: _Writer) -> list[str]:
    rng = w.rng
    blocks: list[str] = []
    if rng.random() < 0.6:
        blocks.append(_COLUMNS_BEFORE[0] if rng.random() < 0.7 else _COLUMNS_BEFORE[1])
    if rng.random() < 0.7:
        blocks.append(w.fill_text(_choice(rng, _KICKERS)))
    blocks.append(_headline_lines(w, _headline_long(w), 0.85))
    progs = rng.sample(PROGRAMMES, _int(rng, 3, 5))
    if rng.random() < 0.25:
        w.prog = progs[0]
        blocks.append(w.fill_text(_choice(rng, _SUBTITLES)))
    blocks.append("本报记者 " + " ".join(w.names(_int(rng, 2, 3))))
    w.in_body = True
    budget = _int(rng, 2200, 4600)
    opening = [w.fill(_choice(rng, _OPENINGS))]
    opening += [w.fill(t) for t in rng.sample(_INTRO, _int(rng, 0, 2))]
    size = 0
    for paragraph in _with_breaks(w, opening, 0.3):
        blocks.append(paragraph)
        size += len(paragraph)
    for prog in progs:
        if size > budget:
            break
        w.prog = prog
        head, sub = _choice(rng, _SECTION_HEADS[prog])
        blocks.append(f"**{head}**")
        blocks.append(f"**{w.fill_text(sub)}**")
        paragraphs = _body(w, prog, _int(rng, 3, 5), shortest=2)
        for paragraph in _with_breaks(w, paragraphs, 0.3):
            blocks.append(paragraph)
            size += len(paragraph)
            if size > budget:
                break
        if rng.random() < 0.3:
            blocks.append("")  # a wider gap, as where a picture stood
    if rng.random() < 0.5:
        blocks.append(f"**{_choice(rng, _NOTES_HEAD)}**")
        blocks.append(f"**{_choice(rng, _NOTES_SUB)}**")
    blocks.append(w.fill(_choice(rng, _OUTRO)))
    w.in_body = False
    return blocks


def _short_byline(w: _Writer, style: str) -> tuple[str, str]:
    """Return (byline line, prefix for the first paragraph); one is empty."""
    rng = w.rng
    if style == "circle":
        return f"◎记者 {w.name()}", ""
    if style == "xun":
        return "", f"本报讯（记者 {w.name()}）"
    if style == "correspondent":
        return f"记者 {w.name()} 通讯员 {w.name()}", ""
    if style == "xinhua":
        sent = w.day - timedelta(days=1)
        reporters = " ".join(w.names(_int(rng, 1, 2)))
        return "", f"据新华社呼和浩特{sent.month}月{sent.day}日电（记者 {reporters}）"
    return "本报记者 " + " ".join(w.names(_int(rng, 1, 3))), ""


_SHORT_STYLES = ("circle", "xun", "correspondent", "xinhua", "reporters")


def _short_article(w: _Writer) -> list[str]:
    rng = w.rng
    w._pick_place()
    blocks: list[str] = []
    style = _choice(rng, _SHORT_STYLES)
    if rng.random() < 0.3:
        blocks.append(_choice(rng, _COLUMNS_BEFORE[1:]))
    if rng.random() < 0.25:
        blocks.append(w.fill_text(_choice(rng, _KICKERS)))
    progs = [w.next_prog() for _ in range(_int(rng, 1, 2))]
    w.prog = progs[0]
    headline = w.fill_text(_choice(rng, _HEADLINES_SHORT[progs[0]]))
    blocks.append(_headline_lines(w, headline, 0.5))
    line, prefix = _short_byline(w, style)
    if line:
        blocks.append(line)
    w.in_body = True
    paragraphs: list[str] = []
    for prog in progs:
        paragraphs += _body(w, prog, _int(rng, 1, 3))
    paragraphs[0] = prefix + paragraphs[0]
    blocks += _with_breaks(w, paragraphs, 0.2)
    w.in_body = False
    return blocks


def _research_article(w: _Writer) -> list[str]:
    rng = w.rng
    prog = w.next_prog()
    w.prog = prog
    headline = w.fill_text(
        _choice(
            rng,
            (
                "深化{prog}改革 服务{cs}高质量发展",
                "做好{prog}大文章的{cs}实践与思考",
                "以{prog}赋能县域经济发展",
            ),
        )
    )
    blocks = [_headline_lines(w, headline, 0.3), f"□{w.name()}"]
    w.in_body = True
    bold = rng.random() < 0.4
    for head, group in zip(_RESEARCH_HEADS, _RESEARCH, strict=True):
        text = head.format(prog=prog)
        blocks.append(f"**{text}**" if bold else text)
        take = rng.sample(group, _int(rng, 1, len(group)))
        blocks += _with_breaks(w, [w.fill(t) for t in take], 0.3)
    blocks.append(w.fill(_RESEARCH_END[0]))
    w.in_body = False
    blocks.append(f"（作者单位：{w.fill_text(_choice(rng, _AFFILIATIONS))}）")
    if rng.random() < 0.85:
        blocks.append(_choice(rng, _COLUMNS_AFTER))
    return blocks


# --------------------------------------------------------------------------
# Notices: each builder returns (blocks, type label).

_ACTS = (
    "未经规划审批擅自搭建彩钢房",
    "未经规划审批擅自扩建阳光房",
    "擅自在屋顶加建房屋",
    "未经批准擅自改变房屋外立面",
    "擅自圈占公共绿地修建围墙",
)
_SERVICE_ORGS = (
    ("{city}自然资源局", "{abbr}自然拆催字", "拆除违法建设催告书", "我局"),
    ("{city}城市管理综合行政执法局", "{abbr}城管罚决字", "行政处罚决定书", "我局"),
    ("{county}综合行政执法局", "{c1}综执限拆字", "责令限期拆除决定书", "我局"),
    ("{county}人民政府", "{c1}政拆告字", "限期拆除违法建筑告知书", "本机关"),
)
_PROJECTS = (
    "年产5万吨生物有机肥",
    "200兆瓦光伏治沙",
    "10万头肉牛养殖",
    "风光制氢一体化",
    "生物质热电联产",
    "废旧锂电池综合利用",
    "2万吨乳制品加工",
    "固废综合处置",
)
_MEE_FORM = "http://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/201810/t20181024_665329.html"
_HEARING_THINGS = (
    "城区居民生活用水价格调整",
    "城区管道天然气销售价格调整",
    "城市公共汽车票价调整",
    "城区集中供热价格调整",
)
_WORKS = (
    "高标准农田建设项目",
    "老旧小区改造工程",
    "供热管网改造工程",
    "农村牧区公路提升工程",
    "污水处理厂提标改造项目",
    "智慧养老服务平台建设项目",
    "数字乡村综合服务平台采购项目",
)
_ROADS = _words("新华路 团结路 迎宾路 振兴路 友谊路 民族街 建设街 胜利街 光明路 文化街")
_ALNUM = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _bracket_year(w: _Writer, year: int) -> str:
    return f"〔{year}〕" if w.rng.random() < 0.6 else f"[{year}]"


def _signature(org: str, day: date) -> str:
    return f"{org}\n{_cn_date(day)}"


def _signed(w: _Writer, pub: date) -> date:
    return pub - timedelta(days=_choice(w.rng, (0, 0, 0, 1, 2, 3, 5, 7)))


def _url(w: _Writer, url: str) -> str:
    # A URL wrapped at the column edge: the extractor leaves a blank line in it.
    if w.breaks and w.rng.random() < 0.25:
        w.breaks -= 1
        cut = w.rng.randrange(len(url) // 2, len(url) - 4)
        return f"{url[:cut]}\n\n{url[cut:]}"
    return url


def _pan_link(w: _Writer) -> str:
    rng = w.rng
    key = "".join(rng.choices(_ALNUM, k=22))
    code = "".join(rng.choices(_ALNUM[:33], k=4))
    if rng.random() < 0.5:
        return f"https://pan.baidu.com/s/1{key}?pwd={code} 提取码：{code}"
    return f"https://pan.baidu.com/s/1{key} 提取码：{code}"


def _address(w: _Writer) -> str:
    rng = w.rng
    return (
        f"{w.county}{_choice(rng, _COMMUNITIES)}{_int(rng, 1, 30)}号楼"
        f"{_int(rng, 1, 6)}单元{_int(rng, 1, 18)}0{_int(rng, 1, 4)}室"
    )


def _service(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    org_t, prefix_t, doc_title, we = _choice(rng, _SERVICE_ORGS)
    fields = {
        "city": w.city.name,
        "abbr": w.city.abbr,
        "county": w.county,
        "c1": w.county[0],
    }
    org, prefix = org_t.format_map(fields), prefix_t.format_map(fields)
    addressees = "、".join(w.names(2 if rng.random() < 0.15 else 1))
    docno = f"{prefix}{_bracket_year(w, pub.year)}第{_int(rng, 1, 160)}号"
    mailed = pub - timedelta(days=_int(rng, 12, 45))
    days = 30 if rng.random() < 0.85 else 60
    period = _choice(
        rng,
        (
            f"自公告之日起{days}日内来{we[-1]}领取上述执法文书，逾期则视为送达",
            f"自公告之日起{days}日内到{we}领取，逾期视为送达",
            f"自公告之日起，经过{'三十' if days == 30 else '六十'}日，即视为送达",
        ),
    )
    blocks = [
        SERVICE,
        f"{addressees}：",
        f"经调查核实，你在{_address(w)}{_choice(rng, _ACTS)}的行为，违反了"
        "《中华人民共和国城乡规划法》第四十条第一款的规定，属于违法建设。",
        f"{_cn_date(mailed)}{we}向你邮寄送达了《{doc_title}》（{docno}），"
        "经投递失败被退回。由于其他方式无法向你送达，现依法予以公告送达，"
        f"{period}。",
    ]
    if rng.random() < 0.4:
        blocks.append(f"联系电话：{w.landline()}")
    blocks.append(_signature(org, _signed(w, pub)))
    return blocks, SERVICE


def _eia(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    company = w.company()
    project = f"{w.county}{_choice(rng, _PROJECTS)}项目"
    round_ = _choice(rng, (1, 2, 2))
    if round_ == 1:
        title = f"{company}{project}环境影响评价第一次信息公示"
    else:
        title = _choice(
            rng,
            (
                f"{company}{project}环境影响报告书征求意见稿第二次公示",
                f"{project}环境影响评价第二次信息公示",
                f"{project}环境影响报告书征求意见稿公众参与公示",
            ),
        )
    blocks = [
        title,
        "根据《环境影响评价公众参与办法》（生态环境部令第4号）的有关规定，"
        f"现将{project}环境影响评价有关信息公示如下：",
        f"一、建设项目概况\n{project}位于{w.county}{w.town}，总投资{w.yi_small()}，"
        "项目建成后将进一步带动当地产业发展。",
        f"二、建设单位名称和联系方式\n建设单位：{company}\n联系人：{w.name()}\n"
        f"联系电话：{w.mobile()}\n邮箱：{w.email()}",
    ]
    window = working_window(pub, 10)
    if round_ == 2:
        blocks.append(f"三、征求意见稿全文的网络链接\n链接：{_url(w, _pan_link(w))}")
        blocks.append(f"四、公众意见表的网络链接\n{_url(w, _MEE_FORM)}")
        ask = "五、公众提出意见的起止时间\n公众可在本公示发布之日起10个工作日内，"
        ask += "通过信函、电子邮件等方式向建设单位反映意见和建议。"
    else:
        link = (
            f"http://www.{w.city.domain}.gov.cn/zwgk/sthj/"
            f"{pub.year}{pub.month:02d}/t{pub:%Y%m%d}_{_int(rng, 10**6, 10**7)}.html"
        )
        blocks.append(f"三、公众意见表的网络链接\n{_url(w, link)}")
        ask = "四、公示期限\n本次公示期为10个工作日。"
    if window and rng.random() < 0.7:
        first, last = window
        if rng.random() < 0.5:
            ask += (
                f"公示起止日期：{_cn_date(first)}至{_cn_date_short(last, first.year)}。"
            )
        else:
            ask += f"公示时间：{_cn_date(first)}至{_cn_date(last)}，共10个工作日。"
    blocks.append(ask)
    blocks.append(_signature(company, _signed(w, pub)))
    return blocks, EIA


def _loss(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    owner = w.company() if rng.random() < 0.6 else w.name()
    year = pub.year - _int(rng, 1, 8)
    things = (
        f"营业执照正本，统一社会信用代码：{w.uscc()}",
        "公章一枚",
        "财务专用章一枚",
        f"开户许可证，核准号：J{w.city.area_code[1:]}{_int(rng, 10**8, 10**9)}",
        f"不动产权证书，证号：蒙（{year}）{w.city.name}不动产权"
        f"第{_int(rng, 10**6, 10**7 - 1):07d}号",
        f"道路运输证，车牌号：{w.city.plate}{_int(rng, 10000, 99999)}",
        f"出生医学证明，编号：{_choice(rng, 'OPQ')}{_int(rng, 10**8, 10**9 - 1)}",
    )
    return [LOSS, f"{owner}遗失{_choice(rng, things)}，声明作废。"], LOSS


def _deregistration(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    company = w.company()
    claim = _choice(
        rng,
        (
            "请债权人自接到通知之日起30日内，未接到通知的自本公告见报之日起45日内，"
            "向本公司清算组申报债权。",
            "请债权人自本公告见报之日起45日内向本公司清算组申报债权。",
        ),
    )
    blocks = [
        DEREGISTRATION,
        f"{company}（统一社会信用代码：{w.uscc()}）经股东会决议，"
        f"拟向公司登记机关申请注销登记，清算组已经成立。{claim}特此公告。",
        f"清算组联系人：{w.name()}　联系电话：{w.mobile()}",
        _signature(f"{company}清算组", _signed(w, pub)),
    ]
    return blocks, DEREGISTRATION


def _capital_reduction(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    company = w.company()
    before = rng.randrange(500, 20000, 100)
    after = rng.randrange(50, before, 50)
    blocks = [
        CAPITAL_REDUCTION,
        f"经{company}股东会决议，本公司注册资本由{before}万元减少至{after}万元。"
        "根据《中华人民共和国公司法》有关规定，请债权人自本公告见报之日起45日内，"
        "要求本公司清偿债务或者提供相应的担保。特此公告。",
        f"联系人：{w.name()}　联系电话：{w.mobile()}",
        _signature(company, _signed(w, pub)),
    ]
    return blocks, CAPITAL_REDUCTION


def _auction(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    sale = pub + timedelta(days=_int(rng, 10, 25))
    show_from, show_to = sale - timedelta(days=3), sale - timedelta(days=1)
    entrust = _choice(
        rng,
        (f"{w.county}人民法院", f"{w.city.name}中级人民法院", f"{w.city.name}财政局"),
    )
    firm = f"内蒙古{_choice(rng, _FIRM_STEMS)}拍卖有限公司"
    venue = f"{w.city.name}公共资源交易中心{_int(rng, 2, 6)}楼拍卖厅"
    blocks = [
        AUCTION,
        f"受{entrust}委托，我公司定于{_cn_date(sale)}上午10时在{venue}"
        "公开拍卖下列标的：",
        f"1.位于{_address(w)}住宅一套，建筑面积{rng.uniform(50, 180):.2f}平方米，"
        f"参考价{w.wan()}；\n2.{w.city.plate}{_int(rng, 10000, 99999)}号小型普通客车"
        f"一辆，参考价{_int(rng, 2, 30)}万元。",
        f"展示时间：{_cn_date(show_from)}至{_cn_date_short(show_to, show_from.year)}。"
        f"有意竞买者请于{_cn_date(show_to)}16时前持有效证件到我公司办理竞买登记手续，"
        f"并交纳竞买保证金{_int(rng, 1, 20)}万元（以到账为准）。",
        f"咨询电话：{w.landline()}　{w.mobile()}",
        _signature(firm, _signed(w, pub)),
    ]
    return blocks, AUCTION


def _hearing(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    thing = _choice(rng, _HEARING_THINGS)
    city = w.city.name
    held = pub + timedelta(days=_int(rng, 15, 30))
    org = f"{city}发展和改革委员会"
    title = _choice(
        rng, (f"关于召开{city}{thing}听证会的公告", f"{city}{thing}听证公告")
    )
    blocks = [
        title,
        "根据《中华人民共和国价格法》和《政府制定价格听证办法》有关规定，"
        f"{org}定于{_cn_date(held)}上午9时在{city}政务服务中心会议室召开{thing}"
        "听证会。现将有关事项公告如下：",
        f"一、听证事项：{city}{thing}方案。",
        "二、听证参加人报名：自本公告发布之日起5个工作日内，符合条件的消费者"
        f"可到{city}发展和改革委员会价格科报名，也可将报名表发送至电子邮箱"
        f"{w.email()}。",
        "三、旁听人员和新闻媒体报名时间与听证参加人相同。",
        f"联系人：{w.name()}　联系电话：{w.landline()}",
        _signature(org, _signed(w, pub)),
    ]
    return blocks, HEARING


def _land_listing(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    city = w.city.name
    org = f"{city}自然资源局"
    docno = f"{w.city.abbr}自然资挂告字{_bracket_year(w, pub.year)}{_int(rng, 1, 40)}号"
    notice_end = pub + timedelta(days=19)
    listing_from = pub + timedelta(days=20)
    listing = working_window(listing_from, 10)
    if listing:
        listing_from, listing_to = listing
    else:
        listing_to = listing_from + timedelta(days=14)
    blocks = [
        f"{city}国有建设用地使用权挂牌出让公告",
        docno,
        f"经{w.city.government}批准，{org}决定以挂牌方式出让1宗国有建设用地使用权。"
        "现将有关事项公告如下：",
        f"一、挂牌出让地块的基本情况\n地块编号：{w.city.abbr}{pub.year}-"
        f"{_int(rng, 1, 90):02d}，位于{w.county}{w.town}，土地面积"
        f"{_int(rng, 3000, 90000)}平方米，土地用途为"
        f"{_choice(rng, ('工业用地', '商服用地', '城镇住宅用地'))}，"
        f"出让年限{_choice(rng, (40, 50, 70))}年，起始价{w.wan()}。",
        "二、中华人民共和国境内外的法人、自然人和其他组织均可申请参加竞买，"
        "申请人应当单独申请。",
        f"三、本次挂牌出让公告期为{_cn_date(pub)}至"
        f"{_cn_date_short(notice_end, pub.year)}；挂牌时间为{_cn_date(listing_from)}"
        f"9时至{_cn_date(listing_to)}16时。",
        f"四、联系方式\n联系人：{w.name()}\n联系电话：{w.landline()}\n"
        f"网址：{_url(w, 'http://www.landchina.com')}",
        _signature(org, _signed(w, pub)),
    ]
    return blocks, LAND_LISTING


def _tender(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    project = f"{w.county}{w.town}{_choice(rng, _WORKS)}"
    code = f"{w.city.abbr}ZC-{pub.year}-{_int(rng, 1, 300):03d}"
    agent = f"内蒙古{_choice(rng, _FIRM_STEMS)}工程项目管理有限公司"
    owner = f"{w.county}{_choice(rng, ('农牧局', '住房和城乡建设局', '民政局'))}"
    window = working_window(pub, 5)
    get_from, get_to = window or (pub, pub + timedelta(days=6))
    closing = pub + timedelta(days=_int(rng, 21, 28))
    site = f"http://ggzyjy.{w.city.domain}.gov.cn"
    blocks = [
        f"{project}{TENDER}",
        f"项目编号：{code}",
        f"一、项目概况\n{project}，预算金额{w.wan()}，计划工期{_int(rng, 60, 240)}"
        "日历天。",
        "二、投标人资格要求：具有独立承担民事责任的能力，具备相应资质，"
        "本项目不接受联合体投标。",
        f"三、招标文件的获取\n获取时间：{_cn_date(get_from)}至"
        f"{_cn_date_short(get_to, get_from.year)}（法定节假日除外），每天上午9:00至"
        f"12:00，下午14:30至17:30。\n获取方式：登录{w.city.name}公共资源交易平台"
        f"（{_url(w, site)}）下载。",
        f"四、投标截止时间及开标时间：{_cn_date(closing)}9时30分。",
        f"五、联系方式\n招标人：{owner}\n招标代理机构：{agent}\n联系人：{w.name()}\n"
        f"电话：{w.landline()}\n邮箱：{w.email()}",
        _signature(agent, _signed(w, pub)),
    ]
    return blocks, TENDER


def _award(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    project = f"{w.county}{w.town}{_choice(rng, _WORKS)}"
    agent = f"内蒙古{_choice(rng, _FIRM_STEMS)}招标代理有限公司"
    blocks = [
        f"{project}中标结果公告",
        f"项目编号：{w.city.abbr}ZC-{pub.year}-{_int(rng, 1, 300):03d}",
        f"一、中标人信息\n中标人：{w.company()}\n中标金额：{w.wan()}",
        "二、公告期限：自本公告发布之日起1个工作日。",
        f"三、联系方式\n采购代理机构：{agent}\n联系人：{w.name()}\n"
        f"联系电话：{w.landline()}",
        _signature(agent, _signed(w, pub)),
    ]
    return blocks, AWARD


def _expropriation(w: _Writer, pub: date) -> tuple[list[str], str]:
    rng = w.rng
    county = w.county
    gov = f"{county}人民政府"
    project = f"{w.town}{_choice(rng, ('棚户区改造', '城中村改造', '道路拓宽'))}项目"
    docno = f"{county[0]}政发{_bracket_year(w, pub.year)}{_int(rng, 1, 90)}号"
    roads = rng.sample(_ROADS, 4)
    if rng.random() < 0.5:
        title = f"{gov}关于{project}房屋征收补偿方案征求意见的公告"
        period = "二、征求意见期限：30日，自本公告发布之日起计算。"
    else:
        title = f"{gov}关于{project}征地补偿安置方案的公告"
        period = "二、公告期限：本公告自发布之日起30日内有效。"
    blocks = [
        title,
        docno,
        f"为保障{project}顺利实施，根据有关法律法规规定，{gov}拟定了"
        f"《{project}补偿方案》，现予公布，征求公众意见。",
        f"一、征收范围：东至{roads[0]}，西至{roads[1]}，南至{roads[2]}，"
        f"北至{roads[3]}。",
        period,
        "三、被征收人及利害关系人对补偿方案有意见的，请于期限内以书面形式向"
        f"{county}房屋征收与补偿服务中心提出。",
        f"联系电话：{w.landline()}",
        _signature(gov, _signed(w, pub)),
    ]
    return blocks, EXPROPRIATION


_NOTICE_BUILDERS: tuple[Callable[[_Writer, date], tuple[list[str], str]], ...] = (
    _service,
    _eia,
    _loss,
    _deregistration,
    _capital_reduction,
    _auction,
    _hearing,
    _land_listing,
    _tender,
    _award,
    _expropriation,
)
# Loss statements and service notices fill most classified pages.
_NOTICE_WEIGHTS = (14, 10, 22, 10, 8, 6, 4, 6, 8, 6, 6)


def _ad_hotline(w: _Writer) -> str:
    rng = w.rng
    return _choice(
        rng,
        (
            f"广告热线：{w.landline()}",
            f"广告热线：{w.landline()}　{w.mobile()}",
            f"办理登报业务 广告热线：{w.landline()}",
        ),
    )


# --------------------------------------------------------------------------
# Pages.


def _slot(index: int, offset: int) -> tuple[int, date, int]:
    slot = (index * _STRIDE + offset) % SLOTS
    page_no = slot % PAGE_NUMBERS + 1
    rest = slot // PAGE_NUMBERS
    return rest // _DAYS, FIRST_DAY + timedelta(days=rest % _DAYS), page_no


def _page(index: int, seed: int, offset: int) -> GeneratedPage:
    """Build page `index` of the run for `seed`, from its own random source."""
    rng = random.Random(f"{seed}/{index}")
    pub_index, day, page_no = _slot(index, offset)
    slug, pub_name, home = _PUBLICATIONS[pub_index]
    city = _CITIES[home] if home else _choice(rng, _CITY_LIST)
    w = _Writer(rng, day, city)
    w.breaks = _choice(rng, (0, 1, 1, 2, 2, 3))
    page_kind = rng.choices(PAGE_KINDS, _KIND_WEIGHTS)[0]

    items: list[tuple[str, list[str], str]] = []  # (kind, blocks, notice type)
    size = 0  # characters so far: pages stay between about 1 and 20 KB
    if page_kind == "reportage":
        items.append((ARTICLE, _reportage(w), ""))
    elif page_kind in ("articles", "mixed"):
        count = _int(rng, 2, 4) if page_kind == "articles" else _int(rng, 1, 2)
        research_at = rng.randrange(count) if rng.random() < 0.35 else -1
        number = 0
        while number < count or (page_kind == "articles" and size < _MIN_CHARS):
            build = _research_article if number == research_at else _short_article
            blocks = build(w)
            items.append((ARTICLE, blocks, ""))
            size += sum(map(len, blocks))
            number += 1
    if page_kind in ("notices", "mixed"):
        wanted = _int(rng, 3, 12) if page_kind == "notices" else _int(rng, 2, 6)
        while wanted > 0 or size < _MIN_CHARS:
            w._pick_place()
            builder = rng.choices(_NOTICE_BUILDERS, _NOTICE_WEIGHTS)[0]
            blocks, label = builder(w, day)
            items.append((NOTICE, blocks, label))
            size += sum(map(len, blocks))
            wanted -= 1
            if size > _MAX_CHARS:
                break

    section = {
        "reportage": ("金融", "经济", "财经", "要闻"),
        "articles": ("金融", "经济", "财经", "理论"),
        "notices": ("公告", "分类广告", "广告"),
        "mixed": ("综合", "金融", "经济"),
    }[page_kind]
    section_name = _choice(rng, section)
    head: list[str] = []
    if rng.random() < _MASTHEAD_SHARE:
        head.append(
            f"{pub_name}　{_cn_date(day)}　星期{_WEEKDAYS[day.weekday()]}"
            f"　第{page_no}版　{section_name}"
        )
    marker = _choice(rng, ("■广告", "■ 公告", "■公告"))
    after_marker = _ad_hotline(w) if rng.random() < 0.1 else ""
    footer_share = 0.1 if page_kind == "reportage" else 0.35
    footer = _ad_hotline(w) if rng.random() < footer_share else ""

    traditional = rng.random() < _TRADITIONAL_SHARE
    encoding = "gb18030" if rng.random() < _GBK_SHARE else "utf-8"
    while True:
        blocks = list(head)
        marked = False
        for kind, item_blocks, _label in items:
            if kind == NOTICE and not marked:
                blocks.append(marker)
                if after_marker:
                    blocks.append(after_marker)
                marked = True
            blocks += item_blocks
        if footer:
            blocks.append(footer)
        text = "\n\n" + "\n\n".join(blocks)
        if traditional:
            text = to_traditional(text)
        data = text.encode(encoding)
        if len(data) <= _MAX_BYTES or len(items) == 1:
            break
        items.pop()

    digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    return GeneratedPage(
        filename=f"{index:06d}_{digest}.txt",
        data=data,
        encoding=encoding,
        sidecar={
            "publication": slug,
            "publication_name": pub_name,
            "date": day.isoformat(),
            "page": page_no,
            "section": section_name,
            # Every generated paper is a 内蒙古 paper: short place names resolve there.
            "home_region": INNER_MONGOLIA_CODE,
        },
        item_count=len(items),
        kinds=tuple(kind for kind, _, _ in items),
        notice_types=tuple(label for kind, _, label in items if kind == NOTICE),
        traditional=traditional,
        page_kind=page_kind,
    )


def generate_pages(*, pages: int, seed: int, start: int = 0) -> Iterator[GeneratedPage]:
    """Yield `pages` raw pages for `seed`, page numbers counted from `start`."""
    if pages < 0 or start < 0:
        raise ValueError("pages and start must not be negative")
    if start + pages > SLOTS:
        raise ValueError(
            f"at most {SLOTS} pages have distinct (publication, date, page) slots"
        )
    offset = random.Random(f"slots/{seed}").randrange(SLOTS)
    for index in range(start, start + pages):
        yield _page(index, seed, offset)
