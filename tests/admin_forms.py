"""What a browser would POST for an admin form: a change form with its inlines, or one of
the drafting tool's forms."""

from __future__ import annotations

from django import forms

from tests.responses import ClientResponse


def admin_form_data(response: ClientResponse) -> dict[str, object]:
    """The form in an admin add/change/revision/recover page, as a browser would send it."""
    data: dict[str, object] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None and value is not False:
                    data[subform.add_prefix(name)] = value
    return data


def posted_fields(form: forms.Form) -> dict[str, str]:
    """A form's fields as a browser posts them: a ticked box as 'on', an unticked one left
    out, every other value as text."""
    data: dict[str, str] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if getattr(field.widget, "input_type", "") == "checkbox":
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data
