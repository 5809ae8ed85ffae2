"""Bring a fresh or existing database to a usable archive (what `make run` does).

Idempotent: migrates, loads the place list once, makes sure the editor account
exists (printing its password only on the run that created it) and, on an empty
archive, imports a few hundred generated demo pages through `import_pages`.
"""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Page, Place
from archive.services import editor_ensure, reference_data_ensure

DEMO_PAGES = 300
DEMO_SEED = 2026


class Command(BaseCommand):
    help = "Migrate, load reference data, create the editor, import demo pages."

    def add_arguments(self, parser):
        parser.add_argument("--editor", default="editor", help="editor username")
        parser.add_argument(
            "--demo-pages",
            type=int,
            default=DEMO_PAGES,
            help="generated pages to import into an empty archive (0: none)",
        )

    def handle(self, *args, editor: str, demo_pages: int, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        reference_data_ensure()
        if not Place.objects.exists():
            call_command("load_places", stdout=self.stdout, verbosity=verbosity)
        account = editor_ensure(username=editor)
        if account.password:
            self.stdout.write(
                self.style.WARNING(
                    f"已创建编辑账号 {editor}，密码：{account.password}\n"
                    "（只显示这一次；忘记后可运行 "
                    f"`.venv/bin/python manage.py changepassword {editor}` 重设。）"
                )
            )
        else:
            self.stdout.write(f"编辑账号 {editor} 已存在。")
        if demo_pages and not Page.objects.exists():
            self._import_demo(demo_pages, verbosity)

    def _import_demo(self, pages: int, verbosity: int) -> None:
        self.stdout.write(f"档案为空：生成并导入 {pages} 个演示版面……")
        with tempfile.TemporaryDirectory(prefix="archive-demo-") as folder:
            call_command(
                "generate_pages",
                "--pages",
                str(pages),
                "--seed",
                str(DEMO_SEED),
                "--out",
                folder,
                stdout=self.stdout,
                verbosity=verbosity,
            )
            call_command(
                "import_pages",
                str(Path(folder)),
                "--publish",
                "--user",
                "setup_archive",
                stdout=self.stdout,
                stderr=self.stderr,
                verbosity=verbosity,
            )
