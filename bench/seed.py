"""A stored page against a static file and the health check, on the seed archive as the
README's first command serves it (SQLite, the page cache in a database table).

    uv run python bench/seed.py            # --duration 10 --connections 16

Sets the archive up in a temporary directory (`serve_archive --setup-only`), starts gunicorn
with archive/gunicorn_conf.py and production settings on a free port of 127.0.0.1, then
loads, one after another and each for the same time: the site's style sheet (served by
whitenoise), a letter's page (stored once asked) and /healthz (a view that reads the
database, through every middleware). Prints requests/second, p50 and p99 of each, and
each as a share of the style sheet's. gunicorn is stopped and the directory removed
whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

from measure import load
from servers import fetch, free_port, log, manage, production_env, start_gunicorn, stop, table

LETTER = "/letters/2025-04-11-titus-smith-rubio/"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="Seconds per page.")
    parser.add_argument("--connections", type=int, default=16)
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
            results = {
                name: load(port, path, args.connections, args.duration)
                for name, path in paths.items()
            }
        finally:
            stop(gunicorn)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    static = results["static file"].requests_per_second
    rows = [
        [
            f"{name} `{paths[name]}`",
            f"{result.requests_per_second:,.0f}",
            f"{result.p50_ms:,.1f} ms",
            f"{result.p99_ms:,.1f} ms",
            str(result.errors),
            f"{result.requests_per_second / static:.0%}",
        ]
        for name, result in results.items()
    ]
    print(
        f"\nSeed archive, SQLite, the page cache in the database; gunicorn, {args.connections} "
        f"connections, {args.duration:.0f} s each, {os.cpu_count()} cores; load average "
        f"{load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(table(rows, ["page", "req/s", "p50", "p99", "errors", "vs static file"]))


if __name__ == "__main__":
    main()
