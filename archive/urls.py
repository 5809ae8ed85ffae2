from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("dates/", views.browse_dates, name="browse-dates"),
    path("dates/<int:year>/", views.browse_dates, name="browse-year"),
    path("dates/<int:year>/<int:month>/", views.browse_dates, name="browse-month"),
    path("issues/<int:pk>/", views.IssueDetailView.as_view(), name="issue-detail"),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    path("places/<str:code>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path(
        "programmes/<slug:slug>/",
        views.ProgrammeDetailView.as_view(),
        name="programme-detail",
    ),
]
