"""The benchmark's report: a Markdown table per server, each page beside the ceiling and
its Datasette peer, and the workers' peak memory."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.measure import Result
from bench.servers import Server, table


@dataclass
class Page:
    name: str
    path: str
    peer: str = ""  # name of the Datasette page it is compared with
    ceiling: str = "ceiling"  # name of the ceiling page it is compared with
    streamed: bool = False  # a download written as it is sent: time its first bytes too
    result: Result | None = None
    ceiling_result: Result | None = None  # the ceiling loaded just before this page
    static_result: Result | None = None  # the static file loaded just before this page
    nginx_result: Result | None = None  # the page loaded through nginx's cache


def ratio(ours: Result | None, theirs: Result | None) -> str:
    if not ours or not theirs or not theirs.requests_per_second:
        return ""
    value = ours.requests_per_second / theirs.requests_per_second
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def versus_ceiling(page: Page, ceilings: dict[str, Result | None]) -> str:
    """The page's requests/second as a share of its ceiling's: the one loaded just before
    it (whose own figure is shown), else the named ceiling row."""
    if page.ceiling_result is not None:
        shown = ratio(page.result, page.ceiling_result)
        return f"{shown} (of {page.ceiling_result.requests_per_second:,.0f})" if shown else ""
    shown = ratio(page.result, ceilings.get(page.ceiling))
    return f"{shown} of {page.ceiling}" if shown and page.ceiling != "ceiling" else shown


def versus_static(page: Page) -> str:
    """The page's requests/second as a share of the static file's loaded just before it."""
    shown = ratio(page.result, page.static_result)
    if not shown or page.static_result is None:
        return ""
    return f"{shown} (of {page.static_result.requests_per_second:,.0f})"


def through_nginx(page: Page) -> str:
    result = page.nginx_result
    if result is None:
        return ""
    errors = f", {result.errors} errors" if result.errors else ""
    return f"{result.requests_per_second:,.0f} (p99 {result.p99_ms:,.0f} ms{errors})"


def fmt(result: Result | None, uncached: bool = True) -> list[str]:
    if result is None:
        return ["not run", "", "", "", "", "", ""][: 7 if uncached else 6]
    errors = f"{result.errors}" + (f" (HTTP {result.status})" if result.status != "200" else "")
    alone_ms = [
        f"{ms:,.0f} ms" if ms is not None else "" for ms in (result.alone_ms, result.edited_ms)
    ][: 2 if uncached else 1]
    size = f"{result.size / 1024:,.0f} kB" if result.size >= 1024 else f"{result.size} B"
    if not result.requests:
        return ["0 (none finished in time)", "", "", errors, size, *alone_ms]
    return [
        f"{result.requests_per_second:,.1f}",
        f"{result.p50_ms:,.0f} ms",
        f"{result.p99_ms:,.0f} ms",
        errors,
        size,
        *alone_ms,
    ]


def report(ours: list[Page], theirs: dict[str, Page], gunicorn: Server, ds: Server | None) -> str:
    ceilings = {page.name: page.result for page in ours if page.name.startswith("ceiling")}
    rows = []
    for page in ours:
        peer = theirs.get(page.peer)
        ds_cells = (
            [f"{peer.name}: {fmt(peer.result, False)[0]}", ratio(page.result, peer.result)]
            if peer
            else ["", ""]
        )
        rows.append(
            [
                f"{page.name} `{page.path}`",
                *fmt(page.result),
                versus_ceiling(page, ceilings),
                versus_static(page),
                through_nginx(page),
                *ds_cells,
            ]
        )
    out = [
        table(
            rows,
            [
                "page",
                "req/s",
                "p50",
                "p99",
                "errors",
                "size",
                "alone",
                "after an edit",
                "vs ceiling",
                "vs static file",
                "via nginx req/s",
                "Datasette req/s",
                "ours / Datasette",
            ],
        ),
        "",
    ]
    for page in ours:
        if page.result and page.result.first_bytes_ms is not None:
            out += [
                f"{page.name}, rendered afresh (streamed as it is written, uncompressed): its "
                f"first bytes after {page.result.first_bytes_ms:,.0f} ms, its last after "
                f"{page.result.edited_ms:,.0f} ms (medians of 5 requests one at a time, each "
                "right after an edit).",
                "",
            ]
    if theirs:
        out += [
            table(
                [[f"{p.name} `{p.path}`", *fmt(p.result, False)] for p in theirs.values()],
                ["Datasette page", "req/s", "p50", "p99", "errors", "size", "alone"],
            ),
            "",
        ]
    return "\n".join([*out, *memory(gunicorn, ds)])


def memory(gunicorn: Server, ds: Server | None) -> list[str]:
    """The servers' peak memory, as sampled during the run."""
    lines = []
    if gunicorn.peaks:
        peaks = sorted(gunicorn.peaks.values())
        lines.append(
            f"Peak RSS per gunicorn worker (VmHWM, {len(peaks)} workers seen, recycled after "
            f"max_requests): max {peaks[-1] / 1024:.0f} MB, median "
            f"{statistics.median(peaks) / 1024:.0f} MB, min {peaks[0] / 1024:.0f} MB."
        )
    if ds and ds.peaks:
        peak = max(ds.peaks.values()) / 1024
        lines.append(f"Peak RSS of Datasette (one process): {peak:.0f} MB.")
    return lines
