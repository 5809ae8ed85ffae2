from django.urls import path

from . import alerts, citations, exports, feeds, figures, views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path(
        "export/items.<str:fmt>",
        exports.export_items,
        name="export-items",
    ),
    path(
        "export/figures.<str:fmt>",
        exports.export_figures,
        name="export-figures",
    ),
    path("figures/", figures.figure_list, name="figure-list"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("items/<int:pk>/cite.ris", citations.item_ris, name="item-ris"),
    path("items/<int:pk>/cite.bib", citations.item_bibtex, name="item-bibtex"),
    path(
        "p/<slug:publication>/<str:date>/<int:page>/<int:position>/",
        citations.item_permalink,
        name="item-permalink",
    ),
    path("saved/", alerts.saved_search_list, name="saved-searches"),
    path("saved/new/", alerts.saved_search_create, name="saved-search-create"),
    path("saved/<int:pk>/", alerts.saved_search_open, name="saved-search-open"),
    path(
        "saved/<int:pk>/update/",
        alerts.saved_search_update,
        name="saved-search-update",
    ),
    path("accounts/signup/", alerts.signup, name="signup"),
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
