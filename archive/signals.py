"""Cached counts go stale whenever searchable content changes through the ORM.

Bulk writes (the importer) bypass these signals and bump the version themselves.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .filters import bump_content_version


def _content_changed(**kwargs) -> None:
    transaction.on_commit(bump_content_version)


def connect() -> None:
    from notices.models import Notice

    from .models import Article, Figure, Issue, Item

    for model in (Item, Article, Notice, Figure, Issue):
        post_save.connect(
            _content_changed, sender=model, dispatch_uid=f"cv-save-{model.__name__}"
        )
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"cv-del-{model.__name__}"
        )
    for through in (Item.places.through, Item.programmes.through):
        m2m_changed.connect(
            _content_changed, sender=through, dispatch_uid=f"cv-m2m-{through.__name__}"
        )
