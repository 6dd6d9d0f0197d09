"""Writes of the cms app: page tree and workflow set-up, activity submissions, comments."""
