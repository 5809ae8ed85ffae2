"""Notice parsing: the sample page's golden notices, each type, hostile input."""

import json
import random
import re
import time
from datetime import date
from pathlib import Path

import pytest

from notices.calendar import WorkCalendar
from notices.parsers import (
    NOTICE_TYPES,
    classify_notice,
    is_notice_title,
    notice_title,
    parse_cn_number,
    parse_date,
    parse_notice,
    split_notices,
)

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "pages"
SAMPLE = "002_88f823f1af9da45b"
CALENDAR = WorkCalendar()
ISSUE = date(2026, 2, 3)


def _lines(text: str) -> list[str]:
    return text.strip("\n").split("\n")


def _parse(text: str, issue: date | None = ISSUE):
    return parse_notice(_lines(text), issue_date=issue, calendar=CALENDAR)


# --- the sample page -------------------------------------------------------------


def _repair(text: str, joined: str) -> str:
    """Join one known page break (the real repair is written elsewhere)."""
    for cut in range(1, len(joined)):
        broken = re.escape(joined[:cut]) + r"\n\s*\n" + re.escape(joined[cut:])
        text = re.sub(broken, joined, text)
    return text


@pytest.fixture(scope="module")
def sample():
    page = SAMPLES / f"{SAMPLE}.txt"
    expected_file = SAMPLES / f"{SAMPLE}.expected.json"
    if not page.exists() or not expected_file.exists():
        pytest.skip(f"sample page {SAMPLE} not found under {SAMPLES}")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    for joined in expected["page_break_repairs"]:
        text = _repair(text, joined)
    lines = text.split("\n")
    marker = next(n for n, line in enumerate(lines) if line.strip() == "■广告")
    issue = date.fromisoformat(expected["issue_date_for_tests"])
    notices = [
        (
            notice_title(notice_lines),
            parse_notice(notice_lines, issue_date=issue, calendar=CALENDAR),
        )
        for _, notice_lines in split_notices(lines[marker + 1 :])
    ]
    wanted = [item for item in expected["items"] if item["kind"] == "notice"]
    return notices, wanted


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _compare(title: str, fields, want: dict) -> tuple[int, list[str]]:
    """Return how many expected fields were checked and which ones differ."""
    deadline = fields.deadline
    period = fields.period
    checks = {
        "notice_type": lambda: fields.notice_type,
        "title": lambda: title,
        "addressee": lambda: list(fields.addressees),
        "issuer": lambda: fields.issuer,
        "signed_on": lambda: _iso(fields.signed_on),
        "document_numbers": lambda: list(fields.document_numbers),
        "document_title": lambda: fields.document_title,
        "cited_law": lambda: fields.cited_law,
        "mailed_on": lambda: _iso(fields.mailed_on),
        "location": lambda: fields.location,
        "period_text": lambda: period.text if period else None,
        "period": lambda: (
            {"days": period.days, "kind": period.kind, "from": period.start}
            if period
            else None
        ),
        "deemed_served_on": lambda: _iso(deadline.deemed_on) if deadline else None,
        "window_printed": lambda: fields.window_printed,
        "window": lambda: (
            [_iso(deadline.window_start), _iso(deadline.window_end)]
            if deadline
            else None
        ),
        "window_working_days": lambda: deadline.working_days if deadline else None,
        "window_flags": lambda: list(deadline.flags) if deadline else [],
        "round": lambda: fields.round,
        "contacts": lambda: {
            "phones": list(fields.contacts.phones),
            "emails": list(fields.contacts.emails),
        },
        "links": lambda: list(fields.links),
    }
    checked, wrong = 0, []
    for key, value in want.items():
        if key in {"kind", "places", "programmes"}:
            continue  # read by the page parser, not here
        checked += 1
        if key == "addressee":
            value = [value]
        if key == "contacts":
            value = {
                "phones": value.get("phones", []),
                "emails": value.get("emails", []),
            }
        if key in {"deemed_note", "window_note"}:
            got_note = deadline.note if deadline else ""
            if not _note_agrees(value, got_note):
                wrong.append(f"{key}: {got_note!r} does not state {value!r}")
            continue
        if key == "window_flags":
            # The expected file explains its flags in English; ours are Chinese.
            got_flags = list(deadline.flags) if deadline else []
            if len(got_flags) != len(value) or not all(
                _note_agrees(want_flag, got_flag)
                for want_flag, got_flag in zip(value, got_flags, strict=False)
            ):
                wrong.append(f"{key}: {got_flags!r} do not state {value!r}")
            continue
        if key not in checks:
            wrong.append(f"{key}: the expected file has a field this test cannot read")
            continue
        got = checks[key]()
        if got != value:
            wrong.append(f"{key}: got {got!r}, expected {value!r}")
    # What the expected file leaves out must be absent: no round, no flags.
    for key, absent in (("round", None), ("window_flags", [])):
        if key not in want and checks[key]() != absent:
            wrong.append(f"{key}: got {checks[key]()!r}, expected none")
    return checked, wrong


