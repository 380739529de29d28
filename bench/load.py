"""Load test: the real archive under gunicorn, many concurrent connections, a fixed time.

    uv run python bench/load.py                      # 60 s, 64 connections, SQLite
    uv run python bench/load.py --redis \
        --database-url postgres://postgres@127.0.0.1:5432/archive_load   # PostgreSQL + Redis

In one run, on loopback only:

1. makes a temporary directory and a throwaway database: a SQLite file in that directory,
   or with --database-url a PostgreSQL database on 127.0.0.1 that it creates (it refuses
   one that already exists) and drops at the end; with --redis the cache is Redis database
   14 (emptied before and after: it is reserved for this script);
2. sets it up as `manage.py serve_archive --setup-only` does (migrate, createcachetable,
   load the real archive, collect static files into the temporary directory);
3. starts gunicorn with archive/gunicorn_conf.py on a free port of 127.0.0.1 with
   production settings (DEBUG off, a fresh random secret key, ALLOWED_HOSTS 127.0.0.1);
4. requests every page once (each must answer 2xx or 3xx), then holds N connections for S
   seconds, each sending GETs one after another over the main pages in turn (home, lists,
   every letter, legislator and detainee page, demands, search, a CSV export) and two
   searched for words never asked before, so rendered afresh despite the page cache;
5. prints per page and overall: requests, requests/second, p50, p95, p99 and maximum
   latency, errors (an answer other than 2xx/3xx, a failed connection, a timeout).

It exits 1 if any request failed or the overall p99 is above --max-p99-ms. gunicorn is
stopped, the temporary directory removed and the database dropped whatever happens
(Ctrl-C and `kill` included). Nothing but 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import math
import os
import secrets
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Run as a script (python bench/load.py): the repository's packages come from its root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
import redis

from bench.servers import (
    HOST,
    REQUEST_HEADERS,
    Server,
    children,
    free_port,
    log,
    manage,
    never_searched,
    production_env,
    revision,
    start_gunicorn,
    stop,
    table,
)

REDIS_URL = f"redis://{HOST}:6379/14"
LOOPBACK = (HOST, "localhost")

# The pages' records, read from the loaded archive through the ORM (any database).
TARGETS_SCRIPT = """
import json
from django.db.models import Count
from letters.models import Demand, Letter
from people.models import Detainee, Legislator
state = (Legislator.objects.values("state").annotate(n=Count("pk"))
         .order_by("-n", "state").first()["state"])
