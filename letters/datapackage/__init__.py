"""The whole archive as one download: a Frictionless Data Package (a CSV file per table,
described by datapackage.json) and the same tables in one SQLite file, rebuilt when the
archive changes; its data dictionary is the models' help_text."""
