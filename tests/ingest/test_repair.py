"""Page-break repair: split words, numbers and URLs rejoined, structure left alone."""

import json
from pathlib import Path

import pytest

from archive.ingest.records import Repair
from archive.ingest.repair import repair_page_breaks

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "pages"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"sample pages not found at {SAMPLES}"
)

# The lines where each sample's first part of a split ends.
SAMPLE_JOIN_LINES = {
    "000_2b0df0ff8dae3a36.txt": [33, 63, 89],
    "002_88f823f1af9da45b.txt": [11, 23, 33, 41, 100, 134, 175],
}

# Body text that stops mid-sentence, as on either side of a real split.
BODY = "我们在调研中发现，政策红利正在释放。企业负责人表示，政策落地还需要更多配套"


def _sample_pages() -> list[tuple[str, str, list[str]]]:
    pages = []
    for path in sorted(SAMPLES.glob("*.txt")):
        expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
        pages.append(
            (path.name, path.read_text("utf-8"), expected["page_break_repairs"])
        )
    return pages


def _sample_joins() -> list[object]:
    if not SAMPLES.is_dir():
        return [pytest.param("", "", "", marks=needs_samples, id="no-samples")]
    return [
        pytest.param(name, text, joined, id=f"{name[:3]}-{joined[:12]}")
        for name, text, expected in _sample_pages()
        for joined in expected
    ]


@pytest.mark.parametrize(("name", "text", "joined"), _sample_joins())
def test_repair_joins_sample_page_break(name: str, text: str, joined: str) -> None:
    # Some of these also occur unbroken elsewhere on the page: count them.
    assert repair_page_breaks(text).text.count(joined) == text.count(joined) + 1


@needs_samples
@pytest.mark.parametrize("name", sorted(SAMPLE_JOIN_LINES))
def test_repair_records_exactly_the_sample_joins(name: str) -> None:
    text = (SAMPLES / name).read_text("utf-8")

    repaired = repair_page_breaks(text)

    assert [repair.line for repair in repaired.repairs] == SAMPLE_JOIN_LINES[name]
    for repair in repaired.repairs:
        assert 2 <= len(repair.joined) <= 80
        assert repair.joined in repaired.text
    # Only the break itself went: one newline and one blank line per join.
    assert repaired.text.replace("\n", "") == text.replace("\n", "")
    assert repaired.text.count("\n") == text.count("\n") - 2 * len(repaired.repairs)


@needs_samples
@pytest.mark.parametrize("name", sorted(SAMPLE_JOIN_LINES))
def test_repair_is_idempotent_on_sample_pages(name: str) -> None:
    once = repair_page_breaks((SAMPLES / name).read_text("utf-8"))

    twice = repair_page_breaks(once.text)

    assert twice.text == once.text
    assert twice.repairs == ()


@needs_samples
def test_repair_records_whole_tokens_for_numbers_and_urls() -> None:
    text = (SAMPLES / "002_88f823f1af9da45b.txt").read_text("utf-8")
    url = "http://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/201810/t20181024_665329.html"

    repairs = repair_page_breaks(text).repairs

    assert Repair(line=11, joined="2025年6月末") in repairs
    assert Repair(line=134, joined=url) in repairs


