"""Template tags for the people pages (party badges)."""
