"""Add single-character tokens to every item's search_bigrams.

One-character queries were prefix matches over every bigram starting with the
character (slow for common characters); now they read one posting list.
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from archive.search import tsvector_literal

    Item = apps.get_model("archive", "Item")
    batch = []
    for item in Item.objects.only("pk", "title", "text").iterator(chunk_size=1000):
        item.search_bigrams = tsvector_literal(item.title, item.text)
        batch.append(item)
        if len(batch) == 1000:
            Item.objects.bulk_update(batch, ["search_bigrams"])
            batch = []
    Item.objects.bulk_update(batch, ["search_bigrams"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_search_title")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]