@pytest.mark.parametrize(
    ("text", "repaired", "joined"),
    [
        (
            BODY + "\n\n金带到了家里。",
            BODY + "金带到了家里。",
            "策落地还需要更多配套金带到了家里",
        ),
        (
            BODY + "\n\n\n\n金带到了家里。",
            BODY + "金带到了家里。",
            "策落地还需要更多配套金带到了家里",
        ),
        (
            "链接：http://www.mee.gov.cn/xxgk01/2018\n10/t20181024_665329.html",
            "链接：http://www.mee.gov.cn/xxgk01/201810/t20181024_665329.html",
            "http://www.mee.gov.cn/xxgk01/201810/t20181024_665329.html",
        ),
        (
            "全市涉农贷款余额达1323.\n\n98亿元，创业担保贷款余额同比增长。",
            "全市涉农贷款余额达1323.98亿元，创业担保贷款余额同比增长。",
            "1323.98亿元",
        ),
        (
            "创业担保贷款余额同比增长86.88\n\n%，这些数字的背后是故事。",
            "创业担保贷款余额同比增长86.88%，这些数字的背后是故事。",
            "86.88%",
        ),
        (
            "张瑞丽指着圈里刚补栏的仔猪说，“这就是我的绿色产业。\n\n”",
            "张瑞丽指着圈里刚补栏的仔猪说，“这就是我的绿色产业。”",
            "这就是我的绿色产业。”",
        ),
        (
            "送达了《催告书》（通自然拆催字[2026]第9号\n\n），经投递失败被退回。",
            "送达了《催告书》（通自然拆催字[2026]第9号），经投递失败被退回。",
            "字[2026]第9号），经投递失败被退回",
        ),
        (
            "根据《中华人民共和国环境影响评价法》及《公众参与\n\n办法》等规定，公告如下：",
            "根据《中华人民共和国环境影响评价法》及《公众参与办法》等规定，公告如下：",
            "评价法》及《公众参与办法》等规定",
        ),
    ],
    ids=[
        "word",
        "three-blank-lines",
        "url-single-newline",
        "decimal",
        "percent",
        "quote",
        "bracket",
        "title",
    ],
)
def test_repair_joins_split(text: str, repaired: str, joined: str) -> None:
    result = repair_page_breaks(text)

    assert result.text == repaired
    assert result.repairs == (Repair(line=1, joined=joined),)


