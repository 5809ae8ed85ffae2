"""Load (or refresh) the division list shipped in archive/data/places.csv.

Upserts by code in one transaction, so running it again is safe and an editor's
links from items to places survive.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.places import PLACES_CSV, PlaceFileError
from archive.services import places_load

LEVEL_LABELS = {"province": "省级", "city": "地级", "county": "县级", "town": "乡级"}


class Command(BaseCommand):
    help = "Load the administrative division list (province → city → county → town)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=PLACES_CSV, help="CSV to load")

    def handle(self, *args, file: Path, **options):
        try:
            result = places_load(path=file)
        except PlaceFileError as error:
            raise CommandError(str(error)) from error
        summary = "，".join(
            f"{LEVEL_LABELS[level]} {count}" for level, count in result.counts.items()
        )
        self.stdout.write(
            self.style.SUCCESS(f"已载入地区 {result.total} 个：{summary}")
        )
