"""/api/v1/activities/: the same reads and writes as the HTML pages, through the same policy and services."""
