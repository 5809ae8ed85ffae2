"""Bring a fresh or existing database to a usable archive (what `make run` does).

Idempotent: migrates, loads the place list once, makes sure the editor account
exists and prints its password only on the run that created it.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Place
from archive.services import editor_ensure, reference_data_ensure


class Command(BaseCommand):
    help = "Migrate, load reference data and create the editor account."

    def add_arguments(self, parser):
        parser.add_argument("--editor", default="editor", help="editor username")

    def handle(self, *args, editor: str, **options):
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
