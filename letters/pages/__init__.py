"""What visitors read about letters: the views, feeds, sitemap and downloads, and the helpers
only pages use (filters and facets, wording of counts, citations, passages marked)."""
