from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import docs, errors, views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("items/", views.ItemList.as_view(), name="item-list"),
    path("items/<int:pk>/", views.ItemDetail.as_view(), name="item-detail"),
    path("places/", views.PlaceList.as_view(), name="place-list"),
    path("places/<str:code>/", views.PlaceDetail.as_view(), name="place-detail"),
    path("programmes/", views.ProgrammeList.as_view(), name="programme-list"),
    path(
        "programmes/<slug:slug>/",
        views.ProgrammeDetail.as_view(),
        name="programme-detail",
    ),
    path("publications/", views.PublicationList.as_view(), name="publication-list"),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetail.as_view(),
        name="publication-detail",
    ),
    path("issues/", views.IssueList.as_view(), name="issue-list"),
    path("issues/<int:pk>/", views.IssueDetail.as_view(), name="issue-detail"),
    path("pages/<int:pk>/", views.PageDetail.as_view(), name="page-detail"),
    path("notices/", views.NoticeList.as_view(), name="notice-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    path(
        "docs/swagger/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="swagger",
    ),
    # Anything else under /api/v1/ answers with the API's JSON error body.
    # [\s\S]: a path with a newline in it is unknown too, not an HTML 404.
    re_path(r"^[\s\S]*$", errors.not_found, name="not-found"),
]
