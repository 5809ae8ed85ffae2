"""Read a paid notice's legal facts from its (already repaired) lines.

Pure Python, no Django import: the page parser calls `split_notices` on the
lines after the `■广告` marker and `parse_notice` on each notice; the segmenter
uses `is_notice_title` where a page has no marker. Nothing here raises on bad
input: a date that cannot exist (2026年2月30日) becomes None, and hostile text
gives empty fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from archive.ingest.normalize import to_simplified
from archive.ingest.records import Contacts, NoticeFields, Period

from .calendar import WorkCalendar, compute_deadline


class NoticeType(NamedTuple):
    """One entry of the notice vocabulary: stable key, label, title patterns."""

    key: str
    label: str
    title_patterns: tuple[re.Pattern[str], ...]


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


_EIA = r"(?:环境影响|环评)"

# Ordered: the first entry whose pattern matches the title wins, so narrower
# types come before broader ones (土地拍卖出让 before 拍卖, 中标 before 招标).
NOTICE_TYPES: tuple[NoticeType, ...] = (
    NoticeType(
        "service",
        "行政执法文书送达公告",
        _patterns(r"送达公告", r"公告送达", r"文书送达", r"送达.{0,12}公告"),
    ),
    NoticeType("hearing", "听证公告", _patterns(r"听证")),
    NoticeType(
        "land_listing",
        "土地挂牌出让公告",
        _patterns(
            r"(?:建设用地|土地|用地)使用权.{0,12}出让",
            r"(?:挂牌|拍卖|招标)出让",
            r"(?:土地|地块|宗地).{0,12}出让公告",
        ),
    ),
    NoticeType(
        "expropriation",
        "征收补偿公告",
        _patterns(r"征收.{0,12}(?:决定|补偿|公告)", r"征地.{0,12}(?:补偿|公告)"),
    ),
    NoticeType(
        "eia_pre_approval",
        "环境影响评价报批前公示",
        _patterns(rf"{_EIA}.{{0,30}}(?:报批前|报批稿|全本|拟报批)", r"报批前公示"),
    ),
    NoticeType(
        "eia_acceptance",
        "环境影响评价文件受理公示",
        _patterns(rf"受理.{{0,30}}{_EIA}", rf"{_EIA}.{{0,30}}受理"),
    ),
    NoticeType(
        "eia_pending",
        "环境影响评价拟审批公示",
        _patterns(
            rf"拟.{{0,6}}(?:审批|批复|批准).{{0,30}}{_EIA}",
            rf"{_EIA}.{{0,30}}拟.{{0,6}}(?:审批|批复|批准)",
        ),
    ),
    NoticeType(
        "eia_decision",
        "环境影响评价审批决定公告",
        _patterns(
            rf"{_EIA}.{{0,40}}(?:审批决定|审批意见|批复|审批结果|审批.{{0,4}}公告)"
        ),
    ),
    NoticeType(
        "eia_completion",
        "竣工环境保护验收公示",
        _patterns(r"竣工.{0,6}环境保护验收", r"环保验收", r"环境保护验收"),
    ),
    NoticeType(
        "eia",
        "环境影响评价公众参与公示",
        _patterns(
            rf"{_EIA}.{{0,40}}(?:公示|公开信息|信息公开|公告)",
            r"公众参与.{0,10}(?:公示|公开)",
        ),
    ),
    NoticeType("loss", "遗失声明", _patterns(r"遗失", r"丢失", r"作废声明")),
    NoticeType(
        "deregistration",
        "注销公告",
        _patterns(r"注销", r"清算(?:组)?.{0,6}公告"),
    ),
    NoticeType("capital_reduction", "减资公告", _patterns(r"减资", r"减少注册资本")),
    NoticeType("merger_division", "合并/分立公告", _patterns(r"合并", r"分立")),
    NoticeType(
        "debt_transfer",
        "债权转让公告",
        _patterns(r"债权转让", r"债务催收", r"债权催收"),
    ),
    NoticeType("auction", "拍卖公告", _patterns(r"拍卖", r"变卖")),
    NoticeType(
        "award",
        "中标公告",
        _patterns(r"中标", r"中选", r"成交(?:结果)?(?:公告|公示)"),
    ),
    NoticeType(
        "tender",
        "招标公告",
        _patterns(
            r"招标", r"采购公告", r"磋商公告", r"询价公告", r"比选公告", r"谈判公告"
        ),
    ),
    NoticeType("other", "其他公告", ()),
)
_TYPE_BY_KEY = {entry.key: entry for entry in NOTICE_TYPES}
OTHER = _TYPE_BY_KEY["other"]

# A bare 公告 / 声明 title says nothing; the body then decides.
_GENERIC_TITLE = re.compile(r"^(?:公告|公示|声明|启事|通告|告知书?|通知)$")
_BODY_HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(source), key)
    for source, key in (
        (r"公告送达|视为送达", "service"),
        (r"听证", "hearing"),
        (r"减少注册资本|减资", "capital_reduction"),
        (r"注销", "deregistration"),
        (r"遗失|丢失", "loss"),
        (r"吸收合并|新设合并|存续分立|派生分立|合并|分立", "merger_division"),
        (r"债权转让", "debt_transfer"),
        (r"房屋征收|征收补偿|征收决定", "expropriation"),
        (r"拍卖", "auction"),
    )
)

# 《规划环境影响评价条例》 has no numbered rounds; those belong to construction
# projects under 《环境影响评价公众参与办法》 (its art. 10 second publication is
# the 征求意见稿 one).
_PLAN_EIA = re.compile(r"规划.{0,4}(?:环境影响|环评)")
_ROUND_ONE = re.compile(r"第一次|首次|第一轮|一次公示")
_ROUND_TWO = re.compile(r"第二次|二次公示|第二轮|征求意见稿")

# Full-width digits, letters and signs map one-to-one onto ASCII, so offsets in
# the normalised copy are offsets in the original.
_NORMALISE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "＠": "@",
        "．": ".",
        "－": "-",
        "—": "-",
        "–": "-",
        "／": "/",
        "＿": "_",
        "？": "?",
        "＝": "=",
        "＆": "&",
        "％": "%",
        "\u3000": " ",
    }
)

_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _NORMALISE))) + "]")


def _normalise(text: str) -> str:
    """Return the text with full-width ASCII folded (same length, same offsets)."""
    # translate() is slow per character; most lines have nothing to fold.
    return text.translate(_NORMALISE) if _FOLDABLE.search(text) else text


_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,  # OCR reads 〇 as a Latin O: 二O二六年
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ASCII_INT = re.compile(r"[0-9]+")

# --- dates -------------------------------------------------------------------

_Y = r"(?:19|20)\d{2}"
_CN_YEAR = r"[〇○零O一二三四五六七八九]{4}"
_CN_MD = r"[一二三四五六七八九十]{1,3}"
# Patterns start with a literal or a character set so the regex engine can skip
# ahead; checks on the preceding character come after the first characters.
_DATE_SRC = (
    rf"(?:{_Y}(?<![0-9./-]\d{{4}})"
    rf"(?:\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
    rf"|\.\d{{1,2}}\.\d{{1,2}}(?![\d.])"
    rf"|-\d{{1,2}}-\d{{1,2}}(?![\d-])"
    rf"|/\d{{1,2}}/\d{{1,2}}(?![\d/]))"
    rf"|{_CN_YEAR}\s*年\s*{_CN_MD}\s*月\s*{_CN_MD}\s*日)"
)
_PARTIAL_SRC = (
    rf"(?:{_DATE_SRC}"
    rf"|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_MD}\s*月\s*{_CN_MD}\s*日"
    rf"|\d{{1,2}}\s*日|{_CN_MD}\s*日"
    rf"|(?<![\d.])\d{{1,2}}[./]\d{{1,2}}(?![\d./]))"
)
# A time of day after a window's date (挂牌截止 2026年3月16日10时) is read past.
_TIME_SRC = (
    r"(?:\s*(?:上午|下午|晚上)?\s*\d{1,2}"
    r"(?:\s*[:：]\s*\d{2}|\s*[时点](?:\s*\d{1,2}\s*分)?))?"
)
_DATE = re.compile(_DATE_SRC)
_DATE_PARTS = re.compile(
    rf"(?P<y>{_Y}|{_CN_YEAR})?\s*(?:年|[./-])?\s*"
    rf"(?:(?P<m>\d{{1,2}}|{_CN_MD})\s*(?:月|[./-]))?\s*(?P<d>\d{{1,2}}|{_CN_MD})\s*日?"
)
# A signature date, alone or after the issuer: "通辽市自然资源局 2026年2月3日".
_DATE_LINE = re.compile(
    rf"^(?P<org>[^0-9０-９：:，,。；;]{{0,50}}?)\s*(?P<date>{_DATE_SRC})\s*$"
)

_NUM_SRC = r"[0-9]{1,4}|[零〇两一二三四五六七八九十百]{1,5}"

# --- periods and windows -----------------------------------------------------

_PUBLICATION_ANCHOR = (
    r"(?:本|该|此)?(?:次)?(?:公告|公示|通知|声明|通告|启事|信息)"
    r"(?:刊登|发布|见报|刊发|公布|张贴|发出|登报|刊载|登载)?"
    r"|(?:发出|发布|刊登|刊发|张贴)(?:本|该|此)?(?:公告|公示|通知)"
    r"|见报|登报|刊登|即|今"
)
_RECEIPT_ANCHOR = r"(?:收到|接到|签收|接收)[^，。；;,\s自的]{0,12}?"
_SIGNATURE_ANCHOR = r"(?:本|该|此)?(?:公告|通知|决定书?|通告)?(?:签发|作出|落款|印发)"
_UNIT_SRC = r"个工作日|个自然日|个日历日|个月|工作日|自然日|日历日|日|天"
# A period is found from its length ("30日内") and then read backwards: what
# precedes it must say from when it runs ("自公告之日起").
_PERIOD_LENGTH = re.compile(
    rf"(?P<n>{_NUM_SRC})\s*(?P<unit>{_UNIT_SRC})(?:内|之内|以内)?"
)
_PERIOD_HEAD = re.compile(
    r"(?P<pre>自|从)?\s*"
    rf"(?P<anchor>{_RECEIPT_ANCHOR}|{_SIGNATURE_ANCHOR}|{_PUBLICATION_ANCHOR})\s*"
    r"(?:(?:之日|当日|日)\s*(?:起|开始)|之?后|以后|起)\s*(?:算起|计算|计)?\s*"
    r"(?:[，,]?\s*(?:经过|满|届满))?\s*$"
)
_PERIOD_HEAD_CHARS = 32
_TERM = re.compile(
    r"(?P<anchor>公示|公告|征求意见|异议|意见反馈)(?:期|期限|时间|时限)\s*(?:为|是|：|:)?\s*"
    rf"(?P<n>{_NUM_SRC})\s*(?P<unit>{_UNIT_SRC})"
)
# A short label printed right before a window is part of it as printed.
_WINDOW_LABEL = re.compile(
    r"(?:公示|公告|挂牌|报名|竞买|异议|征求意见|拍卖|展示|预展|意见反馈|获取|发售)"
    r"(?:起止|期限)?(?:日期|时间|期)?\s*(?:为|是)?\s*[：:]?\s*$"
)
_WINDOW = re.compile(
    rf"(?P<d1>{_DATE_SRC}){_TIME_SRC}\s*起?\s*(?:至|到|~|～|-)\s*"
    rf"(?P<d2>{_PARTIAL_SRC}){_TIME_SRC}\s*止?"
    rf"(?:\s*[，,、]?\s*共\s*(?P<n>{_NUM_SRC})\s*(?P<unit>个工作日|工作日|个自然日|日|天))?"
)
_WINDOW_CONTEXT = re.compile(
    r"公示|公告|意见|异议|挂牌|报名|竞买|申报|起止|征求|报价|预展|展示|期限|期间"
    r"|获取|发售|领取"
)
_RECEIPT_START = re.compile(r"收到|接到|签收|接收")
_SIGNATURE_WORD = re.compile(r"签发|作出|落款|印发")
_WINDOW_PREFERRED = re.compile(r"公示|意见|异议")
_PERIOD_PREFERRED = re.compile(r"意见|异议|申报|领取|视为送达|报名|提出|反馈")

# --- parties, numbers, citations ---------------------------------------------

_ADDRESSEE_LINE = re.compile(r"^(?P<names>[^。！？!?：:，,；;《》]{1,60})[：:]$")
_NOT_ADDRESSEE = re.compile(
    r"如下|公告|公示|通知|声明|事项|内容|方式|途径|时间|地址|电话|链接|范围|^[一二三四五六七八九十0-9]+[、.．]"
)
_GENERIC_ADDRESSEE = re.compile(
    r"^(?:各|全体|广大|有关|相关|社会各界|诸位|各位|尊敬的各)"
)
_ADDRESSEE_SPLIT = re.compile(r"[、，,；;]|\s{2,}")
_ID_PAREN = re.compile(r"[（(][^）)]*(?:\d|身份证|信用代码|证件)[^）)]*[）)]")
# Found from the bracketed year; the issuing office's prefix is read backwards.
# Court case numbers ((2025)内0502执1234号) carry no prefix; certificates put the
# registry after the year (蒙（2021）乌海市不动产权第0032157号).
_DOCNO = re.compile(
    r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*"
    r"(?:(?:第\s*)?(?:[0-9]{1,6}|[零〇一二三四五六七八九十百]{1,6})\s*号"
    r"|(?P<court>[\u4e00-\u9fff]{1,2}[0-9]{2,6}[\u4e00-\u9fff]{1,4}[0-9]{1,6}号)"
    r"|[\u4e00-\u9fff]{1,12}第\s*[0-9]{1,10}\s*号)"
)
_DOCNO_PREFIX = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,14}\s*$")
# A number's issuing-office prefix starts after the last verb or particle.
_DOCNO_PREFIX_CUT = re.compile(
    r".*(?:作出|送达|依据|根据|按照|依照|下达|印发|出具|批复|批准|文号|编号|案号|证号"
    r"|了|的|为|是|及|与|将|向|对|在|即)"
)
_CITE_CUE = re.compile(r"根据|依据|按照|依照|批准|批复|参照|规定|引用|遵照")
_OWN_CUE = re.compile(r"送达|作出|下达|邮寄|出具|发出|制作|将\s*《|文号|编号|案号")
_LAW_TITLE = re.compile(r"(?:法|条例|办法|规定|规则|细则|解释|决议)$")
_TITLE_BEFORE = re.compile(r"《([^《》]{1,40})》\s*[（(]?\s*$")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_DOCUMENT_TITLE = re.compile(
    r"(?:送达|作出|下达|出具|制作|发出|邮寄)(?:了|的)?\s*《(?P<title>[^《》\n]{2,40})》"
    r"|将\s*《(?P<title2>[^《》\n]{2,40})》[^。\n]{0,20}?送达"
)
_ARTICLE_REF = r"第[零〇一二三四五六七八九十百千0-9]+条"
_CITED_LAW = re.compile(
    r"《(?P<law>[^《》\n]{2,40}?(?:法|条例|办法|规定|规则|细则|解释))》"
    rf"(?P<art>{_ARTICLE_REF}(?:第[零〇一二三四五六七八九十0-9]+款)?"
    r"(?:第[零〇一二三四五六七八九十0-9]+项)?)?"
)
_MAILED = re.compile(
    rf"(?P<d1>{_DATE_SRC})[^。；\n]{{0,30}}?邮寄"
    rf"|邮寄[^。；\n]{{0,12}}?于\s*(?P<d2>{_DATE_SRC})"
)

# --- contacts, links, project, location --------------------------------------

_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_URL_TRAILING = ".,;:!?)]'"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_MOBILE = re.compile(r"1(?<![0-9]1)[3-9][0-9]{9}(?![0-9])")
_LANDLINE = re.compile(r"0(?<![0-9-]0)[0-9]{2,3}-[0-9]{7,8}(?![0-9])")
_PERSON = re.compile(
    r"联系人\s*[：:]\s*(?P<name>[\u4e00-\u9fff]{1,3}(?:先生|女士|老师|经理)"
    r"|[\u4e00-\u9fff·]{2,5}?)(?=$|\s|[，,；;。、（(:：]|联系|电话|手机|邮箱)",
    re.MULTILINE,
)
_PROJECT_LABEL = re.compile(
    r"(?:项目名称|工程名称|项目)\s*[：:]\s*(?P<name>[^\n。；;]{2,80})"
)
_PROJECT_FROM_TITLE = re.compile(
    r"^(?:关于)?(?P<name>.{2,80}?(?:项目|工程|规划|地块))"
    r"(?=环境|环评|竣工|的|第|招标|中标|成交|听证|征收|国有|\(|（|$)"
)
_LOCATION_LABEL = re.compile(
    r"(?:项目地址|建设地点|项目地点|项目厂址|项目位置|项目选址|建设地址|厂址|选址"
    r"|宗地位置|宗地坐落|土地位置|坐落位置|房屋坐落|标的坐落|坐落|地块位置)"
    r"\s*[：:]\s*(?P<loc>[^\n。；;，,]{2,80})"
)
_OFFICE_WORDS = frozenset({"单位", "通讯", "联系", "公司", "注册", "办公", "住所"})
_LOCATION_ILLEGAL = re.compile(
    r"在(?P<loc>[^，。；;\n在]{2,40}?)(?:内)?(?:未经|未取得|擅自|违法|私自|非法)"
)
_LOCATION_SITUATED = re.compile(r"位于(?P<loc>[^，。；;\n的（(]{2,60})")

# --- line shapes -------------------------------------------------------------

_MARKER = re.compile(
    r"^[■●◆□▲★]\s*(?:广告|公告|公示|声明|启事|分类广告|广 告|公 告)\s*$"
)
_MARKER_CHARS = frozenset("■●◆□▲★")
_FURNITURE = re.compile(
    r"^(?:广告(?:热线|电话|咨询|业务)|订阅热线|新闻热线|发行热线"
    r"|本版(?:责编|编辑|校对|美编|统筹)|责任编辑|责编|美编|校对|版式设计|版式)"
    r"\s*[：:|｜]?"
)
_PHONE_ONLY = re.compile(
    r"^(?:联系电话|电话|热线|广告热线|联系方式)?\s*[：:]?\s*[0-9\-\s、，,/()（）转]{7,}$"
)
_TITLE_SUFFIX = re.compile(
    r"(?:公告|公示|声明|启事|通告|公开信息|信息公开|公示表|告知书|决定书"
    r"|^关于.{2,80}的(?:通知|决定))"
    r"(?:[（(][^（）()]{1,12}[）)])?$"
)
_NOT_TITLE_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[0-9]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]"
    r"|特此|现将|现予|现就|现对|兹|予以|根据|依据|联系)"
)
_NOT_TITLE_END = re.compile(r"(?:如下|予以公告|进行公示|特此公告|特此声明)$")
_SENTENCE_PUNCT = re.compile(r"[。，；！？!?;,：:]")
_ORG_LINE_BAD = re.compile(
    r"[。；;！？!?，,：:]|^(?:特此|联系|电话|地址|邮箱|链接|http)"
)
_ISSUER_LABEL = re.compile(
    r"^(?:建设单位|发布单位|公告单位|申请人|声明人|公告人|发布人|招标人|采购人"
    r"|招标代理机构|采购代理机构|拍卖人|出让人|清算组)\s*[：:]\s*(?P<org>.+)$"
)
_ORG_SUFFIX = re.compile(
    r"(?:公司|集团|局|委员会|委|办公室|办|政府|中心|院|所|处|厅|部|站|队|社|会|行|店|厂"
    r"|场|校|馆|组|室|街道|镇|乡|苏木|村|嘎查)(?:[（(][^）)]{1,12}[）)])?$"
)
# Who lost the thing is who declares it: 李春梅遗失不动产权证书一本.
_LOSS_DECLARANT = re.compile(
    r"^(?:本人|本公司|本单位)?(?P<who>[^，,。；;：:\s]{2,40}?)(?:不慎)?(?:遗失|丢失)"
)
_STAMP = re.compile(r"^[（(](?:盖章|公章|章|签章|代章|印)[）)]$")
_SPACES = re.compile(r"\s+")
_TITLE_TAIL = re.compile(r"[（(][^（）()]{1,20}[）)]")  # 公示 (第二次) on its own line
_MAX_TITLE_CHARS = 100
_TITLE_LAST_CHARS = frozenset("告示明事息开開表书書知定）)")
_SEVEN_DIGITS = re.compile(r"[0-9]{7}")
# Cheap tests that a line may hold a field before its regex runs.
_PERIOD_CUE = re.compile(r"[起后]")
_TERM_CUE = re.compile(r"[期时]")
_WINDOW_CUE = re.compile(r"[至到~～-]")
_PROJECT_CUE = re.compile(r"项目|工程")
_COLON_CUE = re.compile(r"[：:]")
_NUMBER_CUE = re.compile(r"号")
_BOOK_CUE = re.compile(r"《")
_MAIL_CUE = re.compile(r"邮寄")
_PERSON_CUE = re.compile(r"联系人")
_URL_CUE = re.compile(r"http")
_SITUATED_CUE = re.compile(r"位于")
_ILLEGAL_CUE = re.compile(r"在")

Line = tuple[str, str]  # (as printed, normalised copy with the same offsets)


# --- small helpers -------------------------------------------------------------


def parse_cn_number(text: str) -> int | None:
    """Return the integer written in Arabic or Chinese numerals, or None."""
    text = _normalise(text.strip())
    if not text:
        return None
    if _ASCII_INT.fullmatch(text):
        return int(text)
    if all(char in _CN_DIGITS for char in text):
        # Digit by digit, as years are written: 二〇二六.
        return int("".join(str(_CN_DIGITS[char]) for char in text))
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_parts(text: str) -> tuple[int | None, int | None, int | None]:
    match = _DATE_PARTS.search(_normalise(text))
    if match is None:
        return None, None, None
    year, month, day = (
        parse_cn_number(match[name]) if match[name] else None for name in "ymd"
    )
    return year, month, day


def parse_date(text: str) -> date | None:
    """Return the first full date written in the text, or None if there is none."""
    match = _DATE.search(_normalise(text))
    if match is None:
        return None
    return _safe_date(*_date_parts(match.group()))


def _parse_window(first: str, second: str) -> tuple[date, date] | None:
    start = parse_date(first)
    if start is None:
        return None
    year, month, day = _date_parts(second)
    if day is None:
        return None
    end = _safe_date(year or start.year, month or start.month, day)
    if end is None:
        return None
    if end < start and year is None:
        # 2026年12月25日至1月8日 runs into the next year (or month).
        if month is None:
            next_month = date(start.year, start.month, 28) + timedelta(days=4)
            end = _safe_date(next_month.year, next_month.month, day) or end
        else:
            end = _safe_date(start.year + 1, month, day) or end
    return start, end


def _compact(text: str) -> str:
    return _SPACES.sub("", text)


def _dedupe(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


# --- titles, types and splitting -----------------------------------------------


def _simple(text: str) -> str:
    """Return the copy patterns read: width folded, Simplified, same offsets."""
    return to_simplified(_normalise(text))


def _simple_lines(lines: Sequence[str]) -> list[str]:
    """Simplify many lines in one converter call; line i stays line i."""
    if not lines:
        return []
    joined = "\n".join(line.replace("\n", " ") for line in lines)
    return _simple(joined).split("\n")


def is_notice_title(line: str) -> bool:
    """Return whether a line reads as the title line of a notice."""
    text = line.strip()
    # Most lines end in a full stop: reject them before converting anything.
    if not text or text[-1] not in _TITLE_LAST_CHARS:
        return False
    return _is_title(_simple(text))


def _is_title(text: str) -> bool:
    """Return whether a stripped, simplified line is a notice title."""
    # ■公告 is the marker before the notices, not a notice's title.
    if not text or text[-1] not in _TITLE_LAST_CHARS or text[0] in _MARKER_CHARS:
        return False
    text = _compact(text.lstrip("#").strip())
    if len(text) > _MAX_TITLE_CHARS:
        return False
    if _SENTENCE_PUNCT.search(text) or _NOT_TITLE_START.match(text):
        return False
    if _NOT_TITLE_END.search(text):
        return False
    return bool(_TITLE_SUFFIX.search(text))


def _could_open_title(line: str) -> bool:
    """Return whether a line may be the first half of a title that wraps."""
    text = _compact(line)
    return (
        4 <= len(text) <= _MAX_TITLE_CHARS
        and not _SENTENCE_PUNCT.search(text)
        and not _NOT_TITLE_START.match(text)
        and not _DATE_LINE.match(text)
    )


def _title_at(line: str, following: str) -> bool:
    if _is_title(line):
        return True
    return bool(
        following
        and following[-1] in _TITLE_LAST_CHARS
        and _could_open_title(line)
        and _is_title(line + following)
    )


def notice_title(lines: Sequence[str]) -> str:
    """Return the notice's title, joining a title that wraps onto two lines."""
    content, simple = _content(lines)
    return "".join(content[: _title_lines(simple)])


