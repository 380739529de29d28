"""A shared link previews well: every public page carries Open Graph and card metadata on
the configured site URL (never the request's Host), worded as the page is; a letter has a
preview card, a PNG made from its own data, cached like a page."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client, override_settings
from PIL import Image, ImageFont
from pytest_django import DjangoAssertNumQueries

from letters.pages.cards import HEIGHT, WIDTH, wrapped
from letters.pages.cards import font as card_font

pytestmark = pytest.mark.django_db

SITE = "https://letters.example.org"
ALL_NAMED = "/letters/2025-04-11-titus-smith-rubio/"  # 36 signers, all named
LEADS_ONLY = "/letters/2025-02-06-armenian-caucus-rubio/"  # at least 4 signers


def meta(html: str, key: str) -> str:
    """The content of the <meta property|name=key> tag ('' where there is none)."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return found.group(1) if found else ""


def test_every_kind_of_public_page_has_open_graph_and_card_metadata_on_the_site_url(
    seed_archive: None, client: Client
) -> None:
    pages = [
        "/",
        "/letters/",
        ALL_NAMED,
        "/legislators/",
        "/legislators/dina-titus/",
        "/detainees/",
        "/detainees/ruben-vardanyan/",
        "/demands/",
        "/demands/global-magnitsky-sanctions/",
        "/campaigns/",
        "/members/",
        "/members/NV/",
        "/search/?q=letter",
        "/about/",
    ]
    with override_settings(ARCHIVE_SITE_URL=SITE):
        for url in pages:
            html = client.get(url, HTTP_HOST="127.0.0.1:1337").content.decode()
            assert meta(html, "og:url") == SITE + url.split("?")[0], url
            assert meta(html, "og:title") and meta(html, "og:description"), url
            assert meta(html, "og:type") in ("website", "article", "profile"), url
            assert meta(html, "twitter:card") in ("summary", "summary_large_image"), url
            assert "1337" not in html, url


def test_a_pages_open_graph_description_is_its_own_description(
    seed_archive: None, client: Client
) -> None:
    html = client.get("/detainees/ruben-vardanyan/").content.decode()
    assert meta(html, "og:description") == meta(html, "description")
    assert "Ruben Vardanyan" in meta(html, "og:description")


def test_a_letters_description_words_its_signers_as_its_sources_support(
    seed_archive: None, client: Client
) -> None:
    named = meta(client.get(ALL_NAMED).content.decode(), "og:description")
    assert named.startswith("April 11, 2025, House: 36 signers (30 Democrats, 6 Republicans).")
    leads = meta(client.get(LEADS_ONLY).content.decode(), "og:description")
    assert "at least 4 signers (2 Democrats, 2 Republicans among those named)" in leads


def test_a_letter_links_its_preview_card_a_1200_by_630_png(
    seed_archive: None, client: Client
) -> None:
    with override_settings(ARCHIVE_SITE_URL=SITE):
        html = client.get(ALL_NAMED, HTTP_HOST="127.0.0.1:1337").content.decode()
    image = meta(html, "og:image")
    assert image == f"{SITE}{ALL_NAMED}card.png"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:image:alt").endswith("36 signers, 30 Democrats, 6 Republicans")
    response = client.get(image.removeprefix(SITE))
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    card = Image.open(io.BytesIO(response.content))
    assert (card.format, card.size) == ("PNG", (WIDTH, HEIGHT))


def test_the_card_draws_the_party_split_in_the_party_colours(
    seed_archive: None, client: Client
) -> None:
    card = Image.open(io.BytesIO(client.get(f"{ALL_NAMED}card.png").content)).convert("RGB")
    bar = [card.getpixel((x, 514)) for x in range(64, WIDTH - 64)]
    blue, red = (0x1A, 0x5F, 0xB4), (0xB3, 0x26, 0x1E)
    assert bar.count(blue) / len(bar) == pytest.approx(30 / 36, abs=0.01)
    assert bar.count(red) / len(bar) == pytest.approx(6 / 36, abs=0.01)


def test_a_long_title_is_cut_with_an_ellipsis_within_the_card() -> None:
    lines = wrapped("word " * 200, card_font(52, 700), 1072, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(card_font(52, 700).getlength(line) <= 1072 for line in lines)


def test_no_card_for_an_unknown_letter(seed_archive: None, client: Client) -> None:
    assert client.get("/letters/no-such-letter/card.png").status_code == 404


def test_the_card_is_served_from_the_page_cache_and_reads_one_row(
    seed_archive: None, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        client.get(f"{ALL_NAMED}card.png")
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        first, second = (client.get(f"{ALL_NAMED}card.png") for _ in range(2))
    assert (first["X-Archive-Cache"], second["X-Archive-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == "image/png" and second.content == first.content


def test_the_card_is_set_in_the_sites_own_typeface() -> None:
    face = card_font(34)  # read from static/fonts, not Pillow's own
    assert isinstance(face, ImageFont.FreeTypeFont)
    family, _ = face.getname()
    assert family is not None and family.startswith("Source Sans 3")
