"""The editors' desk: thin views over desk services; editors only, no JavaScript."""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from archive.ingest.loaders import FAILED
from archive.models import ImportRun, Issue, Item, ItemCorrection
from notices.models import IssuerName, Notice

from . import services, uploads
from .forms import (
    ImportRunFilter,
    IssueDateForm,
    ItemFieldsForm,
    KindForm,
    PlacesForm,
    ProgrammesForm,
    RetryForm,
    SplitForm,
    UploadForm,
)
from .models import CorrectionEvent, StagedFile, StagedUpload

EDIT_PERMISSION = "archive.change_item"
REVIEW_LIMIT = 50


def editor_required(view):
    """Anonymous: to the login page; signed in without edit rights: 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(EDIT_PERMISSION):
            raise PermissionDenied("只有编辑可以使用编辑台")
        return view(request, *args, **kwargs)

    return wrapped


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@editor_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "uploads": StagedUpload.objects.exclude(state=StagedUpload.State.CANCELLED)[
            :10
        ],
        "runs": ImportRun.objects.all()[:5],
        "review": _review_counts(),
        "events": CorrectionEvent.objects.all()[:10],
    }
    return render(request, "desk/home.html", context)


# --- uploads -----------------------------------------------------------------


@editor_required
def upload(request: HttpRequest) -> HttpResponse:
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if request.method == "POST" and length > limit + 1024 * 1024:
        # Refused before the body is read: nothing reaches a temporary file.
        messages.error(request, f"上传过大（{length:,} 字节，上限 {limit:,} 字节）。")
        response = render(request, "desk/upload_form.html", {"form": UploadForm()})
        response.status_code = 413
        return response
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        publication = data["publication"]
        staged = uploads.upload_stage(
            files=data["files"],
            username=request.user.get_username(),
            publication=publication.slug if publication else data["new_slug"],
            publication_name=publication.name if publication else data["new_name"],
            issue_date=data["issue_date"],
            page_number=data["page_number"],
            section=data["section"],
            publish=data["publish"],
        )
        return redirect(staged.get_absolute_url())
    return render(request, "desk/upload_form.html", {"form": form})


def _staged(request: HttpRequest, token: str) -> StagedUpload:
    return get_object_or_404(StagedUpload, token=token)


@editor_required
def upload_preview(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    if staged.state == StagedUpload.State.IMPORTING:
        return redirect("desk:upload-import", token=token)
    remaining = 0
    if staged.state == StagedUpload.State.STAGED:
        remaining = uploads.preview_pending(staged)
    files = list(staged.files.defer("raw").order_by("position"))
    total = len(files)
    context = {
        "upload": staged,
        "files": files,
        "remaining": remaining,
        "done": total - remaining,
        "total": total,
        "counts": _state_counts(files),
        "run": ImportRun.objects.filter(pk=staged.import_run_id).first(),
    }
    return render(request, "desk/upload_preview.html", context)


def _state_counts(files: list[StagedFile]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in files:
        counts[f.get_state_display()] = counts.get(f.get_state_display(), 0) + 1
    return counts


@editor_required
@require_POST
def upload_confirm(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    if staged.state != StagedUpload.State.STAGED:
        messages.error(request, "这次上传已确认或已取消。")
        return redirect(staged.get_absolute_url())
    if staged.files.filter(state=StagedFile.State.PENDING).exists():
        messages.error(request, "预览尚未完成，请稍候。")
        return redirect(staged.get_absolute_url())
    uploads.upload_confirm(staged)
    return redirect("desk:upload-import", token=token)


@editor_required
def upload_import(request: HttpRequest, token: str) -> HttpResponse:
    """Import the next batch; the page refreshes itself until every file is done."""
    staged = _staged(request, token)
    remaining = 0
    if staged.state == StagedUpload.State.IMPORTING:
        remaining = uploads.import_pending(staged)
    files = list(staged.files.defer("raw").order_by("position"))
    context = {
        "upload": staged,
        "files": files,
        "remaining": remaining,
        "done": len(files) - remaining,
        "total": len(files),
        "counts": _state_counts(files),
        "run": ImportRun.objects.filter(pk=staged.import_run_id).first(),
    }
    return render(request, "desk/upload_import.html", context)


@editor_required
@require_POST
def upload_cancel(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged(request, token)
    if staged.state != StagedUpload.State.STAGED:
        messages.error(request, "已开始导入的上传不能取消。")
        return redirect(staged.get_absolute_url())
    staged.files.all().delete()  # the bytes go; the record of the upload stays
    staged.state = StagedUpload.State.CANCELLED
    staged.save(update_fields=["state"])
    messages.success(request, "已取消，未写入任何内容。")
    return redirect("desk:home")


# --- import runs ---------------------------------------------------------------


@editor_required
def run_list(request: HttpRequest) -> HttpResponse:
    runs = ImportRunFilter(request.GET, queryset=ImportRun.objects.all())
    page = Paginator(runs.qs, 30).get_page(request.GET.get("page"))
    # A run killed mid-way never records its end: say so after an hour.
    stale = timezone.now() - timedelta(hours=1)
    context = {"filter": runs, "page_obj": page, "stale_before": stale}
    return render(request, "desk/run_list.html", context)


@editor_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    staged = {
        f.name: f for f in StagedFile.objects.filter(import_run_id=run.pk).defer("raw")
    }
    retried = {
        f.name: f
        for f in StagedFile.objects.filter(name__in=[e["file"] for e in run.errors])
        .exclude(import_run_id=run.pk)
        .defer("raw")
    }
    errors = [
        {
            **error,
            "staged": staged.get(error["file"]),
            "later": retried.get(error["file"]),
            "form": RetryForm(prefix=f"e{index}"),
            "index": index,
        }
        for index, error in enumerate(run.errors)
    ]
    return render(request, "desk/run_detail.html", {"run": run, "errors": errors})


@editor_required
@require_POST
def run_retry(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    if not 0 <= index < len(run.errors):
        raise PermissionDenied("没有这条错误")
    error = run.errors[index]
    form = RetryForm(request.POST, request.FILES, prefix=f"e{index}")
    if not form.is_valid():
        messages.error(
            request, "重试参数有误：" + "；".join(form.errors.get("__all__", []))
        )
        return redirect("desk:run-detail", pk=pk)
    data = form.cleaned_data
    staged = (
        StagedFile.objects.filter(name=error["file"], import_run_id=run.pk)
        .select_related("upload")
        .first()
    )
    username = request.user.get_username()
    if staged is not None:
        raw = None
        name = ""
        upload_file = data.get("file")
        if upload_file is not None:
            if upload_file.size > settings.ARCHIVE_MAX_PAGE_BYTES:
                messages.error(request, f"{upload_file.name}: 文件过大")
                return redirect("desk:run-detail", pk=pk)
            raw = upload_file.read()
            name, refusal = uploads.base_name(upload_file.name)
            if refusal:
                messages.error(request, refusal)
                return redirect("desk:run-detail", pk=pk)
        if data.get("publication"):
            staged.upload.publication = data["publication"].slug
            staged.upload.publication_name = data["publication"].name
            staged.upload.save(update_fields=["publication", "publication_name"])
        new_run, outcome = uploads.file_retry(
            staged=staged,
            username=username,
            raw=raw,
            name=name,
            page_number=data.get("page_number"),
            issue_date=data.get("issue_date"),
        )
    else:
        publication = data.get("publication")
        if publication is None:
            messages.error(request, "命令行导入的文件重试时须选择报纸。")
            return redirect("desk:run-detail", pk=pk)
        new_run, outcome = uploads.path_retry(
            path=error["file"],
            username=username,
            publication=publication.slug,
            issue_date=data.get("issue_date"),
            page_number=data.get("page_number"),
        )
    if outcome.status == FAILED:
        messages.error(request, f"重试仍失败：{outcome.message}")
    else:
        messages.success(request, f"重试成功（导入记录 #{new_run.pk}）。")
    return redirect("desk:run-detail", pk=new_run.pk)


# --- items -------------------------------------------------------------------


def _item(pk: int) -> Item:
    return get_object_or_404(
        Item.objects.select_related("page__issue__publication", "article", "notice"),
        pk=pk,
    )


def _item_history(item: Item):
    return CorrectionEvent.objects.filter(page_id=item.page_id, position=item.position)


@editor_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    fields_form = ItemFieldsForm(initial=ItemFieldsForm.initial_for(item), item=item)
    context = {
        "item": item,
        "fields_form": fields_form,
        "places_form": PlacesForm(
            initial={"places": "\n".join(item.places.values_list("code", flat=True))}
        ),
        "programmes_form": ProgrammesForm(
            initial={"programmes": list(item.programmes.all())}
        ),
        "kind_form": KindForm(initial={"kind": item.kind}),
        "lines": list(enumerate(services.splittable_lines(item))),
        "next_item": Item.objects.filter(
            page=item.page, position=item.position + 1
        ).first(),
        "history": _item_history(item),
        "standing": ItemCorrection.objects.filter(
            page=item.page, position=item.position
        ),
        "places": item.places.all(),
    }
    return render(request, "desk/item_edit.html", context)


def _apply(request: HttpRequest, action, success: str):
    try:
        result = action()
    except ValidationError as error:
        _errors(request, error)
        return None
    messages.success(request, success)
    return result


@editor_required
@require_POST
def item_fields(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = ItemFieldsForm(request.POST, item=item)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {'；'.join(errors)}")
        return redirect("desk:item-edit", pk=pk)
    events = _apply(
        request,
        lambda: services.item_fields_correct(
            item=item, changes=form.changes(), username=request.user.get_username()
        ),
        "已保存更正。",
    )
    if events == []:
        messages.info(request, "没有字段被修改。")
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def item_places(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = PlacesForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("places", []):
            messages.error(request, error)
        return redirect("desk:item-edit", pk=pk)
    _apply(
        request,
        lambda: services.item_fields_correct(
            item=item,
            changes={"places": form.cleaned_data["places"]},
            username=request.user.get_username(),
        ),
        "已更正地区。",
    )
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def item_programmes(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = ProgrammesForm(request.POST)
    if form.is_valid():
        slugs = sorted(p.slug for p in form.cleaned_data["programmes"])
        _apply(
            request,
            lambda: services.item_fields_correct(
                item=item,
                changes={"programmes": slugs},
                username=request.user.get_username(),
            ),
            "已更正五篇大文章归类。",
        )
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def item_kind(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = KindForm(request.POST)
    if form.is_valid():
        _apply(
            request,
            lambda: services.item_change_kind(
                item=item,
                kind=form.cleaned_data["kind"],
                username=request.user.get_username(),
            ),
            "已改变类型，并按新类型重新解析。",
        )
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def item_split(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择从哪一行起拆分。")
        return redirect("desk:item-edit", pk=pk)
    second = _apply(
        request,
        lambda: services.item_split(
            item=item, at=form.cleaned_data["at"], username=request.user.get_username()
        ),
        "已拆分为两条。",
    )
    return redirect("desk:item-edit", pk=second.pk if second else pk)


@editor_required
@require_POST
def item_merge(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    _apply(
        request,
        lambda: services.items_merge(item=item, username=request.user.get_username()),
        "已与下一条合并。",
    )
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    status = request.POST.get("status")
    if status not in Item.Status.values:
        raise PermissionDenied("未知状态")
    _apply(
        request,
        lambda: services.items_set_status(
            items=[item], status=status, username=request.user.get_username()
        ),
        "已发布。" if status == Item.Status.PUBLISHED else "已撤回为草稿。",
    )
    return redirect("desk:item-edit", pk=pk)


@editor_required
@require_POST
def event_revert(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(CorrectionEvent, pk=pk)
    _apply(
        request,
        lambda: services.event_revert(
            event=event, username=request.user.get_username()
        ),
        "已撤销。",
    )
    item = None
    if event.page_id is not None:
        item = Item.objects.filter(
            page_id=event.page_id, position=event.position
        ).first()
    if item is not None:
        return redirect("desk:item-edit", pk=item.pk)
    return redirect("desk:history")


@editor_required
def history(request: HttpRequest) -> HttpResponse:
    events = CorrectionEvent.objects.all()
    if request.GET.get("user"):
        events = events.filter(username=request.GET["user"][:150])
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "desk/history.html", {"page_obj": page})


# --- issues --------------------------------------------------------------------


@editor_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    items = (
        Item.objects.filter(page__issue=issue)
        .select_related("page")
        .order_by("page__number", "position")
    )
    context = {
        "issue": issue,
        "items": items,
        "date_form": IssueDateForm(initial={"date": issue.date}),
        "events": CorrectionEvent.objects.filter(issue_id=issue.pk)[:20],
    }
    return render(request, "desk/issue_edit.html", context)


@editor_required
@require_POST
def issue_status(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    status = request.POST.get("status")
    if status not in Item.Status.values:
        raise PermissionDenied("未知状态")
    items = list(Item.objects.filter(page__issue=issue).select_related("page__issue"))
    count = _apply(
        request,
        lambda: services.items_set_status(
            items=items,
            status=status,
            username=request.user.get_username(),
            issue=issue,
        ),
        "已更新本期条目的发布状态。",
    )
    if count is not None:
        messages.info(request, f"共 {count} 条状态改变。")
    return redirect("desk:issue-edit", pk=pk)


@editor_required
@require_POST
def issue_date(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    form = IssueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "日期格式应为 YYYY-MM-DD。")
        return redirect("desk:issue-edit", pk=pk)
    target = _apply(
        request,
        lambda: services.issue_confirm_date(
            issue=issue,
            day=form.cleaned_data["date"],
            username=request.user.get_username(),
        ),
        "已确认出版日期。",
    )
    return redirect("desk:issue-edit", pk=target.pk if target else pk)


# --- review queue --------------------------------------------------------------


def _new_issuers():
    known = IssuerName.objects.values("name")
    return (
        Notice.objects.exclude(issuer="")
        .exclude(issuer__in=known)
        .values("issuer")
        .annotate(n=Count("pk"))
        .order_by("-n", "issuer")
    )


def _review_querysets() -> dict:
    return {
        "proposed": Issue.objects.filter(date_status=Issue.DateStatus.PROPOSED)
        .select_related("publication")
        .annotate(n_pages=Count("pages")),
        "flagged": Notice.objects.exclude(flags=[])
        .select_related("item__page__issue__publication")
        .order_by("-item__date"),
        "no_place": Item.objects.filter(places=None)
        .select_related("page__issue__publication")
        .order_by("-date", "page__number", "position"),
        "uncertain": Item.objects.filter(
            Q(kind=Item.Kind.NOTICE, notice__notice_type="other")
            | Q(kind=Item.Kind.ARTICLE, article__byline="")
        )
        .select_related("page__issue__publication")
        .order_by("-date", "page__number", "position"),
        "issuers": _new_issuers(),
    }


def _review_counts() -> dict[str, int]:
    return {name: qs.count() for name, qs in _review_querysets().items()}


@editor_required
def review(request: HttpRequest) -> HttpResponse:
    sets = _review_querysets()
    context = {
        "counts": {name: qs.count() for name, qs in sets.items()},
        "proposed": sets["proposed"][:REVIEW_LIMIT],
        "flagged": sets["flagged"][:REVIEW_LIMIT],
        "no_place": sets["no_place"][:REVIEW_LIMIT],
        "uncertain": sets["uncertain"][:REVIEW_LIMIT],
        "issuers": [
            {**row, "index": i} for i, row in enumerate(sets["issuers"][:REVIEW_LIMIT])
        ],
        "canonical_names": IssuerName.objects.filter(canonical="").values_list(
            "name", flat=True
        )[:500],
        "limit": REVIEW_LIMIT,
    }
    return render(request, "desk/review.html", context)


@editor_required
@require_POST
def issuer_review(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "")[:200]
    canonical = request.POST.get("canonical", "")[:200]
    if not name:
        raise PermissionDenied("缺少名称")
    _apply(
        request,
        lambda: services.issuer_name_review(
            name=name, canonical=canonical, username=request.user.get_username()
        ),
        f"已登记“{name}”" + (f"为“{canonical}”" if canonical.strip() else "为规范名称"),
    )
    return redirect(reverse("desk:review") + "#issuers")
