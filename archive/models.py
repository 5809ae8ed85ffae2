"""The archive's spine: where items were printed, what they are about, what they say.

Publication → Issue (a dated edition) → Page (one raw file, kept byte for byte) →
Item (an article or a notice, in print order). Everything search, facets and browsing
need lives on Item so both kinds are treated alike; the kind-specific fields sit
beside it (Article here, notices.Notice in the notices app).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, Lookup, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce, Now, StrIndex
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone

from .search import Query, Term, search_fields


@SearchVectorField.register_lookup
class BigramMatch(Lookup):
    """`search_bigrams @@ '…'::tsquery`: the tsquery is built by archive.search,
    not parsed by to_tsquery, so no dictionary can change a token."""

    lookup_name = "bigrams"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ ({rhs})::tsquery", [*lhs_params, *rhs_params]


_TITLE = F("search_title")


def _index_exact(term: Term) -> bool:
    """A one- or two-character term with no space is exactly one index token,
    so the GIN index alone decides it and the costly read of the text is skipped."""
    return (
        not term.scope
        and len(term.text) <= 2
        and not any(char.isspace() for char in term.text)
    )


def _term_condition(term: Term):
    """The exact recheck of one (normalised) term, by scope."""
    if term.scope == "author":
        from .models import Article

        return Exists(
            Article.objects.filter(item=OuterRef("pk"), byline__icontains=term.text)
        )
    if term.scope == "issuer":
        from notices.models import Notice

        return Exists(
            Notice.objects.filter(item=OuterRef("pk"), issuer__icontains=term.text)
        )
    if _index_exact(term):
        return Q(search_bigrams__bigrams=term.tsquery())
    haystack = _TITLE if term.scope == "title" else F("normalized_text")
    return GreaterThan(StrIndex(haystack, Value(term.text)), 0)


class PlaceQuerySet(models.QuerySet["Place"]):
    def at_level(self, level: str) -> PlaceQuerySet:
        return self.filter(level=level)

    def under(self, place: Place) -> PlaceQuerySet:
        """Places strictly below `place` in the hierarchy."""
        return self.filter(Q(province=place) | Q(city=place) | Q(county=place)).exclude(
            pk=place.pk
        )

    def named(self, name: str) -> PlaceQuerySet:
        return self.filter(Q(name=name) | Q(short_name=name))


class Place(models.Model):
    """An administrative division, from province down to town."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级（市/盟/州）"
        COUNTY = "county", "县级（县/旗/区/县级市）"
        TOWN = "town", "乡级（镇/乡/苏木/街道）"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("全称", max_length=64)
    short_name = models.CharField("简称", max_length=64)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Ancestors are denormalised so a facet can count an item about 翁牛特旗 under
    # 赤峰市 with one GROUP BY instead of a recursive query.
    province = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    city = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    county = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = "地区"
        verbose_name_plural = "地区"
        ordering = ["code"]
        indexes = [
            # Resolving names printed in text (赤峰, 库伦旗) to places.
            models.Index(fields=["name"], name="place_name_idx"),
            models.Index(fields=["short_name"], name="place_short_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | (~Q(level="province") & Q(parent__isnull=False)),
                name="place_only_provinces_are_roots",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:place-detail", kwargs={"code": self.code})

    def ancestors(self) -> list[Place]:
        """The chain from province down to this place's parent."""
        chain = [self.province, self.city, self.county]
        return [p for p in chain if p is not None and p.pk != self.pk]

    @property
    def full_path(self) -> str:
        return " › ".join(p.name for p in [*self.ancestors(), self])


class Programme(models.Model):
    """One of the 五篇大文章, with the terms that signal an item belongs to it."""

    slug = models.SlugField("标识", max_length=32, unique=True)
    name = models.CharField("名称", max_length=32, unique=True)
    description = models.TextField("说明", blank=True)
    signal_terms = ArrayField(
        models.CharField(max_length=32),
        verbose_name="信号词",
        default=list,
        blank=True,
        help_text="用英文逗号分隔；正文中出现这些词是归入本项目的依据之一。",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "金融“五篇大文章”"
        verbose_name_plural = "金融“五篇大文章”"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:programme-detail", kwargs={"slug": self.slug})


class Publication(models.Model):
    """A newspaper."""

    name = models.CharField("报纸名称", max_length=64, unique=True)
    slug = models.SlugField("标识", max_length=64, unique=True)
    home_region = models.ForeignKey(
        Place,
        verbose_name="所在地区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )

    class Meta:
        verbose_name = "报纸"
        verbose_name_plural = "报纸"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:publication-detail", kwargs={"slug": self.slug})


class Issue(models.Model):
    """One dated edition of a publication."""

    publication = models.ForeignKey(
        Publication,
        verbose_name="报纸",
        on_delete=models.PROTECT,
        related_name="issues",
    )

    class DateStatus(models.TextChoices):
        CONFIRMED = "confirmed", "已确认"
        PROPOSED = "proposed", "推测，待编辑确认"

    date = models.DateField("出版日期")
    number = models.CharField("期号", max_length=32, blank=True)
    # The page rarely prints its date; a guessed one stays a draft until confirmed.
    date_status = models.CharField(
        "日期状态",
        max_length=10,
        choices=DateStatus.choices,
        default=DateStatus.CONFIRMED,
    )

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-date", "publication__name"]
        constraints = [
            # Natural key: re-importing an edition finds the same row.
            models.UniqueConstraint(
                fields=["publication", "date"], name="issue_unique_publication_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication.name} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("archive:issue-detail", kwargs={"pk": self.pk})


class Page(models.Model):
    """One printed page: the raw file verbatim (the source of truth) and its text."""

    issue = models.ForeignKey(
        Issue, verbose_name="期", on_delete=models.PROTECT, related_name="pages"
    )
    number = models.PositiveSmallIntegerField("版次")
    section = models.CharField("版名", max_length=64, blank=True)
    raw = models.BinaryField("原始字节")
    text = models.TextField("解码文本")
    encoding = models.CharField("编码", max_length=16)
    sha256 = models.CharField("SHA-256", max_length=64)
    source_filename = models.CharField("源文件名", max_length=255)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["issue", "number"]
        constraints = [
            # Natural key publication + date + 版次 (with the issue's own key).
            models.UniqueConstraint(
                fields=["issue", "number"], name="page_unique_issue_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="page_number_positive"
            ),
        ]
        indexes = [
            # "Have we seen these bytes before?" on re-import.
            models.Index(fields=["sha256"], name="page_sha256_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.issue} 第{self.number}版"

    def get_absolute_url(self) -> str:
        return f"{self.issue.get_absolute_url()}#page-{self.number}"


class PageRevision(models.Model):
    """A page's previous raw file, kept when different bytes replace it."""

    page = models.ForeignKey(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="revisions"
    )
    raw = models.BinaryField("原始字节")
    text = models.TextField("解码文本")
    encoding = models.CharField("编码", max_length=16)
    sha256 = models.CharField("SHA-256", max_length=64)
    source_filename = models.CharField("源文件名", max_length=255)
    imported_at = models.DateTimeField("当时导入时间")
    replaced_at = models.DateTimeField("被替换时间", auto_now_add=True)

    class Meta:
        verbose_name = "版面历史"
        verbose_name_plural = "版面历史"
        ordering = ["page", "-replaced_at"]

    def __str__(self) -> str:
        return f"{self.page}（{self.replaced_at:%Y-%m-%d %H:%M} 前的版本）"

    def get_absolute_url(self) -> str:
        return self.page.get_absolute_url()


class ItemQuerySet(models.QuerySet["Item"]):
    def published(self) -> ItemQuerySet:
        return self.filter(status=Item.Status.PUBLISHED)

    def publish(self) -> int:
        """Make items public; the first publication time is kept for alerts."""
        return self.update(
            status=Item.Status.PUBLISHED,
            published_at=Coalesce(F("published_at"), Now()),
        )

    def published_since(self, moment) -> ItemQuerySet:
        """Items that became public after `moment` ("new since last visit")."""
        return self.published().filter(published_at__gt=moment)

    def visible_to(self, user) -> ItemQuerySet:
        """Drafts only for staff allowed to view them; published items for everyone."""
        if user.is_authenticated and user.has_perm("archive.view_item"):
            return self
        return self.published()

    def articles(self) -> ItemQuerySet:
        return self.filter(kind=Item.Kind.ARTICLE)

    def notices(self) -> ItemQuerySet:
        return self.filter(kind=Item.Kind.NOTICE)

    def latest(self) -> ItemQuerySet:
        return self.order_by("-date", "page__number", "position")

    def about_place(self, place: Place) -> ItemQuerySet:
        """Items tagged with `place` or below it: 翁牛特旗 counts under 赤峰市."""
        tagged = Item.places.through.objects.filter(
            Q(place=place)
            | Q(place__province=place)
            | Q(place__city=place)
            | Q(place__county=place)
        ).values("item_id")
        return self.filter(pk__in=tagged)

    def with_source(self) -> ItemQuerySet:
        return self.select_related("page__issue__publication")

    def search(self, query: Query) -> ItemQuerySet:
        """Items containing every clause of `query`, as substrings, index-first."""
        if query.is_empty:
            return self.none()
        items = self.filter(search_bigrams__bigrams=query.tsquery())
        for clause in query.clauses:
            if not clause[0].negated and all(_index_exact(t) for t in clause):
                continue  # query.tsquery() above already decides it exactly
            condition = Q()
            for term in clause:
                condition |= Q(_term_condition(term))
            items = (
                items.exclude(condition)
                if clause[0].negated
                else items.filter(condition)
            )
        return items

    def ranked(self, query: Query) -> ItemQuerySet:
        """Title hits first, then the newest: the cheap first stage of relevance.

        Counting occurrences needs every match's text; search_results re-ranks
        only the top of this order by occurrences (see RERANK_WINDOW there).
        """
        terms = [t.text for clause in query.positive for t in clause]
        if not terms:
            return self.latest()
        title_hits = sum(
            (
                Cast(GreaterThan(StrIndex(_TITLE, Value(t)), 0), models.IntegerField())
                for t in terms
            ),
            Value(0),
        )
        return self.annotate(title_hits=title_hits).order_by(
            "-title_hits", "-date", "pk"
        )

    def counts_by_kind(self) -> dict[str, int]:
        rows = self.order_by().values("kind").annotate(count=models.Count("pk"))
        return {row["kind"]: row["count"] for row in rows}


class Item(models.Model):
    """What articles and notices share, so search and facets treat them alike."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "文章"
        NOTICE = "notice", "公告"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    page = models.ForeignKey(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("版内序号")
    title = models.CharField("标题", max_length=500)
    text = models.TextField("正文")
    # normalize(title + "\n" + text): Traditional→Simplified, full→half width,
    # Latin lower-cased. The substring recheck of every search runs on it.
    normalized_text = models.TextField("规范化正文", blank=True)
    # normalize(title): title scopes and title-first ranking read only this.
    search_title = models.CharField("规范化标题", max_length=500, blank=True)
    # Character bigrams of normalized_text (archive/search.py): the GIN index
    # that lets a substring search skip a sequential scan.
    search_bigrams = SearchVectorField("检索二元组", null=True, blank=True)
    source_line = models.PositiveIntegerField("版面起始行", default=1)
    # What the parser derived (before corrections); reparse compares it to skip
    # unchanged items and report the changed ones.
    parsed_digest = models.CharField("解析指纹", max_length=64, blank=True)
    # Copied from the issue so date facets and sorting need no join.
    date = models.DateField("日期")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # When the item first became public: saved searches count "new since your
    # last visit" and alert digests from it (an import date would miss drafts
    # published later).
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    places = models.ManyToManyField(
        Place, verbose_name="地区", blank=True, related_name="items"
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name="五篇大文章", blank=True, related_name="items"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "条目"
        verbose_name_plural = "条目"
        ordering = ["-date", "page__number", "position"]
        constraints = [
            # Natural key: print order on the page; a re-import upserts by it.
            models.UniqueConstraint(
                fields=["page", "position"], name="item_unique_page_position"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="item_title_not_empty"),
        ]
        indexes = [
            # Home page and date browsing: newest first. Deliberately no btree
            # index leads with status: nearly every row is published, and such
            # an index only tempts the planner to drive a search from it
            # (test_published_searches_decide_the_status_inside_the_search_index).
            models.Index(fields=["-date"], name="item_date_idx"),
            # Every search: the AND of the query's bigrams, and the status
            # (btree_gin) so that "published" is decided inside the index too.
            # Without it the planner may drive a common term's search from a
            # status index instead, reading every row's tsvector: 1.3 s
            # against 0.2 s for 的 over 108 k items.
            GinIndex(
                fields=["search_bigrams", "status"], name="item_search_status_gin"
            ),
            # Saved searches and alerts: items published since a moment.
            models.Index(fields=["published_at"], name="item_published_at_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:item-detail", kwargs={"pk": self.pk})

    def permalink(self) -> str:
        """A path by natural key (paper, date, 版次, position on the page).

        It survives reparse (ids are kept by position anyway) and also a rebuild
        of the archive from the raw pages, which assigns new ids.
        """
        issue = self.page.issue
        return reverse(
            "archive:item-permalink",
            kwargs={
                "publication": issue.publication.slug,
                "date": f"{issue.date:%Y-%m-%d}",
                "page": self.page.number,
                "position": self.position,
            },
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def citation(self) -> str:
        """GB/T 7714-2015 newspaper form: 作者. 题名[N]. 报纸名, 出版日期(版次)."""
        authors: list[str] = []
        if self.kind == self.Kind.ARTICLE and getattr(self, "article", None):
            authors = list(self.article.authors)
        elif self.kind == self.Kind.NOTICE and getattr(self, "notice", None):
            authors = [self.notice.issuer] if self.notice.issuer else []
        # The standard lists three authors, then 等.
        names = ", ".join(authors[:3]) + (", 等" if len(authors) > 3 else "")
        issue = self.page.issue
        source = f"{issue.publication.name}, {issue.date:%Y-%m-%d}({self.page.number})."
        head = f"{names}. " if names else ""
        return f"{head}{self.title}[N]. {source}"

    def refresh_search_fields(self) -> None:
        """Recompute the normalised copy and bigrams from title and text."""
        self.normalized_text, self.search_title, self.search_bigrams = search_fields(
            self.title, self.text
        )

    def body_blocks(self) -> list[tuple[str, str]]:
        """The text below the printed header, as ("head" | "para", text) blocks."""
        lines = [line.strip() for line in self.text.split("\n") if line.strip()]
        details = self.details
        furniture: set[str] = {self.title}
        heads: set[str] = set()
        if self.kind == self.Kind.ARTICLE and details is not None:
            furniture |= {details.column, details.kicker, details.subtitle}
            furniture |= {details.byline}
            heads = set(details.section_heads)
        furniture.discard("")
        # The header is printed above the body; the template shows it from fields.
        while lines and (lines[0] in furniture or lines[0] in self.title):
            lines.pop(0)
        return [("head" if line in heads else "para", line) for line in lines]

    @property
    def details(self):
        """The kind-specific record (Article or Notice), if any."""
        related = "article" if self.kind == self.Kind.ARTICLE else "notice"
        return getattr(self, related, None)


class Article(models.Model):
    """Article-only fields, beside the Item they describe."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, primary_key=True, related_name="article"
    )
    column = models.CharField("栏目", max_length=100, blank=True)
    kicker = models.CharField("引题", max_length=200, blank=True)
    subtitle = models.CharField("副题", max_length=200, blank=True)
    byline = models.CharField("署名行", max_length=200, blank=True)
    authors = ArrayField(
        models.CharField(max_length=32), verbose_name="作者", default=list, blank=True
    )
    affiliation = models.CharField("作者单位", max_length=200, blank=True)
    section_heads = ArrayField(
        models.CharField(max_length=200),
        verbose_name="小标题",
        default=list,
        blank=True,
    )

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def __str__(self) -> str:
        return self.item.title

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()


class ItemCorrection(models.Model):
    """An editor's fix to one parsed field, re-applied after every re-import/reparse.

    Keyed by page and print position (not by item id) so it survives the item
    rows being rebuilt; `parsed_title` records what the item was when corrected.
    """

    page = models.ForeignKey(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="corrections"
    )
    position = models.PositiveSmallIntegerField("版内序号")
    field = models.CharField("字段", max_length=40)
    value = models.JSONField("更正后的值")
    parsed_title = models.CharField("更正时的标题", max_length=500, blank=True)
    username = models.CharField("编辑", max_length=150, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "编辑更正"
        verbose_name_plural = "编辑更正"
        ordering = ["page", "position", "field"]
        constraints = [
            # One standing correction per field; a newer one replaces it.
            models.UniqueConstraint(
                fields=["page", "position", "field"],
                name="correction_unique_page_position_field",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page} 第{self.position}条 {self.field}"

    def get_absolute_url(self) -> str:
        return self.page.get_absolute_url()


class StructureCorrection(models.Model):
    """An editor's change to how a page is cut into items, re-applied on reparse.

    Anchored on the line where the item starts on the page (`Item.source_line`),
    not on its position, because splits and merges renumber positions. Applied
    in creation order to the parser's items before they are written.
    """

    class Op(models.TextChoices):
        SPLIT = "split", "拆分"
        MERGE = "merge", "与上一条合并"
        KIND = "kind", "改变类型"

    page = models.ForeignKey(
        Page,
        verbose_name="版面",
        on_delete=models.CASCADE,
        related_name="structure_corrections",
    )
    op = models.CharField("操作", max_length=8, choices=Op.choices)
    line = models.PositiveIntegerField("条目起始行")
    # split: {"at": index of the item's text line that starts the new item};
    # kind: {"kind": "article" | "notice"}; merge: {}.
    value = models.JSONField("参数", default=dict, blank=True)
    username = models.CharField("编辑", max_length=150, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "版面结构更正"
        verbose_name_plural = "版面结构更正"
        ordering = ["page", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "op", "line"], name="structure_unique_page_op_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page} 第{self.line}行 {self.get_op_display()}"

    def get_absolute_url(self) -> str:
        return self.page.get_absolute_url()


class Figure(models.Model):
    """An amount or rate printed in an item, normalised to a number and a unit."""

    item = models.ForeignKey(
        Item, verbose_name="条目", on_delete=models.CASCADE, related_name="figures"
    )
    position = models.PositiveSmallIntegerField("序号")
    text = models.CharField("原文", max_length=200)
    value = models.DecimalField("数值", max_digits=24, decimal_places=4)
    unit = models.CharField("单位", max_length=16)
    as_of = models.CharField("时点", max_length=64, blank=True)
    context = models.TextField("上下文句子")

    class Meta:
        verbose_name = "数据"
        verbose_name_plural = "数据"
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "position"], name="figure_unique_item_position"
            ),
        ]
        indexes = [
            # The figures dataset filters by unit.
            models.Index(fields=["unit"], name="figure_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()


class ImportRun(models.Model):
    """An audit record of one import; no foreign keys, so it outlives pages."""

    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        SUCCEEDED = "succeeded", "成功"
        PARTIAL = "partial", "部分失败"
        FAILED = "failed", "失败"

    username = models.CharField("操作人", max_length=150, blank=True)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    dry_run = models.BooleanField("试运行", default=False)
    files = models.JSONField("文件", default=list, blank=True)
    counts = models.JSONField("计数", default=dict, blank=True)
    # Each error: {"file": ..., "line": int | None, "message": ...}.
    errors = models.JSONField("错误", default=list, blank=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["-started_at"], name="importrun_started_idx"),
        ]

    def __str__(self) -> str:
        return f"导入 #{self.pk} {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_importrun_change", args=[self.pk])


class SavedSearch(models.Model):
    """A signed-in reader's search, with "new since" counts and a daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField("名称", max_length=100)
    # The search page's parameters, canonical (sorted, no empty values, no page).
    query_string = models.CharField("检索条件", max_length=2000)
    alert = models.BooleanField("每日邮件提醒", default=True)
    created_at = models.DateTimeField("保存时间", auto_now_add=True)
    last_seen_at = models.DateTimeField("上次查看", default=timezone.now)
    last_alerted_at = models.DateTimeField("上次提醒", default=timezone.now)

    class Meta:
        verbose_name = "保存的检索"
        verbose_name_plural = "保存的检索"
        ordering = ["-created_at"]
        constraints = [
            # Saving the same search twice finds the first one.
            models.UniqueConstraint(
                fields=["user", "query_string"], name="savedsearch_unique_user_query"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:saved-search-open", kwargs={"pk": self.pk})

    def search_url(self) -> str:
        base = reverse("archive:search")
        return f"{base}?{self.query_string}" if self.query_string else base


def canonical_query_string(data) -> str:
    """The search parameters that define a result set, in a stable order."""
    from .filters import ItemFilter

    keys = [*ItemFilter.base_filters, "sort"]
    pairs = [(key, str(data.get(key, "")).strip()) for key in sorted(keys)]
    return urlencode([(key, value) for key, value in pairs if value])