def _cn(day: str) -> str:
    """Write an ISO date the way the notes do: 2026-02-03 → 2026年2月3日."""
    value = date.fromisoformat(day)
    return f"{value.year}年{value.month}月{value.day}日"


def _note_agrees(expected: str, note: str) -> bool:
    """Return whether the note states the dates the expected note explains."""
    days = re.findall(r"\d{4}-\d{2}-\d{2}", expected)
    return all(_cn(day) in note for day in days)


def test_sample_page_has_seven_notices_in_print_order(sample):
    notices, wanted = sample
    assert [title for title, _ in notices] == [want["title"] for want in wanted]


def test_sample_notices_match_every_expected_field(sample):
    notices, wanted = sample
    total, problems = 0, []
    for (title, fields), want in zip(notices, wanted, strict=True):
        checked, wrong = _compare(title, fields, want)
        total += checked
        problems += [f"{want['title'][:20]}… {problem}" for problem in wrong]
    assert problems == []
    assert total == 82


def test_sample_service_notice_reads_like_the_expected_file(sample):
    notices, _ = sample
    first = notices[0][1]
    assert first.type_key == "service"
    assert first.deadline.deemed_on == date(2026, 3, 5)
    assert first.deadline.note.startswith("自2026年2月3日见报之日起30日（自然日）")
    assert "次日即2026年3月5日视为送达" in first.deadline.note


# --- one notice of each type -------------------------------------------------------

LOSS = """
遗失声明
通辽市科尔沁区鑫源商贸有限公司遗失营业执照正本，统一社会信用代码：91150502MA0N123456，声明作废。
特此声明。
通辽市科尔沁区鑫源商贸有限公司
二〇二六年二月三日
"""

DEREGISTRATION = """
注销公告
经内蒙古草原阳光农牧业有限公司股东会决议，本公司拟向公司登记机关申请注销登记，已于2026年1月20日成立清算组。请债权人自本公告发布之日起四十五日内向本公司清算组申报债权。
联系人：王敏
联系电话：0475-8212345
内蒙古草原阳光农牧业有限公司清算组
2026年2月3日
"""

CAPITAL_REDUCTION = """
减资公告
通辽市金穗融资担保有限公司（统一社会信用代码：91150500MA0Q7R8X2K）经股东会决议，拟将注册资本由人民币10000万元减少至人民币5000万元。根据《中华人民共和国公司法》第二百二十四条的规定，债权人自接到本公司通知之日起三十日内，未接到通知的自本公告发布之日起四十五日内，有权要求本公司清偿债务或者提供相应的担保。
联系人：李娜 13904751234
通辽市金穗融资担保有限公司
2026年2月3日
"""

AUCTION = """
拍卖公告
华泰拍字〔2026〕第3号
受通辽市科尔沁区人民法院委托，依据该院（2025）内0502执1234号执行裁定书，我公司定于2026年3月10日上午10时在本公司拍卖厅公开拍卖下列标的：位于通辽市科尔沁区建国路88号的商业用房一处（建筑面积326.5平方米），参考价人民币258万元。
展示时间：2026年3月2日至3月6日
竞买人须于2026年3月9日16时前将保证金人民币50万元汇入指定账户。
咨询电话：0475-6351888 13848751234
通辽市华泰拍卖有限责任公司
2026年2月10日
"""

HEARING = """
听证公告
科左中自然听告〔2026〕2号
根据《中华人民共和国行政许可法》第四十六条的规定，我局拟就舍伯吐镇集体土地征收补偿安置方案举行听证。利害关系人可自本公告发布之日起十五日内书面提出听证申请，逾期未提出的，视为放弃听证权利。
联系人：张磊
联系电话：0475-5212345
科尔沁左翼中旗自然资源局
2026年2月3日
"""

