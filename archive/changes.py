"""Changes made in bulk (loading the fixtures, importing the legislators, saving a drafted
letter, any form posted in the admin): within `batched_changes()`, the receivers of record
changes note what each change makes due and do it once, on leaving, in the same
transaction. A load of a few hundred records, or a letter saved with hundreds of
signatories, then replaces the version token and recounts the tallies once, not once per
row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from django.dispatch import Signal

# Sent (sender: the model, using: the database alias) after records were written without a
# signal per row (bulk_create, QuerySet.update): the receivers of record changes take it as
# a change of any of that model's records.
records_changed_in_bulk = Signal()


class DeferredWork(Protocol):
    def finish(self) -> None: ...


_batch: ContextVar[dict[object, DeferredWork] | None] = ContextVar("batch", default=None)


def current_batch() -> dict[object, DeferredWork] | None:
    """The work deferred by the receivers, by key, while a batch is open; else None."""
    return _batch.get()


@contextmanager
def batched_changes() -> Iterator[None]:
    """Defer the receivers' work to the end of the block; call it inside the transaction
    that makes the changes. An exception leaves the work undone (the transaction it rolls
    back made it moot)."""
    if _batch.get() is not None:  # already inside a batch: the outer one finishes it
        yield
        return
    pending: dict[object, DeferredWork] = {}
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
    for work in pending.values():
        work.finish()
