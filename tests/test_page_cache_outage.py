"""The page cache down, hung or restarted from an old snapshot: pages are rendered directly,
a request waits for the cache at most once (one short timeout, no retry, then the breaker
leaves the cache alone), an edit saved meanwhile is never hidden by an older copy. Uses a
real Redis server of its own and a socket that accepts and never answers (never the shared
Redis on 6379)."""

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from archive.page_cache import breaker
from letters.models import ArchiveVersion, Letter
from tests.prepared_archive import free_port
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db
LETTER = "/letters/2025-04-11-titus-smith-rubio/"


def redis_cache(port: int) -> dict[str, Any]:
    """The production cache settings, pointed at `port`."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "archive",
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }


class HungServer:
    """Accepts connections and never answers (a Redis stuck in a long command, a dead
    proxy in front of it)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stopping.is_set():
            try:
                self.accepted.append(self.sock.accept()[0])
            except TimeoutError:
                continue

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        for conn in self.accepted:
            conn.close()
        self.sock.close()


class OwnRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="archive-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def snapshot(self) -> None:
        redis.Redis(port=self.port).save()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def archive() -> Iterator[None]:
    load_seed_archive()
    breaker.reset()
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        yield
    breaker.reset()


@pytest.fixture
def hung() -> Iterator[HungServer]:
    server = HungServer()
    yield server
    server.close()


@pytest.fixture
def own_redis() -> Iterator[OwnRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = OwnRedis()
    server.start()
    yield server
    server.remove()


def test_the_cache_client_gives_up_quickly_and_never_retries() -> None:
    assert settings.REDIS_CACHE_OPTIONS["socket_connect_timeout"] <= 0.1
    assert settings.REDIS_CACHE_OPTIONS["socket_timeout"] <= 0.1
    pool = redis.ConnectionPool.from_url("redis://127.0.0.1:1/0", **settings.REDIS_CACHE_OPTIONS)
    connection = pool.make_connection()
    assert isinstance(connection, redis.Connection)
    assert connection.retry.get_retries() == 0


def test_a_hung_cache_costs_one_timeout_then_is_left_alone(
    archive: None, hung: HungServer, client: Client
) -> None:
    with override_settings(CACHES=redis_cache(hung.port)):
        first = client.get(LETTER)
        assert first.status_code == 200 and "Titus-Smith" in first.text
        assert len(hung.accepted) == 1  # one connection, one read that timed out: no retry
        for url in (LETTER, "/", "/letters/", "/letters.csv"):
            assert client.get(url).status_code == 200
        assert len(hung.accepted) == 1  # the breaker skips the cache meanwhile

        # An edit never waits for the cache: the version token is in the database.
        Letter.objects.get(slug="2025-04-11-titus-smith-rubio").save()
        assert len(hung.accepted) == 1

        breaker.reset()  # the retry period is over
        assert client.get(LETTER).status_code == 200
        # One more attempt for that request: the read failed, so the store was skipped.
        assert len(hung.accepted) == 2


def test_an_unreachable_cache_costs_one_attempt_per_request_at_most(
    archive: None, client: Client
) -> None:
    connects = mock.Mock(side_effect=redis.ConnectionError("refused"))
    with (
        override_settings(CACHES=redis_cache(free_port())),
        mock.patch.object(redis.connection.AbstractConnection, "connect", connects),
    ):
        assert client.get(LETTER).status_code == 200
        assert client.get("/letters/").status_code == 200
        assert connects.call_count == 1
        breaker.reset()
        assert client.get("/demands/").status_code == 200  # LETTER is in memory now
        assert connects.call_count == 2


def test_no_stale_page_after_an_outage_or_a_restart_from_an_older_snapshot(
    archive: None, own_redis: OwnRedis, client: Client
) -> None:
    with override_settings(CACHES=redis_cache(own_redis.port)):
        assert client.get(LETTER)["X-Archive-Cache"] == "miss"
        assert client.get(LETTER)["X-Archive-Cache"] == "hit"
        own_redis.snapshot()  # the cached page is in the snapshot

        own_redis.stop()
        assert client.get(LETTER).status_code == 200  # rendered directly
        letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
        letter.title = "Titus-Smith letter, edited during the outage"
        letter.save()  # succeeds with the cache down

        own_redis.start()  # from the snapshot holding the page as it was
        assert redis.Redis(port=own_redis.port).dbsize() > 0
        breaker.reset()
        response = client.get(LETTER)
        assert response["X-Archive-Cache"] == "miss"
        assert "edited during the outage" in response.text
        response = client.get(LETTER)
        assert response["X-Archive-Cache"] == "hit"
        assert "edited during the outage" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL connection to break")
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_broken_by_a_database_restart_is_replaced(client: Client) -> None:
    """Stored pages skip Django's health check (the version's query is the check): a kept
    connection the database dropped is replaced, not answered with an error."""
    ArchiveVersion.bump()
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        assert client.get("/about/").status_code == 200
        connection.connection.close()  # as a restarted database leaves it
        assert client.get("/about/").status_code == 200
        assert client.get("/about/")["X-Archive-Cache"] == "hit"
