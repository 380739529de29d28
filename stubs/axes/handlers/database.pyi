from typing import Any

from django.http import HttpRequest

class AxesDatabaseHandler:
    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = ...
    ) -> int: ...