LAND = """
通辽市国有建设用地使用权挂牌出让公告
通自然资挂告〔2026〕3号
经通辽市人民政府批准（通政土字〔2025〕88号），通辽市自然资源局决定以挂牌方式出让1宗国有建设用地使用权。现将有关事项公告如下：
一、挂牌出让地块的基本情况和规划指标要求
宗地编号：TL2026-003，宗地位置：通辽市科尔沁区霍林河大街以北、新工二路以东，出让面积：25000平方米，用途：商服用地。
二、挂牌时间：2026年3月5日9时至2026年3月16日10时。
三、竞买人可于2026年2月24日至2026年3月13日到通辽市公共资源交易中心获取挂牌出让文件。
联系电话：0475-8888123
通辽市自然资源局
2026年2月3日
"""

AWARD = """
通辽市科尔沁区2026年老旧小区改造项目（一期）
中标结果公示
项目编号：KEQ-ZB-2026-015
中标单位：内蒙古恒基建设工程有限公司
中标金额：人民币3865.42万元
公示期：2026年2月3日至2026年2月5日，共3个工作日。
对公示结果有异议的，请于公示期内以书面形式向招标人提出。
联系电话：0475-8222333
通辽市科尔沁区住房和城乡建设局
内蒙古诚信项目管理有限公司
2026年2月3日
"""

EXPROPRIATION = """
通辽市科尔沁区人民政府房屋征收决定公告
科政征决字〔2026〕1号
为了公共利益的需要，根据《国有土地上房屋征收与补偿条例》第八条的规定，区人民政府决定对西拉木伦大街棚户区改造项目范围内的房屋实施征收。
一、征收范围：东至和平路，西至交通路，南至西拉木伦大街，北至明仁大街。
二、签约期限：被征收人应自本公告发布之日起三个月内与房屋征收部门签订补偿协议。
通辽市科尔沁区人民政府
2026年2月3日
"""

EIA_FIRST = """
通辽市扎鲁特旗50万千瓦风电项目环境影响评价第一次信息公示
根据《环境影响评价公众参与办法》（生态环境部令第4号）的要求，现将项目有关信息公示如下：
一、建设项目名称及概要
项目名称：扎鲁特旗50万千瓦风电项目
建设地点：通辽市扎鲁特旗格日朝鲁苏木
二、建设单位名称和联系方式
建设单位：内蒙古风行新能源有限公司
联系人：赵刚
联系电话：13704751111
电子邮箱：zhaogang@fengxing.com.cn
三、公众意见表的网络链接：https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/201810/t20181024_665329.html
四、公众可自本公示发布之日起十个工作日内通过信函、电子邮件等方式提出意见。
内蒙古风行新能源有限公司
2026年9月24日
"""

EIA_PRE_APPROVAL = """
内蒙古锦联铝材有限公司绿色低碳铝深加工项目环境影响报告书报批前公示
内蒙古锦联铝材有限公司绿色低碳铝深加工项目环境影响报告书已编制完成，拟报送生态环境主管部门审批。现公开报告书全本及公众参与说明。
报告书全本链接：https://pan.baidu.com/s/1aBcDeFgHiJkLmN 提取码：k9x2
公示期限：2026年2月3日至2026年2月13日，共10个工作日
联系人：孙工
联系电话：0475-2345678
内蒙古锦联铝材有限公司
2026年2月3日
"""

SERVICE_2026_STYLE = """
行政处罚决定书送达公告
通辽市鑫达建材有限公司、王建国：
我局依据《通辽市人民政府关于印发扬尘污染防治方案的通知》（通政发〔2025〕21号）对你单位进行了检查，并于2026年1月8日依法作出《行政处罚决定书》（通环罚〔2026〕5号）。因无法直接送达，2026年1月10日我局向你单位邮寄送达，被退回。现依法公告送达，自本公告发布之日起六十日内来我局领取，逾期视为送达。
联系电话：0475-8266110
通辽市生态环境局
2026年2月3日
"""

