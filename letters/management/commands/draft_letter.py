from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from letters.drafting import (
    draft_letter,
    draft_summary_lines,
    find_existing_letter,
    save_draft,
)
from letters.models import SourceKind


class Command(BaseCommand):
    help = (
        "Draft a letter from a press release or letter text and print it for review. With "
        "--save, save it, but only when every signer, recipient and detainee is matched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Text file (UTF-8) to draft the letter from.")
        parser.add_argument("--title", default="", help="Title of the letter.")
        parser.add_argument("--save", action="store_true", help="Save the draft (else print).")
        parser.add_argument("--slug", default="", help="Slug of the letter (with --save).")
        parser.add_argument("--summary", default="", help="Summary of the letter (with --save).")
        parser.add_argument("--source-title", default="", help="Title of the source document.")
        parser.add_argument(
            "--source-kind", choices=SourceKind.values, default="", help="Kind of the source."
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        draft = draft_letter(text, title=str(options["title"]))
        existing = find_existing_letter(draft)
        for line in draft_summary_lines(draft, existing):
            self.stdout.write(line)
        if not options["save"]:
            return
        problems = list(draft.unresolved)
        if existing is not None:
            problems.append(f"Already in the archive: {existing.slug}.")
        missing = [name for name in ("slug", "summary") if not options[name]]
        problems += [f"--{name} is required with --save." for name in missing]
        if problems:
            raise CommandError("Nothing saved. Resolve first:\n  " + "\n  ".join(problems))
        try:
            letter = save_draft(
                draft,
                slug=str(options["slug"]),
                title=str(options["title"]) or draft.suggested_title,
                summary=str(options["summary"]),
                source_title=str(options["source_title"]) or draft.suggested_source_title,
                source_kind=str(options["source_kind"]) or draft.suggested_source_kind,
            )
        except ValidationError as error:
            raise CommandError(f"Nothing saved: {'; '.join(error.messages)}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Saved {letter.slug}: {letter.signatories.count()} signers, "
                f"{letter.addressees.count()} recipients, {letter.mentions.count()} detainees, "
                f"{letter.letter_demands.count()} demands."
            )
        )
