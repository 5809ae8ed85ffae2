"""Template helpers: highlighted pieces and querystrings that drop one filter."""

from decimal import Decimal

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def marked(pieces) -> str:
    """Render (plain, match, plain, …) pieces with <mark> around the matches."""
    return format_html_join(
        "",
        "{}",
        (
            (piece,) if index % 2 == 0 else (_mark(piece),)
            for index, piece in enumerate(pieces)
        ),
    )


def _mark(piece: str):
    from django.utils.html import format_html

    return format_html("<mark>{}</mark>", piece)


@register.simple_tag(takes_context=True)
def without(context, *keys: str) -> str:
    """The current querystring minus `keys` (and the page number)."""
    params = context["request"].GET.copy()
    for key in (*keys, "page"):
        params.pop(key, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


_CHINESE_MAGNITUDES = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))


@register.filter
def readable_number(value) -> str:
    """28942000000 → 289.42亿, 35000 → 3.5万, 19.51 → 19.51: as papers print them."""
    if value is None:
        return ""
    number = Decimal(value)
    for size, name in _CHINESE_MAGNITUDES:
        if abs(number) >= size:
            scaled = (number / size).quantize(Decimal("0.01")).normalize()
            return f"{scaled:f}{name}"
    return f"{number.normalize():,f}"