MALFORMED_DATE = """
注销公告
通辽市某某商贸有限公司经股东决定拟注销，请债权人自本公告发布之日起四十五日内申报债权。公示期：2026年2月3日至2月30日。
通辽市某某商贸有限公司
2026年2月30日
"""


def test_loss_statement_with_chinese_numeral_date():
    fields = _parse(LOSS)
    assert (fields.type_key, fields.notice_type) == ("loss", "遗失声明")
    assert fields.issuer == "通辽市科尔沁区鑫源商贸有限公司"
    assert fields.signed_on == date(2026, 2, 3)
    assert fields.period is None
    assert fields.deadline is None
    assert fields.addressees == ()


def test_deregistration_with_forty_five_day_claim_period():
    fields = _parse(DEREGISTRATION)
    assert fields.type_key == "deregistration"
    assert fields.issuer == "内蒙古草原阳光农牧业有限公司清算组"
    assert fields.period.text == "自本公告发布之日起四十五日内"
    assert (fields.period.days, fields.period.kind) == (45, "calendar")
    assert fields.deadline.window_end == date(2026, 3, 19)
    assert fields.contacts.phones == ("0475-8212345",)
    assert fields.contacts.people == ("王敏",)
    assert fields.printed_window is None


def test_capital_reduction_prefers_the_period_from_publication():
    fields = _parse(CAPITAL_REDUCTION)
    assert fields.type_key == "capital_reduction"
    assert fields.period.text == "自本公告发布之日起四十五日内"
    assert fields.period.start == "publication"
    assert fields.cited_law == "《中华人民共和国公司法》第二百二十四条"
    assert fields.contacts.phones == ("13904751234",)
    assert fields.contacts.people == ("李娜",)
    assert fields.addressees == ()


def test_auction_keeps_its_own_number_and_drops_the_cited_court_number():
    fields = _parse(AUCTION, issue=date(2026, 2, 12))
    assert fields.type_key == "auction"
    assert fields.document_numbers == ("华泰拍字〔2026〕第3号",)
    assert fields.window_printed == "展示时间：2026年3月2日至3月6日"
    assert fields.printed_window == (date(2026, 3, 2), date(2026, 3, 6))
    assert fields.deadline.working_days == 5
    assert fields.location == "通辽市科尔沁区建国路88号"
    assert fields.contacts.phones == ("0475-6351888", "13848751234")
    assert fields.issuer == "通辽市华泰拍卖有限责任公司"
    assert fields.signed_on == date(2026, 2, 10)


def test_hearing_notice_with_fifteen_days():
    fields = _parse(HEARING)
    assert fields.type_key == "hearing"
    assert fields.document_numbers == ("科左中自然听告〔2026〕2号",)
    assert fields.cited_law == "《中华人民共和国行政许可法》第四十六条"
    assert (fields.period.days, fields.period.kind) == (15, "calendar")
    # Day 15 is 02-17, in the Spring Festival holiday: the period runs to 02-24.
    assert fields.deadline.window_end == date(2026, 2, 24)
    assert fields.issuer == "科尔沁左翼中旗自然资源局"


def test_land_listing_window_and_numbers():
    fields = _parse(LAND)
    assert (fields.type_key, fields.notice_type) == ("land_listing", "土地挂牌出让公告")
    # The approval it cites (通政土字〔2025〕88号) is not the notice's own number.
    assert fields.document_numbers == ("通自然资挂告〔2026〕3号",)
    assert fields.window_printed == "挂牌时间：2026年3月5日9时至2026年3月16日10时"
    assert fields.printed_window == (date(2026, 3, 5), date(2026, 3, 16))
    assert fields.deadline.working_days == 8
    assert fields.location == "通辽市科尔沁区霍林河大街以北、新工二路以东"


def test_award_with_wrapped_title_and_co_signers():
    fields = _parse(AWARD)
    assert (fields.type_key, fields.notice_type) == ("award", "中标公告")
    assert (
        notice_title(_lines(AWARD))
        == "通辽市科尔沁区2026年老旧小区改造项目（一期）中标结果公示"
    )
    assert fields.project == "通辽市科尔沁区2026年老旧小区改造项目"
    assert fields.issuer == "通辽市科尔沁区住房和城乡建设局、内蒙古诚信项目管理有限公司"
    assert fields.printed_window == (date(2026, 2, 3), date(2026, 2, 5))
    assert fields.deadline.working_days == 3
    assert fields.deadline.flags == ()


