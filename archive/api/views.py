"""Read-only endpoints. Items go through the search page's own code path
(archive.filters.resolve_search), so a query means the same thing everywhere."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.filters import ItemFilter, index_first, is_search, resolve_search
from archive.models import Issue, Item, Page, Place, Programme, Publication
from archive.views import _window_explanation
from notices.filters import NoticeListForm, filtered_notices
from notices.models import Notice

from . import serializers as s
from .errors import InvalidParameters
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Key, KeysetPagination
from .records import decimal_text, item_record, row_queryset

MAX_CODE = 12


def _base_url(request: Request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _url(request: Request, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))


def _validated(form_class: type[forms.Form], request: Request) -> dict[str, Any]:
    form = form_class(request.query_params)
    if not form.is_valid():
        raise InvalidParameters(_errors_as_lists(form.errors))
    return form.cleaned_data


def _errors_as_lists(errors) -> dict[str, list[str]]:
    return {field: [str(e) for e in messages] for field, messages in errors.items()}


def _paged(serializer_class: type[s.S.Serializer]) -> type[s.S.Serializer]:
    """A `{next, results}` page of `serializer_class`, for the schema."""
    name = serializer_class.__name__.replace("Serializer", "PageSerializer")
    return type(
        name,
        (s.S.Serializer,),
        {
            "next": s.S.URLField(allow_null=True, help_text="下一页；最后一页为 null"),
            "results": serializer_class(many=True),
        },
    )


PAGING_PARAMETERS = [
    OpenApiParameter(
        "cursor",
        {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
        OpenApiParameter.QUERY,
        description="上一页响应 next 链接中的游标（不透明；不要自己构造）",
    ),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        OpenApiParameter.QUERY,
        description=f"每页条数，1–{MAX_PAGE_SIZE}，默认 {DEFAULT_PAGE_SIZE}",
    ),
]


def _form_parameters(fields: dict[str, forms.Field]) -> list[OpenApiParameter]:
    """OpenAPI query parameters from form fields (types, bounds, choices).

    The schema states exactly what the form accepts, so a schema-valid request
    is never refused and the schema-driven tests can hold the API to it.
    """
    parameters = []
    for name, field in fields.items():
        schema: dict[str, Any]
        if isinstance(field, forms.DateField):
            schema = {"type": "string", "format": "date"}
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            schema = {"type": "integer"}
            if field.min_value is not None:
                schema["minimum"] = int(field.min_value)
            if field.max_value is not None:
                schema["maximum"] = int(field.max_value)
        elif isinstance(field, forms.ChoiceField):
            schema = {
                "type": "string",
                "enum": [key for key, _ in field.choices if key != ""],
            }
        else:
            # Forms refuse NUL (PostgreSQL cannot store it in text).
            schema = {"type": "string", "pattern": "^[^\\u0000]*$"}
            if getattr(field, "max_length", None):
                schema["maxLength"] = field.max_length
        parameters.append(
            OpenApiParameter(
                name,
                schema,
                OpenApiParameter.QUERY,
                required=False,
                description=str(field.label or field.help_text or ""),
            )
        )
    return parameters


def _item_filter_fields() -> dict[str, forms.Field]:
    return dict(ItemFilter(queryset=Item.objects.none()).form.fields)


ERRORS = {400: s.ErrorSerializer, 429: s.ErrorSerializer}
DETAIL_ERRORS = {404: s.ErrorSerializer, 429: s.ErrorSerializer}
LIST_ERRORS = {400: s.ErrorSerializer, 429: s.ErrorSerializer}


class ApiRoot(APIView):
    """The entry point: where each resource and the schema live."""

    @extend_schema(responses={200: s.RootSerializer, **ERRORS}, operation_id="root")
    def get(self, request: Request) -> Response:
        names = {
            "items": "api:item-list",
            "places": "api:place-list",
            "programmes": "api:programme-list",
            "publications": "api:publication-list",
            "issues": "api:issue-list",
            "notices": "api:notice-list",
        }
        return Response(
            {
                "name": "地方金融档案 API",
                "schema": _url(request, "api:schema"),
                "docs": _url(request, "api:docs"),
                "endpoints": {key: _url(request, name) for key, name in names.items()},
            }
        )


# ---------------------------------------------------------------- items


class ItemSortForm(forms.Form):
    sort = forms.ChoiceField(
        label="排序：relevance（有检索词时默认：标题命中，再按日期）、newest（默认）、oldest",
        choices=[
            ("relevance", "相关度"),
            ("newest", "最新在前"),
            ("oldest", "最早在前"),
        ],
        required=False,
    )


def _item_keys(sort: str) -> list[Key]:
    if sort == "relevance":
        return [
            Key("title_hits", descending=True),
            Key("date", descending=True, kind=datetime.date),
            Key("id"),
        ]
    descending = sort != "oldest"
    return [
        Key("date", descending=descending, kind=datetime.date),
        Key("id", descending=descending),
    ]


class ItemList(APIView):
    """Search and browse: the search page's syntax, filters and facets."""

    pagination_class = KeysetPagination

    @extend_schema(
        parameters=[
            *_form_parameters(_item_filter_fields()),
            *_form_parameters(ItemSortForm.base_fields),
            *PAGING_PARAMETERS,
        ],
        operation_id="items_list",
        responses={200: s.ItemListSerializer, **LIST_ERRORS},
        description=(
            'q 支持检索语法：空格=并且，"…"=短语，A OR B，-A 排除，'
            "title:/author:/issuer: 限定字段。facets 与 count 按整个结果集计算。"
        ),
    )
    def get(self, request: Request) -> Response:
        # The same planner settings as the search page (see index_first).
        with index_first(searching=is_search(request.query_params)):
            return self._search(request)

    def _search(self, request: Request) -> Response:
        sort_data = _validated(ItemSortForm, request)
        data = request.query_params
        resolved = resolve_search(
            data, user=request.user, base=Item.objects.published()
        )
        if not resolved.filterset.is_valid():
            raise InvalidParameters(_errors_as_lists(resolved.filterset.errors))
        sort = sort_data.get("sort") or resolved.sort
        if sort == "relevance" and not resolved.ranked:
            sort = "newest"
        ordered = (
            resolved.items.ranked(resolved.query)
            if sort == "relevance"
            else resolved.items
        )
        paginator = KeysetPagination()
        rows = paginator.paginate(
            ordered, request, _item_keys(sort), prepare=row_queryset
        )
        # Paging parameters do not change what is counted: one cache entry.
        total, facets = resolved.counts(
            {k: v for k, v in data.items() if k not in ("cursor", "page_size")}
        )
        base_url = _base_url(request)
        return Response(
            {
                "count": total,
                "sort": sort,
                "query": {
                    "q": data.get("q", ""),
                    "remarks": list(resolved.query.notices),
                },
                "facets": {
                    name: [
                        {"key": v.key, "label": v.label, "count": v.count}
                        for v in values
                    ]
                    for name, values in facets.items()
                },
                "next": paginator.next_url,
                "results": [item_record(item, base_url=base_url) for item in rows],
            }
        )


