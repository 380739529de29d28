"""Login lockout: failures count per account and per client address (django-axes).

Axes' own reset on success deletes every failure matching any lockout parameter, so a
success from an address would wipe the failures that address made against other
accounts: a staff member could guess a colleague's password forever, logging in to their
own account between guesses. Here a success clears only the failures of the account that
logged in, from the address it logged in from.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.http import HttpRequest


class AccountLockoutHandler(AxesDatabaseHandler):
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
