"""The benchmark's queries: a fixed, seeded mix that reads like a reporter's.

The mix does not depend on the corpus size, so runs at 20,000 and 1,000,000 items
time the same strings: two-, three- and four-or-more-character terms, common ones
(金融 is in most items) and rare ones (a town, a firm, a person), several terms at
once (AND, OR, NOT), Traditional input, words that occur nowhere, and the same
kinds of terms narrowed by facet filters (kind, year, place, programme, paper,
notice type). One-character terms are left out: no peer below indexes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from archive.ingest.generator import PUBLICATIONS, to_traditional


def _words(block: str) -> list[str]:
    return block.split()


# Terms the generated pages use all the time.
COMMON = _words("""
金融 贷款 银行 企业 公告 项目 普惠 绿色 养老 科技 数字 资金 信贷 融资 担保 利率 余额
服务 农户 牧民 草原 亿元 万元 同比 增长 支持 发放 乡村 振兴 送达 听证 拍卖 土地 招标
中标 征收 遗失 注销 减资 环评 公示 合作社 小微企业 普惠金融 绿色金融 科技金融 养老金融
数字金融 乡村振兴 信用贷款 涉农贷款 创业担保贷款 专精特新 自然资源局 人民政府 行政执法
环境影响评价 营业执照 有限公司 分行 支行 金融机构 金融服务 五篇大文章 中国人民银行
同比增长 贷款余额 首贷户 碳减排 知识产权质押 个人养老金 数字人民币 普惠小微
""")

# Names that occur on few pages: places below the city, firms, people, products.
RARE = _words("""
乌丹镇 天山镇 大板镇 林东镇 经棚镇 锦山镇 新惠镇 甘珠尔花园 巴彦浩特镇 吉兰泰镇
巴丹吉林镇 雅布赖镇 达来呼布镇 锡林浩特市 阿巴嘎旗 苏尼特右旗 东乌珠穆沁旗 西乌珠穆沁旗
太仆寺旗 正蓝旗 多伦县 上都镇 桑根达来镇 宝昌镇 千斤沟镇 别力古台镇 查干淖尔镇
科尔沁左翼中旗 库伦旗 奈曼旗 扎鲁特旗 开鲁县 霍林郭勒市 准格尔旗 伊金霍洛旗 乌审旗
鄂托克前旗 杭锦旗 达拉特旗 莫力达瓦 鄂伦春 阿荣旗 扎兰屯 牙克石 额尔古纳 根河市
华瑞新材料 兴盛生物科技 蒙源农牧业 瑞丰乳业 金川新能源 恒泰光伏科技 众鑫稀土科技
远航肉牛养殖 德润农机 鼎元物流 天骄商贸 弘达建材 宏远牧业 顺通食品 亿丰化工
蒙润装备制造 沃土绿色能源 青城种业 祥和羊绒制品 金穗蒙医药 驰宇物流 晟通商贸
草原e贷 兴农贷 牧民e贷 科创贷 专精特新贷 节水贷 光伏贷 碳汇贷 养老安心贷 税易贷
肉牛活体贷 商户e贷 蒙企贷 蒙信通 锦绣园 阳光花园 康居小区 滨河湾 幸福里 和谐家园
金桥小区 御景苑 书香门第 新华路 团结路 迎宾路 振兴路 友谊路 民族街 建设街 胜利街
巴特尔 斯琴高娃 额尔敦 其木格 吉日木图 娜仁花 包力高 格日勒 敖特根 乌力吉
""")

# Strings no generated page contains.
ABSENT = _words("""
量子纠缠 火星基地 区块链金融 元宇宙银行 深海养殖贷 冰川保险 宇航员 潜水艇贷款
珊瑚礁 企鹅 热带雨林 椰子园 香蕉贷 航母 北极熊 沙漠冲浪 海啸预警 火山灰 鲸鱼
""")

PROGRAMME_SLUGS = ("science-tech", "green", "inclusive", "pension", "digital")
NOTICE_TYPES = ("service", "loss", "auction", "hearing", "capital_reduction")
CITIES = ("赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "锡林郭勒盟", "兴安盟")


@dataclass(frozen=True)
class BenchQuery:
    number: int
    q: str
    label: str  # the class it is reported under
    filters: dict[str, str] = field(default_factory=dict)  # place given by name

    def data(self, place_codes: dict[str, str]) -> dict[str, str]:
        """The search form's GET data, with a place name turned into its code."""
        data = {"q": self.q, **self.filters}
        if "place" in data:
            data["place"] = place_codes[data["place"]]
        return data