print(json.dumps({
    "letters": list(Letter.objects.order_by("slug").values_list("slug", flat=True)),
    "legislators": list(Legislator.objects.order_by("slug").values_list("slug", flat=True)),
    "detainees": list(Detainee.objects.order_by("slug").values_list("slug", flat=True)),
    "detainee_names": list(Detainee.objects.order_by("slug").values_list("name", flat=True)),
    "demands": list(Demand.objects.order_by("slug").values_list("slug", flat=True)),
    "state": state,
}))
"""


@dataclass
class Target:
    """One kind of page: its paths are requested in turn."""

    name: str
    paths: list[str]
    uncached: bool = False  # each request searches for words no one asked before
    _turn: Iterator[int] = field(default_factory=itertools.count, repr=False)
    _fresh: list[Iterator[str]] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        token = secrets.token_hex(4)
        self._fresh = [never_searched(path, token) for path in self.paths]

    def next_path(self) -> str:
        with self._lock:  # generators are not thread-safe
            index = next(self._turn) % len(self.paths)
            return next(self._fresh[index]) if self.uncached else self.paths[index]

    @property
    def label(self) -> str:
        shown = self.paths[0] if len(self.paths) == 1 else f"{len(self.paths)} pages"
        return f"{self.name} `{shown}`" if len(self.paths) == 1 else f"{self.name} ({shown})"


@dataclass
class Sample:
    latency: float  # seconds
    error: str = ""  # empty when the answer was 2xx or 3xx


def build_targets(found: dict[str, Any]) -> list[Target]:
    letters, legislators = found["letters"], found["legislators"]
    detainees, demands = found["detainees"], found["demands"]
    names: list[str] = found["detainee_names"]
    state = found["state"]
    if not (letters and legislators and detainees and demands):
        raise SystemExit(f"The archive loaded is incomplete: {found}")
    search = f"/search/?q={urllib.parse.quote_plus(names[0])}"
    return [
        Target("home", ["/"]),
        Target("letters list", ["/letters/"]),
        Target("letters list, party filter", ["/letters/?party=D"]),
        Target("letter", [f"/letters/{slug}/" for slug in letters]),
        Target("legislators list, state filter", [f"/legislators/?state={state}"]),
        Target("legislator", [f"/legislators/{slug}/" for slug in legislators]),
        Target("detainee trace", [f"/detainees/{slug}/" for slug in detainees]),
        Target("demands list", ["/demands/"]),
        Target("demand", [f"/demands/{slug}/" for slug in demands]),
        Target("search", [search]),
        Target("CSV export", ["/letters.csv"]),
        Target("uncached: letters list, party filter", ["/letters/?party=D"], uncached=True),
        Target("uncached: search", ["/search/"], uncached=True),
    ]


# --- the throwaway database ------------------------------------------------------------------


@contextmanager
def throwaway_database(database_url: str | None, workdir: Path) -> Iterator[str]:
    """The URL of an empty database that is gone afterwards: a SQLite file in the
    temporary directory, or a PostgreSQL database created here and dropped at the end."""
    if not database_url:
        yield f"sqlite:///{workdir / 'archive.sqlite3'}"
        return
    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    if url.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        raise SystemExit(f"--database-url must name a PostgreSQL database: {database_url}")
    if url.hostname not in LOOPBACK:
        raise SystemExit(f"The load test runs on loopback only, not on {url.hostname}.")
    admin_url = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            raise SystemExit(
                f"Database {name} already exists: the load test only uses a database it "
                f"creates and drops itself. If a killed run left it behind, drop it "
                f"(dropdb -h {url.hostname} -U {url.username or 'postgres'} {name}) and retry."
            )
        log(f"creating database {name}")
        conn.execute(f'create database "{name}"')
    try:
        yield database_url
    finally:
        log(f"dropping database {name}")
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@contextmanager
def throwaway_redis(enabled: bool) -> Iterator[str | None]:
    if not enabled:
        yield None
        return
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    client.flushdb()  # database 14 is reserved for the load test
    try:
        yield REDIS_URL
    finally:
        client.flushdb()
        client.close()


# --- load -----------------------------------------------------------------------------------


def run_load(
    port: int, targets: list[Target], connections: int, seconds: float, timeout: float
) -> tuple[dict[str, list[Sample]], float]:
    """`connections` threads, each with its own connection, sending GETs one after another
    until the time is up, going through the targets in turn (each from a different
    starting point). Returns the samples per target and the seconds it took."""
    deadline = time.monotonic() + seconds
    stopping = threading.Event()
    results: dict[str, list[Sample]] = {target.name: [] for target in targets}
    lock = threading.Lock()

    def worker(offset: int) -> None:
        mine: dict[str, list[Sample]] = {target.name: [] for target in targets}
        conn: http.client.HTTPConnection | None = None
        for turn in itertools.count(offset):
            if stopping.is_set() or time.monotonic() >= deadline:
                break
            target = targets[turn % len(targets)]
            path = target.next_path()
            error = ""
            began = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
                conn.request("GET", path, headers=REQUEST_HEADERS)
                response = conn.getresponse()
                response.read()
                if not 200 <= response.status < 400:
                    error = f"HTTP {response.status}"
                if response.will_close:  # gunicorn's sync workers close after each answer
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as failure:
                error = "timeout" if isinstance(failure, TimeoutError) else type(failure).__name__
                if conn is not None:
                    conn.close()
                conn = None
            mine[target.name].append(Sample(time.perf_counter() - began, error))
        if conn is not None:
            conn.close()
        with lock:
            for name, samples in mine.items():
                results[name].extend(samples)

    threads = [
        threading.Thread(target=worker, args=(n,), daemon=True, name=f"load-{n}")
        for n in range(connections)
    ]
    began = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        # A request sent just before the deadline may take up to `timeout` to answer.
        for thread in threads:
            thread.join(timeout=max(0.1, deadline + timeout + 5 - time.monotonic()))
    finally:
        stopping.set()
    elapsed = time.monotonic() - began
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("some load threads did not finish in time")
    return results, elapsed


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(samples: list[Sample], elapsed: float) -> dict[str, float]:
    latencies = sorted(s.latency * 1000 for s in samples)
    return {
        "requests": len(samples),
        "rps": len(samples) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else 0.0,
        "errors": sum(1 for s in samples if s.error),
    }


def row(label: str, stats: dict[str, float]) -> list[str]:
    return [
        label,
        f"{stats['requests']:,.0f}",
        f"{stats['rps']:,.1f}",
        *(f"{stats[key]:,.0f} ms" for key in ("p50", "p95", "p99", "max")),
        f"{stats['errors']:,.0f}",
    ]


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="Length of the load.")
    parser.add_argument("--connections", type=int, default=64, help="Concurrent connections.")
    parser.add_argument(
        "--max-p99-ms", type=float, default=2000, help="Fail when the overall p99 is above."
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="Seconds before a request counts as failed."
    )
    parser.add_argument(
        "--database-url",
        help="A PostgreSQL database on 127.0.0.1 to create, use and drop, e.g. "
        "postgres://postgres@127.0.0.1:5432/archive_load (default: a temporary SQLite file).",
    )
    parser.add_argument("--redis", action="store_true", help=f"Cache in Redis ({REDIS_URL}).")
    parser.add_argument(
        "--conn-max-age", default="60", help="DJANGO_CONN_MAX_AGE for gunicorn (seconds)."
    )
    args = parser.parse_args(argv)
    if not 1 <= args.connections <= 256 or not 1 <= args.seconds <= 600:
        parser.error("keep it bounded: 1-256 connections, 1-600 seconds")
    if not 1 <= args.timeout <= 120:
        parser.error("--timeout: 1-120 seconds")
    return args


def check_every_page(gunicorn: Server, port: int, targets: list[Target], timeout: float) -> None:
    """Every page once, one at a time: a broken page fails here, before the load."""
    for target in targets:
        for path in target.paths:
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
            try:
                conn.request("GET", path, headers=REQUEST_HEADERS)
                status = conn.getresponse().status
            finally:
                conn.close()
            if not 200 <= status < 400:
                tail = gunicorn.log.read_text(errors="replace")[-3000:]
                raise SystemExit(
                    f"{path} answered HTTP {status} before the load; the end of "
                    f"gunicorn's log:\n{tail}"
                )


@dataclass
class LoadRun:
    """What one load measured, and on what."""

    backend: str
    workers: int
    targets: list[Target]
    results: dict[str, list[Sample]]
    elapsed: float
    load_before: float
    load_after: float
    gunicorn_log: str


def run(args: argparse.Namespace) -> LoadRun:
    """Set up the archive on throwaway services, start gunicorn, check every page, load it;
    everything is stopped and removed at the end."""
    with (
        tempfile.TemporaryDirectory(prefix="archive-load-") as workdir_name,
        throwaway_database(args.database_url, Path(workdir_name)) as database_url,
        throwaway_redis(args.redis) as redis_url,
    ):
        workdir = Path(workdir_name)
        port = free_port()
        env = production_env(database_url, workdir, port, args.conn_max_age)
        if redis_url:
            env["REDIS_URL"] = redis_url
        backend = ("PostgreSQL" if args.database_url else "SQLite") + (
            " + Redis cache" if redis_url else " (cache in a database table)"
        )
        log(f"setting up the archive on {backend} in {workdir}")
        setup_log = workdir / "setup.log"
        manage(["serve_archive", "--setup-only", "-v0"], env, setup_log)
        # The JSON is the last line (`shell` may print a note about its imports first).
        found = manage(["shell", "-c", TARGETS_SCRIPT], env, setup_log).strip().splitlines()[-1]
        targets = build_targets(json.loads(found))

        gunicorn: Server | None = None
        try:
            gunicorn = start_gunicorn(env, workdir)
            check_every_page(gunicorn, port, targets, args.timeout)
            workers = len(children(gunicorn.process.pid))  # all forked by now
            pages = sum(len(target.paths) for target in targets)
            log(
                f"gunicorn: {workers} workers on {HOST}:{port}; every page answers ({pages}); "
                f"{args.connections} connections for {args.seconds:.0f} s"
            )
            load_before = os.getloadavg()[0]
            results, elapsed = run_load(port, targets, args.connections, args.seconds, args.timeout)
            load_after = os.getloadavg()[0]
        finally:
            # Cleanup is not interrupted by a second Ctrl-C; it is bounded (stop() kills
            # gunicorn after 25 s).
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if gunicorn is not None:
                stop(gunicorn)
                log("gunicorn stopped")
        gunicorn_log = (workdir / "gunicorn.log").read_text(errors="replace")
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return LoadRun(
        backend, workers, targets, results, elapsed, load_before, load_after, gunicorn_log
    )


def report(measured: LoadRun, args: argparse.Namespace) -> list[str]:
    """Print the table; the reasons the run failed, if any."""
    everything = [sample for samples in measured.results.values() for sample in samples]
    overall = summary(everything, measured.elapsed)
    rows = [
        row(target.label, summary(measured.results[target.name], measured.elapsed))
        for target in measured.targets
    ]
    rows.append(row("**all**", overall))
    errors = Counter(s.error for s in everything if s.error)
    timeouts = measured.gunicorn_log.count("WORKER TIMEOUT")
    tracebacks = measured.gunicorn_log.count("Traceback (most recent call last)")

    print()
    print(f"Code: {revision()}.")
    print(
        f"The real archive on {measured.backend}, gunicorn ({measured.workers} sync workers, "
        f"archive/gunicorn_conf.py), {args.connections} connections for "
        f"{measured.elapsed:.0f} s, {os.cpu_count()} cores shared with the load client; "
        f"load average (1 min) {measured.load_before:.1f} before, "
        f"{measured.load_after:.1f} after."
    )
    print()
    print(table(rows, ["page", "requests", "req/s", "p50", "p95", "p99", "max", "errors"]))
    print()
    if errors:
        print("Errors: " + ", ".join(f"{kind} x{n}" for kind, n in errors.most_common()) + ".")
    print(f"gunicorn: {timeouts} worker timeouts, {tracebacks} tracebacks in its log.")
    failures = []
    if overall["errors"]:
        failures.append(f"{overall['errors']:,.0f} errors")
    if overall["p99"] > args.max_p99_ms:
        failures.append(f"p99 {overall['p99']:,.0f} ms above {args.max_p99_ms:,.0f} ms")
    if not everything:
        failures.append("no request finished")
    print(
        f"load: {overall['requests']:,.0f} requests, {overall['errors']:,.0f} errors, "
        f"p99 {overall['p99']:,.0f} ms" + (f" -- FAILED: {'; '.join(failures)}" if failures else "")
    )
    return failures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A plain `kill` still stops gunicorn and removes everything (see the `finally`s).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    return 1 if report(run(args), args) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("load: interrupted (gunicorn stopped, temporary files removed)", file=sys.stderr)
        sys.exit(130)
