"""Draft hostile pastes of about 1 MB each and print how long each took.

    uv run python bench/adversarial_pastes.py            # every paste; --only capitals

Every pattern the drafting tool applies to pasted text must run in time linear in the
text's length; a pattern that backtracks shows here as one paste taking minutes instead of
seconds. The pastes are long runs of what the reader's patterns look for: capitals, spaces,
half-open badges, names, titles, dates and detainee-like names. Each must draft (or be
refused as holding no letter) in under LIMIT seconds; the script exits 1 otherwise.

The drafts run against a fresh SQLite archive in a temporary folder, loaded with the seed
archive and every current member of Congress, so the matching stages see real names.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_FOLDER = tempfile.mkdtemp(prefix="adversarial-")
os.environ["DATABASE_URL"] = f"sqlite:///{_FOLDER}/archive.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "adversarial-" + "x" * 50)

import django

django.setup()

from django.core.management import call_command

from letters.drafting import draft_letter
from letters.drafting.intake import MAX_TEXT_CHARS

LIMIT = 5.0
# A paste still running after this long is stopped: a backtracking pattern never ends.
GIVE_UP = 60.0
SIZE = MAX_TEXT_CHARS - 1000


def _repeat(unit: str, head: str = "", tail: str = "") -> str:
    room = SIZE - len(head) - len(tail)
    return head + (unit * (room // len(unit) + 1))[:room] + tail


# Each paste opens like a release about a letter, so every stage of the reader runs.
_OPENING = "April 11, 2025\n\nRep. Dina Titus (D-NV) led a letter to Secretary of State Marco "
PASTES: dict[str, Callable[[], str]] = {
    "capitals": lambda: _repeat("A", _OPENING),
    "capitals, mixed": lambda: _repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _OPENING),
    "capitalised words": lambda: _repeat("Abcdef ", _OPENING),
    "capitals before a badge": lambda: _repeat("A", _OPENING, " (D-NV)"),
    "spaces": lambda: _repeat(" ", _OPENING, "x"),
    "spaces after a detainee's role": lambda: _repeat(
        " ", "Ruben Vardanyan, former state minister", "x"
    ),
    "spaces inside a list": lambda: _repeat("Ruben Vardanyan,  ", "former detainees "),
    "tabs and line breaks": lambda: _repeat(" \t\n", _OPENING),
    "half-open badges": lambda: _repeat("Dina Titus (D-", _OPENING),
    "half-open badges, state": lambda: _repeat("Dina Titus (D-New ", _OPENING),
    "unclosed badges": lambda: _repeat("Titus (D-NV ", _OPENING),
    "comma badges": lambda: _repeat("Titus, D-", _OPENING),
    "names with badges": lambda: _repeat("Dina Titus (D-NV), ", _OPENING),
    "names in a list": lambda: _repeat("Titus, Smith and ", "Representatives "),
    "titles": lambda: _repeat("Rep. ", _OPENING),
    "titled names": lambda: _repeat("Rep. Dina Titus and ", _OPENING),
    "senators joined": lambda: _repeat("Senator Ed Markey joined ", _OPENING),
    "initials": lambda: _repeat("J. ", _OPENING),
    "honorables": lambda: _repeat("The Honorable ", _OPENING),
    "dates": lambda: _repeat("April 11, ", _OPENING),
    "armenian surnames": lambda: _repeat("Abc Vardanyan ", "detained "),
    "noise dashes": lambda: _repeat("WASHINGTON \u2014 ", _OPENING),
    "sentences": lambda: _repeat("Rep. A. ", _OPENING),
    "party words": lambda: _repeat("Democratic Congressman ", _OPENING),
    "colleagues": lambda: _repeat("and 25 colleagues ", _OPENING),
}


def _prepare() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_archive", verbosity=0)


def _draft(text: str, took: multiprocessing.Queue[float]) -> None:
    started = time.perf_counter()
    draft_letter(text)
    took.put(time.perf_counter() - started)


def _timed(text: str) -> float:
    """Seconds to draft `text`, in a process of its own (forked: the archive is ready), or
    GIVE_UP where it had to be stopped."""
    context = multiprocessing.get_context("fork")
    took: multiprocessing.Queue[float] = context.Queue()
    process = context.Process(target=_draft, args=(text, took))
    process.start()
    process.join(GIVE_UP)
    if process.is_alive():
        process.kill()
        process.join()
        return GIVE_UP
    return took.get() if process.exitcode == 0 else GIVE_UP


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the pastes whose name contains this")
    args = parser.parse_args()
    _prepare()
    slowest = 0.0
    for name, build in PASTES.items():
        if args.only and args.only not in name:
            continue
        text = build()
        took = _timed(text)
        slowest = max(slowest, took)
        flag = "" if took < LIMIT else f"  OVER {LIMIT:.0f} s"
        print(f"{name:<32} {len(text):>9,} chars {took:7.2f} s{flag}", flush=True)
    print(f"slowest: {slowest:.2f} s (limit {LIMIT:.0f} s)")
    return 0 if slowest < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
