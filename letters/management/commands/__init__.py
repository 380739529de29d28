"""Load, draft, serve and generate the archive from the command line."""
