"""The staff's admin for letters: the letters with their parts, drafting a letter from pasted
text, adding and removing its sources, and campaigns with the responses to demands."""

from letters.admin import campaigns, drafts, letters, sources  # noqa: F401  (registers each)