def _title_lines(simple: Sequence[str]) -> int:
    """Return how many of the (simplified) first lines make up the title."""
    if not simple:
        return 0
    first = simple[0]
    second = simple[1] if len(simple) > 1 else ""
    if second and not _is_title(first) and _title_at(first, second):
        return 2
    if second and _TITLE_TAIL.fullmatch(second):
        return 2
    return 1


def classify_notice(title: str, body: str = "") -> tuple[NoticeType, int | None]:
    """Return the vocabulary entry and 公示 round for a notice's title (and body)."""
    return _classify(_simple(title), _simple(body))


def _classify(title: str, body: str) -> tuple[NoticeType, int | None]:
    compact = _compact(title)
    found = OTHER
    for entry in NOTICE_TYPES:
        if any(pattern.search(compact) for pattern in entry.title_patterns):
            found = entry
            break
    if found is OTHER and (not compact or _GENERIC_TITLE.match(compact)):
        for pattern, key in _BODY_HINTS:
            if pattern.search(body):
                found = _TYPE_BY_KEY[key]
                break
    round_ = None
    if found.key == "eia" and not _PLAN_EIA.search(compact):
        if _ROUND_ONE.search(compact):
            round_ = 1
        elif _ROUND_TWO.search(compact):
            round_ = 2
    return found, round_