def test_expropriation_with_three_month_period():
    fields = _parse(EXPROPRIATION)
    assert (fields.type_key, fields.notice_type) == ("expropriation", "征收补偿公告")
    assert fields.document_numbers == ("科政征决字〔2026〕1号",)
    assert fields.cited_law == "《国有土地上房屋征收与补偿条例》第八条"
    assert fields.period.text == "自本公告发布之日起三个月内"
    assert (fields.period.days, fields.period.kind) == (3, "month")
    assert fields.deadline.window_end == date(2026, 5, 6)  # 05-02 is a holiday


def test_first_eia_publication_across_national_day():
    fields = _parse(EIA_FIRST, issue=date(2026, 9, 24))
    assert (fields.type_key, fields.round) == ("eia", 1)
    assert fields.notice_type == "环境影响评价公众参与公示"
    assert fields.project == "扎鲁特旗50万千瓦风电项目"
    assert fields.location == "通辽市扎鲁特旗格日朝鲁苏木"
    assert fields.period.text == "自本公示发布之日起十个工作日内"
    assert fields.deadline.window_end == date(2026, 10, 14)
    assert fields.contacts.phones == ("13704751111",)
    assert fields.contacts.emails == ("zhaogang@fengxing.com.cn",)
    assert fields.contacts.people == ("赵刚",)
    assert fields.links == (
        "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/201810/t20181024_665329.html",
    )
    assert fields.cited_law == "《环境影响评价公众参与办法》"


def test_pre_approval_eia_with_a_wrong_printed_count_is_flagged():
    fields = _parse(EIA_PRE_APPROVAL)
    assert fields.type_key == "eia_pre_approval"
    assert fields.round is None
    assert fields.links == ("https://pan.baidu.com/s/1aBcDeFgHiJkLmN",)
    assert (
        fields.window_printed == "公示期限：2026年2月3日至2026年2月13日，共10个工作日"
    )
    assert fields.deadline.working_days == 9
    assert len(fields.deadline.flags) == 1
    assert "实为9个工作日，与文中所载10个工作日不符" in fields.deadline.flags[0]


def test_service_notice_with_bracketed_numbers_and_two_addressees():
    fields = _parse(SERVICE_2026_STYLE)
    assert fields.type_key == "service"
    assert fields.addressees == ("通辽市鑫达建材有限公司", "王建国")
    assert fields.document_numbers == ("通环罚〔2026〕5号",)
    assert fields.document_title == "行政处罚决定书"
    assert fields.mailed_on == date(2026, 1, 10)
    # Publication + 60 days is 04-04, in the Qingming holiday (04-04..04-06).
    assert fields.deadline.deemed_on == date(2026, 4, 7)
    assert fields.issuer == "通辽市生态环境局"


def test_malformed_dates_become_none_without_raising():
    fields = _parse(MALFORMED_DATE)
    assert fields.type_key == "deregistration"
    assert fields.signed_on is None
    assert fields.printed_window is None
    assert fields.window_printed == ""
    assert fields.deadline.window_end == date(2026, 3, 19)


def test_without_an_issue_date_the_deadline_says_so():
    fields = _parse(HEARING, issue=None)
    assert fields.period.days == 15
    assert fields.deadline.window_end is None
    assert "缺少见报日期" in fields.deadline.note


