"""The admin page that drafts a letter from pasted text: paste, review, confirm.

Nothing is written before the editor confirms: the review step re-reads the pasted text
(carried in the form), and only the confirm step calls `save_draft()`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from letters.admin.sources import attach, attach_form
from letters.drafting import LetterDraft, Resolutions, draft_letter, save_draft
from letters.drafting.checklist import (
    draft_checklist,
    numbered_passages,
    plain_words,
    signer_words,
    wording_words,
)
from letters.drafting.existing import (
    close_letters,
    recognise_letter,
    ruled_out_letters,
    weigh_candidates,
)
from letters.drafting.intake import (
    MAX_TEXT_CHARS,
    check_holds_a_letter,
    check_text,
    text_from_bytes,
)
from letters.drafting.new_legislators import create_legislator_from_signer
from letters.models import Letter, SignatoryRole, SourceKind


class DraftTextForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "cols": 110}),
        strip=False,
        required=False,
        help_text="Paste the press release and/or the letter's text, exactly as received.",
    )
    file = forms.FileField(
        required=False,
        label="Or a text file",
        help_text="A UTF-8 text file holding the press release or letter (instead of pasting).",
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text="Optional: the letter's title, where the text does not give one.",
    )

    def clean(self) -> dict[str, Any]:
        """The text pasted or uploaded, refused when empty, binary or over the size limit.
        Browsers send line breaks as CRLF; the text keeps the breaks it was pasted with."""
        super().clean()
        cleaned = self.cleaned_data
        upload = cleaned.get("file")
        try:
            if upload is not None:
                if upload.size > MAX_TEXT_CHARS * 4:
                    raise ValidationError(
                        f"The file is over the size limit ({upload.size:,} bytes)."
                    )
                text = text_from_bytes(upload.read(), name=f"“{upload.name}”")
            else:
                text = (cleaned.get("text") or "").replace("\r\n", "\n")
            cleaned["text"] = check_text(text)
        except ValidationError as error:
            self.add_error("file" if upload is not None else "text", error)
        return cleaned

    def hidden_fields_to_carry(self) -> list[tuple[str, str]]:
        """The text and title, for the review page to post back (an upload as its text)."""
        return [(name, self.cleaned_data.get(name) or "") for name in ("text", "title")]


class DraftReviewForm(forms.Form):
    """The editor's decisions on a draft: one row of fields per signer and item."""

    slug = forms.SlugField(max_length=160, help_text="Permanent URL name of the new letter.")
    letter_title = forms.CharField(max_length=300, label="Title")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))
    source_title = forms.CharField(max_length=300, help_text="Title of the pasted document.")
    source_kind = forms.ChoiceField(choices=SourceKind.choices)
    save_anyway = forms.BooleanField(
        required=False,
        label="Save as a new letter although it seems to be in the archive already",
    )

    letter_field_names = ("slug", "letter_title", "summary", "source_title", "source_kind")

    def __init__(
        self, *args: Any, draft: LetterDraft, existing: Letter | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.existing = existing
        for signer in draft.signers:
            prefix = f"signer_{signer.position}"
            choices = signer.choices
            self.fields[f"{prefix}_keep"] = forms.BooleanField(required=False, initial=True)
            # Choices from the legislators the draft already loaded: no query per signer.
            self.fields[f"{prefix}_legislator"] = forms.TypedChoiceField(
                choices=[("", "— choose —")] + [(c.pk, str(c)) for c in choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=signer.legislator.pk if signer.is_resolved and signer.legislator else None,
            )
            self.fields[f"{prefix}_role"] = forms.ChoiceField(
                choices=SignatoryRole.choices, initial=signer.role
            )
        for kind, items in (
            ("recipient", draft.recipients),
            ("mention", draft.mentions),
            ("demand", draft.demands),
        ):
            for item in items:
                self.fields[f"{kind}_{item.position}_keep"] = forms.BooleanField(
                    required=False, initial=True
                )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for signer in self.draft.signers:
            prefix = f"signer_{signer.position}"
            if cleaned.get(f"{prefix}_keep") and not cleaned.get(f"{prefix}_legislator"):
                self.add_error(
                    f"{prefix}_legislator", "Choose the legislator, or untick this signer."
                )
        for recipient in self.draft.recipients:
            if recipient.recipient is None and cleaned.get(f"recipient_{recipient.position}_keep"):
                self.add_error(
                    f"recipient_{recipient.position}_keep",
                    "Not in the archive: add the recipient first, or untick it.",
                )
        if self.existing is not None and not cleaned.get("save_anyway"):
            self.add_error("save_anyway", "This letter seems to be in the archive already.")
        return cleaned

    def resolutions(self) -> Resolutions:
        data = self.cleaned_data
        resolutions = Resolutions()
        for signer in self.draft.signers:
            prefix = f"signer_{signer.position}"
            if not data.get(f"{prefix}_keep"):
                resolutions.excluded.add(("signer", signer.position))
                continue
            chosen = {legislator.pk: legislator for legislator in signer.choices}
            resolutions.legislators[signer.position] = chosen[data[f"{prefix}_legislator"]]
            resolutions.roles[signer.position] = data[f"{prefix}_role"]
        for kind, items in (
            ("recipient", self.draft.recipients),
            ("mention", self.draft.mentions),
            ("demand", self.draft.demands),
        ):
            for item in items:
                if not data.get(f"{kind}_{item.position}_keep"):
                    resolutions.excluded.add((kind, item.position))
        return resolutions

    def signer_rows(self) -> list[dict[str, Any]]:
        """One row per signer, those to resolve first; each passage numbered once
        (signer_passages())."""
        _, numbers = numbered_passages([signer.passage for signer in self.draft.signers])
        rows = [
            {
                "signer": signer,
                "words": signer_words(signer),
                "passage_number": number,
                "keep": self[f"signer_{signer.position}_keep"],
                "legislator": self[f"signer_{signer.position}_legislator"],
                "role": self[f"signer_{signer.position}_role"],
            }
            for signer, number in zip(self.draft.signers, numbers, strict=True)
        ]
        return sorted(rows, key=lambda row: row["signer"].is_resolved)

    def signer_passages(self) -> list[str]:
        return numbered_passages([signer.passage for signer in self.draft.signers])[0]

    def recipient_rows(self) -> list[dict[str, Any]]:
        return self._item_rows("recipient", self.draft.recipients)

    def mention_rows(self) -> list[dict[str, Any]]:
        return self._item_rows("mention", self.draft.mentions)

    def demand_rows(self) -> list[dict[str, Any]]:
        return self._item_rows("demand", self.draft.demands)

    def _item_rows(self, kind: str, items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "keep": self[f"{kind}_{item.position}_keep"],
                "origin": wording_words(item.wording_origin) if kind == "demand" else "",
            }
            for item in items
        ]


PASTE_PAGE = "admin/letters/letter/draft_paste.html"
REVIEW_PAGE = "admin/letters/letter/draft_review.html"


def draft_letter_view(request: HttpRequest, model_admin: admin.ModelAdmin[Letter]) -> HttpResponse:
    """Step 1 (GET): paste. Step 2 (POST 'review'): the draft for review, with the letter
    it is about where one is recognised (or chosen: 'attach_to'). Step 3 (POST 'confirm'):
    save a new letter; or (POST 'attach') add the text as a source of that letter; then go
    to the letter's change page."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    step = request.POST.get("step", "") if request.method == "POST" else ""
    text_form = DraftTextForm(request.POST if step else None, request.FILES if step else None)
    draft = _read(request, step, text_form) if step and text_form.is_valid() else None
    if draft is None:
        return _render(request, model_admin, PASTE_PAGE, text_form)
    ranked = weigh_candidates(draft)
    recognition = recognise_letter(draft, ranked)
    existing = recognition.letter if recognition else None
    target = _attach_target(request, existing)
    attaching = attach_form(request, draft, target, bound=step == "attach") if target else None
    if step == "attach" and attaching is not None:
        if not model_admin.has_change_permission(request, attaching.letter):
            raise PermissionDenied
        done = attach(request, draft, attaching)
        if done is not None:
            return done
    review, saved = _review(request, step, draft, existing)
    if saved is not None:
        return saved
    return _render(
        request,
        model_admin,
        REVIEW_PAGE,
        text_form,
        review=review,
        draft=draft,
        checklist=draft_checklist(draft, attaching),
        words=plain_words(draft),
        existing=existing,
        recognition=recognition,
        close=close_letters(draft, ranked),
        ruled_out=ruled_out_letters(draft, ranked),
        target=target,
        attaching=attaching,
        existing_url=reverse("admin:letters_letter_change", args=[existing.pk]) if existing else "",
    )


def _read(request: HttpRequest, step: str, text_form: DraftTextForm) -> LetterDraft | None:
    """The draft of the text posted, read again after the editor creates a legislator for
    an unmatched signer; None (the error on the form) where the text holds no letter."""
    text, title = text_form.cleaned_data["text"], text_form.cleaned_data["title"]
    draft = draft_letter(text, title=title)
    if step == "create_legislator" and _create_legislator(request, draft):
        # Read again: the signer now matches the new legislator, like any other.
        draft = draft_letter(text, title=title)
    try:
        check_holds_a_letter(draft)
    except ValidationError as error:
        text_form.add_error("text", error)
        return None
    return draft


def _review(
    request: HttpRequest, step: str, draft: LetterDraft, existing: Letter | None
) -> tuple[DraftReviewForm, HttpResponse | None]:
    """The review form; on 'confirm', the new letter saved and the redirect to it (or the
    form with its errors)."""
    if step != "confirm":
        initial = {
            "slug": draft.suggested_slug,
            "letter_title": draft.suggested_title,
            "source_title": draft.suggested_source_title,
            "source_kind": draft.suggested_source_kind,
        }
        return DraftReviewForm(initial=initial, draft=draft, existing=existing), None
    review = DraftReviewForm(request.POST, draft=draft, existing=existing)
    if not review.is_valid():
        return review, None
    try:
        letter = _save(request, draft, review)
    except ValidationError as error:
        review.add_error(None, error.messages)
        return review, None
    messages.success(
        request,
        f"Saved “{letter.title}” with {letter.signatories.count()} signers from the pasted "
        "text. Check it below.",
    )
    return review, HttpResponseRedirect(reverse("admin:letters_letter_change", args=[letter.pk]))


def _create_legislator(request: HttpRequest, draft: LetterDraft) -> bool:
    """Create the unmatched signer the editor chose ('create_signer': its position) as a
    legislator entered by hand; say what happened."""
    if not request.user.has_perm("people.add_legislator"):
        raise PermissionDenied
    position = request.POST.get("create_signer", "")
    signer = next((s for s in draft.signers if str(s.position) == position), None)
    if signer is None or signer.legislator is not None:
        messages.error(request, "That signer is not unmatched: nothing was created.")
        return False
    try:
        legislator = create_legislator_from_signer(signer, chamber=draft.chamber, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(
        request,
        f"Created {legislator} as a legislator entered by hand; {signer.describe()} now "
        "matches them. Check the review below.",
    )
    return True


def _attach_target(request: HttpRequest, existing: Letter | None) -> Letter | None:
    """The letter the text would be attached to: the one the editor chose among those
    close to it, else the one recognised."""
    chosen = request.POST.get("attach_to", "")
    if chosen.isdigit():
        return Letter.objects.filter(pk=int(chosen)).first() or existing
    return existing


def _save(request: HttpRequest, draft: LetterDraft, review: DraftReviewForm) -> Letter:
    data = review.cleaned_data
    return save_draft(
        draft,
        slug=data["slug"],
        title=data["letter_title"],
        summary=data["summary"],
        source_title=data["source_title"],
        source_kind=data["source_kind"],
        resolutions=review.resolutions(),
        user=request.user,
    )


def _render(
    request: HttpRequest,
    model_admin: admin.ModelAdmin[Letter],
    template: str,
    text_form: DraftTextForm,
    **context: Any,
) -> TemplateResponse:
    opts = model_admin.model._meta
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": opts,
            "title": "Draft a letter from text",
            "text_form": text_form,
            **context,
        },
    )
