"""The test suite: what visitors and editors rely on, page by page and model by model."""
