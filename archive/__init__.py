"""Project wiring, and what both apps share: base model, text matching, filters, exports, links."""
