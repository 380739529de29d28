"""Project wiring, and what both apps share: base model, quote checks, text and names,
badges, states, filters, exports, feeds."""
