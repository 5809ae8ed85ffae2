from django.db import migrations


def regrant(apps, schema_editor):
    from archive.reference import ensure_groups

    # 编辑 may now change structural corrections and issuer names; both groups
    # may view the desk's history and staged uploads.
    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("archive", "0010_structure_correction"),
        ("notices", "0003_issuer_name"),
    ]

    operations = [migrations.RunPython(regrant, migrations.RunPython.noop)]
