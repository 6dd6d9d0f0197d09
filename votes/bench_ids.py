"""Fixed ids shared by votes/bench_targets.py (imported without Django) and votes/bench_data.py."""

BENCH_POLL_ID = 900_001
