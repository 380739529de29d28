"""Time one public page rendered afresh, count its queries and profile it, in this process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench \\
        uv run python bench/profile_page.py /letters/?party=D --edit --top 25

Renders the URL `--times` times through Django's test client with DEBUG off and the page
cache off (every request renders the page), then prints the median and the spread of the
render times, the number of queries and the time they took (from the database driver's
side), and the functions taking most of the time over one more request run under cProfile
(by cumulative time; `--sort tottime` for time spent in each function itself). `--edit`
replaces the archive's version token before each request, as any edit does: the letters
list then rebuilds its facet index (letters/pages/facets.py) before answering.
`--queries` prints each query with its time.

On a shared machine the absolute figures drift: compare medians of runs made one after
the other, and the shares of time in the profile.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-" + "x" * 50)
os.environ["DJANGO_DEBUG"] = "false"

import django

# WhiteNoise warns that static files are not collected: they are not needed here.
warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from letters.models import ArchiveVersion  # noqa: E402

# Static files by name: no collectstatic needed (the manifest's lookup is a dict's).
STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def render(client: Client, url: str, edit: bool) -> tuple[int, int]:
    """Request the page (after an edit with `edit`): its status and body size."""
    if edit:
        ArchiveVersion.bump()
    response = client.get(url)
    body = response.getvalue()
    return response.status_code, len(body)


def timed(client: Client, url: str, edit: bool, times: int) -> tuple[list[float], list[float]]:
    """Milliseconds of each of `times` requests (the version bump not included): elapsed,
    and of this process's CPU (Python's share, less disturbed by other processes)."""
    elapsed, cpu = [], []
    for _ in range(times):
        if edit:
            ArchiveVersion.bump()
        began, began_cpu = time.perf_counter(), time.process_time()
        render(client, url, edit=False)
        elapsed.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the page's path and query string, e.g. /letters/?party=D")
    parser.add_argument("--times", type=int, default=15, help="requests timed (default 15)")
    parser.add_argument("--edit", action="store_true", help="an edit before each request")
    parser.add_argument("--top", type=int, default=20, help="profile lines shown (0: none)")
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--queries", action="store_true", help="print each query and its time")
    parser.add_argument(
        "--explain", type=float, metavar="MS", help="EXPLAIN ANALYZE the queries taking MS or more"
    )
    args = parser.parse_args()
    client = Client()
    with override_settings(
        ARCHIVE_PAGE_CACHE=False, ALLOWED_HOSTS=["testserver"], DEBUG=False, STORAGES=STORAGES
    ):
        status, size = render(client, args.url, args.edit)  # warm: imports, templates, index
        timings, cpu = timed(client, args.url, args.edit, args.times)
        if args.edit:
            ArchiveVersion.bump()
        with CaptureQueriesContext(connection) as captured:
            render(client, args.url, edit=False)
        queries = list(captured.captured_queries)  # read now: the next request clears them
        if args.edit:
            ArchiveVersion.bump()
        profile = cProfile.Profile()
        profile.runcall(render, client, args.url, False)
    in_queries = sum(float(query["time"]) for query in queries) * 1000
    print(
        f"{args.url} (HTTP {status}, {size:,} bytes{', after an edit' if args.edit else ''}): "
        f"median {statistics.median(timings):.1f} ms over {len(timings)} "
        f"(min {min(timings):.1f}, max {max(timings):.1f}), "
        f"of which Python's CPU {statistics.median(cpu):.1f} ms; "
        f"{len(queries)} queries taking {in_queries:.1f} ms"
    )
    if args.queries:
        for number, query in enumerate(queries, start=1):
            print(f"  {number:>2}. {float(query['time']) * 1000:7.1f} ms  {query['sql']}")
    if args.explain is not None:
        for query in queries:
            if float(query["time"]) * 1000 >= args.explain and query["sql"].startswith("SELECT"):
                print(f"\n{query['sql']}")
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {query['sql']}")
                    print("\n".join(f"    {row[0]}" for row in cursor.fetchall()))
    if args.top:
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
