"""Benchmark the public pages against the framework's ceiling, a static file and Datasette,
and through nginx's cache.

    uv run python bench/run.py --size large

In one run, on loopback only:

1. ensures a PostgreSQL database (default `archive_bench`) holding a synthetic archive of
   the given size: creates and migrates it, generates the archive once, reuses it after;
2. starts gunicorn with archive/gunicorn_conf.py and production settings (DEBUG off, a
   fresh random secret key, ALLOWED_HOSTS 127.0.0.1, static files collected, the page cache
   in Redis with --redis-url), under the benchmark's settings (bench/settings.py), which add
   the ceiling page (bench/ceiling.py);
3. copies the same data into a SQLite file and serves it with Datasette;
4. for each page: warms it up, times a few requests sent one at a time (as served, then
   each right after an edit, so rendered afresh),
   loads the ceiling and the site's style sheet (served by whitenoise) then the page at N
   concurrent connections for a fixed time (wrk when installed, otherwise a small threaded
   Python client), and waits for the servers to be idle again;
   then, with Debian's nginx configured as docs/deploying.md says in front of gunicorn,
   loads each page through nginx's cache;
5. prints requests/second, p50 and p99 latency, errors (any answer but 200, and failed
   connections), body size, the ratio to the ceiling and to Datasette's equivalent page,
   and the peak memory (VmHWM) of every gunicorn worker.

Every server it starts is stopped when it ends, whatever happens. Nothing but 127.0.0.1
is ever contacted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

# Run as a script (python bench/run.py): the repository's packages come from its root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from bench.measure import (
    alone,
    alone_after_edit,
    first_bytes_after_edit,
    load,
    memory_sampler,
    wait_idle,
)
from bench.peer import export_sqlite, start_datasette
from bench.report import Page, report
from bench.servers import (
    HOST,
    NGINX,
    Server,
    children,
    fetch,
    free_port,
    log,
    manage,
    production_env,
    revision,
    scalar,
    start_gunicorn,
    start_nginx,
    stop,
    wait_until_up,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZE_LETTERS = {"small": 60, "medium": 1_000, "large": 10_000}  # bench.synthetic SIZES

CEILING = "/bench/ceiling/"  # the cheapest answer through the same server (bench/ceiling.py)
STATIC_FILE = "static file"  # the site's style sheet, as whitenoise serves it


# --- the database ---------------------------------------------------------------------------


def ensure_archive(
    database_url: str, size: str, seed: int, regenerate: bool, env: dict[str, str]
) -> None:
    """Create, migrate and fill the benchmark database, or reuse the archive it holds."""
    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    if url.hostname not in (HOST, "localhost"):
        raise SystemExit(f"The benchmark database must be on loopback, not {url.hostname}.")
    admin_url = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone()
        if exists:
            refuse_real_archive(database_url)
        if exists and regenerate:
            log(f"dropping database {name} (--regenerate)")
            conn.execute(f'drop database "{name}" with (force)')
            exists = None
        if not exists:
            log(f"creating database {name}")
            conn.execute(f'create database "{name}"')
    log(f"migrating {name}")
    manage(["migrate", "--noinput", "-v0"], env)
    manage(["createcachetable"], env)  # for a database cache backend, if set
    # Pages cached by an earlier run (older code) must not be measured: retire them.
    retire = "from letters.models import ArchiveVersion; ArchiveVersion.bump()"
    manage(["shell", "-c", retire], env)
    with psycopg.connect(database_url) as conn:
        letters = scalar(conn, "select count(*) from letters_letter")
    if letters == 0:
        log(f"generating the {size} synthetic archive (once; reused by later runs)")
        manage(["generate_synthetic_archive", "--size", size, "--seed", str(seed)], env)
        # As autovacuum would soon after a bulk load (it may be off on a test machine): the
        # visibility map lets index-only scans skip the table.
        log(f"vacuuming {name}")
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("vacuum analyze")
    elif letters == SIZE_LETTERS[size]:
        log(f"reusing the synthetic archive in {name} ({letters:,} letters)")
    else:
        raise SystemExit(
            f"{name} holds {letters:,} letters, not the {size} size's "
            f"{SIZE_LETTERS[size]:,}: run again with --regenerate."
        )


def refuse_real_archive(database_url: str) -> None:
    """Stop before touching a database that holds anything but a synthetic archive."""
    with psycopg.connect(database_url) as conn:
        migrated = scalar(conn, "select to_regclass('letters_letter')")
        if not migrated:
            return
        real = scalar(conn, "select count(*) from letters_letter where slug not like 'synthetic-%'")
    if real:
        raise SystemExit(
            f"{database_url} holds {real} letters that are not synthetic: the benchmark "
            "never reuses, fills or drops a database holding the real archive."
        )


# The heaviest realistic page of each kind: each query answers two columns, the second kept
# as `<kind>_extra` (a count, or what another page needs: an id, a name, a district).
TARGETS = {
    "letter": "select l.slug, l.id from letters_letter l join letters_signatory s "
    "on s.letter_id = l.id group by l.id order by count(*) desc, l.id limit 1",
    "legislator": "select g.slug, g.id from people_legislator g join letters_signatory s "
    "on s.legislator_id = g.id group by g.id order by count(*) desc, g.id limit 1",
    # The longest story: letters naming them and dated events.
    "detainee": "select d.slug, d.name from people_detainee d order by "
    "(select count(*) from letters_detaineemention m where m.detainee_id = d.id) + "
    "(select count(*) from people_detaineeevent e where e.detainee_id = d.id) desc, d.id "
    "limit 1",
    "state": "select state, count(*) from people_legislator group by state "
    "order by count(*) desc, state limit 1",
    "campaign": "select c.slug, count(*) from letters_campaign c join letters_campaign_letters "
    "cl on cl.campaign_id = c.id group by c.id order by count(*) desc, c.id limit 1",
    # The letters making it and the responses recorded to it.
    "demand": "select d.slug, d.id from letters_demand d order by "
    "(select count(*) from letters_letterdemand w where w.demand_id = d.id) + "
    "(select count(*) from letters_demandresponse r where r.demand_id = d.id) desc, d.id "
    "limit 1",
    "members_state": "select state, count(*) from people_legislatorterm "
    'where start <= current_date and "end" >= current_date group by state '
    "order by count(*) desc, state limit 1",
    # The district of the current representative who signed most.
    "district": "select t.state, t.district from people_legislatorterm t "
    "join letters_signatory s on s.legislator_id = t.legislator_id "
    "where t.chamber = 'house' and t.start <= current_date and t.\"end\" >= current_date "
    "group by t.id order by count(*) desc, t.id limit 1",
    # The brief of the current member who signed most.
    "brief": "select l.slug, count(*) from people_legislator l "
    "join people_legislatorterm t on t.legislator_id = l.id "
    "join letters_signatory s on s.legislator_id = l.id "
    'where t.start <= current_date and t."end" >= current_date '
    "group by l.id order by count(*) desc, l.id limit 1",
}


def pick_targets(database_url: str) -> dict[str, str]:
    """The first and second columns of each of TARGETS, as `kind` and `kind_extra`."""
    targets: dict[str, str] = {}
    with psycopg.connect(database_url) as conn:
        for key, sql in TARGETS.items():
            row = conn.execute(sql).fetchone()
            if row is None:
                raise SystemExit(
                    f"The archive has no {key} page to measure (generated by an earlier "
                    "version of the generator?): run again with --regenerate."
                )
            targets[key], targets[f"{key}_extra"] = str(row[0]), str(row[1])
    return targets


# --- the pages ------------------------------------------------------------------------------


def bench_pages(targets: dict[str, str], sqlite_path: Path) -> tuple[list[Page], dict[str, Page]]:
    """Our pages, each the heaviest of its kind, and Datasette's equivalents by name."""
    search = urllib.parse.quote_plus(targets["detainee_extra"])
    district = f"{targets['district']}/{targets['district_extra']}"
    ours = [
        Page("ceiling", CEILING),
        Page(STATIC_FILE, "/static/"),  # the hashed name is set once collected
        Page("home", "/"),
        Page("letters list, party filter", "/letters/?party=D", peer="table, party filter"),
        Page("letter", f"/letters/{targets['letter']}/", peer="row"),
        Page(
            "legislators list, state filter",
            f"/legislators/?state={targets['state']}",
            peer="table, state filter",
        ),
        Page("legislator", f"/legislators/{targets['legislator']}/"),
        Page("detainee story", f"/detainees/{targets['detainee']}/"),
        Page("detainee feed", f"/detainees/{targets['detainee']}/feed/"),
        Page("campaigns list", "/campaigns/"),
        Page("campaign", f"/campaigns/{targets['campaign']}/"),
        Page("demand and its responses", f"/demands/{targets['demand']}/"),
        Page("members finder", "/members/"),
        Page("members of a state", f"/members/{targets['members_state']}/"),
        Page("members of a district", f"/members/{district}/"),
        Page("member's brief", f"/legislators/{targets['brief']}/brief/"),
        Page("search", f"/search/?q={search}", peer="search"),
        # A download of megabytes against an answer of a few bytes says little: also
        # against the same trivial view answering as many bytes (its path is set once the
        # export's size is known).
        Page("ceiling, export size", "/bench/ceiling/?bytes="),
        Page("CSV export", "/letters.csv", ceiling="ceiling, export size", streamed=True),
        Page("data package download", "/data/archive-data.zip", streamed=True),
    ]
    db = sqlite_path.stem
    theirs = [
        Page("table, party filter", f"/{db}/people_legislator?party=D"),
        Page("row", f"/{db}/letters_letter/{targets['letter_extra']}"),
        Page("table, state filter", f"/{db}/people_legislator?state={targets['state']}"),
        Page("search", f"/{db}/letters_letter?_search={search}"),
    ]
    return ours, {page.name: page for page in theirs}