def _is_furniture(line: str) -> bool:
    # A second marker (■声明 after ■公告) only starts another run of notices.
    return bool(
        _FURNITURE.match(line) or (line[:1] in _MARKER_CHARS and _MARKER.match(line))
    )


def _content(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Return the non-empty, non-furniture lines as printed and simplified."""
    printed = [text for line in lines if (text := line.strip())]
    simple = _simple_lines(printed)
    keep = [n for n, line in enumerate(simple) if not _is_furniture(line)]
    return [printed[n] for n in keep], [simple[n] for n in keep]


def _is_org_line(line: str) -> bool:
    return 2 <= len(line) <= 50 and not _ORG_LINE_BAD.search(line)


def _starts_notice(current: list[tuple[int, str]], line: str, following: str) -> bool:
    if not _title_at(line, following):
        return False
    previous = current[-1][1]
    if _DATE_LINE.match(previous):
        return True
    # Notices without a date line (many 遗失声明) end in a full stop or a name.
    return len(current) >= 2 and (
        previous.endswith(("。", "！", "!")) or _is_org_line(previous)
    )


def split_notices(lines: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Split the notice zone into notices: (index of first line in lines, lines)."""
    printed = [line.strip() for line in lines]
    simple = _simple_lines(printed)
    start = 0
    for index, text in enumerate(simple):
        if text[:1] in _MARKER_CHARS and _MARKER.match(text):
            start = index + 1
            break
    # Decisions read the simplified copy, so 遺失聲明 splits like 遗失声明.
    content = [
        (index, simple[index])
        for index in range(start, len(simple))
        if simple[index] and not _is_furniture(simple[index])
    ]
    chunks: list[list[tuple[int, str]]] = []
    for position, (index, text) in enumerate(content):
        following = content[position + 1][1] if position + 1 < len(content) else ""
        if chunks and not _starts_notice(chunks[-1], text, following):
            chunks[-1].append((index, text))
        else:
            chunks.append([(index, text)])
    if chunks:
        _drop_trailing_furniture(chunks[-1])
    return [
        (chunk[0][0], [printed[index] for index, _ in chunk])
        for chunk in chunks
        if chunk
    ]


def _drop_trailing_furniture(chunk: list[tuple[int, str]]) -> None:
    """Drop a lone phone line printed after the last notice's signature."""
    last_date = max(
        (n for n, (_, text) in enumerate(chunk) if _DATE_LINE.match(text)), default=None
    )
    if last_date is None:
        return
    while len(chunk) > last_date + 1 and _PHONE_ONLY.match(chunk[-1][1]):
        chunk.pop()


# --- field readers --------------------------------------------------------------


def _signature(pairs: Sequence[Line], first_body: int) -> tuple[str, date | None]:
    """Return the issuer and signature date from the block at the end."""
    found = None
    for n in range(len(pairs) - 1, max(first_body, len(pairs) - 8) - 1, -1):
        match = _DATE_LINE.match(pairs[n][1])
        if match is not None:
            found = n, match
            break
    if found is None:
        printed, norm = pairs[-1] if len(pairs) > first_body else ("", "")
        if norm and _is_org_line(norm) and not _is_title(norm):
            return printed, None
        return "", None
    date_at, match = found
    signed_on = parse_date(match["date"])
    org = pairs[date_at][0][: match.start("date")].strip()
    if org and _is_org_line(match["org"].strip()):
        return org, signed_on
    issuers: list[str] = []
    n = date_at - 1
    while n >= first_body and len(issuers) < 3:
        printed, norm = pairs[n]
        n -= 1
        if _STAMP.match(norm):
            continue
        labelled = _ISSUER_LABEL.match(norm)
        if labelled:
            issuers.insert(0, printed[labelled.start("org") :].strip())
            continue
        # The line next to the date is the signer; co-signers above it must
        # look like organisations, so a body line cannot slip in.
        if not _is_org_line(norm) or (issuers and not _ORG_SUFFIX.search(norm)):
            break
        issuers.insert(0, printed)
    return "、".join(issuers), signed_on


def _loss_declarant(pairs: Sequence[Line]) -> str:
    """Return who declares a loss, from the first sentence of an unsigned 遗失声明."""
    if not pairs:
        return ""
    printed, norm = pairs[0]
    match = _LOSS_DECLARANT.match(norm)
    return printed[match.start("who") : match.end("who")] if match else ""


def _addressees(pairs: Sequence[Line], first_body: int) -> tuple[tuple[str, ...], int]:
    """Return the addressees on the line after the title, and where the body starts."""
    if first_body >= len(pairs):
        return (), first_body
    printed, norm = pairs[first_body]
    # ID numbers in brackets (身份证号：…) may hold a colon of their own.
    for paren in reversed(list(_ID_PAREN.finditer(norm))):
        cut = slice(paren.start(), paren.end())
        printed = printed[: cut.start] + printed[cut.stop :]
        norm = norm[: cut.start] + norm[cut.stop :]
    match = _ADDRESSEE_LINE.match(norm)
    if match is None:
        return (), first_body
    if _NOT_ADDRESSEE.search(match["names"]):
        return (), first_body
    if _GENERIC_ADDRESSEE.match(match["names"].strip()):
        return (), first_body + 1
    names = printed[match.start("names") : match.end("names")]
    skip = len("尊敬的") if match["names"].strip().startswith("尊敬的") else 0
    parts = [part.strip() for part in _ADDRESSEE_SPLIT.split(names.strip()[skip:])]
    return _dedupe([p for p in parts if 1 < len(p) <= 40]), first_body + 1


# Each reader scans only the lines that contain its cue words: a plain substring
# test is far cheaper than a regex scan, and no field spans two lines.
def _scan(
    lines: Sequence[Line], pattern: re.Pattern[str], cue: re.Pattern[str]
) -> Iterator[tuple[str, str, re.Match[str]]]:
    """Yield the pattern's matches on the lines that hold the cue."""
    for printed, norm in lines:
        if cue.search(norm):
            for match in pattern.finditer(norm):
                yield printed, norm, match


def _document_numbers(lines: Sequence[Line]) -> tuple[str, ...]:
    found: list[str] = []
    for printed, norm, match in _scan(lines, _DOCNO, _NUMBER_CUE):
        start = match.start()
        if not match["court"]:
            prefix = _DOCNO_PREFIX.search(norm, max(0, start - 16), start)
            if prefix is None:
                continue
            start = prefix.start()
            cut = _DOCNO_PREFIX_CUT.match(norm, start, match.start())
            if cut is not None:
                start = cut.end()
            if not norm[start : match.start()].strip():
                continue
        if not _is_cited(norm, start):
            found.append(_compact(printed[start : match.end()]))
    return _dedupe(found)


def _is_cited(norm: str, start: int) -> bool:
    """Return whether the number at `start` is merely cited, not the notice's own."""
    if not norm[:start].strip():
        return False  # on a line of its own: the notice's own number
    clause = _CLAUSE_END.split(norm[max(0, start - 60) : start])[-1]
    # A number right after 《…法》 in brackets belongs to that law or rule.
    title = _TITLE_BEFORE.search(clause)
    if title and _LAW_TITLE.search(title[1]):
        return True
    cite = [m.end() for m in _CITE_CUE.finditer(clause)]
    own = [m.end() for m in _OWN_CUE.finditer(clause)]
    return bool(cite) and (not own or max(cite) > max(own))


def _document_title(lines: Sequence[Line]) -> str:
    for printed, _, match in _scan(lines, _DOCUMENT_TITLE, _BOOK_CUE):
        group = "title" if match["title"] else "title2"
        return printed[match.start(group) : match.end(group)]
    return ""


def _cited_law(lines: Sequence[Line]) -> str:
    first = ""
    for printed, _, match in _scan(lines, _CITED_LAW, _BOOK_CUE):
        cited = printed[match.start() : match.end()]
        if match["art"]:
            return cited
        first = first or cited
    return first


def _mailed_on(lines: Sequence[Line]) -> date | None:
    for _, _, match in _scan(lines, _MAILED, _MAIL_CUE):
        return parse_date(match["d1"] or match["d2"])
    return None


def _period_from(match: re.Match[str], anchor: str, text: str) -> Period | None:
    days = parse_cn_number(match["n"])
    if days is None or days < 1:
        return None
    unit = match["unit"]
    kind = "working" if "工作日" in unit else "month" if "月" in unit else "calendar"
    if _RECEIPT_START.match(anchor):
        start = "receipt"
    elif _SIGNATURE_WORD.search(anchor):
        start = "signature"
    else:
        start = "publication"
    return Period(text=text, days=days, kind=kind, start=start)


def _periods_in(norm: str) -> Iterator[tuple[int, int, re.Match[str], str]]:
    """Yield (start, end, length match, anchor) for each period in a line."""
    for length in _PERIOD_LENGTH.finditer(norm):
        head_from = max(0, length.start() - _PERIOD_HEAD_CHARS)
        head = _PERIOD_HEAD.search(norm, head_from, length.start())
        if head is not None:
            yield head.start(), length.end(), length, head["anchor"]


def _period(lines: Sequence[Line]) -> Period | None:
    candidates: list[tuple[tuple[bool, bool, int], Period]] = []
    for printed, norm in lines:
        found: list[tuple[int, int, re.Match[str], str]] = []
        if _PERIOD_CUE.search(norm):
            found += _periods_in(norm)
        if _TERM_CUE.search(norm):
            found += [
                (m.start(), m.end(), m, m["anchor"]) for m in _TERM.finditer(norm)
            ]
        for start, end, match, anchor in found:
            period = _period_from(match, anchor, printed[start:end].strip())
            if period is not None:
                key = (
                    period.start != "publication",
                    not _PERIOD_PREFERRED.search(norm),
                    len(candidates),
                )
                candidates.append((key, period))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[0])[1]


