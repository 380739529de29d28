"""What visitors read about letters: the views, feeds, sitemap, downloads and the data page,
and the helpers only pages use (filters and facets, wording of counts, citations, passages
marked)."""
