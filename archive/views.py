"""Reader-facing pages: thin views over ItemQuerySet."""

from __future__ import annotations

import calendar
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import DetailView, ListView

from notices.calendar import explain_window
from notices.models import Notice
from notices.services import work_calendar

from .filters import SORTS, place_facet, search_results
from .models import (
    Issue,
    Item,
    Place,
    Programme,
    Publication,
    canonical_query_string,
)
from .search import MAX_QUERY_CHARS, highlight, parse_query

LATEST_ON_HOME = 20
OPEN_NOTICES_ON_HOME = 8
CITIES_ON_HOME = 12
PAGE_SIZE = 20


def _visible_items(request: HttpRequest) -> QuerySet[Item]:
    return (
        Item.objects.visible_to(request.user)
        .with_source()
        .prefetch_related("places", "programmes")
    )


def home(request: HttpRequest) -> HttpResponse:
    visible = Item.objects.visible_to(request.user)
    counts = visible.counts_by_kind()
    open_notices = (
        Notice.objects.filter(item__in=visible.values("pk"))
        .open_on(timezone.localdate())
        .select_related("item")
        .order_by("deadline")[:OPEN_NOTICES_ON_HOME]
    )
    context = {
        "latest_items": _visible_items(request).latest()[:LATEST_ON_HOME],
        "article_count": counts.get(Item.Kind.ARTICLE, 0),
        "notice_count": counts.get(Item.Kind.NOTICE, 0),
        "publications": Publication.objects.all(),
        "programmes": Programme.objects.annotate(
            n=Count("items", filter=Q(items__in=visible.values("pk")))
        ),
        "cities": place_facet(visible, None)[:CITIES_ON_HOME],
        "open_notices": open_notices,
    }
    return render(request, "archive/home.html", context)


