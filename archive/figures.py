"""The figures dataset: extracted amounts and rates as data, with a chart.

Figures are chosen by the search page's filters (place, programme, year, q …,
through archive.filters.resolve_search) plus their own: unit and indicator (a
phrase the figure's text contains, e.g. 普惠小微贷款余额). The chart draws one
indicator over time, one line per city, each point linked to its item and
sentence; it is inline SVG built here, so it needs no JavaScript.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import django_filters
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .filters import ResolvedSearch, resolve_search
from .models import Figure, Place, Programme

PAGE_SIZE = 50
CHART_MAX_POINTS = 600
CHART_MAX_SERIES = 6
CHART_WIDTH, CHART_HEIGHT = 720, 300
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 70, 20, 16, 40
SUGGESTED_INDICATORS = [
    "普惠小微贷款余额",
    "绿色贷款余额",
    "科技型企业贷款余额",
    "涉农贷款余额",
    "创业担保贷款",
    "各项贷款余额",
]


class FigureFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(
        field_name="unit", lookup_expr="exact", label="单位", max_length=16
    )
    indicator = django_filters.CharFilter(
        field_name="text", lookup_expr="contains", label="指标", max_length=50
    )

    class Meta:
        model = Figure
        fields: list[str] = []


@dataclass
class FigureSearch:
    resolved: ResolvedSearch
    filterset: FigureFilter
    figures: QuerySet[Figure] | None  # None when a parameter is invalid
    errors: dict[str, list[str]] = field(default_factory=dict)


def figures_for(data: Mapping[str, Any], *, user: Any) -> FigureSearch:
    """Figures of the items the search filters select, narrowed by unit/indicator."""
    resolved = resolve_search(data, user=user)
    filterset = FigureFilter(data, queryset=Figure.objects.all())
    errors: dict[str, list[str]] = {}
    for form_errors in (
        resolved.filterset.errors if not resolved.filterset.is_valid() else {},
        filterset.errors if not filterset.is_valid() else {},
    ):
        errors |= {k: [str(m) for m in v] for k, v in form_errors.items()}
    if errors:
        return FigureSearch(resolved, filterset, None, errors)
    figures = filterset.qs.filter(item__in=resolved.items.values("pk")).order_by(
        "-item__date", "item_id", "position"
    )
    return FigureSearch(resolved, filterset, figures)


_AS_OF = re.compile(
    r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日?"
    r"|(?P<month_only>\d{1,2})月(?:末|底)?"
    r"|(?P<quarter>[一二三四1-4])季度末?"
    r"|(?P<half>上半年)"
    r"|(?:末|底)?)"
)
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def as_of_date(text: str, fallback: datetime.date) -> datetime.date:
    """The day an as-of phrase names (2025年6月末 → 2025-06-30), else fallback."""
    match = _AS_OF.search(text or "")
    if match is None:
        return fallback
    year = int(match["year"])
    try:
        if match["month"]:
            return datetime.date(year, int(match["month"]), int(match["day"]))
        if match["month_only"]:
            month = int(match["month_only"])
            if not 1 <= month <= 12:
                return fallback
            return _month_end(year, month)
        if match["quarter"]:
            return _month_end(year, _QUARTERS[match["quarter"]])
        if match["half"]:
            return datetime.date(year, 6, 30)
        return datetime.date(year, 12, 31)
    except ValueError:  # 2025年13月, 2月30日: printed wrongly, use the paper's date
        return fallback


def _scale(unit: str, peak: Decimal) -> tuple[Decimal, str]:
    """Divide values for axis labels: 元 in 亿元 or 万元, counts in 万."""
    if unit == "元" and peak >= 10**8:
        return Decimal(10**8), "亿元"
    if unit == "元" and peak >= 10**4:
        return Decimal(10**4), "万元"
    if unit not in {"%", "‰", "百分点"} and peak >= 10**5:
        return Decimal(10**4), f"万{unit}"
    return Decimal(1), unit


def _city(place: Place) -> Place:
    if place.level in (Place.Level.COUNTY, Place.Level.TOWN) and place.city:
        return place.city
    return place


@dataclass
class Point:
    x: float
    y: float
    day: datetime.date
    label: str
    url: str
    title: str


@dataclass
class Series:
    name: str
    index: int
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def chart(figures: QuerySet[Figure], indicator: str) -> dict[str, Any] | None:
    """One line per city for the figures of one indicator, or None if too few."""
    rows = list(
        figures.select_related("item")
        .prefetch_related("item__places__city")
        .order_by("item__date", "item_id", "position")[:CHART_MAX_POINTS]
    )
    if not rows:
        return None
    unit = Counter(f.unit for f in rows).most_common(1)[0][0]
    rows = [f for f in rows if f.unit == unit]
    by_place: dict[str, list[tuple[datetime.date, Figure]]] = defaultdict(list)
    for figure in rows:
        places = {_city(p).name for p in figure.item.places.all()} or {"（未标地区）"}
        day = as_of_date(figure.as_of, figure.item.date)
        for name in sorted(places):
            by_place[name].append((day, figure))
    biggest = sorted(by_place, key=lambda n: (-len(by_place[n]), n))
    names = biggest[:CHART_MAX_SERIES]
    shown = [(d, f) for n in names for d, f in by_place[n]]
    days = [d for d, _ in shown]
    first, last = min(days), max(days)
    peak = max(f.value for _, f in shown)
    divisor, shown_unit = _scale(unit, peak)
    span_days = max((last - first).days, 1)
    plot_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    top = float(peak / divisor) * 1.05 or 1.0

    def x_of(day: datetime.date) -> float:
        return CHART_LEFT + plot_w * (day - first).days / span_days

    def y_of(value: Decimal) -> float:
        return CHART_TOP + plot_h * (1 - float(value / divisor) / top)

    series = []
    for index, name in enumerate(names):
        points = [
            Point(
                x=x_of(day),
                y=y_of(figure.value),
                day=day,
                label=f"{float(figure.value / divisor):,.2f}{shown_unit}",
                url=f"{figure.item.get_absolute_url()}#figure-{figure.position}",
                title=f"{name} {day:%Y-%m-%d}：{figure.text}（{figure.context}）",
            )
            for day, figure in sorted(by_place[name], key=lambda pair: pair[0])
        ]
        series.append(Series(name=name, index=index, points=points))
    ticks = [
        {"y": y_of(Decimal(str(top * k / 4)) * divisor), "label": f"{top * k / 4:,.0f}"}
        for k in range(5)
    ]
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    x_ticks = [
        {"x": x_of(datetime.date(year, 1, 1)), "label": str(year)} for year in years
    ]
    return {
        "indicator": indicator,
        "unit": shown_unit,
        "series": series,
        "y_ticks": ticks,
        "x_ticks": x_ticks,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "bottom": CHART_HEIGHT - CHART_BOTTOM,
        "right": CHART_WIDTH - CHART_RIGHT,
        "omitted_places": max(len(biggest) - CHART_MAX_SERIES, 0),
    }


def figure_list(request: HttpRequest) -> HttpResponse:
    """The figures dataset page: filters, a chart of one indicator, the table."""
    search = figures_for(request.GET, user=request.user)
    figures = search.figures
    page = None
    indicator = (request.GET.get("indicator") or "").strip()[:50]
    drawn = None
    facets: dict = {}
    if figures is not None:
        facets = search.resolved.counts(request.GET)[1]
        listed = figures.select_related("item__page__issue__publication")
        listed = listed.prefetch_related("item__places", "item__programmes")
        page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page", 1))
        if indicator:
            drawn = chart(figures, indicator)
    units = Figure.objects.values_list("unit", flat=True).distinct().order_by("unit")
    context = {
        "search": search,
        "page_obj": page,
        "chart": drawn,
        "indicator": indicator,
        "suggested": SUGGESTED_INDICATORS,
        "units": units,
        "programmes": Programme.objects.all(),
        "place": search.resolved.place,
        "facets": facets,
        "export_query": request.GET.urlencode(),
    }
    return render(request, "archive/figure_list.html", context)
