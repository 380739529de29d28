"""Login throttling (django-axes) that refuses a guesser without letting a stranger lock
staff out.

Failed logins of the last AXES_COOLOFF_TIME count under two rules, both per client address:

- one account from one address: AXES_FAILURE_LIMIT failures for a user name from an
  address refuse that name from that address. Failures from other addresses never count,
  so nobody elsewhere can lock an editor out by guessing at their name.
- one address: ARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT failures from an address, whatever the
  names, refuse every login from it (password spraying).

A try while refused is not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off),
so a refusal ends when the locked-out page says it does. Axes' own reset on success deletes
every failure matching any lockout parameter, so a success from an address would wipe the
failures that address made against other accounts; here a success clears only the failures
of the account that logged in, from the address it logged in from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

LOCKED_OUT_PAGE = "admin/locked_out.html"


@dataclass(frozen=True)
class Lock:
    """Why a login is refused and until when."""

    username: str
    address: str
    whole_address: bool  # every account from the address, not only this one
    failures: int
    until: datetime.datetime

    def seconds_left(self, now: datetime.datetime) -> int:
        return max(1, int((self.until - now).total_seconds()) + 1)


@dataclass(frozen=True)
class Failure:
    username: str | None
    attempt_time: datetime.datetime
    count: int


def lock_end(
    failures: Iterable[Failure], limit: int, cool_off: datetime.timedelta
) -> tuple[int, datetime.datetime] | None:
    """The failures counted and when the refusal they make ends, given the failures newest
    first: the rule refuses while `limit` failures are younger than the cool-off time, so
    until the one that reaches the limit, counting from the newest, is that old."""
    counted = 0
    for failure in failures:
        counted += failure.count
        if counted >= limit:
            return counted, failure.attempt_time + cool_off
    return None


def recent_failures(request: Any) -> list[Failure]:
    """The failed logins from the request's address within the cool-off time, newest first
    (one query)."""
    cool_off = get_cool_off(request)
    assert cool_off is not None, "AXES_COOLOFF_TIME is set in archive/settings.py"
    rows = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,
        attempt_time__gte=request.axes_attempt_time - cool_off,
    ).order_by("-attempt_time")
    return [
        Failure(username, attempt_time, count)
        for username, attempt_time, count in rows.values_list(
            "username", "attempt_time", "failures_since_start"
        )
    ]


def current_lock(request: Any, credentials: dict[str, Any] | None = None) -> Lock | None:
    """The rule refusing this login, or None: the account's from this address first."""
    username = get_client_username(request, credentials)
    failures = recent_failures(request)
    cool_off = get_cool_off(request)
    assert cool_off is not None
    rules = (
        (False, [f for f in failures if f.username == username], settings.AXES_FAILURE_LIMIT),
        (True, failures, settings.ARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT),
    )
    for whole_address, counted, limit in rules:
        end = lock_end(counted, limit, cool_off)
        if end is not None:
            return Lock(username or "", request.axes_ip_address, whole_address, *end)
    return None


class AccountLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return current_lock(request, credentials) is not None

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The recent failures of this account from this address (axes compares them with
        AXES_FAILURE_LIMIT after each failure; the address's rule is checked after it)."""
        username = get_client_username(request, credentials)
        return sum(f.count for f in recent_failures(request) if f.username == username)

    def user_login_failed(
        self, sender: object, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:
            return
        if self.is_locked(request, credentials):  # the address's own limit reached
            request.axes_locked_out = True
            request.axes_credentials = credentials
            username = get_client_username(request, credentials)
            user_locked_out.send(
                "axes", request=request, username=username, ip_address=request.axes_ip_address
            )

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            # django-axes sets the client's address on the request before any handler runs.
            username=username,
            ip_address=getattr(request, "axes_ip_address", None),
        ).delete()
        return deleted


def locked_out_response(
    request: Any, original_response: HttpResponse | None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The locked-out page (429): which rule refuses the login and when it ends."""
    lock = current_lock(request, credentials)
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "lock": lock,
        "cool_off_minutes": int(cool_off.total_seconds()) // 60 if cool_off else 0,
    }
    response = TemplateResponse(request, LOCKED_OUT_PAGE, context, status=429)
    if lock is not None:
        response["Retry-After"] = str(lock.seconds_left(request.axes_attempt_time))
    response["Cache-Control"] = "no-store"
    return response.render()
