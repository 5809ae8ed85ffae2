"""The shapes of API responses, for the OpenAPI schema.

The views build plain dicts (archive/api/records.py and views.py); these
serializers describe them, and the schema-driven tests check every response
against the schema generated from them.
"""

from __future__ import annotations

from rest_framework import serializers

S = serializers


class ErrorDetailSerializer(S.Serializer):
    status = S.IntegerField()
    code = S.CharField(help_text="invalid_parameters、not_found、throttled …")
    message = S.CharField(help_text="中文说明")
    fields = S.DictField(
        child=S.ListField(child=S.CharField()),
        help_text="出错的参数及原因（没有时为空对象）",
    )


class ErrorSerializer(S.Serializer):
    error = ErrorDetailSerializer()


class ItemRowSerializer(S.Serializer):
    """An item as listed (and as every export writes it)."""

    id = S.IntegerField()
    kind = S.ChoiceField(choices=["article", "notice"])
    title = S.CharField()
    date = S.DateField()
    publication = S.CharField(help_text="报纸标识")
    publication_name = S.CharField()
    page = S.IntegerField(help_text="版次")
    section = S.CharField(allow_blank=True, help_text="版名")
    position = S.IntegerField(help_text="版内序号")
    authors = S.ListField(child=S.CharField())
    notice_type = S.CharField(allow_blank=True)
    issuer = S.CharField(allow_blank=True)
    deadline = S.DateField(allow_null=True, help_text="公告期限（期限止或视为送达日）")
    places = S.ListField(child=S.CharField(), help_text="地区名称")
    place_codes = S.ListField(child=S.CharField(), help_text="12 位区划代码")
    programmes = S.ListField(child=S.CharField())
    programme_slugs = S.ListField(child=S.CharField())
    url = S.URLField(help_text="网页")
    permalink = S.URLField(help_text="永久链接（按报纸、日期、版次、版内序号）")
    api_url = S.URLField()
    text = S.CharField(allow_blank=True)


class FacetValueSerializer(S.Serializer):
    key = S.CharField(allow_blank=True)
    label = S.CharField(allow_blank=True)
    count = S.IntegerField()


class QueryEchoSerializer(S.Serializer):
    q = S.CharField(allow_blank=True)
    remarks = S.ListField(child=S.CharField(), help_text="对查询的提示（如引号不成对）")


class ItemListSerializer(S.Serializer):
    count = S.IntegerField(help_text="整个结果集的条数")
    sort = S.ChoiceField(choices=["relevance", "newest", "oldest"])
    query = QueryEchoSerializer()
    facets = S.DictField(
        child=FacetValueSerializer(many=True),
        help_text="place、year 或 month、programme、kind、notice_type、issuer、"
        "publication 的计数，均按整个结果集计算",
    )
    next = S.URLField(allow_null=True)
    results = ItemRowSerializer(many=True)


class PlaceRefSerializer(S.Serializer):
    code = S.CharField()
    name = S.CharField()
    level = S.ChoiceField(choices=["province", "city", "county", "town"])


class PlaceHierarchySerializer(PlaceRefSerializer):
    ancestors = PlaceRefSerializer(many=True, help_text="从省级到上一级")


class ProgrammeRefSerializer(S.Serializer):
    slug = S.CharField()
    name = S.CharField()


class ArticleFieldsSerializer(S.Serializer):
    column = S.CharField(allow_blank=True)
    kicker = S.CharField(allow_blank=True)
    subtitle = S.CharField(allow_blank=True)
    byline = S.CharField(allow_blank=True)
    authors = S.ListField(child=S.CharField())
    affiliation = S.CharField(allow_blank=True)
    section_heads = S.ListField(child=S.CharField())


class ContactsSerializer(S.Serializer):
    phones = S.ListField(child=S.CharField())
    emails = S.ListField(child=S.CharField())
    people = S.ListField(child=S.CharField())


class NoticeFieldsSerializer(S.Serializer):
    notice_type = S.CharField()
    notice_type_label = S.CharField(allow_blank=True)
    round = S.IntegerField(allow_null=True)
    document_title = S.CharField(allow_blank=True)
    cited_law = S.CharField(allow_blank=True)
    mailed_on = S.DateField(allow_null=True)
    issuer = S.CharField(allow_blank=True)
    addressees = S.ListField(child=S.CharField())
    document_numbers = S.ListField(child=S.CharField())
    signed_on = S.DateField(allow_null=True)
    period_text = S.CharField(allow_blank=True, help_text="期限原文")
    window_start = S.DateField(allow_null=True)
    window_end = S.DateField(allow_null=True)
    window_printed = S.CharField(allow_blank=True)
    working_days = S.IntegerField(allow_null=True)
    deemed_served_on = S.DateField(allow_null=True)
    deadline = S.DateField(allow_null=True, help_text="期限止，否则视为送达日")
    deadline_status = S.ChoiceField(choices=["open", "closing", "closed", "none"])
    deadline_basis = S.ChoiceField(
        choices=["calendar_days", "working_days", "printed", "none"]
    )
    deadline_basis_label = S.CharField()
    deadline_note = S.CharField(allow_blank=True, help_text="期限如何计算")
    calendar_verified = S.BooleanField(help_text="已按国务院节假日安排核验")
    calendar_lines = S.ListField(
        child=S.CharField(), help_text="期间内的节假日与调休上班日"
    )
    flags = S.ListField(child=S.CharField(), help_text="待编辑核对的问题")
    contacts = ContactsSerializer()
    links = S.ListField(child=S.CharField())
    project = S.CharField(allow_blank=True)
    location = S.CharField(allow_blank=True)


