from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.home, name="home"),
    path("upload/", views.upload, name="upload"),
    path("uploads/<str:token>/", views.upload_preview, name="upload-preview"),
    path("uploads/<str:token>/confirm/", views.upload_confirm, name="upload-confirm"),
    path("uploads/<str:token>/import/", views.upload_import, name="upload-import"),
    path("uploads/<str:token>/cancel/", views.upload_cancel, name="upload-cancel"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/retry/<int:index>/", views.run_retry, name="run-retry"),
    path("items/<int:pk>/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/fields/", views.item_fields, name="item-fields"),
    path("items/<int:pk>/places/", views.item_places, name="item-places"),
    path("items/<int:pk>/programmes/", views.item_programmes, name="item-programmes"),
    path("items/<int:pk>/kind/", views.item_kind, name="item-kind"),
    path("items/<int:pk>/split/", views.item_split, name="item-split"),
    path("items/<int:pk>/merge/", views.item_merge, name="item-merge"),
    path("items/<int:pk>/status/", views.item_status, name="item-status"),
    path("issues/<int:pk>/", views.issue_edit, name="issue-edit"),
    path("issues/<int:pk>/status/", views.issue_status, name="issue-status"),
    path("issues/<int:pk>/date/", views.issue_date, name="issue-date"),
    path("review/", views.review, name="review"),
    path("review/issuers/", views.issuer_review, name="issuer-review"),
    path("history/", views.history, name="history"),
    path("history/<int:pk>/revert/", views.event_revert, name="event-revert"),
]
