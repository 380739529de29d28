"""Template filters for the letters pages."""