class ItemDetailView(DetailView):
    model = Item
    context_object_name = "item"

    def get_queryset(self) -> QuerySet[Item]:
        return (
            _visible_items(self.request)
            .select_related("article", "notice")
            .prefetch_related("figures", "places__parent")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        query = parse_query(self.request.GET.get("q", ""))
        terms = query.highlight_terms()
        context["query"] = self.request.GET.get("q", "")[:MAX_QUERY_CHARS]
        context["blocks"] = [
            (kind, highlight(text, terms)) for kind, text in item.body_blocks()
        ]
        context["calendar_lines"] = _window_explanation(item)
        context["siblings"] = (
            Item.objects.visible_to(self.request.user)
            .filter(page=item.page)
            .exclude(pk=item.pk)
            .order_by("position")
        )
        return context


class IssueDetailView(DetailView):
    model = Issue
    context_object_name = "issue"

    def get_queryset(self) -> QuerySet[Issue]:
        items = Item.objects.visible_to(self.request.user).order_by("position")
        return Issue.objects.select_related("publication").prefetch_related(
            "pages", Prefetch("pages__items", queryset=items)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.object
        day = f"{issue.date:%Y-%m-%d}"
        context["export_query"] = urlencode(
            {"publication": issue.publication.slug, "date_from": day, "date_to": day}
        )
        return context


class _ItemListView(ListView):
    """A paginated list of visible items, newest first, narrowed by a subclass."""

    template_name = "archive/item_list.html"
    context_object_name = "items"
    paginate_by = PAGE_SIZE

    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        return items

    def get_queryset(self) -> QuerySet[Item]:
        return self.narrow(_visible_items(self.request)).latest()


class PublicationDetailView(_ItemListView):
    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.publication = get_object_or_404(Publication, slug=self.kwargs["slug"])
        return items.filter(page__issue__publication=self.publication)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.publication.name
        context["export_query"] = urlencode({"publication": self.publication.slug})
        context["issues"] = self.publication.issues.all()[:30]
        return context


class PlaceDetailView(_ItemListView):
    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.place = get_object_or_404(
            Place.objects.select_related("province", "city", "county"),
            code=self.kwargs["code"],
        )
        return items.about_place(self.place)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.place.full_path
        context["place"] = self.place
        context["children"] = self.place.children.all()[:200]
        context |= _overview(self.request, {"place": self.place.code})
        return context


class ProgrammeDetailView(_ItemListView):
    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return items.filter(programmes=self.programme)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.programme.name
        context["programme"] = self.programme
        context |= _overview(self.request, {"programme": self.programme.slug})
        return context


def _window_explanation(item: Item) -> list[str]:
    """Which days inside a notice's window were rest days or make-up working days."""
    notice = getattr(item, "notice", None) if item.kind == Item.Kind.NOTICE else None
    if notice is None:
        return []
    start = notice.window_start or item.date
    end = notice.window_end or notice.deemed_served_on
    if not (start and end):
        return []
    return explain_window(start, end, work_calendar())


def _overview(request: HttpRequest, data: dict[str, str]) -> dict:
    """A timeline and the places below, from the search code path's facets."""
    overview = search_results(data, user=request.user, per_page=1)
    chart = _chart(overview.facets.get("year", []))
    return {
        "chart": chart,
        "chart_width": max(len(chart), 1) * 36,
        "place_counts": overview.facets.get("place", []),
        "browse_query": data,
        "export_query": urlencode(data),
    }


def search(request: HttpRequest) -> HttpResponse:
    """The search page: the same code path as `manage.py search` and the API."""
    results = search_results(
        request.GET, user=request.user, page_number=request.GET.get("page", 1)
    )
    chart = _chart(results.facets.get("month") or results.facets.get("year", []))
    context = {
        "results": results,
        "query": request.GET.get("q", "")[:MAX_QUERY_CHARS],
        "sorts": SORTS,
        "chips": _chips(request, results),
        "export_query": canonical_query_string(request.GET),
        "chart": chart,
        "chart_width": max(len(chart), 1) * 36,
    }
    return render(request, "archive/item_filter.html", context)


def _chart(values) -> list[dict]:
    """Bars for results over time (years, or months within the chosen year)."""
    ordered = sorted(values, key=lambda v: int(v.key))
    peak = max((v.count for v in ordered), default=0)
    width = 36
    return [
        {
            "x": index * width,
            "height": (height := round(80 * v.count / peak) if peak else 0),
            "y": 86 - height,
            "label": v.key,
            "count": v.count,
        }
        for index, v in enumerate(ordered)
    ]


def _chips(request: HttpRequest, results) -> list[tuple[str, str]]:
    """Active filters as (label, key) so each can be removed with one click."""
    data = results.filterset.form.cleaned_data if results.filterset.is_valid() else {}
    labels = {
        "place": results.place.name if results.place else "",
        "year": f"{data.get('year')}年" if data.get("year") else "",
        "month": f"{data.get('month')}月" if data.get("month") else "",
        "kind": Item.Kind(data["kind"]).label if data.get("kind") else "",
        "programme": data.get("programme") or "",
        "notice_type": data.get("notice_type") or "",
        "issuer": data.get("issuer") or "",
        "publication": data.get("publication") or "",
        "date_from": f"自 {data['date_from']}" if data.get("date_from") else "",
        "date_to": f"至 {data['date_to']}" if data.get("date_to") else "",
    }
    if data.get("programme"):
        programme = Programme.objects.filter(slug=data["programme"]).first()
        labels["programme"] = programme.name if programme else data["programme"]
    return [(label, key) for key, label in labels.items() if label]


def browse_dates(
    request: HttpRequest, year: int | None = None, month: int | None = None
):
    """Year → month calendar of issues → the issue's pages (the issue page)."""
    visible_issues = Issue.objects.filter(
        pages__items__in=Item.objects.visible_to(request.user).values("pk")
    ).distinct()
    context: dict = {"year": year, "month": month}
    if year is None:
        context["years"] = (
            visible_issues.values_list("date__year")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-date__year")
        )
    elif month is None:
        months = dict(
            visible_issues.filter(date__year=year)
            .values_list("date__month")
            .annotate(n=Count("pk", distinct=True))
        )
        context["months"] = [(m, months.get(m, 0)) for m in range(1, 13)]
    else:
        issues: dict[int, list[Issue]] = {}
        for issue in visible_issues.filter(
            date__year=year, date__month=month
        ).select_related("publication"):
            issues.setdefault(issue.date.day, []).append(issue)
        if not 1 <= month <= 12:
            raise Http404("没有这个月份")
        weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
        context["weeks"] = [
            [(day, issues.get(day, [])) for day in week] for week in weeks
        ]
    return render(request, "archive/browse_dates.html", context)
