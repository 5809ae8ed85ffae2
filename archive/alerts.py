"""Saved searches, "new since your last visit" counts and the daily e-mail digest.

A saved search is the search page's parameters (canonical query string). "New"
means published after a moment (Item.published_at): the last visit for the
counts, the last digest for the e-mail. `manage.py send_search_alerts` sends
the digests; a scheduler (cron, a systemd timer) runs it once a day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .filters import resolve_search
from .models import Item, SavedSearch, canonical_query_string

DIGEST_ITEMS_PER_SEARCH = 10
MAX_SAVED_PER_USER = 100


def _new_items(saved: SavedSearch, since: datetime.datetime, until=None):
    resolved = resolve_search(QueryDict(saved.query_string), user=saved.user)
    items = resolved.items.published_since(since)
    if until is not None:
        items = items.filter(published_at__lte=until)
    return items


def saved_search_new_count(saved: SavedSearch) -> int:
    """Matches published since the owner last opened this search."""
    return _new_items(saved, saved.last_seen_at).count()


@transaction.atomic
def saved_search_save(*, user, data, name: str) -> SavedSearch:
    """Save the search `data` describes for `user` (the same search once)."""
    query_string = canonical_query_string(data)
    saved, created = SavedSearch.objects.get_or_create(
        user=user,
        query_string=query_string,
        defaults={"name": name or query_string or "全部条目"},
    )
    if not created and name:
        saved.name = name
        saved.full_clean()
        saved.save(update_fields=["name"])
    return saved


@dataclass(frozen=True)
class DigestSection:
    saved: SavedSearch
    count: int
    items: list[Item]


def digest_sections(
    user, *, now: datetime.datetime
) -> tuple[list[DigestSection], list[SavedSearch]]:
    """What is new for each of a user's alerting searches since its last digest."""
    sections = []
    searches = list(user.saved_searches.filter(alert=True).order_by("name"))
    for saved in searches:
        new = _new_items(saved, saved.last_alerted_at, until=now)
        count = new.count()
        if count:
            latest = list(
                new.with_source().order_by("-published_at", "-id")[
                    :DIGEST_ITEMS_PER_SEARCH
                ]
            )
            sections.append(DigestSection(saved, count, latest))
    return sections, searches


def digest_text(sections: list[DigestSection], *, site_url: str) -> str:
    lines = ["您保存的检索有新的结果：", ""]
    for section in sections:
        lines.append(f"【{section.saved.name}】新增 {section.count} 条")
        for item in section.items:
            source = f"{item.page.issue.publication.name} {item.date:%Y-%m-%d}"
            lines.append(f"  · {item.title}（{source}）")
            lines.append(f"    {site_url}{item.get_absolute_url()}")
        if section.count > len(section.items):
            lines.append(f"  …全部结果：{site_url}{section.saved.search_url()}")
        lines.append("")
    lines.append(f"管理提醒：{site_url}/saved/")
    return "\n".join(lines)


def send_search_alerts(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Send each user one digest of new matches; return counts for the command."""
    now = now or timezone.now()
    site_url = settings.ARCHIVE_SITE_URL.rstrip("/")
    sent = users = 0
    User = get_user_model()
    recipients = User.objects.filter(
        is_active=True, saved_searches__alert=True
    ).distinct()
    for user in recipients.exclude(email=""):
        users += 1
        sections, searches = digest_sections(user, now=now)
        if sections and not dry_run:
            total = sum(section.count for section in sections)
            EmailMessage(
                subject=f"地方金融档案：您保存的检索有 {total} 条新结果",
                body=digest_text(sections, site_url=site_url),
                to=[user.email],
            ).send()
            sent += 1
        if not dry_run:
            # Only after the mail left: a failed send is retried next run.
            SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(
                last_alerted_at=now
            )
        elif sections:
            sent += 1
    return {"users": users, "sent": sent}


# ---------------------------------------------------------------- views


class SaveSearchForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, required=False)
    query_string = forms.CharField(max_length=2000, required=False)


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    searches = list(request.user.saved_searches.all()[:MAX_SAVED_PER_USER])
    rows = [(saved, saved_search_new_count(saved)) for saved in searches]
    return render(request, "archive/savedsearch_list.html", {"rows": rows})


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, "检索条件无效，未能保存。")
        return redirect("archive:search")
    if request.user.saved_searches.count() >= MAX_SAVED_PER_USER:
        messages.error(request, f"最多保存 {MAX_SAVED_PER_USER} 个检索。")
        return redirect("archive:saved-searches")
    data = QueryDict(form.cleaned_data["query_string"])
    saved = saved_search_save(
        user=request.user, data=data, name=form.cleaned_data["name"].strip()
    )
    messages.success(request, f"已保存检索“{saved.name}”。")
    return redirect("archive:saved-searches")


@login_required
def saved_search_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the search as seen now and show its results."""
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.last_seen_at = timezone.now()
    saved.save(update_fields=["last_seen_at"])
    return redirect(saved.search_url())


@login_required
@require_POST
def saved_search_update(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    action = request.POST.get("action")
    if action == "delete":
        saved.delete()
        messages.success(request, f"已删除检索“{saved.name}”。")
    elif action in ("alert-on", "alert-off"):
        saved.alert = action == "alert-on"
        saved.save(update_fields=["alert"])
        state = "开启" if saved.alert else "关闭"
        messages.success(request, f"已{state}“{saved.name}”的每日邮件提醒。")
    return redirect("archive:saved-searches")


class SignupForm(UserCreationForm):
    email = forms.EmailField(label="电子邮箱", help_text="每日提醒发到这里。")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


def signup(request: HttpRequest) -> HttpResponse:
    """A reader account: save searches and receive digests (no staff rights)."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("archive:saved-searches")
    return render(request, "registration/signup.html", {"form": form})
