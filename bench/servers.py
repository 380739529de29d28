"""Server plumbing shared by the benchmark (bench/run.py) and the load test (bench/load.py):
production settings for a server on loopback, starting gunicorn and stopping whatever was
started, single timed requests, and the processes' CPU and memory from /proc."""

from __future__ import annotations

import datetime
import getpass
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Every request says what a browser says of compression (pages are sent gzipped to it).
REQUEST_HEADERS = {"Host": HOST, "Accept-Encoding": "gzip"}
GUNICORN_CONF = "archive/gunicorn_conf.py"
NGINX = Path("/usr/sbin/nginx")


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    log: Path
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> VmHWM in kB


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def production_env(
    database_url: str,
    workdir: Path,
    port: int,
    conn_max_age: str,
    settings: str = "archive.settings",
) -> dict[str, str]:
    """The environment of a server run as in production, on loopback: DEBUG off, a fresh
    random secret key, ALLOWED_HOSTS 127.0.0.1, static files collected into `workdir`. The
    cache is Redis only if the caller adds REDIS_URL."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_BEHIND_TLS_PROXY": "false",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_CONN_MAX_AGE": conn_max_age,
        "GUNICORN_BIND": f"{HOST}:{port}",
    }
    env.pop("REDIS_URL", None)
    return env


def scalar(conn: psycopg.Connection[Any], sql: str, params: Sequence[object] = ()) -> Any:
    """The one value a query selects (a count, a name). Without parameters the query is sent
    as written, so a '%' in it is SQL's, not a placeholder."""
    row = conn.execute(sql, params or None).fetchone()
    assert row is not None, sql
    return row[0]


def manage(args: list[str], env: dict[str, str], output: Path | None = None) -> str:
    """Run manage.py in the project with `env`. Its output goes to the console, or with
    `output` is appended to that file (shown if it fails) and returned."""
    command = [sys.executable, "manage.py", *args]
    if output is None:
        done = subprocess.run(command, cwd=ROOT, env=env, timeout=3600)
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed")
        return ""
    captured = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    with output.open("a") as out:
        out.write(captured.stdout + captured.stderr)
    if captured.returncode:
        tail = (captured.stdout + captured.stderr)[-3000:]
        raise SystemExit(f"manage.py {' '.join(args)} failed; the end of its output:\n{tail}")
    return captured.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


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


def start_gunicorn(env: dict[str, str], workdir: Path, ready_path: str = "/") -> Server:
    """gunicorn with the production configuration, once it answers `ready_path`."""
    command = [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF, "archive.wsgi"]
    server = start("gunicorn", command, env, workdir)
    try:
        wait_until_up(server, int(env["GUNICORN_BIND"].rsplit(":", 1)[1]), ready_path)
    except BaseException:
        stop(server)
        raise
    return server


def documented_nginx_blocks() -> tuple[str, str]:
    """The http-level and the location-level nginx configuration of docs/deploying.md."""
    text = (ROOT / "docs" / "deploying.md").read_text()
    http_block, location = re.findall(r"```nginx\n(.*?)```", text, re.DOTALL)
    return http_block, location


def nginx_config(folder: Path, port: int, app_port: int) -> str:
    """docs/deploying.md's configuration with `folder` for its files and cache, listening on
    `port` over HTTP in front of the app on `app_port`; it says how it answered in
    X-Test-Cache (never sent to visitors in production)."""
    http_block, location = documented_nginx_blocks()
    http_block = http_block.replace("/var/cache/nginx/archive", str(folder / "cache"))
    location = location.replace("127.0.0.1:8000", f"{HOST}:{app_port}")
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
{http_block}
    server {{
        listen {HOST}:{port};
        add_header X-Test-Cache $upstream_cache_status always;
{location}
    }}
}}
"""


def start_nginx(workdir: Path, port: int, app_port: int) -> Server:
    """Debian's nginx, configured as docs/deploying.md says, in front of the app."""
    folder = workdir / "nginx"
    folder.mkdir(exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, port, app_port))
    command = [str(NGINX), "-p", str(folder), "-c", str(config)]
    return start("nginx", command, dict(os.environ), workdir)


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
    """One GET on loopback: (status, body length as sent)."""
    return fetch_timed(port, path, timeout)[:2]


def fetch_timed(port: int, path: str, timeout: float = 60) -> tuple[int, int, float]:
    """One GET on loopback: (status, body length, ms until the first byte of the body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        began = time.perf_counter()
        conn.request("GET", path, headers=REQUEST_HEADERS)
        response = conn.getresponse()
        first = response.read(1)
        first_ms = (time.perf_counter() - began) * 1000
        return response.status, len(first) + len(response.read()), first_ms
    finally:
        conn.close()


def never_searched(path: str, token: str) -> Iterator[str]:
    """The path with search words no one asked before (`q`, a parameter the letters list and
    the search declare), so each request renders the page afresh even when rendered pages
    are stored: the one way a visitor can make the site render a page."""
    separator = "&" if "?" in path else "?"
    for n in range(1_000_000):
        yield f"{path}{separator}q=never-{token}-{n}"


# --- processes, from /proc ----------------------------------------------------------------


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


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


# --- reporting ------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


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
