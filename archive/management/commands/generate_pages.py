"""Write synthetic raw newspaper pages (and their sidecars) for benchmarks and tests.

`generate_pages --pages 1000 --seed 1 --out /tmp/pages` writes `NNNNNN_<hash>.txt`
in the ingest format, each beside a `.json` sidecar naming its publication, date,
page and section, as an editor would give them to `import_pages`. The same seed
and count always write the same bytes. Nothing touches the database.
"""

import argparse
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.generator import SLOTS, generate_pages


class Command(BaseCommand):
    help = "Generate synthetic raw newspaper pages with sidecars into a directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages", type=int, default=100, help="how many pages (default 100)"
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="random seed (default 0)"
        )
        parser.add_argument(
            "--start",
            type=int,
            default=0,
            help="number of the first page, to split one run across processes",
        )
        parser.add_argument(
            "--out", type=Path, required=True, help="directory to write into"
        )
        parser.add_argument(
            "--sidecars",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="write a .json sidecar beside each page (default: yes)",
        )

    def handle(self, *args, pages: int, seed: int, start: int, out: Path, **options):
        if pages < 0 or start < 0:
            raise CommandError("--pages and --start must not be negative")
        if start + pages > SLOTS:
            raise CommandError(f"at most {SLOTS} pages can have distinct slots")
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a directory")
        out.mkdir(parents=True, exist_ok=True)
        verbosity = options["verbosity"]
        sidecars = options["sidecars"]

        began = time.perf_counter()
        written = size = items = notices = gbk = traditional = 0
        for page in generate_pages(pages=pages, seed=seed, start=start):
            path = out / page.filename
            path.write_bytes(page.data)
            if sidecars:
                sidecar = json.dumps(page.sidecar, ensure_ascii=False, indent=1)
                path.with_suffix(".json").write_text(sidecar + "\n", encoding="utf-8")
            written += 1
            size += len(page.data)
            items += page.item_count
            notices += len(page.notice_types)
            gbk += page.encoding != "utf-8"
            traditional += page.traditional
            if verbosity >= 2:
                self.stdout.write(f"{path.name}  {page.sidecar['date']}  {page.kinds}")
        seconds = time.perf_counter() - began

        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {written} 个版面（{items} 条：文章 {items - notices}，"
                f"公告 {notices}；GBK {gbk} 个，繁体 {traditional} 个），"
                f"{size / 1e6:.1f} MB，用时 {seconds:.1f} 秒 → {out}"
            )
        )
