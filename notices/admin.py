from django.contrib import admin

from .models import CalendarDay, CalendarYear, IssuerName, Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["item", "notice_type_label", "issuer", "signed_on", "window_end"]
    list_filter = ["notice_type", "deadline_basis", "calendar_verified"]
    search_fields = ["item__title", "issuer", "document_numbers", "addressees"]
    date_hierarchy = "signed_on"
    raw_id_fields = ["item"]
    list_select_related = ["item"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "note"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "note"]


@admin.register(IssuerName)
class IssuerNameAdmin(admin.ModelAdmin):
    list_display = ["name", "canonical", "username", "created_at"]
    search_fields = ["name", "canonical"]
