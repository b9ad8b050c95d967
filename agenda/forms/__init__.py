"""Forms of the agenda app, one module per group of pages."""
