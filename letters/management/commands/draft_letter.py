import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from letters.drafting import (
    LetterDraft,
    draft_letter,
    draft_summary_lines,
    find_existing_letter,
    save_draft,
)
from letters.drafting.intake import check_holds_a_letter, check_text, text_from_bytes
from letters.drafting.report import draft_as_json, draft_line
from letters.models import Letter, SourceKind


def text_files(paths: list[Path]) -> list[Path]:
    """The files named, and the .txt files of each folder named (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
        else:
            files.append(path)
    return files


def read_draft(path: Path, title: str = "") -> tuple[LetterDraft, Letter | None]:
    """Draft the letter in one file; ValidationError where the file is refused."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"Cannot read {path}: {error.strerror or error}") from error
    text = check_text(text_from_bytes(data, name=str(path)))
    draft = draft_letter(text, title=title)
    check_holds_a_letter(draft)
    return draft, find_existing_letter(draft)


class Command(BaseCommand):
    help = (
        "Draft letters from press releases or letter texts and print them for review: one "
        "file in detail, several files (or a folder's .txt files) one line each, or JSON "
        "with --json. With --save (one file), save the draft, but only when every signer, "
        "recipient and detainee is matched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", type=Path, help="Text files (UTF-8) or folders of .txt files."
        )
        parser.add_argument("--json", action="store_true", help="Print the drafts as JSON.")
        parser.add_argument("--title", default="", help="Title of the letter.")
        parser.add_argument("--save", action="store_true", help="Save the draft (one file).")
        parser.add_argument("--slug", default="", help="Slug of the letter (with --save).")
        parser.add_argument("--summary", default="", help="Summary of the letter (with --save).")
        parser.add_argument("--source-title", default="", help="Title of the source document.")
        parser.add_argument(
            "--source-kind", choices=SourceKind.values, default="", help="Kind of the source."
        )

    def handle(self, *args: object, **options: Any) -> None:
        files = text_files(options["files"])
        if not files:
            raise CommandError("No text file given (a folder is read for its .txt files).")
        if options["save"] and len(files) != 1:
            raise CommandError("--save saves one letter: give exactly one file.")
        if len(files) == 1 and not options["json"]:
            self.handle_one(files[0], options)
            return
        refused = 0
        drafts = []
        for path in files:
            try:
                draft, existing = read_draft(path, str(options["title"]))
            except ValidationError as error:
                refused += 1
                drafts.append({"file": str(path), "refused": " ".join(error.messages)})
                if not options["json"]:
                    self.stdout.write(f"{path}: refused: {' '.join(error.messages)}")
                continue
            drafts.append({"file": str(path), **draft_as_json(draft, existing)})
            if not options["json"]:
                self.stdout.write(f"{path}: {draft_line(draft, existing)}")
        if options["json"]:
            output = drafts[0] if len(drafts) == 1 else drafts
            self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))
        if refused:
            raise CommandError(f"{refused} of {len(files)} texts refused (nothing saved).")

    def handle_one(self, path: Path, options: dict[str, object]) -> None:
        try:
            draft, existing = read_draft(path, str(options["title"]))
        except ValidationError as error:
            raise CommandError(f"Refused: {' '.join(error.messages)}") from error
        for line in draft_summary_lines(draft, existing):
            self.stdout.write(line)
        if options["save"]:
            self.save(draft, existing, options)

    def save(self, draft: LetterDraft, existing: Letter | None, options: dict[str, object]) -> None:
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
