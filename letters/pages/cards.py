"""A letter's preview card: the picture a social site or a chat shows beside a shared link
(og:image), a 1200 x 630 PNG made from the letter's own data (its title, date, the number
of signers the sources support and their party split), worded as its page words them."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from PIL import Image, ImageDraw, ImageFont

from archive.page_cache import page_parameters
from letters.models import LETTER_LINK_FIELDS, Letter
from letters.pages.wording import SignerCount, party_split_phrase

WIDTH, HEIGHT = 1200, 630  # what social sites show large (1.91:1)
MARGIN = 64
TITLE_LINES = 3
# The site's colours (static/css/site.css): ink, muted text, accent, parties, the bar's track.
INK, MUTED, ACCENT, TRACK = "#1b1f23", "#4a5563", "#7a1f1f", "#eef1f4"
PARTY_COLOURS = (("democrats", "#1a5fb4"), ("republicans", "#b3261e"), ("independents", "#6b3fa0"))
# The site's own typeface (a variable font: weight is set per use), read by FreeType.
TYPEFACE = Path(settings.BASE_DIR) / "static" / "fonts" / "source-sans-3-latin-wght-normal.woff2"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=16)
def font(size: int, weight: int = 400) -> Font:
    """The typeface at `size` and `weight`; Pillow's own font at that size where FreeType
    cannot read it (a Pillow built without WOFF2 support)."""
    try:
        face = ImageFont.truetype(str(TYPEFACE), size)
        face.set_variation_by_axes([weight])
        return face
    except OSError:
        return ImageFont.load_default(size=size)


def wrapped(text: str, face: Font, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of at most `width` pixels, the last one cut with an
    ellipsis when the text is longer."""
    kept: list[str] = []
    words = text.split()
    while words and len(kept) < lines:
        line = words.pop(0)
        while words and face.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        kept.append(line)
    if words:
        last = kept[-1]
        while last and face.getlength(f"{last}…") > width:
            last = last[:-1]
        kept[-1] = f"{last.rstrip()}…"
    return kept


def draw_split(draw: ImageDraw.ImageDraw, split: dict[str, int], top: int) -> None:
    """The party split as a bar the width of the card, each party its share."""
    total = sum(split.values())
    left, right, height = MARGIN, WIDTH - MARGIN, 28
    draw.rectangle((left, top, right, top + height), fill=TRACK)
    start = float(left)
    for party, colour in PARTY_COLOURS:
        count = split[party]
        if count:
            end = start + (right - left) * count / total
            draw.rectangle((round(start), top, round(end), top + height), fill=colour)
            start = end


def card_png(letter: Letter) -> bytes:
    """The card of a letter read with with_signer_counts()."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    draw.text((MARGIN, 44), settings.SITE_NAME, font=font(28, 600), fill=ACCENT)
    y = 96
    for line in wrapped(letter.title, font(52, 700), text_width, TITLE_LINES):
        draw.text((MARGIN, y), line, font=font(52, 700), fill=INK)
        y += 62
    when = f"{letter.date_display} · {letter.get_chamber_display()}"
    draw.text((MARGIN, y + 8), when, font=font(32), fill=MUTED)
    count = SignerCount.of(letter)
    signers = count.phrase[:1].upper() + count.phrase[1:]
    draw.text((MARGIN, 400), signers, font=font(72, 700), fill=INK)
    # The party split annotated by with_signer_counts().
    split = {party: int(getattr(letter, party)) for party, _ in PARTY_COLOURS}
    split_phrase = party_split_phrase(
        split["democrats"], split["republicans"], split["independents"], count.all_named
    )
    if split_phrase:
        draw_split(draw, split, 500)
        draw.text((MARGIN, 540), split_phrase, font=font(34), fill=INK)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


@page_parameters()
def letter_card(request: HttpRequest, slug: str) -> HttpResponse:
    """A letter's preview card as a PNG (one query; stored by the page cache like a page)."""
    letter = get_object_or_404(
        Letter.objects.with_signer_counts().only(
            *LETTER_LINK_FIELDS, "chamber", "signers_stated", "signature_blocks", "signers_note"
        ),
        slug=slug,
    )
    return HttpResponse(card_png(letter), content_type="image/png")
