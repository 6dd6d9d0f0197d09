"""HTML views of events: member-facing pages (public) and organiser pages (manage)."""