class FigureSerializer(S.Serializer):
    position = S.IntegerField()
    text = S.CharField()
    value = S.CharField(help_text="十进制数字字符串，已换算到单位（如 28942000000）")
    unit = S.CharField()
    as_of = S.CharField(allow_blank=True)
    context = S.CharField(help_text="所在句子")


class CitationSerializer(S.Serializer):
    gbt7714 = S.CharField(help_text="GB/T 7714-2015 报纸析出文献格式")
    ris_url = S.URLField()
    bibtex_url = S.URLField()


class IssueRefSerializer(S.Serializer):
    id = S.IntegerField()
    date = S.DateField()
    number = S.CharField(allow_blank=True)
    api_url = S.URLField()


class ItemDetailSerializer(ItemRowSerializer):
    published_at = S.DateTimeField(allow_null=True)
    source_line = S.IntegerField(help_text="在版面原文中的起始行")
    place_hierarchy = PlaceHierarchySerializer(many=True)
    figures = FigureSerializer(many=True)
    article = ArticleFieldsSerializer(allow_null=True)
    notice = NoticeFieldsSerializer(allow_null=True)
    citation = CitationSerializer()
    issue = IssueRefSerializer()
    page_api_url = S.URLField()


class PlaceSerializer(S.Serializer):
    code = S.CharField()
    name = S.CharField()
    short_name = S.CharField()
    level = S.ChoiceField(choices=["province", "city", "county", "town"])
    parent = S.CharField(allow_null=True, help_text="上级的区划代码")
    url = S.URLField()
    api_url = S.URLField()
    children_url = S.URLField()


class PlaceDetailSerializer(PlaceSerializer):
    ancestors = PlaceRefSerializer(many=True)
    children = PlaceRefSerializer(many=True)
    items_url = S.URLField()


class ProgrammeSerializer(S.Serializer):
    slug = S.CharField()
    name = S.CharField()
    description = S.CharField(allow_blank=True)
    signal_terms = S.ListField(child=S.CharField())
    item_count = S.IntegerField()
    url = S.URLField()
    api_url = S.URLField()
    items_url = S.URLField()


class PublicationSerializer(S.Serializer):
    slug = S.CharField()
    name = S.CharField()
    home_region = S.CharField(allow_null=True)
    url = S.URLField()
    api_url = S.URLField()
    issues_url = S.URLField()
    items_url = S.URLField()


class PageRefSerializer(S.Serializer):
    id = S.IntegerField()
    number = S.IntegerField()
    section = S.CharField(allow_blank=True)
    api_url = S.URLField()


class IssueSerializer(S.Serializer):
    id = S.IntegerField()
    publication = S.CharField()
    publication_name = S.CharField()
    date = S.DateField()
    number = S.CharField(allow_blank=True)
    url = S.URLField()
    api_url = S.URLField()
    pages = PageRefSerializer(many=True)


class PageItemSerializer(S.Serializer):
    id = S.IntegerField()
    position = S.IntegerField()
    kind = S.ChoiceField(choices=["article", "notice"])
    title = S.CharField()
    api_url = S.URLField()


class PageSerializer(S.Serializer):
    id = S.IntegerField()
    issue = IssueRefSerializer()
    publication = S.CharField()
    number = S.IntegerField()
    section = S.CharField(allow_blank=True)
    encoding = S.CharField()
    sha256 = S.CharField()
    source_filename = S.CharField()
    text = S.CharField(
        allow_null=True,
        help_text="版面解码文本；版面上有未发布的条目时为 null",
    )
    items = PageItemSerializer(many=True)
    url = S.URLField()


class NoticeRowSerializer(S.Serializer):
    id = S.IntegerField(help_text="条目 id")
    title = S.CharField()
    date = S.DateField()
    publication = S.CharField()
    publication_name = S.CharField()
    notice_type = S.CharField()
    notice_type_label = S.CharField(allow_blank=True)
    issuer = S.CharField(allow_blank=True)
    deadline = S.DateField(allow_null=True)
    deadline_status = S.ChoiceField(choices=["open", "closing", "closed", "none"])
    window_start = S.DateField(allow_null=True)
    window_end = S.DateField(allow_null=True)
    deemed_served_on = S.DateField(allow_null=True)
    deadline_basis = S.CharField()
    calendar_verified = S.BooleanField()
    places = S.ListField(child=S.CharField())
    place_codes = S.ListField(child=S.CharField())
    url = S.URLField()
    api_url = S.URLField()


class RootSerializer(S.Serializer):
    name = S.CharField()
    schema = S.URLField()
    docs = S.URLField()
    endpoints = S.DictField(child=S.URLField())
