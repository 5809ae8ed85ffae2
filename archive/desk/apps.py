from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editors' desk: uploads with preview, corrections, publishing, review."""

    name = "archive.desk"
    label = "desk"
    verbose_name = "编辑台"
    default_auto_field = "django.db.models.BigAutoField"
