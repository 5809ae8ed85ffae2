"""Reader-facing pages: thin views over ItemQuerySet."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .models import Issue, Item, Place, Programme, Publication

LATEST_ON_HOME = 20
PAGE_SIZE = 20
MAX_QUERY_CHARS = 200


def _visible_items(request: HttpRequest) -> QuerySet[Item]:
    return (
        Item.objects.visible_to(request.user)
        .with_source()
        .prefetch_related("places", "programmes")
    )


def home(request: HttpRequest) -> HttpResponse:
    visible = Item.objects.visible_to(request.user)
    counts = visible.counts_by_kind()
    context = {
        "latest_items": _visible_items(request).latest()[:LATEST_ON_HOME],
        "article_count": counts.get(Item.Kind.ARTICLE, 0),
        "notice_count": counts.get(Item.Kind.NOTICE, 0),
        "publications": Publication.objects.all(),
        "programmes": Programme.objects.all(),
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
        context["issues"] = self.publication.issues.all()[:30]
        return context


class PlaceDetailView(_ItemListView):
    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.place = get_object_or_404(
            Place.objects.select_related("province", "city", "county"),
            code=self.kwargs["code"],
        )
        # An item about 翁牛特旗 also belongs under 赤峰市 and 内蒙古.
        about_place = (
            Q(places=self.place)
            | Q(places__province=self.place)
            | Q(places__city=self.place)
            | Q(places__county=self.place)
        )
        matching = Item.objects.filter(about_place).values("pk")
        return items.filter(pk__in=matching)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.place.full_path
        context["place"] = self.place
        context["children"] = self.place.children.all()[:200]
        return context


class ProgrammeDetailView(_ItemListView):
    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return items.filter(programmes=self.programme)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.programme.name
        context["programme"] = self.programme
        return context


class SearchView(_ItemListView):
    """Interim search: every term in the title or text (issue 4 replaces it)."""

    def narrow(self, items: QuerySet[Item]) -> QuerySet[Item]:
        self.query = self.request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
        terms = self.query.split()
        if not terms:
            return items.none()
        for term in terms:
            items = items.filter(Q(title__icontains=term) | Q(text__icontains=term))
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = f"搜索：{self.query}" if self.query else "搜索"
        context["query"] = self.query
        return context
