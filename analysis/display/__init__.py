"""Presentation: how the KPIs, the budget, the map, the dashboards and the annual analysis are shown.

Nothing here computes a figure (that is ``analysis.kpis`` and the snapshots) or reads
the database beyond what it is handed; it formats, groups and draws.
"""
