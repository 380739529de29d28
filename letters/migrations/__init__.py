"""Migrations of the letters app."""
