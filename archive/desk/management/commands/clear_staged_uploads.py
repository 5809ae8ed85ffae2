"""Drop the bytes of desk uploads nobody confirmed or cancelled within N days.

An upload waits for its editor's confirmation with the raw files in the
database; one left in the preview for longer than `--days` is cancelled and its
files deleted. Imported and failed files are not touched (failed ones wait for a
retry from the import runs list).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from archive.desk.models import StagedFile, StagedUpload


class Command(BaseCommand):
    help = "Cancel desk uploads left unconfirmed for more than --days days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="age limit (7)")

    def handle(self, *args, days: int, **options):
        cutoff = timezone.now() - timedelta(days=days)
        stale = StagedUpload.objects.filter(
            state=StagedUpload.State.STAGED, created_at__lt=cutoff
        )
        files, _ = StagedFile.objects.filter(upload__in=stale).delete()
        uploads = stale.update(state=StagedUpload.State.CANCELLED)
        self.stdout.write(
            self.style.SUCCESS(f"已取消 {uploads} 次过期上传，删除 {files} 个暂存文件")
        )
