"""The benchmark, the load test and the synthetic archive they run on; not part of the site.

`bench.settings` (the production settings plus this app and the ceiling page) is used by
bench/run.py and by `manage.py generate_synthetic_archive --settings bench.settings`.
"""
