"""Search the archive from the shell, through the search page's own code path.

Prints the total, every facet with counts and the ranked hits (id, kind, date,
title, snippet, publication, 版次 and position on the page); `--json` prints the
same as one JSON document. Drafts are included only with --all.
"""

import json

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand

from archive.filters import ItemFilter, search_results


class _Staff:
    """A user who may see drafts, for --all."""

    is_authenticated = True

    def has_perm(self, perm: str) -> bool:
        return True


class Command(BaseCommand):
    help = "Search like the search page: QUERY plus any facet filter."

    def add_arguments(self, parser):
        parser.add_argument(
            "q", nargs="?", default="", help="query, e.g. 普惠小微 通辽"
        )
        for name in ItemFilter.base_filters:
            if name != "q":
                parser.add_argument(f"--{name.replace('_', '-')}", dest=name)
        parser.add_argument("--sort", choices=["relevance", "newest", "oldest"])
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--per-page", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="one JSON document")
        parser.add_argument("--all", action="store_true", help="include drafts")

    def handle(self, *args, **options):
        data = {
            name: options[name]
            for name in [*ItemFilter.base_filters, "sort"]
            if options.get(name) not in (None, "")
        }
        user = _Staff() if options["all"] else AnonymousUser()
        results = search_results(
            data, user=user, page_number=options["page"], per_page=options["per_page"]
        )
        hits = [
            {
                "id": hit.item.pk,
                "kind": hit.item.kind,
                "date": hit.item.date.isoformat(),
                "title": hit.item.title,
                "snippet": ("…" if hit.snippet.prefix else "")
                + "".join(
                    f"【{p}】" if i % 2 else p for i, p in enumerate(hit.snippet.pieces)
                )
                + ("…" if hit.snippet.suffix else ""),
                "publication": hit.item.page.issue.publication.name,
                "page": hit.item.page.number,
                "position": hit.item.position,
            }
            for hit in results.hits
        ]
        facets = {
            name: [{"key": v.key, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        }
        if options["json"]:
            document = {
                "query": options["q"],
                "remarks": list(results.query.notices),
                "total": results.total,
                "facets": facets,
                "hits": hits,
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
            return
        for remark in results.query.notices:
            self.stdout.write(self.style.WARNING(remark))
        self.stdout.write(self.style.SUCCESS(f"共 {results.total} 条"))
        for name, values in facets.items():
            if values:
                shown = "，".join(f"{v['label']} {v['count']}" for v in values[:10])
                self.stdout.write(f"  [{name}] {shown}")
        for hit in hits:
            self.stdout.write(
                f"#{hit['id']} {hit['date']} {hit['kind']} {hit['title']}"
                f"  （{hit['publication']} 第{hit['page']}版第{hit['position']}条）\n"
                f"    {hit['snippet']}"
            )
