"""Figures: amounts and rates with their phrase, value, unit and as-of date."""

from __future__ import annotations

from decimal import Decimal

import pytest

from archive.ingest.figures import extract_figures

from .enrichment_samples import MISSING, SAMPLES, sample_items

ITEMS = sample_items()


def figures(text: str) -> list[tuple[str, Decimal, str, str]]:
    return [(f.text, f.value, f.unit, f.as_of) for f in extract_figures(text)]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=MISSING)
@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_sample_figures_are_all_found_with_text_value_unit_and_date(item):
    found = [figure.as_json() for figure in extract_figures(item.text)]

    missing = [f for f in item.expected.get("figures_sample", []) if f not in found]
    assert missing == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=MISSING)
def test_service_notices_hold_no_figures():
    notices = [
        i for i in ITEMS if i.expected.get("notice_type") == "行政执法文书送达公告"
    ]

    assert notices
    assert all(extract_figures(notice.text) == () for notice in notices)


def test_multipliers_are_applied_exactly():
    assert figures("全区存款余额突破1.2万亿元。") == [
        ("全区存款余额突破1.2万亿元", Decimal("1200000000000"), "元", "")
    ]
    assert figures("发放贷款500万元，装机30万千瓦。") == [
        ("发放贷款500万元", Decimal("5000000"), "元", ""),
        ("装机30万千瓦", Decimal("300000"), "千瓦", ""),
    ]


def test_rates_and_percentage_points_keep_the_printed_number():
    assert figures("不良率3.5%，同比下降0.5个百分点。") == [
        ("不良率3.5%", Decimal("3.5"), "%", ""),
        ("同比下降0.5个百分点", Decimal("0.5"), "百分点", ""),
    ]
    assert figures("增速为-3.2%。")[0][1] == Decimal("-3.2")


def test_as_of_is_carried_through_the_sentence_only():
    text = "截至2024年末，贷款余额1,234.5亿元，同比增长8%。另有300户。"

    assert figures(text) == [
        ("贷款余额1,234.5亿元", Decimal("123450000000"), "元", "2024年末"),
        ("同比增长8%", Decimal("8"), "%", "2024年末"),
        ("另有300户", Decimal("300"), "户", ""),
    ]
    assert figures("财政兜底，补助23.1亿元。")[0][3] == ""


def test_a_share_clause_is_read_with_the_clause_before_it():
    text = "2024年全市中小微企业数量已突破3万家，占企业总数的98.3%。"

    assert figures(text) == [
        ("中小微企业数量已突破3万家", Decimal("30000"), "家", ""),
        (
            "中小微企业数量已突破3万家，占企业总数的98.3%",
            Decimal("98.3"),
            "%",
            "",
        ),
    ]


def test_people_are_counted_as_persons():
    assert figures("8.89万老人的尊严") == [("8.89万老人", Decimal("88900"), "人", "")]
    assert figures("为8.89万名老人发放津贴")[0][1:3] == (Decimal("88900"), "人")


def test_a_bare_yi_is_money():
    assert figures("42.28亿的撮合奇迹") == [
        ("42.28亿", Decimal("4228000000"), "元", "")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2025年是关键一年，4月15日中午12时24分。",
        "联系电话：15148722213，0476-8888888。",
        "链接：http://www.mee.gov.cn/xxgk2018/t20181024_665329.html?a=50%25",
        "邮箱：15148722213@163.com 提取码：g5jh",
        "《拆除违法建设催告书》（通自然拆催字[2026]第9号），第3版。",
        "在永茂二期20号楼2单元212室，自公告之日起30日内。",
        "审贷周期压缩至3个工作日以内。",
        "54岁的张瑞丽养了7年猪。",
    ],
)
def test_numbers_without_a_unit_are_not_figures(text):
    assert figures(text) == []


def test_context_is_the_whole_sentence_and_values_are_decimals():
    (figure,) = extract_figures("数据显示：累计交易金额42.28亿元。下一句。")

    assert figure.context == "数据显示：累计交易金额42.28亿元"
    assert figure.text == "累计交易金额42.28亿元"
    assert isinstance(figure.value, Decimal)


def test_full_width_digits_are_read():
    assert figures("增速３．５％。") == [("增速3.5%", Decimal("3.5"), "%", "")]