# (first part, second part): each pair is joined by one blank line unless its own
# parts carry other line breaks.
NO_JOIN = {
    "headline-after-body": (BODY, "# 新的标题行在这里"),
    "byline": (BODY, "本报记者 贺向军 杨春章 李健"),
    "byline-box": (BODY, "□海玉珍"),
    "bold-head": (BODY, "**科技金融的“硬度”：**"),
    "list-item-next": (
        "问题主要体现在以下几个方面，",
        "（一）融资渠道单一，企业过度依赖银行贷款。",
    ),
    "list-heading": ("一、征求意见的公众范围", "公众为公民的，可为附近村庄的村民。"),
    "numbered-items": (
        "1. 公众意见表，发送至邮箱：1085764527@qq.com",
        "2. 填写纸质公众意见表",
    ),
    "signature-block": (
        "由于其他方式无法向你送达。现予以公告送达，逾期则视为送达",
        "通辽市自然资源局\n2026年2月3日",
    ),
    "date-then-title": ("通辽市自然资源局\n2026年2月3日", "行政执法文书送达公告"),
    "code-line": (
        "链接：https://pan.baidu.com/s/1BkDpM4C-HdeVjwZzm-H9Xg?pwd=wxad",
        "提取码：wxad",
    ),
    "code-then-item": ("提取码：wxad", "二、征求意见的公众范围"),
    "ad-marker": ("学习研究\n\n■广告", "行政执法文书送达公告"),
    "paragraph-ends": (
        "四月的塞北，乍暖还寒。",
        "4月15日中午，乌丹镇的天空飘起了细密的小雪。",
    ),
    "kicker-colon": ("春启“新”账本：", "从“五篇大文章”到“最后一公里”"),
    "label-colon": (
        "查阅报告书的方式和途径：",
        "链接：https://pan.baidu.com/s/1BkDpM4C",
    ),
    "short-line": ("学习研究", "深入贯彻落实金融强国战略，扎实做好大文章。"),
    "column-line": ("走一线 改文风", "春启“新”账本："),
    "heading": (
        "普惠金融支持小微企业的战略意义",
        "深入贯彻落实金融强国战略，扎实做好大文章。",
    ),
    "heading-with-comma": (
        "稳就业惠民生，筑牢社会和谐根基",
        "小微企业遍布各领域，创造了大多数就业岗位。",
    ),
    "headline-over-two-lines": (
        "从“五篇大文章”到“最后一公里”，",
        "赤峰财政的“落笔”与“生根”",
    ),
    "spaced-headline": (
        "深化普惠金融赋能 激发小微企业发展动能",
        "党的二十届四中全会明确提出，建设现代化产业体系。",
    ),
    "notice-title": (
        "通辽科尔沁左翼中旗工业园区花吐古拉园区(通北园区)国土空间详细规划"
        "环境影响报告书征求意见稿公众参与公示",
        "根据《环境影响评价公众参与办法》的有关规定，征求公众意见。",
    ),
    "complete-address": (
        "项目厂址：内蒙古自治区通辽市霍林郭勒市沙尔呼热街道兴霍街14号",
        "环境影响评价《公众参与意见表》见下方网址：",
    ),
    "field-then-field": ("单位地址：内蒙古自治区通辽市霍林郭勒市", "联系人：刘波"),
    "phone-then-title": (
        "建设单位联系电话：15848594108",
        "年产20万吨高端铝合金项目环境影响评价第二次信息公示",
    ),
    "url-then-email": (
        "https://pan.baidu.com/s/17NGfICvwEKIiw6TCkdL_Q",
        "1085764527@qq.com",
    ),
    "url-then-phone": ("https://pan.baidu.com/s/17NGfICvwEKIiw6TCkdL_Q", "15848594108"),
    "url-then-url": (
        "http://www.kzzq.gov.cn/zwgk/t20260129_1031176.html",
        "https://pan.baidu.com/s/17NG",
    ),
    "semicolon-items": (
        "一是加强统筹协调，形成工作合力；",
        "二是强化政策支持，优化营商环境。",
    ),
    "salutation": (
        "尊敬的广大投资者朋友们，",
        "为进一步做好金融服务工作，现将有关事项公告如下。",
    ),
    "column-name-after-article": (
        "为区域经济发展增添强劲动力。同时还需要更多配套",
        "学习研究",
    ),
    "affiliation": (
        "为小微企业发展注入金融活水，为区域经济高质量发展增添强劲动力，",
        "（作者单位：中共通辽市委员会党校）",
    ),
    "addressee": ("行政执法文书送达公告", "高士发："),
    "field-list": (
        "建设单位：内蒙古和镁新能源有限责任公司\n建设单位联系电话：15848594108",
        "内蒙古和镁新能源有限责任公司\n2026年1月23日",
    ),
    "four-blank-lines": (BODY + "\n\n\n", "金带到了张瑞丽的家里。"),
    "next-starts-with-label": (BODY, "数据显示：全市贷款余额增长。"),
    "year-after-sentence": ("增长率为5.", "2026年1月13日我局向你邮寄送达了催告书。"),
}


@pytest.mark.parametrize(("first", "second"), NO_JOIN.values(), ids=NO_JOIN.keys())
def test_repair_leaves_structure_alone(first: str, second: str) -> None:
    text = f"{first}\n\n{second}"

    result = repair_page_breaks(text)

    assert result.text == text
    assert result.repairs == ()


def test_repair_leaves_lines_apart_without_a_blank_line() -> None:
    text = BODY + "\n金带到了张瑞丽的家里。"

    assert repair_page_breaks(text).text == text


def test_repair_keeps_text_without_breaks() -> None:
    text = "\n\n标题\n\n正文第一段。\n\n\n\n正文第二段。\n"

    assert repair_page_breaks(text).text == text
    assert repair_page_breaks("").text == ""


def test_repair_chains_joins_and_numbers_lines_from_the_input() -> None:
    text = (
        "标题\n\n" + BODY + "\n\n金带到了张瑞丽的家里，被村支书赵春\n\n金带到了家里。"
    )

    result = repair_page_breaks(text)

    assert (
        result.text
        == "标题\n\n" + BODY + "金带到了张瑞丽的家里，被村支书赵春金带到了家里。"
    )
    assert [repair.line for repair in result.repairs] == [3, 5]