def measure_page(
    page: Page, server: Server, port: int, args: argparse.Namespace, ours: bool
) -> None:
    """Warm the page up, time it alone (and, on our server, after an edit),
    load the ceiling (our pages), then load the page, cached again; `page.result` holds
    the figures. The server is idle again after."""
    if args.warmup:
        load(port, page.path, args.connections, args.warmup)
        wait_idle(server, args.database_url)
    status, size, alone_ms = alone(port, page.path, args.duration)
    # Timed on the idle server, before the load: measured after it, they would time the
    # requests the load left in flight.
    edited_ms = first_bytes_ms = None
    if ours:
        edited_ms = alone_after_edit(port, page.path, args.database_url)
    if page.streamed:
        first_bytes_ms = first_bytes_after_edit(port, page.path, args.database_url)
    if ours and page.ceiling == "ceiling" and not page.name.startswith("ceiling"):
        # The ceiling and the static file again, just before the page: the shared cores'
        # speed drifts by tens of percent over a run, and a page is compared with them as
        # they are at its moment.
        page.ceiling_result = load(port, CEILING, args.connections, args.duration)
        wait_idle(server, args.database_url)
        if page.name != STATIC_FILE:
            page.static_result = load(port, args.static_path, args.connections, args.duration)
            wait_idle(server, args.database_url)
    fetch(port, page.path)  # stored again after the edit: the load measures the cached page
    result = page.result = load(port, page.path, args.connections, args.duration)
    result.status, result.alone_ms, result.size = str(status), alone_ms, size
    result.edited_ms = edited_ms
    result.first_bytes_ms = first_bytes_ms
    wait_idle(server, args.database_url)
    edited = f" ({edited_ms:,.0f} ms after an edit)" if edited_ms else ""
    log(
        f"{page.name}: alone {alone_ms:,.0f} ms{edited}; "
        f"{result.requests_per_second:,.1f} req/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, {result.errors} errors (HTTP {status})"
    )


