"""The fixed id of the bench event, shared by bench_targets.py and bench_data.py (no imports: no cycles)."""

BENCH_EVENT_ID = 900_001
