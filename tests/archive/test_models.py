"""The database itself rejects what would break natural keys and invariants."""

import pytest
from django.db import IntegrityError, transaction

from archive.models import Issue, Item, Page, Place
from tests.factories import ArticleFactory, IssueFactory, ItemFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_a_second_page_with_the_same_publication_date_and_number_is_rejected():
    page = PageFactory(number=3)
    with pytest.raises(IntegrityError, match="page_unique_issue_number"):
        Page.objects.create(
            issue=page.issue,
            number=3,
            raw=b"x",
            text="x",
            encoding="utf-8",
            sha256="0" * 64,
            source_filename="again.txt",
        )


def test_the_same_page_number_in_another_issue_is_fine():
    page = PageFactory(number=1)
    other_day = IssueFactory(publication=page.issue.publication)
    assert PageFactory(issue=other_day, number=1).pk != page.pk


def test_a_second_issue_of_a_publication_on_one_date_is_rejected():
    issue = IssueFactory()
    with pytest.raises(IntegrityError, match="issue_unique_publication_date"):
        Issue.objects.create(publication=issue.publication, date=issue.date)


def test_two_items_cannot_share_a_position_on_a_page():
    item = ItemFactory(position=1)
    with pytest.raises(IntegrityError, match="item_unique_page_position"):
        ItemFactory(page=item.page, position=1)


def test_an_item_needs_a_title():
    with pytest.raises(IntegrityError, match="item_title_not_empty"):
        ItemFactory(title="")


def test_a_page_number_starts_at_one():
    with pytest.raises(IntegrityError, match="page_number_positive"):
        PageFactory(number=0)


def test_only_provinces_may_lack_a_parent():
    with pytest.raises(IntegrityError, match="place_only_provinces_are_roots"):
        Place.objects.create(
            code="999999", name="孤立市", short_name="孤立", level="city"
        )


def test_raw_bytes_are_kept_verbatim():
    raw = "赤峰\r\n".encode("gb18030") + b"\x00\xff"
    page = PageFactory(raw=raw)
    page.refresh_from_db()
    assert bytes(page.raw) == raw


def test_deleting_a_page_removes_its_items_and_their_details():
    article = ArticleFactory()
    page = article.item.page
    with transaction.atomic():
        page.delete()
    assert not Item.objects.filter(pk=article.item.pk).exists()


def test_item_queryset_counts_by_kind_and_hides_drafts():
    ItemFactory.create_batch(2, kind=Item.Kind.ARTICLE)
    ItemFactory(kind=Item.Kind.NOTICE)
    ItemFactory(kind=Item.Kind.NOTICE, status=Item.Status.DRAFT)
    assert Item.objects.published().counts_by_kind() == {"article": 2, "notice": 1}
    assert Item.objects.counts_by_kind() == {"article": 2, "notice": 2}
