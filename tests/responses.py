"""What the test client answers, typed once for every test module."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.http import HttpResponse, StreamingHttpResponse

if TYPE_CHECKING:
    # django-stubs names the client's response (with .context, .templates) privately.
    from django.test.client import _MonkeyPatchedWSGIResponse as ClientResponse
else:
    from django.http import HttpResponse as ClientResponse

__all__ = ["ClientResponse", "content_of", "found"]


def found(pattern: str, text: str) -> str:
    """The first group of `pattern` in `text`; the test fails where it is not there."""
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not found"
    return match.group(1)


def content_of(response: ClientResponse | HttpResponse | StreamingHttpResponse) -> bytes:
    """The whole body of a response, streamed (exports) or not."""
    return response.getvalue()
