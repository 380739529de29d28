"""What the archive may say about numbers the sources give or leave out, in one place.

Every page, export and feed words signer counts, roles and the legislators behind a
letter through these functions (and the `wording` template tags that call them), so no
page states a number the sources do not support:

- a number of signers is exact only where a source states it ("Thirty-six U.S.
  Representatives") or where the sources name every signer (the letter's reproduced
  signature blocks all carry a name, or, where neither is given, signers are named and the
  editors noted nothing left out in `signers_note`: letters.models.letter.ALL_SIGNERS_NAMED,
  read here from the letter's annotation, never worked out again); otherwise it is "at
  least" the signers the sources show;
- signature blocks the source shows without a name count towards "at least", and are
  called what they are ("signature blocks without names");
- a role is only given where the source gives it.

Nothing here queries the database: the callers pass the counts they have read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import pluralize


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 signer', '4 signers', '2 letters'."""
    if plural_form is None:
        return f"{count} {singular}{pluralize(count)}"
    return f"{count} {singular if count == 1 else plural_form}"


@dataclass(frozen=True)
class SignerCount:
    """What the sources support about how many signed one letter.

    `named`: signers recorded by name; `stated`: the number a source states, if any;
    `blocks`: the signature blocks the letter's reproduced text shows (named or not), if
    a source reproduces them; `all_named`: whether the sources name every signer, by the
    rule the database states once (letters.models.letter.ALL_SIGNERS_NAMED): the rule the
    members page follows before it says "did not sign"."""

    named: int
    all_named: bool
    stated: int | None = None
    blocks: int | None = None

    @classmethod
    def of(cls, letter: Any) -> SignerCount:
        """From a letter annotated by with_signer_counts() (or a dict of the same keys);
        a letter without `signers_all_named` is an error, never a guess."""

        def read(key: str) -> Any:
            return letter.get(key) if isinstance(letter, dict) else getattr(letter, key, None)

        all_named = read("signers_all_named")
        if all_named is None:
            raise ValueError("SignerCount needs a letter read with with_signer_counts().")
        return cls(
            named=read("signers_recorded") or 0,
            all_named=bool(all_named),
            stated=read("signers_stated"),
            blocks=read("signature_blocks"),
        )

    @property
    def exact(self) -> bool:
        """True when the sources give the whole number of signers: a source states it, or
        they name every signer."""
        return self.all_named or bool(self.stated)

    @property
    def least(self) -> int:
        """The number of signers the sources support: exact, or a lower bound (signature
        blocks count where no source states a number)."""
        if self.stated:
            return max(self.named, self.stated)
        return max(self.named, self.blocks or 0)

    @property
    def unnamed_blocks(self) -> int:
        """Signature blocks the source shows without a name."""
        return max((self.blocks or 0) - self.named, 0) if not self.stated else 0

    @property
    def phrase(self) -> str:
        """'36 signers', 'at least 4 signers', or 'signers not named in the source'."""
        if not self.least:
            return "signers not named in the source"
        count = plural(self.least, "signer")
        return count if self.exact else f"at least {count}"

    @property
    def detail(self) -> str:
        """How the number was read, in a sentence fragment for beside the phrase."""
        if self.stated:
            if self.all_named:
                return "all named"
            if not self.named:
                return f"{self.stated} stated by the source, none named"
            return f"{self.stated} stated by the source, {self.named} named"
        if self.unnamed_blocks:
            blocks = plural(self.unnamed_blocks, "signature block")
            if not self.named:
                return f"none named: {blocks} without names"
            return f"{self.named} named and {blocks} without names"
        if self.all_named:
            return "all named"
        if not self.named:
            return "the source does not say how many signed"
        return f"{self.named} named; the source does not say how many signed"


def roles_detail(signed: int, led: int, cosigned: int) -> str:
    """'1 as lead, 2 as co-signer'; a role only where a source gives one: 'the source does
    not say who led', never '0 as lead, 0 as co-signer'."""
    unstated = signed - led - cosigned
    if unstated and not (led or cosigned):
        return (
            "the source does not say who led" if signed == 1 else "the sources do not say who led"
        )
    parts = [
        f"{led} as lead" if led else "",
        f"{cosigned} as co-signer" if cosigned else "",
        f"{unstated} where the source does not say who led" if unstated else "",
    ]
    return ", ".join(part for part in parts if part)


def roles_phrase(signed: int, led: int, cosigned: int) -> str:
    """'3 letters (1 as lead, 2 as co-signer)', '1 letter (the source does not say who led)'."""
    detail = roles_detail(signed, led, cosigned)
    letters = plural(signed, "letter")
    return f"{letters} ({detail})" if detail else letters


def legislators_behind_phrase(named: int, letters_with_unnamed: int) -> str:
    """The legislators who signed a set of letters: '12 legislators', or '12 named
    legislators, and signers not named in the source on 2 letters'."""
    if not letters_with_unnamed:
        return plural(named, "legislator")
    on_letters = plural(letters_with_unnamed, "letter")
    return (
        f"{plural(named, 'named legislator')}, and signers not named in the source on {on_letters}"
    )


def party_split_phrase(democrats: int, republicans: int, independents: int, all_named: bool) -> str:
    """'20 Democrats, 16 Republicans' of a letter's named signers, 'among those named' where
    the sources do not name every signer; '' where none is named."""
    if not democrats + republicans + independents:
        return ""
    parts = [plural(democrats, "Democrat"), plural(republicans, "Republican")]
    if independents:
        parts.append(plural(independents, "Independent"))
    split = ", ".join(parts)
    return split if all_named else f"{split} among those named"
