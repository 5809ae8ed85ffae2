"""Send each reader one e-mail digest of what is new in their saved searches.

Run once a day by the scheduler (cron or a systemd timer, see README). Each
saved search remembers when its last digest went out, so a missed day is
caught up by the next run and nothing is sent twice.
"""

from django.core.management.base import BaseCommand

from archive.alerts import send_search_alerts


class Command(BaseCommand):
    help = "Send the daily digest of new matches for saved searches by e-mail."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            default=False,
            help="count what would be sent; send nothing, change nothing",
        )

    def handle(self, *args, dry_run: bool, **options):
        counts = send_search_alerts(dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {counts['sent']} digest(s) to {counts['users']} reader(s) "
                "with alerting searches"
            )
        )
