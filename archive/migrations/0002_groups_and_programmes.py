"""Create the two staff groups (编辑, 读者) and seed the five programmes."""

from django.db import migrations

from archive.reference import EDITORS_GROUP, READERS_GROUP, PROGRAMMES


def create_groups(apps, schema_editor):
    from archive.reference import ensure_groups

    ensure_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITORS_GROUP, READERS_GROUP]
    ).delete()


def create_programmes(apps, schema_editor):
    from archive.reference import ensure_programmes

    ensure_programmes(apps)


def remove_programmes(apps, schema_editor):
    slugs = [slug for slug, _, _ in PROGRAMMES]
    apps.get_model("archive", "Programme").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("notices", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(create_programmes, remove_programmes),
    ]