@pytest.mark.parametrize(
    ("title", "key", "round_"),
    [
        ("行政执法文书送达公告", "service", None),
        ("限期拆除决定书公告送达", "service", None),
        ("遗失声明", "loss", None),
        ("通辽市某某有限公司注销清算公告", "deregistration", None),
        ("减资公告", "capital_reduction", None),
        ("吸收合并公告", "merger_division", None),
        ("存续分立公告", "merger_division", None),
        ("债权转让暨债务催收联合公告", "debt_transfer", None),
        ("拍卖公告", "auction", None),
        ("国有建设用地使用权拍卖出让公告", "land_listing", None),
        ("医疗设备采购项目招标公告", "tender", None),
        ("医疗设备采购项目中标结果公告", "award", None),
        ("听证公告", "hearing", None),
        ("关于集体土地征收补偿安置方案的公告", "expropriation", None),
        ("某某项目环境影响评价第一次公示", "eia", 1),
        ("某某项目环境影响报告书征求意见稿公示", "eia", 2),
        ("某某项目环境影响评价第二次信息公示", "eia", 2),
        ("某某园区总体规划环境影响报告书征求意见稿公众参与公示", "eia", None),
        ("某某项目环境影响报告书报批前公示", "eia_pre_approval", None),
        ("某某项目环境影响评价文件受理情况公示", "eia_acceptance", None),
        ("某某项目环境影响报告书拟审批公示", "eia_pending", None),
        ("关于某某项目环境影响报告书审批决定的公告", "eia_decision", None),
        ("某某项目竣工环境保护验收公示", "eia_completion", None),
        ("寻人启事", "other", None),
    ],
)
def test_titles_map_onto_the_vocabulary(title, key, round_):
    entry, found_round = classify_notice(title)
    assert (entry.key, found_round) == (key, round_)


def test_generic_title_is_typed_by_its_body():
    entry, _ = classify_notice("公  告", "本公司拟减少注册资本，请债权人申报债权。")
    assert entry.key == "capital_reduction"


def test_vocabulary_keys_are_unique_and_short():
    keys = [entry.key for entry in NOTICE_TYPES]
    assert len(keys) == len(set(keys))
    assert keys[-1] == "other"
    assert all(len(entry.key) <= 20 and entry.label for entry in NOTICE_TYPES)


# --- dates and numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年2月3日", date(2026, 2, 3)),
        ("2026年02月03日", date(2026, 2, 3)),
        ("二〇二六年二月三日", date(2026, 2, 3)),
        ("二零二六年十二月三十一日", date(2026, 12, 31)),
        ("2026.2.3", date(2026, 2, 3)),
        ("2026-02-03", date(2026, 2, 3)),
        ("２０２６年２月３日", date(2026, 2, 3)),
        ("落款：2026 年 2 月 3 日", date(2026, 2, 3)),
        ("2026年2月30日", None),
        ("2026年13月1日", None),
        ("二〇二六年二月三十日", None),
        ("无日期", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("四十五", 45),
        ("一百八十", 180),
        ("两", 2),
        ("30", 30),
        ("二〇二六", 2026),
        ("", None),
        ("十x", None),
    ],
)
def test_parse_cn_number(text, expected):
    assert parse_cn_number(text) == expected


# --- titles and splitting -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "行政执法文书送达公告",
        "注销公告",
        "如意商贸有限公司遗失声明",
        "经纬测绘有限公司减资公告",
        "公  告",
        "内蒙古和镁新能源有限责任公司库伦旗30万千瓦源网荷储一体化项目环境影响报告书征求意见稿形成后征求意见的公开信息",
        "关于西拉木伦大街棚户区改造项目房屋征收的通知",
    ],
)
def test_notice_titles_are_recognised(line):
    assert is_notice_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "深化普惠金融赋能 激发小微企业发展动能",
        "普惠金融支持小微企业的战略意义",
        "特此公告",
        "现予以公告",
        "■ 公告",
        "根据有关规定，第二次公告如下：",
        "高士发：",
        "通辽市自然资源局",
        "2026年2月3日",
        "一、环境影响报告书征求意见稿全文的网络链接及查阅纸质报告书的方法",
        "公" * 200 + "公告",
    ],
)
def test_other_lines_are_not_notice_titles(line):
    assert not is_notice_title(line)


def test_split_notices_drops_marker_furniture_and_empty_lines():
    lines = [
        "学习研究",
        "■广告",
        "",
        "遗失声明",
        "某某公司遗失公章一枚，声明作废。",
        "某某公司",
        "2026年2月3日",
        "广告热线：0475-8888888",
        "",
        "减资公告",
        "本公司拟减少注册资本，请债权人自本公告发布之日起四十五日内申报债权。",
        "某某有限公司",
        "2026年2月3日",
        "本版责编 张三",
        "联系电话：0475-6666666",
    ]
    assert split_notices(lines) == [
        (
            3,
            [
                "遗失声明",
                "某某公司遗失公章一枚，声明作废。",
                "某某公司",
                "2026年2月3日",
            ],
        ),
        (
            9,
            [
                "减资公告",
                "本公司拟减少注册资本，请债权人自本公告发布之日起四十五日内申报债权。",
                "某某有限公司",
                "2026年2月3日",
            ],
        ),
    ]