def _window(
    lines: Sequence[Line],
) -> tuple[str, tuple[date, date] | None, Period | None]:
    """Return the printed window as printed, its dates, and a printed 共N period."""
    fallback = None
    for printed, norm, match in _scan(lines, _WINDOW, _WINDOW_CUE):
        dates = _parse_window(match["d1"], match["d2"])
        if dates is None:
            continue
        clause_start = max(
            (m.end() for m in _CLAUSE_END.finditer(norm, 0, match.start())), default=0
        )
        context = norm[max(clause_start, match.start() - 30) : match.start()]
        label = _WINDOW_LABEL.search(norm, max(0, match.start() - 16), match.start())
        if not (label or _WINDOW_CONTEXT.search(context)):
            continue
        starts_at = label.start() if label else match.start()
        window_text = printed[starts_at : match.end()].strip()
        total = None
        if match["n"]:
            count_at = norm.rfind("共", match.start(), match.start("n"))
            total = _period_from(match, "", printed[count_at : match.end()].strip())
        if fallback is None:
            fallback = (window_text, dates, total)
        if label or _WINDOW_PREFERRED.search(context):
            return window_text, dates, total
    return fallback or ("", None, None)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _contacts(lines: Sequence[Line]) -> Contacts:
    phones: list[str] = []
    emails: list[str] = []
    for _, norm in lines:
        # Phone-shaped digits inside links and e-mail addresses are not phones.
        if "http" in norm:
            norm = _blank(_URL, norm)
        if "@" in norm:
            emails += [m.group() for m in _EMAIL.finditer(norm)]
            norm = _blank(_EMAIL, norm)
        if _SEVEN_DIGITS.search(norm):
            found = [(m.start(), m.group()) for m in _MOBILE.finditer(norm)]
            if "-" in norm:
                found += [(m.start(), m.group()) for m in _LANDLINE.finditer(norm)]
            phones += [phone for _, phone in sorted(found)]
    people = [
        printed[m.start("name") : m.end("name")]
        for printed, _, m in _scan(lines, _PERSON, _PERSON_CUE)
    ]
    return Contacts(
        phones=_dedupe(phones), emails=_dedupe(emails), people=_dedupe(people)
    )