def _place_ref(place: Place) -> dict[str, str]:
    return {"code": place.code, "name": place.name, "level": place.level}


def _notice_fields(notice: Notice, item: Item) -> dict[str, Any]:
    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    deadline = notice.deadline_date
    contacts = notice.contacts or {}
    return {
        "notice_type": notice.notice_type,
        "notice_type_label": notice.notice_type_label,
        "round": notice.round,
        "document_title": notice.document_title,
        "cited_law": notice.cited_law,
        "mailed_on": day(notice.mailed_on),
        "issuer": notice.issuer,
        "addressees": list(notice.addressees),
        "document_numbers": list(notice.document_numbers),
        "signed_on": day(notice.signed_on),
        "period_text": notice.period_text,
        "window_start": day(notice.window_start),
        "window_end": day(notice.window_end),
        "window_printed": notice.window_printed,
        "working_days": notice.working_days,
        "deemed_served_on": day(notice.deemed_served_on),
        "deadline": day(deadline),
        "deadline_status": notice.status_on(timezone.localdate()),
        "deadline_basis": notice.deadline_basis,
        "deadline_basis_label": notice.get_deadline_basis_display(),
        "deadline_note": notice.deadline_note,
        "calendar_verified": notice.calendar_verified,
        "calendar_lines": _window_explanation(item),
        "flags": list(notice.flags),
        "contacts": {
            key: [str(v) for v in contacts.get(key, [])]
            for key in ("phones", "emails", "people")
        },
        "links": list(notice.links),
        "project": notice.project,
        "location": notice.location,
    }


