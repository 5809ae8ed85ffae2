from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["item", "notice_type", "issuer", "signed_on", "window_end"]
    list_filter = ["notice_type", "deadline_basis", "calendar_verified"]
    search_fields = ["item__title", "issuer", "document_numbers", "addressees"]
    date_hierarchy = "signed_on"
    raw_id_fields = ["item"]
    list_select_related = ["item"]
