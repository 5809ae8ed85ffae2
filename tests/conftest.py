"""Shared fixtures: users in each group, and the place list when a test needs it."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from archive.models import Place
from archive.reference import EDITORS_GROUP, READERS_GROUP
from archive.services import places_load, reference_data_ensure


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Transactional tests flush every table, data migrations' rows included, and
    # --reuse-db keeps that state for the next run: put reference data back.
    with django_db_blocker.unblock():
        reference_data_ensure()
        if not Place.objects.exists():
            places_load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached facet counts are keyed by an archive version that test data written
    # in rolled-back transactions never bumps: each test starts empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def places(db) -> None:
    """The shipped division list (loaded once; transactional tests may flush it)."""
    if not Place.objects.exists():
        places_load()


def _staff_in(group_name: str, username: str) -> User:
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db) -> User:
    return _staff_in(EDITORS_GROUP, "editor-test")


@pytest.fixture
def reader(db) -> User:
    return _staff_in(READERS_GROUP, "reader-test")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client