def test_split_notices_without_marker_and_without_date_lines():
    lines = [
        "遗失声明",
        "张三遗失身份证一张，声明作废。",
        "遗失声明",
        "李四遗失驾驶证一本，声明作废。",
    ]
    assert [first for first, _ in split_notices(lines)] == [0, 2]


def test_split_notices_keeps_a_wrapped_title_together():
    lines = [
        "甲公司",
        "2026年2月3日",
        "内蒙古通顺铝业有限公司年产20万吨高端铝合金项目环境影响",
        "评价第二次信息公示",
        "一、征求意见稿全文链接",
        "乙公司",
        "2026年2月3日",
    ]
    chunks = split_notices(lines)
    assert [first for first, _ in chunks] == [0, 2]
    assert notice_title(chunks[1][1]).endswith("环境影响评价第二次信息公示")


def test_a_body_line_above_the_signer_is_not_taken_as_an_issuer():
    fields = _parse(
        """
遗失声明
公众意见表链接
某某有限公司
2026年2月3日
"""
    )
    assert fields.issuer == "某某有限公司"


# --- hostile input ----------------------------------------------------------------


def test_empty_input_never_raises():
    assert split_notices([]) == []
    assert split_notices(["", "  ", "■广告"]) == []
    fields = parse_notice([], issue_date=ISSUE, calendar=CALENDAR)
    assert (fields.type_key, fields.notice_type) == ("other", "其他公告")
    blank = parse_notice(["", " "], issue_date=None, calendar=CALENDAR)
    assert (blank.type_key, blank.deadline) == ("other", None)
    assert notice_title([]) == ""


@pytest.mark.parametrize(
    "line",
    [
        "字" * 10_000,
        "自公告之日起" * 1_700,
        "2026年1月1日至" * 900,
        "《" * 5_000 + "》" * 5_000,
        "〔2026〕" * 1_500,
        "联系人：" * 2_500,
        "http://" + "a" * 9_990,
        "1" * 10_000,
        "在" + "号" * 9_998 + "未经",
    ],
)
def test_long_hostile_lines_are_parsed_quickly(line):
    started = time.perf_counter()
    parse_notice(["公告", line, line], issue_date=ISSUE, calendar=CALENDAR)
    split_notices([line, "公告", line])
    is_notice_title(line)
    assert time.perf_counter() - started < 5


def test_random_unicode_never_raises():
    rng = random.Random(20260203)
    for _ in range(200):
        lines = [
            "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(rng.randrange(60)))
            for _ in range(rng.randrange(1, 8))
        ]
        for first, chunk in split_notices(lines):
            assert 0 <= first < len(lines)
            parse_notice(chunk, issue_date=ISSUE, calendar=CALENDAR)
        parse_notice(lines, issue_date=None, calendar=CALENDAR)


def test_addressee_with_an_id_number_and_a_generic_addressee():
    named = _parse(
        """
限期拆除决定书公告送达
王建国（公民身份号码：152301198001011234）：
你在科尔沁区和平路12号院内未经规划许可擅自建设彩钢房，现予以公告送达。
通辽市科尔沁区综合行政执法局
2026年2月3日
"""
    )
    assert named.addressees == ("王建国",)
    assert named.location == "科尔沁区和平路12号院"
    generic = _parse(
        """
减资公告
各债权人：
本公司拟减少注册资本，请自本公告发布之日起四十五日内申报债权。
某某有限公司
2026年2月3日
"""
    )
    assert generic.addressees == ()
    assert generic.issuer == "某某有限公司"


def test_window_written_with_qi_zhi_and_a_period_term():
    fields = _parse(
        """
某某项目环境影响评价第二次公示
公示期为十个工作日，自2026年2月3日起至2026年2月14日止。
某某有限公司
2026年2月3日
"""
    )
    assert fields.printed_window == (ISSUE, date(2026, 2, 14))
    assert fields.period.text == "公示期为十个工作日"
    assert fields.deadline.working_days == 10
    assert fields.deadline.flags == ()


