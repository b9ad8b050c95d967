"""``make loadtest``: the production shape on this host under a bounded, headless locust load.

``loadtest.prepare`` builds a database of its own from the benchmark data (kept as a
template, so every run starts from the same state), ``loadtest/locustfile.py`` plays
municipality and staff users, and ``loadtest.verify`` reports per route and checks the
database against what the users did. ``scripts/loadtest`` runs the whole sequence.
"""
