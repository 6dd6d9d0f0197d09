"""The votes REST API under /api/v1/polls/ (routes in votes/api_urls.py)."""
