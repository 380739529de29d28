"""Import legislators from a congress-legislators YAML file (the @unitedstates project's
legislators-current.yaml, or the historical file of the same shape).

Rows are matched by bioguide id and created or updated from each person's latest term; every
term (chamber, state, district, party, start, end) is kept as a `LegislatorTerm`, so names on
a letter can be matched among the members who served on its date.
Legislators entered from the seeds without a bioguide id are first linked to their record by
last name + party + state (given names only to choose between namesakes); an ambiguous
match is reported, never guessed. The archive's own fields -- the name as printed in the
sources, the last name used for matching, and the slug -- are set when a row is created and
never changed by an import. One transaction: any bad record rolls everything back.
"""

from people.importing.reading import parse_record, read_legislators_file
from people.importing.records import LegislatorImportError, LegislatorRecord, TermRecord
from people.importing.syncing import (
    PROGRESS_EVERY,
    AmbiguousLink,
    ImportReport,
    import_legislators,
)

__all__ = [
    "PROGRESS_EVERY",
    "AmbiguousLink",
    "ImportReport",
    "LegislatorImportError",
    "LegislatorRecord",
    "TermRecord",
    "import_legislators",
    "parse_record",
    "read_legislators_file",
]
