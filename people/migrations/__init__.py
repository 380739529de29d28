"""Migrations of the people app."""
