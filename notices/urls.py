from django.urls import path

from . import feeds, views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="notice-list"),
    path("closing/", views.closing_soon, name="closing-soon"),
    path("feed/", feeds.NoticeFeed(), name="notice-feed"),
]
