"""The editors' first tool: every model with useful columns, filters and search."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from notices.models import Notice

from .filters import bump_content_version
from .models import (
    Article,
    Figure,
    ImportRun,
    Issue,
    Item,
    ItemCorrection,
    Page,
    PageRevision,
    Place,
    Programme,
    Publication,
    SavedSearch,
)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "level", "parent"]
    list_filter = ["level", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent", "province", "city", "county"]
    show_full_result_count = False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "terms", "position"]
    list_editable = ["position"]
    search_fields = ["name", "signal_terms"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="信号词")
    def terms(self, obj: Programme) -> str:
        return "、".join(obj.signal_terms)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "home_region", "issue_count"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["home_region"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_issues=Count("issues"))

    @admin.display(description="期数", ordering="n_issues")
    def issue_count(self, obj: Publication) -> int:
        return obj.n_issues


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "section", "source_filename", "encoding", "sha256"]
    readonly_fields = ["source_filename", "encoding", "sha256"]
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Pages come from the importer, which keeps their raw bytes.
        return False


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["publication", "date", "date_status", "number", "page_count"]
    list_filter = ["date_status", "publication"]
    list_editable = ["date_status"]
    date_hierarchy = "date"
    search_fields = ["publication__name", "number"]
    inlines = [PageInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("publication")
            .annotate(n_pages=Count("pages"))
        )

    @admin.display(description="版数", ordering="n_pages")
    def page_count(self, obj: Issue) -> int:
        return obj.n_pages


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "source_filename", "encoding", "item_count"]
    list_filter = ["issue__publication", "encoding"]
    search_fields = ["source_filename", "sha256", "section"]
    date_hierarchy = "issue__date"
    list_select_related = ["issue__publication"]
    # The raw bytes are the source of truth: editors read them, never edit them.
    exclude = ["raw"]
    readonly_fields = [
        "issue",
        "source_filename",
        "encoding",
        "sha256",
        "raw_size",
        "text_preview",
        "created_at",
        "updated_at",
    ]
    fields = ["issue", "number", "section", *readonly_fields[1:]]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_items=Count("items"))

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="条目数", ordering="n_items")
    def item_count(self, obj: Page) -> int:
        return obj.n_items

    @admin.display(description="原始大小")
    def raw_size(self, obj: Page) -> str:
        return f"{len(obj.raw or b''):,} 字节"

    @admin.display(description="解码文本")
    def text_preview(self, obj: Page) -> str:
        return format_html('<pre class="raw-text">{}</pre>', obj.text)


class ArticleInline(admin.StackedInline):
    model = Article
    can_delete = False
    extra = 0


class NoticeInline(admin.StackedInline):
    model = Notice
    can_delete = False
    extra = 0


class FigureInline(admin.TabularInline):
    model = Figure
    fields = ["position", "text", "value", "unit", "as_of"]
    extra = 0


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "status", "page"]
    list_filter = [
        "kind",
        "status",
        "page__issue__publication",
        "programmes",
        "notice__notice_type",
    ]
    date_hierarchy = "date"
    search_fields = ["title"]
    list_select_related = ["page__issue__publication"]
    autocomplete_fields = ["places"]
    filter_horizontal = ["programmes"]
    raw_id_fields = ["page"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    show_full_result_count = False

    def get_inlines(self, request, obj):
        if obj is None:
            return [ArticleInline, NoticeInline, FigureInline]
        kind_inline = ArticleInline if obj.kind == Item.Kind.ARTICLE else NoticeInline
        return [kind_inline, FigureInline]

    @admin.action(description="发布所选条目", permissions=["change"])
    def publish(self, request, queryset) -> None:
        updated = queryset.publish()
        bump_content_version()
        self.message_user(request, f"已发布 {updated} 条。", messages.SUCCESS)

    @admin.action(description="撤回所选条目为草稿", permissions=["change"])
    def unpublish(self, request, queryset) -> None:
        updated = queryset.update(status=Item.Status.DRAFT)
        bump_content_version()
        self.message_user(request, f"已撤回 {updated} 条。", messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["item", "column", "byline", "affiliation"]
    search_fields = ["item__title", "byline", "authors", "column"]
    list_filter = ["column"]
    raw_id_fields = ["item"]
    list_select_related = ["item"]


@admin.register(PageRevision)
class PageRevisionAdmin(admin.ModelAdmin):
    list_display = ["page", "source_filename", "sha256", "imported_at", "replaced_at"]
    exclude = ["raw"]
    readonly_fields = [
        "page",
        "source_filename",
        "encoding",
        "sha256",
        "text",
        "imported_at",
        "replaced_at",
    ]
    list_select_related = ["page__issue__publication"]

    # History is evidence: read it, never rewrite it.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ItemCorrection)
class ItemCorrectionAdmin(admin.ModelAdmin):
    list_display = ["page", "position", "field", "value", "username", "created_at"]
    list_filter = ["field"]
    search_fields = ["parsed_title", "username"]
    raw_id_fields = ["page"]
    list_select_related = ["page__issue__publication"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["text", "value", "unit", "as_of", "item"]
    list_filter = ["unit"]
    search_fields = ["text", "context"]
    raw_id_fields = ["item"]
    list_select_related = ["item"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "started_at", "finished_at", "username", "status", "dry_run"]
    list_filter = ["status", "dry_run"]
    search_fields = ["username", "files"]
    date_hierarchy = "started_at"

    # An audit trail: nobody edits history.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "query_string", "alert", "last_alerted_at"]
    list_filter = ["alert"]
    search_fields = ["name", "query_string", "user__username"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
