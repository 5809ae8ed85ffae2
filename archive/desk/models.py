"""What the desk keeps: uploads waiting for confirmation, and every editor's change."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class StagedUpload(models.Model):
    """Files an editor uploaded, parsed for a preview, not yet (or being) imported.

    Nothing reaches the archive before the editor confirms; the raw bytes wait
    here, keyed by an unguessable token, and are imported a batch per request so
    a large upload shows its progress without JavaScript.
    """

    class State(models.TextChoices):
        STAGED = "staged", "待确认"
        IMPORTING = "importing", "导入中"
        DONE = "done", "已导入"
        CANCELLED = "cancelled", "已取消"

    token = models.CharField("令牌", max_length=64, unique=True)
    username = models.CharField("上传人", max_length=150)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.STAGED
    )
    publication = models.CharField("报纸标识", max_length=64)
    publication_name = models.CharField("报纸名称", max_length=64, blank=True)
    home_region = models.CharField("所在地区代码", max_length=12, blank=True)
    issue_date = models.DateField("出版日期", null=True, blank=True)
    section = models.CharField("版名", max_length=64, blank=True)
    publish = models.BooleanField("导入后直接发布", default=False)
    # ImportRun has no foreign keys by design; the run this upload became.
    import_run_id = models.PositiveBigIntegerField("导入记录", null=True, blank=True)
    # Files refused before staging (zip problems, bad names), shown in the preview.
    refusals = models.JSONField("拒收的文件", default=list, blank=True)

    class Meta:
        verbose_name = "待确认上传"
        verbose_name_plural = "待确认上传"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"上传 {self.created_at:%Y-%m-%d %H:%M} {self.username}"

    def get_absolute_url(self) -> str:
        return reverse("desk:upload-preview", kwargs={"token": self.token})


class StagedFile(models.Model):
    """One uploaded page file, its bytes verbatim, its preview and its outcome."""

    class State(models.TextChoices):
        PENDING = "pending", "待解析"
        PARSED = "parsed", "已解析"
        REFUSED = "refused", "无法解析"
        NEW = "new", "已新增"
        UNCHANGED = "unchanged", "未变"
        UPDATED = "updated", "已更新"
        FAILED = "failed", "导入失败"

    upload = models.ForeignKey(
        StagedUpload, on_delete=models.CASCADE, related_name="files"
    )
    position = models.PositiveIntegerField("序号")
    name = models.CharField("文件名", max_length=255)
    raw = models.BinaryField("原始字节")
    size = models.PositiveBigIntegerField("大小")
    page_number = models.PositiveSmallIntegerField("版次", null=True, blank=True)
    issue_date = models.DateField("出版日期", null=True, blank=True)
    section = models.CharField("版名", max_length=64, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.PENDING
    )
    message = models.TextField("说明", blank=True)
    line = models.PositiveIntegerField("行", null=True, blank=True)
    preview = models.JSONField("预览", default=dict, blank=True)
    page_id = models.PositiveBigIntegerField("版面", null=True, blank=True)
    import_run_id = models.PositiveBigIntegerField("导入记录", null=True, blank=True)

    class Meta:
        verbose_name = "待确认文件"
        verbose_name_plural = "待确认文件"
        ordering = ["upload", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["upload", "position"], name="stagedfile_unique_position"
            ),
        ]
        indexes = [
            # Retry from the import runs list: the file a run reported as failed.
            models.Index(fields=["import_run_id", "name"], name="stagedfile_run_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.upload.get_absolute_url()


class CorrectionEvent(models.Model):
    """One change an editor made, with what it replaced, so it can be undone.

    ItemCorrection holds the standing value of a field; this is the history: who
    changed what and when, including splits, merges, kind changes, publishing,
    date confirmations and issuer mappings.
    """

    class Action(models.TextChoices):
        FIELD = "field", "更正字段"
        SPLIT = "split", "拆分条目"
        MERGE = "merge", "合并条目"
        KIND = "kind", "改变类型"
        STATUS = "status", "发布状态"
        ISSUE_DATE = "issue_date", "确认出版日期"
        ISSUER = "issuer", "发布机构规范名"
        REVERT = "revert", "撤销"

    page_id = models.PositiveBigIntegerField("版面", null=True, blank=True)
    position = models.PositiveSmallIntegerField("版内序号", null=True, blank=True)
    issue_id = models.PositiveBigIntegerField("期", null=True, blank=True)
    action = models.CharField("操作", max_length=12, choices=Action.choices)
    field = models.CharField("字段", max_length=40, blank=True)
    # {"had": bool, "value": ...}: the standing value before, to restore on undo.
    before = models.JSONField("原值", null=True, blank=True)
    after = models.JSONField("新值", null=True, blank=True)
    title = models.CharField("条目标题", max_length=500, blank=True)
    username = models.CharField("编辑", max_length=150)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    reverted_by = models.ForeignKey(
        "self",
        verbose_name="被撤销于",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "编辑记录"
        verbose_name_plural = "编辑记录"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # An item's history: its page and print position.
            models.Index(fields=["page_id", "position"], name="event_item_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.field} · {self.username}"

    def get_absolute_url(self) -> str:
        return reverse("desk:history")
