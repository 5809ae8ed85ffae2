from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "地方金融档案 · 编辑后台"
admin.site.site_title = "地方金融档案"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("archive.api.urls")),
    # Sign-in for readers who save searches (Django's own views, Chinese templates).
    path("accounts/", include("django.contrib.auth.urls")),
    path("notices/", include("notices.urls")),
    path("", include("archive.urls")),
]
