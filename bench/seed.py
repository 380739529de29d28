"""A stored page against a static file and the health check, on the seed archive as the
README's first command serves it (SQLite, the page cache in a database table).

    uv run python bench/seed.py            # --duration 10 --connections 16

Sets the archive up in a temporary directory (`serve_archive --setup-only`), starts gunicorn
with archive/gunicorn_conf.py and production settings on a free port of 127.0.0.1, then
loads in turn, round after round, each for the same time: the site's style sheet (served by
whitenoise), a letter's page (stored once asked) and /healthz (a view that reads the
database, through every middleware). Prints the median requests/second, p50 and p99 of
each, and each as a share of the style sheet's in the same round. gunicorn is stopped and
the directory removed whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from statistics import median

# Run as a script (python bench/seed.py): the repository's packages come from its root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measure import Result, load
from bench.servers import (
    fetch,
    free_port,
    log,
    manage,
    production_env,
    start_gunicorn,
    stop,
    table,
)

LETTER = "/letters/2025-04-11-titus-smith-rubio/"


def share(page: Result, static: Result) -> float:
    return page.requests_per_second / static.requests_per_second


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="Seconds per page.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="Each page loaded this often.")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="archive-seed-bench-"))
    try:
        port = free_port()
        env = production_env(f"sqlite:///{workdir / 'archive.sqlite3'}", workdir, port, "60")
        log("setting up the seed archive")
        manage(["serve_archive", "--setup-only", "-v0"], env, output=workdir / "setup.log")
        manifest = json.loads((workdir / "static" / "staticfiles.json").read_text())
        paths = {
            "static file": f"/static/{manifest['paths']['css/site.css']}",
            "stored page": LETTER,
            "health check": "/healthz",
        }
        gunicorn = start_gunicorn(env, workdir, "/healthz")
        try:
            fetch(port, LETTER)  # stored from now on
            load_start = os.getloadavg()[0]
            # In turn, round after round: a neighbour's burst on the shared cores then
            # weighs on every page alike.
            rounds: dict[str, list[Result]] = {name: [] for name in paths}
            for _ in range(args.rounds):
                for name, path in paths.items():
                    rounds[name].append(load(port, path, args.connections, args.duration))
        finally:
            stop(gunicorn)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    static = rounds["static file"]
    rows = [
        [
            f"{name} `{paths[name]}`",
            f"{median(r.requests_per_second for r in results):,.0f}",
            f"{median(r.p50_ms for r in results):,.1f} ms",
            f"{median(r.p99_ms for r in results):,.1f} ms",
            str(sum(r.errors for r in results)),
            f"{median(share(r, s) for r, s in zip(results, static, strict=True)):.0%}",
        ]
        for name, results in rounds.items()
    ]
    print(
        f"\nSeed archive, SQLite, the page cache in the database; gunicorn, {args.connections} "
        f"connections, {args.rounds} rounds of {args.duration:.0f} s each (medians), "
        f"{os.cpu_count()} cores; load average "
        f"{load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(table(rows, ["page", "req/s", "p50", "p99", "errors", "vs static file"]))


if __name__ == "__main__":
    main()
