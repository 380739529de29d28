"""Measuring one page: a few requests one at a time (as served, and rendered afresh right
after an edit), then a fixed time of concurrent load by wrk or, without it, Python threads; the
servers' peak memory and the wait until they are idle again."""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg

from bench.servers import (
    HOST,
    REQUEST_HEADERS,
    Server,
    children,
    cpu_ticks,
    fetch,
    fetch_timed,
    scalar,
    vm_hwm_kb,
)

NEW_TOKEN = "update letters_archiveversion set token = gen_random_uuid()"
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
    first_bytes_ms: float | None = None  # a streamed page: until its first bytes, after an edit
    edited_ms: float | None = None  # rendered afresh, each right after an edit (a new token)
    size: int = 0  # bytes in the body


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


def first_bytes_after_edit(port: int, path: str, database_url: str, most: int = 5) -> float:
    """Median time until the first bytes of the body of a streamed page rendered afresh
    (each request right after an edit): when a download starts, however long it takes."""
    timings = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for _ in range(most):
            conn.execute(NEW_TOKEN)
            timings.append(fetch_timed(port, path)[2])
    return statistics.median(timings)


def alone_after_edit(port: int, path: str, database_url: str, most: int = 5) -> float:
    """Median time of a few requests, each right after a change of the archive's version
    token (as any edit makes it): the page is rendered afresh, and the letters list's
    worker rebuilds its facet index (letters/pages/facets.py) before answering. Nothing
    else is changed."""
    timings: list[float] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for _ in range(most):
            conn.execute(NEW_TOKEN)
            began = time.perf_counter()
            fetch(port, path)
            timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


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
            active = scalar(
                conn,
                "select count(*) from pg_stat_activity where datname = %s and state = 'active' "
                "and pid <> pg_backend_pid()",
                [name],
            )
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
                *(f"--header={name}: {value}" for name, value in REQUEST_HEADERS.items()),
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
                conn.request("GET", path, headers=REQUEST_HEADERS)
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