def measure_all(
    runs: list[tuple[Server, int, list[Page]]], args: argparse.Namespace, gunicorn: Server
) -> None:
    for server, port, pages in runs:
        for page in pages:
            try:
                measure_page(page, server, port, args, ours=server is gunicorn)
            except (OSError, RuntimeError, subprocess.SubprocessError) as error:
                log(f"{page.name}: failed ({error})")


def measure_through_nginx(
    pages: list[Page], args: argparse.Namespace, workdir: Path, app_port: int
) -> Server:
    """Each page loaded through nginx configured as docs/deploying.md says, in front of the
    same gunicorn: answered from nginx's cache once it holds the page."""
    port = free_port()
    nginx = start_nginx(workdir, port, app_port)
    wait_until_up(nginx, port, "/")
    try:
        for page in pages:
            for _ in range(2):  # kept by nginx from the second
                fetch(port, page.path)
            page.nginx_result = load(port, page.path, args.connections, args.duration)
            wait_idle(nginx, args.database_url)
            log(f"{page.name} via nginx: {page.nginx_result.requests_per_second:,.0f} req/s")
    finally:
        stop(nginx)
    return nginx


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZE_LETTERS), default="large")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/archive_bench",
        help="PostgreSQL database of the benchmark (created if missing; never the real one).",
    )
    parser.add_argument("--regenerate", action="store_true", help="Drop and regenerate it.")
    parser.add_argument("--duration", type=float, default=10, help="Seconds per page.")
    parser.add_argument("--warmup", type=float, default=2, help="Unrecorded seconds first.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--conn-max-age",
        default="60",
        help="DJANGO_CONN_MAX_AGE for gunicorn (persistent database connections).",
    )
    parser.add_argument("--no-datasette", action="store_true", help="Skip the peer.")
    parser.add_argument("--no-nginx", action="store_true", help="Skip the nginx figures.")
    parser.add_argument(
        "--redis-url",
        default="",
        help="Keep the page cache in this Redis (e.g. redis://127.0.0.1:6379/11), as in "
        "production; without it, in the database.",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.connections <= 64 or not 1 <= args.duration <= 120:
        parser.error("keep it bounded: 1-64 connections, 1-120 seconds per page")
    return args


def print_setting(args: argparse.Namespace, workers: int, load_start: float) -> None:
    """What the figures were measured on: code, load, archive, server, client."""
    print()
    print(f"Code: {revision()}.")
    print(
        f"Load average (1 min) {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the "
        "end: anything else running on the machine competes with the servers for its cores."
    )
    cache = "Redis" if args.redis_url else "the database"
    print(
        f"{args.size} synthetic archive on PostgreSQL, the page cache in {cache}, "
        f"gunicorn ({workers} sync workers, "
        f"archive/gunicorn_conf.py), {args.connections} connections, "
        f"{args.duration:.0f} s per page, {os.cpu_count()} cores, {datetime.date.today()}:"
    )
    print()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # A plain `kill` of the benchmark still stops the servers it started (see `finally`).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as workdir_name:
        workdir = Path(workdir_name)
        port = free_port()
        env = production_env(
            args.database_url, workdir, port, args.conn_max_age, settings="bench.settings"
        )
        if args.redis_url:
            env["REDIS_URL"] = args.redis_url
        ensure_archive(args.database_url, args.size, args.seed, args.regenerate, env)
        targets = pick_targets(args.database_url)
        sqlite_path = DATA_DIR / f"archive_bench_{args.size}.sqlite3"
        ours, theirs = bench_pages(targets, sqlite_path)
        if args.no_datasette:
            theirs = {}
            for page in ours:
                page.peer = ""
        else:
            export_sqlite(args.database_url, sqlite_path, SIZE_LETTERS[args.size], env)
        log("collecting static files")
        manage(["collectstatic", "--noinput", "-v0"], env)
        manifest = json.loads((workdir / "static" / "staticfiles.json").read_text())
        args.static_path = f"/static/{manifest['paths']['css/site.css']}"
        for page in ours:
            if page.name == STATIC_FILE:
                page.path = args.static_path
        servers: list[Server] = []
        try:
            gunicorn = start_gunicorn(env, workdir, CEILING)
            servers.append(gunicorn)
            fetch(port, "/letters.csv")  # kept by the page cache once sent whole
            export_size = fetch(port, "/letters.csv")[1]  # as it is sent (gzipped)
            for page in ours:
                if page.path.endswith("?bytes="):
                    page.path += str(export_size)
            runs = [(gunicorn, port, ours)]
            datasette = None
            if theirs:
                ds_port = free_port()
                datasette = start_datasette(sqlite_path, ds_port, workdir)
                servers.append(datasette)
                runs.append((datasette, ds_port, list(theirs.values())))
            workers = len(children(gunicorn.process.pid))
            client = "wrk" if shutil.which("wrk") else "Python threads"
            log(
                f"gunicorn: {workers} workers on {env['GUNICORN_BIND']}; "
                f"{args.connections} connections, {args.duration:.0f} s per page "
                f"(+{args.warmup:.0f} s warm-up); load by {client}"
            )
            load_start = os.getloadavg()[0]
            with memory_sampler(gunicorn, datasette):
                measure_all(runs, args, gunicorn)
            if not args.no_nginx and NGINX.exists():
                measure_through_nginx(ours, args, workdir, port)
        finally:
            for server in servers:
                stop(server)
            log("servers stopped")
        gunicorn_log = (workdir / "gunicorn.log").read_text(errors="replace")
    print_setting(args, workers, load_start)
    print(report(ours, theirs, gunicorn, datasette))
    timeouts = gunicorn_log.count("WORKER TIMEOUT")
    print(f"gunicorn worker timeouts (requests killed by its timeout): {timeouts}.")


if __name__ == "__main__":
    main()
