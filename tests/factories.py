"""factory_boy factories for the archive's models."""

import datetime
import hashlib

import factory

from archive.models import Article, Figure, Issue, Item, Page, Programme, Publication
from notices.models import Notice


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"测试日报{n}")
    slug = factory.Sequence(lambda n: f"test-daily-{n}")


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    publication = factory.SubFactory(PublicationFactory)
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(n))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    issue = factory.SubFactory(IssueFactory)
    number = factory.Sequence(lambda n: n + 1)
    section = "金融"
    text = factory.Sequence(lambda n: f"第{n}版的原文。")
    raw = factory.LazyAttribute(lambda page: page.text.encode("utf-8"))
    encoding = "utf-8"
    sha256 = factory.LazyAttribute(lambda page: hashlib.sha256(page.raw).hexdigest())
    source_filename = factory.Sequence(lambda n: f"page_{n:03d}.txt")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    kind = Item.Kind.ARTICLE
    page = factory.SubFactory(PageFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"普惠金融报道第{n}篇")
    text = "截至2025年6月末，全市普惠小微贷款余额已达289.42亿元。"
    date = factory.LazyAttribute(lambda item: item.page.issue.date)
    status = Item.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        item.refresh_search_fields()  # as the importer does
        item.save()
        return item


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    item = factory.SubFactory(ItemFactory, kind=Item.Kind.ARTICLE)
    column = "走一线 改文风"
    kicker = "春启“新”账本："
    byline = "本报记者 贺向军 杨春章"
    authors = factory.LazyFunction(lambda: ["贺向军", "杨春章"])


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    item = factory.SubFactory(
        ItemFactory, kind=Item.Kind.NOTICE, title="行政执法文书送达公告"
    )
    notice_type = "service"
    notice_type_label = "行政执法文书送达公告"
    issuer = "通辽市自然资源局"
    addressees = factory.LazyFunction(lambda: ["高士发"])
    document_numbers = factory.LazyFunction(lambda: ["通自然拆催字[2026]第9号"])
    signed_on = datetime.date(2026, 2, 3)


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    item = factory.SubFactory(ItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "普惠小微贷款余额已达289.42亿元"
    value = 28942000000
    unit = "元"
    as_of = "2025年6月末"
    context = "截至2025年6月末，全市普惠小微贷款余额已达289.42亿元。"


def programme(slug: str) -> Programme:
    return Programme.objects.get(slug=slug)
