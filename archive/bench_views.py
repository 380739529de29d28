"""The benchmark's ceiling: the cheapest page the stack can serve (bench/run.py).

Routed only when ARCHIVE_BENCH_CEILING=1 (see the end of archive/urls.py): it goes through
the same server, settings and middleware as every public page, with no query and no
template, so its requests/second bound what any page can reach.
"""

from django.http import HttpRequest, HttpResponse


def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
