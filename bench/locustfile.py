"""Locust users for bench/load.py: mixed search, browse, item and export requests.

Reads the ids to visit from LOAD_FIXTURE (a JSON file load.py writes). Exports
are requested only when LOAD_EXPORT=1 (load.py sets it when the export URL
answers, which needs the API/exports branch).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

FIXTURE = json.loads(Path(os.environ["LOAD_FIXTURE"]).read_text(encoding="utf-8"))
EXPORT = os.environ.get("LOAD_EXPORT") == "1"
WAIT = os.environ.get("LOAD_WAIT", "1,4")
QUERIES = FIXTURE["queries"]
# Exports of what a reader would download: a topic, not the whole archive.
EXPORT_QUERIES = [q for q in QUERIES if len(q) >= 3 and q != "的"]


class Reader(HttpUser):
    # A reader reads a little between pages (LOAD_WAIT="min,max" seconds).
    wait_time = between(*(float(v) for v in WAIT.split(",")))

    @task(4)
    def search(self) -> None:
        params = {"q": random.choice(QUERIES)}
        roll = random.random()
        if roll < 0.2:
            params["kind"] = random.choice(["article", "notice"])
        elif roll < 0.35:
            params["sort"] = "newest"
        elif roll < 0.45:
            params["page"] = "2"
        self.client.get("/search/", params=params, name="search")

    @task(3)
    def browse(self) -> None:
        choice = random.randrange(7)
        if choice == 0:
            self.client.get("/", name="browse: home")
        elif choice == 1:
            self.client.get("/search/", name="browse: all, facets")
        elif choice == 2:
            year, month = random.choice(FIXTURE["months"])
            self.client.get(f"/dates/{year}/{month}/", name="browse: month")
        elif choice == 3:
            issue = random.choice(FIXTURE["issues"])
            self.client.get(f"/issues/{issue}/", name="browse: issue")
        elif choice == 4:
            code = random.choice(FIXTURE["places"])
            self.client.get(f"/places/{code}/", name="browse: place")
        elif choice == 5:
            slug = random.choice(FIXTURE["programmes"])
            self.client.get(f"/programmes/{slug}/", name="browse: programme")
        else:
            self.client.get("/notices/", name="browse: notices")

    @task(3)
    def item(self) -> None:
        pk = random.choice(FIXTURE["items"])
        self.client.get(f"/items/{pk}/", name="item")

    @task(1)
    def export(self) -> None:
        if not EXPORT:
            return
        params = {"q": random.choice(EXPORT_QUERIES)}
        self.client.get(FIXTURE["export_path"], params=params, name="export")
