"""Benchmark the public pages against the framework's ceiling and against Datasette.

    uv run python bench/run.py --size large

In one run, on loopback only:

1. ensures a PostgreSQL database (default `archive_bench`) holding a synthetic archive of
   the given size: creates and migrates it, generates the archive once, reuses it after;
2. starts gunicorn with archive/gunicorn_conf.py and production settings (DEBUG off, a
   fresh random secret key, ALLOWED_HOSTS 127.0.0.1, static files collected), with the
   ceiling page (archive/bench_views.py) routed;
3. copies the same data into a SQLite file and serves it with Datasette;
4. for each page: warms it up, times a few requests sent one at a time (as served, then
   with a query string never seen before, so rendered afresh even with the page cache),
   loads it at N concurrent connections for a fixed time (wrk when installed, otherwise a
   small threaded Python client), and waits for the servers to be idle again;
5. prints requests/second, p50 and p99 latency, errors (any answer but 200, and failed
   connections), body size, the ratio to the ceiling and to Datasette's equivalent page,
   and the peak memory (VmHWM) of every gunicorn worker.

Every server it starts is stopped when it ends, whatever happens. Nothing but 127.0.0.1
is ever contacted.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
GUNICORN_CONF = "archive/gunicorn_conf.py"
DATA_DIR = Path(__file__).resolve().parent / "data"
SIZE_LETTERS = {"small": 60, "medium": 1_000, "large": 10_000}  # letters.synthetic.SIZES
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + thread:get("non200") end
  io.write(string.format("BENCH non200=%d p50=%d p99=%d\\n", n,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    status: str = ""
    alone_ms: float | None = None  # median latency of a few requests sent one at a time
    uncached_ms: float | None = None  # the same, each with a query string never seen before
    first_bytes_ms: float | None = None  # a streamed page: until its first bytes, uncached
    edited_ms: float | None = None  # the same, each right after an edit (new version token)
    size: int = 0  # bytes in the body


@dataclass
class Page:
    name: str
    path: str
    peer: str = ""  # name of the Datasette page it is compared with
    ceiling: str = "ceiling"  # name of the ceiling page it is compared with
    streamed: bool = False  # a download written as it is sent: time its first bytes too
    result: Result | None = None


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    log: Path
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> VmHWM in kB


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- the database ---------------------------------------------------------------------------


def manage(args: list[str], database_url: str, **env: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **env},
        check=True,
    )


def ensure_archive(database_url: str, size: str, seed: int, regenerate: bool) -> None:
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
    manage(["migrate", "--noinput", "-v0"], database_url)
    manage(["createcachetable"], database_url)  # for a database cache backend, if set
    # Pages cached by an earlier run (older code) must not be measured: retire them.
    retire = "from archive.page_cache import new_generation; new_generation()"
    manage(["shell", "-c", retire], database_url)
    with psycopg.connect(database_url) as conn:
        letters = conn.execute("select count(*) from letters_letter").fetchone()[0]  # type: ignore[index]
    if letters == 0:
        log(f"generating the {size} synthetic archive (once; reused by later runs)")
        manage(["generate_synthetic_archive", "--size", size, "--seed", str(seed)], database_url)
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
        migrated = conn.execute("select to_regclass('letters_letter')").fetchone()[0]  # type: ignore[index]
        if not migrated:
            return
        real = conn.execute(
            "select count(*) from letters_letter where slug not like 'synthetic-%'"
        ).fetchone()[0]  # type: ignore[index]
    if real:
        raise SystemExit(
            f"{database_url} holds {real} letters that are not synthetic: the benchmark "
            "never reuses, fills or drops a database holding the real archive."
        )


def pick_targets(database_url: str) -> dict[str, str]:
    """The heaviest realistic page of each kind: the most-signed letter, the most frequent
    signer, the most-named detainee, the state with most legislators."""
    queries = {
        "letter": "select l.slug, l.id from letters_letter l join letters_signatory s "
        "on s.letter_id = l.id group by l.id order by count(*) desc, l.id limit 1",
        "legislator": "select g.slug, g.id from people_legislator g join letters_signatory s "
        "on s.legislator_id = g.id group by g.id order by count(*) desc, g.id limit 1",
        "detainee": "select d.slug, d.name from people_detainee d join "
        "letters_detaineemention m on m.detainee_id = d.id group by d.id "
        "order by count(*) desc, d.id limit 1",
        "state": "select state, count(*) from people_legislator group by state "
        "order by count(*) desc, state limit 1",
    }
    targets: dict[str, str] = {}
    with psycopg.connect(database_url) as conn:
        for key, sql in queries.items():
            first, second = conn.execute(sql).fetchone()  # type: ignore[misc]
            targets[key], targets[f"{key}_extra"] = str(first), str(second)
    return targets


# --- the SQLite copy for Datasette ---------------------------------------------------------------


def export_sqlite(database_url: str, path: Path, letters_expected: int) -> None:
    """Copy the archive's tables into a SQLite file with the same schema (made by the
    migrations), plus a full-text index on letters as Datasette's search uses."""
    if path.exists():
        with sqlite3.connect(path) as conn:
            try:
                letters = conn.execute("select count(*) from letters_letter").fetchone()[0]
            except sqlite3.Error:
                letters = -1
        if letters == letters_expected:
            log(f"reusing the SQLite copy {path.relative_to(ROOT)}")
            return
        path.unlink()
    log(f"copying the archive into {path.relative_to(ROOT)} for Datasette")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    manage(["migrate", "--noinput", "-v0"], f"sqlite:///{partial}")
    with psycopg.connect(database_url) as source, sqlite3.connect(partial) as target:
        # The rows were checked on PostgreSQL; Django's check constraints call functions
        # only Django registers on SQLite.
        target.execute("pragma ignore_check_constraints = on")
        tables = [
            row[0]
            for row in target.execute(
                "select name from sqlite_master where type = 'table' and "
                "(name like 'letters\\_%' escape '\\' or name like 'people\\_%' escape '\\')"
            )
        ]
        for table in tables:
            columns = [row[1] for row in target.execute(f'pragma table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in columns)
            insert = f'insert into "{table}" ({quoted}) values ({", ".join("?" * len(columns))})'
            target.execute(f'delete from "{table}"')  # rows a migration made (the version)
            with source.cursor(name=f"copy_{table}") as cursor:
                cursor.itersize = 5_000
                cursor.execute(f'select {quoted} from "{table}"')
                while rows := cursor.fetchmany(5_000):
                    target.executemany(insert, [tuple(map(sqlite_value, row)) for row in rows])
        target.execute(
            'create virtual table "letters_letter_fts" using fts5('
            'title, summary, full_text, content="letters_letter", content_rowid="id")'
        )
        target.execute(
            "insert into letters_letter_fts (rowid, title, summary, full_text) "
            "select id, title, summary, full_text from letters_letter"
        )
        target.commit()
        target.execute("analyze")
    target.close()
    partial.rename(path)


def sqlite_value(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, uuid.UUID):
        return value.hex  # as Django stores a UUIDField on SQLite: 32 hex digits
    return value


# --- servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(name: str, command: list[str], env: dict[str, str], workdir: Path) -> Server:
    log_path = workdir / f"{name}.log"
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )
    return Server(name, process, log_path)


def stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=25)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=5)
    except ProcessLookupError:
        pass


