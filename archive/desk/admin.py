"""The desk's records in the admin: history and staged uploads, read-only."""

from django.contrib import admin

from .models import CorrectionEvent, StagedUpload


class _ReadOnly(admin.ModelAdmin):
    # History is evidence, and uploads are handled on the desk.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CorrectionEvent)
class CorrectionEventAdmin(_ReadOnly):
    list_display = ["created_at", "username", "action", "field", "title", "reverted_by"]
    list_filter = ["action", "field"]
    search_fields = ["username", "title"]
    date_hierarchy = "created_at"


@admin.register(StagedUpload)
class StagedUploadAdmin(_ReadOnly):
    list_display = ["created_at", "username", "publication", "state", "import_run_id"]
    list_filter = ["state"]
    search_fields = ["username", "publication", "token"]
