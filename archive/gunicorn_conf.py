"""gunicorn settings for production: `gunicorn -c archive/gunicorn_conf.py archive.wsgi`.

Sized for the 2-core machines the archive runs on; each value can be overridden from the
environment (GUNICORN_WORKERS, GUNICORN_BIND, ...).
"""

import gc
import multiprocessing
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database reads; 2 per core plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A request that has not finished in 30 s is killed and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that no leak can grow without bound; not too often: cached
# pages are answered so fast that a small limit would recycle each worker every few seconds,
# and a new worker's first requests pay for a database connection and copied memory pages.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = 2000
# Load the app once in the master and fork warm workers from it (see archive/warmup.py): a
# new worker answers at once instead of importing and compiling on its first requests. Code
# changes then need a restart, not a HUP.
preload_app = True
# Behind the TLS proxy on the same host: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"


def when_ready(server: Any) -> None:
    """Before the first worker is forked: warm what every worker would build lazily."""
    from archive.warmup import warm_up

    server.log.info("warmed %d templates before forking workers", warm_up())
    # Leave what the master built (modules, URL patterns, templates) out of the workers'
    # garbage collections: a full collection then scans only what requests made, not the
    # whole application (a letter page makes enough model instances to start one).
    gc.freeze()
