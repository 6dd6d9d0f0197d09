"""English date formats of the platform (see config/formats/fr/formats.py)."""

DAY_FORMAT = "D j M"  # Mon 7 Dec
DAY_TIME_FORMAT = "D j M, H:i"  # Mon 7 Dec, 14:30
