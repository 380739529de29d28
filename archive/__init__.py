"""Project wiring, and what both apps share: base model, quote checks, text, filters, exports."""
