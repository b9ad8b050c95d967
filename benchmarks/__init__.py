"""Benchmarks of the portal on national-scale data; run them with ``make bench`` (``python -m benchmarks``).

``benchmarks.database`` picks a dedicated PostgreSQL database next to the one in
DATABASE_URL, ``benchmarks.generate`` fills it once with deterministic data, and
``benchmarks.measure`` times pages and API lists in-process.
"""
