"""What the drafting tool accepts: a text (pasted or read from a file) is refused, with a
message saying why and nothing saved, when it is empty, binary, over the size limit, or holds
no letter at all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from letters.drafting import LetterDraft

# Far beyond any press release or letter, and small enough that every pattern reads it at once
# (bench/adversarial_pastes.py drafts pastes of this size).
MAX_TEXT_CHARS = 1_000_000
# Control characters that never occur in a text document (tab, newlines, form feed do).
BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# A few stray control characters are OCR noise; more than this share of them is not text.
BINARY_SHARE = 0.01


def text_from_bytes(data: bytes, name: str = "The file") -> str:
    """The UTF-8 text of a file's bytes, or ValidationError where it is not text."""
    if b"\x00" in data[:8192]:
        raise ValidationError(f"{name} is binary (not a text file): nothing was read from it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read): save it as UTF-8 "
            "text and try again."
        ) from error
    return text.replace("\r\n", "\n")


def check_text(text: str) -> str:
    """The text, or ValidationError where it is empty, binary or over the size limit."""
    if not text.strip():
        raise ValidationError("The text is empty: paste a press release or a letter's text.")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            f"The text is {len(text):,} characters long, over the limit of "
            f"{MAX_TEXT_CHARS:,}: paste one press release or letter at a time."
        )
    odd = len(BINARY_CHARS.findall(text))
    if "\x00" in text or odd > max(2, len(text) * BINARY_SHARE):
        raise ValidationError(
            "The text holds binary data (control characters), not a document's text."
        )
    return text


def check_holds_a_letter(draft: LetterDraft) -> None:
    """ValidationError where a draft found nothing of a letter: no signer, no recipient, no
    stated number of signers, no signature block."""
    if not (
        draft.signers or draft.recipients or draft.signers_stated or draft.unnamed_signature_blocks
    ):
        raise ValidationError(
            "No letter found in this text: it names no signer, no recipient and no number of "
            "signers. Paste a press release about a letter, or the letter's text."
        )