def _article_fields(item: Item) -> dict[str, Any] | None:
    article = item.details if item.kind == Item.Kind.ARTICLE else None
    if article is None:
        return None
    return {
        "column": article.column,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "authors": list(article.authors),
        "affiliation": article.affiliation,
        "section_heads": list(article.section_heads),
    }


class ItemDetail(APIView):
    """Every extracted field of one published item."""

    @extend_schema(responses={200: s.ItemDetailSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        item = (
            row_queryset(Item.objects.published())
            .prefetch_related(
                "figures", "places__province", "places__city", "places__county"
            )
            .filter(pk=pk)
            .first()
        )
        if item is None:
            raise Http404
        base_url = _base_url(request)
        record = item_record(item, base_url=base_url)
        notice = item.details if item.kind == Item.Kind.NOTICE else None
        issue = item.page.issue
        record |= {
            "published_at": item.published_at.isoformat()
            if item.published_at
            else None,
            "source_line": item.source_line,
            "place_hierarchy": [
                {**_place_ref(p), "ancestors": [_place_ref(a) for a in p.ancestors()]}
                for p in item.places.all()
            ],
            "figures": [
                {
                    "position": f.position,
                    "text": f.text,
                    "value": decimal_text(f.value),
                    "unit": f.unit,
                    "as_of": f.as_of,
                    "context": f.context,
                }
                for f in item.figures.all()
            ],
            "article": _article_fields(item),
            "notice": _notice_fields(notice, item) if notice else None,
            "citation": {
                "gbt7714": item.citation(),
                "ris_url": _url(request, "archive:item-ris", pk=item.pk),
                "bibtex_url": _url(request, "archive:item-bibtex", pk=item.pk),
            },
            "issue": _issue_ref(request, issue),
            "page_api_url": _url(request, "api:page-detail", pk=item.page_id),
        }
        return Response(record)


# ---------------------------------------------------------------- places


class PlaceListForm(forms.Form):
    parent = forms.CharField(
        label="上级区划代码（12 位）；省级用 level=province", required=False
    )
    level = forms.ChoiceField(
        label="层级", choices=[("", ""), *Place.Level.choices], required=False
    )
    name = forms.CharField(label="名称或简称（精确）", required=False, max_length=64)


def _place_row(request: Request, place: Place) -> dict[str, Any]:
    return {
        "code": place.code,
        "name": place.name,
        "short_name": place.short_name,
        "level": place.level,
        "parent": place.parent.code if place.parent_id else None,
        "url": request.build_absolute_uri(place.get_absolute_url()),
        "api_url": _url(request, "api:place-detail", code=place.code),
        "children_url": _url(request, "api:place-list") + f"?parent={place.code}",
    }


class PlaceList(APIView):
    """The division tree, a level at a time (parent=…) or filtered by level/name."""

    @extend_schema(
        parameters=[*_form_parameters(PlaceListForm.base_fields), *PAGING_PARAMETERS],
        operation_id="places_list",
        responses={200: _paged(s.PlaceSerializer), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = _validated(PlaceListForm, request)
        places = Place.objects.select_related("parent")
        if data["parent"]:
            places = places.filter(parent__code=data["parent"])
        if data["level"]:
            places = places.filter(level=data["level"])
        if data["name"]:
            places = places.named(data["name"])
        paginator = KeysetPagination()
        rows = paginator.paginate(places, request, [Key("code", kind=str)])
        return Response(
            {
                "next": paginator.next_url,
                "results": [_place_row(request, place) for place in rows],
            }
        )


class PlaceDetail(APIView):
    @extend_schema(responses={200: s.PlaceDetailSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, code: str) -> Response:
        place = (
            Place.objects.select_related("parent", "province", "city", "county")
            .filter(code=code[: MAX_CODE * 2])
            .first()
        )
        if place is None:
            raise Http404
        return Response(
            _place_row(request, place)
            | {
                "ancestors": [_place_ref(a) for a in place.ancestors()],
                "children": [_place_ref(c) for c in place.children.order_by("code")],
                "items_url": _url(request, "api:item-list") + f"?place={place.code}",
            }
        )


# ---------------------------------------------------------------- programmes


def _programme_row(request: Request, programme: Programme) -> dict[str, Any]:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "description": programme.description,
        "signal_terms": list(programme.signal_terms),
        "item_count": programme.item_count,
        "url": request.build_absolute_uri(programme.get_absolute_url()),
        "api_url": _url(request, "api:programme-detail", slug=programme.slug),
        "items_url": _url(request, "api:item-list") + f"?programme={programme.slug}",
    }


def _programmes() -> QuerySet[Programme]:
    return Programme.objects.annotate(
        item_count=Count(
            "items", filter=Q(items__status=Item.Status.PUBLISHED), distinct=True
        )
    )


class ProgrammeList(APIView):
    """The five programmes (五篇大文章) with their signal terms and item counts."""

    @extend_schema(
        operation_id="programmes_list",
        responses={200: s.ProgrammeSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        return Response([_programme_row(request, p) for p in _programmes()])


class ProgrammeDetail(APIView):
    @extend_schema(responses={200: s.ProgrammeSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, slug: str) -> Response:
        programme = _programmes().filter(slug=slug).first()
        if programme is None:
            raise Http404
        return Response(_programme_row(request, programme))


# ------------------------------------------------- publications, issues, pages


def _publication_row(request: Request, publication: Publication) -> dict[str, Any]:
    return {
        "slug": publication.slug,
        "name": publication.name,
        "home_region": publication.home_region.code
        if publication.home_region_id
        else None,
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "api_url": _url(request, "api:publication-detail", slug=publication.slug),
        "issues_url": _url(request, "api:issue-list")
        + f"?publication={publication.slug}",
        "items_url": _url(request, "api:item-list")
        + f"?publication={publication.slug}",
    }


def _published_pages() -> QuerySet[Page]:
    """Pages with at least one published item: the others are editors' work."""
    return Page.objects.filter(
        Exists(Item.objects.published().filter(page=OuterRef("pk")))
    )


def _visible_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(
        Exists(_published_pages().filter(issue=OuterRef("pk")))
    ).select_related("publication")


class PublicationList(APIView):
    @extend_schema(
        operation_id="publications_list",
        responses={200: s.PublicationSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        publications = Publication.objects.select_related("home_region")
        return Response([_publication_row(request, p) for p in publications])


class PublicationDetail(APIView):
    @extend_schema(responses={200: s.PublicationSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, slug: str) -> Response:
        publication = (
            Publication.objects.select_related("home_region").filter(slug=slug).first()
        )
        if publication is None:
            raise Http404
        return Response(_publication_row(request, publication))


def _issue_ref(request: Request, issue: Issue) -> dict[str, Any]:
    return {
        "id": issue.pk,
        "date": issue.date.isoformat(),
        "number": issue.number,
        "api_url": _url(request, "api:issue-detail", pk=issue.pk),
    }


def _issue_row(request: Request, issue: Issue) -> dict[str, Any]:
    return {
        "id": issue.pk,
        "publication": issue.publication.slug,
        "publication_name": issue.publication.name,
        "date": issue.date.isoformat(),
        "number": issue.number,
        "url": request.build_absolute_uri(issue.get_absolute_url()),
        "api_url": _url(request, "api:issue-detail", pk=issue.pk),
        "pages": [
            {
                "id": page.pk,
                "number": page.number,
                "section": page.section,
                "api_url": _url(request, "api:page-detail", pk=page.pk),
            }
            for page in issue.visible_pages
        ],
    }


class IssueListForm(forms.Form):
    publication = forms.CharField(label="报纸标识", required=False, max_length=64)
    date_from = forms.DateField(label="出版日期不早于", required=False)
    date_to = forms.DateField(label="出版日期不晚于", required=False)


def _with_pages(issues: QuerySet[Issue]) -> QuerySet[Issue]:
    from django.db.models import Prefetch

    return issues.prefetch_related(
        Prefetch(
            "pages",
            queryset=_published_pages().only("pk", "number", "section", "issue_id"),
            to_attr="visible_pages",
        )
    )


class IssueList(APIView):
    """Dated editions that have published items, newest first."""

    @extend_schema(
        parameters=[*_form_parameters(IssueListForm.base_fields), *PAGING_PARAMETERS],
        operation_id="issues_list",
        responses={200: _paged(s.IssueSerializer), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = _validated(IssueListForm, request)
        issues = _visible_issues()
        if data["publication"]:
            issues = issues.filter(publication__slug=data["publication"])
        if data["date_from"]:
            issues = issues.filter(date__gte=data["date_from"])
        if data["date_to"]:
            issues = issues.filter(date__lte=data["date_to"])
        paginator = KeysetPagination()
        keys = [Key("date", descending=True, kind=datetime.date), Key("id", True)]
        rows = paginator.paginate(issues, request, keys, prepare=_with_pages)
        return Response(
            {
                "next": paginator.next_url,
                "results": [_issue_row(request, issue) for issue in rows],
            }
        )


class IssueDetail(APIView):
    @extend_schema(responses={200: s.IssueSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        issue = _with_pages(_visible_issues()).filter(pk=pk).first()
        if issue is None:
            raise Http404
        return Response(_issue_row(request, issue))


class PageDetail(APIView):
    """One printed page: its decoded text and the published items on it."""

    @extend_schema(responses={200: s.PageSerializer, **DETAIL_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        page = (
            _published_pages()
            .select_related("issue__publication")
            .defer("raw")
            .filter(pk=pk)
            .first()
        )
        if page is None:
            raise Http404
        items = list(
            page.items.order_by("position").only(
                "pk", "position", "kind", "title", "status", "page_id"
            )
        )
        published = [item for item in items if item.is_published]
        # The page text would show a draft's words before an editor publishes it.
        text = page.text if len(published) == len(items) else None
        return Response(
            {
                "id": page.pk,
                "issue": _issue_ref(request, page.issue),
                "publication": page.issue.publication.slug,
                "number": page.number,
                "section": page.section,
                "encoding": page.encoding,
                "sha256": page.sha256,
                "source_filename": page.source_filename,
                "text": text,
                "items": [
                    {
                        "id": item.pk,
                        "position": item.position,
                        "kind": item.kind,
                        "title": item.title,
                        "api_url": _url(request, "api:item-detail", pk=item.pk),
                    }
                    for item in published
                ],
                "url": request.build_absolute_uri(page.issue.get_absolute_url())
                + f"#page-{page.number}",
            }
        )


# ---------------------------------------------------------------- notices


def _notice_keys(status: str) -> list[Key]:
    if status in ("", "open", "closing"):
        return [Key("deadline", kind=datetime.date), Key("item_id")]
    if status == "closed":
        return [Key("deadline", True, datetime.date), Key("item_id", True)]
    return [
        Key("item__date", True, datetime.date, attr="item__date"),
        Key("item_id", True),
    ]


def notice_row(
    request: Request, notice: Notice, today: datetime.date
) -> dict[str, Any]:
    item = notice.item
    places = list(item.places.all())
    deadline = notice.deadline_date
    return {
        "id": item.pk,
        "title": item.title,
        "date": item.date.isoformat(),
        "publication": item.page.issue.publication.slug,
        "publication_name": item.page.issue.publication.name,
        "notice_type": notice.notice_type,
        "notice_type_label": notice.notice_type_label,
        "issuer": notice.issuer,
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_status": notice.status_on(today),
        "window_start": notice.window_start.isoformat()
        if notice.window_start
        else None,
        "window_end": notice.window_end.isoformat() if notice.window_end else None,
        "deemed_served_on": notice.deemed_served_on.isoformat()
        if notice.deemed_served_on
        else None,
        "deadline_basis": notice.deadline_basis,
        "calendar_verified": notice.calendar_verified,
        "places": [p.name for p in places],
        "place_codes": [p.code for p in places],
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "api_url": _url(request, "api:item-detail", pk=item.pk),
    }


def _notice_prepare(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    return (
        notices.select_related("item__page__issue__publication")
        .prefetch_related("item__places")
        .defer(
            "item__text",
            "item__normalized_text",
            "item__search_title",
            "item__search_bigrams",
        )
    )


class NoticeList(APIView):
    """Notices and their legal windows: open, closing within N days, closed."""

    @extend_schema(
        parameters=[*_form_parameters(NoticeListForm.base_fields), *PAGING_PARAMETERS],
        operation_id="notices_list",
        responses={200: _paged(s.NoticeRowSerializer), **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = _validated(NoticeListForm, request)
        today = timezone.localdate()
        notices = filtered_notices(data, today, items=Item.objects.published())
        keys = _notice_keys(data["status"])
        paginator = KeysetPagination()
        rows = paginator.paginate(notices, request, keys, prepare=_notice_prepare)
        return Response(
            {
                "next": paginator.next_url,
                "results": [notice_row(request, n, today) for n in rows],
            }
        )
