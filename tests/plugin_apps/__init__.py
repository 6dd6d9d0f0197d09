"""A stand-in project app for tests/test_plugins.py: its `broken` module fails inside."""
