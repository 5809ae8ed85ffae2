"""Place resolution: the samples' expected places, and the traps around them."""

from __future__ import annotations

import pytest

from archive.ingest.placematch import PlaceIndex
from archive.places import PlaceRecord

from .enrichment_samples import INNER_MONGOLIA, MISSING, SAMPLES, sample_items

LIAONING = "210000000000"
BEIJING = "110000000000"
YUNNAN = "530000000000"
GANSU = "620000000000"
CHIFENG = "150400000000"

ITEMS = sample_items()


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex.default()


def paths(index: PlaceIndex, text: str, home: str | None = None) -> list[str]:
    return [
        "›".join(n for n in (p.province, p.city, p.county, p.town) if n)
        for p in index.resolve_places(text, home_region=home)
    ]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=MISSING)
@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_sample_items_resolve_to_the_expected_places(index, item):
    places = index.resolve_places(
        item.text, home_region=INNER_MONGOLIA, title=item.title
    )

    expected = [{"town": None, **place} for place in item.expected["places"]]
    assert [place.as_json() for place in places] == expected


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=MISSING)
def test_sample_articles_do_not_name_each_others_city(index):
    chifeng, tongliao = ITEMS[0], ITEMS[1]

    assert all(p.city != "通辽市" for p in index.resolve_places(chifeng.text))
    assert all(p.city != "赤峰市" for p in index.resolve_places(tongliao.text))


def test_default_index_is_built_once_and_holds_the_division_list():
    index = PlaceIndex.default()

    assert index is PlaceIndex.default()
    assert len(index) > 40_000
    assert index.ref(CHIFENG).as_json() == {
        "province": "内蒙古自治区",
        "city": "赤峰市",
        "county": None,
        "town": None,
    }


def test_a_persons_name_is_not_a_place(index):
    text = "54岁的张瑞丽正在猪圈里忙活，张瑞丽蹲在墙根算账。"

    for home in (None, INNER_MONGOLIA, YUNNAN):
        assert paths(index, text, home) == []


def test_the_full_name_of_a_city_is_found_even_beside_a_namesake(index):
    assert paths(index, "云南瑞丽市的张瑞丽。") == [
        "云南省›德宏傣族景颇族自治州›瑞丽市"
    ]


def test_an_idiom_is_not_a_place(index):
    text = "我们把绿色变成了真金白银的奖惩，黄金与白银价格齐涨。"

    assert paths(index, text) == []
    assert paths(index, text, GANSU) == []


def test_baiyin_is_found_by_full_name_or_with_place_context(index):
    assert paths(index, "甘肃白银市的企业。") == ["甘肃省›白银市"]
    assert paths(index, "企业落户在白银，收益可观。") == ["甘肃省›白银市"]


def test_jilin_province_and_jilin_city_are_told_apart(index):
    assert paths(index, "吉林省的粮食产量") == ["吉林省"]
    assert paths(index, "吉林市的粮食产量") == ["吉林省›吉林市"]
    assert paths(index, "吉林省吉林市的粮食产量") == ["吉林省›吉林市"]
    assert paths(index, "代表团赴吉林考察。") == ["吉林省"]


def test_a_town_needs_its_county_or_city_in_the_item(index):
    assert paths(index, "乌丹镇的那场小雪", INNER_MONGOLIA) == []
    assert paths(index, "从乌丹镇出发，离开翁牛特旗。") == [
        "内蒙古自治区›赤峰市›翁牛特旗",
        "内蒙古自治区›赤峰市›翁牛特旗›乌丹镇",
    ]
    assert paths(index, "赤峰市乌丹镇的那场小雪") == [
        "内蒙古自治区›赤峰市›翁牛特旗›乌丹镇"
    ]


def test_a_town_does_not_anchor_itself_through_its_county_short_name(index):
    assert paths(index, "库伦镇的集市", INNER_MONGOLIA) == []
    assert paths(index, "库伦旗库伦镇的集市", INNER_MONGOLIA) == [
        "内蒙古自治区›通辽市›库伦旗›库伦镇"
    ]


