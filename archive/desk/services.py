"""The desk's writes: corrections with their history, publishing, dates, issuers.

Every change is stored as a correction (so it survives reparse and re-import)
and logged as a CorrectionEvent (who, when, what it replaced) that can be undone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from archive.filters import bump_content_version
from archive.ingest.loaders import (
    ARTICLE_FIELDS,
    NOTICE_FIELDS,
    build_context,
    write_items,
)
from archive.ingest.parsers import parse_page
from archive.models import (
    Issue,
    Item,
    ItemCorrection,
    Page,
    Place,
    Programme,
    StructureCorrection,
)
from archive.services import item_correct
from notices.models import IssuerName, Notice

from .models import CorrectionEvent

# Positions are unique per page: a shift goes out of the way first.
_OUT_OF_THE_WAY = 20000


def current_value(item: Item, field: str) -> Any:
    """The value a field shows now, as JSON (what a correction would store)."""
    if field == "places":
        return sorted(item.places.values_list("code", flat=True))
    if field == "programmes":
        return sorted(item.programmes.values_list("slug", flat=True))
    if field in ("title", "text"):
        return getattr(item, field)
    details = item.details
    if details is None:
        return None
    value = getattr(details, field, None)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _standing(item: Item, field: str) -> dict[str, Any]:
    correction = ItemCorrection.objects.filter(
        page=item.page, position=item.position, field=field
    ).first()
    return {"had": correction is not None, "value": correction and correction.value}


def _log(item: Item | None, **fields: Any) -> CorrectionEvent:
    if item is not None:
        fields |= {
            "page_id": item.page_id,
            "position": item.position,
            "title": item.title[:500],
        }
    return CorrectionEvent.objects.create(**fields)


@transaction.atomic
def item_fields_correct(
    *, item: Item, changes: dict[str, Any], username: str
) -> list[CorrectionEvent]:
    """Store each changed field as a correction, apply it, and log it."""
    events = []
    for field, value in changes.items():
        if field in NOTICE_FIELDS and item.kind != Item.Kind.NOTICE:
            continue
        if field in ARTICLE_FIELDS and item.kind != Item.Kind.ARTICLE:
            continue
        if field in ("places", "programmes", "notice_type"):
            _check_reference(field, value)
        if current_value(item, field) == value:
            continue
        before = _standing(item, field)
        item_correct(item=item, field=field, value=value, username=username)
        events.append(
            _log(
                item,
                action=CorrectionEvent.Action.FIELD,
                field=field,
                before=before,
                after=value,
                username=username,
            )
        )
    return events


def _check_reference(field: str, value: Any) -> None:
    if field == "places":
        known = set(Place.objects.filter(code__in=value).values_list("code", flat=True))
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError({"places": f"没有这些地区代码：{'、'.join(unknown)}"})
    if field == "programmes":
        known = set(Programme.objects.values_list("slug", flat=True))
        if set(value) - known:
            raise ValidationError({"programmes": "没有这个项目"})


def _shift(page: Page, after: int, delta: int) -> None:
    """Move items, corrections and history after `after` by `delta` positions."""
    for model, page_field in (
        (Item, "page"),
        (ItemCorrection, "page"),
        (CorrectionEvent, "page_id"),
    ):
        page_value = page if page_field == "page" else page.pk
        rows = model.objects.filter(**{page_field: page_value, "position__gt": after})
        pks = list(rows.values_list("pk", flat=True))
        model.objects.filter(pk__in=pks).update(
            position=F("position") + _OUT_OF_THE_WAY
        )
        model.objects.filter(pk__in=pks).update(
            position=F("position") - _OUT_OF_THE_WAY + delta
        )


def rederive_page(page: Page, *, force: tuple[int, ...] = ()) -> int:
    """Re-parse a stored page (inside the caller's transaction) and rewrite items.

    `force` positions are rewritten even when the parser's output is unchanged:
    a correction that no longer stands must give way to the parser's value.
    """
    page = Page.objects.select_related("issue__publication").get(pk=page.pk)
    if force:
        page.items.filter(position__in=force).update(parsed_digest="")
    issue = page.issue
    record = parse_page(
        bytes(page.raw),
        filename=page.source_filename,
        issue_date=issue.date,
        context=build_context(publication=issue.publication),
    )
    changed = write_items(page, record.items, issue.date, publish=False)
    transaction.on_commit(bump_content_version)
    return changed


def splittable_lines(item: Item) -> list[str]:
    """The item's lines as the parser read them; a split cuts between two."""
    return item.text.split("\n")


@transaction.atomic
def item_split(*, item: Item, at: int, username: str) -> Item:
    """Cut an item in two before its line `at`; the second part becomes a new item."""
    if ItemCorrection.objects.filter(
        page=item.page, position=item.position, field="text"
    ).exists():
        raise ValidationError("正文已被更正，请先撤销正文更正再拆分。")
    lines = splittable_lines(item)
    if not 0 < at < len(lines):
        raise ValidationError("拆分位置应在第一行之后、最后一行之前。")
    StructureCorrection.objects.create(
        page=item.page,
        op=StructureCorrection.Op.SPLIT,
        line=item.source_line,
        value={"at": at},
        username=username,
    )
    _shift(item.page, item.position, +1)
    rederive_page(item.page, force=(item.position,))
    second = Item.objects.get(page=item.page, position=item.position + 1)
    Item.objects.filter(pk=second.pk).update(
        status=item.status, published_at=item.published_at
    )
    _log(
        item,
        action=CorrectionEvent.Action.SPLIT,
        before={"line": item.source_line},
        after={"at": at, "line": second.source_line},
        username=username,
    )
    return second


@transaction.atomic
def items_merge(*, item: Item, username: str) -> Item:
    """Join the next item on the page into this one."""
    following = Item.objects.filter(page=item.page, position=item.position + 1).first()
    if following is None:
        raise ValidationError("这是本版最后一条，没有可合并的下一条。")
    if ItemCorrection.objects.filter(
        page=item.page, position=item.position, field="text"
    ).exists():
        raise ValidationError("正文已被更正，请先撤销正文更正再合并。")
    StructureCorrection.objects.create(
        page=item.page,
        op=StructureCorrection.Op.MERGE,
        line=following.source_line,
        username=username,
    )
    ItemCorrection.objects.filter(page=item.page, position=following.position).delete()
    title = following.title
    status = following.status
    following.delete()
    _shift(item.page, following.position, -1)
    rederive_page(item.page, force=(item.position,))
    item.refresh_from_db()
    _log(
        item,
        action=CorrectionEvent.Action.MERGE,
        before={"line": following.source_line, "title": title, "status": status},
        after={},
        username=username,
    )
    return item


@transaction.atomic
def item_change_kind(*, item: Item, kind: str, username: str) -> Item:
    """Read an item again as an article or a notice."""
    if kind not in Item.Kind.values or kind == item.kind:
        raise ValidationError("类型未改变。")
    previous = StructureCorrection.objects.filter(
        page=item.page, op=StructureCorrection.Op.KIND, line=item.source_line
    ).first()
    StructureCorrection.objects.update_or_create(
        page=item.page,
        op=StructureCorrection.Op.KIND,
        line=item.source_line,
        defaults={"value": {"kind": kind}, "username": username},
    )
    before = {"kind": item.kind, "had": previous is not None}
    rederive_page(item.page, force=(item.position,))
    item.refresh_from_db()
    _log(
        item,
        action=CorrectionEvent.Action.KIND,
        field="kind",
        before=before,
        after={"kind": kind},
        username=username,
    )
    return item


@transaction.atomic
def items_set_status(
    *, items: list[Item], status: str, username: str, issue: Issue | None = None
) -> int:
    """Publish or unpublish items; an issue with a proposed date stays draft."""
    if status == Item.Status.PUBLISHED:
        proposed = [i for i in items if i.page.issue.date_status == "proposed"]
        if proposed:
            raise ValidationError("出版日期尚未确认：请先在复核队列确认日期再发布。")
    changed = [i for i in items if i.status != status]
    rows = Item.objects.filter(pk__in=[i.pk for i in changed])
    if status == Item.Status.PUBLISHED:
        rows.publish()  # keeps the first publication time, for alerts
    else:
        rows.update(status=status)
    for item in changed:
        _log(
            item,
            action=CorrectionEvent.Action.STATUS,
            field="status",
            before={"status": item.status},
            after={"status": status},
            issue_id=issue.pk if issue else None,
            username=username,
        )
    transaction.on_commit(bump_content_version)
    return len(changed)


@transaction.atomic
def issue_confirm_date(*, issue: Issue, day: date, username: str) -> Issue:
    """Confirm an issue's date (moving its pages when the editor gives another)."""
    before = {"date": issue.date.isoformat(), "status": issue.date_status}
    target = issue
    if day != issue.date:
        existing = Issue.objects.filter(publication=issue.publication, date=day).first()
        if existing is not None:
            clash = set(existing.pages.values_list("number", flat=True)) & set(
                issue.pages.values_list("number", flat=True)
            )
            if clash:
                numbers = "、".join(str(n) for n in sorted(clash))
                raise ValidationError(f"{day:%Y-%m-%d} 这一期已有第 {numbers} 版。")
            issue.pages.update(issue=existing)
            issue.delete()
            target = existing
        else:
            issue.date = day
    target.date_status = Issue.DateStatus.CONFIRMED
    target.full_clean()
    target.save()
    for page in target.pages.all():
        # Deadlines count from the issue date: re-derive with the confirmed one.
        Item.objects.filter(page=page).update(date=target.date)
        rederive_page(page, force=tuple(page.items.values_list("position", flat=True)))
    CorrectionEvent.objects.create(
        issue_id=target.pk,
        action=CorrectionEvent.Action.ISSUE_DATE,
        field="date",
        before=before,
        after={"date": target.date.isoformat()},
        title=str(target),
        username=username,
    )
    return target


@transaction.atomic
def issuer_name_review(*, name: str, canonical: str, username: str) -> IssuerName:
    """Record a printed issuer name as canonical, or map it (and its notices) to one."""
    canonical = canonical.strip()
    if canonical == name:
        canonical = ""
    entry, _ = IssuerName.objects.update_or_create(
        name=name, defaults={"canonical": canonical, "username": username}
    )
    if canonical:
        IssuerName.objects.get_or_create(
            name=canonical, defaults={"username": username}
        )
        Notice.objects.filter(issuer=name).update(issuer=canonical)
        transaction.on_commit(bump_content_version)
    CorrectionEvent.objects.create(
        action=CorrectionEvent.Action.ISSUER,
        field="issuer",
        before={"name": name},
        after={"canonical": canonical or name},
        title=name[:500],
        username=username,
    )
    return entry


@transaction.atomic
def event_revert(*, event: CorrectionEvent, username: str) -> CorrectionEvent:
    """Undo one change; the undo is itself a new event in the history."""
    if (
        event.reverted_by_id is not None
        or event.action == CorrectionEvent.Action.REVERT
    ):
        raise ValidationError("这项修改已经撤销过了。")
    item = None
    if event.page_id is not None and event.position is not None:
        item = Item.objects.filter(
            page_id=event.page_id, position=event.position
        ).first()
    action = CorrectionEvent.Action
    if event.action in (action.FIELD, action.KIND, action.SPLIT, action.MERGE):
        if item is None:
            raise ValidationError("找不到这条修改所在的条目（版面可能已被删除）。")
        _revert_item_change(event, item)
    elif event.action == action.STATUS:
        if item is not None:
            rows = Item.objects.filter(pk=item.pk)
            if event.before["status"] == Item.Status.PUBLISHED:
                rows.publish()
            else:
                rows.update(status=event.before["status"])
            transaction.on_commit(bump_content_version)
    elif event.action == action.ISSUE_DATE:
        issue = Issue.objects.filter(pk=event.issue_id).first()
        if issue is None:
            raise ValidationError("找不到这一期。")
        issue.date_status = event.before["status"]
        issue.save(update_fields=["date_status"])
    elif event.action == action.ISSUER:
        name = event.before["name"]
        IssuerName.objects.filter(name=name).delete()
        canonical = event.after["canonical"]
        if canonical != name:
            # The notices printed under this name get it back on reparse.
            pages = Page.objects.filter(items__notice__issuer=canonical).distinct()
            for page in pages:
                rederive_page(
                    page, force=tuple(page.items.values_list("position", flat=True))
                )
    undo = _log(
        item,
        action=action.REVERT,
        field=event.field,
        before={"event": event.pk, "action": event.action},
        after=event.before,
        issue_id=event.issue_id,
        username=username,
    )
    event.reverted_by = undo
    event.save(update_fields=["reverted_by"])
    return undo


def _revert_item_change(event: CorrectionEvent, item: Item) -> None:
    action = CorrectionEvent.Action
    page = item.page
    if event.action == action.FIELD:
        before = event.before or {"had": False}
        if before.get("had"):
            item_correct(
                item=item, field=event.field, value=before["value"], username="撤销"
            )
        else:
            ItemCorrection.objects.filter(
                page=page, position=item.position, field=event.field
            ).delete()
            rederive_page(page, force=(item.position,))
    elif event.action == action.KIND:
        correction = StructureCorrection.objects.filter(
            page=page, op=StructureCorrection.Op.KIND, line=item.source_line
        )
        if event.before.get("had") and event.before["kind"] != item.kind:
            correction.update(value={"kind": event.before["kind"]})
        else:
            correction.delete()
        rederive_page(page, force=(item.position,))
    elif event.action == action.SPLIT:
        StructureCorrection.objects.filter(
            page=page, op=StructureCorrection.Op.SPLIT, line=event.before["line"]
        ).delete()
        second = Item.objects.filter(page=page, position=item.position + 1).first()
        if second is not None:
            ItemCorrection.objects.filter(page=page, position=second.position).delete()
            second.delete()
            _shift(page, item.position + 1, -1)
        rederive_page(page, force=(item.position,))
    elif event.action == action.MERGE:
        StructureCorrection.objects.filter(
            page=page, op=StructureCorrection.Op.MERGE, line=event.before["line"]
        ).delete()
        _shift(page, item.position, +1)
        rederive_page(page, force=(item.position,))
        Item.objects.filter(page=page, position=item.position + 1).update(
            status=event.before.get("status", Item.Status.DRAFT)
        )