def test_a_second_marker_does_not_become_a_notice():
    lines = ["■公告", "注销公告", "本公司拟注销。", "甲公司", "2026年2月3日", "■声明"]
    lines += ["遗失声明", "乙遗失公章，声明作废。", "乙公司", "2026年2月3日"]
    chunks = split_notices(lines)
    assert [(first, chunk[0]) for first, chunk in chunks] == [
        (1, "注销公告"),
        (6, "遗失声明"),
    ]


def test_service_period_written_as_jingguo_sanshi_ri():
    fields = _parse(
        """
行政执法文书送达公告
鄂尔多斯市恒通煤炭运销有限公司：
2026年4月2日我局向你单位邮寄送达了《行政处罚决定书》（鄂环罚字[2026]第23号），邮件被退回。现依法向你单位公告送达，自发出公告之日起，经过三十日，即视为送达。
鄂尔多斯市生态环境局
2026年4月27日
""",
        issue=date(2026, 4, 28),
    )
    assert fields.period.text == "自发出公告之日起，经过三十日"
    assert (fields.period.days, fields.period.kind) == (30, "calendar")
    assert fields.deadline.deemed_on == date(2026, 5, 28)
    assert fields.document_numbers == ("鄂环罚字[2026]第23号",)


def test_tender_document_window_counts_the_make_up_sunday():
    fields = _parse(
        """
土默特右旗污水处理厂提标改造工程招标公告
获取时间：2026年9月15日至2026年9月21日（法定节假日除外），每日上午9:00至11:30。
内蒙古诚信达工程项目管理有限公司
2026年9月14日
""",
        issue=date(2026, 9, 15),
    )
    assert fields.type_key == "tender"
    assert fields.printed_window == (date(2026, 9, 15), date(2026, 9, 21))
    assert fields.deadline.working_days == 6  # Sunday 2026-09-20 is worked
    assert fields.project == "土默特右旗污水处理厂提标改造工程"


def test_unsigned_loss_statement_names_the_declarant_and_certificate_number():
    fields = _parse(
        "遗失声明\n李春梅遗失不动产权证书一本，证号：蒙（2021）乌海市不动产权第0032157号，声明作废。"
    )
    assert fields.issuer == "李春梅"
    assert fields.document_numbers == ("蒙（2021）乌海市不动产权第0032157号",)


TRADITIONAL = """
■廣告
遺失聲明
呼倫貝爾市興旺農牧業有限公司遺失公章一枚，聲明作廢。
行政執法文書送達公告
趙金寶：
經調查核實，你在興華小區5號樓北側未經規劃審批擅自搭建彩鋼房的行為，違反了《中華人民共和國城鄉規劃法》第四十條第一款的規定，屬於違法建設。
2025年10月28日我局向你郵寄送達了《拆除違法建設催告書》（扎自然拆催字〔2025〕第41號），經投遞失敗被退回。現依法予以公告送達，自公告之日起30日內來我局領取上述執法文書，逾期則視為送達。
聯繫人：王秀蘭
扎蘭屯市自然資源局
2025年11月24日
廣告熱線：0470-8888888
"""


def test_traditional_notices_are_read_and_values_stay_as_printed():
    chunks = split_notices(_lines(TRADITIONAL))
    assert [first for first, _ in chunks] == [1, 3]
    loss = parse_notice(chunks[0][1], issue_date=None, calendar=CALENDAR)
    assert (loss.type_key, loss.issuer) == ("loss", "呼倫貝爾市興旺農牧業有限公司")
    assert is_notice_title("行政執法文書送達公告")
    fields = parse_notice(
        chunks[1][1], issue_date=date(2025, 11, 25), calendar=CALENDAR
    )
    assert notice_title(chunks[1][1]) == "行政執法文書送達公告"
    assert (fields.type_key, fields.notice_type) == ("service", "行政执法文书送达公告")
    assert fields.addressees == ("趙金寶",)
    assert fields.document_numbers == ("扎自然拆催字〔2025〕第41號",)
    assert fields.document_title == "拆除違法建設催告書"
    assert fields.cited_law == "《中華人民共和國城鄉規劃法》第四十條第一款"
    assert fields.location == "興華小區5號樓北側"
    assert fields.period.text == "自公告之日起30日內"
    assert fields.deadline.deemed_on == date(2025, 12, 25)
    assert fields.contacts.people == ("王秀蘭",)
    assert fields.issuer == "扎蘭屯市自然資源局"
