"""Grant the staff groups rights on the models added since 0002."""

from django.db import migrations


def regrant(apps, schema_editor):
    from archive.reference import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_issue_date_status_item_normalized_text_and_more"),
        ("notices", "0002_calendarday_calendaryear_notice_cited_law_and_more"),
    ]

    operations = [migrations.RunPython(regrant, migrations.RunPython.noop)]