def test_an_ambiguous_short_name_is_resolved_by_the_home_region_or_left_out(index):
    text = "在朝阳，企业很多。"

    assert paths(index, text) == []
    assert paths(index, text, INNER_MONGOLIA) == []
    assert paths(index, text, LIAONING) == ["辽宁省›朝阳市"]
    assert paths(index, text, BEIJING) == ["北京市›北京市›朝阳区"]


def test_an_ambiguous_full_name_is_resolved_by_its_city(index):
    assert paths(index, "朝阳区的企业很多。") == []
    assert paths(index, "北京市朝阳区的企业") == ["北京市›北京市›朝阳区"]
    assert paths(index, "长春市朝阳区的企业") == ["吉林省›长春市›朝阳区"]


def test_district_short_names_that_are_common_words_need_their_city(index):
    assert paths(index, "青山绿水，新城建设，海南自贸港。", INNER_MONGOLIA) == []
    assert paths(index, "乌海市海南区的企业", INNER_MONGOLIA) == [
        "内蒙古自治区›乌海市›海南区"
    ]


def test_a_banner_short_name_counts_at_home(index):
    text = "绿碳合成能源(奈曼)有限公司"

    assert paths(index, text, INNER_MONGOLIA) == ["内蒙古自治区›通辽市›奈曼旗"]
    assert paths(index, text, CHIFENG) == ["内蒙古自治区›通辽市›奈曼旗"]
    assert paths(index, text) == []
    assert paths(index, "科左中旗的肉牛", INNER_MONGOLIA) == [
        "内蒙古自治区›通辽市›科尔沁左翼中旗"
    ]


def test_a_qualifying_name_is_not_kept_but_a_standalone_one_is(index):
    chain = "内蒙古自治区通辽市霍林郭勒市沙尔呼热街道铝工业园区"
    assert paths(index, chain) == ["内蒙古自治区›通辽市›霍林郭勒市"]

    both = "赤峰市财政局记者来到翁牛特旗乌丹镇，成为内蒙古首家。"
    assert paths(index, both, INNER_MONGOLIA) == [
        "内蒙古自治区›赤峰市",
        "内蒙古自治区›赤峰市›翁牛特旗›乌丹镇",
    ]


def test_a_province_alone_is_kept(index):
    assert paths(index, "内蒙古自治区财政厅发布通知。") == ["内蒙古自治区"]


def test_the_title_counts_as_part_of_the_item(index):
    places = index.resolve_places(
        "第二次公示如下。", home_region=INNER_MONGOLIA, title="奈曼生物质项目"
    )

    assert [p.county for p in places] == ["奈曼旗"]


def test_traditional_text_is_matched_once_converted_to_simplified(index):
    opencc = pytest.importorskip("opencc")
    traditional = "內蒙古自治區赤峯市翁牛特旗烏丹鎮的那場小雪，張瑞麗在養豬。"

    simplified = opencc.OpenCC("t2s").convert(traditional)

    assert paths(index, simplified) == ["内蒙古自治区›赤峰市›翁牛特旗›乌丹镇"]


def test_an_index_can_be_built_from_any_division_records():
    records = [
        PlaceRecord("150000000000", None, "province", "内蒙古自治区", "内蒙古", 2),
        PlaceRecord("150400000000", "150000000000", "city", "赤峰市", "赤峰", 3),
        PlaceRecord(
            "150426000000", "150400000000", "county", "翁牛特旗", "翁牛特旗", 4
        ),
        PlaceRecord("150426100000", "150426000000", "town", "乌丹镇", "乌丹", 5),
    ]
    index = PlaceIndex.from_records(records)

    places = index.resolve_places("翁牛特乌丹镇", home_region="150000000000")

    assert [p.code for p in places] == ["150426100000"]
    assert index.resolve_places("翁牛特乌丹镇") == ()


def test_short_names_that_are_everyday_words_need_place_context(index):
    assert paths(index, "阿里、腾讯等平台，日照时间长。") == []
    assert paths(index, "西藏阿里地区") == ["西藏自治区›阿里地区"]
    assert paths(index, "项目落在日照，") == ["山东省›日照市"]


def test_a_flag_is_not_a_banner(index):
    assert paths(index, "开设标准旗舰店，集团旗下。", INNER_MONGOLIA) == []
    assert paths(index, "准旗煤炭产业", INNER_MONGOLIA) == [
        "内蒙古自治区›鄂尔多斯市›准格尔旗"
    ]
