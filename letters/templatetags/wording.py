"""Template access to letters.pages.wording: every page words counts the same way."""

from __future__ import annotations

from typing import Any

from django import template

from letters.pages import citing, wording

register = template.Library()


@register.filter
def signer_count(letter: Any) -> wording.SignerCount:
    """`{% with count=letter|signer_count %}{{ count.phrase }}`: see SignerCount."""
    return wording.SignerCount.of(letter)


@register.simple_tag
def letters_signed(signed: int, led: int, cosigned: int) -> str:
    """'3 letters (1 as lead, 2 as co-signer)': see wording.roles_phrase()."""
    return wording.roles_phrase(signed, led, cosigned)


@register.simple_tag
def roles(signed: int, led: int, cosigned: int) -> str:
    """'1 as lead, 2 as co-signer': see wording.roles_detail()."""
    return wording.roles_detail(signed, led, cosigned)


@register.simple_tag
def legislators_behind(named: int, letters_with_unnamed: int) -> str:
    """'12 legislators', or the same saying on how many letters signers are not named."""
    return wording.legislators_behind_phrase(named, letters_with_unnamed)


@register.simple_tag(takes_context=True)
def cite(context: template.Context, record: Any) -> citing.Citation:
    """`{% cite record as citation %}`: the page's citation, plain and BibTeX."""
    site_name, url = context.get("SITE_NAME") or "", context.get("canonical_url") or ""
    return citing.citation(record, site_name, url)


@register.filter
def party_split(letter: Any) -> str:
    """'20 Democrats, 16 Republicans' (among those named): see wording.party_split_phrase()."""
    return wording.party_split_phrase(
        letter.democrats, letter.republicans, letter.independents, letter.signers_all_named
    )