def wait_until_up(server: Server, port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text()[-3000:]
            raise SystemExit(f"{server.name} exited; the end of its log:\n{tail}")
        try:
            status, _ = fetch(port, path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{server.name} did not answer {path} within {timeout:.0f} s")


def fetch(port: int, path: str, timeout: float = 60) -> tuple[int, int]:
    """One GET on loopback: (status, body length)."""
    return fetch_timed(port, path, timeout)[:2]


def fetch_timed(port: int, path: str, timeout: float = 60) -> tuple[int, int, float]:
    """One GET on loopback: (status, body length, ms until the first byte of the body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        began = time.perf_counter()
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        first = response.read(1)
        first_ms = (time.perf_counter() - began) * 1000
        return response.status, len(first) + len(response.read()), first_ms
    finally:
        conn.close()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def vm_hwm_kb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else None


@contextmanager
def memory_sampler(gunicorn: Server, datasette: Server | None) -> Iterator[None]:
    """Record the peak resident memory (VmHWM) of every gunicorn worker and of Datasette,
    sampled twice a second (workers are recycled after max_requests, so peaks are kept
    per pid as they come and go)."""
    stopping = threading.Event()

    def sample() -> None:
        while not stopping.wait(0.5):
            for pid in children(gunicorn.process.pid):
                if (peak := vm_hwm_kb(pid)) is not None:
                    gunicorn.peaks[pid] = max(peak, gunicorn.peaks.get(pid, 0))
            if datasette and (peak := vm_hwm_kb(datasette.process.pid)) is not None:
                datasette.peaks[datasette.process.pid] = peak

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopping.set()
        thread.join()


# --- load -----------------------------------------------------------------------------------


def load(port: int, path: str, connections: int, seconds: float) -> Result:
    if shutil.which("wrk"):
        return load_with_wrk(port, path, connections, seconds)
    return load_with_threads(port, path, connections, seconds)


def alone(port: int, path: str, budget: float, most: int = 5) -> tuple[int, int, float]:
    """Status, body size and median latency (ms) of up to `most` requests sent one after
    another, within about `budget` seconds: the page's own time, without queueing."""
    timings: list[float] = []
    status = size = 0
    deadline = time.monotonic() + budget
    while len(timings) < most and (not timings or time.monotonic() < deadline):
        began = time.perf_counter()
        status, size = fetch(port, path)
        timings.append((time.perf_counter() - began) * 1000)
    return status, size, statistics.median(timings)


def never_seen(path: str, token: str) -> Iterator[str]:
    """The path with a query parameter no cache has seen (pages ignore unknown parameters),
    so each request renders the page afresh even when rendered pages are cached."""
    separator = "&" if "?" in path else "?"
    for n in range(1_000_000):
        yield f"{path}{separator}bench-uncached={token}-{n}"


def alone_uncached(port: int, path: str, budget: float, most: int = 5) -> float:
    timings: list[float] = []
    deadline = time.monotonic() + budget
    for fresh in never_seen(path, secrets.token_hex(4)):
        if len(timings) >= most or (timings and time.monotonic() >= deadline):
            break
        began = time.perf_counter()
        fetch(port, fresh)
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def first_bytes_uncached(port: int, path: str, most: int = 5) -> float:
    """Median time until the first bytes of the body of a streamed page rendered afresh:
    when a download starts, however long it then takes."""
    timings = [
        fetch_timed(port, fresh)[2]
        for fresh, _ in zip(never_seen(path, secrets.token_hex(4)), range(most), strict=False)
    ]
    return statistics.median(timings)


def alone_after_edit(port: int, path: str, database_url: str, most: int = 5) -> float:
    """Like alone_uncached, each request right after a change of the archive's version
    token (as any edit makes it): the worker rebuilds its facet index (letters/facets.py)
    before answering. Nothing else is changed."""
    timings: list[float] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for fresh in never_seen(path, secrets.token_hex(4)):
            if len(timings) >= most:
                break
            conn.execute("update letters_archiveversion set token = gen_random_uuid()")
            began = time.perf_counter()
            fetch(port, fresh)
            timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_idle(server: Server, database_url: str, timeout: float = 90) -> None:
    """Wait until the requests a load left in flight are finished (servers keep working on
    them after the client stops): no CPU used by the server's processes and no active
    query on the benchmark database for a second."""
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    deadline = time.monotonic() + timeout
    quiet = 0
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline and quiet < 2:
            pids = [server.process.pid, *children(server.process.pid)]
            before = sum(cpu_ticks(pid) for pid in pids)
            time.sleep(0.5)
            active = conn.execute(
                "select count(*) from pg_stat_activity where datname = %s and state = 'active' "
                "and pid <> pg_backend_pid()",
                [name],
            ).fetchone()[0]  # type: ignore[index]
            busy = sum(cpu_ticks(pid) for pid in pids) - before > 2 or active
            quiet = 0 if busy else quiet + 1


def load_with_wrk(port: int, path: str, connections: int, seconds: float) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        out = subprocess.run(
            [
                "wrk",
                f"--threads={min(2, connections)}",
                f"--connections={connections}",
                f"--duration={max(1, round(seconds))}s",
                "--timeout=30s",
                f"--script={script.name}",
                f"http://{HOST}:{port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    bench = re.search(r"BENCH non200=(\d+) p50=(\d+) p99=(\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if not (bench and rps and total):
        raise RuntimeError(f"Unexpected wrk output:\n{out}")
    errors = int(bench.group(1))
    if socket_errors:
        # Read errors are sync workers closing the connection after each response: not
        # failures. Connect, write and timeout errors are.
        errors += sum(int(socket_errors.group(i)) for i in (1, 3, 4))
    return Result(
        requests_per_second=float(rps.group(1)),
        p50_ms=int(bench.group(2)) / 1000,
        p99_ms=int(bench.group(3)) / 1000,
        errors=errors,
        requests=int(total.group(1)),
    )


def load_with_threads(port: int, path: str, connections: int, seconds: float) -> Result:
    """The fallback client: one thread per connection, each GETting in a loop."""
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker() -> None:
        mine: list[float] = []
        failed = 0
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": HOST})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - began
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return Result(
        requests_per_second=len(latencies) / elapsed,
        p50_ms=quantiles[49] * 1000,
        p99_ms=quantiles[98] * 1000,
        errors=errors[0],
        requests=len(latencies),
    )


# --- the report -----------------------------------------------------------------------------


def ratio(ours: Result | None, theirs: Result | None) -> str:
    if not ours or not theirs or not theirs.requests_per_second:
        return ""
    value = ours.requests_per_second / theirs.requests_per_second
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def versus_ceiling(page: Page, ceilings: dict[str, Result | None]) -> str:
    shown = ratio(page.result, ceilings.get(page.ceiling))
    return f"{shown} of {page.ceiling}" if shown and page.ceiling != "ceiling" else shown


def fmt(result: Result | None, uncached: bool = True) -> list[str]:
    if result is None:
        return ["not run", "", "", "", "", "", "", ""][: 8 if uncached else 6]
    errors = f"{result.errors}" + (f" (HTTP {result.status})" if result.status != "200" else "")
    alone_ms = [
        f"{ms:,.0f} ms" if ms is not None else ""
        for ms in (result.alone_ms, result.uncached_ms, result.edited_ms)
    ][: 3 if uncached else 1]
    size = f"{result.size / 1024:,.0f} kB" if result.size >= 1024 else f"{result.size} B"
    if not result.requests:
        return ["0 (none finished in time)", "", "", errors, size, *alone_ms]
    return [
        f"{result.requests_per_second:,.1f}",
        f"{result.p50_ms:,.0f} ms",
        f"{result.p99_ms:,.0f} ms",
        errors,
        size,
        *alone_ms,
    ]


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(ours: list[Page], theirs: dict[str, Page], gunicorn: Server, ds: Server | None) -> str:
    ceilings = {page.name: page.result for page in ours if page.name.startswith("ceiling")}
    rows = []
    for page in ours:
        peer = theirs.get(page.peer)
        ds_cells = (
            [f"{peer.name}: {fmt(peer.result, False)[0]}", ratio(page.result, peer.result)]
            if peer
            else ["", ""]
        )
        rows.append(
            [
                f"{page.name} `{page.path}`",
                *fmt(page.result),
                versus_ceiling(page, ceilings),
                *ds_cells,
            ]
        )
    out = [
        table(
            rows,
            [
                "page",
                "req/s",
                "p50",
                "p99",
                "errors",
                "size",
                "alone",
                "alone, uncached",
                "after an edit",
                "vs ceiling",
                "Datasette req/s",
                "ours / Datasette",
            ],
        ),
        "",
    ]
    for page in ours:
        if page.result and page.result.first_bytes_ms is not None:
            out += [
                f"{page.name}, rendered afresh: its first bytes after "
                f"{page.result.first_bytes_ms:,.0f} ms, the whole "
                f"{page.result.size / 1024:,.0f} kB after {page.result.uncached_ms:,.0f} ms "
                "(medians of 5 requests one at a time).",
                "",
            ]
    if theirs:
        out += [
            table(
                [[f"{p.name} `{p.path}`", *fmt(p.result, False)] for p in theirs.values()],
                ["Datasette page", "req/s", "p50", "p99", "errors", "size", "alone"],
            ),
            "",
        ]
    if gunicorn.peaks:
        peaks = sorted(gunicorn.peaks.values())
        out.append(
            f"Peak RSS per gunicorn worker (VmHWM, {len(peaks)} workers seen, recycled after "
            f"max_requests): max {peaks[-1] / 1024:.0f} MB, median "
            f"{statistics.median(peaks) / 1024:.0f} MB, min {peaks[0] / 1024:.0f} MB."
        )
    if ds and ds.peaks:
        out.append(f"Peak RSS of Datasette (one process): {max(ds.peaks.values()) / 1024:.0f} MB.")
    return "\n".join(out)


def revision() -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"commit {commit or 'unknown'}" + (" with uncommitted changes" if dirty else "")


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
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
    args = parser.parse_args(argv)
    # A plain `kill` of the benchmark still stops the servers it started (see `finally`).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    if not 1 <= args.connections <= 64 or not 1 <= args.duration <= 120:
        parser.error("keep it bounded: 1-64 connections, 1-120 seconds per page")

    ensure_archive(args.database_url, args.size, args.seed, args.regenerate)
    targets = pick_targets(args.database_url)
    sqlite_path = DATA_DIR / f"archive_bench_{args.size}.sqlite3"
    if not args.no_datasette:
        export_sqlite(args.database_url, sqlite_path, SIZE_LETTERS[args.size])

    search = urllib.parse.quote_plus(targets["detainee_extra"])
    ours = [
        Page("ceiling", "/bench/ceiling/"),
        Page("home", "/"),
        Page("letters list, party filter", "/letters/?party=D", peer="table, party filter"),
        Page("letter", f"/letters/{targets['letter']}/", peer="row"),
        Page(
            "legislators list, state filter",
            f"/legislators/?state={targets['state']}",
            peer="table, state filter",
        ),
        Page("legislator", f"/legislators/{targets['legislator']}/"),
        Page("detainee trace", f"/detainees/{targets['detainee']}/"),
        Page("search", f"/search/?q={search}", peer="search"),
        # A 6 MB download against a 3-byte answer says little: also against the same
        # trivial view answering as many bytes (its path is set once the export's size is
        # known).
        Page("ceiling, export size", "/bench/ceiling/?bytes="),
        Page("CSV export", "/letters.csv", ceiling="ceiling, export size", streamed=True),
    ]
    db = sqlite_path.stem
    theirs = {
        page.name: page
        for page in [
            Page("table, party filter", f"/{db}/people_legislator?party=D"),
            Page("row", f"/{db}/letters_letter/{targets['letter_extra']}"),
            Page("table, state filter", f"/{db}/people_legislator?state={targets['state']}"),
            Page("search", f"/{db}/letters_letter?_search={search}"),
        ]
    }
    if args.no_datasette:
        theirs = {}
        for page in ours:
            page.peer = ""

    with tempfile.TemporaryDirectory(prefix="archive-bench-") as workdir_name:
        workdir = Path(workdir_name)
        static_root = workdir / "static"
        env = {
            **os.environ,
            "DATABASE_URL": args.database_url,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_CONN_MAX_AGE": args.conn_max_age,
            "ARCHIVE_BENCH_CEILING": "1",
            "GUNICORN_BIND": f"{HOST}:{free_port()}",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        log("collecting static files")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
        servers: list[Server] = []
        try:
            gunicorn = start(
                "gunicorn",
                [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF, "archive.wsgi"],
                env,
                workdir,
            )
            servers.append(gunicorn)
            wait_until_up(gunicorn, port, "/bench/ceiling/")
            export_size = fetch(port, "/letters.csv")[1]
            for page in ours:
                if page.path.endswith("?bytes="):
                    page.path += str(export_size)
            datasette = None
            ds_port = free_port()
            if theirs:
                datasette = start(
                    "datasette",
                    [
                        sys.executable,
                        "-m",
                        "datasette",
                        "serve",
                        "--immutable",
                        str(sqlite_path),
                        "--host",
                        HOST,
                        "--port",
                        str(ds_port),
                    ],
                    {**os.environ},
                    workdir,
                )
                servers.append(datasette)
                wait_until_up(datasette, ds_port, f"/{db}")
            workers = len(children(gunicorn.process.pid))
            client = "wrk" if shutil.which("wrk") else "Python threads"
            log(
                f"gunicorn: {workers} workers on {env['GUNICORN_BIND']}; "
                f"{args.connections} connections, {args.duration:.0f} s per page "
                f"(+{args.warmup:.0f} s warm-up); load by {client}"
            )
            load_start = os.getloadavg()[0]
            with memory_sampler(gunicorn, datasette):
                for server_port, pages in ((port, ours), (ds_port, list(theirs.values()))):
                    for page in pages:
                        try:
                            server = gunicorn if server_port == port else datasette
                            if args.warmup:
                                load(server_port, page.path, args.connections, args.warmup)
                                wait_idle(server, args.database_url)  # type: ignore[arg-type]
                            status, size, alone_ms = alone(server_port, page.path, args.duration)
                            # Timed on the idle server, before the load: measured after it,
                            # they would time the requests the load left in flight.
                            uncached_ms = edited_ms = first_bytes_ms = None
                            if server_port == port:
                                uncached_ms = alone_uncached(port, page.path, args.duration)
                                edited_ms = alone_after_edit(port, page.path, args.database_url)
                            if page.streamed:
                                first_bytes_ms = first_bytes_uncached(port, page.path)
                            page.result = load(
                                server_port, page.path, args.connections, args.duration
                            )
                            page.result.status, page.result.alone_ms = str(status), alone_ms
                            page.result.size, page.result.uncached_ms = size, uncached_ms
                            page.result.edited_ms = edited_ms
                            page.result.first_bytes_ms = first_bytes_ms
                            wait_idle(server, args.database_url)  # type: ignore[arg-type]
                        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
                            log(f"{page.name}: failed ({error})")
                            continue
                        r = page.result
                        uncached = f" ({r.uncached_ms:,.0f} ms uncached)" if r.uncached_ms else ""
                        log(
                            f"{page.name}: alone {r.alone_ms:,.0f} ms{uncached}; "
                            f"{r.requests_per_second:,.1f} req/s, p50 "
                            f"{r.p50_ms:.1f} ms, p99 {r.p99_ms:.1f} ms, {r.errors} errors "
                            f"(HTTP {r.status})"
                        )
        finally:
            for server in servers:
                stop(server)
            log("servers stopped")
            timeouts = sum(
                "WORKER TIMEOUT" in line
                for line in (workdir / "gunicorn.log").read_text(errors="replace").splitlines()
            )

    load_end = os.getloadavg()[0]
    print()
    print(f"Code: {revision()}.")
    print(
        f"Load average (1 min) {load_start:.1f} at the start, {load_end:.1f} at the end: "
        "anything else running on the machine competes with the servers for its cores."
    )
    print(
        f"{args.size} synthetic archive on PostgreSQL, gunicorn ({workers} sync workers, "
        f"archive/gunicorn_conf.py), {args.connections} connections, "
        f"{args.duration:.0f} s per page, {os.cpu_count()} cores, {datetime.date.today()}:"
    )
    print()
    print(report(ours, theirs, gunicorn, datasette))
    print(f"gunicorn worker timeouts (requests killed by its timeout): {timeouts}.")


if __name__ == "__main__":
    main()
