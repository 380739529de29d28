"""Import legislators from the congress-legislators reference data."""
