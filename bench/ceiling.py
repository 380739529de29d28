"""The benchmark's ceiling: the cheapest page the stack can serve (bench/run.py).

Routed only by bench/urls.py (the benchmark's settings, bench/settings.py): it goes through
the same server, settings and middleware as every public page, with no query and no
template, so its requests/second bound what any page can reach.
"""

import random

from django.http import HttpRequest, HttpResponse

from archive.page_cache import page_parameters

MOST_BYTES = 64 * 1024 * 1024


@page_parameters("bytes")  # cached like any page with its parameters
def ceiling(request: HttpRequest) -> HttpResponse:
    """'ok', or `?bytes=N` bytes sent as they are (a ceiling for a download of that size:
    random, so no compression makes them fewer)."""
    size = request.GET.get("bytes", "")
    if size.isdigit() and 0 < int(size) <= MOST_BYTES:
        content = random.Random(int(size)).randbytes(int(size))
        return HttpResponse(content, content_type="application/octet-stream")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
