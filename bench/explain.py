"""Print the PostgreSQL plan of every query each public page runs, and flag sequential scans
over signatures (no filtered page may read all of letters_signatory).

Run it against the large synthetic archive (see README, "Performance"):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench \\
        uv run python bench/explain.py            # --analyze, --page letters, --full

Each page is requested through Django's test client with the page cache off; the queries
it runs are captured and explained one by one. Exits 1 when a page reads all signatures.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "explain-" + "x" * 50)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import StreamingHttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from letters.models import Campaign, Demand, Letter, LetterTally  # noqa: E402
from people.models import Detainee, Legislator, LegislatorTerm  # noqa: E402

WATCHED = "letters_signatory"


@dataclass
class Page:
    name: str
    url: str


def pages() -> list[Page]:
    """Each public page type, at its heaviest (as bench/run.py loads them)."""
    biggest = LetterTally.objects.order_by("-signers").values("letter_id")[:1]
    letter = Letter.objects.get(pk=biggest)
    signer = Legislator.objects.order_by("-tally__letters_signed", "pk").first()
    detainee = Detainee.objects.most_named().first()
    campaign = Campaign.objects.annotate(n=Count("letters")).order_by("-n", "pk").first()
    demand = Demand.objects.annotate(n=Count("letter_demands")).order_by("-n", "pk").first()
    if not (signer and detainee):
        raise SystemExit("The archive is empty: generate the synthetic archive first.")
    house = LegislatorTerm.objects.filter(chamber="house", legislator=signer).first()
    members = f"/members/{house.state}/" if house else "/members/CA/"
    return [
        Page("home", "/"),
        Page("letters", "/letters/"),
        Page("letters-party", "/letters/?party=D"),
        Page("letters-state", "/letters/?state=CA&sort=-signers"),
        Page("letters-detainee", f"/letters/?detainee={detainee.slug}&party=R"),
        Page("letters-signer", f"/letters/?signer={signer.slug}&year=2024"),
        Page("letters-search", "/letters/?q=release+detainees"),
        Page("letter", letter.get_absolute_url()),
        Page("legislators-state", "/legislators/?state=CA"),
        Page("legislator", signer.get_absolute_url()),
        Page("detainees", "/detainees/"),
        Page("detainee", detainee.get_absolute_url()),
        Page("search", "/search/?q=Synthetic+Detainee+0423"),
        Page("demands", "/demands/"),
        Page("demand", demand.get_absolute_url() if demand else "/demands/"),
        Page("campaigns", "/campaigns/"),
        Page("campaign", campaign.get_absolute_url() if campaign else "/campaigns/"),
        Page("members-state", members),
        Page("members-district", f"{members}{house.district}/" if house else members),
        Page("letters-csv", "/letters.csv"),
    ]


def explain(sql: str, analyze: bool) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN (ANALYZE, BUFFERS OFF) " if analyze else "EXPLAIN ") + sql)
        return [row[0] for row in cursor.fetchall()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--analyze", action="store_true", help="run the queries (timings)")
    parser.add_argument("--page", action="append", help="only these pages (by name)")
    parser.add_argument("--full", action="store_true", help="print whole plans")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/explain.py needs PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    client = Client()
    flagged: list[str] = []
    with override_settings(ARCHIVE_PAGE_CACHE=False, ALLOWED_HOSTS=["testserver"]):
        for page in pages():
            if args.page and page.name not in args.page:
                continue
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.url)
                if isinstance(response, StreamingHttpResponse):
                    b"".join(response)
            print(
                f"\n== {page.name} {page.url} ({response.status_code}, "
                f"{len(captured.captured_queries)} queries)"
            )
            for number, query in enumerate(captured.captured_queries, start=1):
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                plan = explain(sql, args.analyze)
                seq = [line.strip() for line in plan if f"Seq Scan on {WATCHED}" in line]
                mark = "  !! SEQ SCAN ON SIGNATURES" if seq else ""
                print(f"-- query {number}: {sql[:110]}...{mark}")
                lines = plan if args.full else [plan[0], *(line for line in plan if "Scan" in line)]
                for line in lines:
                    print("   ", line)
                if seq:
                    flagged.append(f"{page.name} query {number}")
    print()
    if flagged:
        print("Sequential scans over signatures:", ", ".join(flagged))
        return 1
    print("No sequential scan over signatures.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
