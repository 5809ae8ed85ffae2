"""Reference data every archive needs: the staff groups and the five programmes.

Written against an `apps` registry so the data migration (historical models) and
`setup_archive`/tests (current models) share one definition. Both functions are
idempotent and never overwrite what editors changed.
"""

from __future__ import annotations

from typing import Any

EDITORS_GROUP = "编辑"
READERS_GROUP = "读者"

# Models whose content editors correct; the audit trail (ImportRun) is view-only.
CONTENT_MODELS = {
    "archive": [
        "publication",
        "issue",
        "page",
        "item",
        "article",
        "figure",
        "programme",
        "place",
        "itemcorrection",
        "structurecorrection",
    ],
    "notices": ["notice", "calendarday", "calendaryear", "issuername"],
}
AUDIT_MODELS = {
    "archive": ["importrun", "pagerevision"],
    "desk": ["correctionevent", "stagedupload"],
}

# slug, name, signal terms. A term signals the programme; tagging also weighs how
# much of the item is about it, so a passing mention in a lead is not a tag.
PROGRAMMES = [
    (
        "science-tech",
        "科技金融",
        ["科技金融", "科技创新", "技术改造", "专精特新", "知识产权质押", "科创"],
    ),
    (
        "green",
        "绿色金融",
        ["绿色金融", "绿色贷款", "绿色信贷", "ESG", "碳减排", "绿色债券"],
    ),
    (
        "inclusive",
        "普惠金融",
        [
            "普惠金融",
            "普惠小微",
            "小微企业",
            "涉农贷款",
            "创业担保贷款",
            "首贷",
            "信用贷款",
        ],
    ),
    (
        "pension",
        "养老金融",
        ["养老金融", "个人养老金", "高龄津贴", "养老服务", "银发经济", "养老保险"],
    ),
    (
        "digital",
        "数字金融",
        ["数字金融", "数字人民币", "信易贷", "线上融资", "金融科技", "数字化转型"],
    ),
]


def _permissions(apps: Any, models: dict[str, list[str]], actions: list[str]):
    # Filter rather than get: an older migration runs this before later models
    # exist; the migration that adds them runs it again.
    Permission = apps.get_model("auth", "Permission")
    for app_label, model_names in models.items():
        codenames = [f"{action}_{model}" for model in model_names for action in actions]
        yield from Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )


def ensure_groups(apps: Any) -> None:
    """Create 编辑 (may change content) and 读者 (may only view it)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrate; make them now to grant them.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.set(
        [
            *_permissions(apps, CONTENT_MODELS, ["view", "add", "change", "delete"]),
            *_permissions(apps, AUDIT_MODELS, ["view"]),
        ]
    )
    readers, _ = Group.objects.get_or_create(name=READERS_GROUP)
    readers.permissions.set(
        [
            *_permissions(apps, CONTENT_MODELS, ["view"]),
            *_permissions(apps, AUDIT_MODELS, ["view"]),
        ]
    )


def ensure_programmes(apps: Any) -> None:
    Programme = apps.get_model("archive", "Programme")
    for position, (slug, name, terms) in enumerate(PROGRAMMES):
        Programme.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "signal_terms": terms, "position": position},
        )