def _substring(rng: random.Random, word: str, length: int) -> str:
    start = rng.randrange(len(word) - length + 1)
    return word[start : start + length]


def _terms(rng: random.Random, length: int, count: int) -> list[str]:
    """`count` distinct terms of exactly `length` characters (or more for 4+)."""
    pool = [w for w in COMMON + RARE if len(w) >= length]
    found: dict[str, None] = {}
    while len(found) < count:
        word = rng.choice(pool)
        size = rng.randint(4, min(len(word), 8)) if length >= 4 else length
        found[_substring(rng, word, size)] = None
    return list(found)


def _filters(rng: random.Random) -> dict[str, str]:
    choices = [
        lambda: {"kind": rng.choice(["article", "notice"])},
        lambda: {"year": str(rng.choice([2024, 2025, 2026]))},
        lambda: {"place": rng.choice(CITIES)},
        lambda: {"programme": rng.choice(PROGRAMME_SLUGS)},
        lambda: {"publication": rng.choice(PUBLICATIONS)[0]},
        lambda: {"kind": "notice", "notice_type": rng.choice(NOTICE_TYPES)},
    ]
    chosen: dict[str, str] = {}
    for pick in rng.sample(choices, rng.choice([1, 1, 2])):
        chosen.update(pick())
    return chosen


def query_mix(count: int = 320, *, seed: int = 5) -> list[BenchQuery]:
    """The mix, in a fixed order; a smaller `count` keeps the proportions."""
    rng = random.Random(seed)
    share = {
        "2 chars": 0.20,
        "3 chars": 0.15,
        "4+ chars": 0.15,
        "multi-term": 0.14,
        "traditional": 0.10,
        "no hits": 0.04,
        "filtered": 0.22,
    }
    want = {label: max(1, round(count * part)) for label, part in share.items()}
    want["filtered"] = max(
        1, count - sum(n for k, n in want.items() if k != "filtered")
    )
    made: list[tuple[str, str, dict[str, str]]] = []

    common_two = [w for w in COMMON if len(w) == 2]
    for label, length in (("2 chars", 2), ("3 chars", 3), ("4+ chars", 4)):
        terms = _terms(rng, length, 2 * want[label])
        if length == 2:  # the commonest words first: 金融 is always timed
            terms = common_two[: want[label] // 3] + terms
        made += [
            (label, term, {}) for term in list(dict.fromkeys(terms))[: want[label]]
        ]

    for _ in range(want["multi-term"]):
        a, b = rng.sample(COMMON + RARE, 2)
        form = rng.random()
        if form < 0.6:
            q = f"{a} {b}" if rng.random() < 0.7 else f"{a} {b} {rng.choice(COMMON)}"
        elif form < 0.8:
            q = f"{a} OR {b}"
        else:
            q = f"{rng.choice(COMMON)} -{b}"
        made.append(("multi-term", q, {}))

    traditional = [w for w in COMMON + RARE if to_traditional(w) != w]
    for word in rng.sample(traditional, want["traditional"]):
        made.append(("traditional", to_traditional(word), {}))

    made += [("no hits", w, {}) for w in rng.sample(ABSENT, want["no hits"])]

    for _ in range(want["filtered"]):
        term = rng.choice([*COMMON, *COMMON, *RARE])
        made.append(("filtered", term, _filters(rng)))

    return [
        BenchQuery(number, q, label, filters)
        for number, (label, q, filters) in enumerate(made, 1)
    ]
