"""Programme tagging: weighed by where the signal terms occur."""

from __future__ import annotations

import pytest

from archive.ingest.programmes import tag_programmes
from archive.reference import PROGRAMMES

from .enrichment_samples import MISSING, SAMPLES, sample_items

SEEDED = {name: terms for _slug, name, terms in PROGRAMMES}
ITEMS = sample_items()
FILLER = "当地持续优化营商环境，推动产业转型升级，服务实体经济高质量发展。" * 20


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=MISSING)
@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_sample_items_get_the_expected_programmes(item):
    tagged = tag_programmes(
        title=item.title,
        section_heads=item.expected.get("section_heads", []),
        body=item.text,
        programmes=SEEDED,
    )

    assert list(tagged) == item.expected["programmes"]


def test_a_passing_mention_in_the_lead_does_not_tag():
    body = "近年来，我市发展普惠金融。" + FILLER

    assert (
        tag_programmes(title="", section_heads=[], body=body, programmes=SEEDED) == ()
    )


def test_a_headline_mention_tags():
    tagged = tag_programmes(
        title="绿色金融助力生态建设", section_heads=[], body=FILLER, programmes=SEEDED
    )

    assert tagged == ("绿色金融",)


def test_a_section_head_tags_when_the_body_follows_it_up():
    heads = ["养老金融的“托底”："]
    body_with = FILLER + "下达养老保险补助。"

    assert tag_programmes(
        title="", section_heads=heads, body=body_with, programmes=SEEDED
    ) == ("养老金融",)
    assert (
        tag_programmes(title="", section_heads=heads, body=FILLER, programmes=SEEDED)
        == ()
    )


def test_a_list_of_programmes_is_not_about_any_of_them():
    body = "做好科技金融、绿色金融、普惠金融、养老金融、数字金融五篇大文章。" * 3

    assert (
        tag_programmes(title="", section_heads=[], body=body, programmes=SEEDED) == ()
    )


def test_dense_use_in_a_short_body_tags():
    body = "全市绿色贷款余额增长，绿色信贷投向清洁能源，ESG挂钩贷款落地。"

    assert tag_programmes(title="", section_heads=[], body=body, programmes=SEEDED) == (
        "绿色金融",
    )


def test_names_follow_the_mappings_order_and_its_terms():
    body = "区块链结算平台上线，区块链存证覆盖全市。绿色贷款、绿色信贷双增长。"
    programmes = {"数字金融": ["区块链"], "绿色金融": ["绿色贷款", "绿色信贷"]}

    tagged = tag_programmes(
        title="", section_heads=[], body=body, programmes=programmes
    )
    reversed_order = dict(reversed(list(programmes.items())))
    tagged_reversed = tag_programmes(
        title="", section_heads=[], body=body, programmes=reversed_order
    )

    assert tagged == ("数字金融", "绿色金融")
    assert tagged_reversed == ("绿色金融", "数字金融")
    assert tag_programmes(title="", section_heads=[], body=body, programmes={}) == ()