def _links(lines: Sequence[Line]) -> tuple[str, ...]:
    return _dedupe(
        [m.group().rstrip(_URL_TRAILING) for _, _, m in _scan(lines, _URL, _URL_CUE)]
    )


def _project(
    title: str, simple_title: str, lines: Sequence[Line], type_key: str
) -> str:
    for printed, _, match in _scan(lines, _PROJECT_LABEL, _PROJECT_CUE):
        return printed[match.start("name") : match.end("name")].strip()
    if type_key in {"service", "loss", "deregistration", "capital_reduction", "other"}:
        return ""
    match = _PROJECT_FROM_TITLE.search(_compact(simple_title))
    return _compact(title)[match.start("name") : match.end("name")] if match else ""


def _location(lines: Sequence[Line], type_key: str) -> str:
    readers = [(_LOCATION_LABEL, _COLON_CUE), (_LOCATION_SITUATED, _SITUATED_CUE)]
    if type_key == "service":
        readers.insert(0, (_LOCATION_ILLEGAL, _ILLEGAL_CUE))
    for pattern, cue in readers:
        for printed, norm, match in _scan(lines, pattern, cue):
            # 单位地址 / 注册地址 name the company's office, not the site.
            if norm[max(0, match.start() - 2) : match.start()] in _OFFICE_WORDS:
                continue
            value = printed[match.start("loc") : match.end("loc")]
            return value.strip().rstrip("，,、 ")
    return ""


