"""Desk forms: plain server-rendered forms, each field labelled in Chinese."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import TextField
from django.db.models.functions import Cast

from archive.models import ImportRun, Item, Place, Programme, Publication
from notices.parsers import NOTICE_TYPES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # An empty file is refused by the importer with its name, not the form.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="版面文件",
        help_text="可选多个 .txt 文件，或一个 .zip 压缩包（可含同名 .json 旁注）。",
    )
    publication = forms.ModelChoiceField(
        Publication.objects.all(),
        label="报纸",
        required=False,
        to_field_name="slug",
        empty_label="（新报纸，填写下面两项）",
    )
    new_slug = forms.SlugField(label="新报纸标识", required=False, max_length=64)
    new_name = forms.CharField(label="新报纸名称", required=False, max_length=64)
    issue_date = forms.DateField(
        label="出版日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填时取版面印出的日期，否则推测（推测的日期须在复核队列确认）。",
    )
    page_number = forms.IntegerField(
        label="版次",
        required=False,
        min_value=1,
        max_value=999,
        help_text=(
            "单个文件时即其版次；多个文件时取自文件名（如 p03.txt），否则从此数起递增。"
        ),
    )
    section = forms.CharField(label="版名", required=False, max_length=64)
    publish = forms.BooleanField(label="导入后直接发布", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("publication") and not (
            data.get("new_slug") and data.get("new_name")
        ):
            raise forms.ValidationError("请选择报纸，或填写新报纸的标识和名称。")
        return data


def _notice_type_choices():
    return [(t.key, t.label) for t in NOTICE_TYPES]


def _lines(value: str) -> list[str]:
    return [
        v.strip()
        for v in value.replace("、", "\n").replace("；", "\n").split("\n")
        if v.strip()
    ]


class ItemFieldsForm(forms.Form):
    """The fields an editor may correct; only changed ones become corrections."""

    title = forms.CharField(label="标题", max_length=500)
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}))

    ARTICLE = ("column", "kicker", "subtitle", "byline", "authors", "affiliation")
    NOTICE = (
        "notice_type",
        "issuer",
        "addressees",
        "document_numbers",
        "signed_on",
        "window_start",
        "window_end",
        "deemed_served_on",
        "project",
        "location",
    )
    LIST_FIELDS = ("authors", "addressees", "document_numbers")
    DATE_FIELDS = ("signed_on", "window_start", "window_end", "deemed_served_on")

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if item.kind == Item.Kind.ARTICLE:
            self.fields["column"] = forms.CharField(
                label="栏目", required=False, max_length=100
            )
            self.fields["kicker"] = forms.CharField(
                label="引题", required=False, max_length=200
            )
            self.fields["subtitle"] = forms.CharField(
                label="副题", required=False, max_length=200
            )
            self.fields["byline"] = forms.CharField(
                label="署名行", required=False, max_length=200
            )
            self.fields["authors"] = forms.CharField(
                label="作者", required=False, help_text="每行一位，或用顿号分隔。"
            )
            self.fields["affiliation"] = forms.CharField(
                label="作者单位", required=False, max_length=200
            )
        else:
            self.fields["notice_type"] = forms.ChoiceField(
                label="公告类型", choices=_notice_type_choices()
            )
            self.fields["issuer"] = forms.CharField(
                label="发布机构", required=False, max_length=200
            )
            self.fields["addressees"] = forms.CharField(
                label="受送达人",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields["document_numbers"] = forms.CharField(
                label="文书编号",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for name, label in (
                ("signed_on", "落款日期"),
                ("window_start", "期限起"),
                ("window_end", "期限止"),
                ("deemed_served_on", "视为送达日期"),
            ):
                self.fields[name] = forms.DateField(
                    label=label,
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}),
                )
            self.fields["project"] = forms.CharField(
                label="项目", required=False, max_length=300
            )
            self.fields["location"] = forms.CharField(
                label="地点", required=False, max_length=300
            )

    @classmethod
    def initial_for(cls, item: Item) -> dict:
        initial = {"title": item.title, "text": item.text}
        details = item.details
        names = cls.ARTICLE if item.kind == Item.Kind.ARTICLE else cls.NOTICE
        for name in names:
            value = getattr(details, name, "") if details else ""
            if name in cls.LIST_FIELDS:
                value = "\n".join(value or [])
            initial[name] = value
        return initial

    def changes(self) -> dict:
        """Cleaned values as corrections store them (JSON)."""
        out = {}
        for name, value in self.cleaned_data.items():
            if name in self.LIST_FIELDS:
                value = _lines(value or "")
            elif name in self.DATE_FIELDS:
                value = value.isoformat() if value else None
            out[name] = value
        if "notice_type" in out:
            labels = dict(_notice_type_choices())
            out["notice_type_label"] = labels.get(out["notice_type"], "")
        return out

    def clean_text(self):
        return self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")


class PlacesForm(forms.Form):
    places = forms.CharField(
        label="地区",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个：12 位区划代码，或地区全称/简称（有重名时请用代码）。",
    )

    def clean_places(self) -> list[str]:
        codes: list[str] = []
        problems: list[str] = []
        for entry in _lines(self.cleaned_data["places"] or ""):
            if entry.isdigit():
                if Place.objects.filter(code=entry).exists():
                    codes.append(entry)
                else:
                    problems.append(f"没有区划代码 {entry}")
                continue
            found = list(Place.objects.named(entry).select_related("parent")[:6])
            if len(found) == 1:
                codes.append(found[0].code)
            elif not found:
                problems.append(f"没有名为“{entry}”的地区")
            else:
                options = "；".join(f"{p.full_path} {p.code}" for p in found[:5])
                problems.append(f"“{entry}”有重名，请改填代码：{options}")
        if problems:
            raise forms.ValidationError(problems)
        return sorted(dict.fromkeys(codes))


class ProgrammesForm(forms.Form):
    programmes = forms.ModelMultipleChoiceField(
        Programme.objects.all(),
        label="五篇大文章",
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )


class KindForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Item.Kind.choices)


class SplitForm(forms.Form):
    at = forms.IntegerField(label="从此行起拆为新条目", min_value=1)


class IssueDateForm(forms.Form):
    date = forms.DateField(
        label="出版日期", widget=forms.DateInput(attrs={"type": "date"})
    )


class IssuerForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.HiddenInput)
    canonical = forms.CharField(
        label="规范名称",
        max_length=200,
        required=False,
        help_text="留空：此名称本身即规范名称。",
    )


class RetryForm(forms.Form):
    file = forms.FileField(label="修正后的文件（可选）", required=False)
    page_number = forms.IntegerField(
        label="版次", required=False, min_value=1, max_value=999
    )
    issue_date = forms.DateField(
        label="出版日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    publication = forms.ModelChoiceField(
        Publication.objects.all(), label="报纸", required=False, to_field_name="slug"
    )


class ImportRunFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="status",
        lookup_expr="exact",
        choices=ImportRun.Status.choices,
        label="状态",
    )
    username = django_filters.CharFilter(
        field_name="username", lookup_expr="icontains", label="操作人"
    )
    file = django_filters.CharFilter(method="filter_file", label="文件名包含")
    started_from = django_filters.DateFilter(
        field_name="started_at",
        lookup_expr="date__gte",
        label="开始于",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    started_to = django_filters.DateFilter(
        field_name="started_at",
        lookup_expr="date__lte",
        label="截至",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    has_errors = django_filters.BooleanFilter(method="filter_errors", label="有错误")

    class Meta:
        model = ImportRun
        fields: list[str] = []

    def filter_file(self, queryset, name, value):
        # files is a JSON list of names: match inside its text.
        return queryset.annotate(
            files_text=Cast("files", output_field=TextField())
        ).filter(files_text__icontains=value)

    def filter_errors(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(errors=[]) if value else queryset.filter(errors=[])
