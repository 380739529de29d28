"""Admin: a pasted text added as another source of a letter in the archive (the editor takes
what it adds, keeps or replaces what differs), and a source removed from a letter with what
it gave. Both change nothing until the editor confirms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from letters.drafting import LetterDraft
from letters.drafting.attaching import (
    KEEP,
    TAKE,
    Addition,
    attach_source,
    compare_with_letter,
    remove_source,
)
from letters.models import Letter, LetterPart, SourceKind


class AttachSourceForm(forms.Form):
    """What the editor takes from a text about a letter: one choice per addition."""

    attach_source_title = forms.CharField(
        max_length=300, label="Title of the text", help_text="Its headline, or a description."
    )
    attach_source_kind = forms.ChoiceField(choices=SourceKind.choices, label="Kind of text")

    def __init__(self, *args: Any, draft: LetterDraft, letter: Letter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.additions = compare_with_letter(draft, letter)
        for addition in self.additions:
            if addition.differs:
                choices = [
                    (KEEP, f"Keep {addition.recorded}; show this source's value beside it"),
                    (TAKE, f"Take {addition.says}; show {addition.recorded} beside it"),
                ]
                if addition.fact == "party":
                    choices = choices[:1]
                field: forms.Field = forms.ChoiceField(
                    choices=choices, initial=KEEP, widget=forms.RadioSelect
                )
            else:
                field = forms.BooleanField(
                    required=False, initial=addition.default == TAKE, label="Take"
                )
            self.fields[f"take_{addition.key}"] = field

    def rows(self) -> list[tuple[Addition, forms.BoundField]]:
        """Each addition with its choice, differences first."""
        return [(addition, self[f"take_{addition.key}"]) for addition in self.additions]

    def choices(self) -> dict[str, str]:
        chosen = {}
        for addition in self.additions:
            value = self.cleaned_data.get(f"take_{addition.key}")
            if isinstance(value, bool):
                value = TAKE if value else KEEP
            chosen[addition.key] = value or addition.default
        return chosen


def attach_form(
    request: HttpRequest, draft: LetterDraft, letter: Letter, *, bound: bool
) -> AttachSourceForm:
    initial = {
        "attach_source_title": draft.suggested_source_title,
        "attach_source_kind": draft.suggested_source_kind,
    }
    data = request.POST if bound else None
    return AttachSourceForm(data, initial=initial, draft=draft, letter=letter)


def attach(request: HttpRequest, draft: LetterDraft, form: AttachSourceForm) -> HttpResponse | None:
    """Attach the text to the form's letter and go to the letter, or None where the form
    is invalid (its errors say why)."""
    if not form.is_valid():
        return None
    letter = form.letter
    try:
        source = attach_source(
            draft,
            letter,
            source_title=form.cleaned_data["attach_source_title"],
            source_kind=form.cleaned_data["attach_source_kind"],
            choices=form.choices(),
            user=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    taken = sum(1 for key, choice in form.choices().items() if choice == TAKE)
    messages.success(
        request,
        f"Added “{source.title}” as a source of “{letter.title}”, with {taken} of "
        f"{len(form.additions)} things it adds or says otherwise taken. Check them below.",
    )
    return HttpResponseRedirect(reverse("admin:letters_letter_change", args=[letter.pk]))


def remove_source_view(
    request: HttpRequest, letter_id: str, source_id: str, model_admin: admin.ModelAdmin[Letter]
) -> HttpResponse:
    """GET: what removing the source would take away. POST: remove it."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied  # before any lookup: the answer says nothing of what exists
    letter = get_object_or_404(Letter, pk=letter_id)
    if not model_admin.has_change_permission(request, letter):
        raise PermissionDenied
    source = get_object_or_404(letter.sources, pk=source_id)
    change_url = reverse("admin:letters_letter_change", args=[letter.pk])
    error = ""
    if request.method == "POST":
        try:
            remove_source(letter, source, user=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"Removed “{source.title}” and what it gave.")
            return HttpResponseRedirect(change_url)
    given = [
        (part._meta.verbose_name_plural, list(part.objects.filter(letter=letter, source=source)))
        for part in LetterPart.__subclasses__()
    ]
    roles = letter.signatories.filter(role_source=source).count()
    facts = [
        label
        for label, gives in (
            ("the date", letter.date_source_id == source.pk),
            ("the number of signers", letter.signers_stated_source_id == source.pk),
            (f"the role of {roles} signer{'s' if roles != 1 else ''}", roles),
        )
        if gives
    ]
    return TemplateResponse(
        request,
        "admin/letters/letter/remove_source.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Letter._meta,
            "title": f"Remove a source from “{letter.title}”",
            "letter": letter,
            "source": source,
            "given": [(label, rows) for label, rows in given if rows],
            "facts": facts,
            "error": error,
            "change_url": change_url,
        },
    )