def parse_notice(
    lines: Sequence[str], *, issue_date: date | None, calendar: WorkCalendar
) -> NoticeFields:
    """Read one notice's fields; never raises on odd text."""
    content, simple = _content(lines)
    if not content:
        return NoticeFields(notice_type=OTHER.label, type_key=OTHER.key)
    # Patterns read the simplified copy; values are sliced from the printed text.
    pairs = list(zip(content, simple, strict=True))
    first_body = _title_lines(simple)
    title = "".join(content[:first_body])
    addressees, after_addressees = _addressees(pairs, first_body)
    entry, round_ = _classify("".join(simple[:first_body]), "\n".join(simple))
    issuer, signed_on = _signature(pairs, after_addressees)
    if not issuer and entry.key == "loss":
        issuer = _loss_declarant(pairs[first_body:])
    window_printed, printed_window, printed_total = _window(pairs)
    period = printed_total or _period(pairs)
    deadline = compute_deadline(
        period,
        printed_window,
        issue_date=issue_date,
        signed_on=signed_on,
        calendar=calendar,
        type_key=entry.key,
    )
    return NoticeFields(
        notice_type=entry.label,
        type_key=entry.key,
        round=round_,
        issuer=issuer,
        addressees=addressees,
        document_numbers=_document_numbers(pairs),
        document_title=_document_title(pairs),
        cited_law=_cited_law(pairs),
        mailed_on=_mailed_on(pairs),
        signed_on=signed_on,
        period=period,
        window_printed=window_printed,
        printed_window=printed_window,
        deadline=deadline,
        contacts=_contacts(pairs),
        links=_links(pairs),
        project=_project(title, "".join(simple[:first_body]), pairs, entry.key),
        location=_location(pairs, entry.key),
    )
